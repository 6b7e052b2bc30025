"""A parsed upload waiting for confirmation (any registered import kind)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from shouhu.core import messages

IMPORT_NAME = messages.define(
    "imports.name", gettext_noop("{kind}：{filename}"), lambda v: {**v, "kind": _kind_title(v["kind"])}
)


def _kind_title(kind: object) -> str:
    from shouhu.core.importing.base import is_registered, spec_for

    return str(spec_for(str(kind)).title) if is_registered(str(kind)) else str(kind)


class ImportBatch(messages.Named, models.Model):
    """A parsed upload waiting for confirmation. Nothing reaches the target tables until it is confirmed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待確認")
        RUNNING = "running", _("匯入中")
        DONE = "done", _("已匯入")
        CANCELLED = "cancelled", _("已取消")

    kind = models.CharField(
        max_length=40, help_text="The registered import spec (core.importing.base.register)."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    encoding = models.CharField(max_length=20, blank=True)
    params = models.JSONField(
        default=dict, blank=True, help_text="What the import applies to (spec.params_from)."
    )
    headers = models.JSONField(default=list)
    rows = models.JSONField(default=list, help_text="[{row, values, errors}]")
    result = models.JSONField(default=dict, blank=True)
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("待確認匯入")

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """「個人資料檔案：清冊.xlsx」: the import's title, never its code, and the uploaded file's name."""
        return IMPORT_NAME, {"kind": self.kind, "filename": self.filename}

    @property
    def error_rows(self) -> int:
        return sum(1 for r in self.rows if r["errors"])
