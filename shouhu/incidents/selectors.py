"""Reads for incidents, including what the compliance calendar needs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from shouhu.accounts.permissions import has_perm
from shouhu.incidents import clocks
from shouhu.incidents.models import Incident, IncidentDeadline, State


def incidents(*, user: Any, state: str = "", drill: bool | None = None) -> QuerySet[Incident]:
    qs = Incident.objects.annotate(
        next_due=Min("deadlines__due_at", filter=Q(deadlines__active=True, deadlines__met_at__isnull=True)),
        open_deadlines=Count("deadlines", filter=Q(deadlines__active=True, deadlines__met_at__isnull=True)),
    ).select_related("owner")
    if not has_perm(user, "incidents.view"):
        qs = qs.filter(reported_by=user)
    if state:
        qs = qs.filter(state=state)
    if drill is not None:
        qs = qs.filter(is_drill=drill)
    return qs


def deadlines(incident: Incident, *, include_inactive: bool = False) -> list[dict[str, Any]]:
    rows = incident.deadlines.select_related("client", "met_evidence")
    if not include_inactive:
        rows = rows.filter(active=True)
    now = timezone.now()
    return [{"row": r, "status": clocks.status(r, now)} for r in rows]


def open_deadlines() -> QuerySet[IncidentDeadline]:
    return IncidentDeadline.objects.filter(
        active=True, met_at__isnull=True, incident__state=State.OPEN
    ).select_related("incident")


def last_drill_completed_on() -> dt.date | None:
    """The date (Asia/Taipei) the latest incident drill was completed, for the yearly drill obligation."""
    latest = (
        Incident.objects.filter(is_drill=True, state=State.CLOSED, handling_ended_at__isnull=False)
        .order_by("-handling_ended_at")
        .values_list("handling_ended_at", flat=True)
        .first()
    )
    return timezone.localdate(latest) if latest else None
