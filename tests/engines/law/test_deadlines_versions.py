"""The rule version in force at the anchor time is the one used; repealed and future rules."""

from __future__ import annotations

from datetime import datetime

import pytest

from shouhu.engines.law.deadlines import incident_deadlines
from shouhu.engines.law.enums import VersionStatus
from shouhu.engines.law.facts import CompanyType, PartyFacts, Sector, SpecialReason
from shouhu.engines.law.inputs import IncidentFacts
from tests.engines.law.helpers import ids, only, tp

ONLINE_RETAILER = PartyFacts(
    sectors=frozenset({Sector.INTERNET_RETAIL}),
    company_type=CompanyType.COMPANY_LIMITED_BY_SHARES,
    registered_capital=10_000_000,
)
TOURIST_HOTEL = PartyFacts(
    sectors=frozenset({Sector.TOURIST_HOTEL}),
    company_type=CompanyType.COMPANY_LIMITED_BY_SHARES,
    consumer_records=8_000,
)
IT_COMPANY = PartyFacts(industry_codes=("6201",), consumer_records=5_000)
CI_PROVIDER = PartyFacts(special_reasons=frozenset({SpecialReason.CI_PROVIDER}))


def serious_at(when: datetime) -> IncidentFacts:
    return IncidentFacts(discovered_at=when, aware_at=when, serious=True)


def test_repealed_online_retail_rule_applies_on_its_last_day_in_force() -> None:
    # Repealed by an order of 2023-11-21: it loses effect on the third day (中央法規標準法第22條第3項).
    found = incident_deadlines(serious_at(tp("2023-11-22 23:30")), ONLINE_RETAILER)
    deadline = only(found, "online-retail-art8-report")
    assert (deadline.due_at, deadline.law_version_status) == (tp("2023-11-25 23:30"), VersionStatus.REPEALED)


def test_repealed_online_retail_rule_is_not_applied_from_the_repeal_date() -> None:
    assert "online-retail-art8-report" not in ids(
        incident_deadlines(serious_at(tp("2023-11-23 00:00")), ONLINE_RETAILER)
    )


def test_repealed_rule_applied_to_earlier_incident_not_later_one() -> None:
    earlier = ids(incident_deadlines(serious_at(tp("2023-06-15 10:00")), ONLINE_RETAILER))
    later = ids(incident_deadlines(serious_at(tp("2024-06-15 10:00")), ONLINE_RETAILER))
    assert ("online-retail-art8-report" in earlier, "online-retail-art8-report" in later) == (True, False)


def test_version_is_chosen_by_the_taipei_date_of_the_anchor() -> None:
    # 2023-11-22T16:30Z is 2023-11-23 00:30 in Taipei: the repealed rule no longer applies.
    when = datetime.fromisoformat("2023-11-22T16:30:00+00:00")
    assert "online-retail-art8-report" not in ids(incident_deadlines(serious_at(when), ONLINE_RETAILER))


def test_online_retail_counts_from_discovery_not_awareness() -> None:
    incident = IncidentFacts(
        discovered_at=tp("2023-06-01 09:00"), aware_at=tp("2023-06-02 09:00"), serious=True
    )
    assert only(incident_deadlines(incident, ONLINE_RETAILER), "online-retail-art8-report").due_at == tp(
        "2023-06-04 09:00"
    )


def test_tourist_hotel_rule_on_its_last_day_then_tourism_rule_next_day() -> None:
    # Both orders of 2022-04-01: the repeal and the new rule take effect on the third day (2022-04-03).
    last_day = ids(incident_deadlines(serious_at(tp("2022-04-02 12:00")), TOURIST_HOTEL))
    next_day = ids(incident_deadlines(serious_at(tp("2022-04-03 12:00")), TOURIST_HOTEL))
    assert ("tourist-hotel-art6-report" in last_day, "tourism-art9-report" in last_day) == (True, False)
    assert ("tourist-hotel-art6-report" in next_day, "tourism-art9-report" in next_day) == (False, True)


def test_tourist_hotel_rule_without_hours_is_immediate_and_conservative() -> None:
    deadline = only(
        incident_deadlines(serious_at(tp("2022-04-02 12:00")), TOURIST_HOTEL), "tourist-hotel-art6-report"
    )
    assert (deadline.due_at, deadline.conservative_reading) == (tp("2022-04-02 12:00"), True)


def test_moda_rule_not_before_it_takes_effect() -> None:
    # Issued 2023-10-12 「自發布日施行」: in effect from the third day, 2023-10-14 (中央法規標準法第13條).
    before = ids(incident_deadlines(serious_at(tp("2023-10-13 23:00")), IT_COMPANY))
    on_day = ids(incident_deadlines(serious_at(tp("2023-10-14 00:00")), IT_COMPANY))
    assert ("moda-art8-report" in before, "moda-art8-report" in on_day) == (False, True)


def test_it_company_under_moea_rule_until_the_2022_transfer() -> None:
    before = incident_deadlines(serious_at(tp("2022-08-26 12:00")), IT_COMPANY)
    deadline = only(before, "moea-art6-report")
    assert (deadline.law_version, deadline.verified, deadline.due_at) == (
        "2021-12-30",
        True,
        tp("2022-08-29 12:00"),
    )
    assert deadline.recipient_zh.startswith("經濟部")


def test_it_company_stays_under_moea_rule_reporting_to_moda_until_the_moda_rule() -> None:
    window = incident_deadlines(serious_at(tp("2022-08-27 12:00")), IT_COMPANY)
    deadline = only(window, "moea-art6-report")
    assert (deadline.law_version, deadline.due_at) == ("2022-08-27", tp("2022-08-30 12:00"))
    assert deadline.recipient_zh.startswith("數位發展部")
    assert "moda-art8-report" not in ids(window)


def test_it_company_leaves_the_moea_rule_when_the_moda_rule_takes_effect() -> None:
    found = ids(incident_deadlines(serious_at(tp("2023-10-14 09:00")), IT_COMPANY))
    assert ("moea-art6-report" in found, "moda-art8-report" in found) == (False, True)


def test_incident_of_2023_06_uses_pdpa_2023_text() -> None:
    incident = IncidentFacts(discovered_at=tp("2023-06-10 09:00"), confirmed_at=tp("2023-06-12 09:00"))
    assert only(incident_deadlines(incident, PartyFacts()), "pdpa-art12-notify").law_version == "2023"


def test_incident_before_2023_amendment_uses_the_earlier_text() -> None:
    incident = IncidentFacts(discovered_at=tp("2023-06-01 09:00"), confirmed_at=tp("2023-06-01 10:00"))
    assert only(incident_deadlines(incident, PartyFacts()), "pdpa-art12-notify").law_version == "pre-2023"


def test_cyber_reporting_uses_2021_text_until_2026_01_04() -> None:
    found = incident_deadlines(IncidentFacts(discovered_at=tp("2026-01-04 23:00"), cyber=True), CI_PROVIDER)
    deadline = only(found, "cyber-snpa-report")
    assert (deadline.law_version, deadline.verified, deadline.due_at) == (
        "2021-08-23",
        True,
        tp("2026-01-05 00:00"),
    )
    assert deadline.legal_basis_zh.startswith("資通安全事件通報及應變辦法第11條")


def test_cyber_reporting_from_2026_01_05_uses_renamed_rule_flagged_unverified() -> None:
    found = incident_deadlines(IncidentFacts(discovered_at=tp("2026-01-05 00:00"), cyber=True), CI_PROVIDER)
    deadline = only(found, "cyber-snpa-report")
    assert (deadline.law_version, deadline.verified, deadline.due_at) == (
        "2026-01-05",
        False,
        tp("2026-01-05 01:00"),
    )
    assert deadline.legal_basis_zh.startswith("資通安全事件通報應變及演練辦法（條次未查證）")


@pytest.mark.parametrize(
    "when", ["2025-11-11 09:00", "2026-01-23 09:00", "2026-11-26 09:00", "2035-01-01 09:00"]
)
def test_2025_pdpa_amendment_and_drafts_are_never_applied(when: str) -> None:
    incident = IncidentFacts(
        discovered_at=tp(when), confirmed_at=tp(when), serious=True, caused_by_violation=True
    )
    found = ids(incident_deadlines(incident, IT_COMPANY))
    assert (
        found
        & {"pdpa2025-art12-notify", "pdpa2025-art12-report", "pdpa-draft-report-72h", "pdpa-draft-notify-72h"}
        == set()
    )


def test_government_controlled_business_is_not_yet_a_specific_non_government_agency() -> None:
    party = PartyFacts(special_reasons=frozenset({SpecialReason.GOVERNMENT_CONTROLLED}))
    found = ids(incident_deadlines(IncidentFacts(discovered_at=tp("2026-11-26 09:00"), cyber=True), party))
    assert "cyber-snpa-report" not in found


def test_sector_rule_amendment_applies_from_its_effective_date_and_the_earlier_text_before() -> None:
    # Amended 2022-01-22 「自發布日施行」 -> 72 h from 2022-01-24; before, report after 查明 (no time).
    cram = PartyFacts(sectors=frozenset({Sector.CRAM_SCHOOL}))
    before = ids(incident_deadlines(IncidentFacts(discovered_at=tp("2022-01-23 12:00")), cram))
    on_day = ids(incident_deadlines(IncidentFacts(discovered_at=tp("2022-01-24 12:00")), cram))
    assert ("cram-art13-report" in before, "cram-art13-report-2015" in before) == (False, True)
    assert ("cram-art13-report" in on_day, "cram-art13-report-2015" in on_day) == (True, False)
