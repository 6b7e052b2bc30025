"""Reads for the scan pages and the API."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from shouhu.accounts.permissions import readable_departments
from shouhu.core.bilingual import pick
from shouhu.engines.pii import CATEGORY_LABELS, MOJ_CATEGORY_CODES, is_personal
from shouhu.engines.pii.categories import CATEGORY_LABELS_EN
from shouhu.scans.models import RunStatus, ScanFinding, ScanRun, ScanSource


def _readable(actor: Any, prefix: str = "") -> Q | None:
    """Which sources ``actor`` reads: ``None`` for every source; otherwise the sources of a system or a
    personal-data file of the actor's departments, and the company's sources (a system without a
    department, or neither a system nor a file)."""
    departments = readable_departments(actor, "scans.view")
    if departments is None:
        return None
    return (
        Q(**{f"{prefix}system__department__in": departments})
        | Q(**{f"{prefix}files__department__in": departments})
        | (Q(**{f"{prefix}system__department__isnull": True}) & Q(**{f"{prefix}files__isnull": True}))
    )


def sources(*, actor: Any = None) -> QuerySet[ScanSource]:
    qs = ScanSource.objects.select_related("system").prefetch_related("files")
    readable = None if actor is None else _readable(actor)
    if readable is None:
        return qs
    return qs.filter(pk__in=ScanSource.objects.filter(readable).values("pk"))


def source_by_pk(pk: int, *, actor: Any) -> ScanSource | None:
    """One source, or None when it does not exist or ``actor`` may not read it (another department's)."""
    return sources(actor=actor).filter(pk=pk).first()


def runs(*, actor: Any = None) -> QuerySet[ScanRun]:
    qs = ScanRun.objects.select_related("source", "job", "created_by", "applied_by")
    if actor is None:
        return qs
    return qs.filter(source__in=sources(actor=actor).values("pk"))


def recent_runs(limit: int = 20, *, actor: Any = None) -> QuerySet[ScanRun]:
    return runs(actor=actor)[:limit]


def run_by_pk(pk: int, *, actor: Any) -> ScanRun | None:
    """One run with its source, or None when it does not exist or ``actor`` may not read its source."""
    return runs(actor=actor).filter(pk=pk).first()


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
        "label": pick(CATEGORY_LABELS.get(category, category), CATEGORY_LABELS_EN.get(category)),
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


# --- locating one person's data (data-subject requests) ---------------------------------------------

# Column names tried when the identifier alone is not recognised (a bare number, a name-less value).
_LOCATE_HINTS = ("身分證字號", "手機", "電話", "email")


@dataclass(frozen=True)
class FoundAt:
    """Where the latest scan of a source saw a value: never the value itself."""

    source: str
    run_id: int
    finished_at: Any
    location: str
    sheet: str
    column: str
    category: str
    label: str


def identifier_digests(identifier: str) -> dict[str, str]:
    """``{category: shortened keyed digest}`` of the identifiers the scan engine recognises in ``identifier``
    (ID number, phone, e-mail …), computed with the installation's scan key; the value is not kept."""
    from shouhu.engines.pii import load_key, scan_text
    from shouhu.scans.aggregate import short_digest
    from shouhu.scans.management.commands.scan import installation_key_file

    text = identifier.strip()[:200]
    if not text:
        return {}
    key, _ = load_key(installation_key_file())
    # As typed, then full-width folded and upper-cased (an ID number written "a123456789").
    candidates = list(dict.fromkeys([text, unicodedata.normalize("NFKC", text).replace(" ", "").upper()]))
    findings: list[Any] = []
    for candidate in candidates:
        findings = scan_text(candidate, key=key)
        for hint in _LOCATE_HINTS:
            if findings:
                break
            findings = scan_text(candidate, key=key, context_hint=hint)
        if findings:
            break
    return {f.category: short_digest(f.digest) for f in findings if is_personal(f.category)}


def locate_scope(actor: Any) -> list[str] | None:
    """The departments whose scan sources :func:`locate` searches for ``actor``: ``None`` for every source;
    else their names (the sources of the company as a whole are searched too, other departments' are not)."""
    from shouhu.organization.selectors import departments

    readable = readable_departments(actor, "scans.view")
    if readable is None:
        return None
    return list(departments().filter(pk__in=readable).order_by("name").values_list("name", flat=True))


def locate(digests: dict[str, str], *, actor: Any = None) -> list[FoundAt]:
    """Rows of each source's latest successful run in which one of ``digests`` was seen; with ``actor``,
    only in the sources that reader may read (:func:`locate_scope` names what was searched)."""
    from shouhu.scans.models import RunStatus, ScanValueDigest

    if not digests:
        return []
    latest: dict[int, int] = {}
    for run in (
        runs(actor=actor).filter(status=RunStatus.SUCCEEDED).order_by("source_id", "-finished_at", "-id")
    ):
        latest.setdefault(run.source_id, run.pk)
    hits = (
        ScanValueDigest.objects.filter(digest__in=set(digests.values()), finding__run_id__in=latest.values())
        .select_related("finding__run__source")
        .order_by("finding__location", "finding__sheet", "finding__column")
    )
    out: list[FoundAt] = []
    for hit in hits:
        finding = hit.finding
        if digests.get(finding.category) != hit.digest:
            continue  # same digest under another category cannot happen; kept strict anyway
        out.append(
            FoundAt(
                source=finding.run.source.name,
                run_id=finding.run_id,
                finished_at=finding.run.finished_at,
                location=finding.location,
                sheet=finding.sheet,
                column=finding.column,
                category=finding.category,
                label=finding.label,
            )
        )
    return out


def run_codes(run: ScanRun) -> tuple[str, ...]:
    """MOJ data-category codes of the personal categories the run found."""
    codes = {c for cat in run.totals if is_personal(cat) for c in MOJ_CATEGORY_CODES.get(cat, ())}
    return tuple(sorted(codes))


def scan_date(run: ScanRun) -> dt.date:
    return timezone.localdate(run.finished_at or run.created_at)


@dataclass(frozen=True)
class InventoryDraft:
    """What a finished run can fill in on a new personal-data file. The count is a lower bound: a scan
    counts the distinct values it read, not the people the file holds."""

    run_id: int
    source_name: str
    system_id: int | None
    category_codes: tuple[str, ...]
    estimated_records: int
    scanned_on: dt.date
    locations: tuple[str, ...]  # what was scanned, then each file or table holding personal data


MAX_DRAFT_LOCATIONS = 30


def inventory_draft(run_id: int, *, actor: Any = None) -> InventoryDraft | None:
    """The draft for a succeeded run that found personal data; ``None`` otherwise (also when ``actor`` may
    not read the run's source)."""
    run = runs(actor=actor).filter(pk=run_id, status=RunStatus.SUCCEEDED).first()
    if run is None:
        return None
    codes = run_codes(run)
    if not codes:
        return None
    personal = [loc.location for loc in locations(run) if any(is_personal(c) for c in loc.categories)]
    return InventoryDraft(
        run_id=run.pk,
        source_name=run.source.name,
        system_id=run.source.system_id,
        category_codes=codes,
        estimated_records=run.estimated_records,
        scanned_on=scan_date(run),
        locations=tuple(dict.fromkeys([run.target, *personal[:MAX_DRAFT_LOCATIONS]])),
    )
