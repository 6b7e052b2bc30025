"""Output formats of the CLI: table, json, jsonl, csv (only masked values and digests)."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from .categories import CATEGORY_LABELS, is_personal
from .findings import ScanResult

FIELDS = (
    "source", "path", "line", "sheet", "row", "column", "table", "key", "field",
    "category", "confidence", "masked", "digest",
)  # fmt: skip


def _safe_cell(value: object) -> object:
    """Neutralise spreadsheet formulas in CSV output (cells starting with = + - @)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def write_jsonl(result: ScanResult, out: TextIO) -> None:
    """One JSON object per finding."""
    for f in result.findings:
        out.write(json.dumps(f.as_dict(), ensure_ascii=False) + "\n")


def write_csv(result: ScanResult, out: TextIO) -> None:
    """One CSV row per finding."""
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    for f in result.findings:
        data = f.as_dict()
        writer.writerow([_safe_cell(data.get(name, "")) for name in FIELDS])


def write_json(result: ScanResult, out: TextIO, *, key_note: str | None = None) -> None:
    """Summary, skipped sources and findings as one JSON document."""
    document = {
        "summary": result.summary().as_dict(),
        "skipped": [{"source": s.source, "reason": s.reason} for s in result.skipped],
        "findings": [f.as_dict() for f in result.findings],
    }
    if key_note:
        document["note"] = key_note
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_table(result: ScanResult, out: TextIO) -> None:
    """A human summary per source and category, then totals and skipped sources."""
    summary = result.summary()
    out.write("來源 / source\t類別 / category\t筆數 / findings\t不重複 / distinct\n")
    for source, cats in summary.per_source.items():
        for cat, count in cats.items():
            out.write(f"{source}\t{cat}\t{count.findings}\t{count.distinct}\n")
    out.write("\n合計 / totals\n")
    for cat, count in summary.totals.items():
        flag = "" if is_personal(cat) else "（非個資 / not personal）"
        out.write(f"{cat}\t{CATEGORY_LABELS.get(cat, cat)}{flag}\t{count.findings}\t{count.distinct}\n")
    out.write(f"\n已掃描 / scanned: {summary.sources}，略過 / skipped: {summary.skipped}\n")
    for s in result.skipped:
        out.write(f"略過 / skipped\t{s.source}\t{s.reason}\n")
