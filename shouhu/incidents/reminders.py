"""Deadline reminders: one parameterised job for every stage (24 h, 6 h, 1 h before, and passed).

Each (deadline, stage, due time) is sent at most once; a recomputed due time starts its stages afresh.
When a run finds several stages already reached (e.g. a deadline created 5 hours before it is due), only
the most urgent one is sent: the earlier ones are moot.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from shouhu.audit.services import record
from shouhu.core import siteurl
from shouhu.core.messages import compose
from shouhu.core.rocdate import RocDateError
from shouhu.core.validation import is_sane
from shouhu.incidents import clocks, selectors
from shouhu.incidents.models import LIVE_STATES, IncidentDeadline, Reminder
from shouhu.incidents.reports import roc_time
from shouhu.jobs.services import REMINDERS_SENT, handler

logger = logging.getLogger(__name__)

# The schedule table: stage name, how long before the due time, label.
STAGES: tuple[tuple[str, dt.timedelta, str], ...] = (
    ("passed", dt.timedelta(0), "已逾期"),
    ("1h", dt.timedelta(hours=1), "剩不到 1 小時"),
    ("6h", dt.timedelta(hours=6), "剩不到 6 小時"),
    ("24h", dt.timedelta(hours=24), "剩不到 24 小時"),
)


def current_stage(due_at: dt.datetime, now: dt.datetime) -> tuple[str, str] | None:
    for name, before, label in STAGES:
        if now >= due_at - before:
            return name, label
    return None


def recipients(row: IncidentDeadline) -> list[str]:
    """The incident owner and the current 總負責人 (個資; and 資安 unless it was answered not to be one)."""
    from shouhu.organization.models import Designation
    from shouhu.organization.selectors import current_designations

    incident = row.incident
    out: list[str] = []
    if incident.owner and incident.owner.email:
        out.append(incident.owner.email)
    kinds = [Designation.Kind.PRIVACY] + (
        [Designation.Kind.SECURITY] if incident.cyber is not False or incident.level else []
    )
    for designation in current_designations().filter(kind__in=kinds):
        email = designation.person.email or (designation.person.user.email if designation.person.user else "")
        if email:
            out.append(email)
    return list(dict.fromkeys(out))


def _message(row: IncidentDeadline, label: str, to: list[str]) -> EmailMessage:
    incident = row.incident
    drill = "【演練】" if incident.is_drill else ""
    base = siteurl.base_url()
    url = base + reverse("incidents:detail", args=[incident.pk])
    pending = ""
    if row.pending:
        # A clock waiting on an unanswered fact is reminded like any other, with the question to answer.
        answers = "\n".join(f"・{p['label']}：{base}{p['url']}" for p in selectors.pending_links(row))
        pending = f"{row.pending_zh}\n（在判斷為「否」並寫明理由之前，本期限照常適用。請判斷：）\n{answers}\n"
    body = (
        f"{drill}事件：{incident.title}（INC-{incident.pk}）\n期限：{row.title_zh}\n義務：{row.obligor_zh}\n"
        f"到期時間：{roc_time(row.due_at)}（臺北時間）\n狀態：{label}\n對象：{row.recipient_zh}\n"
        f"{pending}法律依據：{row.legal_basis_zh}\n\n{url}\n\n— 守護 Shouhu 自動提醒"
    )
    flag = ("【疑似事件・暫定】" if incident.state == "suspected" else "") + (
        "【待判斷】" if row.pending else ""
    )
    return EmailMessage(
        subject=f"{drill}[守護] 期限提醒（{label}）：{flag}{row.title_zh}"[:250],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )


def send_due_reminders(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Send every reminder that is due now and not yet sent. Idempotent."""
    now = now or timezone.now()
    sent = skipped = failed = invalid = 0
    rows = IncidentDeadline.objects.filter(
        active=True, met_at__isnull=True, incident__state__in=LIVE_STATES, due_at__lte=now + STAGES[-1][1]
    ).select_related("incident", "incident__owner")
    connection = get_connection(fail_silently=False)
    for row in rows:
        # Each row on its own: a date stored before the services checked ranges is counted and skipped.
        if not is_sane(row.due_at):
            logger.warning("incident reminder for deadline %s skipped: stored due time out of range", row.pk)
            invalid += 1
            continue
        stage = current_stage(row.due_at, now)
        if stage is None or Reminder.objects.filter(deadline=row, stage=stage[0], due_at=row.due_at).exists():
            continue
        to = recipients(row)
        if not to:
            skipped += 1
            continue
        try:
            message = _message(row, stage[1], to)
        except (RocDateError, ValueError, OverflowError):
            logger.warning("incident reminder for deadline %s skipped: a stored date cannot be shown", row.pk)
            invalid += 1
            continue
        try:
            with transaction.atomic():
                reminder = Reminder.objects.create(
                    deadline=row, stage=stage[0], due_at=row.due_at, recipients=len(to)
                )
                connection.send_messages([message])
        except IntegrityError:
            continue  # another run sent it
        except (smtplib.SMTPException, OSError) as exc:
            logger.warning("incident reminder for deadline %s not sent: %s", row.pk, type(exc).__name__)
            failed += 1
            continue  # nothing recorded: the next run tries again
        record(
            actor=None,
            action="incidents.reminder_sent",
            obj=row.incident,
            changes={
                "deadline": [row.pk, row.pk],
                "stage": [None, stage[0]],
                "reminder": [None, reminder.pk],
            },
        )
        sent += 1
    logger.info(
        "incident reminders: %s sent, %s without recipients, %s failed, %s with a bad date",
        sent,
        skipped,
        failed,
        invalid,
    )
    return {"sent": sent, "skipped": skipped, "failed": failed, "invalid": invalid}


@handler("incidents.remind", permission="incidents.manage")
def remind_job(job: Any, progress: Any) -> dict[str, Any]:
    now = job.params.get("now")
    clocks.recompute_live()  # facts answered elsewhere (law facts, company profile) reach the clocks first
    result = send_due_reminders(now=dt.datetime.fromisoformat(now) if now else None)
    progress(1, 1, compose(REMINDERS_SENT, sent=result["sent"]))
    return result
