"""Background job: confirm a large pending import with progress."""

from __future__ import annotations

from typing import Any

from shouhu.core.messages import compose
from shouhu.imports.services import JOB_KIND, WORKER_LOST, return_to_preview, run_batch
from shouhu.jobs.models import Job
from shouhu.jobs.services import Progress, handler


def _worker_lost(job: Job) -> None:
    return_to_preview(int(job.params["batch_id"]), reason=compose(WORKER_LOST))


# Idempotent: the batch is written in one transaction, so a worker that dies mid-way wrote nothing and the
# job can simply run again; when the reaper gives up, the batch returns to its preview instead of "running".
# The batch's own permission was checked when it was confirmed; ``run_batch`` validates again as the actor.
@handler(JOB_KIND, idempotent=True, on_lost=_worker_lost)
def import_job(job: Job, progress: Progress) -> dict[str, Any]:
    return run_batch(int(job.params["batch_id"]), actor=job.created_by, progress=progress)
