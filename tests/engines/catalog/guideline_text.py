"""Independent reader of the two self-check tables in the guideline's text extraction.

The fidelity tests use this reader to compare the committed catalogue JSON with the
published text. It shares no code with ``shouhu.engines.catalog`` on purpose: a slip in
the JSON must not be hidden by the same slip in the code that reads it.

The text is a tab-separated extraction of the printed tables. One printed row is one
line; a row cut by a page break continues on a line whose first cell is empty; section
and subsection headings sit alone in the first cell (or alone on the line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

GUIDELINE_RELATIVE = Path("guideline") / "moea-idb-2021-guideline.txt"

_TABLE_STARTS = {
    "pd": "表 3 系統商個人資料安全維護措施自我檢查表",
    "is": "表 4 系統商資訊安全管理措施自我檢查表",
}
_TABLE_END = "資料來源：本指引自製"
_CHECKBOX = re.compile(r"<input\b[^>]*/>")
_TAG = re.compile(r"</?p>")
_SECTION = re.compile(r"^(\d+)\.(?!\d)\s*(\S.*)$")
_SUBSECTION = re.compile(r"^(\d+\.\d+)\s+(\S.*)$")
_ITEM_NUMBER = re.compile(r"^\d+(?:\.\d+)+$")
_SKIP_PREFIXES = ("系統商個人資料", "系統商資訊安全", "公司名稱", "編號")


def squash(text: str) -> str:
    """Remove every whitespace character, so line-wrapping artefacts compare equal."""
    return "".join(text.split())


@dataclass
class PrintedItem:
    """One item row as printed, cells kept raw (continuation lines appended)."""

    number: str
    section: str
    subsection: str | None
    item_cell: str
    mark_cell: str
    applicability_cell: str
    options_cell: str
    continuations: list[int] = field(default_factory=list)

    @property
    def break_offsets(self) -> set[int]:
        """Offsets in the squashed item cell where a printed line ends (a title may end there)."""
        offsets = set(self.continuations)
        count = 0
        for char in _TAG.sub(" ", self.item_cell):
            if char.isspace():
                offsets.add(count)
            else:
                count += 1
        offsets.add(count)
        return offsets

    @property
    def item_text(self) -> str:
        """The item cell without paragraph tags, whitespace normalised to single spaces."""
        return " ".join(_TAG.sub(" ", self.item_cell).split())

    @property
    def mark(self) -> tuple[str, str | None]:
        """The 系統商進階 cell as (kind, scope): none, full, or partial with its scope."""
        cell = self.mark_cell.strip()
        if not cell:
            return ("none", None)
        scope = cell.removeprefix("◎").strip().strip("()（）").strip()
        return ("partial", scope) if scope else ("full", None)

    @property
    def options(self) -> list[str]:
        """Every check option text in printed order (empty string for a blank line)."""
        chunks = _CHECKBOX.split(self.options_cell)
        return [chunk.strip() for chunk in chunks[1:]]

    @property
    def applicability(self) -> tuple[bool, bool, str]:
        """(pre-ticked, offers 不適用, legal basis squashed) as printed."""
        tags = _CHECKBOX.findall(self.applicability_cell)
        chunks = [chunk.strip() for chunk in _CHECKBOX.split(self.applicability_cell)[1:]]
        preticked = bool(tags) and "checked" in tags[0]
        offers_not_applicable = any(chunk.startswith("不適用") for chunk in chunks)
        basis = chunks[0].removeprefix("適用") if chunks else ""
        return (preticked, offers_not_applicable, squash(basis))


@dataclass
class PrintedTable:
    """One appendix table: sections in order and every item row."""

    table_id: str
    sections: dict[str, str] = field(default_factory=dict)
    subsections: dict[str, str] = field(default_factory=dict)
    items: list[PrintedItem] = field(default_factory=list)


def guideline_path() -> Path:
    """The guideline text kept with the tests (``data/``; its source is in ``data/SOURCE.md``)."""
    return Path(__file__).resolve().parent / "data" / GUIDELINE_RELATIVE.name


def _table_lines(lines: list[str], start_marker: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.strip() == start_marker)
    end = next(i for i in range(start, len(lines)) if lines[i].strip() == _TABLE_END)
    return lines[start + 1 : end]


def parse_tables(text: str) -> dict[str, PrintedTable]:
    """Read both appendix tables from the guideline text."""
    lines = text.splitlines()
    return {
        table_id: _parse_table(table_id, _table_lines(lines, marker))
        for table_id, marker in _TABLE_STARTS.items()
    }


def _parse_table(table_id: str, lines: list[str]) -> PrintedTable:
    table = PrintedTable(table_id)
    section = ""
    subsection: str | None = None
    for line in lines:
        if not line.strip() or line.startswith(_SKIP_PREFIXES) or line.startswith("---"):
            continue
        cells = line.split("\t")
        head = cells[0].strip()
        rest = "".join(cells[1:]).strip()
        if head and not rest and (match := _SUBSECTION.match(head)):
            subsection = match.group(1)
            table.subsections[subsection] = match.group(2).strip()
            continue
        if head and not rest and (match := _SECTION.match(head)):
            section, subsection = match.group(1), None
            table.sections[section] = match.group(2).strip()
            continue
        cells += [""] * (5 - len(cells))
        if _ITEM_NUMBER.match(head):
            table.items.append(
                PrintedItem(
                    number=head,
                    section=section,
                    subsection=subsection if subsection and head.startswith(subsection + ".") else None,
                    item_cell=cells[1],
                    mark_cell=cells[2],
                    applicability_cell=cells[3],
                    options_cell=cells[4],
                )
            )
        elif not head and table.items:
            item = table.items[-1]
            item.continuations.append(len(squash(_TAG.sub(" ", item.item_cell))))
            item.item_cell += cells[1]
            item.mark_cell += cells[2]
            item.applicability_cell += cells[3]
            item.options_cell += " " + cells[4]
        else:
            raise ValueError(f"unrecognised line in table {table_id}: {line!r}")
    return table
