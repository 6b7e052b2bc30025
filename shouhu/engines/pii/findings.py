"""Result types. None of them ever holds a raw personal value: only masked forms and keyed digests."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import MISSING, asdict, dataclass, field, fields
from operator import attrgetter, itemgetter
from typing import Any

from .categories import MOJ_CATEGORY_CODES, is_personal


@dataclass(slots=True)
class Finding:
    """One recognised value: where it is, what it is, how sure we are, masked and keyed-hashed.

    ``digest`` is an HMAC-SHA256 of the normalised value under a caller-held key; it lets callers
    count distinct values and look a value up later without storing it.
    """

    category: str
    source: str
    confidence: float
    masked: str
    digest: str
    path: str | None = None
    line: int | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    table: str | None = None
    key: str | None = None
    field: str | None = None

    @property
    def personal(self) -> bool:
        """Whether the category counts as personal data (``ubn`` does not)."""
        return is_personal(self.category)

    @property
    def moj_codes(self) -> tuple[str, ...]:
        """MOJ data-category codes (C001 …) of this finding's category."""
        return MOJ_CATEGORY_CODES.get(self.category, ())

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict without empty location fields."""
        data = {k: v for k, v in asdict(self).items() if v is not None}
        data["personal"] = self.personal
        data["moj_codes"] = list(self.moj_codes)
        return data

    def sort_key(self) -> tuple[Any, ...]:
        """A total order independent of how the scan was partitioned."""
        return (
            self.source,
            self.path or "",
            self.sheet or "",
            self.table or "",
            self.line or 0,
            self.row or 0,
            self.column or "",
            self.key or "",
            self.field or "",
            self.category,
            self.digest,
        )


@dataclass(frozen=True, slots=True)
class Skipped:
    """A source that could not be read, with a zh-TW/English reason (never containing data)."""

    source: str
    reason: str


@dataclass(slots=True)
class SourceStats:
    """Work done for one source."""

    source: str
    bytes: int = 0
    units: int = 0


@dataclass(slots=True)
class CategoryCount:
    """Findings and distinct values of one category in one source."""

    findings: int = 0
    distinct: int = 0


@dataclass(slots=True)
class ScanSummary:
    """Counts per source and category plus per-category totals (distinct across sources).

    ``per_column`` classifies table columns (CSV/XLSX/database): ``"source | table/sheet | column"``
    → category → findings, so a database column can be labelled from its values.
    """

    per_source: dict[str, dict[str, CategoryCount]] = field(default_factory=dict)
    per_column: dict[str, dict[str, int]] = field(default_factory=dict)
    totals: dict[str, CategoryCount] = field(default_factory=dict)
    sources: int = 0
    skipped: int = 0
    bytes: int = 0

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "sources": self.sources,
            "skipped": self.skipped,
            "bytes": self.bytes,
            "per_source": {
                src: {cat: asdict(c) for cat, c in cats.items()} for src, cats in self.per_source.items()
            },
            "totals": {cat: asdict(c) for cat, c in self.totals.items()},
            "per_column": self.per_column,
        }


@dataclass(slots=True)
class ScanResult:
    """Everything a scan produced: findings, skipped sources and per-source stats."""

    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    stats: list[SourceStats] = field(default_factory=list)
    key_is_persistent: bool = True
    #: Whether ``findings`` are already in canonical order (``Finding.sort_key``).
    ordered: bool = False

    def extend(self, other: ScanResult) -> None:
        """Append another partial result."""
        if other.findings:
            self.ordered = not self.findings and other.ordered
        self.findings.extend(other.findings)
        self.skipped.extend(other.skipped)
        self.stats.extend(other.stats)

    def sort(self) -> None:
        """Put the result in its canonical order (equal for any partitioning)."""
        if not self.ordered:
            self.findings.sort(key=Finding.sort_key)
            self.ordered = True
        self.skipped.sort(key=lambda s: (s.source, s.reason))
        self.stats.sort(key=lambda s: s.source)

    @classmethod
    def merge(cls, parts: Iterable[ScanResult]) -> ScanResult:
        """Return one result in canonical order from partial results (e.g. one per file).

        Parts that are each in order and do not interleave (different files, or different line
        ranges of one file) are put in order by their first finding and joined, without sorting
        every finding again; anything else is sorted as a whole.
        """
        result = cls()
        runs: list[ScanResult] = []
        for part in parts:
            result.skipped.extend(part.skipped)
            result.stats.extend(part.stats)
            if part.findings:
                runs.append(part)
        keyed = [(p.findings[0].sort_key(), p.findings[-1].sort_key(), p) for p in runs if p.ordered]
        if len(keyed) == len(runs):
            keyed.sort(key=itemgetter(0))
            if all(keyed[i][1] < keyed[i + 1][0] for i in range(len(keyed) - 1)):
                for _, _, part in keyed:
                    result.findings.extend(part.findings)
                result.ordered = True
        if not result.ordered:
            for part in runs:
                result.findings.extend(part.findings)
        result.sort()
        return result

    def summary(self) -> ScanSummary:
        """Return counts per source and category (findings, distinct keyed digests)."""
        return summarize(self.findings, self.stats, self.skipped)

    def __reduce__(self) -> tuple[Any, ...]:
        # Findings travel between processes as one list per field: several times cheaper to pickle
        # and unpickle than slotted dataclass instances or one tuple per finding (matters with
        # millions of findings per scan; repeated strings such as the source are pickled once).
        # Trailing columns that are empty in every finding (a text file's sheet … field) are left
        # out: the receiving process fills them from the defaults, and builds each finding with
        # six fewer arguments (together about a third of its cost of collecting the results).
        findings = self.findings
        columns = [list(map(get, findings)) for get in _FIELD_GETTERS]
        size = len(findings)
        while len(columns) > _REQUIRED and columns[-1].count(None) == size:
            columns.pop()
        return (
            _rebuild_columns,
            (columns, self.skipped, self.stats, self.key_is_persistent, self.ordered),
        )


_FIELD_GETTERS = tuple(attrgetter(f.name) for f in fields(Finding))
#: Finding's fields without a default (always sent).
_REQUIRED = sum(1 for f in fields(Finding) if f.default is MISSING)


def _rebuild_columns(
    columns: list[list[Any]],
    skipped: list[Skipped],
    stats: list[SourceStats],
    persistent: bool,
    ordered: bool,
) -> ScanResult:
    return ScanResult(list(map(Finding, *columns)), skipped, stats, persistent, ordered)


def summarize(
    findings: Iterable[Finding], stats: Iterable[SourceStats] = (), skipped: Iterable[Skipped] = ()
) -> ScanSummary:
    """Count findings and distinct digests per source and category."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    digests: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    total_digests: dict[str, set[str]] = defaultdict(set)
    total_counts: dict[str, int] = defaultdict(int)
    columns: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for f in findings:
        if f.column is not None:
            columns[f"{f.source} | {f.table or f.sheet or ''} | {f.column}"][f.category] += 1
        counts[f.source][f.category] += 1
        digests[f.source][f.category].add(f.digest)
        total_counts[f.category] += 1
        total_digests[f.category].add(f.digest)
    summary = ScanSummary()
    for src in sorted(counts):
        summary.per_source[src] = {
            cat: CategoryCount(counts[src][cat], len(digests[src][cat])) for cat in sorted(counts[src])
        }
    summary.totals = {
        cat: CategoryCount(total_counts[cat], len(total_digests[cat])) for cat in sorted(total_counts)
    }
    summary.per_column = {col: dict(sorted(cats.items())) for col, cats in sorted(columns.items())}
    stats = list(stats)
    summary.sources = len(stats)
    summary.bytes = sum(s.bytes for s in stats)
    summary.skipped = len(list(skipped))
    return summary
