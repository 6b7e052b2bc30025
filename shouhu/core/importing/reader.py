"""Read an uploaded XLSX or CSV into header → text rows.

CSV: UTF-8, UTF-8 with BOM, or Big5/CP950 (tried in that order, strictly, by the engine's encoding sniffer).
XLSX (the engine's streaming reader): merged cells take the value of their top-left cell, empty rows are
skipped, formula cells use the value Excel saved with the file (a formula with no saved value is reported
on its row; formulas are never evaluated). Both stop reading at the row cap.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from openpyxl.utils import get_column_letter

from shouhu.core import messages
from shouhu.engines.pii.readers.encoding import detect_encoding
from shouhu.engines.pii.readers.units import SkipError
from shouhu.engines.pii.readers.xlsx_fast import MISSING, TooManyRows, XlsxError, read_first_sheet

# The encodings accepted for CSV (engine name → label shown on the preview).
ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8-BOM", "cp950": "Big5"}
BAD_ENCODING = gettext_lazy("無法辨識檔案編碼：請將 CSV 存成 UTF-8（可含 BOM）或 Big5 後再匯入。")
HEADER_SCAN_ROWS = 10
# Found while reading, kept on the row (and stored with the preview) as messages: read in the reader's language.
FORMULA_NO_VALUE = messages.define(
    "import.formula_no_value",
    gettext_noop("儲存格含公式但檔案中沒有計算結果；請在 Excel 開啟並存檔（或改存為值）後再匯入。"),
)
FORMULA_IN_CSV = messages.define(
    "import.formula_in_csv", gettext_noop("不接受以「=」開頭的公式內容；請改填數值或文字。")
)
TOO_MANY_ROWS = gettext_lazy(
    "檔案超過 {limit:,} 列的上限；請分批匯入（上限由 SHOUHU_IMPORT_MAX_ROWS 設定）。"
)

# The engine's XLSX refusals come as codes; their words live here once, as messages in the reader's language.
XLSX_REFUSALS = {
    code: messages.define(f"xlsx.{code}", zh)
    for code, zh in (
        ("unreadable", gettext_noop("無法讀取 XLSX 檔案（檔案損毀或不是 Excel 活頁簿）。")),
        ("doctype", gettext_noop("XLSX 內含不允許的 XML 宣告。")),
        ("no_sheet", gettext_noop("XLSX 中找不到工作表。")),
    )
}


class ImportFileError(ValueError):
    """The file cannot be read at all (message in the active language)."""


# A row's error: a ``core.messages`` Message (or Sentence) from a parser or rule, or plain text (old stored rows).
Said = messages.Message | str
Errors = dict[str, list[Said]]


@dataclass
class Row:
    number: int
    values: dict[str, str]
    read_errors: Errors = field(default_factory=dict)
    errors: Errors = field(default_factory=dict)


StoredKeys = dict[str, list[list[Any] | None]]


def stored(errors: Errors) -> tuple[dict[str, list[str]], StoredKeys]:
    """A row's errors as kept in a batch: the zh-TW texts by column (what older code and old rows have) and,
    beside them, each message's ``[key, facts]`` at the same place (None for plain text)."""
    texts: dict[str, list[str]] = {}
    keys: StoredKeys = {}
    for header, said in errors.items():
        found = [messages.message_of(m) for m in said]
        texts[header] = [m.text if m else str(s) for m, s in zip(found, said, strict=True)]
        if any(found):
            keys[header] = [[m.key, m.facts] if m else None for m in found]
    return texts, keys


def _key_at(keys: Mapping[str, Any] | None, header: str, index: int) -> list[Any] | None:
    at = (keys or {}).get(header) or []
    item = at[index] if index < len(at) else None
    return item if isinstance(item, list) and len(item) == 2 else None


def restored(texts: Mapping[str, list[str]], keys: Mapping[str, Any] | None) -> Errors:
    """``stored`` undone: messages where a key was kept, the text as stored otherwise (rows from before keys)."""
    out: Errors = {}
    for header, said in texts.items():
        out[header] = []
        for i, text in enumerate(said):
            item = _key_at(keys, header, i)
            out[header].append(messages.Message(str(item[0]), dict(item[1] or {}), text) if item else text)
    return out


def shown(texts: Mapping[str, list[str]], keys: Mapping[str, Any] | None) -> dict[str, list[str]]:
    """A stored row's errors in the active language (each stored text when it has no key)."""
    out: dict[str, list[str]] = {}
    for header, said in texts.items():
        out[header] = []
        for i, text in enumerate(said):
            item = _key_at(keys, header, i)
            out[header].append(messages.render(str(item[0]), item[1], text) if item else text)
    return out


@dataclass
class Table:
    headers: list[str]
    rows: list[Row]
    encoding: str
    letters: dict[str, str]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _norm_header(value: Any) -> str:
    return "".join(_text(value).split()).replace("（", "(").replace("）", ")")


_LOOSE_DROP = re.compile(r"[\s_\-.]")
_TRAILING_NOTE = re.compile(r"\[[^\]]*\]\s*$")  # Google Workspace: "Email Address [Required]"

Aliases = Mapping[str, Sequence[str]]
Labels = Mapping[str, str]  # column → how messages name it (its English header on English pages)


def _loose(value: Any) -> str:
    """An alias comparison key: case, spaces, ``_ - .`` and a trailing ``[…]`` note ignored, so
    ``userPrincipalName``, ``Display Name`` and ``Last Sign In [READ ONLY]`` match ``user principal name`` …"""
    text = _TRAILING_NOTE.sub("", _text(value)).replace("（", "(").replace("）", ")")
    return _LOOSE_DROP.sub("", text).casefold()


def _has(cells: set[str], loose: set[str], header: str, aliases: Aliases) -> bool:
    return _norm_header(header) in cells or any(_loose(a) in loose for a in aliases.get(header, ()))


def _find_header(
    grid: Sequence[Sequence[Any]],
    known: Sequence[str],
    required: Sequence[str],
    aliases: Aliases | None = None,
    labels: Labels | None = None,
) -> int:
    """The header row: the first of the first rows holding every required heading (or one of its aliases);
    failing that, the row holding the most known headings (at least two, or the only one a kind has), so a
    file that lacks a column can still be previewed and the column added there (``imports.services.add_column``)."""
    aliases = aliases or {}
    best, best_count = -1, 0
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        cells = {_norm_header(c) for c in row}
        loose = {_loose(c) for c in row}
        if all(_has(cells, loose, h, aliases) for h in required):
            return i
        count = sum(1 for h in known if _has(cells, loose, h, aliases))
        if count > best_count:
            best, best_count = i, count
    if best >= 0 and best_count >= min(2, len(known)):
        return best
    names = [(labels or {}).get(h, h) for h in required]
    raise ImportFileError(
        _(
            "找不到標題列：必須包含欄位「{columns}」。若為 CSV，可能是檔案編碼無法辨識（請存成 UTF-8 或 Big5）。"
        ).format(columns=_("」「").join(names))
    )


def _table(
    grid: list[list[Any]],
    numbers: list[int],
    known: Sequence[str],
    required: Sequence[str],
    encoding: str,
    cell_errors: Mapping[tuple[int, int], object],
    empty: frozenset[int] = frozenset(),
    aliases: Aliases | None = None,
    labels: Labels | None = None,
) -> Table:
    start = _find_header(grid, known, required, aliases, labels)
    columns = _columns(grid[start], known, aliases or {})
    letters = {name: get_column_letter(index + 1) for index, name in columns}
    rows: list[Row] = []
    for r in range(start + 1, len(grid)):
        raw = grid[r]
        values = {name: _text(raw[index]) if index < len(raw) else "" for index, name in columns}
        if r in empty or not any(values.values()):
            continue  # empty row (a row whose only content comes from a merged cell above is empty too)
        row = Row(numbers[r], values)
        for index, name in columns:
            key = cell_errors.get((r, index))
            if key:
                row.read_errors.setdefault(name, []).append(messages.compose(str(key)))
        rows.append(row)
    return Table([name for _, name in columns], rows, encoding, letters)


def _columns(header: Sequence[Any], known: Sequence[str], aliases: Aliases) -> list[tuple[int, str]]:
    """(index, canonical name) of each known column found in the header row, in the file's order. A column
    is found under its own name first, else under its first alias present (in the order listed) that no
    earlier column took — so a spec lists fallbacks last (``email`` as the account name only when the file
    has no username column)."""
    exact: dict[str, int] = {}
    loose: dict[str, int] = {}
    for index, cell in enumerate(header):
        exact.setdefault(_norm_header(cell), index)
        loose.setdefault(_loose(cell), index)
    taken: set[int] = set()
    found: list[tuple[int, str]] = []
    for name in known:
        candidates = [exact.get(_norm_header(name))] + [loose.get(_loose(a)) for a in aliases.get(name, ())]
        hit = next((i for i in candidates if i is not None and i not in taken), None)
        if hit is not None:
            taken.add(hit)
            found.append((hit, name))
    return sorted(found)


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV upload and its encoding label: UTF-8, UTF-8 with BOM or Big5/CP950, tried strictly
    (the engine's sniffer, ``guess=False``); anything else is refused with a zh-TW message."""
    try:
        encoding = detect_encoding(data, guess=False)
    except SkipError:
        encoding = ""
    if encoding in ENCODINGS:
        try:
            return data.decode(encoding), ENCODINGS[encoding]
        except UnicodeDecodeError:
            pass  # a sequence cut short at the very end, which the incremental trial lets through
    raise ImportFileError(str(BAD_ENCODING))


def read_csv(
    data: bytes, known: Sequence[str], required: Sequence[str], *, max_rows: int | None = None,
    aliases: Aliases | None = None, labels: Labels | None = None,
) -> Table:  # fmt: skip
    text, label = decode(data)
    grid: list[list[str]] = []
    for record in csv.reader(io.StringIO(text, newline="")):  # rows are read one by one and capped
        if max_rows is not None and len(grid) >= max_rows + HEADER_SCAN_ROWS:
            raise ImportFileError(str(TOO_MANY_ROWS).format(limit=max_rows))
        grid.append(record)
    errors = {
        (r, c): FORMULA_IN_CSV for r, row in enumerate(grid) for c, v in enumerate(row) if v.startswith("=")
    }
    return _table(
        grid, list(range(1, len(grid) + 1)), known, required, label, errors, aliases=aliases, labels=labels
    )


def read_xlsx(
    data: bytes, known: Sequence[str], required: Sequence[str], *, max_rows: int | None = None,
    aliases: Aliases | None = None, labels: Labels | None = None,
) -> Table:  # fmt: skip
    try:
        sheet = read_first_sheet(data, max_rows=None if max_rows is None else max_rows + HEADER_SCAN_ROWS)
    except TooManyRows:
        raise ImportFileError(str(TOO_MANY_ROWS).format(limit=max_rows)) from None
    except XlsxError as exc:
        raise ImportFileError(messages.render(XLSX_REFUSALS.get(exc.code, ""), {}, str(exc))) from exc
    grid = sheet.rows
    empty = frozenset(r for r, row in enumerate(grid) if not any(v is not None and _text(v) for v in row))
    for min_row, min_col, max_row, max_col in sheet.merged:
        if min_row >= len(grid):
            continue
        top = grid[min_row][min_col] if min_col < len(grid[min_row]) else None
        for r in range(min_row, min(max_row + 1, len(grid))):
            for c in range(min_col, max_col + 1):
                while len(grid[r]) <= c:
                    grid[r].append(None)
                grid[r][c] = top
    errors: dict[tuple[int, int], str] = {}
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value is MISSING:
                row[c] = None
                errors[(r, c)] = FORMULA_NO_VALUE
    return _table(
        grid, list(range(1, len(grid) + 1)), known, required, "XLSX", errors, empty, aliases, labels
    )


def read_table(
    filename: str, data: bytes, known: Sequence[str], required: Sequence[str], *, max_rows: int | None = None,
    aliases: Aliases | None = None, labels: Labels | None = None,
) -> Table:  # fmt: skip
    """``max_rows``: refuse a file with more data rows than this (reading stops there). ``aliases``: other
    header names a column is also recognised by (``{"帳號": ["username", "login"]}``: English headers of
    real exports), compared loosely (``_loose``); rows are keyed by the canonical name either way.
    ``labels``: how a message names a column (default: its name)."""
    if not data:
        raise ImportFileError(_("檔案是空的。"))
    if data[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx(data, known, required, max_rows=max_rows, aliases=aliases, labels=labels)
    if filename.lower().endswith(".xls"):
        raise ImportFileError(_("不支援舊版 .xls 格式；請在 Excel 另存為 .xlsx 或 CSV。"))
    return read_csv(data, known, required, max_rows=max_rows, aliases=aliases, labels=labels)
