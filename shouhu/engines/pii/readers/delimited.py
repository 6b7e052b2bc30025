"""CSV and TSV files: encoding detection, delimiter sniffing, header detection, row batches."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import BinaryIO

from ..options import ScanOptions
from .text import open_text
from .units import Rows, SkipError, column_letter, header_row


def _dialect(sample: str, tab: bool) -> type[csv.Dialect] | csv.Dialect:
    if tab:
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def read_delimited(handle: BinaryIO, opts: ScanOptions, *, tab: bool = False) -> Iterator[Rows]:
    """Yield batches of rows; the first row is used as column names when it looks like a header."""
    stream = open_text(handle)
    sample = stream.read(16 * 1024)
    stream.seek(0)
    csv.field_size_limit(max(opts.max_line_chars, 1024))
    reader = csv.reader(stream, _dialect(sample, tab))
    columns: list[str] | None = None
    batch: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            number = reader.line_num
            if columns is None:
                if header_row(row):
                    columns = [c.strip() or column_letter(i) for i, c in enumerate(row)]
                    continue
                columns = []
            if len(row) > len(columns):
                columns.extend(column_letter(i) for i in range(len(columns), len(row)))
            batch.append((number, row))
            if len(batch) >= opts.batch_rows:
                yield Rows(list(columns), batch)
                batch = []
    except csv.Error as exc:
        raise SkipError(f"CSV 格式錯誤 / malformed CSV near line {reader.line_num}") from exc
    if batch and columns is not None:
        yield Rows(list(columns), batch)
