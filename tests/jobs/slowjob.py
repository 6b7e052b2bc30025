"""Slow job kinds for the worker-kill test, loaded into a real ``shouhu worker`` process.

``python -m tests.jobs.slowjob worker`` runs the worker with these kinds registered;
``python -m tests.jobs.slowjob enqueue KIND`` enqueues one and prints its id.
"""

from __future__ import annotations

import sys
import time
from typing import Any


def _slow(job: Any, progress: Any) -> dict[str, Any]:
    if job.attempts > 1:
        return {"finished_on_attempt": job.attempts}
    for step in range(1200):  # two minutes unless the worker is killed first
        progress(step, 1200, "慢速工作")
        time.sleep(0.1)
    return {}


def main(argv: list[str]) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from shouhu.jobs.services import enqueue, handler

    handler("test.slow")(_slow)
    handler("test.slow_idempotent", idempotent=True)(_slow)
    if argv[0] == "worker":
        call_command("worker", "--no-schedule")
    else:
        print(enqueue(actor=None, kind=argv[1], check_perm=False).pk)


if __name__ == "__main__":
    main(sys.argv[1:])
