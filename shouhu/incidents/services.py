"""Writes for incidents: report, update facts (recomputing deadlines), timeline, tasks, deadlines, evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import has_perm, require
from shouhu.audit.services import created, diff, record, snapshot
from shouhu.core.messages import Message, compose
from shouhu.core.templatetags.shouhu import taipei
from shouhu.core.validation import check_dates, check_instance
from shouhu.evidence.models import Evidence
from shouhu.evidence.services import store
from shouhu.incidents import clocks, decisions, facts
from shouhu.incidents import timeline_text as tl
from shouhu.incidents.models import (
    TRANSITIONS,
    EvidenceCategory,
    FactDecision,
    Incident,
    IncidentDeadline,
    IncidentEvidence,
    Kind,
    State,
    Task,
    TimelineEntry,
)
from shouhu.incidents.tasks_seed import SEED

FACT_FIELDS = (
    "title",
    "is_drill",
    "occurred_at",
    "occurred_unknown",
    "discovered_at",
    "aware_at",
    "confirmed_at",
    "handling_ended_at",
    "kinds",
    "data_items",
    "records_unknown",
    "general_records",
    "special_records",
    "affected_systems",
    "system_ids",
    "summary",
    "damage",
    "consequences",
    "measures_taken",
    "measures_planned",
    "subject_notice_plan",
    "serious",
    "ncc_serious",
    "cyber",
    "level",
    "caused_by_violation",
    "contract_notice_hours",
    "authority_reported_at",
    "delay_reason",
    "reporter_contact",
    "owner",
)
# Timestamps whose change moves a legal clock.
CLOCK_FIELDS = (
    "occurred_at",
    "occurred_unknown",
    "discovered_at",
    "aware_at",
    "confirmed_at",
    "handling_ended_at",
    "contract_notice_hours",
)
# Clock-deciding facts (yes / no / 尚未判斷) are answered through ``decisions`` (reason for a "no", audit,
# timeline); the service's ``decision_reason`` input carries the reason.
DECISION_FIELDS = facts.NAMES
_ORDER = (
    ("occurred_at", "發生時間"),
    ("discovered_at", "發現時間"),
    ("aware_at", "知悉時間"),
    ("confirmed_at", "查明時間"),
    ("handling_ended_at", "處理結束時間"),
)
_LABELS = dict(_ORDER)
TIMESTAMP_FIELDS = (*_LABELS, "authority_reported_at")
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
# The earliest time the company can have discovered, become aware of, confirmed, ended or reported an
# incident this register tracks: the current 個人資料保護法 took force on 2012-10-01 (Executive Yuan order
# 院臺法字第1010056845號 of 2012-09-21; law engine data english_notes.toml, version 2012-10-01), and the law
# engine holds no earlier law, so it computes no clock from an earlier time. A 知悉 time of 1999 is a typing
# slip that would make every clock overdue at once. Only when the incident occurred keeps the wide range (a
# leak from years ago may be found today).
EARLIEST_NOTICE = dt.datetime(2012, 10, 1, tzinfo=ZoneInfo("Asia/Taipei"))
NOTICE_FIELDS = ("discovered_at", "aware_at", "confirmed_at", "handling_ended_at", "authority_reported_at")


def _fmt(value: dt.datetime) -> str:
    """A moment in the reader's date style (115/11/28 12:10 in zh-TW, 2026-11-28 12:10 in English)."""
    return taipei(value)


def check_timestamps(incident: Incident) -> None:
    """Refuse timestamps out of range (1912 … now + 1 year; 發現 and later not before ``EARLIEST_NOTICE``),
    out of order (發生 ≤ 發現 ≤ 知悉 ≤ 查明 ≤ 處理結束) or in the future."""
    errors: dict[str, list[str]] = {}
    now = timezone.now()
    if incident.occurred_unknown:
        incident.occurred_at = None
    try:
        check_instance(incident, TIMESTAMP_FIELDS, past=TIMESTAMP_FIELDS, now=now)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None  # order checks would only repeat the same error
    for name in NOTICE_FIELDS:
        value = getattr(incident, name)
        if value is not None and value < EARLIEST_NOTICE:
            errors.setdefault(name, []).append(
                _(
                    "{label}（{value}）不可早於 {earliest}：現行個人資料保護法自該日施行，本系統不計算此前之法定期限"
                ).format(
                    label=getattr(Incident._meta.get_field(name), "verbose_name", name),
                    value=_fmt(value),
                    earliest=_fmt(EARLIEST_NOTICE),
                )
            )
    if errors:
        raise ValidationError(errors)  # the order checks below would only repeat the same slip
    previous: tuple[str, dt.datetime] | None = None
    for name, label in _ORDER:
        value = getattr(incident, name)
        if value is None:
            continue
        if value > now + FUTURE_TOLERANCE:
            errors.setdefault(name, []).append(
                _("{label}不可晚於現在（{now}）").format(label=_(label), now=_fmt(now))
            )
        if previous is not None and value < previous[1]:
            errors.setdefault(name, []).append(
                _("{label}（{value}）不可早於{earlier}（{earlier_value}），時間順序不合理").format(
                    label=_(label),
                    value=_fmt(value),
                    earlier=_(_LABELS[previous[0]]),
                    earlier_value=_fmt(previous[1]),
                )
            )
        previous = (name, value)
    if incident.authority_reported_at and incident.authority_reported_at < incident.discovered_at:
        errors.setdefault("authority_reported_at", []).append(_("通報主管機關時間不可早於發現時間"))
    if incident.records_unknown and (incident.general_records or incident.special_records):
        errors.setdefault("records_unknown", []).append(_("已勾選「目前不明」時，請勿同時填寫筆數"))
    if incident.state == State.CLOSED and incident.handling_ended_at is None:
        errors.setdefault("handling_ended_at", []).append(_("結案前請填寫處理結束時間"))
    if errors:
        raise ValidationError(errors)


def _normalise_kinds(kinds: Iterable[str]) -> list[str]:
    chosen = set(kinds)
    unknown = chosen - set(Kind.values)
    if unknown:
        raise ValidationError(
            {"kinds": [_("未知的事件種類：{value}").format(value="、".join(sorted(unknown)))]}
        )
    if Kind.LEAK in chosen:
        chosen.add(Kind.THEFT)  # 表 2 註2: a leak ticks 竊取 and 洩漏
    return [k for k in Kind.values if k in chosen]


def _timeline(
    incident: Incident, actor: Any, message: Message, *, at: dt.datetime | None = None
) -> TimelineEntry:
    """A system entry: its zh-TW text plus its key and facts, so every reader gets it in their language."""
    return TimelineEntry.objects.create(
        incident=incident,
        at=at or timezone.now(),
        text=message.text,
        message_key=message.key,
        message_facts=message.facts,
        automatic=True,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def can_view(user: Any, incident: Incident) -> bool:
    return has_perm(user, "incidents.view") or (
        incident.reported_by_id is not None and incident.reported_by_id == getattr(user, "pk", None)
    )


def require_view(user: Any, incident: Incident) -> None:
    if not can_view(user, incident):
        require(user, "incidents.view")


@transaction.atomic
def report_incident(
    *, actor: Any, data: Mapping[str, Any], clients: Iterable[Any] = (), suspected: bool = False
) -> Incident:
    """Anyone with incidents.report (staff included) reports an incident; the clocks start at once.

    ``suspected``: an employee's report of a 疑似事件, kept in that state until triage (``suspected``
    module); its clocks run provisionally from the time the event was noticed.
    """
    require(actor, "incidents.report")
    incident = Incident(**{k: v for k, v in data.items() if k in FACT_FIELDS and k not in DECISION_FIELDS})
    if suspected:
        incident.state = State.SUSPECTED
    decided = decisions.prepare(
        incident,
        {k: data[k] for k in DECISION_FIELDS if k in data},
        reason=data.get("decision_reason", ""),
        reason_field="decision_reason",
    )
    incident.kinds = _normalise_kinds(incident.kinds or [])
    incident.reported_by = actor
    if incident.owner is None and has_perm(actor, "incidents.manage"):
        incident.owner = actor
    incident.full_clean(exclude=["affected_clients"])
    check_timestamps(incident)
    incident.save()
    incident.affected_clients.set(list(clients))
    prefilled = _contract_periods_text(incident)
    fields = [f for f in FACT_FIELDS if f in data] + ["kinds", "reported_by"]
    changes = created(incident, list(dict.fromkeys(fields)))
    changes["affected_clients"] = [None, sorted(c.pk for c in incident.affected_clients.all())]
    record(actor=actor, action="incidents.incident_reported", obj=incident, changes=changes)
    Task.objects.bulk_create(
        Task(incident=incident, position=i, phase=p, title=t) for i, (p, t) in enumerate(SEED)
    )
    keys = (tl.SUSPECT_REPORTED_DRILL, tl.SUSPECT_REPORTED) if suspected else (tl.REPORTED_DRILL, tl.REPORTED)
    _timeline(incident, actor, compose(keys[0] if incident.is_drill else keys[1]), at=incident.created_at)
    if prefilled:
        _timeline(incident, actor, prefilled)
    decisions.record_changes(
        actor=actor, incident=incident, changes=decided, reason=data.get("decision_reason", "")
    )
    clocks.recompute(actor=actor, incident=incident)
    return incident


@transaction.atomic
def update_incident(
    *, actor: Any, incident: Incident, data: Mapping[str, Any], clients: Iterable[Any] | None = None
) -> Incident:
    """Change facts; deadlines are recomputed (and audited) when a clock-moving fact or the clients change."""
    require(actor, "incidents.manage")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    fields = [f for f in FACT_FIELDS if f in data and f not in DECISION_FIELDS]
    before = snapshot(incident, fields)
    for name in fields:
        setattr(incident, name, data[name])
    if "kinds" in data:
        incident.kinds = _normalise_kinds(incident.kinds or [])
    reason = data.get("decision_reason", "")
    decided = decisions.prepare(
        incident,
        {k: data[k] for k in DECISION_FIELDS if k in data},
        reason=reason,
        reason_field="decision_reason",
    )
    incident.full_clean(exclude=["affected_clients"])
    check_timestamps(incident)
    changes = diff(before, snapshot(incident, fields))
    old_clients = sorted(incident.affected_clients.values_list("pk", flat=True))
    new_clients = sorted(c.pk for c in clients) if clients is not None else old_clients
    if new_clients != old_clients:
        changes["affected_clients"] = [old_clients, new_clients]
    if not changes and not decided:
        return incident
    incident.save(update_fields=[*fields, *(c.fact for c in decided), "updated_at"])
    if clients is not None:
        incident.affected_clients.set(list(clients))
    prefilled: Message | None = None
    if "affected_clients" in changes or "contract_notice_hours" in changes:
        prefilled = _contract_periods_text(incident)
    if changes:
        record(actor=actor, action="incidents.incident_updated", obj=incident, changes=changes)
        _timeline(incident, actor, compose(tl.UPDATED, fields=sorted(changes)))
    if prefilled:
        _timeline(incident, actor, prefilled)
    decisions.record_changes(actor=actor, incident=incident, changes=decided, reason=reason)
    moved = [f for f in changes if f in CLOCK_FIELDS or f == "affected_clients"] + [c.fact for c in decided]
    if moved:
        clocks.recompute(actor=actor, incident=incident)
        _timeline(incident, actor, compose(tl.RECOMPUTED))
    return incident


def _contract_periods_text(incident: Incident) -> Message | None:
    """The timeline entry naming each affected client's notice period and its contract (None without
    clients). Each client's contract deadline counts from its own period (``clocks.client_periods``)."""
    periods = [
        {
            "client": p.client_name,
            "hours": p.hours,
            "source": p.source,
            "contract": p.contract.number if p.source == "contract" else "",
        }
        for p in clocks.client_periods(incident)
    ]
    return compose(tl.CONTRACT_PERIODS, periods=periods) if periods else None


@transaction.atomic
def decide_fact(
    *, actor: Any, incident: Incident, fact: str, value: bool | int | str | None, reason: str = ""
) -> list[FactDecision]:
    """Answer one clock-deciding fact: yes, no (with a written reason) or back to 尚未判斷.

    The decision is kept (who, when, why), audited and put on the timeline; the deadlines are recomputed, so
    a "no" withdraws the clocks that waited on it and a reversal brings them back. Returns the decisions
    made (none when the answer is the one already recorded).
    """
    require(actor, "incidents.manage")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if fact not in DECISION_FIELDS:
        raise ValidationError({"fact": [_("未知的判斷事項")]})
    decided = decisions.prepare(incident, {fact: value}, reason=reason)
    if not decided:
        return []
    incident.save(update_fields=[c.fact for c in decided] + ["updated_at"])
    made = decisions.record_changes(actor=actor, incident=incident, changes=decided, reason=reason)
    clocks.recompute(actor=actor, incident=incident)
    return made


@transaction.atomic
def transition(*, actor: Any, incident: Incident, to: str) -> Incident:
    require(actor, "incidents.manage")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if to not in TRANSITIONS.get(incident.state, frozenset()):
        raise ValidationError(
            _("事件狀態「{value}」不可變更為「{label}」").format(
                value=incident.get_state_display(), label=State(to).label
            )
        )
    old = incident.state
    incident.state = to
    check_timestamps(incident)
    incident.save(update_fields=["state", "updated_at"])
    record(actor=actor, action="incidents.incident_state", obj=incident, changes={"state": [old, to]})
    _timeline(incident, actor, compose(tl.STATE, old=old, new=to))
    if State.DISMISSED in (old, to):
        clocks.recompute(actor=actor, incident=incident)  # a reopened suspected event's clocks come back
    if to == State.CLOSED and incident.is_drill and incident.handling_ended_at is not None:
        from shouhu.law.services import complete_from_record

        complete_from_record(actor=actor, key="incident-drill", done_on=timezone.localdate(incident.handling_ended_at),
                             note=compose(tl.DRILL_CLOSED, title=incident.title))  # fmt: skip
    return incident


@transaction.atomic
def add_timeline(
    *, actor: Any, incident: Incident, text: str, at: dt.datetime | None = None
) -> TimelineEntry:
    if not (
        has_perm(actor, "incidents.manage")
        or (has_perm(actor, "incidents.report") and incident.reported_by_id == actor.pk)
    ):
        require(actor, "incidents.manage")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("請填寫內容")]})
    at = at or timezone.now()
    check_dates({"at": ("時間", at)})
    if at > timezone.now() + FUTURE_TOLERANCE:
        raise ValidationError({"at": [_("時間不可晚於現在")]})
    entry = TimelineEntry.objects.create(incident=incident, at=at, text=text[:5000], actor=actor)
    record(
        actor=actor,
        action="incidents.timeline_added",
        obj=incident,
        changes={"timeline_entry": [None, entry.pk], "at": [None, at.isoformat()]},
    )
    return entry


@transaction.atomic
def set_task_done(*, actor: Any, task: Task, done: bool) -> Task:
    require(actor, "incidents.manage")
    old = task.done_at
    task.done_at, task.done_by = (timezone.now(), actor) if done else (None, None)
    task.save(update_fields=["done_at", "done_by"])
    record(
        actor=actor,
        action="incidents.task_done" if done else "incidents.task_reopened",
        obj=task.incident,
        changes={
            "task": [task.pk, task.pk],
            "done_at": [old.isoformat() if old else None, task.done_at.isoformat() if task.done_at else None],
        },
    )
    _timeline(task.incident, actor, compose(tl.TASK_DONE if done else tl.TASK_REOPENED, task=task.title))
    return task


@transaction.atomic
def mark_deadline_met(
    *,
    actor: Any,
    deadline: IncidentDeadline,
    met_at: dt.datetime | None = None,
    document: str,
    evidence: Evidence | None = None,
) -> IncidentDeadline:
    """Record that a deadline was met, when, and by which document."""
    require(actor, "incidents.manage")
    document = (document or "").strip()
    if not document:
        raise ValidationError({"document": [_("請說明以何文件完成（例如：初報 表2 DOCX）")]})
    met_at = met_at or timezone.now()
    check_dates({"met_at": ("完成時間", met_at)})
    if met_at > timezone.now() + FUTURE_TOLERANCE:
        raise ValidationError({"met_at": [_("完成時間不可晚於現在")]})
    before = snapshot(deadline, ["met_at", "met_by", "met_evidence"])
    deadline.met_at, deadline.met_by, deadline.met_evidence = met_at, document[:300], evidence
    deadline.save(update_fields=["met_at", "met_by", "met_evidence", "computed_at"])
    record(
        actor=actor,
        action="incidents.deadline_met",
        obj=deadline,
        changes=diff(before, snapshot(deadline, ["met_at", "met_by", "met_evidence"])),
    )
    rule = deadline._rule()
    title = {"zh": deadline.title_zh, "en": rule.title_en if rule else ""}
    late = met_at > deadline.due_at
    _timeline(
        deadline.incident,
        actor,
        compose(tl.DEADLINE_MET, deadline=title, document=document, late=late),
        at=met_at,
    )
    return deadline


def attach_evidence(
    *,
    actor: Any,
    incident: Incident,
    file: IO[bytes] | bytes,
    filename: str,
    category: str = EvidenceCategory.OTHER,
    description: str = "",
) -> IncidentEvidence:
    """Store a file as locked incident evidence (no edit or delete), with chain of custody."""
    if not (has_perm(actor, "incidents.manage") or incident.reported_by_id == getattr(actor, "pk", None)):
        raise PermissionDenied(_("您沒有權限為此事件上傳佐證。"))
    if category not in EvidenceCategory.values:
        raise ValidationError({"category": [_("未知的佐證類別")]})
    with transaction.atomic():
        evidence = store(
            actor=actor,
            file=file,
            filename=filename,
            description=description,
            context=f"incidents.incident:{incident.pk}",
            locked=True,
        )
        link = IncidentEvidence.objects.create(
            incident=incident, evidence=evidence, category=category, added_by=actor
        )
        record(
            actor=actor,
            action="incidents.evidence_attached",
            obj=incident,
            changes={"evidence": [None, evidence.pk], "category": [None, category]},
        )
        _timeline(incident, actor, compose(tl.EVIDENCE, name=evidence.original_name, category=category))
    return link
