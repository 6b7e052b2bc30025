"""Shouhu's unofficial English of the self-check tables: complete, kept apart from the official text."""

from __future__ import annotations

import dataclasses
import json
import re
from importlib import resources

from shouhu.engines.catalog import Item, load_catalogue, missing_english

HAN = re.compile(r"[\u3400-\u9fff]")


def test_every_text_of_the_catalogue_has_english() -> None:
    assert missing_english(load_catalogue()) == []


def test_an_item_without_english_is_reported() -> None:
    catalogue = load_catalogue()
    item = catalogue.item("pd-4.2.1")
    options = tuple(dataclasses.replace(o, text_en=None) if o.id == "o3" else o for o in item.options)
    bare: Item = dataclasses.replace(item, title_en=None, guidance_en=None, options=options)
    section = catalogue.table("pd").sections[3]
    sub = section.subsections[1]
    broken_sub = dataclasses.replace(sub, items=(bare,))
    broken_section = dataclasses.replace(section, subsections=(section.subsections[0], broken_sub))
    table = catalogue.table("pd")
    sections = tuple(broken_section if s is section else s for s in table.sections)
    broken = dataclasses.replace(catalogue, tables=(dataclasses.replace(table, sections=sections),))

    assert missing_english(broken) == ["pd-4.2.1 title", "pd-4.2.1 guidance", "pd-4.2.1 o3"]


def test_english_keeps_the_blanks_of_the_official_option() -> None:
    option = load_catalogue().item("pd-10.1").option("o1")
    assert option is not None

    assert (
        option.render_en({"b1": "2"})
        == "The implementation of personal data security maintenance is checked at least 2 times a year"
    )
    assert option.render({"b1": "2"}) == "1 年至少2次檢查個資安全維護執行狀況"


def test_english_holds_no_chinese() -> None:
    raw = (
        resources.files("shouhu.engines.catalog") / "data/translations/moea-idb-2021-12.en.json"
    ).read_text(encoding="utf-8")
    data = json.loads(raw)
    data.pop("legal_basis")  # keyed by the official citation
    data.pop("mark_scopes")

    assert HAN.findall(json.dumps(data, ensure_ascii=False)) == []
    assert "not official" in data["translation"]
