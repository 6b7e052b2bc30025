"""Loading, lookups and changed-law notes of the shipped catalogue."""

from __future__ import annotations

import pytest

from shouhu.engines.catalog import (
    ApplicabilityMode,
    BlankType,
    UnknownCatalogueError,
    UnknownItemError,
    available_versions,
    get_item,
    load_catalogue,
)


def test_available_versions_lists_the_2021_catalogue() -> None:
    assert available_versions() == ("moea-idb-2021-12",)


def test_catalogue_metadata() -> None:
    catalogue = load_catalogue("moea-idb-2021-12")
    assert (catalogue.id, catalogue.label, catalogue.publisher) == (
        "moea-idb-2021-12",
        "110年12月版",
        "經濟部工業局",
    )
    assert [(t.id, t.appendix, t.title) for t in catalogue.tables] == [
        ("pd", "附錄一", "系統商個人資料安全維護措施自我檢查表"),
        ("is", "附錄二", "系統商資訊安全管理措施自我檢查表"),
    ]
    assert catalogue.last_modified.tzinfo is not None


def test_load_is_cached() -> None:
    assert load_catalogue() is load_catalogue("moea-idb-2021-12")


@pytest.mark.parametrize("version_id", ["moea-idb-2099-01", "../etc/passwd", "", "changed_law_notes"])
def test_unknown_version_is_refused(version_id: str) -> None:
    with pytest.raises(UnknownCatalogueError, match="沒有這個檢查表版本"):
        load_catalogue(version_id)


def test_lookup_by_item_id() -> None:
    item = get_item("is-2.3.2")
    assert (item.id, item.title, item.section_number, item.subsection_number) == (
        "is-2.3.2",
        "密碼政策實施",
        "2",
        "2.3",
    )
    assert load_catalogue().item("pd-1.1.1").title == "由高階管理者擔任個資安全總負責人"


def test_item_without_printed_subsection() -> None:
    item = get_item("pd-7.1")
    assert item.subsection_number is None
    assert item.guidance is not None
    assert item.guidance.splitlines()[1].startswith("頻率：")


@pytest.mark.parametrize("item_id", ["pd-9.9.9", "1.1.1", "xx-1.1.1", "pd-1.1"])
def test_unknown_item_is_refused(item_id: str) -> None:
    catalogue = load_catalogue()
    assert not catalogue.has_item(item_id)
    with pytest.raises(UnknownItemError, match="沒有檢查項目"):
        catalogue.item(item_id)


def test_option_with_blank_keeps_printed_text() -> None:
    option = get_item("pd-1.1.1").options[0]
    assert option.text == "由{b1}（職位）擔任"
    assert option.printed_text == "由_____（職位）擔任"
    assert option.render({"b1": "總經理"}) == "由總經理（職位）擔任"
    assert [(b.id, b.type, b.label) for b in option.blanks] == [("b1", BlankType.TEXT, "職位")]


def test_blank_types_cover_number_and_frequency() -> None:
    assert get_item("pd-9.1").options[2].blanks[0].type is BlankType.NUMBER
    assert get_item("pd-10.1").options[0].printed_text == "1 年至少____次檢查個資安全維護執行狀況"
    assert get_item("pd-7.1").options[1].blanks[0].type is BlankType.FREQUENCY


def test_other_options_are_free_text() -> None:
    options = get_item("pd-2.2.1").options
    assert [(o.printed_text, o.free_text) for o in options[-2:]] == [
        ("維修時接觸個資", False),
        ("其他：", True),
    ]


def test_nested_retention_options_name_their_parent() -> None:
    options = get_item("pd-9.1").options
    assert [(o.id, o.parent) for o in options[:3]] == [("o1", None), ("o2", "o1"), ("o3", "o1")]


def test_applicability_as_printed() -> None:
    fixed = get_item("pd-2.2.2").applicability
    assert (fixed.mode, fixed.preticked, fixed.allows_not_applicable) == (
        ApplicabilityMode.FIXED,
        True,
        False,
    )
    assert fixed.legal_basis == ("製造業及技術服務業個人資料檔案安全維護管理辦法第4條",)
    both = get_item("pd-5.3.2").applicability
    assert both.allows_not_applicable
    assert both.legal_basis
    assert get_item("pd-4.2.2").applicability.legal_basis == ("個人資料保護法第 12 條", "契約關係")


def test_changed_law_note_beside_moea_rule_item() -> None:
    notes = load_catalogue().notes_for("pd-4.2.1")
    assert len(notes) == 1
    assert notes[0].cited == "製造業及技術服務業個人資料檔案安全維護管理辦法"
    assert notes[0].current == "數位經濟相關產業個人資料檔案安全維護管理辦法"
    assert "數位發展部" in notes[0].note_zh
    assert "moda" in notes[0].note_en
    assert "regulations.md" in notes[0].source


def test_changed_law_notes_for_repealed_sector_rules() -> None:
    notes = {note.option_id: note for note in load_catalogue().notes_for("is-3.1.3")}
    assert notes["o1"].kind == "repealed"
    assert "112 年 11 月 21 日廢止" in notes["o1"].note_zh
    assert notes["o2"].current == "交通部指定觀光產業類非公務機關個人資料檔案安全維護計畫及處理辦法"


def test_every_item_citing_the_moea_rule_has_a_note() -> None:
    catalogue = load_catalogue()
    citing = {
        item.id
        for item in catalogue.items
        if any("製造業及技術服務業" in basis for basis in item.applicability.legal_basis)
        or "製造業及技術服務業" in item.title
    }
    assert citing <= set(catalogue.notes)


def test_printed_text_is_not_altered_by_notes() -> None:
    assert get_item("is-3.1.3").options[1].printed_text == "《觀光旅館業個人資料檔案安全維護計畫辦法》"
