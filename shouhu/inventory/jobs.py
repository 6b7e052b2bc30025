"""Background job: confirm a large pending import with progress."""

from __future__ import annotations

from typing import Any

from shouhu.inventory.importing import specs  # noqa: F401  (register the import specs)
from shouhu.jobs.models import Job
from shouhu.jobs.services import Progress, handler


@handler("inventory.import", permission="inventory.manage")
def import_job(job: Job, progress: Progress) -> dict[str, Any]:
    from shouhu.inventory.importing.services import run_batch

    return run_batch(int(job.params["batch_id"]), actor=job.created_by, progress=progress)
