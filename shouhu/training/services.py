"""Writes for training: sessions, attendance, and completing the calendar's training obligation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import require
from shouhu.audit.records import create_record
from shouhu.audit.services import record
from shouhu.core.messages import Message
from shouhu.core.validation import Span, date_error
from shouhu.law import services as law
from shouhu.organization.models import Person
from shouhu.training import selectors
from shouhu.training.models import Assignment, Attendance, Leader, Session, Topic

OBLIGATION = "training"


@transaction.atomic
def create_session(
    *, actor: Any, title: str, topics: Iterable[str], held_on: dt.date, hours: Decimal, trainer: str,
    audience: str, people: Iterable[Person] = (),
) -> Session:  # fmt: skip
    require(actor, "training.manage")
    topics = list(dict.fromkeys(topics))
    if not topics:
        raise ValidationError({"topics": _("請至少選擇一個課程主題。")})
    if any(t not in Topic.values for t in topics):
        raise ValidationError({"topics": _("課程主題不正確。")})
    if hours <= 0:
        raise ValidationError({"hours": _("時數須大於 0。")})
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
        raise ValidationError({"score": _("測驗分數須介於 0 至 100。")})
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
        raise ValidationError(_("上課日期尚未到，不能登錄為已辦理。"))
    present = session.attendance.filter(attended=True).count()
    if not present:
        raise ValidationError(_("請先登錄出席人員，再登錄為已辦理。"))
    session.held = True
    session.save(update_fields=["held"])
    record(actor=actor, action="training.session_held", obj=session, changes={"attended": [None, present]})
    law.complete_from_record(actor=actor, key=OBLIGATION, done_on=session.held_on,
                             note=law.note("training", title=session.title, present=present))  # fmt: skip
    return session


@transaction.atomic
def assign(
    *,
    actor: Any,
    person_ids: Iterable[int],
    topic: str,
    reason: str | Message,
    due: dt.date,
    check_perm: bool = True,
) -> list[Assignment]:
    """Require a training of people (remedial training after a phishing drill, a manager's request).

    Returns one assignment per person. A person who already has an open assignment of the same topic keeps
    it (returned as is, its due date unchanged), so calling again with the same people is harmless. It is
    done once the person attends a held session covering ``topic`` on or after the assignment date.
    ``check_perm=False`` is for a caller whose own write already checked the actor (a drill's results).
    A reason the system writes is a message (``selectors.DRILL_REASON``): its kind and facts are kept beside
    the zh-TW text so pages show it in the reader's language (``selectors.reason_text``).
    """
    if check_perm:
        require(actor, "training.manage")
    ids = list(dict.fromkeys(int(i) for i in person_ids))
    errors: dict[str, str] = {}
    if topic not in Topic.values:
        errors["topic"] = _("課程主題不正確。")
    reason_kind, reason_facts = "", {}
    if isinstance(reason, Message):
        reason_kind, reason_facts = reason.key.removeprefix("training."), reason.facts
    reason = str(reason or "").strip()
    if not reason:
        errors["reason"] = "請填寫指派原因。"
    elif len(reason) > 300:
        errors["reason"] = "指派原因最多 300 字。"
    today = timezone.localdate()
    message = date_error(due, label="完成期限", span=Span.PLAN)
    if message:
        errors["due"] = message
    elif due < today:
        errors["due"] = "完成期限不能早於今天。"
    if not ids:
        errors["person_ids"] = "請至少選擇一位人員。"
    people = {p.pk: p for p in Person.objects.filter(pk__in=ids)}
    missing = [str(i) for i in ids if i not in people]
    if missing:
        errors["person_ids"] = "找不到人員（編號 " + "、".join(missing) + "）。"
    inactive = [p.name for p in people.values() if not p.active]
    if inactive and "person_ids" not in errors:
        errors["person_ids"] = "已離職人員不能指派訓練：" + "、".join(inactive) + "。"
    if errors:
        raise ValidationError(errors)
    open_ones = selectors.open_assignments(person_ids=ids, topic=topic)
    out: list[Assignment] = []
    created: list[Assignment] = []
    by = actor if getattr(actor, "is_authenticated", False) else None
    for pk in ids:
        existing = open_ones.get(pk)
        if existing is not None:
            out.append(existing)
            continue
        row = Assignment(
            person=people[pk], topic=topic, reason=reason, reason_kind=reason_kind,
            reason_facts=reason_facts, assigned_on=today, due=due, created_by=by,
        )  # fmt: skip
        row.full_clean()
        created.append(row)
        out.append(row)
    for row in created:
        row.save()
        record(
            actor=actor,
            action="training.assigned",
            obj=row,
            changes={"person": [None, row.person_id], "topic": [None, topic], "reason": [None, reason],
                     "due": [None, due.isoformat()],
                     # a system-written reason's message, so the audit log reads it in the reader's language
                     **({"message_key": [None, f"training.{reason_kind}"], "message_facts": [None, reason_facts]}
                        if reason_kind else {})},
        )  # fmt: skip
    return out


@transaction.atomic
def set_materials(*, actor: Any, session: Session, file: Any, filename: str) -> Session:
    """Keep a session's materials (slides, handout) in the evidence store; a new upload replaces the old one
    (which stays in the evidence store with its retention)."""
    require(actor, "training.manage")
    from shouhu.evidence import services as evidence

    try:
        stored = evidence.store(actor=actor, file=file, filename=filename, description=f"教育訓練教材：{session.title}",
                                context=f"training.session:{session.pk}", check_perm=False)  # fmt: skip
    except evidence.EvidenceError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    session = Session.objects.select_for_update().get(pk=session.pk)
    before = session.materials_id
    session.materials = stored
    session.save(update_fields=["materials"])
    record(
        actor=actor, action="training.materials_set", obj=session, changes={"materials": [before, stored.pk]}
    )
    return session


def may_read_materials(actor: Any, session: Session) -> bool:
    """Training managers and readers, and anyone invited to or attending the session."""
    from shouhu.accounts.permissions import has_perm

    if has_perm(actor, "training.view"):
        return True
    person = selectors.person_of(actor)
    return person is not None and session.attendance.filter(person=person).exists()


def open_materials(*, actor: Any, session: Session) -> tuple[bytes, str]:
    """The session's materials for a reader or an attendee; each download is audited."""
    from django.core.exceptions import PermissionDenied

    from shouhu.evidence import services as evidence

    if session.materials_id is None:
        raise ValidationError(_("此課程尚未上傳教材。"))
    if not may_read_materials(actor, session):
        raise PermissionDenied(_("只有受邀或出席此課程的人員可以下載教材。"))
    record(actor=actor, action="training.materials_downloaded", obj=session,
           changes={"materials": [None, session.materials_id]})  # fmt: skip
    materials = session.materials
    assert materials is not None
    return evidence.read_bytes_internal(materials), materials.download_name


@transaction.atomic
def set_leader(*, actor: Any, person: Person, kind: str | None) -> None:
    """Mark a person as 代表人 or 主管 (they attend the yearly awareness), or unmark them (``kind=None``)."""
    require(actor, "training.manage")
    row = Leader.objects.filter(person=person).first()
    before = row.kind if row else None
    if kind is None:
        if row is not None:
            row.delete()
    else:
        if kind not in Leader.Kind.values:
            raise ValidationError({"kind": _("身分不正確。")})
        if not person.active:
            raise ValidationError({"person": _("已離職人員不能設定。")})
        Leader.objects.update_or_create(person=person, defaults={"kind": kind})
    if before != kind:
        record(actor=actor, action="training.leader_set", obj=person, changes={"kind": [before, kind]})
