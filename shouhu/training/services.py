"""Writes for training: sessions, attendance, and completing the calendar's training obligation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from shouhu.accounts.permissions import require
from shouhu.audit.records import create_record
from shouhu.audit.services import record
from shouhu.law import services as law
from shouhu.organization.models import Person
from shouhu.training.models import Attendance, Session, Topic

OBLIGATION = "training"


@transaction.atomic
def create_session(
    *, actor: Any, title: str, topics: Iterable[str], held_on: dt.date, hours: Decimal, trainer: str,
    audience: str, people: Iterable[Person] = (),
) -> Session:  # fmt: skip
    require(actor, "training.manage")
    topics = list(dict.fromkeys(topics))
    if not topics:
        raise ValidationError({"topics": "請至少選擇一個課程主題。"})
    if any(t not in Topic.values for t in topics):
        raise ValidationError({"topics": "課程主題不正確。"})
    if hours <= 0:
        raise ValidationError({"hours": "時數須大於 0。"})
    session = create_record(
        actor=actor, model=Session,
        data={"title": title.strip(), "topics": topics, "held_on": held_on, "hours": hours,
              "trainer": trainer.strip(), "audience": audience.strip(),
              "created_by": actor if getattr(actor, "is_authenticated", False) else None},
        fields=["title", "topics", "held_on", "hours", "trainer", "audience", "created_by"],
    )  # fmt: skip
    Attendance.objects.bulk_create(Attendance(session=session, person=p) for p in people)
    return session


@transaction.atomic
def record_attendance(
    *, actor: Any, session: Session, person: Person, attended: bool | None, score: int | None = None
) -> Attendance:
    require(actor, "training.manage")
    if score is not None and not 0 <= score <= 100:
        raise ValidationError({"score": "測驗分數須介於 0 至 100。"})
    row, _created = Attendance.objects.get_or_create(session=session, person=person)
    before = (row.attended, row.score)
    row.attended, row.score = attended, score
    row.save(update_fields=["attended", "score"])
    record(actor=actor, action="training.attendance_recorded", obj=session,
           changes={"person": [None, person.pk], "attended": [before[0], attended], "score": [before[1], score]})  # fmt: skip
    return row


@transaction.atomic
def mark_held(*, actor: Any, session: Session) -> Session:
    """The session took place: with attendance recorded, it completes the yearly training obligation."""
    require(actor, "training.manage")
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.held:
        return session
    if session.held_on > timezone.localdate():
        raise ValidationError("上課日期尚未到，不能登錄為已辦理。")
    present = session.attendance.filter(attended=True).count()
    if not present:
        raise ValidationError("請先登錄出席人員，再登錄為已辦理。")
    session.held = True
    session.save(update_fields=["held"])
    record(actor=actor, action="training.session_held", obj=session, changes={"attended": [None, present]})
    law.complete_from_record(actor=actor, key=OBLIGATION, done_on=session.held_on,
                             note=f"教育訓練「{session.title}」，出席 {present} 人")  # fmt: skip
    return session
