"""Reminders before a request's decision deadline and before the PDPA Art. 11 V task of notifying those
who received corrected data: one parameterised job, one schedule table.

Each (case, stage, due time) is sent at most once; an extension moves the due time, so its stages start
afresh. When several stages are reached at once only the most urgent one is sent. The Art. 11 task's
stages are kept as ``a11-<stage>`` rows of the same table.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from shouhu.audit.services import record
from shouhu.core import siteurl
from shouhu.core.messages import compose
from shouhu.core.rocdate import format_roc_date
from shouhu.jobs.services import REMINDERS_SENT, handler
from shouhu.requests.models import CLOSED, RecipientNotice, Reminder, SubjectRequest

logger = logging.getLogger(__name__)

STAGES: tuple[tuple[str, dt.timedelta, str], ...] = (
    ("passed", dt.timedelta(0), "已逾期"),
    ("1d", dt.timedelta(days=1), "剩不到 1 日"),
    ("3d", dt.timedelta(days=3), "剩不到 3 日"),
)


def current_stage(due_at: dt.datetime, now: dt.datetime) -> tuple[str, str] | None:
    for name, before, label in STAGES:
        if now >= due_at - before:
            return name, label
    return None


def recipients(request: SubjectRequest) -> list[str]:
    """The case owner and the current 個資保護總負責人."""
    from shouhu.organization.models import Designation
    from shouhu.organization.selectors import current_designations

    out: list[str] = []
    if request.owner and request.owner.email:
        out.append(request.owner.email)
    for designation in current_designations().filter(kind=Designation.Kind.PRIVACY):
        email = designation.person.email or (designation.person.user.email if designation.person.user else "")
        if email:
            out.append(email)
    return list(dict.fromkeys(out))


def _message(request: SubjectRequest, due_at: dt.datetime, label: str, to: list[str]) -> EmailMessage:
    url = siteurl.base_url() + reverse("requests:detail", args=[request.pk])
    body = (
        f"案件：{request.number}（{request.get_kind_display()}）\n"
        f"准駁期限：{format_roc_date(due_at, with_time=True)}（臺北時間）\n狀態：{label}\n"
        f"法律依據：{request.legal_basis_zh}\n\n{url}\n\n— 守護 Shouhu 自動提醒"
    )
    return EmailMessage(
        subject=f"[守護] 當事人請求期限提醒（{label}）：{request.number}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )


def send_due_reminders(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Send every reminder due now and not yet sent. Idempotent."""
    now = now or timezone.now()
    sent = skipped = failed = 0
    horizon = now + STAGES[-1][1]
    rows = (
        SubjectRequest.objects.exclude(state__in=CLOSED).filter(due_at__isnull=False).select_related("owner")
    )
    for request in rows:
        due_at = request.current_due_at
        if not isinstance(due_at, dt.datetime) or due_at > horizon:
            continue
        stage = current_stage(due_at, now)
        if stage is None or Reminder.objects.filter(request=request, stage=stage[0], due_at=due_at).exists():
            continue
        to = recipients(request)
        if not to:
            skipped += 1
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(request=request, stage=stage[0], due_at=due_at)
                _message(request, due_at, stage[1], to).send(fail_silently=False)
        except IntegrityError:
            continue  # another run sent it
        except (smtplib.SMTPException, OSError) as exc:
            logger.warning("request reminder for %s not sent: %s", request.pk, type(exc).__name__)
            failed += 1
            continue  # nothing recorded: the next run tries again
        record(actor=None, action="requests.reminder_sent", obj=request, changes={"stage": [None, stage[0]]})
        sent += 1
    return {"sent": sent, "skipped": skipped, "failed": failed}


ART11_PREFIX = "a11-"


def _art11_message(notice: RecipientNotice, label: str, to: list[str]) -> EmailMessage:
    request = notice.request
    url = siteurl.base_url() + reverse("requests:detail", args=[request.pk])
    due = notice.due_at
    assert due is not None
    body = (
        f"案件：{request.number}（{request.get_kind_display()}）已於{format_roc_date(notice.corrected_at, with_time=True)}"
        "更正或補充。\n應通知曾提供利用之對象："
        f"{notice.recipients or '（尚未記錄，請查明）'}\n"
        f"通知期限：{format_roc_date(due, with_time=True)}（臺北時間）\n狀態：{label}\n"
        f"法律依據：{notice.legal_basis_zh}\n\n{url}\n\n— 守護 Shouhu 自動提醒"
    )
    return EmailMessage(
        subject=f"[守護] 更正後通知提醒（{label}）：{request.number}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )


def send_art11_reminders(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Remind the owner and the 總負責人 of each open Art. 11 V notice task as its due time nears."""
    now = now or timezone.now()
    sent = skipped = failed = 0
    horizon = now + STAGES[-1][1]
    notices = RecipientNotice.objects.filter(done_at__isnull=True, due_at__lte=horizon).select_related(
        "request__owner"
    )
    for notice in notices:
        due_at = notice.due_at
        if not isinstance(due_at, dt.datetime):
            continue
        stage = current_stage(due_at, now)
        if stage is None:
            continue
        name = ART11_PREFIX + stage[0]
        if Reminder.objects.filter(request=notice.request, stage=name, due_at=due_at).exists():
            continue
        to = recipients(notice.request)
        if not to:
            skipped += 1
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(request=notice.request, stage=name, due_at=due_at)
                _art11_message(notice, stage[1], to).send(fail_silently=False)
        except IntegrityError:
            continue
        except (smtplib.SMTPException, OSError) as exc:
            logger.warning("art. 11 reminder for %s not sent: %s", notice.request_id, type(exc).__name__)
            failed += 1
            continue
        record(
            actor=None, action="requests.reminder_sent", obj=notice.request, changes={"stage": [None, name]}
        )
        sent += 1
    return {"sent": sent, "skipped": skipped, "failed": failed}


@handler("requests.remind", permission="requests.manage")
def remind_job(job: Any, progress: Any) -> dict[str, Any]:
    now = job.params.get("now")
    at = dt.datetime.fromisoformat(now) if now else None
    result = send_due_reminders(now=at)
    art11 = send_art11_reminders(now=at)
    result = {key: result[key] + art11[key] for key in result}
    progress(1, 1, compose(REMINDERS_SENT, sent=result["sent"]))
    return result
