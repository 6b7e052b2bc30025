"""The one XLSX reader: a streaming reader on the standard library (zipfile + ElementTree.iterparse).

About four times faster than openpyxl's read-only mode for plain value extraction (openpyxl builds a cell
object per value, ~1 ms a row). Handles shared strings, inline strings, booleans, numbers, date-formatted
numbers (1900 and 1904 date systems), merged ranges and formulas (the value Excel saved with the file; a
formula is never evaluated). Two entry points:

- ``iter_sheets`` (the personal-data scanner): every worksheet, rows streamed; anything unexpected raises
  ``ValueError`` so the caller can fall back to openpyxl.
- ``read_first_sheet`` (the import framework): the first worksheet with its merged ranges, formula cells
  without a saved value marked ``MISSING``, whole-day dates as ``date``, a row cap; every failure is an
  ``XlsxError`` with a zh-TW message.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, BinaryIO

# ElementTree never fetches external entities, and the bundled expat (>= 2.4) caps entity
# amplification ("billion laughs"), so S314 does not apply to workbook parts; parts that declare a
# DOCTYPE or an entity are refused anyway (a real workbook never has one).
from xml.etree.ElementTree import iterparse

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_BUILTIN_DATE_FORMATS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_EPOCH_1900 = dt.datetime(1899, 12, 30)  # noqa: DTZ001 - spreadsheet serial dates are naive
_EPOCH_1904 = dt.datetime(1904, 1, 1)  # noqa: DTZ001 - spreadsheet serial dates are naive
# Why a workbook is refused: a code for the app to put into the reader's words, and the zh-TW sentence the
# engine's own users (CLI, scanner) get as the exception's text.
REFUSALS = {
    "unreadable": "無法讀取 XLSX 檔案（檔案損毀或不是 Excel 活頁簿）。",
    "doctype": "XLSX 內含不允許的 XML 宣告。",
    "no_sheet": "XLSX 中找不到工作表。",
}


class XlsxError(ValueError):
    """The workbook cannot be read: ``code`` says why (a key of ``REFUSALS``), the text is zh-TW."""

    def __init__(self, code: str, text: str | None = None) -> None:
        super().__init__(text or REFUSALS.get(code, code))
        self.code = code


class TooManyRows(XlsxError):
    """The sheet has more rows than the caller accepts (reading stopped there)."""


class Missing:
    """A formula cell saved without a computed value."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = Missing()


@dataclass
class Sheet:
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min/max row/col, 0-based
    formula_cells: list[tuple[int, int]] = field(default_factory=list)


def column_index(ref: str) -> int:
    """0-based column of a cell reference's letters (``"AB12"`` → 27)."""
    index = 0
    for char in ref:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        else:
            break
    return index - 1


def _open(book: zipfile.ZipFile, name: str) -> IO[bytes]:
    with book.open(name) as head:
        start = head.read(2048)
    if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
        raise XlsxError("doctype")
    return book.open(name)


def _elements(book: zipfile.ZipFile, name: str) -> Iterator[Any]:
    with _open(book, name) as handle:
        for _, elem in iterparse(handle):  # noqa: S314 - see the import note
            yield elem


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    strings: list[str] = []
    for elem in _elements(book, "xl/sharedStrings.xml"):
        if elem.tag == f"{_NS}si":
            strings.append("".join(t.text or "" for t in elem.iter(f"{_NS}t")))
            elem.clear()
    return strings


def _date_styles(book: zipfile.ZipFile) -> list[bool]:
    if "xl/styles.xml" not in book.namelist():
        return []
    custom: dict[int, str] = {}
    styles: list[bool] = []
    with _open(book, "xl/styles.xml") as handle:
        in_xfs = False
        for event, elem in iterparse(handle, events=("start", "end")):  # noqa: S314 - see the import note
            if elem.tag == f"{_NS}numFmt" and event == "end":
                custom[int(elem.get("numFmtId", "0"))] = elem.get("formatCode", "")
            elif elem.tag == f"{_NS}cellXfs":
                in_xfs = event == "start"
            elif in_xfs and elem.tag == f"{_NS}xf" and event == "end":
                fmt = int(elem.get("numFmtId", "0"))
                code = _QUOTED.sub("", custom.get(fmt, ""))
                styles.append(fmt in _BUILTIN_DATE_FORMATS or bool(code and _DATE_CODE.search(code)))
    return styles


def _workbook(book: zipfile.ZipFile) -> tuple[list[tuple[str, str]], bool]:
    """The worksheets as (name, part path) in workbook order, and whether the 1904 date system is used."""
    targets: dict[str, str] = {}
    for elem in _elements(book, "xl/_rels/workbook.xml.rels"):
        if elem.tag == f"{_PKG_REL}Relationship":
            target = elem.get("Target", "")
            targets[elem.get("Id", "")] = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join("xl", target))
            )
    sheets: list[tuple[str, str]] = []
    date1904 = False
    for elem in _elements(book, "xl/workbook.xml"):
        if elem.tag == f"{_NS}workbookPr":
            date1904 = elem.get("date1904", "0") in ("1", "true")
        elif elem.tag == f"{_NS}sheet":
            rel = elem.get(f"{_REL_NS}id", "")
            if rel not in targets:
                raise ValueError("sheet without relationship")
            sheets.append((elem.get("name", ""), targets[rel]))
    return sheets, date1904


def _serial_date(number: float, date1904: bool) -> dt.datetime:
    base = _EPOCH_1904 if date1904 else _EPOCH_1900
    return base + dt.timedelta(seconds=round(number * 86400))


@dataclass(frozen=True)
class _Context:
    shared: list[str]
    date_styles: list[bool]
    date1904: bool
    plain_dates: bool  # whole-day dates as ``date`` (import) instead of ``datetime`` (scanner, like openpyxl)


def _value(cell: Any, ctx: _Context) -> object:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_NS}t"))
    node = cell.find(f"{_NS}v")
    text = node.text if node is not None else None
    if text is None or (text == "" and kind == "n"):
        return None
    if kind == "s":
        return ctx.shared[int(text)]
    if kind in ("str", "e"):
        return text
    if kind == "b":
        return text == "1"
    number = float(text)
    style = int(cell.get("s", "0"))
    if style < len(ctx.date_styles) and ctx.date_styles[style]:
        try:
            moment = _serial_date(number, ctx.date1904)
        except OverflowError:
            return number
        if ctx.plain_dates and moment.time() == dt.time(0):
            return moment.date()
        return moment
    return int(number) if number.is_integer() else number


def _rows(
    book: zipfile.ZipFile,
    path: str,
    ctx: _Context,
    *,
    on_formula: Callable[[int, int, object], object] | None = None,
    on_merge: Callable[[str], None] | None = None,
) -> Iterator[list[object]]:
    """Dense rows of one sheet, one per sheet row number (empty rows included, so numbers stay exact)."""
    row_tag, cell_tag, merge_tag = f"{_NS}row", f"{_NS}c", f"{_NS}mergeCell"
    expected = 1
    for elem in _elements(book, path):
        if elem.tag == merge_tag:
            if on_merge is not None:
                on_merge(elem.get("ref", ""))
            continue
        if elem.tag != row_tag:
            continue
        number = int(elem.get("r", expected))
        while expected < number:
            yield []
            expected += 1
        values: list[object] = []
        for cell in elem.iter(cell_tag):
            index = column_index(cell.get("r", "")) if cell.get("r") else len(values)
            while len(values) < index:
                values.append(None)
            value = _value(cell, ctx)
            if on_formula is not None and cell.find(f"{_NS}f") is not None:
                value = on_formula(number - 1, index, value)
            if index < len(values):
                values[index] = value
            else:
                values.append(value)
        elem.clear()
        expected = number + 1
        yield values


def iter_sheets(handle: BinaryIO) -> Iterator[tuple[str, Iterator[list[object]]]]:
    """Yield ``(sheet name, rows)``; each row is a dense list of cell values (``None`` for blanks)."""
    book = zipfile.ZipFile(handle)
    sheets, date1904 = _workbook(book)
    ctx = _Context(_shared_strings(book), _date_styles(book), date1904, plain_dates=False)
    for name, path in sheets:
        yield name, _rows(book, path, ctx)


def _merged_range(ref: str) -> tuple[int, int, int, int] | None:
    if ":" not in ref:
        return None
    a, b = (_CELL_REF.match(part) for part in ref.split(":", 1))
    if not (a and b):
        return None
    return int(a.group(2)) - 1, column_index(a.group(1)), int(b.group(2)) - 1, column_index(b.group(1))


def read_first_sheet(data: bytes, *, max_rows: int | None = None) -> Sheet:
    """The first worksheet; raises :class:`TooManyRows` once a row past ``max_rows`` is met."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        sheets, date1904 = _workbook(book)
        if not sheets:
            raise XlsxError("no_sheet")
        ctx = _Context(_shared_strings(book), _date_styles(book), date1904, plain_dates=True)
        sheet = Sheet(rows=[])

        def formula(row: int, col: int, value: object) -> object:
            sheet.formula_cells.append((row, col))
            return MISSING if value is None or value == "" else value

        def merge(ref: str) -> None:
            span = _merged_range(ref)
            if span:
                sheet.merged.append(span)

        for values in _rows(book, sheets[0][1], ctx, on_formula=formula, on_merge=merge):
            if max_rows is not None and len(sheet.rows) >= max_rows:
                if values:
                    raise TooManyRows("too_many_rows", str(max_rows))
                continue
            sheet.rows.append(values)
        while sheet.rows and not sheet.rows[-1]:
            sheet.rows.pop()
        return sheet
    except XlsxError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, IndexError, SyntaxError) as exc:
        raise XlsxError("unreadable") from exc
