"""A masked copy into a new database whose worker is SIGKILLed right after CREATE DATABASE, for the test of
the reaper: ``python -m tests.scans.maskcreate SOURCE_URL TARGET_URL`` (in a real SHOUHU_HOME) creates an
administrator and a database scan source, starts the copy with ``create``, prints the job's id and runs the
job in this process, which kills itself (SIGKILL, nothing cleaned up) at the moment the job is about to
write down that it created the target database — the window a worker may die in."""

from __future__ import annotations

import os
import signal
import sys
from typing import Any


def main(source_url: str, target_url: str) -> None:
    import django

    django.setup()
    from django.utils import timezone

    from shouhu.accounts.models import RoleAssignment, User
    from shouhu.jobs.services import execute
    from shouhu.scans import dbmasking, services

    admin = User.objects.create(username="mask-admin", password_changed_at=timezone.now())
    RoleAssignment.objects.create(user=admin, role="admin", starts_on=timezone.localdate())
    source = services.create_source(
        actor=admin, data={"name": "CRM", "kind": "database", "database_url": source_url, "sample_rows": 0}
    )
    job = dbmasking.start_database_mask(actor=admin, source=source, target_url=target_url, create=True)
    print(job.pk, flush=True)
    remember = dbmasking._remember

    def die_before_created(job_pk: int, **facts: Any) -> None:
        if facts.get("created_database") is True:
            os.kill(os.getpid(), signal.SIGKILL)
        remember(job_pk, **facts)

    dbmasking._remember = die_before_created
    execute(job.pk)


if __name__ == "__main__":
    main(*sys.argv[1:3])
