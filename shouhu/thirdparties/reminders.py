"""The purge-due reminder: once a day, the 個資保護總負責人 and the officers hear which retention batches end
within 30 days. Each batch is announced once per stage (30 days before, and due), never twice."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from shouhu.audit.services import record
from shouhu.core.messages import compose, define
from shouhu.jobs.services import handler
from shouhu.thirdparties import selectors, services
from shouhu.thirdparties.models import RetentionBatch

logger = logging.getLogger(__name__)


def recipients() -> list[str]:
    from shouhu.organization.models import Designation
    from shouhu.organization.selectors import current_designations

    out = []
    for designation in current_designations().filter(kind=Designation.Kind.PRIVACY):
        email = designation.person.email or (designation.person.user.email if designation.person.user else "")
        if email:
            out.append(email)
    return list(dict.fromkeys(out))


def _stage(batch: RetentionBatch) -> str:
    return "due" if batch.due_on <= timezone.localdate() else "30d"


def send_purge_reminders() -> dict[str, int]:
    due = [b for b in selectors.purge_due() if _stage(b) not in b.reminded]
    to = recipients()
    if not due or not to:
        return {"sent": 0, "batches": len(due)}
    message = EmailMessage(
        subject=f"[守護] 保存期限屆至提醒（{len(due)} 批）",
        body=services.purge_reminder_text(due) + "\n\n— 守護 Shouhu 自動提醒",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    try:
        with transaction.atomic():
            for batch in due:
                batch.reminded = [*batch.reminded, _stage(batch)]
                batch.save(update_fields=["reminded"])
            message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("purge reminder not sent: %s", type(exc).__name__)
        return {"sent": 0, "batches": len(due), "failed": 1}  # nothing marked: the next run tries again
    record(
        actor=None,
        action="thirdparties.purge_reminder_sent",
        changes={"batches": [None, [b.pk for b in due]]},
    )
    return {"sent": 1, "batches": len(due)}


REMINDED = define("thirdparties.batches_reminded", gettext_noop("提醒 {batches} 批屆期資料"))


@handler("thirdparties.remind", permission="thirdparties.manage")
def remind_job(job: Any, progress: Any) -> dict[str, Any]:
    result = send_purge_reminders()
    progress(1, 1, compose(REMINDED, batches=result["batches"]))
    return result
