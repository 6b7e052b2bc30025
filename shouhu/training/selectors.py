"""Reads for training (the plan reads the yearly summary; staff home reads each person's due trainings)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shouhu.core import messages
from shouhu.documents import selectors as documents
from shouhu.organization import selectors as organization
from shouhu.organization.models import Person
from shouhu.training.models import (
    CYCLE_DAYS,
    LEADER_TOPICS,
    POLICY_DAYS,
    STAFF_TOPICS,
    Assignment,
    Attendance,
    Leader,
    Session,
    Topic,
)

NEW_JOINER_DAYS = 90  # a person never trained is due this many days after their record was created
DUE_SOON_DAYS = 30  # "due" (not yet overdue) this many days before the due date


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


def _completions(person_ids: Iterable[int] | None = None) -> dict[int, list[tuple[dt.date, list[str], int]]]:
    """Per person: (held_on, topics, session id) of every held session they attended, newest first."""
    qs = Attendance.objects.filter(attended=True, session__held=True)
    if person_ids is not None:
        qs = qs.filter(person_id__in=list(person_ids))
    out: dict[int, list[tuple[dt.date, list[str], int]]] = defaultdict(list)
    for person_id, held_on, topics, session_id in qs.order_by("-session__held_on").values_list(
        "person_id", "session__held_on", "session__topics", "session_id"
    ):
        out[person_id].append((held_on, list(topics or []), session_id))
    return out


def _first_done(
    done: list[tuple[dt.date, list[str], int]], topic: str, since: dt.date | None = None
) -> tuple[dt.date, int] | None:
    """The latest attended session covering ``topic`` (held on or after ``since``)."""
    for held_on, topics, session_id in done:
        if topic in topics and (since is None or held_on >= since):
            return held_on, session_id
    return None


def open_assignments(*, person_ids: Iterable[int], topic: str) -> dict[int, Assignment]:
    """Per person, an assignment of ``topic`` not done yet (the earliest due)."""
    ids = list(person_ids)
    done = _completions(ids)
    out: dict[int, Assignment] = {}
    for row in Assignment.objects.filter(person_id__in=ids, topic=topic).order_by("due", "id"):
        if (
            row.person_id not in out
            and _first_done(done.get(row.person_id, []), topic, row.assigned_on) is None
        ):
            out[row.person_id] = row
    return out


class DueState:
    DONE = "done"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class DueItem:
    """One training a person must attend: why, by when, and whether (and when) it was done."""

    person_id: int
    topic: str
    kind: str  # "yearly" | "policy" | "assigned"
    reason: str
    due: dt.date
    done_on: dt.date | None
    session_id: int | None
    state: str

    @property
    def topic_label(self) -> str:
        return str(Topic(self.topic).label)

    @property
    def open(self) -> bool:
        return self.state != DueState.DONE


def _state(due: dt.date, done_on: dt.date | None, today: dt.date) -> str:
    if done_on is not None:
        return DueState.DONE
    if due < today:
        return DueState.OVERDUE
    return DueState.DUE


def leader_ids() -> set[int]:
    """People who attend the 代表人/managers awareness: marked leaders, the current 總負責人 and the 代表人 when the
    company profile names their person record."""
    ids = set(Leader.objects.values_list("person_id", flat=True))
    ids |= organization.manager_ids()
    ids |= {d.person_id for d in organization.current_designations()}
    profile = organization.company()
    if profile is not None and profile.representative_person_id:
        ids.add(profile.representative_person_id)
    return ids


def due_trainings(
    people: Iterable[Person] | None = None, *, on: dt.date | None = None
) -> dict[int, list[DueItem]]:
    """Each active person's trainings: the yearly cycle per required topic (個人資料檔案安全維護管理辦法第13條;
    the awareness topic for the 代表人, managers and 總負責人), new approved policy versions (trained on within
    POLICY_DAYS) and assignments. A yearly topic is due CYCLE_DAYS after the last attended session covering it,
    or NEW_JOINER_DAYS after the person was added when they never attended one; it shows as done until then.
    """
    today = on or timezone.localdate()
    persons = list(people) if people is not None else list(organization.people(active=True))
    ids = [p.pk for p in persons]
    done = _completions(ids)
    leaders = leader_ids()
    policies = documents.approved_policies()
    assignments: dict[int, list[Assignment]] = defaultdict(list)
    for row in Assignment.objects.filter(person_id__in=ids).order_by("due", "id"):
        assignments[row.person_id].append(row)
    out: dict[int, list[DueItem]] = {}
    for person in persons:
        mine = done.get(person.pk, [])
        joined = timezone.localdate(person.created_at)
        items: list[DueItem] = []
        topics = list(STAFF_TOPICS) + (list(LEADER_TOPICS) if person.pk in leaders else [])
        for topic in topics:
            last = _first_done(mine, topic)
            if last is not None and last[0] + dt.timedelta(days=CYCLE_DAYS) >= today:
                due, done_on, session_id = last[0] + dt.timedelta(days=CYCLE_DAYS), last[0], last[1]
            else:
                base = (
                    last[0] + dt.timedelta(days=CYCLE_DAYS)
                    if last
                    else joined + dt.timedelta(days=NEW_JOINER_DAYS)
                )
                due, done_on, session_id = base, None, None
            reason = _("每年教育訓練") if topic in STAFF_TOPICS else _("代表人及主管年度認知宣導")
            state = _state(due, done_on, today)
            if state == DueState.DONE and due <= today + dt.timedelta(days=DUE_SOON_DAYS):
                state = DueState.DUE  # the next yearly session is near: show it as due again
            items.append(DueItem(person.pk, topic, "yearly", reason, due, done_on, session_id, state))
        for policy in policies:
            if joined > policy.approved_on:
                continue  # joined after the version: their yearly procedures training covers it
            hit = _first_done(mine, Topic.PROCEDURES, policy.approved_on)
            due = policy.approved_on + dt.timedelta(days=POLICY_DAYS)
            reason = _("政策新版：{code} {title} 第 {number} 版").format(
                code=policy.code, title=policy.title, number=policy.number
            )
            items.append(DueItem(person.pk, Topic.PROCEDURES, "policy", reason, due, hit[0] if hit else None,
                                 hit[1] if hit else None, _state(due, hit[0] if hit else None, today)))  # fmt: skip
        for row in assignments.get(person.pk, []):
            hit = _first_done(mine, row.topic, row.assigned_on)
            items.append(DueItem(person.pk, row.topic, "assigned", reason_text(row), row.due, hit[0] if hit else None,
                                 hit[1] if hit else None, _state(row.due, hit[0] if hit else None, today)))  # fmt: skip
        out[person.pk] = sorted(items, key=lambda i: (i.state == DueState.DONE, i.due))
    return out


# Reasons the system writes (``core.messages``; an assignment keeps the key after "training." as its kind).
DRILL_REASON = messages.define(
    "training.drill", gettext_noop("社交工程演練「{title}」（{held_on}）提交資料，須補強訓練")
)


def reason_text(row: Assignment) -> str:
    """An assignment's reason as the reader's language has it: a system-written reason from its kind and facts
    (the stored zh-TW text when the kind is unknown or a fact is missing), a typed reason as typed."""
    key = f"training.{row.reason_kind}" if row.reason_kind else ""
    return messages.render(key, row.reason_facts, row.reason)


def my_due_trainings(user: Any, *, on: dt.date | None = None) -> list[DueItem]:
    """The signed-in person's open trainings (due or overdue), soonest first; [] without a person record."""
    person = organization.person_of_user(user)
    if person is None or not person.active:
        return []
    return [i for i in due_trainings([person], on=on).get(person.pk, []) if i.open]


@dataclass
class DepartmentRow:
    name: str
    people: int = 0
    complete: int = 0  # people with no overdue training
    overdue_people: int = 0
    overdue_items: int = 0
    by_topic: dict[str, list[int]] = field(default_factory=dict)  # topic → [done, required]

    @property
    def rate(self) -> int:
        return round(100 * self.complete / self.people) if self.people else 0


def department_report(*, on: dt.date | None = None) -> list[DepartmentRow]:
    """Completion per department: people up to date (nothing overdue), overdue people and items, and per
    topic how many of those it is required of have done it."""
    people = list(organization.people(active=True))
    due = due_trainings(people, on=on)
    rows: dict[str, DepartmentRow] = {}
    for person in people:
        name = person.department.name if person.department else _("未指定部門")
        row = rows.setdefault(name, DepartmentRow(name))
        items = due.get(person.pk, [])
        overdue = [i for i in items if i.state == DueState.OVERDUE]
        row.people += 1
        row.complete += 0 if overdue else 1
        row.overdue_people += 1 if overdue else 0
        row.overdue_items += len(overdue)
        for item in items:
            if item.kind != "yearly":
                continue
            counts = row.by_topic.setdefault(item.topic, [0, 0])
            counts[1] += 1
            counts[0] += 1 if item.state == DueState.DONE else 0
    return sorted(rows.values(), key=lambda r: r.name)


def attendance_of(person_id: int) -> QuerySet[Attendance]:
    """One person's training records, newest session first (for their page in people and access)."""
    return (
        Attendance.objects.filter(person_id=person_id).select_related("session").order_by("-session__held_on")
    )


def person_of(user: Any) -> Person | None:
    return organization.person_of_user(user)


def person_sessions(person: Person) -> QuerySet[Attendance]:
    """A person's sessions (invited or attended), newest first: for their own page and the people module."""
    return (
        Attendance.objects.filter(person=person)
        .select_related("session", "session__materials")
        .order_by("-session__held_on", "-session_id")
    )


def leaders() -> QuerySet[Leader]:
    return Leader.objects.select_related("person__department").order_by("kind", "person__name")


def required_topics() -> list[tuple[str, str]]:
    """The yearly topics as (value, label): the staff topics, then the leaders' awareness."""
    return [(t, str(Topic(t).label)) for t in (*STAFF_TOPICS, *LEADER_TOPICS)]


@dataclass(frozen=True)
class HeldSession:
    held_on: dt.date
    title: str
    hours: Any
    trainer: str
    present: int
    invited: int


def held_sessions(*, since: dt.date, until: dt.date) -> list[HeldSession]:
    """Sessions held between two days (inclusive) with their attendance counts, oldest first."""
    rows = sessions().filter(held=True, held_on__gte=since, held_on__lte=until).order_by("held_on", "id")
    return [
        HeldSession(
            s.held_on, s.title, s.hours, s.trainer, getattr(s, "present", 0), getattr(s, "invited", 0)
        )
        for s in rows
    ]
