"""Fold engine findings into per-(location, sheet, column, category) rows while the scan runs.

Digests count distinct values per row and per category across the whole run; each row's digests are
also handed to the job (``row_digests``) so a person's data can be located later by keyed digest. No raw
value ever reaches this module: only masked samples, digests and counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from shouhu.engines.pii import Finding, ScanResult, is_personal

MAX_SAMPLES = 3
GroupKey = tuple[str, str, str, str]


@dataclass(slots=True)
class Group:
    count: int = 0
    digests: set[str] = field(default_factory=set)
    samples: list[str] = field(default_factory=list)
    conf_min: float = 1.0
    conf_max: float = 0.0
    conf_sum: float = 0.0

    def add(self, finding: Finding) -> None:
        self.count += 1
        self.digests.add(finding.digest)
        if len(self.samples) < MAX_SAMPLES and finding.masked not in self.samples:
            self.samples.append(finding.masked)
        self.conf_min = min(self.conf_min, finding.confidence)
        self.conf_max = max(self.conf_max, finding.confidence)
        self.conf_sum += finding.confidence


@dataclass
class Aggregate:
    """Running totals of one scan run."""

    groups: dict[GroupKey, Group] = field(default_factory=dict)
    category_digests: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    category_counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    skipped: list[dict[str, str]] = field(default_factory=list)
    units: int = 0
    bytes: int = 0

    def add(self, part: ScanResult) -> None:
        for finding in part.findings:
            key = location_key(finding)
            group = self.groups.get(key)
            if group is None:
                group = self.groups[key] = Group()
            group.add(finding)
            self.category_digests[finding.category].add(finding.digest)
            self.category_counts[finding.category] += 1
        self.skipped.extend({"source": s.source, "reason": s.reason} for s in part.skipped)
        self.units += sum(1 for s in part.stats if s.units)
        self.bytes += sum(s.bytes for s in part.stats)

    @property
    def findings_total(self) -> int:
        return sum(self.category_counts.values())

    def totals(self) -> dict[str, dict[str, int]]:
        """``{category: {"findings": n, "distinct": n}}`` over the whole run."""
        return {
            cat: {"findings": self.category_counts[cat], "distinct": len(self.category_digests[cat])}
            for cat in sorted(self.category_counts)
        }

    def estimated_records(self) -> int:
        """Largest distinct count of any personal category: a lower bound on the data subjects found."""
        counts = [len(d) for cat, d in self.category_digests.items() if is_personal(cat)]
        return max(counts, default=0)

    def rows(self) -> list[dict[str, Any]]:
        """One dict per group, ready for ``ScanFinding(**row)``."""
        out = []
        for (location, sheet, column, category), g in sorted(self.groups.items()):
            out.append(
                {
                    "location": location[:1000],
                    "sheet": sheet[:200],
                    "column": column[:300],
                    "category": category,
                    "count": g.count,
                    "distinct": len(g.digests),
                    "samples": list(g.samples),
                    "confidence_min": round(g.conf_min, 3),
                    "confidence_avg": round(g.conf_sum / g.count, 3),
                    "confidence_max": round(g.conf_max, 3),
                }
            )
        return out

    def row_digests(self) -> list[set[str]]:
        """The distinct (shortened) digests of each group, in the order of :meth:`rows`."""
        return [{short_digest(d) for d in g.digests} for _, g in sorted(self.groups.items())]


DIGEST_CHARS = 32  # the first 128 bits of the keyed digest are stored for look-ups


def short_digest(digest: str) -> str:
    return digest[:DIGEST_CHARS]


def location_key(finding: Finding) -> GroupKey:
    """(file path or table, sheet, column or JSON field, category) of a finding."""
    location = finding.table or finding.path or finding.source
    return (location, finding.sheet or "", finding.column or finding.field or "", finding.category)
