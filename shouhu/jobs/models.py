"""A job row: status, progress, result and error of one piece of background work.

A running job carries the worker that runs it and a heartbeat that worker refreshes; a job whose heartbeat
stops (the worker was killed) is failed or re-queued by ``shouhu.jobs.services.reap_stale``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from shouhu.core import messages
from shouhu.jobs import kinds

JOB_NAME = messages.define(
    "jobs.name", gettext_noop("{kind} #{id}"), lambda v: {**v, "kind": kinds.name(str(v["kind"]))}
)


class Job(messages.Named, models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("排隊中")
        RUNNING = "running", _("執行中")
        SUCCEEDED = "succeeded", _("完成")
        FAILED = "failed", _("失敗")

    kind = models.CharField(max_length=60, db_index=True)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    progress = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)
    message = models.CharField(
        max_length=300, blank=True
    )  # progress in words (zh-TW when the system wrote it)
    # The progress message's key and facts (``core.messages``), so pages show it in the reader's language.
    message_key = models.CharField(max_length=60, blank=True, default="")
    message_facts = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)  # zh-TW when the system wrote it
    # The error's key and facts (``core.messages``), so pages show it in the reader's language.
    error_key = models.CharField(max_length=60, blank=True, default="")
    error_facts = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # "host:pid" of the worker process running the job, and the last time that process said it was alive.
    worker = models.CharField(max_length=120, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """「檔案遮罩 #3」: the kind in words (``jobs.kinds``), never its code."""
        return JOB_NAME, {"kind": self.kind, "id": self.pk}

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        return int(self.progress * 100 / self.total) if self.total else 0

    @property
    def message_shown(self) -> str:
        """The progress message in the reader's language."""
        from shouhu.core.messages import shown

        return shown(self, "message")

    @property
    def error_shown(self) -> str:
        """The error in the reader's language (an old row's error as stored)."""
        from shouhu.core.messages import render

        return render(self.error_key, self.error_facts, self.error)

    @property
    def kind_name(self) -> str:
        """What the job does, in the reader's language (the kind's code when it has no name)."""
        from shouhu.jobs.kinds import name

        return name(self.kind)

    @property
    def done(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}


class ScheduleState(models.Model):
    """When a scheduled job kind was last enqueued (see shouhu.jobs.schedule.SCHEDULE)."""

    kind = models.CharField(max_length=60, unique=True)
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.kind
