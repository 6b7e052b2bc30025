"""Shared helpers for the law-engine tests (pure Python, no Django)."""

from __future__ import annotations

from datetime import datetime

from shouhu.engines.law.deadlines import Deadline
from shouhu.engines.law.timeutil import TAIPEI


def tp(text: str) -> datetime:
    """An aware Asia/Taipei datetime from 'YYYY-MM-DD HH:MM[:SS]'."""
    return datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


def only(deadlines: list[Deadline], rule_id: str, party_id: str = "self") -> Deadline:
    """The single deadline for ``rule_id`` and ``party_id``; fails if absent or repeated."""
    found = [d for d in deadlines if d.rule_id == rule_id and d.party_id == party_id]
    assert len(found) == 1, f"{rule_id}/{party_id}: {[(d.rule_id, d.party_id) for d in deadlines]}"
    return found[0]


def ids(deadlines: list[Deadline], party_id: str | None = None) -> set[str]:
    """Rule ids of the deadlines (optionally for one party)."""
    return {d.rule_id for d in deadlines if party_id is None or d.party_id == party_id}
