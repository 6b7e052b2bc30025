"""Reads for incidents, including what the compliance calendar needs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from shouhu.accounts.permissions import has_perm
from shouhu.contracts import selectors as contracts
from shouhu.incidents import clocks
from shouhu.incidents.facts import FACTS, in_reader_language
from shouhu.incidents.models import (
    LIVE_STATES,
    FactDecision,
    Incident,
    IncidentDeadline,
    PackageStatus,
    RegulatorPackage,
    State,
)


def incidents(*, user: Any, state: str = "", drill: bool | None = None) -> QuerySet[Incident]:
    qs = Incident.objects.annotate(
        next_due=Min("deadlines__due_at", filter=Q(deadlines__active=True, deadlines__met_at__isnull=True)),
        open_deadlines=Count("deadlines", filter=Q(deadlines__active=True, deadlines__met_at__isnull=True)),
        pending_deadlines=Count(
            "deadlines",
            filter=Q(deadlines__active=True, deadlines__met_at__isnull=True) & ~Q(deadlines__pending=[]),
        ),
    ).select_related("owner")
    if not has_perm(user, "incidents.view"):
        qs = qs.filter(reported_by=user)
    if state:
        qs = qs.filter(state=state)
    if drill is not None:
        qs = qs.filter(is_drill=drill)
    return qs


def answer_url(incident_id: int, pending: dict[str, Any]) -> str:
    """Where a pending fact is answered: the incident's own question, or the party's facts in the law module."""
    key = str(pending.get("key", ""))
    if key in FACTS:
        return reverse("incidents:decide", args=[incident_id, key])
    party = pending.get("party_id")
    if key == "contract_notice_hours":  # the client's contract, or the incident's period for all without one
        client_id = _client_pk(party)
        unstated = (
            contracts.contracts(client_id=client_id, active=True).filter(notice_hours__isnull=True).first()
            if client_id is not None
            else None
        )
        if unstated is not None:
            return reverse("contracts:contract_edit", args=[unstated.pk])
        return reverse("incidents:edit", args=[incident_id])
    if party == "self":
        return reverse("law:company_facts")
    client_id = _client_pk(party)
    if client_id is not None:
        return reverse("law:client_facts", args=[client_id])
    return reverse("incidents:detail", args=[incident_id])


def _client_pk(party: object) -> int | None:
    if isinstance(party, str) and party.startswith("client-") and party[7:].isdigit():
        return int(party[7:])
    return None


def pending_links(row: IncidentDeadline) -> list[dict[str, str]]:
    """The facts a deadline waits on, each with its label and the link that answers it."""
    return [
        {
            "key": str(p.get("key", "")),
            "label": in_reader_language(str(p.get("label_zh", "")), str(p.get("label_en", ""))),
            "url": answer_url(row.incident_id, p),
        }
        for p in row.pending or []
    ]


def deadlines(incident: Incident, *, include_inactive: bool = False) -> list[dict[str, Any]]:
    rows = incident.deadlines.select_related("client", "met_evidence")
    if not include_inactive:
        rows = rows.filter(active=True)
    now = timezone.now()
    return [{"row": r, "status": clocks.status(r, now), "pending": pending_links(r)} for r in rows]


def deadlines_waiting_on(incident: Incident, fact: str) -> list[IncidentDeadline]:
    """The active deadlines that wait on ``fact`` (a FACTS name)."""
    return [r for r in incident.deadlines.filter(active=True) if any(p.get("key") == fact for p in r.pending)]


def decisions(incident: Incident, *, fact: str | None = None) -> QuerySet[FactDecision]:
    qs = incident.decisions.select_related("decided_by")
    return qs.filter(fact=fact) if fact else qs


def fact_rows(incident: Incident) -> list[dict[str, Any]]:
    """Each clock-deciding fact: its answer, how many clocks wait on it, the last decision."""
    waiting: dict[str, int] = {}
    for row in incident.deadlines.filter(active=True, met_at__isnull=True):
        for key in {str(p.get("key")) for p in row.pending or []}:
            waiting[key] = waiting.get(key, 0) + 1
    last = {d.fact: d for d in decisions(incident)}
    return [
        {
            "fact": fact,
            "value": getattr(incident, name),
            "display": fact.display(getattr(incident, name)),
            "waiting": waiting.get(name, 0),
            "last": last.get(name),
        }
        for name, fact in FACTS.items()
    ]


def clock_warnings(incident: Incident) -> list[str]:
    """The engine's warnings at the last recompute, in zh-TW."""
    return [str(w.get("message_zh", "")) for w in incident.clock_warnings or [] if w.get("message_zh")]


def open_deadlines() -> QuerySet[IncidentDeadline]:
    return IncidentDeadline.objects.filter(
        active=True, met_at__isnull=True, incident__state__in=LIVE_STATES
    ).select_related("incident")


def suspected_awaiting_triage() -> QuerySet[Incident]:
    return Incident.objects.filter(state=State.SUSPECTED).order_by("discovered_at")


def own_reports(user: Any, *, limit: int = 5) -> list[Incident]:
    """The reports this user made, newest first (an employee sees only these)."""
    return list(Incident.objects.filter(reported_by=user).order_by("-created_at", "-id")[:limit])


def last_drill_completed_on() -> dt.date | None:
    """The date (Asia/Taipei) the latest incident drill was completed, for the yearly drill obligation."""
    latest = (
        Incident.objects.filter(is_drill=True, state=State.CLOSED, handling_ended_at__isnull=False)
        .order_by("-handling_ended_at")
        .values_list("handling_ended_at", flat=True)
        .first()
    )
    return timezone.localdate(latest) if latest else None


def calendar_deadlines(user: Any) -> list[dict[str, Any]]:
    """The legal deadlines of suspected and open incidents still to meet, for the compliance calendar and its
    feed (pending ones included, with the facts they wait on). Empty for a user who may not see incidents."""
    if not has_perm(user, "incidents.view"):
        return []
    now = timezone.now()
    return [
        {
            "row": r,
            "incident": r.incident,
            "status": clocks.status(r, now),
            "pending": pending_links(r),
            "url": reverse("incidents:detail", args=[r.incident_id]),
        }
        for r in open_deadlines().order_by("due_at", "id")
    ]


def latest_packages(incident_ids: list[int]) -> dict[int, RegulatorPackage]:
    """The latest 附錄三 package (ZIP in the evidence store) of each of these incidents that has one."""
    out: dict[int, RegulatorPackage] = {}
    rows = RegulatorPackage.objects.filter(
        incident_id__in=incident_ids, status=PackageStatus.DONE, archive__isnull=False
    ).select_related("archive__blob")
    for package in rows.order_by("incident_id", "-created_at", "-id"):
        out.setdefault(package.incident_id, package)
    return out
