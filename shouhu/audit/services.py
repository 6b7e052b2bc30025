"""Writing and verifying the audit log. Every service in Shouhu calls :func:`record` for each change."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from django.db import models, transaction
from django.utils import timezone

from shouhu.audit import chain, checkpoints
from shouhu.audit.models import AuditChainHead, AuditEvent
from shouhu.core import request_context
from shouhu.core.messages import Message, message_of

MASK = "＊＊＊"
# A record that keeps a system sentence as a message (``core.messages``): its key and facts, and the column
# holding its zh-TW text (a calendar completion's note, a timeline entry's text, a job's progress message).
MESSAGE_COLUMNS = ("message_key", "message_facts")
MESSAGE_TEXT = ("note", "text", "message", "reason")
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


def _actor_id(actor: Any | None) -> int | None:
    """The signed-in user's id; ``None`` for the system, a worker or an anonymous request."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        return getattr(actor, "pk", None)
    return None


def _row(
    actor: Any | None,
    actor_label: str,
    action: str,
    *,
    object_type: str,
    object_id: str,
    object_repr: str | Message,
    changes: dict[str, Any],
) -> chain.Row:
    """One entry's content, stamped now; who and from where come from the actor and the request context."""
    ctx = request_context.current()
    actor_id = _actor_id(actor)
    label = actor_label or (getattr(actor, "username", "") if actor_id else "") or ctx.channel
    said = message_of(object_repr)
    name = said if said is not None and said.key else None
    return chain.Row(
        created_at=timezone.now(),
        actor_id=actor_id,
        actor_label=label[:150],
        ip=ctx.ip,
        channel=ctx.channel,
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:64],
        object_repr=(said.text if said is not None else str(object_repr))[:200],
        changes=_jsonable(changes),
        object_key=name.key if name else None,
        object_facts=_jsonable(name.facts) if name else None,
    )


def _chained_event(prev_hash: str, row: chain.Row) -> AuditEvent:
    """An unsaved entry chained to ``prev_hash``: what is hashed is exactly what is saved."""
    return AuditEvent(**row, prev_hash=prev_hash, hash=chain.compute_hash(prev_hash, chain.entry_fields(row)))


def object_name(obj: models.Model) -> str | Message:
    """What the log calls ``obj``: its name message (zh-TW text + key and facts, so the log can show it in
    the reader's language) when the model composes its name from system words (``core.messages.Named``),
    else ``str(obj)`` (a name that is user data)."""
    name = getattr(obj, "name_message", None)
    return name() if callable(name) else str(obj)


def record(
    *,
    actor: Any | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str | Message = "",
    changes: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one entry, chained to the previous one. Runs inside the caller's transaction when there is one.

    ``object_repr`` may be a ``core.messages.Message`` (or ``Sentence``): its zh-TW text is stored as the
    name and its key and facts beside it, so the log reads it in the reader's language."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or object_name(obj)
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = AuditChainHead.objects.create(pk=1, last_hash=chain.GENESIS, last_id=0)
            head = AuditChainHead.objects.select_for_update().get(pk=1)
        row = _row(
            actor, actor_label, action, object_type=object_type, object_id=object_id,
            object_repr=object_repr, changes=changes or {},
        )  # fmt: skip
        event = _chained_event(head.last_hash, row)
        event.save()
        head.last_hash, head.last_id = event.hash, event.pk
        head.save(update_fields=["last_hash", "last_id"])
    return event


@dataclass(frozen=True)
class Entry:
    """One row of a bulk write for :func:`record_many`: which object, and its ``{field: [old, new]}``."""

    object_type: str
    object_id: str
    object_repr: str | Message
    changes: dict[str, Any]


def record_many(*, actor: Any | None, action: str, entries: Iterable[Entry], batch_size: int = 1000) -> int:
    """Append one chained entry per row of a bulk write (an import of thousands of rows), inserted in
    batches under one lock of the chain head; returns how many were written. Same fields, hashing and
    masking as :func:`record`; call it inside the caller's transaction so the rows and their audit
    entries commit together."""
    written = 0
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            AuditChainHead.objects.create(pk=1, last_hash=chain.GENESIS, last_id=0)
            head = AuditChainHead.objects.select_for_update().get(pk=1)
        last_hash = head.last_hash
        batch: list[AuditEvent] = []

        def flush() -> None:
            nonlocal written
            if not batch:
                return
            AuditEvent.objects.bulk_create(batch)
            written += len(batch)
            batch.clear()

        for entry in entries:
            row = _row(
                actor, "", action, object_type=entry.object_type, object_id=entry.object_id,
                object_repr=entry.object_repr, changes=entry.changes,
            )  # fmt: skip
            event = _chained_event(last_hash, row)
            batch.append(event)
            last_hash = event.hash
            if len(batch) >= batch_size:
                flush()
        flush()
        if written:
            last = AuditEvent.objects.filter(hash=last_hash).values_list("pk", flat=True).first()
            head.last_hash, head.last_id = last_hash, int(last or head.last_id)
            head.save(update_fields=["last_hash", "last_id"])
    return written


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Current values of ``fields`` (FKs by id), for a before/after diff."""
    out: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        out[name] = getattr(instance, attname)
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """``{field: [old, new]}`` for changed fields; sensitive fields are masked. A system sentence kept as a
    message whose text or facts changed keeps its key and facts on both sides (``_whole_message``)."""
    changes: dict[str, Any] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            if name in SENSITIVE_FIELDS:
                changes[name] = [MASK if old not in (None, "") else "", MASK]
            else:
                changes[name] = [old, new]
    return _jsonable(_whole_message(changes, before, after))


def _whole_message(changes: dict[str, Any], before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """``changes`` with a message's unchanged key (and facts) on both sides.

    A record keeping a system sentence as ``message_key``/``message_facts`` beside its zh-TW text
    (``MESSAGE_TEXT``) whose facts changed but whose key did not (「已寄出 1 封提醒」 → 「已寄出 2 封提醒」)
    would otherwise be logged without its key, and the log could show only the stored zh-TW text on either
    side. The entry is hashed with its changes as written (``audit.chain``); entries written before this
    keep verifying and keep showing their stored text."""
    if not any(name in changes for name in (*MESSAGE_TEXT, *MESSAGE_COLUMNS)):
        return changes
    if not all(name in before and name in after for name in MESSAGE_COLUMNS):
        return changes
    if not before["message_key"] and not after["message_key"]:
        return changes  # typed text (or an old row): no message to render
    return {**changes, **{name: [before[name], after[name]] for name in MESSAGE_COLUMNS}}


def created(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return diff({}, snapshot(instance, fields))


@dataclass(frozen=True)
class ChainReport:
    checked: int
    ok: bool
    first_broken_id: int | None = None
    reason: str = ""
    checkpoints: int = 0  # signed checkpoints the chain was compared with
    head_id: int = 0
    head_hash: str = chain.GENESIS


def _fields(event: AuditEvent) -> dict[str, Any]:
    return chain.entry_fields(cast(chain.Row, {name: getattr(event, name) for name in chain.FIELDS}))


def verify_chain(
    *, batch: int = 2000, checkpoint_file: Path | None = None, incremental: bool = False
) -> ChainReport:
    """Recompute every hash in order, then compare the chain with the signed checkpoints kept outside it.

    Reports the first entry whose hash or link does not match, newest entries missing (per the chain head
    row and per the checkpoints: a cut tail or everything deleted), and a chain recomputed from scratch
    (the checkpoint's head hash differs). ``checkpoint_file`` compares with an exported copy instead of
    the installation's file. ``incremental`` trusts the chain up to the newest checkpoint once that
    checkpoint's entry and count are confirmed, and recomputes only what came after (the hourly job).
    """
    try:
        points = checkpoints.current(checkpoints.read(checkpoint_file))
    except checkpoints.CheckpointError as exc:
        return ChainReport(0, False, None, str(exc))
    points = [p for p in points if p.last_id]
    prev, checked, after = chain.GENESIS, 0, 0
    if incremental and points:
        newest = points[-1]
        problem = _check_point(newest, _entry_hash(newest.last_id), _count_upto(newest.last_id))
        if problem:
            return ChainReport(0, False, newest.last_id, problem, len(points))
        prev, checked, after, points = newest.head, newest.count, newest.last_id, []
    wanted = {p.last_id for p in points}
    seen: dict[int, tuple[str, int]] = {}
    for event in _iterate(batch, after=after):
        if event.prev_hash != prev:
            return ChainReport(checked, False, event.pk, "前一筆雜湊不符（紀錄被刪除或插入）/ broken link")
        if chain.compute_hash(prev, _fields(event)) != event.hash:
            return ChainReport(checked, False, event.pk, "內容雜湊不符（紀錄被竄改）/ content hash mismatch")
        prev = event.hash
        checked += 1
        after = event.pk
        if event.pk in wanted:
            seen[event.pk] = (event.hash, checked)
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != prev:
        return ChainReport(checked, False, head.last_id, "最新紀錄遺失 / newest entries missing")
    for point in points:
        hash_, position = seen.get(point.last_id, (None, 0))
        problem = _check_point(point, hash_, position)
        if problem:
            return ChainReport(checked, False, point.last_id, problem, len(points))
    return ChainReport(checked, True, checkpoints=len(points), head_id=after, head_hash=prev)


def _entry_hash(pk: int) -> str | None:
    return AuditEvent.objects.filter(pk=pk).values_list("hash", flat=True).first()


def _count_upto(pk: int) -> int:
    return AuditEvent.objects.filter(pk__lte=pk).count()


def _check_point(point: checkpoints.Checkpoint, hash_: str | None, position: int) -> str:
    where = f"檢查點 #{point.n}（{point.at}）"
    if hash_ is None:
        return (
            f"紀錄被刪除：{where}記錄的第 {point.last_id} 筆紀錄已不存在（當時共 {point.count} 筆）"
            " / entries deleted: a checkpointed entry is missing"
        )
    if hash_ != point.head:
        return f"雜湊鏈被改寫：第 {point.last_id} 筆的雜湊與{where}不符 / chain rewritten since a checkpoint"
    if position != point.count:
        return (
            f"紀錄數不符：{where}時共 {point.count} 筆，現在到同一筆為止有 {position} 筆"
            " / entry count differs from a checkpoint"
        )
    return ""


def verify_and_checkpoint(*, incremental: bool = False) -> tuple[ChainReport, checkpoints.Checkpoint | None]:
    """Verify; when the chain is intact, anchor its head in a new signed checkpoint."""
    report = verify_chain(incremental=incremental)
    if not report.ok or report.checked == 0:
        return report, None
    return report, checkpoints.write(last_id=report.head_id, count=report.checked, head=report.head_hash)


def _iterate(batch: int, *, after: int = 0) -> Iterator[AuditEvent]:
    last = after
    while True:
        rows = list(AuditEvent.objects.filter(pk__gt=last).order_by("pk")[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].pk
