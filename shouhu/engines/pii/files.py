"""Scanning one file: readers → detection → findings (masked, keyed digests)."""

from __future__ import annotations

import os
from collections.abc import Iterator

from .engine import Recorder, detect_cells, scan_block
from .findings import Finding, ScanResult, Skipped, SourceStats
from .options import ScanOptions
from .readers import CORRUPT_ERRORS, CORRUPT_REASON, Fields, Lines, Rows, SkipError, Unit, iter_units
from .recognizers.keywords import column_hints
from .walk import _os_reason


def unit_findings(unit: Unit, label: str, rec: Recorder, opts: ScanOptions) -> Iterator[Finding]:
    """Yield the findings of one unit read from ``label``."""
    if isinstance(unit, Lines):
        for line, m in scan_block(unit.text, first_line=unit.first_line, min_confidence=opts.min_confidence):
            yield rec.finding(m, path=label, line=line)
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
            for label, unit in iter_units(path, handle, opts):
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
