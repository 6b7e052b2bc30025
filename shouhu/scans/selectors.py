"""Reads for the scan pages and the API."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from shouhu.engines.pii import CATEGORY_LABELS, MOJ_CATEGORY_CODES, is_personal
from shouhu.scans.models import ScanFinding, ScanRun, ScanSource


def sources() -> QuerySet[ScanSource]:
    return ScanSource.objects.select_related("system").prefetch_related("files")


def recent_runs(limit: int = 20) -> QuerySet[ScanRun]:
    return ScanRun.objects.select_related("source", "job", "created_by")[:limit]


def latest_run(source: ScanSource) -> ScanRun | None:
    return source.runs.select_related("job").first()


@dataclass
class LocationSummary:
    """One file, sheet or table of a run, with its category counts."""

    location: str
    findings: int = 0
    columns: set[str] = field(default_factory=set)
    categories: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def badges(self) -> list[dict[str, Any]]:
        return [category_info(c, n) for c, n in sorted(self.categories.items())]


def category_info(category: str, count: int = 0) -> dict[str, Any]:
    return {
        "category": category,
        "label": CATEGORY_LABELS.get(category, category),
        "codes": MOJ_CATEGORY_CODES.get(category, ()),
        "personal": is_personal(category),
        "count": count,
    }


def locations(run: ScanRun) -> list[LocationSummary]:
    out: dict[str, LocationSummary] = {}
    for row in run.findings.values("location", "column", "category", "count"):
        summary = out.setdefault(row["location"], LocationSummary(row["location"]))
        summary.findings += row["count"]
        summary.columns.add(row["column"])
        summary.categories[row["category"]] += row["count"]
    return [out[k] for k in sorted(out)]


def location_rows(run: ScanRun, location: str) -> QuerySet[ScanFinding]:
    return run.findings.filter(location=location)


def totals(run: ScanRun) -> list[dict[str, Any]]:
    rows = []
    for category, counts in sorted(run.totals.items()):
        info = category_info(category, counts.get("findings", 0))
        info["distinct"] = counts.get("distinct", 0)
        rows.append(info)
    return rows
