"""Legal deadlines of an incident: asked from the law engine, stored as rows, recomputed and audited.

No code here computes a legal deadline; every due time comes from the engine's ``incident_report``.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from shouhu.audit.services import record
from shouhu.contracts import selectors as contracts
from shouhu.engines.law.deadlines import Deadline, DeadlineReport, incident_report
from shouhu.engines.law.errors import LawEngineError
from shouhu.engines.law.inputs import IncidentFacts
from shouhu.engines.law.pending import PendingFact
from shouhu.incidents import lawfacts
from shouhu.incidents.facts import CYBER_LABELS
from shouhu.incidents.models import LIVE_STATES, Incident, IncidentDeadline, State

logger = logging.getLogger(__name__)

# Countdown colours: amber within a day, red within six hours or once passed.
AMBER_WITHIN = dt.timedelta(hours=24)
RED_WITHIN = dt.timedelta(hours=6)


@dataclass(frozen=True)
class ClientPeriod:
    """The notice period that counts one affected client's contract deadline, and where it comes from:
    ``contract`` (its active contracts' shortest agreed period), ``incident`` (entered on the incident for
    the clients whose contracts state none) or ``unknown`` (pending, counted as immediate)."""

    client_id: int
    client_name: str
    contract: Any
    hours: int | None
    source: str


def client_periods(incident: Incident) -> list[ClientPeriod]:
    """Each affected client's own notice period: one client's contract never sets another's clock."""
    if not incident.pk:
        return []
    rows = []
    for notice in contracts.notice_terms(incident.affected_clients.values_list("pk", flat=True)):
        if notice.hours is not None:
            hours, source = notice.hours, "contract"
        elif incident.contract_notice_hours is not None:
            hours, source = incident.contract_notice_hours, "incident"
        else:
            hours, source = None, "unknown"
        rows.append(ClientPeriod(notice.client_id, notice.client_name, notice.contract, hours, source))
    return rows


def incident_facts(incident: Incident, *, cyber: bool | None = None) -> IncidentFacts:
    """The engine's input for ``incident``; ``cyber`` overrides the stored answer (see ``engine_report``)."""
    clients = list(incident.affected_clients.all()) if incident.pk else []
    if cyber is None:
        cyber = bool(incident.cyber) or incident.level is not None
    try:
        return IncidentFacts(
            discovered_at=incident.discovered_at,
            aware_at=incident.aware_at,
            occurred_at=None if incident.occurred_unknown else incident.occurred_at,
            confirmed_at=incident.confirmed_at,
            handling_ended_at=incident.handling_ended_at,
            authority_notice_at=None,
            personal_data=True,
            cyber=cyber,
            level=incident.level,
            serious=incident.serious,
            ncc_serious=incident.ncc_serious,
            caused_by_violation=incident.caused_by_violation,
            affected_client_ids=tuple(lawfacts.client_party_id(c) for c in clients),
            contract_notice_hours=incident.contract_notice_hours,
            client_notice_hours={
                f"client-{p.client_id}": p.hours for p in client_periods(incident) if p.source == "contract"
            },
        )
    except LawEngineError as exc:
        raise ValidationError(str(exc)) from exc


def _cyber_pending() -> PendingFact:
    zh, en = CYBER_LABELS
    return PendingFact(key="cyber", label_zh=zh, label_en=en)


def engine_report(incident: Incident) -> DeadlineReport:
    """What the engine says for this incident's facts, for our company and each affected client.

    Whether the incident is also a 資安 incident is a yes / no / 尚未判斷 fact the engine takes as a plain
    flag; while it is 尚未判斷 the engine is asked both ways and a clock that runs only for a 資安 incident
    is kept, waiting on that fact (never dropped).
    """
    clients = [lawfacts.client_facts(c) for c in incident.affected_clients.all()]
    company = lawfacts.company_facts()
    try:
        report = incident_report(incident_facts(incident), company, clients)
        if incident.cyber is not None or incident.level is not None:
            return report
        as_cyber = incident_report(incident_facts(incident, cyber=True), company, clients)
    except LawEngineError as exc:
        raise ValidationError(str(exc)) from exc
    known = {(d.rule_id, d.party_id) for d in report.deadlines}
    extra = [
        replace(d, pending=(_cyber_pending(), *d.pending), conservative_reading=True)
        for d in as_cyber.deadlines
        if (d.rule_id, d.party_id) not in known
    ]
    warnings = {(w.code, w.rule_id, w.party_id): w for w in [*report.warnings, *as_cyber.warnings]}
    deadlines = sorted([*report.deadlines, *extra], key=lambda d: (d.due_at, d.party_id != "self", d.rule_id))
    return DeadlineReport(deadlines, list(warnings.values()))


def engine_deadlines(incident: Incident) -> list[Deadline]:
    return engine_report(incident).deadlines


_COPIED = (
    "title_zh",
    "obligor_zh",
    "recipient_zh",
    "content_zh",
    "form_zh",
    "legal_basis_zh",
    "explanation_zh",
    "explanation_en",
    "due_at",
    "extended_due_at",
    "verified",
    "conservative_reading",
)


def _values(d: Deadline) -> dict[str, Any]:
    values = {name: getattr(d, name) for name in _COPIED}
    values["law_version"] = d.law_version
    values["title_zh"] = d.title_zh[:300]
    values["pending"] = [p.to_dict() for p in d.pending]
    return values


@transaction.atomic
def recompute(*, actor: Any, incident: Incident) -> list[IncidentDeadline]:
    """Sync the stored rows with the engine; every change of a due time is audited."""
    clients = {lawfacts.client_party_id(c): c for c in incident.affected_clients.all()}
    existing = {(r.rule_id, r.party_id): r for r in incident.deadlines.select_for_update()}
    seen = set()
    if incident.state == State.DISMISSED:  # triaged as not an incident: no clock runs
        _withdraw(actor, [r for r in existing.values() if r.active])
        return list(incident.deadlines.all())
    report = engine_report(incident)
    warnings = [w.to_dict() for w in report.warnings]
    if incident.clock_warnings != warnings:
        incident.clock_warnings = warnings
        incident.save(update_fields=["clock_warnings"])
    for d in report.deadlines:
        key = (d.rule_id, d.party_id)
        seen.add(key)
        values = _values(d)
        row = existing.get(key)
        if row is None:
            row = IncidentDeadline.objects.create(
                incident=incident,
                rule_id=d.rule_id,
                party_id=d.party_id,
                client=clients.get(d.party_id),
                **values,
            )
            record(
                actor=actor,
                action="incidents.deadline_added",
                obj=row,
                changes={
                    "rule_id": [None, d.rule_id],
                    "party_id": [None, d.party_id],
                    "due_at": [None, d.due_at.isoformat()],
                    "pending": [None, [p.key for p in d.pending]],
                },
            )
            continue
        changes: dict[str, list[Any]] = {}
        if row.due_at != d.due_at:
            changes["due_at"] = [row.due_at.isoformat(), d.due_at.isoformat()]
        if not row.active:
            changes["active"] = [False, True]
        old_pending = [p.get("key") for p in row.pending or []]
        if old_pending != [p.key for p in d.pending]:
            changes["pending"] = [old_pending, [p.key for p in d.pending]]
        if row.active and all(getattr(row, name) == value for name, value in values.items()):
            continue  # unchanged: nothing written
        for name, value in values.items():
            setattr(row, name, value)
        row.active = True
        row.save(update_fields=[*values, "active", "computed_at"])
        if changes:
            record(actor=actor, action="incidents.deadline_recomputed", obj=row, changes=changes)
    _withdraw(actor, [row for key, row in existing.items() if key not in seen and row.active])
    return list(incident.deadlines.all())


def recompute_live(*, actor: Any = None) -> dict[str, int]:
    """Recompute the clocks of every suspected or open incident, so a fact answered elsewhere (a party's
    threshold in the law module, the company profile) or a rule update reaches them. Each incident on its
    own: one that the engine refuses is counted and left as it was."""
    checked = failed = 0
    for incident in Incident.objects.filter(state__in=LIVE_STATES).order_by("pk"):
        try:
            with transaction.atomic():
                recompute(actor=actor, incident=incident)
            checked += 1
        except ValidationError:
            logger.warning("incident %s: clocks not recomputed (the engine refused its facts)", incident.pk)
            failed += 1
    return {"checked": checked, "failed": failed}


def _withdraw(actor: Any, rows: list[IncidentDeadline]) -> None:
    for row in rows:
        row.active = False
        row.save(update_fields=["active", "computed_at"])
        record(actor=actor, action="incidents.deadline_withdrawn", obj=row, changes={"active": [True, False]})


def status(row: IncidentDeadline, now: dt.datetime | None = None) -> str:
    """``met``, ``ok``, ``amber``, ``red`` or ``passed`` (for the badge and the countdown)."""
    if row.met_at:
        return "met"
    now = now or timezone.now()
    left = row.due_at - now
    if left <= dt.timedelta(0):
        return "passed"
    if left <= RED_WITHIN:
        return "red"
    if left <= AMBER_WITHIN:
        return "amber"
    return "ok"


def authority_deadline(incident: Incident) -> IncidentDeadline | None:
    """The engine's deadline for our own report to the authority on the breach form (e.g. moda Art. 8)."""
    rows = incident.deadlines.filter(active=True, party_id="self").exclude(form_zh="").order_by("due_at")
    for row in rows:
        if "通報" in row.title_zh or "通報" in row.form_zh:
            return row
    return None
