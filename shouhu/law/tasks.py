"""Job handler: the one parameterised reminder job (cron may instead run ``shouhu deadlines remind``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from shouhu.core.messages import compose, define
from shouhu.core.rocdate import parse_date
from shouhu.jobs.models import Job
from shouhu.jobs.services import Progress, handler
from shouhu.law import services

SENDING = define("law.reminders_sending", gettext_noop("寄送提醒中"))
SENT = define("law.reminders_sent", gettext_noop("已寄送 {sent} 封"))


@handler("law.send_reminders", permission="law.manage")
def send_reminders(job: Job, progress: Progress) -> dict[str, Any]:
    """Params: ``days_before`` (default 14), ``on`` (ISO or ROC date; default today)."""
    params = job.params or {}
    on = parse_date(params["on"]) if params.get("on") else None
    progress(0, 1, compose(SENDING))
    result = services.send_reminders(
        on=on, days_before=int(params.get("days_before", 14)), actor=job.created_by
    )
    progress(1, 1, compose(SENT, sent=result["sent"]))
    return result
