"""Recurring obligations: next due date and which obligations apply."""

from __future__ import annotations

from datetime import date

import pytest

from shouhu.engines.law.applicability import RULE_IDS
from shouhu.engines.law.catalogue import load_catalogue
from shouhu.engines.law.errors import LawEngineError
from shouhu.engines.law.recurring import next_due, obligations_for, retention_ends, retention_rules_for


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
    assert with_art18 - without == {
        "moda-art18-inventory", "moda-art18-risk", "moda-art18-procedure", "moda-art18-technical",
        "moda-art18-access", "moda-art18-training", "moda-art18-audit", "moda-art18-improvement",
    }  # fmt: skip


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
        "access-log-monitoring",
        "access-monitoring-drill",
    }


def test_retention_rules_follow_applicability() -> None:
    assert [r.id for r in retention_rules_for(["pdpa", "moda"])] == [
        "moda-art16-records",
        "pdpa-art30-limitation",
        "pdpa-draft-incident-records",
    ]


def test_hospital_logs_are_kept_six_months_and_termination_records_five_years() -> None:
    periods = {r.id: r.period for r in retention_rules_for(["hospital"])}
    assert periods == {"hospital-art15-logs": "P6M", "hospital-art16-termination": "P5Y"}


def test_retention_end_date() -> None:
    assert retention_ends(date(2026, 2, 28), "P5Y") == date(2031, 2, 28)


def test_retention_rules_cite_known_laws_and_conditions() -> None:
    catalogue = load_catalogue()
    for rule in catalogue.retention:
        assert rule.law in catalogue.laws
        assert rule.applies_if in RULE_IDS
        assert rule.article or "article" in rule.unverified


def test_draft_retention_rule_is_flagged_unverified() -> None:
    rule = next(r for r in load_catalogue().retention if r.id == "pdpa-draft-incident-records")
    assert (rule.verified, load_catalogue().law(rule.law).versions[0].status.value) == (False, "draft")
