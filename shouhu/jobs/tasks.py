from __future__ import annotations

from django_tasks import task

from shouhu.jobs import services


@task()
def run_job(job_id: int) -> None:
    """The single task every job runs through; the work itself is registered per kind."""
    services.execute(job_id)
