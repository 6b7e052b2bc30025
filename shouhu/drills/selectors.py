"""Reads for phishing drills: the drills, their results, and click / submit / report rates per department."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from shouhu.drills.models import Drill, Result, Stage

DELIVERED = ~Q(results__stage=Stage.NOT_DELIVERED)
CLICKED = Q(results__stage__in=[Stage.CLICKED, Stage.SUBMITTED])


def drills() -> QuerySet[Drill]:
    """Drills with their counts: delivered, clicked (or further), submitted, reported."""
    return Drill.objects.prefetch_related("departments").annotate(
        total=Count("results"),
        delivered=Count("results", filter=DELIVERED),
        clicked=Count("results", filter=CLICKED),
        submitted=Count("results", filter=Q(results__stage=Stage.SUBMITTED)),
        reported=Count("results", filter=DELIVERED & Q(results__reported=True)),
    )


def results(drill: Drill) -> QuerySet[Result]:
    return drill.results.select_related("person", "department").order_by("department__name", "person__name")


def last_drill_on() -> dt.date | None:
    """The date of the latest drill with results (the plan's training chapter and the dashboard read it)."""
    return Drill.objects.filter(results__isnull=False).aggregate(d=Max("held_on"))["d"]


@dataclass(frozen=True)
class Rates:
    delivered: int
    clicked: int
    submitted: int
    reported: int

    def pct(self, part: int) -> float | None:
        """Share of the delivered mails, in percent; None when nothing was delivered (unknown, not 0 %)."""
        return round(part * 100 / self.delivered, 1) if self.delivered else None

    @property
    def click_rate(self) -> float | None:
        return self.pct(self.clicked)

    @property
    def submit_rate(self) -> float | None:
        return self.pct(self.submitted)

    @property
    def report_rate(self) -> float | None:
        return self.pct(self.reported)


@dataclass
class Trend:
    """Rates per department (and for the whole company) at each drill with results, oldest first."""

    drills: list[Drill] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)  # names; "" is people without a department
    cells: dict[tuple[int, str], Rates] = field(default_factory=dict)  # (drill id, department) → rates
    company: dict[int, Rates] = field(default_factory=dict)

    def rows(self, company: str) -> list[tuple[Drill, str, Rates]]:
        """Table rows, newest drill first: the company's rates, then each department's."""
        out = []
        for d in reversed(self.drills):
            if d.pk in self.company:
                out.append((d, company, self.company[d.pk]))
            out.extend((d, name or "—", self.cells[(d.pk, name)]) for name in self.departments
                       if (d.pk, name) in self.cells)  # fmt: skip
        return out


def trend(*, limit: int = 12) -> Trend:
    """The last ``limit`` drills with results: rates per department at each, and for the whole company."""
    chosen = list(Drill.objects.filter(results__isnull=False).distinct().order_by("-held_on", "-id")[:limit])[
        ::-1
    ]
    out = Trend(drills=chosen)
    rows = (
        Result.objects.filter(drill__in=chosen)
        .values("drill_id", "department__name")
        .annotate(
            delivered=Count("id", filter=~Q(stage=Stage.NOT_DELIVERED)),
            clicked=Count("id", filter=Q(stage__in=[Stage.CLICKED, Stage.SUBMITTED])),
            submitted=Count("id", filter=Q(stage=Stage.SUBMITTED)),
            reported=Count("id", filter=~Q(stage=Stage.NOT_DELIVERED) & Q(reported=True)),
        )
    )
    totals: dict[int, list[int]] = {}
    names: set[str] = set()
    for r in rows:
        name = r["department__name"] or ""
        names.add(name)
        values = [r["delivered"], r["clicked"], r["submitted"], r["reported"]]
        out.cells[(r["drill_id"], name)] = Rates(*values)
        acc = totals.setdefault(r["drill_id"], [0, 0, 0, 0])
        totals[r["drill_id"]] = [a + b for a, b in zip(acc, values, strict=True)]
    out.company = {pk: Rates(*v) for pk, v in totals.items()}
    out.departments = sorted(names, key=lambda n: (n == "", n))
    return out


def latest_summary() -> tuple[Drill, Rates] | None:
    """The latest drill with results and the company's rates in it (for the plan's training chapter)."""
    has_results = Exists(Result.objects.filter(drill=OuterRef("pk")))
    drill = drills().filter(has_results).order_by("-held_on", "-id").first()
    if drill is None:
        return None
    return drill, counts(drill)


def counts(drill: Drill) -> Rates:
    """The company's counts of a drill read through ``drills()`` (its annotations)."""
    values = [getattr(drill, name) for name in ("delivered", "clicked", "submitted", "reported")]
    return Rates(*values)


def held_between(start: dt.date, end: dt.date) -> list[tuple[Drill, Rates]]:
    """Drills held in the period with their counts (the 實施情形 report lists them)."""
    rows = drills().filter(held_on__gte=start, held_on__lte=end).order_by("held_on", "id")
    return [(d, counts(d)) for d in rows]
