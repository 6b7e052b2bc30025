"""The committed catalogue JSON against the guideline as published.

Two layers: pinned counts that need no file (a fidelity pin from a careful reading), and a
comparison with the guideline text itself, item by item, so a transcription slip fails.
"""

from __future__ import annotations

from collections import Counter

import pytest

from shouhu.engines.catalog import Item, MarkKind, load_catalogue
from tests.engines.catalog.guideline_text import PrintedTable, guideline_path, parse_tables, squash

PINNED_ITEMS_PER_SECTION = {
    "pd": {
        "1": 3,
        "2": 4,
        "3": 3,
        "4": 5,
        "5": 13,
        "6": 5,
        "7": 2,
        "8": 1,
        "9": 2,
        "10": 2,
        "11": 1,
    },
    "is": {"1": 6, "2": 29, "3": 7, "4": 5, "5": 5},
}
PINNED_ADVANCED = {
    "pd": {"3.1.1", "4.2.2", "6.1.2", "6.1.3", "6.2.2", "7.2"},
    "is": {
        "1.1.4",
        "2.1.1",
        "2.4.1",
        "2.4.2",
        "2.4.3",
        "2.4.4",
        "2.5.1",
        "2.5.2",
        "2.6.5",
        "2.7.1",
        "2.7.2",
        "2.7.3",
        "3.1.3",
        "3.2.1",
        "3.2.2",
        "3.2.3",
        "3.2.4",
    },
}


@pytest.fixture(scope="module")
def printed() -> dict[str, PrintedTable]:
    return parse_tables(guideline_path().read_text(encoding="utf-8"))


def _items(table_id: str) -> list[Item]:
    return list(load_catalogue().table(table_id).items)


# --- pinned (no guideline file needed) -----------------------------------------------------


def test_pinned_item_count_per_table_and_section() -> None:
    catalogue = load_catalogue()
    counts = {
        table.id: {section.number: len(section.all_items) for section in table.sections}
        for table in catalogue.tables
    }
    assert counts == PINNED_ITEMS_PER_SECTION
    assert len(catalogue.items) == 93


def test_pinned_first_and_last_item_numbers() -> None:
    assert [_items("pd")[0].number, _items("pd")[-1].number] == ["1.1.1", "11.1"]
    assert [_items("is")[0].number, _items("is")[-1].number] == ["1.1.1", "5.3.1"]


def test_pinned_advanced_marks() -> None:
    for table_id, numbers in PINNED_ADVANCED.items():
        assert {item.number for item in _items(table_id) if item.mark.advanced} == numbers


def test_pinned_partial_mark_on_pd_6_1_2() -> None:
    item = load_catalogue().item("pd-6.1.2")
    assert (item.mark.kind, item.mark.scope, item.mark.printed) == (
        MarkKind.PARTIAL,
        "隱碼機制",
        "◎（隱碼機制）",
    )
    partial = [item.id for item in load_catalogue().items if item.mark.kind is MarkKind.PARTIAL]
    assert partial == ["pd-6.1.2"]


# --- against the guideline text -------------------------------------------------------------


@pytest.mark.parametrize("table_id", ["pd", "is"])
def test_counts_per_section_match_guideline(printed: dict[str, PrintedTable], table_id: str) -> None:
    expected = Counter(item.section for item in printed[table_id].items)
    actual = Counter(item.section_number for item in _items(table_id))
    assert actual == expected


@pytest.mark.parametrize("table_id", ["pd", "is"])
def test_headings_match_guideline(printed: dict[str, PrintedTable], table_id: str) -> None:
    table = load_catalogue().table(table_id)
    assert {s.number: s.title for s in table.sections} == printed[table_id].sections
    subsections = {sub.number: sub.title for s in table.sections for sub in s.subsections}
    assert subsections == printed[table_id].subsections


@pytest.mark.parametrize("table_id", ["pd", "is"])
def test_item_numbers_titles_and_marks_match_guideline(
    printed: dict[str, PrintedTable], table_id: str
) -> None:
    ours = _items(table_id)
    theirs = printed[table_id].items
    assert [item.number for item in ours] == [item.number for item in theirs]
    for item, row in zip(ours, theirs, strict=True):
        cell = squash(row.item_text)
        title = squash(item.title)
        assert cell.startswith(title), item.id
        assert len(title) in row.break_offsets, f"{item.id}: title does not end at a printed line end"
        assert title + squash(item.guidance or "") == cell, item.id
        assert (item.mark.kind.value, item.mark.scope) == row.mark, item.id
        assert item.subsection_number == row.subsection, item.id


@pytest.mark.parametrize("table_id", ["pd", "is"])
def test_options_match_guideline(printed: dict[str, PrintedTable], table_id: str) -> None:
    for item, row in zip(_items(table_id), printed[table_id].items, strict=True):
        assert [squash(option.printed_text) for option in item.options] == [
            squash(text) for text in row.options
        ], item.id


@pytest.mark.parametrize("table_id", ["pd", "is"])
def test_applicability_and_legal_basis_match_guideline(
    printed: dict[str, PrintedTable], table_id: str
) -> None:
    for item, row in zip(_items(table_id), printed[table_id].items, strict=True):
        preticked, offers_not_applicable, basis = row.applicability
        assert item.applicability.preticked is preticked, item.id
        assert item.applicability.allows_not_applicable is offers_not_applicable, item.id
        assert squash("".join(item.applicability.legal_basis)) == basis, item.id
