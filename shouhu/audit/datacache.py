"""Cache derived data until anything changes.

Every write in Shouhu appends an audit row, so the id of the newest audit entry is a version number of
all the data: a value cached under that version is fresh until the next write. A minute bucket bounds
values that also depend on the clock (overdue items). Per-process memory cache; never needed for
correctness.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils import timezone

T = TypeVar("T")
SECONDS = 60


def data_version() -> int:
    from shouhu.audit.models import AuditChainHead

    return AuditChainHead.objects.filter(pk=1).values_list("last_id", flat=True).first() or 0


def cached(name: str, compute: Callable[[], T], *, seconds: int = SECONDS) -> T:
    """``compute()`` once per data version and time bucket (``name`` must include anything else it depends on)."""
    bucket = int(timezone.now().timestamp() // seconds)
    key = f"data:{name}:{data_version()}:{bucket}"
    sentinel = object()
    value = cache.get(key, sentinel)
    if value is sentinel:
        value = compute()
        cache.set(key, value, seconds)
    return value
