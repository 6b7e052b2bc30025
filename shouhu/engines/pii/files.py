"""Scanning one file: readers → detection → findings (masked, keyed digests)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import BinaryIO

from . import prefilter
from .engine import Recorder, detect_cells, scan_block, scan_utf8
from .findings import Finding, ScanResult, Skipped, SourceStats
from .options import ScanOptions
from .readers import CORRUPT_ERRORS, CORRUPT_REASON, Fields, Lines, Rows, SkipError, Unit, iter_units
from .readers.encoding import detect_encoding
from .readers.text import SAMPLE
from .recognizers.keywords import column_hints
from .walk import _os_reason


def unit_findings(unit: Unit, label: str, rec: Recorder, opts: ScanOptions) -> Iterator[Finding]:
    """Yield the findings of one unit read from ``label``."""
    if isinstance(unit, Lines):
        pairs = scan_block(unit.text, first_line=unit.first_line, min_confidence=opts.min_confidence)
        yield from rec.line_findings(pairs, label)
    elif isinstance(unit, Rows):
        cells: list[str] = []
        hints: list[frozenset[str]] = []
        where: list[tuple[int, str]] = []
        empty: frozenset[str] = frozenset()
        for number, row in unit.rows:
            for index, value in enumerate(row):
                if value:
                    cells.append(value)
                    hints.append(unit.hints[index] if index < len(unit.hints) else empty)
                    where.append((number, unit.columns[index]))
        for idx, m in detect_cells(cells, hints, min_confidence=opts.min_confidence):
            number, column = where[idx]
            yield rec.finding(m, path=label, sheet=unit.sheet, row=number, column=column)
    elif isinstance(unit, Fields):
        values = [v for _, _, _, v in unit.items]
        hint_list = [column_hints(k) for _, _, k, _ in unit.items]
        for idx, m in detect_cells(values, hint_list, min_confidence=opts.min_confidence):
            item = unit.items[idx]
            yield rec.finding(m, path=label, line=item[0], field=item[1] or "/")


_FAST_SUFFIXES = (".txt", ".log")


def _fast_text(
    handle: BinaryIO, label: str, rec: Recorder, opts: ScanOptions
) -> tuple[list[Finding], int] | None:
    """Scan a UTF-8 text file as bytes through the compiled prefilter, decoding only marked lines.

    Returns ``None`` (nothing consumed that matters: the caller re-reads the file the usual way)
    when the file is not UTF-8, has bare carriage returns, or may have a line over the limit, so
    every finding and every skip reason stays what the regular reader gives.
    """
    sample = handle.read(SAMPLE)
    try:
        encoding = detect_encoding(sample)
    except SkipError:
        return None
    if encoding not in ("utf-8", "utf-8-sig"):
        return None
    handle.seek(3 if encoding == "utf-8-sig" else 0)
    half = max(opts.max_line_chars // 2, 1)
    size = max(opts.block_chars * 4, half * 2)
    findings: list[Finding] = []
    line, units, carry = 1, 0, b""
    while True:
        data = handle.read(size)
        if not data and not carry:
            break
        data = carry + data
        cut = len(data) if len(data) < size else data.rfind(b"\n") + 1
        if cut == 0:
            return None  # no line break in a whole block: leave it to the regular reader
        part, carry = data[:cut], data[cut:]
        if part.count(b"\r") != part.count(b"\r\n"):
            return None
        for k in range(0, len(part) - half + 1, half):
            if part.find(b"\n", k, k + half) < 0:
                return None  # a line may exceed the limit: the regular reader decides
        findings += rec.line_findings(scan_utf8(part, first_line=line, min_confidence=opts.min_confidence), label)
        line += part.count(b"\n")
        units += 1
    return findings, units


def scan_file(path: str, key: bytes, opts: ScanOptions) -> ScanResult:
    """Scan one file (or archive). Failures become ``Skipped`` records; partial findings are kept."""
    rec = Recorder(key=key, source=path, id_policy=opts.id_policy)
    result = ScanResult()
    size = 0
    units = 0
    try:
        size = os.stat(path).st_size
        if size > opts.max_size:
            raise SkipError(f"檔案過大 / larger than {opts.max_size} bytes")
        with open(path, "rb") as handle:
            fast = None
            if prefilter.AVAILABLE and path.lower().endswith(_FAST_SUFFIXES):
                fast = _fast_text(handle, path, rec, opts)
                handle.seek(0)
            if fast is not None:
                result.findings.extend(fast[0])
                units = fast[1]
            for label, unit in () if fast is not None else iter_units(path, handle, opts):
                if isinstance(unit, Skipped):
                    result.skipped.append(unit)
                    continue
                units += 1
                result.findings.extend(unit_findings(unit, label, rec, opts))
    except SkipError as exc:
        result.skipped.append(Skipped(path, str(exc)))
    except CORRUPT_ERRORS:
        result.skipped.append(Skipped(path, CORRUPT_REASON))
    except OSError as exc:
        result.skipped.append(Skipped(path, _os_reason(exc)))
    except Exception as exc:  # any parser failure is recorded, never raised
        result.skipped.append(Skipped(path, f"無法解析 / cannot parse ({type(exc).__name__})"))
    result.stats.append(SourceStats(path, size, units))
    return result
