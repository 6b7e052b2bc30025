"""Hash chain of audit entries: each entry's hash covers its content and the previous entry's hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, TypedDict

GENESIS = "0" * 64


def canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


class Row(TypedDict):
    """The content of one entry that its hash covers: the stored row's fields but the two hashes."""

    created_at: dt.datetime
    actor_id: int | None
    actor_label: str
    ip: str | None
    channel: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    changes: dict[str, Any]


FIELDS = tuple(Row.__annotations__)


def entry_fields(row: Row) -> dict[str, Any]:
    """What is hashed: the row, with its time in UTC to the microsecond."""
    return {**row, "created_at": row["created_at"].astimezone(dt.UTC).isoformat(timespec="microseconds")}


def compute_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(fields)).hexdigest()
