"""Recurring compliance obligations and their next due dates (for the compliance calendar)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from .catalogue import Catalogue, load_catalogue
from .errors import LawEngineError
from .model import RecurringObligation, RetentionRule
from .timeutil import add_months

_PERIOD = re.compile(r"^P(?P<n>[1-9]\d*)(?P<unit>[YMD])$")


def parse_frequency(frequency: str) -> tuple[int, str]:
    """Split "P1Y" / "P6M" / "P90D" into (count, unit letter)."""
    match = _PERIOD.match(frequency) if isinstance(frequency, str) else None
    if match is None:
        raise LawEngineError(f"無法辨識的週期格式：{frequency!r}（例如 P1Y、P6M、P90D）")
    return int(match["n"]), match["unit"]


def next_due(last_done: date, frequency: str) -> date:
    """The date the next occurrence is due: ``last_done`` plus one period.

    Months and years are calendar months, clamped to the end of a shorter month
    (2026-08-31 + P6M → 2027-02-28).
    """
    count, unit = parse_frequency(frequency)
    if unit == "D":
        return last_done + timedelta(days=count)
    return add_months(last_done, count * (12 if unit == "Y" else 1))


def obligations_for(
    applicable_rule_ids: Iterable[str], catalogue: Catalogue | None = None
) -> list[RecurringObligation]:
    """The recurring obligations that apply: those marked "always" plus those whose condition applies."""
    catalogue = catalogue or load_catalogue()
    ids = set(applicable_rule_ids)
    return [o for o in catalogue.recurring if o.condition == "always" or o.condition in ids]


def retention_rules_for(
    applicable_rule_ids: Iterable[str], catalogue: Catalogue | None = None
) -> list[RetentionRule]:
    """The retention rules whose condition applies."""
    catalogue = catalogue or load_catalogue()
    ids = set(applicable_rule_ids)
    return [r for r in catalogue.retention if r.applies_if in ids]


def retention_ends(start: date, period: str) -> date:
    """The day the minimum retention ``period`` from ``start`` ends (keep the record at least until then)."""
    return next_due(start, period)
