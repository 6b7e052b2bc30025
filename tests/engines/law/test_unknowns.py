"""Unknown is not "no": deadlines that depend on a fact not yet known are returned with it pending.

Every trigger fact and every threshold fact, table-driven: unknown → the deadline is there with the
fact pending; an explicit no (or a value under the threshold) → it is absent; yes (or at the threshold)
→ it is there with nothing pending. Plus the warnings for what the engine cannot compute.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from shouhu.engines.law.catalogue import load_catalogue_from
from shouhu.engines.law.deadlines import Deadline, incident_report, request_report
from shouhu.engines.law.facts import CompanyType, NccCategory, PartyFacts, Sector, SpecialReason
from shouhu.engines.law.inputs import IncidentFacts, RequestFacts, RequestKind
from shouhu.engines.law.pending import PendingFact
from tests.engines.law.helpers import ids, only, tp

AWARE = "2026-03-02 10:00"
IT = PartyFacts(industry_codes=("6201",))
MOEA = PartyFacts(sectors=frozenset({Sector.MOEA_ANNEX1}), consumer_records=5_000)
HOTEL = PartyFacts(sectors=frozenset({Sector.HOTEL}), consumer_records=8_000)
FSC = PartyFacts(sectors=frozenset({Sector.FSC_REGULATED}))
TELECOM = PartyFacts(ncc_categories=frozenset({NccCategory.TELECOM}))
CI = PartyFacts(special_reasons=frozenset({SpecialReason.CI_PROVIDER}))
GOV = PartyFacts(is_government_agency=True)
RETAILER = PartyFacts(
    sectors=frozenset({Sector.INTERNET_RETAIL}),
    company_type=CompanyType.COMPANY_LIMITED_BY_SHARES,
    registered_capital=10_000_000,
)


def first_hour(**changes: Any) -> IncidentFacts:
    """An incident with only first-hour facts: 知悉 and nothing else known."""
    return IncidentFacts(**{"aware_at": tp(AWARE), **changes})


def pending_keys(deadline: Deadline) -> list[str]:
    return [p.key for p in deadline.pending]


# (rule id, our company, incident fact, extra incident facts, incident date)
TRIGGER_CASES: list[tuple[str, PartyFacts, str, dict[str, Any], str]] = [
    ("moda-art8-report", IT, "serious", {}, AWARE),
    ("moea-art6-report", MOEA, "serious", {}, AWARE),
    ("tourism-art9-report", HOTEL, "serious", {}, AWARE),
    ("fsc-art6-report", FSC, "serious", {}, AWARE),
    ("online-retail-art8-report", RETAILER, "serious", {}, "2023-06-01 10:00"),
    ("ncc-art4-initial", TELECOM, "ncc_serious", {"serious": False}, AWARE),
    ("ncc-art4-followup", TELECOM, "ncc_serious", {"serious": False}, AWARE),
    ("pdpa-art12-notify", PartyFacts(), "caused_by_violation", {}, AWARE),
    ("cyber-snpa-recovery-l12", CI, "level", {"cyber": True}, AWARE),
    ("cyber-snpa-recovery-l34", CI, "level", {"cyber": True}, AWARE),
    ("cyber-gov-recovery-l12", GOV, "level", {"cyber": True}, AWARE),
    ("cyber-gov-recovery-l34", GOV, "level", {"cyber": True}, AWARE),
]
_NO = {"level": {"cyber-snpa-recovery-l12": 3, "cyber-gov-recovery-l12": 3}}
_YES = {"level": {"cyber-snpa-recovery-l12": 2, "cyber-gov-recovery-l12": 1}}


def _answer(fact: str, rule_id: str, answers: dict[str, dict[str, int]], default: object) -> object:
    if fact != "level":
        return default
    return answers["level"].get(rule_id, 2 if default is False else 3)


@pytest.mark.parametrize(
    ("rule_id", "company", "fact", "extra", "when"),
    TRIGGER_CASES,
    ids=[f"{c[0]}-{c[2]}" for c in TRIGGER_CASES],
)
def test_unknown_trigger_fact_keeps_the_deadline_pending(
    rule_id: str, company: PartyFacts, fact: str, extra: dict[str, Any], when: str
) -> None:
    report = incident_report(first_hour(aware_at=tp(when), **extra), company)
    assert fact in pending_keys(only(report.deadlines, rule_id))


@pytest.mark.parametrize(
    ("rule_id", "company", "fact", "extra", "when"),
    TRIGGER_CASES,
    ids=[f"{c[0]}-{c[2]}" for c in TRIGGER_CASES],
)
def test_explicit_no_removes_the_deadline(
    rule_id: str, company: PartyFacts, fact: str, extra: dict[str, Any], when: str
) -> None:
    answer = _answer(fact, rule_id, _NO, False)
    report = incident_report(first_hour(aware_at=tp(when), **{**extra, fact: answer}), company)
    assert rule_id not in ids(report.deadlines)


@pytest.mark.parametrize(
    ("rule_id", "company", "fact", "extra", "when"),
    TRIGGER_CASES,
    ids=[f"{c[0]}-{c[2]}" for c in TRIGGER_CASES],
)
def test_explicit_yes_gives_the_deadline_with_nothing_pending(
    rule_id: str, company: PartyFacts, fact: str, extra: dict[str, Any], when: str
) -> None:
    answer = _answer(fact, rule_id, _YES, True)
    report = incident_report(first_hour(aware_at=tp(when), **{**extra, fact: answer}), company)
    assert pending_keys(only(report.deadlines, rule_id)) == []


def test_first_hour_incident_shows_the_moda_clock_counting_from_awareness() -> None:
    deadline = only(incident_report(first_hour(), IT).deadlines, "moda-art8-report")
    assert (deadline.due_at, deadline.pending_zh) == (
        tp("2026-03-05 10:00"),
        "待判斷：是否危及正常營運或大量當事人權益",
    )
    assert deadline.pending == (
        PendingFact(
            "serious",
            "是否危及正常營運或大量當事人權益",
            "whether the incident endangers normal operation or the rights of many data subjects",
        ),
    )
    assert "確定為「否」（並記錄理由）後才移除" in deadline.explanation_zh


def test_serious_yes_settles_the_ncc_test_too() -> None:
    deadline = only(incident_report(first_hour(serious=True), TELECOM).deadlines, "ncc-art4-initial")
    assert (deadline.due_at, deadline.pending) == (tp("2026-03-02 11:00"), ())


def test_contractor_notice_to_a_client_waits_on_the_violation_fact() -> None:
    shop = PartyFacts(party_id="shop", name="某商店", industry_codes=("4711",))
    deadline = only(
        incident_report(first_hour(), IT, [shop]).deadlines, "pdpa-er-art8-contractor-notice", "shop"
    )
    assert pending_keys(deadline) == ["caused_by_violation", "contract_notice_hours"]


def test_contractor_notice_with_agreed_hours_waits_only_on_the_violation_fact() -> None:
    shop = PartyFacts(party_id="shop", name="某商店", industry_codes=("4711",))
    facts = replace(first_hour(), contract_notice_hours=24)
    deadline = only(incident_report(facts, IT, [shop]).deadlines, "pdpa-er-art8-contractor-notice", "shop")
    assert pending_keys(deadline) == ["caused_by_violation"]


# (rule id, party facts with the threshold fact unknown, fact name, below, at): client "c1"
THRESHOLD_CASES: list[tuple[str, dict[str, Any], str, Any, Any]] = [
    ("hospital-art14-report", {"sectors": frozenset({Sector.HOSPITAL})}, "hospital_beds", 99, 100),
    ("moea-art6-report", {"sectors": frozenset({Sector.MOEA_ANNEX1})}, "consumer_records", 4_999, 5_000),
    ("tourism-art9-report", {"sectors": frozenset({Sector.BNB})}, "consumer_records", 7_999, 8_000),
    ("ncc-art4-initial", {"ncc_categories": frozenset({NccCategory.ISP})}, "ncc_subscribers", 2_999, 3_000),
    ("ncc-art4-initial", {"ncc_categories": frozenset({NccCategory.DBS})}, "ncc_subscribers", 2_999, 3_000),
    (
        "pharma-western-report",
        {"industry_codes": ("4751",), "collects_customer_data": True},
        "registered_capital",
        29_999_999,
        30_000_000,
    ),
    (
        "pharma-device-report",
        {"industry_codes": ("4571",), "registered_capital": 30_000_000},
        "collects_customer_data",
        False,
        True,
    ),
    (
        "pharma-cosmetics-report",
        {"industry_codes": ("4752",), "collects_customer_data": True},
        "registered_capital",
        29_999_999,
        30_000_000,
    ),
]


def _client(facts: dict[str, Any], **more: Any) -> PartyFacts:
    return PartyFacts(party_id="c1", name="委託者甲", **{**facts, **more})


def _client_report(client: PartyFacts, when: str = AWARE) -> list[Deadline]:
    return incident_report(first_hour(aware_at=tp(when), serious=True), IT, [client]).deadlines


@pytest.mark.parametrize(("rule_id", "facts", "fact", "below", "at"), THRESHOLD_CASES)
def test_unknown_threshold_fact_keeps_the_deadline_pending(
    rule_id: str, facts: dict[str, Any], fact: str, below: Any, at: Any
) -> None:
    deadline = only(_client_report(_client(facts)), rule_id, "c1")
    assert pending_keys(deadline) == [f"party.c1.{fact}"]
    assert deadline.pending[0].party_id == "c1"


@pytest.mark.parametrize(("rule_id", "facts", "fact", "below", "at"), THRESHOLD_CASES)
def test_threshold_fact_below_the_limit_removes_the_deadline(
    rule_id: str, facts: dict[str, Any], fact: str, below: Any, at: Any
) -> None:
    assert rule_id not in ids(_client_report(_client(facts, **{fact: below})), "c1")


@pytest.mark.parametrize(("rule_id", "facts", "fact", "below", "at"), THRESHOLD_CASES)
def test_threshold_fact_at_the_limit_gives_the_deadline(
    rule_id: str, facts: dict[str, Any], fact: str, below: Any, at: Any
) -> None:
    assert pending_keys(only(_client_report(_client(facts, **{fact: at})), rule_id, "c1")) == []


def test_unknown_company_type_keeps_the_repealed_online_retail_clock_pending() -> None:
    retailer = _client({"sectors": frozenset({Sector.INTERNET_RETAIL})})
    deadline = only(_client_report(retailer, "2023-06-01 10:00"), "online-retail-art8-report", "c1")
    assert pending_keys(deadline) == ["party.c1.company_type", "party.c1.registered_capital"]


def test_trigger_and_threshold_unknown_together_are_both_pending() -> None:
    report = incident_report(first_hour(), IT, [_client({"sectors": frozenset({Sector.HOTEL})})])
    assert pending_keys(only(report.deadlines, "tourism-art9-report", "c1")) == [
        "serious",
        "party.c1.consumer_records",
    ]


def test_pending_deadlines_are_flagged_conservative() -> None:
    deadline = only(incident_report(first_hour(), IT).deadlines, "moda-art8-report")
    assert deadline.conservative_reading is True


# --- warnings ------------------------------------------------------------------------------------------


def codes(report: Any) -> list[str]:
    return [w.code for w in report.warnings]


def test_contradictory_serious_facts_warn_and_keep_the_ncc_clock() -> None:
    report = incident_report(first_hour(serious=True, ncc_serious=False), TELECOM)
    assert "ncc-art4-initial" in ids(report.deadlines)
    assert codes(report) == ["fact_conflict"]


def test_party_without_industry_gets_a_warning_not_silence() -> None:
    report = incident_report(first_hour(), PartyFacts())
    assert [(w.code, w.party_id) for w in report.warnings] == [("party_industry_unknown", "self")]
    assert report.warnings[0].message_zh.startswith("本公司未填行業代碼或行業別")


def test_missing_discovery_time_warns_that_discovery_clocks_may_be_earlier() -> None:
    report = incident_report(
        first_hour(), PartyFacts(sectors=frozenset({Sector.HOSPITAL}), hospital_beds=300)
    )
    deadline = only(report.deadlines, "hospital-art14-report")
    assert (deadline.due_at, deadline.anchor_fallback_from) == (tp("2026-03-05 10:00"), "aware")
    assert codes(report) == ["anchor_estimated"]


def test_last_day_outside_the_office_calendar_warns_and_is_not_moved() -> None:
    report = request_report(RequestFacts(RequestKind.COPY, tp("2040-01-01 10:00")))
    deadline = only(report.deadlines, "pdpa-art13-access")
    assert (deadline.last_day, deadline.rolled_from) == (date(2040, 1, 16), None)
    assert set(codes(report)) == {"calendar_not_covered"}
    assert report.warnings[0].rule_id == "pdpa-art13-access"


def test_day_period_ending_on_a_weekend_moves_to_monday_with_the_reason() -> None:
    # received Thu 2026-03-12: 15 days → Fri 03-27 (working); 30 days → Sat 04-11 → Mon 04-13
    report = request_report(RequestFacts(RequestKind.DELETE, tp("2026-03-12 16:00")))
    deadline = only(report.deadlines, "pdpa-art13-correction")
    assert (deadline.rolled_from, deadline.last_day) == (date(2026, 4, 11), date(2026, 4, 13))
    assert deadline.due_at == tp("2026-04-13 23:59:59")
    assert deadline.due_at_taipei == "民國115年4月13日（星期一）24:00（臺北時間）"
    assert "依民法第122條以次一工作日民國115年4月13日（星期一）代之" in deadline.explanation_zh


_LAWS = """
[[law]]
id = "x"
pcode = "X0000001"
name_zh = "測試辦法"
short_name_zh = "測試辦法"
name_en = "Test rule"
kind = "regulation"
competent_authority_zh = "測試部"
source_url = "https://law.moj.gov.tw/"
[[law.version]]
id = "2022"
label_zh = "2022年修正"
status = "superseded"
effective_from = 2022-09-23
effective_to = 2026-12-31
verified = true
[[law.version]]
id = "2027"
label_zh = "2027年修正"
status = "in_force"
effective_from = 2027-01-01
verified = true
"""
_RULE = """
[[rule]]
id = "x-report"
title_zh = "測試通報"
title_en = "Test report"
trigger = "incident"
law = "x"
anchor = "aware"
duration = 72
unit = "hours"
party = "holder"
applies_if = "hospital"
requires = ["personal_data"]
recipient_zh = "測試部"
verified = true
[[rule.version]]
law_version = "2022"
article = "第14條"
"""


def _catalogue(tmp_path: Path, extra: str = "") -> Any:
    laws = _LAWS.replace(
        'source_url = "https://law.moj.gov.tw/"', f'source_url = "https://law.moj.gov.tw/"\n{extra}'
    )
    (tmp_path / "laws_x.toml").write_text(laws, encoding="utf-8")
    (tmp_path / "deadlines_x.toml").write_text(_RULE, encoding="utf-8")
    return load_catalogue_from(tmp_path)


HOSPITAL = PartyFacts(sectors=frozenset({Sector.HOSPITAL}), hospital_beds=300)


def test_date_before_the_earliest_collected_version_warns_rule_not_covered(tmp_path: Path) -> None:
    report = incident_report(
        first_hour(aware_at=tp("2021-05-01 10:00")), HOSPITAL, catalogue=_catalogue(tmp_path)
    )
    assert report.deadlines == []
    assert [(w.code, w.rule_id, w.party_id) for w in report.warnings] == [
        ("rule_not_covered", "x-report", "self")
    ]
    assert "本規則於 2021-05-01 未涵蓋" in report.warnings[0].message_zh


def test_version_in_force_but_not_encoded_for_the_rule_warns(tmp_path: Path) -> None:
    report = incident_report(
        first_hour(aware_at=tp("2027-02-01 10:00")), HOSPITAL, catalogue=_catalogue(tmp_path)
    )
    assert (report.deadlines, codes(report)) == ([], ["rule_version_missing"])


def test_no_coverage_warning_when_the_party_is_not_subject_to_the_rule(tmp_path: Path) -> None:
    small = PartyFacts(sectors=frozenset({Sector.HOSPITAL}), hospital_beds=20)
    report = incident_report(
        first_hour(aware_at=tp("2021-05-01 10:00")), small, catalogue=_catalogue(tmp_path)
    )
    assert (report.deadlines, report.warnings) == ([], [])


def test_law_that_did_not_exist_yet_is_not_a_data_gap(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path, "first_effective_on = 2022-09-23")
    report = incident_report(first_hour(aware_at=tp("2021-05-01 10:00")), HOSPITAL, catalogue=catalogue)
    assert (report.deadlines, report.warnings) == ([], [])


def test_the_compatibility_function_returns_the_same_deadlines() -> None:
    from shouhu.engines.law.deadlines import incident_deadlines

    assert incident_deadlines(first_hour(), IT) == incident_report(first_hour(), IT).deadlines
