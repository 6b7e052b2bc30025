"""Enqueue and run jobs. Jobs take an id, re-fetch, are idempotent and enqueued after commit (STYLE 8).

While a job runs, its worker refreshes ``Job.heartbeat_at`` from a small thread. A running job whose
heartbeat is older than ``SHOUHU_JOB_STALE_SECONDS`` lost its worker (killed, machine restarted): the reaper
re-queues it when its handler is declared ``idempotent`` (running it again is harmless) and it has attempts
left, and otherwise marks it failed with a message saying so. The worker reaps on start and on every poll;
the job page, the API and ``shouhu jobs`` only read: they show a dead worker's job as the reaper will leave it
(``as_seen``), so a dead job never shows as running and a read never writes.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.core.messages import Message, compose, define, sentence
from shouhu.jobs.models import Job

logger = logging.getLogger(__name__)

# progress(done, total, message): the message is best a ``core.messages`` Message (shown in the reader's
# language); a plain string is shown as written.
Progress = Callable[[int, int, "str | Message"], None]
DONE = define("jobs.done", gettext_noop("完成"), context="progress")
# The reminder jobs' last progress: how many e-mails went out.
REMINDERS_SENT = define("jobs.reminders_sent", gettext_noop("已寄出 {sent} 封提醒"))
Handler = Callable[[Job, Progress], dict[str, Any]]
LostHook = Callable[[Job], None]

# How many times a job of an idempotent kind is started before a lost worker fails it for good.
MAX_ATTEMPTS = 3
LOST_WORKER = define(
    "jobs.worker_lost", gettext_noop("執行此工作的背景程序已停止回應（心跳逾時），工作未完成。")
)
REQUEUED = define("jobs.requeued", gettext_noop("背景程序中斷，已重新排入佇列。"))
# An exception that is not a JobError: only its type is kept (its message may carry data).
INTERNAL_ERROR = define("jobs.internal_error", gettext_noop("{type}（內部錯誤，詳見伺服器紀錄）"))
# A kind no handler is registered for (a typo in a schedule or a command): said in the active language,
# Traditional Chinese on the command line, the reader's on a page.
UNKNOWN_KIND = define("jobs.unknown_kind", gettext_noop("未知的工作類型：{kind}"))


@dataclass(frozen=True)
class Registration:
    fn: Handler
    permission: str
    idempotent: bool
    on_lost: LostHook | None
    result: ResultView | None = None


@dataclass(frozen=True)
class ResultView:
    """How the job page shows a finished job's result: a template and the context it needs
    (``context(job)``), instead of the printed result dict."""

    template: str
    context: Callable[[Job], dict[str, Any]]


_HANDLERS: dict[str, Registration] = {}


class UnknownJobKind(ValueError):
    pass


class JobError(RuntimeError):
    """A failure whose message is safe to show (no personal data, no secrets): kept on the job row.

    Best raised with a ``core.messages`` Message, so the job page shows it in the reader's language; a plain
    string is kept and shown as written.
    """

    def __init__(self, message: str | Message) -> None:
        self.said = message if isinstance(message, Message) else Message("", {}, str(message))
        super().__init__(self.said.text)


def handler(
    kind: str,
    *,
    permission: str = "jobs.run",
    idempotent: bool = False,
    on_lost: LostHook | None = None,
    result: ResultView | None = None,
) -> Callable[[Handler], Handler]:
    """Register ``fn(job, progress) -> result dict`` for a job kind, with the permission needed to start it.

    ``idempotent=True`` declares that running the job again after its worker died mid-way is harmless, so
    the reaper re-queues it instead of failing it. ``on_lost(job)`` runs when the reaper fails a job (for
    example to mark the module's own run row failed too). ``result`` says how the job page shows a
    finished job's result (default: the result printed as it is).
    """

    def register(fn: Handler) -> Handler:
        _HANDLERS[kind] = Registration(fn, permission, idempotent, on_lost, result)
        return fn

    return register


def result_view(job: Job) -> tuple[str, dict[str, Any]] | None:
    """The template and context showing ``job``'s result, when its kind has one and it succeeded."""
    reg = _HANDLERS.get(job.kind)
    if reg is None or reg.result is None or job.status != Job.Status.SUCCEEDED:
        return None
    return reg.result.template, reg.result.context(job)


def registered_kinds() -> list[str]:
    return sorted(_HANDLERS)


def heartbeat_seconds() -> float:
    return float(getattr(settings, "SHOUHU_JOB_HEARTBEAT_SECONDS", 30))


def stale_seconds() -> float:
    return float(getattr(settings, "SHOUHU_JOB_STALE_SECONDS", 150))


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def enqueue(*, actor: Any, kind: str, params: dict[str, Any] | None = None, check_perm: bool = True) -> Job:
    if kind not in _HANDLERS:
        raise UnknownJobKind(sentence(UNKNOWN_KIND, kind=kind))
    if check_perm:
        require(actor, _HANDLERS[kind].permission)
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


class _Heartbeat:
    """Refresh the job's heartbeat every ``heartbeat_seconds()`` until stopped (a daemon thread)."""

    def __init__(self, job_id: int, worker: str) -> None:
        self.job_id, self.worker = job_id, worker
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name=f"shouhu-heartbeat-{job_id}")

    def _run(self) -> None:
        interval = heartbeat_seconds()
        try:
            while not self.stop.wait(interval):
                try:
                    Job.objects.filter(pk=self.job_id, status=Job.Status.RUNNING, worker=self.worker).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError:  # a busy database: the next beat tries again
                    logger.warning("job %s: heartbeat not written", self.job_id)
        finally:
            if not getattr(connection, "is_in_memory_db", lambda: False)():
                connection.close()  # this thread's own connection (the in-memory test database is shared)

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def execute(job_id: int) -> None:
    """Run one job. A job that is not queued (already running or done) is left alone (idempotent)."""
    me = worker_id()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != Job.Status.QUEUED:
            return
        now = timezone.now()
        job.status, job.started_at, job.attempts = Job.Status.RUNNING, now, job.attempts + 1
        job.worker, job.heartbeat_at = me, now
        job.save(update_fields=["status", "started_at", "attempts", "worker", "heartbeat_at"])
    reg = _HANDLERS[job.kind]
    last_write = [0.0]
    mine = Job.objects.filter(pk=job_id, status=Job.Status.RUNNING, worker=me)

    def progress(done: int, total: int, message: str | Message = "") -> None:
        now = time.monotonic()
        if now - last_write[0] < 0.25 and done < total:
            return  # at most four progress writes a second
        last_write[0] = now
        said = message if isinstance(message, Message) else Message("", {}, str(message))
        mine.update(progress=done, total=total, heartbeat_at=timezone.now(), **_message_fields(said))

    try:
        with _Heartbeat(job_id, me):
            result = reg.fn(job, progress)
    except Exception as exc:
        # Messages of arbitrary exceptions may carry data (a value that failed to parse, a DSN): only a
        # JobError's message is kept; otherwise the type and the stack frames, never the message.
        safe = exc.said if isinstance(exc, JobError) else compose(INTERNAL_ERROR, type=type(exc).__name__)
        logger.error("job %s (%s) failed: %s", job_id, job.kind, _types_and_frames(exc))
        mine.update(status=Job.Status.FAILED, finished_at=timezone.now(), **_error_fields(safe))
        record(
            actor=None,
            action="jobs.failed",
            object_type="jobs.job",
            object_id=str(job_id),
            changes={"error": type(exc).__name__},
        )
        return
    total = Job.objects.values_list("total", flat=True).get(pk=job_id) or 1
    mine.update(
        status=Job.Status.SUCCEEDED,
        finished_at=timezone.now(),
        result=result or {},
        progress=total,
        total=total,
    )


def _types_and_frames(exc: BaseException) -> str:
    """``exc`` and the exceptions it was raised from (a JobError saying why a build failed, from the error
    that broke it): each one's type and stack frames, never its message."""
    parts, seen = [], set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        parts.append(f"{type(current).__name__}\n{''.join(traceback.format_tb(current.__traceback__))}")
        current = current.__cause__ or current.__context__
    return "caused by ".join(parts)


def _message_fields(said: Message) -> dict[str, Any]:
    """The job's progress columns for ``said`` (its zh-TW text, key and facts)."""
    return {"message": said.text[:300], "message_key": said.key, "message_facts": said.facts}


def _error_fields(said: Message) -> dict[str, Any]:
    """The job's error columns for ``said`` (its zh-TW text, key and facts)."""
    return {"error": said.text[:2000], "error_key": said.key, "error_facts": said.facts}


def _set(job: Job, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(job, name, value)


def is_stale(job: Job, *, now: dt.datetime | None = None) -> bool:
    """A running job whose worker has not said it is alive for longer than the stale timeout."""
    if job.status != Job.Status.RUNNING:
        return False
    beat = job.heartbeat_at or job.started_at
    if beat is None:  # never started by a worker: the reaper's query does not take it either
        return False
    now = now or timezone.now()
    return (now - beat).total_seconds() > stale_seconds()


def reap_stale(*, now: dt.datetime | None = None) -> list[Job]:
    """Fail or re-queue every running job whose worker stopped sending heartbeats; returns those jobs."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=stale_seconds())
    reaped: list[Job] = []
    candidates = list(
        Job.objects.filter(status=Job.Status.RUNNING)
        .filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff))
        .values_list("pk", flat=True)
    )
    for pk in candidates:
        with transaction.atomic():
            job = Job.objects.select_for_update().filter(pk=pk).first()
            if job is None or not is_stale(job, now=now):
                continue  # finished or beat meanwhile
            reg = _HANDLERS.get(job.kind)
            lost = job.worker
            if reg is not None and reg.idempotent and job.attempts < MAX_ATTEMPTS:
                job.status, job.worker, job.heartbeat_at = Job.Status.QUEUED, "", None
                _set(job, _message_fields(compose(REQUEUED)))
                job.save(
                    update_fields=[
                        "status",
                        "message",
                        "message_key",
                        "message_facts",
                        "worker",
                        "heartbeat_at",
                    ]
                )
                transaction.on_commit(partial(_send, job.pk))
                outcome = "requeued"
            else:
                job.status, job.finished_at = Job.Status.FAILED, now
                _set(job, _error_fields(compose(LOST_WORKER)))
                job.save(update_fields=["status", "finished_at", "error", "error_key", "error_facts"])
                outcome = "failed"
                if reg is not None and reg.on_lost is not None:
                    reg.on_lost(job)
            record(
                actor=None,
                action="jobs.worker_lost",
                obj=job,
                changes={"status": [Job.Status.RUNNING, job.status], "worker": [lost, ""]},
            )
        logger.warning("job %s (%s): worker %s lost, %s", job.pk, job.kind, lost, outcome)
        reaped.append(job)
    return reaped


def as_seen(job: Job, *, now: dt.datetime | None = None) -> Job:
    """``job`` as the reaper will leave it, without writing: for pages, the API and other reads.

    A GET never writes; a job whose worker died is shown failed (or queued again when its handler is
    idempotent) at once, and the worker's maintenance loop records it.
    """
    if not is_stale(job, now=now):
        return job
    reg = _HANDLERS.get(job.kind)
    if reg is not None and reg.idempotent and job.attempts < MAX_ATTEMPTS:
        job.status = Job.Status.QUEUED
        _set(job, _message_fields(compose(REQUEUED)))
    else:
        job.status = Job.Status.FAILED
        _set(job, _error_fields(compose(LOST_WORKER)))
    return job


def reap_quietly() -> None:
    """Reap from the worker's maintenance loop; a failure to reap is logged and never stops the worker."""
    try:
        reap_stale()
    except DatabaseError:
        logger.warning("stale-job reaping failed", exc_info=True)
