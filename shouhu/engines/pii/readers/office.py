"""XLSX (openpyxl, read-only), XLS (xlrd when installed) and DOCX (python-docx) readers."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..options import ScanOptions
from .cells import cell_text
from .units import Lines, Rows, SkipError, column_letter, header_row


def _sheet_rows(name: str, rows: Iterable[Iterable[object]], opts: ScanOptions) -> Iterator[Rows]:
    columns: list[str] | None = None
    batch: list[tuple[int, list[str]]] = []
    for number, values in enumerate(rows, start=1):
        cells = [cell_text(v) for v in values]
        if not any(cells):
            continue
        if columns is None:
            if header_row([c for c in cells if c]):
                columns = [c.strip() or column_letter(i) for i, c in enumerate(cells)]
                continue
            columns = []
        if len(cells) > len(columns):
            columns.extend(column_letter(i) for i in range(len(columns), len(cells)))
        batch.append((number, cells))
        if len(batch) >= opts.batch_rows:
            yield Rows(list(columns), batch, sheet=name)
            batch = []
    if batch and columns is not None:
        yield Rows(list(columns), batch, sheet=name)


def read_xlsx(handle: BinaryIO, opts: ScanOptions) -> Iterator[Rows]:
    """Yield row batches of every worksheet (cached values, not formulas).

    Uses the fast standard-library reader; falls back to openpyxl for workbooks it cannot parse.
    """
    from xml.etree.ElementTree import ParseError

    from .xlsx_fast import iter_sheets

    try:
        for name, rows in iter_sheets(handle):
            yield from _sheet_rows(name, rows, opts)
        return
    except zipfile.BadZipFile as exc:
        raise SkipError("XLSX 損毀或已加密 / corrupt or encrypted XLSX") from exc
    except (KeyError, ValueError, IndexError, ParseError):
        handle.seek(0)
    yield from _read_xlsx_openpyxl(handle, opts)


def _read_xlsx_openpyxl(handle: BinaryIO, opts: ScanOptions) -> Iterator[Rows]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise SkipError("XLSX 損毀或已加密 / corrupt or encrypted XLSX") from exc
    try:
        for sheet in book.worksheets:
            yield from _sheet_rows(sheet.title, sheet.iter_rows(values_only=True), opts)
    finally:
        book.close()


def read_xls(handle: BinaryIO, opts: ScanOptions) -> Iterator[Rows]:
    """Yield row batches of a legacy XLS workbook (needs the optional ``xlrd`` package)."""
    try:
        import xlrd
    except ImportError as exc:
        raise SkipError("未安裝 xlrd，略過 XLS / xlrd not installed, XLS skipped") from exc
    try:
        book = xlrd.open_workbook(file_contents=handle.read(), on_demand=True)
    except Exception as exc:  # xlrd raises many private error types for bad input
        raise SkipError("XLS 損毀或已加密 / corrupt or encrypted XLS") from exc
    for sheet in book.sheets():
        rows = ([_xls_value(book, cell) for cell in sheet.row(i)] for i in range(sheet.nrows))
        yield from _sheet_rows(sheet.name, rows, opts)


def _xls_value(book: object, cell: object) -> object:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:  # type: ignore[attr-defined]
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)  # type: ignore[attr-defined]
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value  # type: ignore[attr-defined]
    return cell.value  # type: ignore[attr-defined]


def read_docx(handle: BinaryIO, opts: ScanOptions) -> Iterator[Lines | Rows]:
    """Yield paragraphs as lines (line = paragraph number) and each table as rows."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(handle)
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise SkipError("DOCX 損毀或已加密 / corrupt or encrypted DOCX") from exc
    text = "\n".join(p.text.replace("\n", " ") for p in document.paragraphs)
    if text.strip():
        yield Lines(text + "\n", 1)
    for index, table in enumerate(document.tables, start=1):
        rows = ([cell.text for cell in row.cells] for row in table.rows)
        yield from _sheet_rows(f"table {index}", rows, opts)
