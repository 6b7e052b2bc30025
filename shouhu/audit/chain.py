"""Hash chain of audit entries: each entry's hash covers its content and the previous entry's hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def entry_fields(
    *,
    created_at: dt.datetime,
    actor_id: int | None,
    actor_label: str,
    ip: str | None,
    channel: str,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    changes: dict[str, Any],
) -> dict[str, Any]:
    return {
        "created_at": created_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "ip": ip,
        "channel": channel,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object_repr": object_repr,
        "changes": changes,
    }


def compute_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(fields)).hexdigest()
