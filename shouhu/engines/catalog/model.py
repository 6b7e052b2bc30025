"""Typed, immutable model of a self-check catalogue (the guideline's 附錄一 and 附錄二 tables)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from shouhu.engines.catalog.errors import UnknownItemError

TABLE_NAMES_ZH = {"pd": "附錄一", "is": "附錄二"}
TABLE_NAMES_EN = {"pd": "Appendix 1", "is": "Appendix 2"}  # Shouhu's English, not official
_PLACEHOLDER = re.compile(r"\{(b\d+)\}")


class MarkKind(StrEnum):
    """The 系統商進階 column: blank, ◎, or ◎ limited to part of the item."""

    NONE = "none"
    FULL = "full"
    PARTIAL = "partial"


class BlankType(StrEnum):
    """How a fill-in blank in a check option is answered."""

    TEXT = "text"
    NUMBER = "number"
    FREQUENCY = "frequency"


class ApplicabilityMode(StrEnum):
    """The 適用情形 column: a choice of 適用/不適用 (with 說明), or 適用 only."""

    CHOICE = "choice"
    FIXED = "fixed"


@dataclass(frozen=True, slots=True)
class Mark:
    """The 系統商進階 (◎) mark of an item; ``scope`` is the printed limit of a partial mark."""

    kind: MarkKind
    scope: str | None = None
    scope_en: str | None = None  # Shouhu's unofficial English of ``scope``

    @property
    def advanced(self) -> bool:
        """True when the item (or part of it) is a 系統商進階 item."""
        return self.kind is not MarkKind.NONE

    @property
    def printed(self) -> str:
        """The mark as shown in the table column."""
        if self.kind is MarkKind.NONE:
            return ""
        if self.kind is MarkKind.PARTIAL:
            return f"◎（{self.scope}）"
        return "◎"

    @property
    def printed_en(self) -> str:
        """The mark with its limit in English (unofficial); the symbol alone when nothing is translated."""
        if self.kind is MarkKind.PARTIAL and self.scope_en:
            return f"◎ ({self.scope_en})"
        return self.printed


@dataclass(frozen=True, slots=True)
class Blank:
    """A fill-in blank inside a check option; ``printed`` is its underscores as published."""

    id: str
    type: BlankType
    label: str
    printed: str
    label_en: str | None = None  # Shouhu's unofficial English of ``label``


@dataclass(frozen=True, slots=True)
class Option:
    """A check option (☐) as printed; ``text`` holds ``{b1}``-style placeholders for blanks."""

    id: str
    text: str
    blanks: tuple[Blank, ...] = ()
    free_text: bool = False
    parent: str | None = None
    text_en: str | None = None  # Shouhu's unofficial English, with the same ``{b1}`` placeholders

    @property
    def printed_text(self) -> str:
        """The option text exactly as published, blanks shown as their printed underscores."""
        printed = {blank.id: blank.printed for blank in self.blanks}
        return _PLACEHOLDER.sub(lambda match: printed[match.group(1)], self.text)

    def blank(self, blank_id: str) -> Blank | None:
        """The blank with this id, or None."""
        return next((blank for blank in self.blanks if blank.id == blank_id), None)

    def render(self, values: Mapping[str, object]) -> str:
        """The option text with filled values; unfilled blanks keep their printed form."""
        printed = {blank.id: blank.printed for blank in self.blanks}

        def fill(match: re.Match[str]) -> str:
            value = values.get(match.group(1))
            return printed[match.group(1)] if value in (None, "") else str(value)

        return _PLACEHOLDER.sub(fill, self.text)

    def render_en(self, values: Mapping[str, object]) -> str:
        """Like ``render`` on the English text (the official text when there is no English)."""
        text = self.text if self.text_en is None else self.text_en
        printed = {blank.id: blank.printed for blank in self.blanks}

        def fill(match: re.Match[str]) -> str:
            value = values.get(match.group(1))
            return printed[match.group(1)] if value in (None, "") else str(value)

        return _PLACEHOLDER.sub(fill, text)


@dataclass(frozen=True, slots=True)
class Applicability:
    """The 適用情形 column as printed: mode, whether 適用 is pre-ticked, and the legal basis."""

    mode: ApplicabilityMode
    preticked: bool
    legal_basis: tuple[str, ...] = ()
    legal_basis_en: tuple[str, ...] = ()  # Shouhu's unofficial English, one per ``legal_basis`` entry

    @property
    def allows_not_applicable(self) -> bool:
        """True when the table offers 不適用 (which then needs a 說明)."""
        return self.mode is ApplicabilityMode.CHOICE


@dataclass(frozen=True, slots=True)
class ChangedLawNote:
    """A note beside an item whose cited rule has since changed; the printed text stays as is."""

    item_id: str
    kind: str
    cited: str
    current: str | None
    note_zh: str
    note_en: str
    source: str
    option_id: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """One check item (one numbered row of a table)."""

    table_id: str
    number: str
    section_number: str
    subsection_number: str | None
    title: str
    guidance: str | None
    mark: Mark
    applicability: Applicability
    options: tuple[Option, ...]
    title_en: str | None = None  # Shouhu's unofficial English of ``title``
    guidance_en: str | None = None  # Shouhu's unofficial English of ``guidance``

    @property
    def id(self) -> str:
        """Stable id of the item: table id and printed number, e.g. ``pd-1.1.1``."""
        return f"{self.table_id}-{self.number}"

    @property
    def display_number(self) -> str:
        """Number with the appendix for messages, e.g. 「附錄一第 1.1.1 項」."""
        return f"{TABLE_NAMES_ZH.get(self.table_id, self.table_id)}第 {self.number} 項"

    @property
    def display_number_en(self) -> str:
        """The same in English pages' words, e.g. 「Appendix 1, item 1.1.1」."""
        return f"{TABLE_NAMES_EN.get(self.table_id, self.table_id)}, item {self.number}"

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        return next((option for option in self.options if option.id == option_id), None)


@dataclass(frozen=True, slots=True)
class Subsection:
    """A numbered subsection heading (e.g. 「1.1 配置個資保護總負責人」) and its items."""

    number: str
    title: str
    items: tuple[Item, ...]
    title_en: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered section heading; items sit in subsections or, where none is printed, directly."""

    number: str
    title: str
    subsections: tuple[Subsection, ...]
    items: tuple[Item, ...]
    title_en: str | None = None

    @property
    def all_items(self) -> tuple[Item, ...]:
        """Every item of the section in printed order."""
        nested = tuple(item for sub in self.subsections for item in sub.items)
        return tuple(sorted(nested + self.items, key=lambda item: _number_key(item.number)))


@dataclass(frozen=True, slots=True)
class Table:
    """One self-check table: ``pd`` (附錄一) or ``is`` (附錄二)."""

    id: str
    appendix: str
    table_label: str
    title: str
    sections: tuple[Section, ...]
    appendix_en: str | None = None
    table_label_en: str | None = None
    title_en: str | None = None

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of the table in printed order."""
        return tuple(item for section in self.sections for item in section.all_items)


@dataclass(frozen=True, slots=True)
class EnglishInfo:
    """Shouhu's own English of a catalogue: never official; the Chinese stays the text of record."""

    note: str
    translated: str
    label: str
    title: str
    publisher: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A published catalogue version with both tables and the changed-law notes."""

    id: str
    label: str
    title: str
    publisher: str
    published: str
    source: str
    last_modified: datetime
    tables: tuple[Table, ...]
    notes: Mapping[str, tuple[ChangedLawNote, ...]] = field(default_factory=dict)
    english: EnglishInfo | None = None  # about the unofficial English, when one is shipped
    _index: dict[str, Item] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {item.id: item for table in self.tables for item in table.items}
        object.__setattr__(self, "_index", index)

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of every table in printed order."""
        return tuple(item for table in self.tables for item in table.items)

    def table(self, table_id: str) -> Table:
        """The table with this id (``pd`` or ``is``)."""
        for table in self.tables:
            if table.id == table_id:
                return table
        raise UnknownItemError(f"目錄 {self.id} 沒有檢查表「{table_id}」")

    def item(self, item_id: str) -> Item:
        """The item with this id (``pd-1.1.1``); raises UnknownItemError for an unknown id."""
        try:
            return self._index[item_id]
        except KeyError:
            raise UnknownItemError(f"目錄 {self.id} 沒有檢查項目「{item_id}」") from None

    def has_item(self, item_id: str) -> bool:
        """True when the catalogue has an item with this id."""
        return item_id in self._index

    def notes_for(self, item_id: str) -> tuple[ChangedLawNote, ...]:
        """Changed-law notes shown beside the item (empty when its cited rules are current)."""
        return tuple(self.notes.get(item_id, ()))


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def missing_english(catalogue: Catalogue) -> list[str]:
    """Every text of the catalogue that has no English (ids like ``pd-1.1.1 o2``); empty when complete."""
    missing: list[str] = [] if catalogue.english else ["catalogue"]
    for table in catalogue.tables:
        if not (table.title_en and table.appendix_en and table.table_label_en):
            missing.append(f"table {table.id}")
        for section in table.sections:
            if not section.title_en:
                missing.append(f"section {table.id}-{section.number}")
            missing += [f"subsection {table.id}-{s.number}" for s in section.subsections if not s.title_en]
        for item in table.items:
            if not item.title_en:
                missing.append(f"{item.id} title")
            if item.guidance and not item.guidance_en:
                missing.append(f"{item.id} guidance")
            if item.mark.scope and not item.mark.scope_en:
                missing.append(f"{item.id} mark")
            if len(item.applicability.legal_basis_en) != len(item.applicability.legal_basis):
                missing.append(f"{item.id} legal basis")
            for option in item.options:
                if option.text_en is None or (option.text and not option.text_en):
                    missing.append(f"{item.id} {option.id}")
                elif _PLACEHOLDER.findall(option.text_en) != _PLACEHOLDER.findall(option.text):
                    missing.append(f"{item.id} {option.id} blanks")
                missing += [f"{item.id} {option.id} {b.id}" for b in option.blanks if not b.label_en]
    return missing
