"""Units produced by readers, and the error that marks a source as skipped."""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field

from ..recognizers.keywords import column_hints


class SkipError(Exception):
    """Raised by a reader when a source cannot be read; the message is a data-free reason."""


#: Exceptions that mean "corrupt or truncated container" (bad deflate data, CRC, header, method).
CORRUPT_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
)
CORRUPT_REASON = "檔案損毀或截斷 / corrupt or truncated file"


@dataclass(slots=True)
class Lines:
    """A block of text lines starting at ``first_line`` (1-based)."""

    text: str
    first_line: int = 1


@dataclass(slots=True)
class Rows:
    """A batch of table rows; ``rows`` holds ``(row number, cells)``; ``columns`` names the columns."""

    columns: list[str]
    rows: list[tuple[int, list[str]]]
    sheet: str | None = None
    hints: list[frozenset[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.hints:
            self.hints = [column_hints(c) for c in self.columns]


@dataclass(slots=True)
class Fields:
    """Leaf values of a JSON document: ``(line or None, pointer, key, value)``."""

    items: list[tuple[int | None, str, str, str]]


Unit = Lines | Rows | Fields


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


#: A numbered placeholder a tool writes when a table has no names of its own: 欄位1 (Excel and Google
#: Sheets in Chinese), Column1 (Excel's Power Query), Field1 (Access), col_1, Unnamed: 0 (pandas).
_NUMBERED_NAME = re.compile(r"(?:欄位|欄|column|col|field|unnamed:?)[ _-]?[0-9]{1,3}", re.IGNORECASE)


def header_row(cells: list[str]) -> bool:
    """Return whether a first row looks like a header: names known to hint, or short text without
    digits, or numbered placeholders (欄位1, Column2), which name the columns as the reader sees them."""
    if not cells:
        return False
    if any(column_hints(c) for c in cells):
        return True
    return all(
        c and len(c) < 40 and (not any(ch.isdigit() for ch in c) or _NUMBERED_NAME.fullmatch(c) is not None)
        for c in cells
    )
