"""Append-only, hash-chained audit log (kept ≥ 5 years)."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models


class AppendOnlyError(RuntimeError):
    """Audit entries cannot be changed or deleted."""


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("稽核紀錄不可修改 / audit entries cannot be changed")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("稽核紀錄不可刪除 / audit entries cannot be deleted")


class AuditEvent(models.Model):
    created_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    channel = models.CharField(max_length=10, default="web")
    action = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    # The object's name when the system composed it (「REQ-1 製給複製本」): a ``core.messages`` key and its
    # facts, shown in the reader's language; ``object_repr`` keeps the zh-TW text. Empty (NULL) on entries
    # written before audit 0004 and on names that are user data. Hashed when present (``audit.chain``).
    object_key = models.CharField(max_length=80, null=True, blank=True)
    object_facts = models.JSONField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("稽核紀錄不可修改 / audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("稽核紀錄不可刪除 / audit entries cannot be deleted")

    @property
    def action_label(self) -> str:
        """What happened, in words (「修改個人資料檔案」); the code stays in ``action`` for filters."""
        from shouhu.audit.labels import action_label

        return action_label(self.action)

    @property
    def actor_shown(self) -> str:
        """Who acted, for pages: a system actor (「命令列」, 「系統（背景工作）」) in words, a user by username."""
        from shouhu.audit.labels import actor_label

        return actor_label(self.actor_label, system=self.actor_id is None)

    @property
    def object_shown(self) -> str:
        """The object's name in the reader's language when the system composed it, else as stored."""
        from shouhu.core.messages import render

        return render(self.object_key or "", self.object_facts, self.object_repr)

    @property
    def object_type_label(self) -> str:
        from shouhu.audit.labels import object_type_label

        return object_type_label(self.object_type)


class AuditChainHead(models.Model):
    """One row holding the hash of the newest entry; locked while appending so the chain stays linear."""

    last_hash = models.CharField(max_length=64)
    last_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"chain head #{self.last_id}"
