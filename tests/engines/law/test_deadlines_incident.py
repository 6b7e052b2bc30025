"""Each incident deadline rule, table-driven: the facts that trigger it and the exact due time."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from shouhu.engines.law.deadlines import incident_deadlines
from shouhu.engines.law.enums import Anchor
from shouhu.engines.law.facts import CompanyType, NccCategory, PartyFacts, Sector, SpecialReason
from shouhu.engines.law.inputs import IncidentFacts
from tests.engines.law.helpers import ids, only, tp

IT_COMPANY = PartyFacts(
    industry_codes=("6201",), company_type=CompanyType.COMPANY_LIMITED_BY_SHARES, paid_in_capital=12_000_000
)
DISCOVERED = "2026-03-02 09:00"
AWARE = "2026-03-02 10:00"


def incident(**changes: Any) -> IncidentFacts:
    base: dict[str, Any] = {"discovered_at": tp(DISCOVERED), "aware_at": tp(AWARE)}
    base.update(changes)
    return IncidentFacts(**base)


# (rule id, our company's facts, incident changes, expected due time in Asia/Taipei)
CASES: list[tuple[str, PartyFacts, dict[str, Any], str]] = [
    ("moda-art8-report", IT_COMPANY, {"serious": True}, "2026-03-05 10:00"),
    (
        "moea-art6-report",
        PartyFacts(sectors=frozenset({Sector.MOEA_ANNEX1}), consumer_records=5_000),
        {"serious": True},
        "2026-03-05 10:00",
    ),
    (
        "tourism-art9-report",
        PartyFacts(sectors=frozenset({Sector.HOTEL}), consumer_records=8_000),
        {"serious": True},
        "2026-03-05 10:00",
    ),
    ("cram-art13-report", PartyFacts(business_item_codes=("J201031",)), {}, "2026-03-05 09:00"),
    (
        "cram-art13-final",
        PartyFacts(sectors=frozenset({Sector.CRAM_SCHOOL})),
        {"handling_ended_at": tp("2026-03-10 15:00")},
        "2026-04-10 23:59:59",
    ),
    (
        "after-school-art15-report",
        PartyFacts(sectors=frozenset({Sector.AFTER_SCHOOL_CARE})),
        {},
        "2026-03-05 09:00",
    ),
    (
        "after-school-art15-final",
        PartyFacts(sectors=frozenset({Sector.AFTER_SCHOOL_CARE})),
        {
            "handling_ended_at": tp("2026-01-31 10:00"),
            "discovered_at": tp("2026-01-20 09:00"),
            "aware_at": None,
        },
        "2026-03-02 23:59:59",  # one month ends Sat 02-28 (月之始日起算, 民法121) → Monday 03-02 (民法122)
    ),
    (
        "fsc-art6-report",
        PartyFacts(sectors=frozenset({Sector.FSC_REGULATED})),
        {"serious": True},
        "2026-03-05 09:00",
    ),
    (
        "hospital-art14-report",
        PartyFacts(sectors=frozenset({Sector.HOSPITAL}), hospital_beds=100),
        {},
        "2026-03-05 09:00",
    ),
    (
        "ncc-art4-initial",
        PartyFacts(ncc_categories=frozenset({NccCategory.TELECOM})),
        {"serious": True},
        "2026-03-02 11:00",
    ),
    (
        "ncc-art4-followup",
        PartyFacts(ncc_categories=frozenset({NccCategory.TELECOM})),
        {"ncc_serious": True},
        "2026-03-05 10:00",
    ),
    (
        "ncc-art4-authority-notice",
        PartyFacts(ncc_categories=frozenset({NccCategory.TELECOM})),
        {"authority_notice_at": tp("2026-03-03 08:00")},
        "2026-03-05 08:00",
    ),
    (
        "pharma-western-report",
        PartyFacts(industry_codes=("4751",), registered_capital=30_000_000, collects_customer_data=True),
        {},
        "2026-03-05 09:00",
    ),
    (
        "pharma-device-report",
        PartyFacts(industry_codes=("4571",), registered_capital=30_000_000, collects_customer_data=True),
        {},
        "2026-03-05 09:00",
    ),
    (
        "pharma-cosmetics-report",
        PartyFacts(industry_codes=("4752",), registered_capital=30_000_000, collects_customer_data=True),
        {},
        "2026-03-05 09:00",
    ),
    (
        "cyber-snpa-report",
        PartyFacts(special_reasons=frozenset({SpecialReason.STATE_OWNED})),
        {"cyber": True},
        "2026-03-02 11:00",
    ),
    (
        "cyber-snpa-recovery-l12",
        PartyFacts(special_reasons=frozenset({SpecialReason.CI_PROVIDER})),
        {"cyber": True, "level": 2},
        "2026-03-05 10:00",
    ),
    (
        "cyber-snpa-recovery-l34",
        PartyFacts(special_reasons=frozenset({SpecialReason.GOVERNMENT_FUNDED_FOUNDATION})),
        {"cyber": True, "level": 3},
        "2026-03-03 22:00",
    ),
    (
        "cyber-snpa-investigation-report",
        PartyFacts(special_reasons=frozenset({SpecialReason.CI_PROVIDER})),
        {"cyber": True, "level": 1, "recovered_at": tp("2026-03-09 18:30")},
        "2026-04-09 23:59:59",
    ),
    ("cyber-gov-report", PartyFacts(is_government_agency=True), {"cyber": True}, "2026-03-02 11:00"),
    (
        "cyber-gov-recovery-l12",
        PartyFacts(is_government_agency=True),
        {"cyber": True, "level": 1},
        "2026-03-05 10:00",
    ),
    (
        "cyber-gov-recovery-l34",
        PartyFacts(is_government_agency=True),
        {"cyber": True, "level": 4},
        "2026-03-03 22:00",
    ),
    (
        "cyber-gov-investigation-report",
        PartyFacts(is_government_agency=True),
        {"cyber": True, "level": 4, "recovered_at": tp("2026-03-10 20:00")},
        "2026-04-10 23:59:59",
    ),
    (
        "pdpa-art12-notify",
        PartyFacts(),
        {"confirmed_at": tp("2026-03-04 16:00"), "caused_by_violation": True},
        "2026-03-04 16:00",
    ),
]


@pytest.mark.parametrize(("rule_id", "company", "changes", "due"), CASES, ids=[c[0] for c in CASES])
def test_rule_due_time(rule_id: str, company: PartyFacts, changes: dict[str, Any], due: str) -> None:
    deadline = only(incident_deadlines(incident(**changes), company), rule_id)
    assert deadline.due_at == tp(due)


# (rule id, facts, incident changes that must NOT trigger the rule)
NOT_TRIGGERED: list[tuple[str, PartyFacts, dict[str, Any]]] = [
    ("moda-art8-report", IT_COMPANY, {"serious": False}),
    (
        "moea-art6-report",
        PartyFacts(sectors=frozenset({Sector.MOEA_ANNEX1}), consumer_records=4_999),
        {"serious": True},
    ),
    (
        "tourism-art9-report",
        PartyFacts(sectors=frozenset({Sector.BNB}), consumer_records=7_999),
        {"serious": True},
    ),
    ("hospital-art14-report", PartyFacts(sectors=frozenset({Sector.HOSPITAL}), hospital_beds=99), {}),
    (
        "ncc-art4-initial",
        PartyFacts(ncc_categories=frozenset({NccCategory.TELECOM})),
        {"serious": False, "ncc_serious": False},
    ),
    (
        "ncc-art4-authority-notice",
        PartyFacts(ncc_categories=frozenset({NccCategory.TELECOM})),
        {"serious": True},
    ),
    ("fsc-art6-report", PartyFacts(sectors=frozenset({Sector.FSC_REGULATED})), {"serious": False}),
    ("cyber-snpa-report", PartyFacts(special_reasons=frozenset({SpecialReason.STATE_OWNED})), {}),
    (
        "cyber-snpa-report",
        PartyFacts(special_reasons=frozenset({SpecialReason.GOVERNMENT_CONTROLLED})),
        {"cyber": True},
    ),
    (
        "cyber-snpa-recovery-l12",
        PartyFacts(special_reasons=frozenset({SpecialReason.CI_PROVIDER})),
        {"cyber": True, "level": 3},
    ),
    (
        "cyber-snpa-recovery-l34",
        PartyFacts(special_reasons=frozenset({SpecialReason.CI_PROVIDER})),
        {"cyber": True, "level": 2},
    ),
    ("pdpa-art12-notify", PartyFacts(), {"caused_by_violation": False}),
    (
        "cram-art13-report",
        PartyFacts(business_item_codes=("J201031",)),
        {"personal_data": False, "cyber": True},
    ),
    (
        "pharma-western-report",
        PartyFacts(industry_codes=("4751",), registered_capital=29_999_999, collects_customer_data=True),
        {},
    ),
]


@pytest.mark.parametrize(("rule_id", "company", "changes"), NOT_TRIGGERED, ids=[c[0] for c in NOT_TRIGGERED])
def test_rule_not_triggered(rule_id: str, company: PartyFacts, changes: dict[str, Any]) -> None:
    assert rule_id not in ids(incident_deadlines(incident(**changes), company))


def test_unknown_level_keeps_both_recovery_clocks_pending_on_the_level() -> None:
    company = PartyFacts(special_reasons=frozenset({SpecialReason.CI_PROVIDER}))
    found = incident_deadlines(incident(cyber=True), company)
    short, long = only(found, "cyber-snpa-recovery-l34"), only(found, "cyber-snpa-recovery-l12")
    assert (short.due_at, [p.key for p in short.pending]) == (tp("2026-03-03 22:00"), ["level"])
    assert (long.due_at, [p.key for p in long.pending]) == (tp("2026-03-05 10:00"), ["level"])


def test_fsc_rule_without_stated_anchor_counts_from_discovery_and_is_flagged() -> None:
    deadline = only(
        incident_deadlines(incident(serious=True), PartyFacts(sectors=frozenset({Sector.FSC_REGULATED}))),
        "fsc-art6-report",
    )
    assert (deadline.anchor, deadline.conservative_reading) == (Anchor.DISCOVERED, True)
    assert "法令未明定起算時點" in deadline.explanation_zh


def test_missing_aware_time_falls_back_to_discovery_and_is_flagged() -> None:
    deadline = only(incident_deadlines(incident(aware_at=None, serious=True), IT_COMPANY), "moda-art8-report")
    assert (deadline.due_at, deadline.anchor_fallback_from, deadline.conservative_reading) == (
        tp("2026-03-05 09:00"),
        Anchor.DISCOVERED,
        True,
    )


def test_missing_recovery_time_counts_report_month_from_awareness() -> None:
    company = PartyFacts(special_reasons=frozenset({SpecialReason.CI_PROVIDER}))
    deadline = only(
        incident_deadlines(incident(cyber=True, level=1), company), "cyber-snpa-investigation-report"
    )
    assert (deadline.due_at, deadline.anchor_fallback_from) == (tp("2026-04-02 23:59:59"), Anchor.AWARE)


def test_art12_with_violation_unknown_is_applied_as_conservative_reading() -> None:
    deadline = only(
        incident_deadlines(incident(confirmed_at=tp("2026-03-04 16:00")), PartyFacts()), "pdpa-art12-notify"
    )
    assert (deadline.due_at, deadline.conservative_reading) == (tp("2026-03-04 16:00"), True)


def test_art12_notice_is_immediate_after_confirmation_with_its_legal_basis() -> None:
    found = incident_deadlines(
        incident(confirmed_at=tp("2026-03-04 16:00"), caused_by_violation=True), PartyFacts()
    )
    deadline = only(found, "pdpa-art12-notify")
    assert deadline.legal_basis_zh == "個人資料保護法第12條；個人資料保護法施行細則第22條"
    assert (deadline.conservative_reading, deadline.verified) == (False, True)


CLIENT_GOV = PartyFacts(party_id="gov-1", name="某市政府", is_government_agency=True)
CLIENT_SHOP = PartyFacts(party_id="shop-1", name="某商店")


def test_contractor_notifies_government_client_immediately_on_awareness() -> None:
    found = incident_deadlines(
        incident(cyber=True, personal_data=False), IT_COMPANY, [CLIENT_GOV, CLIENT_SHOP]
    )
    notice = only(found, "cyber-contractor-notice", "gov-1")
    assert (notice.due_at, notice.obligor_zh) == (tp(AWARE), "本公司（受託者）→ 委託者「某市政府」")
    assert "cyber-contractor-notice" not in ids(found, "shop-1")


def test_contractor_pdpa_notice_uses_contract_hours_when_given() -> None:
    found = incident_deadlines(
        incident(caused_by_violation=True, contract_notice_hours=24), IT_COMPANY, [CLIENT_SHOP]
    )
    notice = only(found, "pdpa-er-art8-contractor-notice", "shop-1")
    assert (notice.due_at, notice.conservative_reading) == (tp("2026-03-03 10:00"), False)


def test_contractor_pdpa_notice_without_contract_hours_is_immediate_and_conservative() -> None:
    found = incident_deadlines(incident(caused_by_violation=True), IT_COMPANY, [CLIENT_SHOP])
    notice = only(found, "pdpa-er-art8-contractor-notice", "shop-1")
    assert (notice.due_at, notice.conservative_reading) == (tp(AWARE), True)
    assert [p.key for p in notice.pending] == ["contract_notice_hours"]


def test_client_sector_rule_is_computed_for_the_client() -> None:
    ncc_client = PartyFacts(party_id="tel", ncc_categories=frozenset({NccCategory.TELECOM}))
    found = incident_deadlines(incident(serious=True), IT_COMPANY, [ncc_client])
    assert only(found, "ncc-art4-initial", "tel").due_at == tp("2026-03-02 11:00")
    assert "ncc-art4-initial" not in ids(found, "self")


def test_only_listed_affected_clients_are_considered() -> None:
    ncc_client = PartyFacts(party_id="tel", ncc_categories=frozenset({NccCategory.TELECOM}))
    found = incident_deadlines(incident(serious=True, affected_client_ids=()), IT_COMPANY, [ncc_client])
    assert ids(found, "tel") == set()


def test_own_party_not_affected_gives_no_own_deadlines() -> None:
    found = incident_deadlines(incident(serious=True, own_party_affected=False), IT_COMPANY)
    assert found == []


def test_the_full_example_is_sorted_by_due_time() -> None:
    found = incident_deadlines(incident(serious=True, cyber=True, level=3), IT_COMPANY, [CLIENT_GOV])
    assert [d.due_at for d in found] == sorted(d.due_at for d in found)


def test_due_times_are_aware_utc() -> None:
    deadline = only(incident_deadlines(incident(serious=True), IT_COMPANY), "moda-art8-report")
    assert deadline.due_at == datetime.fromisoformat("2026-03-05T02:00:00+00:00")
    assert deadline.due_at.utcoffset() is not None


def test_explanation_names_reason_anchor_and_version() -> None:
    deadline = only(incident_deadlines(incident(serious=True), IT_COMPANY), "moda-art8-report")
    assert deadline.explanation_zh.startswith(
        "行業代碼 6201屬數位經濟辦法附表一所列行業；無筆數門檻 → 適用。自知悉（民國115年3月2日 10:00（臺北時間））起72小時，"
        "期限 民國115年3月5日 10:00（臺北時間）。依據：數位經濟相關產業個人資料檔案安全維護管理辦法第8條"
    )


def test_replace_keeps_validation() -> None:
    base = incident()
    assert replace(base, level=2).level == 2
