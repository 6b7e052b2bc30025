"""Recurring obligations: next due date and which obligations apply."""

from __future__ import annotations

from datetime import date

import pytest

from shouhu.engines.law.errors import LawEngineError
from shouhu.engines.law.recurring import next_due, obligations_for


@pytest.mark.parametrize(
    ("last_done", "frequency", "due"),
    [
        (date(2026, 3, 15), "P1Y", date(2027, 3, 15)),
        (date(2028, 2, 29), "P1Y", date(2029, 2, 28)),
        (date(2026, 8, 31), "P6M", date(2027, 2, 28)),
        (date(2026, 1, 1), "P90D", date(2026, 4, 1)),
        (date(2026, 11, 30), "P12M", date(2027, 11, 30)),
    ],
)
def test_next_due(last_done: date, frequency: str, due: date) -> None:
    assert next_due(last_done, frequency) == due


@pytest.mark.parametrize("frequency", ["1Y", "P0M", "P1W", "", "yearly"])
def test_unknown_frequency_is_refused(frequency: str) -> None:
    with pytest.raises(LawEngineError, match="無法辨識的週期格式"):
        next_due(date(2026, 1, 1), frequency)


def test_moda_review_appears_only_when_art18_applies() -> None:
    without = {o.id for o in obligations_for(["pdpa", "moda"])}
    with_art18 = {o.id for o in obligations_for(["pdpa", "moda", "moda-art18"])}
    assert with_art18 - without == {"moda-art18-review"}


def test_always_obligations_apply_to_everyone() -> None:
    assert {o.id for o in obligations_for([])} == {
        "self-check-internal-audit",
        "incident-drill",
        "processor-audit",
        "web-vuln-scan-pentest",
        "host-vuln-scan-malware",
        "training",
        "phishing-drill",
        "permission-review",
        "password-change",
        "purpose-review",
        "retention-end",
    }
