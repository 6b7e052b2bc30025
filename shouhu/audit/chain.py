"""Hash chain of audit entries: each entry's hash covers its content and the previous entry's hash.

The object's name as a message (``object_key`` + ``object_facts``, added in audit migration 0004 so the
log can show a name the system composed in the reader's language) is hashed only when the entry has one:
an entry without it (every entry written before 0004, and entries naming user data) hashes exactly the
fields it always did, so old entries verify unchanged; an entry with it hashes both columns, so changing,
adding or removing either afterwards breaks that entry's hash like any other change. Adding a key to an old
entry is caught the same way, since its hash was computed without one. ``object_repr`` keeps the zh-TW
name as written and stays hashed for every entry.

A system sentence kept as a message in the changed record (``message_key``/``message_facts``) whose facts
changed but whose key did not is written with its key and facts on both sides of ``changes``
(``audit.services.diff``), so the log can show the old text in the reader's language too. That is content of
``changes``, hashed like every change; no column is added, and entries written before keep verifying as they
are (their before text shows as stored).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, TypedDict

GENESIS = "0" * 64
# Hashed only when the entry has a name message (see the module docstring).
MESSAGE_FIELDS = ("object_key", "object_facts")


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
    object_key: str | None
    object_facts: dict[str, Any] | None


FIELDS = tuple(Row.__annotations__)


def entry_fields(row: Row) -> dict[str, Any]:
    """What is hashed: the row, with its time in UTC to the microsecond; the name message's two columns
    only when either holds something."""
    fields: dict[str, Any] = {
        **row,
        "created_at": row["created_at"].astimezone(dt.UTC).isoformat(timespec="microseconds"),
    }
    if not any(fields.get(name) for name in MESSAGE_FIELDS):
        for name in MESSAGE_FIELDS:
            fields.pop(name, None)
    return fields


def compute_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(fields)).hexdigest()
