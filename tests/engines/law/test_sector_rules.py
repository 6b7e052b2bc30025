"""Client-sector rules and corrected rule versions: who they bind, from when, at and below thresholds.

Each case is a client (委託者) of an IT vendor with an incident discovered at a Taipei time; the vendor
follows the client's sector rule (數位經濟辦法第19條). Dates come from the rule texts and 中央法規標準法
第13、14、22條 (see shouhu/engines/law/data/laws_sector*.toml and docs/law/).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from shouhu.engines.law.deadlines import Deadline, incident_report, request_deadlines
from shouhu.engines.law.facts import PartyFacts, Sector
from shouhu.engines.law.inputs import IncidentFacts, RequestFacts, RequestKind
from shouhu.engines.law.pending import ANCHOR_ESTIMATED, RULE_VERSION_MISSING
from tests.engines.law.helpers import only, tp

VENDOR = PartyFacts(industry_codes=("6201",))


def client(**facts: Any) -> PartyFacts:
    return PartyFacts(party_id="c1", name="委託者", **facts)


def clocks(party: PartyFacts, when: str, **incident: Any) -> list[Deadline]:
    """The client's deadlines for an incident discovered (and known) at ``when``."""
    at = tp(when)
    facts = IncidentFacts(discovered_at=at, aware_at=at, **incident)
    return [d for d in incident_report(facts, VENDOR, [party]).deadlines if d.party_id == "c1"]


def rule_ids(party: PartyFacts, when: str, **incident: Any) -> set[str]:
    return {d.rule_id for d in clocks(party, when, **incident)}


M = 10_000_000
# (rule, client facts, discovered at, incident facts, applies?) — one case at and one past each limit.
CASES: list[tuple[str, dict[str, Any], str, dict[str, Any], bool]] = [
    ("private-college-art8-report", {"industry_codes": ("8550",)}, "2024-03-01 09:00", {}, True),
    ("private-college-art8-report", {"industry_codes": ("8550",), "is_government_agency": True},
     "2024-03-01 09:00", {}, False),
    ("private-college-art8-report", {"industry_codes": ("8550",)}, "2021-12-09 09:00", {}, False),
    ("private-school-art13-report", {"industry_codes": ("8510",)}, "2021-12-10 09:00", {}, True),
    ("private-school-art13-report", {"industry_codes": ("8510",)}, "2021-12-09 09:00", {}, False),
    ("private-school-art13-report-2017", {"industry_codes": ("8510",)}, "2021-12-09 09:00", {}, True),
    ("general-merchandise-art12-report",
     {"industry_codes": ("4711",), "registered_capital": 10 * 1_000_000, "collects_customer_data": True},
     "2024-03-01 09:00", {}, True),
    ("general-merchandise-art12-report",
     {"industry_codes": ("4711",), "registered_capital": M - 1, "collects_customer_data": True},
     "2024-03-01 09:00", {}, False),
    ("general-merchandise-art12-report",
     {"industry_codes": ("4712",), "registered_capital": M, "collects_customer_data": False},
     "2024-03-01 09:00", {}, False),
    ("general-merchandise-art12-report",
     {"industry_codes": ("4719",), "registered_capital": M, "collects_customer_data": True,
      "sectors": frozenset({Sector.SPECIALLY_LICENSED})}, "2024-03-01 09:00", {}, False),
    ("general-merchandise-art12-report",
     {"industry_codes": ("4711",), "registered_capital": M, "collects_customer_data": True},
     "2023-08-02 09:00", {}, False),
    ("long-term-care-art10-report", {"industry_codes": ("8711",)}, "2022-06-24 09:00", {}, True),
    ("long-term-care-art10-report", {"industry_codes": ("8711",)}, "2022-06-23 09:00", {}, False),
    ("nursing-home-art11-report-2020", {"industry_codes": ("8719",), "hospital_beds": 201},
     "2022-06-14 09:00", {}, True),
    ("nursing-home-art11-report-2020", {"industry_codes": ("8719",), "hospital_beds": 200},
     "2022-06-14 09:00", {}, False),
    ("nursing-home-art11-report", {"industry_codes": ("8719",), "hospital_beds": 150},
     "2022-06-15 09:00", {}, True),
    ("nursing-home-art11-report", {"industry_codes": ("8719",), "hospital_beds": 300},
     "2022-06-14 09:00", {}, False),
    ("food-art17-report",
     {"industry_codes": ("5611",), "registered_capital": 30 * 1_000_000, "collects_customer_data": True},
     "2022-01-21 09:00", {}, True),
    ("food-art17-report",
     {"industry_codes": ("5611",), "paid_in_capital": 30 * 1_000_000 - 1, "collects_customer_data": True},
     "2024-03-01 09:00", {}, False),
    ("food-art17-report",
     {"industry_codes": ("0812",), "registered_capital": 30 * 1_000_000, "collects_customer_data": True},
     "2022-01-20 09:00", {}, False),
    ("social-welfare-art12-report", {"industry_codes": ("8792",), "hospital_beds": 201},
     "2022-06-11 09:00", {}, True),
    ("social-welfare-art12-report", {"industry_codes": ("8792",), "hospital_beds": 200},
     "2024-03-01 09:00", {}, False),
    ("social-welfare-art12-report", {"industry_codes": ("8891",), "hospital_beds": 96},
     "2024-03-01 09:00", {}, True),
    ("social-welfare-art12-report", {"industry_codes": ("8891",), "hospital_beds": 95},
     "2024-03-01 09:00", {}, False),
    ("road-transport-art7-report", {"industry_codes": ("4932",)}, "2022-04-29 09:00", {}, True),
    ("road-transport-art7-report", {"industry_codes": ("4932",)}, "2022-04-28 09:00", {}, False),
    ("road-transport-art7-final", {"industry_codes": ("4940",)}, "2024-03-01 09:00", {}, True),
    ("parking-art6-report", {"industry_codes": ("5241",)}, "2022-07-01 09:00", {}, True),
    ("parking-art6-report", {"industry_codes": ("5241",)}, "2022-06-30 09:00", {}, False),
    ("parking-art6-report-2016", {"industry_codes": ("5241",)}, "2022-06-30 09:00", {}, True),
    ("labour-broker-art8-report", {"industry_codes": ("7810",)}, "2021-09-29 09:00", {}, True),
    ("labour-broker-art8-report", {"industry_codes": ("7810",), "is_government_agency": True},
     "2024-03-01 09:00", {}, False),
    ("labour-broker-art8-report-2013", {"industry_codes": ("7810",)}, "2021-09-28 09:00", {}, True),
    ("energy-art6-report", {"industry_codes": ("3510",), "consumer_records": 3_000},
     "2024-03-01 09:00", {"serious": True}, True),
    ("energy-art6-report", {"industry_codes": ("3510",), "consumer_records": 2_999},
     "2024-03-01 09:00", {"serious": True}, False),
    ("energy-art6-report", {"industry_codes": ("3520",), "consumer_records": 3_000},
     "2024-03-01 09:00", {"serious": False}, False),
    ("energy-art6-report", {"industry_codes": ("4821",), "consumer_records": 3_000},
     "2024-05-03 09:00", {"serious": True}, True),
    ("energy-art6-report", {"industry_codes": ("4821",), "consumer_records": 3_000},
     "2024-05-02 09:00", {"serious": True}, False),
    ("energy-art6-report-2015", {"industry_codes": ("3510",), "consumer_records": 3_000},
     "2022-02-10 09:00", {"serious": True}, True),
    ("agri-finance-art6-report", {"industry_codes": ("6414",)}, "2022-04-14 09:00", {"serious": True}, True),
    ("agri-finance-art6-report", {"sectors": frozenset({Sector.AGRICULTURAL_FINANCE})},
     "2024-03-01 09:00", {"serious": False}, False),
    ("agri-finance-art6-report-2015", {"sectors": frozenset({Sector.AGRICULTURAL_FINANCE})},
     "2022-04-13 09:00", {"serious": True}, True),
    ("pharma-western-report",
     {"industry_codes": ("4751",), "registered_capital": 30 * 1_000_000, "collects_customer_data": True},
     "2022-01-23 09:00", {}, True),
    ("pharma-western-report-2020",
     {"industry_codes": ("4751",), "registered_capital": 30 * 1_000_000, "collects_customer_data": True},
     "2022-01-22 09:00", {}, True),
    ("pharma-device-report",
     {"industry_codes": ("4571",), "registered_capital": 30 * 1_000_000, "collects_customer_data": True},
     "2022-01-22 09:00", {}, False),
    ("pharma-cosmetics-report",
     {"industry_codes": ("4752",), "registered_capital": 30 * 1_000_000, "collects_customer_data": True},
     "2022-01-29 09:00", {}, True),
    ("pharma-cosmetics-report",
     {"industry_codes": ("4752",), "registered_capital": 30 * 1_000_000 - 1, "collects_customer_data": True},
     "2024-03-01 09:00", {}, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule_id", "facts", "when", "incident", "applies"),
    CASES,
    ids=[f"{c[0]}-{c[2][:10]}-{i}" for i, c in enumerate(CASES)],
)
def test_client_sector_rule_applies_at_its_limits(
    rule_id: str, facts: dict[str, Any], when: str, incident: dict[str, Any], applies: bool
) -> None:
    assert (rule_id in rule_ids(client(**facts), when, **incident)) is applies


def test_72_hour_sector_clock_runs_from_discovery() -> None:
    deadline = only(
        clocks(client(industry_codes=("8711",)), "2024-03-01 09:00"), "long-term-care-art10-report", "c1"
    )
    assert (deadline.due_at, deadline.recipient_zh) == (
        tp("2024-03-04 09:00"),
        "直轄市或縣（市）主管機關，並副知中央主管機關（衛生福利部）",
    )
    assert deadline.legal_basis_zh.startswith("私立長期照顧服務機構個人資料檔案安全維護計畫實施辦法第10條")


def test_unknown_threshold_keeps_the_clock_pending_on_that_fact() -> None:
    party = client(industry_codes=("8792",))  # beds not yet known
    deadline = only(clocks(party, "2024-03-01 09:00"), "social-welfare-art12-report", "c1")
    assert [(p.key, p.label_zh) for p in deadline.pending] == [("party.c1.hospital_beds", "核定床數")]


def test_a_fact_that_only_stands_in_for_the_rules_count_is_flagged_unverified() -> None:
    party = client(industry_codes=("3510",), consumer_records=5_000)
    deadline = only(clocks(party, "2024-03-01 09:00", serious=True), "energy-art6-report", "c1")
    assert (deadline.verified, "以保有消費者個資筆數判斷用戶數" in deadline.explanation_zh) == (False, True)


def test_clock_from_occurrence_uses_the_occurrence_time_when_known() -> None:
    party = client(industry_codes=("4931",))
    deadline = only(
        clocks(party, "2024-03-05 09:00", occurred_at=tp("2024-03-04 22:00")),
        "road-transport-art7-report",
        "c1",
    )
    assert deadline.due_at == tp("2024-03-07 22:00")


def test_clock_from_occurrence_starts_at_discovery_with_a_warning_when_occurrence_is_unknown() -> None:
    at = tp("2024-03-05 09:00")
    report = incident_report(IncidentFacts(discovered_at=at), VENDOR, [client(industry_codes=("4931",))])
    deadline = only(report.deadlines, "road-transport-art7-report", "c1")
    assert (deadline.due_at, deadline.anchor_fallback_from) == (tp("2024-03-08 09:00"), "discovered")
    assert ANCHOR_ESTIMATED in {w.code for w in report.warnings}


def test_2018_after_school_three_days_count_as_the_civil_code_counts() -> None:
    # 2021-05-03 (Mon) + 3 days, first day not counted: last day Thu 2021-05-06, to its end.
    party = client(sectors=frozenset({Sector.AFTER_SCHOOL_CARE}))
    found = clocks(party, "2021-05-04 09:00", occurred_at=tp("2021-05-03 15:00"))
    deadline = only(found, "after-school-art15-report-2018", "c1")
    assert deadline.due_at == tp("2021-05-06 23:59:59")
    assert "after-school-art15-report" not in {d.rule_id for d in found}


def test_a_version_without_the_clock_gives_no_deadline_and_no_missing_version_warning() -> None:
    at = tp("2020-06-01 09:00")
    report = incident_report(IncidentFacts(discovered_at=at), VENDOR, [client(industry_codes=("8550",))])
    assert not [d for d in report.deadlines if d.rule_id.startswith("private-college")]
    assert not [w for w in report.warnings if (w.rule_id or "").startswith("private-college")]


def test_a_version_whose_text_was_not_collected_gives_a_warning_not_a_guess() -> None:
    at = tp("2014-06-01 09:00")
    party = client(sectors=frozenset({Sector.FSC_REGULATED}))
    report = incident_report(IncidentFacts(discovered_at=at, serious=True), VENDOR, [party])
    assert not [d for d in report.deadlines if d.rule_id.startswith("fsc")]
    assert {(w.code, w.rule_id) for w in report.warnings} >= {
        (RULE_VERSION_MISSING, "fsc-art6-report"),
        (RULE_VERSION_MISSING, "fsc-art6-report-2015"),
    }


# Corrected versions of the rules the guideline names: (client facts, time, rule expected, rule absent).
IT_CLIENT = {"industry_codes": ("6201",), "consumer_records": 5_000}
SWITCHES: list[tuple[dict[str, Any], str, str, str]] = [
    (IT_CLIENT, "2021-12-31 23:00", "moea-art6-report-2016", "moea-art6-report"),
    (IT_CLIENT, "2022-01-01 00:00", "moea-art6-report", "moea-art6-report-2016"),
    (IT_CLIENT, "2023-10-13 23:00", "moea-art6-report", "moda-art8-report"),
    (IT_CLIENT, "2023-10-14 00:00", "moda-art8-report", "moea-art6-report"),
    ({"sectors": frozenset({Sector.INTERNET_RETAIL}), "company_type": "company_limited_by_shares",
      "registered_capital": M}, "2021-12-31 12:00", "online-retail-art8-report-2015", "online-retail-art8-report"),
    ({"sectors": frozenset({Sector.FSC_REGULATED})}, "2021-12-15 12:00", "fsc-art6-report-2015", "fsc-art6-report"),
    ({"sectors": frozenset({Sector.FSC_REGULATED})}, "2021-12-16 00:00", "fsc-art6-report", "fsc-art6-report-2015"),
    ({"sectors": frozenset({Sector.HOSPITAL}), "hospital_beds": 100}, "2022-09-24 12:00",
     "hospital-art14-report-2020", "hospital-art14-report"),
    ({"sectors": frozenset({Sector.HOSPITAL}), "hospital_beds": 100}, "2022-09-25 00:00",
     "hospital-art14-report", "hospital-art14-report-2020"),
    ({"ncc_categories": frozenset({"telecom"})}, "2022-07-02 12:00", "ncc-art4-report-2016", "ncc-art4-initial"),
    ({"ncc_categories": frozenset({"telecom"})}, "2022-07-03 00:00", "ncc-art4-initial", "ncc-art4-report-2016"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("facts", "when", "present", "absent"), SWITCHES, ids=[f"{s[2]}-{s[1][:10]}" for s in SWITCHES]
)
def test_superseded_and_repealed_rules_are_chosen_by_date(
    facts: dict[str, Any], when: str, present: str, absent: str
) -> None:
    from shouhu.engines.law.facts import CompanyType, NccCategory

    if "company_type" in facts:
        facts = {**facts, "company_type": CompanyType(facts["company_type"])}
    if "ncc_categories" in facts:
        facts = {**facts, "ncc_categories": frozenset(NccCategory(c) for c in facts["ncc_categories"])}
    found = rule_ids(client(**facts), when, serious=True)
    assert (present in found, absent in found) == (True, False)


def test_it_vendor_in_the_moea_window_reports_to_moda_within_72_hours() -> None:
    deadline = only(clocks(client(**IT_CLIENT), "2023-01-10 09:00", serious=True), "moea-art6-report", "c1")
    assert (deadline.law_version, deadline.due_at) == ("2022-08-27", tp("2023-01-13 09:00"))
    assert deadline.recipient_zh.startswith("數位發展部")


def test_it_vendor_in_the_moea_window_below_5000_records_has_no_moea_clock() -> None:
    party = client(industry_codes=("6201",), consumer_records=4_999)
    assert "moea-art6-report" not in rule_ids(party, "2023-01-10 09:00", serious=True)


def test_hospital_rule_did_not_exist_before_it_took_effect() -> None:
    at = tp("2021-01-09 12:00")
    party = client(sectors=frozenset({Sector.HOSPITAL}), hospital_beds=150)
    report = incident_report(IncidentFacts(discovered_at=at), VENDOR, [party])
    assert not [d for d in report.deadlines if d.rule_id.startswith("hospital")]
    assert not [w for w in report.warnings if (w.rule_id or "").startswith("hospital")]


def test_cyber_reporting_before_the_2021_amendment_uses_the_2019_text() -> None:
    from shouhu.engines.law.facts import SpecialReason

    party = client(special_reasons=frozenset({SpecialReason.CI_PROVIDER}))
    deadline = only(clocks(party, "2021-08-24 12:00", cyber=True), "cyber-snpa-report", "c1")
    assert (deadline.law_version, deadline.due_at) == ("2018-11-21", tp("2021-08-24 13:00"))


@pytest.mark.parametrize(
    ("received", "last_day"),
    [
        ("2024-02-02 10:00", "2024-02-17"),  # 15 days end on Sat 2024-02-17, a make-up workday: no move
        ("2024-01-25 10:00", "2024-02-15"),  # ends on 除夕 Fri 2024-02-09; rest days run to 2024-02-14
        ("2016-03-01 10:00", "2016-03-16"),  # before the 2016 texts: the 2012-10-01 PDPA version applies
    ],
)
def test_request_periods_use_the_office_calendar(received: str, last_day: str) -> None:
    request = RequestFacts(kind=RequestKind.QUERY_OR_READ, received_at=tp(received))
    deadline = only(request_deadlines(request), "pdpa-art13-access")
    assert deadline.due_at == tp(f"{last_day} 23:59:59")
    if received.startswith("2016"):
        assert deadline.law_version == "2012-10-01"


def test_every_client_sector_rule_cites_an_article_for_each_version_with_a_clock() -> None:
    from shouhu.engines.law.catalogue import load_catalogue

    catalogue = load_catalogue()
    clients_laws = {
        "private-college", "private-school", "general-merchandise", "long-term-care", "nursing-home", "food",
        "social-welfare", "road-transport", "parking", "labour-broker", "energy", "agri-finance",
    }  # fmt: skip
    rules = [r for r in catalogue.rules if r.law in clients_laws]
    assert {r.law for r in rules} == clients_laws
    for rule in rules:
        law = catalogue.law(rule.law)
        assert {v.law_version for v in rule.versions} == {v.id for v in law.versions if v.verified}, rule.id
        for version in rule.versions:
            assert version.article or version.no_obligation, rule.id


def test_effective_dates_follow_the_third_day_rule() -> None:
    from shouhu.engines.law.catalogue import load_catalogue

    catalogue = load_catalogue()
    third_day = {
        ("moda-digital", "2023-10-12"), ("tourism", "2022-04-01"), ("general-merchandise", "2023-08-01"),
        ("long-term-care", "2022-06-22"), ("food", "2022-01-19"), ("social-welfare", "2022-06-09"),
        ("private-college", "2021-12-08"), ("nursing-home", "2022-06-13"), ("labour-broker", "2021-09-27"),
        ("fsc", "2021-12-14"), ("ncc", "2022-07-01"), ("pharma-cosmetics", "2022-01-27"),
    }  # fmt: skip
    for law_id, version_id in third_day:
        version = catalogue.law(law_id).version(version_id)
        assert version.promulgated_on is not None, law_id
        assert version.effective_from == version.promulgated_on + timedelta(days=2), law_id
    assert catalogue.law("online-retail").version("2021-12-30").effective_to == tp("2023-11-22 00:00").date()
    assert catalogue.law("tourist-hotel").version("2014-01-03").effective_to == tp("2022-04-02 00:00").date()


def _scope(**branch: Any) -> dict[str, Any]:
    base = {"label_zh": "甲", "label_en": "a", "industries": ["855"], "mapping_verified": True}
    scope = {"id": "x", "law": "x", "title_zh": "甲", "title_en": "a", "basis_zh": "乙", "basis_en": "b"}
    return {"scope": [{**scope, "branch": [{**base, **branch}]}]}


@pytest.mark.parametrize(
    ("branch", "message"),
    [
        ({"mapping_verified": None}, "mapping_verified"),
        ({"industries": []}, "須以行業代碼"),
        ({"threshold": [{"fact": "beds", "op": "gt", "label_zh": "床", "label_en": "beds"}]}, "門檻值"),
        (
            {"threshold": [{"fact": "staff", "op": "ge", "value": 1, "label_zh": "人", "label_en": "s"}]},
            "未知的事實",
        ),
        ({"sectors": ["no_such_sector"]}, "無效的行業別"),
        ({"colour": "red"}, "未知欄位"),
    ],
)
def test_scope_data_errors_are_refused(branch: dict[str, Any], message: str) -> None:
    from shouhu.engines.law.errors import CatalogueError
    from shouhu.engines.law.sectorscope import parse_scopes

    document = _scope(**branch)
    if branch.get("mapping_verified", True) is None:
        del document["scope"][0]["branch"][0]["mapping_verified"]
    with pytest.raises(CatalogueError, match=message):
        parse_scopes(document)


def test_a_version_marked_without_the_clock_must_say_why(tmp_path: Any) -> None:
    from importlib import resources

    from shouhu.engines.law.catalogue import load_catalogue_from
    from shouhu.engines.law.errors import CatalogueError

    data = resources.files("shouhu.engines.law").joinpath("data")
    for entry in data.iterdir():
        if entry.name.endswith(".toml"):
            text = entry.read_text(encoding="utf-8")
            if entry.name == "deadlines_sector.toml":
                text = text.replace('no_obligation = true\nnotes_zh = "2016年版第6條為「立即通報」，另列規則 moea-art6-report-2016。"\n',
                                    "no_obligation = true\n", 1)  # fmt: skip
            (tmp_path / entry.name).write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match="標示無此義務"):
        load_catalogue_from(tmp_path)
