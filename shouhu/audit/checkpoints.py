"""Signed checkpoints of the audit chain, kept outside the database.

The hash chain alone cannot tell that its tail was cut off (or everything deleted, or the whole chain
recomputed) by someone with write access to the database. So the head of the chain is anchored outside
it: a checkpoint records the newest entry's id, the number of entries and the head hash, signed with
HMAC-SHA256 under a key kept apart from the data (``SHOUHU_AUDIT_KEY`` or ``SHOUHU_HOME/keys/
audit-checkpoint-key``), appended to ``SHOUHU_HOME/audit/checkpoints.jsonl``. The worker writes one every
hour (``audit.checkpoint`` in the schedule table) and ``shouhu audit verify`` writes one after each clean
verification. Copy the file off the machine (``shouhu audit checkpoints --output``) to also survive the
loss of this folder. A restore writes a signed marker: checkpoints before it describe the replaced data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from shouhu.core.home import private_dir, read_or_create_secret

KEY_NAME = "audit-checkpoint-key"
FILE = "checkpoints.jsonl"


class CheckpointError(RuntimeError):
    """The checkpoint file is unreadable or a line's signature does not match."""


@dataclass(frozen=True)
class Checkpoint:
    n: int
    at: str
    kind: str  # "checkpoint" | "restored"
    last_id: int
    count: int
    head: str


def _key() -> bytes:
    return (os.environ.get("SHOUHU_AUDIT_KEY") or read_or_create_secret(KEY_NAME, nbytes=32)).encode()


def path() -> Path:
    folder = getattr(settings, "SHOUHU_AUDIT_CHECKPOINT_DIR", None)
    base = Path(folder) if folder else private_dir("audit")
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    return base / FILE


def _mac(body: dict[str, Any]) -> str:
    data = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(_key(), data, hashlib.sha256).hexdigest()


def read(source: Path | None = None) -> list[Checkpoint]:
    """Every checkpoint in the file, each signature checked; raises CheckpointError on a bad line."""
    target = source or path()
    if not target.exists():
        return []
    found: list[Checkpoint] = []
    try:
        lines = target.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CheckpointError(f"無法讀取檢查點檔：{exc.strerror} / unreadable checkpoint file") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            body = json.loads(line)
            mac = body.pop("mac")
            point = Checkpoint(
                n=int(body["n"]),
                at=str(body["at"]),
                kind=str(body["kind"]),
                last_id=int(body["last_id"]),
                count=int(body["count"]),
                head=str(body["head"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CheckpointError(f"檢查點檔第 {number} 行無法解讀 / unreadable checkpoint line") from exc
        if not hmac.compare_digest(str(mac), _mac(body)):
            raise CheckpointError(
                f"檢查點檔第 {number} 行的簽章不符：檢查點被修改或金鑰不同 / checkpoint signature mismatch"
            )
        found.append(point)
    return found


def current(points: list[Checkpoint]) -> list[Checkpoint]:
    """The checkpoints that describe the data now in the database (those after the last restore)."""
    restored = [i for i, p in enumerate(points) if p.kind == "restored"]
    return points[restored[-1] + 1 :] if restored else points


def _append(kind: str, *, last_id: int, count: int, head: str) -> Checkpoint:
    existing = read()
    body: dict[str, Any] = {
        "n": (existing[-1].n + 1) if existing else 1,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "kind": kind,
        "last_id": last_id,
        "count": count,
        "head": head,
    }
    line = json.dumps({**body, "mac": _mac(body)}, sort_keys=True, separators=(",", ":"))
    target = path()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return Checkpoint(**body)


def write(*, last_id: int, count: int, head: str) -> Checkpoint | None:
    """Append a checkpoint of the given head; None when the newest checkpoint already says the same."""
    points = current(read())
    if points and points[-1].last_id == last_id and points[-1].head == head:
        return None
    return _append("checkpoint", last_id=last_id, count=count, head=head)


def mark_restored() -> Checkpoint:
    """After a restore, earlier checkpoints describe data that was replaced: start anew."""
    return _append("restored", last_id=0, count=0, head="")


def export(target: Path) -> int:
    """Copy the checkpoint file (signatures included) to ``target``; returns the number of checkpoints."""
    points = read()
    source = path()
    data = source.read_bytes() if source.exists() else b""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return len(points)
