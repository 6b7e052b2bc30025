"""Each clock's explanation in both languages (issue 12: the English incident page and deadline preview).

The engine writes the English explanation from the same facts as the Chinese one; a law is cited by its
name and article, never by its database code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest

from shouhu.engines.law.catalogue import load_catalogue
from shouhu.engines.law.deadlines import (
    Deadline,
    event_report,
    incident_report,
    request_report,
)
from shouhu.engines.law.facts import PartyFacts
from shouhu.engines.law.inputs import EventFacts, EventKind, IncidentFacts, RequestFacts, RequestKind

from .helpers import only, tp
from .test_english import _party_variants

HAN = re.compile(r"[\u3400-\u9fff]")
PCODE = re.compile(r"[A-Z]\d{7}")
CLIENT = "甲公司"  # the client's own name in _party_variants: data, kept as written in English too


def _all_deadlines() -> Iterator[Deadline]:
    """Every clock the catalogue can start: incidents with known and unknown facts, every request and
    event, for every party variant, on dates under old and current law texts."""
    clients = [p for p in _party_variants() if p.party_id == "c1"]
    selves = [p for p in _party_variants() if p.party_id == "self"]
    for when in ("2016-09-01 10:00", "2022-09-01 10:00", "2026-11-27 10:00"):
        at = tp(when)
        for serious, level, known in ((None, None, False), (True, 4, True)):
            facts = IncidentFacts(
                discovered_at=at,
                aware_at=at if known else None,
                occurred_at=at if known else None,
                cyber=True,
                level=level,
                serious=serious,
                ncc_serious=serious,
                caused_by_violation=serious,
            )
            for self_facts in selves:
                yield from incident_report(facts, self_facts).deadlines
            for client in clients:
                yield from incident_report(facts, PartyFacts(), [client]).deadlines
        for kind in RequestKind:
            yield from request_report(RequestFacts(kind, at)).deadlines
        for event_kind in EventKind:
            yield from event_report(
                EventFacts(event_kind, at, party_id="c1"), PartyFacts(), clients[:1]
            ).deadlines


@pytest.fixture(scope="module")
def deadlines() -> list[Deadline]:
    return list(_all_deadlines())


def test_the_walk_reaches_most_rules_of_the_catalogue(deadlines: list[Deadline]) -> None:
    reached = {d.rule_id for d in deadlines}

    assert len(reached) >= 0.8 * len(load_catalogue().rules)


def test_every_english_explanation_has_no_chinese(deadlines: list[Deadline]) -> None:
    left = {
        d.rule_id: d.explanation_en for d in deadlines if HAN.search(d.explanation_en.replace(CLIENT, ""))
    }

    assert left == {}


def test_no_explanation_names_a_law_by_its_database_code(deadlines: list[Deadline]) -> None:
    coded = [
        d.rule_id
        for d in deadlines
        for t in (d.explanation_zh, d.explanation_en, d.legal_basis_zh)
        if PCODE.search(t)
    ]

    assert coded == []


def test_every_rule_note_has_english_without_chinese() -> None:
    rules = load_catalogue().rules

    assert [r.id for r in rules if r.notes_zh and (not r.notes_en or HAN.search(r.notes_en))] == []
    assert [
        r.id
        for r in rules
        if r.extension_note_zh and (not r.extension_note_en or HAN.search(r.extension_note_en))
    ] == []
    assert [
        f"{r.id}@{v.law_version}"
        for r in rules
        for v in r.versions
        if v.notes_zh and (not v.notes_en or HAN.search(v.notes_en))
    ] == []


def test_unknown_facts_read_as_unknown_in_both_languages() -> None:
    """Seriousness not yet known: the moda 72-hour clock is kept and says so in Chinese and English."""
    company = PartyFacts(industry_codes=("620",))
    facts = IncidentFacts(discovered_at=tp("2026-11-27 10:00"), aware_at=tp("2026-11-27 10:00"), serious=None)

    clock = only(incident_report(facts, company).deadlines, "moda-art8-report")

    assert "待判斷：是否危及正常營運或大量當事人權益" in clock.explanation_zh
    assert (
        "Not yet known: whether the incident endangers normal operation or the rights of many data subjects "
        "— shown provisionally." in clock.explanation_en
    )


def test_a_missing_start_time_reads_as_provisional_in_english() -> None:
    company = PartyFacts(industry_codes=("620",))
    facts = IncidentFacts(discovered_at=tp("2026-11-27 10:00"), serious=True)

    clock = only(incident_report(facts, company).deadlines, "moda-art8-report")

    assert "尚無知悉時間" in clock.explanation_zh
    assert "The time of awareness is not yet known — counted provisionally from discovery" in (
        clock.explanation_en
    )


def test_the_english_explanation_states_the_same_clock_as_the_chinese() -> None:
    company = PartyFacts(industry_codes=("620",))
    facts = IncidentFacts(discovered_at=tp("2026-11-27 10:00"), aware_at=tp("2026-11-27 10:00"), serious=True)

    clock = only(incident_report(facts, company).deadlines, "moda-art8-report")

    assert (
        "自知悉（民國115年11月27日 10:00（臺北時間））起72小時，期限 民國115年11月30日 10:00（臺北時間）"
        in (clock.explanation_zh)
    )
    assert (
        "Runs 72 hours from awareness (2026-11-27 10:00 (Taipei time)); due 2026-11-30 10:00 (Taipei time)."
        in (clock.explanation_en)
    )
    assert f"Basis: {clock.legal_basis_en} (" in clock.explanation_en


def test_a_day_period_moved_off_a_rest_day_says_so_in_english() -> None:
    """A 15-day request received 2026-11-13 ends on Saturday 2026-11-28, moved to Monday 2026-11-30."""
    clock = only(
        request_report(RequestFacts(RequestKind.QUERY_OR_READ, tp("2026-11-13 10:00"))).deadlines,
        "pdpa-art13-access",
    )

    assert clock.rolled_from == date(2026, 11, 28)
    assert (
        "The last day, 2026-11-28 (Saturday), is a rest day, so the next working day, 2026-11-30 (Monday), takes "
        "its place (Civil Code Art. 122)." in clock.explanation_en
    )
    assert "民國115年11月28日（星期六）為休息日" in clock.explanation_zh


def test_the_chinese_basis_cites_the_law_by_name_and_article() -> None:
    company = PartyFacts()
    facts = IncidentFacts(
        discovered_at=tp("2026-11-27 10:00"), aware_at=tp("2026-11-27 10:00"), caused_by_violation=True
    )

    clock = only(incident_report(facts, company).deadlines, "pdpa-art12-notify")

    assert clock.legal_basis_zh == "個人資料保護法第12條；個人資料保護法施行細則第22條"
    assert "依據：個人資料保護法第12條；" in clock.explanation_zh
