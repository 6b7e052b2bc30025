"""The ``people.remind`` job: e-mail reminders for access-review follow-ups, review campaigns and leavers.

- a follow-up (an account to revoke or change) not done within REMIND_DAYS of its due date, or overdue: to
  its corrective action's owner (else whoever closed the review);
- an open review campaign within REMIND_DAYS of its due date, or overdue: to each reviewer who still has
  undecided accounts in it (and, once overdue, to whoever opened it);
- an offboarding checklist still open after the leaving day: to whoever opened it.
Without anyone to write to, the 個資保護總負責人 hears instead. Each row is reminded at most once a day
(``last_reminded_on``) and is sent on its own: one row that cannot be sent never stops the others (it is
tried again on the next run). One audit row per run with what was sent.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from shouhu.audit.services import record
from shouhu.core import siteurl
from shouhu.core.messages import compose
from shouhu.core.rocdate import format_roc_date
from shouhu.jobs.models import Job
from shouhu.jobs.services import REMINDERS_SENT, Progress, handler
from shouhu.people.models import Decision, FollowUp, Offboarding, Review, ReviewState

logger = logging.getLogger(__name__)
REMIND_JOB = "people.remind"
REMIND_DAYS = 3  # "near due": this many days before the due date (our choice, not a legal figure)


@dataclass(frozen=True)
class Reminder:
    row: Model
    kind: str  # followup / review / offboarding
    to: list[str]
    subject: str
    body: str


def _email(user: Any) -> str:
    return (getattr(user, "email", "") or "").strip() if user is not None else ""


def _chiefs() -> list[str]:
    from shouhu.organization.models import Designation
    from shouhu.organization.selectors import current_designations

    out = []
    for designation in current_designations().filter(kind=Designation.Kind.PRIVACY):
        person = designation.person
        email = person.email or (_email(person.user) if person.user_id else "")
        if email:
            out.append(email)
    return out


def _to(*addresses: str) -> list[str]:
    found = [a for a in addresses if a]
    return list(dict.fromkeys(found or _chiefs()))


def _when(due: dt.date, today: dt.date) -> str:
    if due < today:
        return f"已逾期 {(today - due).days} 日"
    if due == today:
        return "今日到期"
    return f"{(due - today).days} 日後到期"


def _link(name: str, pk: int) -> str:
    return siteurl.base_url() + reverse(name, args=[pk])


def _followup(followup: FollowUp, today: dt.date) -> Reminder:
    account, review = followup.account, followup.account.review
    verb = "撤銷" if account.decision == Decision.REVOKE else "調整權限"
    owner = followup.action.owner if followup.action_id and followup.action else None
    lines = [
        f"系統：{review.system.name}", f"帳號：{account.username}（{account.display_name or '未提供姓名'}）",
        f"審查決定：{verb}；理由：{account.reason}",
        f"處理期限：{format_roc_date(followup.due_on)}（{_when(followup.due_on, today)}）",
    ]  # fmt: skip
    if followup.action_id:
        lines.append(f"矯正措施：CA-{followup.action_id}（結案即完成此待辦）")
        lines.append(_link("assessment:action", followup.action_id))
    else:
        lines.append(_link("people:review", review.pk))
    return Reminder(
        followup, "followup", _to(_email(owner) or _email(review.closed_by)),
        f"[守護] 權限{verb}待辦提醒：{review.system.name} {account.username}（{_when(followup.due_on, today)}）",
        "\n".join(lines),
    )  # fmt: skip


def _review(review: Review, today: dt.date) -> Reminder:
    undecided = review.accounts.filter(decision="")
    reviewers = list(review.reviewers.all())
    overdue = review.due_on < today
    lines = [
        f"審查：{review.title}（{review.system.name}）",
        f"完成期限：{format_roc_date(review.due_on)}（{_when(review.due_on, today)}）",
        f"尚未決定：{undecided.count()} 個帳號（共 {review.accounts.count()} 個）",
        "請登入守護 → 我的工作 → 我的權限審查，逐一決定保留、調整權限或撤銷並填寫理由。",
        _link("people:review", review.pk),
    ]
    to = [_email(u) for u in reviewers] + ([_email(review.created_by)] if overdue else [])
    return Reminder(
        review, "review", _to(*to),
        f"[守護] 存取權限審查提醒：{review.title}（{_when(review.due_on, today)}）", "\n".join(lines),
    )  # fmt: skip


def _offboarding(offboarding: Offboarding, today: dt.date) -> Reminder:
    pending = list(offboarding.items.filter(outcome=""))
    lines = [
        f"離職人員：{offboarding.person.name}",
        f"離職日：{format_roc_date(offboarding.leaving_on)}（已過 {(today - offboarding.leaving_on).days} 日）",
        f"尚未完成：{len(pending)} 項" + ("".join(f"\n- {i.title}" for i in pending)),
        "離職檢核完成前，其帳號、設備與持有之個人資料可能仍未收回。",
        _link("people:offboarding", offboarding.pk),
    ]
    return Reminder(
        offboarding, "offboarding", _to(_email(offboarding.opened_by)),
        f"[守護] 離職檢核未完成提醒：{offboarding.person.name}", "\n".join(lines),
    )  # fmt: skip


def due(today: dt.date) -> Iterable[tuple[Model, Callable[[Any, dt.date], Reminder]]]:
    """Every row to remind about today (not yet reminded today), with the function that words it."""
    horizon = today + dt.timedelta(days=REMIND_DAYS)
    followups = (
        FollowUp.objects.filter(done_at__isnull=True, due_on__lte=horizon)
        .exclude(last_reminded_on=today)
        .select_related("account__review__system", "account__review__closed_by", "action__owner")
    )
    reviews = (
        Review.objects.filter(state=ReviewState.OPEN, due_on__lte=horizon, accounts__decision="")
        .exclude(last_reminded_on=today)
        .select_related("system", "created_by")
        .distinct()
    )
    offboardings = (
        Offboarding.objects.filter(closed_at__isnull=True, leaving_on__lt=today)
        .exclude(last_reminded_on=today)
        .select_related("person", "opened_by")
    )
    yield from ((f, _followup) for f in followups)
    yield from ((r, _review) for r in reviews)
    yield from ((o, _offboarding) for o in offboardings)


def send_reminders(*, on: dt.date | None = None, actor: Any = None) -> dict[str, int]:
    today = on or timezone.localdate()
    sent: dict[str, list[int]] = {"followup": [], "review": [], "offboarding": []}
    failed = 0
    connection = get_connection()
    for row, word in due(today):
        try:
            reminder = word(row, today)
            if not reminder.to:
                continue  # nobody to write to, not even a 個資保護總負責人: shown on the pages instead
            EmailMessage(
                reminder.subject, reminder.body + "\n\n— 守護 Shouhu 自動提醒", settings.DEFAULT_FROM_EMAIL,
                reminder.to, connection=connection,
            ).send()  # fmt: skip
        except Exception as error:  # one row that cannot be worded or sent never stops the others
            logger.warning(
                "people reminder %s:%s not sent: %s", type(row).__name__, row.pk, type(error).__name__
            )
            failed += 1
            continue
        type(row)._default_manager.filter(pk=row.pk).update(last_reminded_on=today)
        sent[reminder.kind].append(row.pk)
    total = sum(len(v) for v in sent.values())
    if total or failed:
        record(actor=actor, action="people.reminders_sent", object_type="people.reminders",
               changes={**{k: [None, v] for k, v in sent.items() if v}, "failed": [None, failed]})  # fmt: skip
    return {"sent": total, "failed": failed, **{k: len(v) for k, v in sent.items()}}


@handler(REMIND_JOB, permission="people.manage", idempotent=True)
def remind(job: Job, progress: Progress) -> dict[str, Any]:
    result = send_reminders(actor=job.created_by)
    progress(1, 1, compose(REMINDERS_SENT, sent=result["sent"]))
    return result
