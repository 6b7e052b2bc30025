"""Reads for the risk register and its heat maps."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Q, QuerySet

from shouhu.accounts.permissions import scope_reads
from shouhu.risk.models import Assessment, Risk


def risks(
    *,
    actor: Any = None,
    q: str = "",
    scope: str = "",
    threat: str = "",
    treatment: str = "",
    department_id: int | None = None,
    min_score: int | None = None,
) -> QuerySet[Risk]:
    qs = Risk.objects.select_related("system", "file", "file__department", "department")
    if actor is not None:  # a page, an export or the API asking for a user: only what they may read
        qs = scope_reads(qs, actor, "risk.view")
    if q:
        qs = qs.filter(
            Q(description__icontains=q)
            | Q(system__name__icontains=q)
            | Q(file__name__icontains=q)
            | Q(owner__icontains=q)
        )
    if scope:
        qs = qs.filter(scope=scope)
    if threat:
        qs = qs.filter(threat=threat)
    if treatment:
        qs = qs.filter(treatment=treatment)
    if department_id:
        qs = qs.filter(department_id=department_id)
    if min_score:
        qs = qs.filter(inherent_score__gte=min_score)
    return qs


def heat_counts(
    qs: QuerySet[Risk] | None = None,
) -> tuple[Counter[tuple[int, int]], Counter[tuple[int, int]]]:
    """(inherent, residual) counts per (likelihood, impact) cell."""
    qs = qs if qs is not None else Risk.objects.all()
    inherent: Counter[tuple[int, int]] = Counter()
    residual: Counter[tuple[int, int]] = Counter()
    # Grouped in the database: 25 cells come back, not one row per risk.
    for li, im, n in qs.order_by().values_list("likelihood", "impact").annotate(n=Count("id")):
        inherent[(li, im)] += n
    cells = qs.order_by().filter(residual_likelihood__isnull=False, residual_impact__isnull=False)
    for rl, ri, n in cells.values_list("residual_likelihood", "residual_impact").annotate(n=Count("id")):
        if rl and ri:
            residual[(rl, ri)] += n
    return inherent, residual


def history(risk: Risk) -> QuerySet[Assessment]:
    return risk.assessments.select_related("assessed_by").order_by("version")


def risk_by_pk(pk: int, *, actor: Any) -> Risk | None:
    """One risk, or None when it does not exist or ``actor`` may not read it (another department's)."""
    return risks(actor=actor).filter(pk=pk).first()
