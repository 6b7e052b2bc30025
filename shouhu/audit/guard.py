"""Database guard: audit rows cannot be deleted, on SQLite as on PostgreSQL.

On SQLite the delete trigger asks the function ``shouhu_audit_delete_allowed()``, which only Shouhu's own
connections define (returning 0): a delete through Shouhu is refused, and one from any other client fails
because the function does not exist there. The one exception is the test suite, whose transactional tests
empty every table between tests (``allow_delete`` around Django's flush). PostgreSQL's trigger refuses
row deletes outright (its flush uses TRUNCATE).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar("shouhu_audit_delete_allowed", default=False)
FUNCTION = "shouhu_audit_delete_allowed"


def _delete_allowed() -> int:
    return 1 if _allowed.get() else 0


def register_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created`` receiver: define the guard's SQL function on each SQLite connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 0, _delete_allowed)


@contextlib.contextmanager
def allow_delete() -> Iterator[None]:
    """For the test suite's table flush only."""
    token = _allowed.set(True)
    try:
        yield
    finally:
        _allowed.reset(token)
