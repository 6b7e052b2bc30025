"""Rate limits for the pages open without an account (the public request page, processor questionnaires).

Counted in the database, so every web worker sees the same numbers. The source address is kept only as a
keyed hash (``crypto.keyed_hash``), never raw. A refused attempt is not counted, so a flood cannot keep a
source locked out beyond the window.

Public pages count every submission, valid or not: call ``count_submission`` first, before the form or the
service validates anything — the attempt is committed in its own transaction, so a submission refused for
its input still counts (otherwise a bot could probe the page without limit by sending bad input). ``hit``
alone, inside the work's transaction, would count successful submissions only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from shouhu.core import crypto
from shouhu.core.models import PublicAttempt


class RateLimited(Exception):
    """Too many submissions; the page answers 429."""


@dataclass(frozen=True)
class Limit:
    per_source: int  # submissions per source address within the window
    per_scope: int  # submissions per page (all sources) within the window
    window: dt.timedelta = dt.timedelta(hours=1)


def source_of(ip: str | None, *, purpose: str) -> str:
    return crypto.keyed_hash(ip or "unknown", purpose=purpose)[:32]


def hit(*, scope: str, ip: str | None, limit: Limit, purpose: str) -> None:
    """Count one submission to ``scope`` from ``ip``; raise ``RateLimited`` (and count nothing) when either
    limit is already reached within the window."""
    now = timezone.now()
    source = source_of(ip, purpose=purpose)
    recent = PublicAttempt.objects.filter(scope=scope, at__gte=now - limit.window)
    if recent.filter(source=source).count() >= limit.per_source or recent.count() >= limit.per_scope:
        raise RateLimited
    PublicAttempt.objects.create(scope=scope, source=source, at=now)


def count_submission(*, scope: str, ip: str | None, limit: Limit, purpose: str) -> None:
    """Count one submission to a public page before it is validated, committed at once (its own
    transaction: call it outside the work's transaction), so submissions refused for their input count
    too. Raises ``RateLimited`` over either limit (the page answers 429)."""
    with transaction.atomic():
        hit(scope=scope, ip=ip, limit=limit, purpose=purpose)


def prune(*, older_than: dt.timedelta = dt.timedelta(days=2)) -> int:
    """Drop attempts past any window (kept short: they are only counters)."""
    deleted, _ = PublicAttempt.objects.filter(at__lt=timezone.now() - older_than).delete()
    return deleted
