"""Load shipped catalogue versions from the package's JSON data (cached, no Django)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from shouhu.engines.catalog.errors import CatalogueDataError, UnknownCatalogueError
from shouhu.engines.catalog.model import (
    Applicability,
    ApplicabilityMode,
    Blank,
    BlankType,
    Catalogue,
    ChangedLawNote,
    EnglishInfo,
    Item,
    Mark,
    MarkKind,
    Option,
    Section,
    Subsection,
    Table,
)

DEFAULT_VERSION = "moea-idb-2021-12"
NOTES_FILE = "changed_law_notes.json"
SUPPORTED_SCHEMA_VERSION = 1
_VERSION_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PLACEHOLDER = re.compile(r"\{(b\d+)\}")

JSONObject = dict[str, Any]


def _data_dir() -> resources.abc.Traversable:
    return resources.files("shouhu.engines.catalog") / "data"


def _english(version_id: str) -> JSONObject:
    """Shouhu's unofficial English of a version (``data/translations/<id>.en.json``), kept apart from the
    official text; empty when none is shipped (pages then show the Chinese)."""
    path = _data_dir() / "translations" / f"{version_id}.en.json"
    if not path.is_file():
        return {}
    raw: JSONObject = json.loads(path.read_text(encoding="utf-8"))
    if raw.get("catalogue") != version_id or raw.get("language") != "en":
        raise CatalogueDataError(f"檢查表英文譯文 {version_id} 的代號或語言不符")
    return raw


def available_versions() -> tuple[str, ...]:
    """Ids of the catalogue versions shipped with the package, oldest first."""
    names = (entry.name for entry in _data_dir().iterdir() if entry.name.endswith(".json"))
    return tuple(sorted(name.removesuffix(".json") for name in names if name != NOTES_FILE))


def load_catalogue(version_id: str = DEFAULT_VERSION) -> Catalogue:
    """Load a catalogue version (cached: repeated calls return the same object)."""
    if not _VERSION_ID.match(version_id) or version_id not in available_versions():
        raise UnknownCatalogueError(f"沒有這個檢查表版本：{version_id}")
    return _load(version_id)


@cache
def _load(version_id: str) -> Catalogue:
    raw = json.loads((_data_dir() / f"{version_id}.json").read_text(encoding="utf-8"))
    if raw.get("schema_version") != SUPPORTED_SCHEMA_VERSION or raw.get("id") != version_id:
        raise CatalogueDataError(f"檢查表資料檔 {version_id} 的格式版本或代號不符")
    english = _english(version_id)
    catalogue = Catalogue(
        id=raw["id"],
        label=raw["label"],
        title=raw["title"],
        publisher=raw["publisher"],
        published=raw["published"],
        source=raw["source"],
        last_modified=datetime.fromisoformat(raw["last_modified"]),
        tables=tuple(_table(table, english) for table in raw["tables"]),
        notes=_notes(version_id),
        english=EnglishInfo(
            note=english["translation"],
            translated=english["translated"],
            label=english["label"],
            title=english["title"],
            publisher=english["publisher"],
        )
        if english
        else None,
    )
    _check(catalogue)
    return catalogue


def _table(raw: JSONObject, english: JSONObject) -> Table:
    table_id = raw["id"]
    en = english.get("tables", {}).get(table_id, {})
    titles = en.get("sections", {})
    sections = []
    for section in raw["sections"]:
        number = section["number"]
        subsections = tuple(
            Subsection(
                number=sub["number"],
                title=sub["title"],
                items=tuple(_item(table_id, number, sub["number"], item, english) for item in sub["items"]),
                title_en=titles.get(sub["number"]),
            )
            for sub in section["subsections"]
        )
        items = tuple(_item(table_id, number, None, item, english) for item in section["items"])
        sections.append(Section(number, section["title"], subsections, items, titles.get(number)))
    return Table(
        id=table_id,
        appendix=raw["appendix"],
        table_label=raw["table_label"],
        title=raw["title"],
        sections=tuple(sections),
        appendix_en=en.get("appendix"),
        table_label_en=en.get("table_label"),
        title_en=en.get("title"),
    )


def _item(table_id: str, section: str, subsection: str | None, raw: JSONObject, english: JSONObject) -> Item:
    applicability = raw["applicability"]
    en = english.get("tables", {}).get(table_id, {}).get("items", {}).get(raw["number"], {})
    bases = english.get("legal_basis", {})
    legal_basis_en = tuple(bases[b] for b in applicability["legal_basis"] if b in bases)
    scope = raw["mark"]["scope"]
    return Item(
        table_id=table_id,
        number=raw["number"],
        section_number=section,
        subsection_number=subsection,
        title=raw["title"],
        guidance=raw["guidance"],
        mark=Mark(
            MarkKind(raw["mark"]["kind"]), scope, english.get("mark_scopes", {}).get(scope) if scope else None
        ),
        applicability=Applicability(
            mode=ApplicabilityMode(applicability["mode"]),
            preticked=applicability["preticked"],
            legal_basis=tuple(applicability["legal_basis"]),
            legal_basis_en=legal_basis_en if len(legal_basis_en) == len(applicability["legal_basis"]) else (),
        ),
        options=tuple(_option(option, en) for option in raw["options"]),
        title_en=en.get("title"),
        guidance_en=en.get("guidance"),
    )


def _option(raw: JSONObject, english: JSONObject) -> Option:
    labels = english.get("blanks", {}).get(raw["id"], {})
    return Option(
        id=raw["id"],
        text=raw["text"],
        blanks=tuple(
            Blank(
                blank["id"],
                BlankType(blank["type"]),
                blank["label"],
                blank["printed"],
                labels.get(blank["id"]),
            )
            for blank in raw["blanks"]
        ),
        free_text=raw["free_text"],
        parent=raw["parent"],
        text_en=english.get("options", {}).get(raw["id"]),
    )


def _notes(version_id: str) -> dict[str, tuple[ChangedLawNote, ...]]:
    path = _data_dir() / NOTES_FILE
    if not path.is_file():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    rules = raw["rules"]
    notes: dict[str, list[ChangedLawNote]] = {}
    for entry in raw["notes"]:
        if entry["catalogue"] != version_id:
            continue
        current = entry.get("current")
        note = ChangedLawNote(
            item_id=entry["item"],
            kind=entry["kind"],
            cited=rules[entry["cited"]]["name"],
            current=rules[current]["name"] if current else None,
            note_zh=entry["zh"],
            note_en=entry["en"],
            source=entry["source"],
            option_id=entry.get("option"),
        )
        notes.setdefault(note.item_id, []).append(note)
    return {item_id: tuple(entries) for item_id, entries in notes.items()}


def _check(catalogue: Catalogue) -> None:
    """Refuse data that breaks the rules the rest of the engine relies on."""
    seen: set[str] = set()
    for item in catalogue.items:
        if item.id in seen:
            raise CatalogueDataError(f"檢查項目重複：{item.id}")
        seen.add(item.id)
        if not item.number.startswith(item.section_number + "."):
            raise CatalogueDataError(f"檢查項目 {item.id} 不在第 {item.section_number} 節")
        if item.mark.kind is MarkKind.PARTIAL and not item.mark.scope:
            raise CatalogueDataError(f"檢查項目 {item.id} 的部分進階標記缺少範圍")
        option_ids = [option.id for option in item.options]
        if len(set(option_ids)) != len(option_ids):
            raise CatalogueDataError(f"檢查項目 {item.id} 的選項代號重複")
        for option in item.options:
            if option.parent is not None and option.parent not in option_ids:
                raise CatalogueDataError(f"檢查項目 {item.id} 選項 {option.id} 的上層選項不存在")
            placeholders = _PLACEHOLDER.findall(option.text)
            if placeholders != [blank.id for blank in option.blanks]:
                raise CatalogueDataError(f"檢查項目 {item.id} 選項 {option.id} 的填空欄位不一致")
    for item_id, notes in catalogue.notes.items():
        item = catalogue.item(item_id)
        for note in notes:
            if note.option_id is not None and item.option(note.option_id) is None:
                raise CatalogueDataError(f"法規異動註記指向不存在的選項：{item_id} {note.option_id}")
