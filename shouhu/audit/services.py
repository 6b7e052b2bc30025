"""Writing and verifying the audit log. Every service in Shouhu calls :func:`record` for each change."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from shouhu.audit import chain
from shouhu.audit.models import AuditChainHead, AuditEvent
from shouhu.core import request_context

MASK = "＊＊＊"
# Field names whose values never enter the audit log in clear.
SENSITIVE_FIELDS = frozenset(
    {
        "password",
        "secret",
        "token",
        "totp_secret",
        "recovery_codes",
        "national_id",
        "key",
        "credentials",
        "database_url",
        "api_key",
        "smtp_password",
    }
)


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def record(
    *,
    actor: Any | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one entry, chained to the previous one. Runs inside the caller's transaction when there is one."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    ctx = request_context.current()
    actor_id = (
        getattr(actor, "pk", None)
        if actor is not None and getattr(actor, "is_authenticated", False)
        else None
    )
    label = actor_label or (getattr(actor, "username", "") if actor_id else "") or ctx.channel
    data = _jsonable(changes or {})
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = AuditChainHead.objects.create(pk=1, last_hash=chain.GENESIS, last_id=0)
            head = AuditChainHead.objects.select_for_update().get(pk=1)
        created_at = timezone.now()
        fields = chain.entry_fields(
            created_at=created_at,
            actor_id=actor_id,
            actor_label=label[:150],
            ip=ctx.ip,
            channel=ctx.channel,
            action=action,
            object_type=object_type,
            object_id=str(object_id)[:64],
            object_repr=object_repr[:200],
            changes=data,
        )
        digest = chain.compute_hash(head.last_hash, fields)
        event = AuditEvent(
            created_at=created_at,
            actor_id=actor_id,
            actor_label=label[:150],
            ip=ctx.ip,
            channel=ctx.channel,
            action=action,
            object_type=object_type,
            object_id=str(object_id)[:64],
            object_repr=object_repr[:200],
            changes=data,
            prev_hash=head.last_hash,
            hash=digest,
        )
        event.save()
        head.last_hash, head.last_id = digest, event.pk
        head.save(update_fields=["last_hash", "last_id"])
    return event


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Current values of ``fields`` (FKs by id), for a before/after diff."""
    out: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        out[name] = getattr(instance, attname)
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """``{field: [old, new]}`` for changed fields; sensitive fields are masked."""
    changes: dict[str, Any] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            if name in SENSITIVE_FIELDS:
                changes[name] = [MASK if old not in (None, "") else "", MASK]
            else:
                changes[name] = [old, new]
    return _jsonable(changes)


def created(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return diff({}, snapshot(instance, fields))


@dataclass(frozen=True)
class ChainReport:
    checked: int
    ok: bool
    first_broken_id: int | None = None
    reason: str = ""


def verify_chain(*, batch: int = 2000) -> ChainReport:
    """Recompute every hash in order; report the first entry whose hash or link does not match."""
    prev = chain.GENESIS
    checked = 0
    for event in _iterate(batch):
        fields = chain.entry_fields(
            created_at=event.created_at,
            actor_id=event.actor_id,
            actor_label=event.actor_label,
            ip=event.ip,
            channel=event.channel,
            action=event.action,
            object_type=event.object_type,
            object_id=event.object_id,
            object_repr=event.object_repr,
            changes=event.changes,
        )
        if event.prev_hash != prev:
            return ChainReport(checked, False, event.pk, "前一筆雜湊不符（紀錄被刪除或插入）/ broken link")
        if chain.compute_hash(prev, fields) != event.hash:
            return ChainReport(checked, False, event.pk, "內容雜湊不符（紀錄被竄改）/ content hash mismatch")
        prev = event.hash
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != prev:
        return ChainReport(checked, False, head.last_id, "最新紀錄遺失 / newest entries missing")
    return ChainReport(checked, True)


def _iterate(batch: int) -> Iterator[AuditEvent]:
    last = 0
    while True:
        rows = list(AuditEvent.objects.filter(pk__gt=last).order_by("pk")[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].pk
