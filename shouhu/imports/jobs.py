"""Background job: confirm a large pending import with progress."""

from __future__ import annotations

from typing import Any

from shouhu.imports.services import JOB_KIND, return_to_preview, run_batch
from shouhu.jobs.models import Job
from shouhu.jobs.services import Progress, handler


def _worker_lost(job: Job) -> None:
    return_to_preview(
        int(job.params["batch_id"]), reason="背景程序中斷，匯入未完成（未寫入任何資料）；請重新確認。"
    )


# Idempotent: the batch is written in one transaction, so a worker that dies mid-way wrote nothing and the
# job can simply run again; when the reaper gives up, the batch returns to its preview instead of "running".
# The batch's own permission was checked when it was confirmed; ``run_batch`` validates again as the actor.
@handler(JOB_KIND, idempotent=True, on_lost=_worker_lost)
def import_job(job: Job, progress: Progress) -> dict[str, Any]:
    return run_batch(int(job.params["batch_id"]), actor=job.created_by, progress=progress)
