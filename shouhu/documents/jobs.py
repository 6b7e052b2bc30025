"""The daily ``documents.remind`` job: add new joiners to open campaigns, e-mail those who have not confirmed."""

from __future__ import annotations

from typing import Any

from shouhu.jobs.models import Job
from shouhu.jobs.services import Progress, handler

REMIND_JOB = "documents.remind"


@handler(REMIND_JOB, permission="documents.manage", idempotent=True)
def remind(job: Job, progress: Progress) -> dict[str, Any]:
    from shouhu.documents.services import send_reminders

    return send_reminders(actor=job.created_by)
