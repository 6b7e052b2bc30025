"""Writes for phishing drills: plan a drill, record results (by hand or from GoPhish), and what follows from
them — remedial training for everyone who submitted data, and the calendar's six-monthly drill completed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shouhu.accounts.permissions import require
from shouhu.audit.records import create_record, delete_record, update_record
from shouhu.audit.services import record
from shouhu.core.importing.base import RowChange
from shouhu.core.messages import compose, define
from shouhu.core.validation import Span, date_error
from shouhu.drills.models import Drill, Remedial, Result, Source, Stage
from shouhu.law import services as law
from shouhu.organization.models import Department, Person
from shouhu.training import services as training
from shouhu.training.selectors import DRILL_REASON

OBLIGATION = "phishing-drill"  # the calendar item (附錄二 2.8.2: at least once every six months)
REMEDIAL_TOPIC = "phishing"  # training.models.Topic.PHISHING 社交工程防範
REMEDIAL_DAYS = 30  # remedial training due this many days after the results are recorded

# The compliance calendar's note for a drill with results (shown in the reader's language).
RESULT_NOTE = define(
    "drills.result_note",
    gettext_noop(
        "社交工程演練「{title}」：寄達 {delivered} 人，點擊 {clicked} 人，提交資料 {submitted} 人，回報 {reported} 人"
    ),
)


def _source(drill: Drill) -> str:
    """How the calendar names a drill's completions (so they can be taken back when the drill changes)."""
    return f"drills.drill:{drill.pk}"


def _check_fields(*, title: str, held_on: dt.date, scenario: str, audience: str) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "請填寫演練名稱。"
    elif len(title.strip()) > 200:
        errors["title"] = "演練名稱最多 200 字。"
    if not scenario.strip():
        errors["scenario"] = "請描述演練情境（寄送的信件內容與誘導方式）。"
    elif len(scenario) > MAX_SCENARIO:
        errors["scenario"] = f"演練情境最多 {MAX_SCENARIO:,} 字。"
    if len(audience.strip()) > 200:
        errors["audience"] = "演練對象說明最多 200 字。"
    message = date_error(held_on, label="演練日期", span=Span.PLAN)
    if message:
        errors["held_on"] = message
    if errors:
        raise ValidationError(errors)


MAX_SCENARIO = 5000


@transaction.atomic
def create_drill(
    *, actor: Any, title: str, held_on: dt.date, scenario: str, audience: str = "",
    departments: Iterable[Department] = (),
) -> Drill:  # fmt: skip
    """Record a drill (planned or held): its date, the scenario used and the target group."""
    require(actor, "drills.manage")
    _check_fields(title=title, held_on=held_on, scenario=scenario, audience=audience)
    departments = list(departments)
    drill = create_record(
        actor=actor, model=Drill,
        data={"title": title.strip(), "held_on": held_on, "scenario": scenario.strip(),
              "audience": audience.strip(), "created_by": actor if getattr(actor, "is_authenticated", False) else None},
        fields=["title", "held_on", "scenario", "audience", "created_by"],
    )  # fmt: skip
    if departments:
        drill.departments.set(departments)
        record(actor=actor, action="drills.drill_audience_set", obj=drill,
               changes={"departments": [None, [d.name for d in departments]]})  # fmt: skip
    return drill


@transaction.atomic
def update_drill(
    *, actor: Any, drill: Drill, title: str, held_on: dt.date, scenario: str, audience: str = "",
    departments: Iterable[Department] = (),
) -> Drill:  # fmt: skip
    """Correct a drill. A drill with results keeps a date that has come; moving its date moves the calendar's
    completion with it (the completion it made is taken back and the latest drill with results completes
    the six-monthly drill again)."""
    require(actor, "drills.manage")
    drill = Drill.objects.select_for_update().get(pk=drill.pk)
    _check_fields(title=title, held_on=held_on, scenario=scenario, audience=audience)
    has_results = drill.results.exists()
    if has_results and held_on > timezone.localdate():
        raise ValidationError({"held_on": _("此演練已有結果，演練日期不可晚於今天。")})
    moved = held_on != drill.held_on
    update_record(
        actor=actor, instance=drill,
        data={"title": title.strip(), "held_on": held_on, "scenario": scenario.strip(), "audience": audience.strip()},
        fields=["title", "held_on", "scenario", "audience"],
    )  # fmt: skip
    departments = list(departments)
    before = sorted(d.name for d in drill.departments.all())
    after = sorted(d.name for d in departments)
    if before != after:
        drill.departments.set(departments)
        record(actor=actor, action="drills.drill_audience_set", obj=drill,
               changes={"departments": [before or None, after or None]})  # fmt: skip
    if moved and has_results:
        _recomplete(actor, withdraw=drill)
    return drill


@transaction.atomic
def delete_drill(*, actor: Any, drill: Drill, confirm_results: bool = False) -> int:
    """Delete a drill. One with results is deleted only when ``confirm_results`` (its results go with it; the
    remedial trainings already assigned stay). The calendar's completion it made is taken back and the latest
    remaining drill with results completes the six-monthly drill. Returns how many results were deleted."""
    require(actor, "drills.manage")
    drill = Drill.objects.select_for_update().get(pk=drill.pk)
    results = list(drill.results.values_list("stage", flat=True))
    if results and not confirm_results:
        raise ValidationError(
            {"confirm_results": _("此演練已有 {n} 筆結果；刪除會一併刪除這些結果（已指派的補強訓練不會撤銷），"
               "請勾選確認後再刪除。").format(n=len(results))}
        )  # fmt: skip
    if results:
        by_stage = {value: results.count(value) for value in Stage.values if value in results}
        record(actor=actor, action="drills.results_deleted", obj=drill,
               changes={"results": [len(results), None], "stages": [by_stage, None]})  # fmt: skip
        drill.results.all().delete()
    departments = [d.name for d in drill.departments.all()]
    if departments:
        record(
            actor=actor,
            action="drills.drill_audience_set",
            obj=drill,
            changes={"departments": [departments, None]},
        )
    pk = drill.pk
    delete_record(actor=actor, instance=drill, fields=["title", "held_on", "scenario", "audience"])
    drill.pk = pk  # the calendar's completions still name it
    if results:
        _recomplete(actor, withdraw=drill)
    return len(results)


def _recomplete(actor: Any, *, withdraw: Drill) -> None:
    """Take back the calendar completions ``withdraw`` made, then let the latest drill with results complete
    the six-monthly drill (and what it completes) again."""
    law.withdraw_from_record(actor=actor, source=_source(withdraw))
    latest = Drill.objects.filter(results__isnull=False).distinct().order_by("-held_on", "-id").first()
    if latest is not None:
        _complete(actor, latest)


def _complete(actor: Any, drill: Drill) -> None:
    counts = _counts(drill)
    law.complete_from_record(
        actor=actor, key=OBLIGATION, done_on=drill.held_on, source=_source(drill),
        note=compose(RESULT_NOTE, title=drill.title, **{k: counts[k] for k in ("delivered", "clicked", "submitted", "reported")}),
    )  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """One person's result: the furthest stage reached and whether they reported the mail (None: unknown)."""

    person_id: int
    stage: str
    reported: bool | None


def _check_open(drill: Drill) -> None:
    if drill.held_on > timezone.localdate():
        raise ValidationError(_("演練日期尚未到，不能登錄結果。"))


# A drill result's audited fields (attribute names).
RESULT_AUDITED = ("person_id", "department_id", "stage", "reported", "source")


@transaction.atomic
def record_results(
    *, actor: Any, drill: Drill, entries: Sequence[Entry], source: str, check_perm: bool = True
) -> dict[str, Any]:
    """Write results (a person's later result replaces the earlier one), then assign remedial training to
    everyone who submitted data and complete the calendar's phishing drill on the drill's date.

    ``check_perm=False`` is for the import spec, whose framework already checked ``drills.manage``.
    """
    if check_perm:
        require(actor, "drills.manage")
    drill = Drill.objects.select_for_update().get(pk=drill.pk)
    _check_open(drill)
    if source not in Source.values:
        raise ValidationError(_("結果來源不正確。"))
    bad = [e for e in entries if e.stage not in Stage.values]
    if bad:
        raise ValidationError({"stage": _("演練結果不正確。")})
    people = {p.pk: p for p in Person.objects.filter(pk__in=[e.person_id for e in entries])}
    missing = [str(e.person_id) for e in entries if e.person_id not in people]
    if missing:
        raise ValidationError({"person": "找不到人員（編號 " + "、".join(missing) + "）。"})
    existing = {r.person_id: r for r in Result.objects.filter(drill=drill, person_id__in=list(people))}
    created, updated = [], []
    before: dict[int, dict[str, Any]] = {}
    for e in entries:
        person = people[e.person_id]
        row = existing.get(e.person_id)
        if row is None:
            row = Result(drill=drill, person=person, department_id=person.department_id, stage=e.stage,
                         reported=e.reported, source=source)  # fmt: skip
            created.append(row)
        elif (row.stage, row.reported) != (e.stage, e.reported):
            before[row.pk] = {a: getattr(row, a) for a in RESULT_AUDITED}
            row.stage, row.reported, row.source, row.updated_at = e.stage, e.reported, source, timezone.now()
            updated.append(row)
    Result.objects.bulk_create(created)
    Result.objects.bulk_update(updated, ["stage", "reported", "source", "updated_at"])
    if any(r.pk is None for r in created):  # a backend that returns no ids from a bulk insert
        ids = dict(Result.objects.filter(drill=drill, person_id__in=[r.person_id for r in created])
                   .values_list("person_id", "pk"))  # fmt: skip
        for r in created:
            r.pk = ids[r.person_id]
    assigned, leavers = _remedial(actor, drill)
    changes: dict[str, list[Any]] = {
        "created": [None, len(created)], "updated": [None, len(updated)], "source": [None, source],
    }  # fmt: skip
    if leavers:
        changes["remedial_not_assigned_leavers"] = [None, leavers]
    record(actor=actor, action="drills.results_recorded", obj=drill, changes=changes)
    _complete(actor, drill)
    return {"created": len(created), "updated": len(updated), "remedial": assigned, "leavers": len(leavers),
            "created_ids": [r.pk for r in created], "updated_ids": [r.pk for r in updated],
            # per person, old/new values: the import's confirm step writes one audit entry each
            "rows": [RowChange.of(r, RESULT_AUDITED, before.get(r.pk)) for r in [*created, *updated]]}  # fmt: skip


def _counts(drill: Drill) -> dict[str, int]:
    rows = list(Result.objects.filter(drill=drill).values_list("stage", "reported"))
    delivered = [s for s, _r in rows if s != Stage.NOT_DELIVERED]
    return {
        "delivered": len(delivered),
        "clicked": sum(1 for s in delivered if s in (Stage.CLICKED, Stage.SUBMITTED)),
        "submitted": sum(1 for s in delivered if s == Stage.SUBMITTED),
        "reported": sum(1 for s, r in rows if r and s != Stage.NOT_DELIVERED),
    }


def _remedial(actor: Any, drill: Drill) -> tuple[int, list[str]]:
    """Assign 社交工程防範 training to every person in service who submitted data in this drill, and note on
    each submitter's result whether it was assigned or not because the person has left (training.assign
    refuses leavers). Returns the number assigned and the names of the leavers left without one."""
    submitted = list(Result.objects.filter(drill=drill, stage=Stage.SUBMITTED).select_related("person"))
    active = [r for r in submitted if r.person.active]
    gone = [r for r in submitted if not r.person.active]
    assigned = 0
    if active:
        due = timezone.localdate() + dt.timedelta(days=REMEDIAL_DAYS)
        rows = training.assign(
            actor=actor, person_ids=[r.person_id for r in active], topic=REMEDIAL_TOPIC, due=due, check_perm=False,
            reason=compose(DRILL_REASON, title=drill.title, held_on=drill.held_on.isoformat()),
        )  # fmt: skip
        assigned = len(rows)
    Result.objects.filter(pk__in=[r.pk for r in active]).update(remedial=Remedial.ASSIGNED)
    Result.objects.filter(pk__in=[r.pk for r in gone]).update(remedial=Remedial.LEAVER)
    # a leaver's result later corrected to a lesser stage no longer calls for training; an assignment made stays
    Result.objects.filter(drill=drill, remedial=Remedial.LEAVER).exclude(stage=Stage.SUBMITTED).update(
        remedial=""
    )
    return assigned, [r.person.name for r in gone]


def record_result(
    *, actor: Any, drill: Drill, person: Person, stage: str, reported: bool | None
) -> dict[str, Any]:
    """Enter one person's result by hand (the same rules as an import)."""
    return record_results(
        actor=actor, drill=drill, entries=[Entry(person.pk, stage, reported)], source=Source.MANUAL
    )
