"""Enqueue and run jobs. Jobs take an id, re-fetch, are idempotent and enqueued after commit (STYLE 8)."""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.jobs.models import Job

logger = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
Handler = Callable[[Job, Progress], dict[str, Any]]
_HANDLERS: dict[str, tuple[Handler, str]] = {}


class UnknownJobKind(ValueError):
    pass


class JobError(RuntimeError):
    """A failure whose message is safe to show (no personal data, no secrets): kept on the job row."""


def handler(kind: str, *, permission: str = "jobs.run") -> Callable[[Handler], Handler]:
    """Register ``fn(job, progress) -> result dict`` for a job kind, with the permission needed to start it."""

    def register(fn: Handler) -> Handler:
        _HANDLERS[kind] = (fn, permission)
        return fn

    return register


def registered_kinds() -> list[str]:
    return sorted(_HANDLERS)


def enqueue(*, actor: Any, kind: str, params: dict[str, Any] | None = None, check_perm: bool = True) -> Job:
    if kind not in _HANDLERS:
        raise UnknownJobKind(f"未知的工作類型：{kind} / unknown job kind")
    if check_perm:
        require(actor, _HANDLERS[kind][1])
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            params=params or {},
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(actor=actor, action="jobs.enqueued", obj=job, changes={"kind": [None, kind]})
        transaction.on_commit(lambda: _send(job.pk))
    return job


def _send(job_id: int) -> None:
    from shouhu.jobs.tasks import run_job

    run_job.enqueue(job_id)


def execute(job_id: int) -> None:
    """Run one job. A job that is not queued (already running or done) is left alone (idempotent)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != Job.Status.QUEUED:
            return
        job.status, job.started_at, job.attempts = Job.Status.RUNNING, timezone.now(), job.attempts + 1
        job.save(update_fields=["status", "started_at", "attempts"])
    fn, _ = _HANDLERS[job.kind]
    last_write = [0.0]

    def progress(done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if now - last_write[0] < 0.25 and done < total:
            return  # at most four progress writes a second
        last_write[0] = now
        Job.objects.filter(pk=job_id).update(progress=done, total=total, message=message[:300])

    try:
        result = fn(job, progress)
    except Exception as exc:
        # Messages of arbitrary exceptions may carry data (a value that failed to parse, a DSN): only a
        # JobError's message is kept; otherwise the type and the stack frames, never the message.
        safe = str(exc) if isinstance(exc, JobError) else f"{type(exc).__name__}（內部錯誤，詳見伺服器紀錄）"
        logger.error(
            "job %s (%s) failed: %s\n%s",
            job_id,
            job.kind,
            type(exc).__name__,
            "".join(traceback.format_tb(exc.__traceback__)),
        )
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED, finished_at=timezone.now(), error=safe[:2000]
        )
        record(
            actor=None,
            action="jobs.failed",
            object_type="jobs.job",
            object_id=str(job_id),
            changes={"error": type(exc).__name__},
        )
        return
    total = Job.objects.values_list("total", flat=True).get(pk=job_id) or 1
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.SUCCEEDED,
        finished_at=timezone.now(),
        result=result or {},
        progress=total,
        total=total,
    )
