"""Reads for training (the plan reads the yearly summary)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from shouhu.training.models import Attendance, Session


def sessions() -> QuerySet[Session]:
    return Session.objects.annotate(
        present=Count("attendance", filter=Q(attendance__attended=True)),
        invited=Count("attendance"),
    )


def attendance(session: Session) -> QuerySet[Attendance]:
    return session.attendance.select_related("person__department").order_by(
        "person__department__name", "person__name"
    )


@dataclass(frozen=True)
class YearSummary:
    sessions: int
    attended: int
    last_held_on: dt.date | None


def year_summary(on: dt.date | None = None) -> YearSummary:
    today = on or timezone.localdate()
    held = Session.objects.filter(held=True, held_on__gt=today - dt.timedelta(days=365), held_on__lte=today)
    last = held.order_by("-held_on").values_list("held_on", flat=True).first()
    present = Attendance.objects.filter(session__in=held, attended=True).values("person").distinct().count()
    return YearSummary(held.count(), present, last)


def attendance_of(person_id: int) -> QuerySet[Attendance]:
    """One person's training records, newest session first (for their page in people and access)."""
    return (
        Attendance.objects.filter(person_id=person_id).select_related("session").order_by("-session__held_on")
    )
