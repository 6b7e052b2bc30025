"""Incident endpoints: incidents, their deadlines (from the law engine) and their timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from shouhu.accounts.permissions import require
from shouhu.incidents import selectors, services
from shouhu.incidents.models import Incident
from shouhu.organization.models import Client

router = Router(tags=["incidents"])


class IncidentIn(Schema):
    title: str
    is_drill: bool = False
    occurred_at: dt.datetime | None = None
    occurred_unknown: bool = False
    discovered_at: dt.datetime
    aware_at: dt.datetime | None = None
    confirmed_at: dt.datetime | None = None
    handling_ended_at: dt.datetime | None = None
    kinds: list[str] = []
    data_items: str = ""
    records_unknown: bool = False
    general_records: int | None = Field(None, ge=0)
    special_records: int | None = Field(None, ge=0)
    client_ids: list[int] = []
    affected_systems: str = ""
    summary: str = ""
    damage: str = ""
    consequences: str = ""
    measures_taken: str = ""
    measures_planned: str = ""
    subject_notice_plan: str = ""
    serious: bool = False
    cyber: bool = False
    level: int | None = Field(None, ge=1, le=4)
    caused_by_violation: bool | None = None
    contract_notice_hours: int | None = Field(None, ge=0)


class IncidentPatch(Schema):
    title: str | None = None
    occurred_at: dt.datetime | None = None
    occurred_unknown: bool | None = None
    discovered_at: dt.datetime | None = None
    aware_at: dt.datetime | None = None
    confirmed_at: dt.datetime | None = None
    handling_ended_at: dt.datetime | None = None
    kinds: list[str] | None = None
    data_items: str | None = None
    records_unknown: bool | None = None
    general_records: int | None = None
    special_records: int | None = None
    client_ids: list[int] | None = None
    affected_systems: str | None = None
    summary: str | None = None
    damage: str | None = None
    consequences: str | None = None
    measures_taken: str | None = None
    measures_planned: str | None = None
    subject_notice_plan: str | None = None
    serious: bool | None = None
    cyber: bool | None = None
    level: int | None = None
    caused_by_violation: bool | None = None
    contract_notice_hours: int | None = None
    delay_reason: str | None = None


class IncidentOut(Schema):
    id: int
    title: str
    is_drill: bool
    state: str
    occurred_at: dt.datetime | None
    occurred_unknown: bool
    discovered_at: dt.datetime
    aware_at: dt.datetime | None
    confirmed_at: dt.datetime | None
    handling_ended_at: dt.datetime | None
    kinds: list[str]
    records_unknown: bool
    general_records: int | None
    special_records: int | None
    client_ids: list[int]
    serious: bool
    cyber: bool
    level: int | None

    @staticmethod
    def resolve_client_ids(obj: Incident) -> list[int]:
        return sorted(c.pk for c in obj.affected_clients.all())


class DeadlineOut(Schema):
    id: int
    rule_id: str
    party_id: str
    client_id: int | None
    title_zh: str
    obligor_zh: str
    recipient_zh: str
    form_zh: str
    legal_basis_zh: str
    law_version: str
    explanation_zh: str
    due_at: dt.datetime
    verified: bool
    conservative_reading: bool
    status: str
    met_at: dt.datetime | None
    met_by: str


class TimelineIn(Schema):
    text: str
    at: dt.datetime | None = None


class TimelineOut(Schema):
    id: int
    at: dt.datetime
    text: str
    automatic: bool
    actor: str | None

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return obj.actor.username if obj.actor else None


def _clients(ids: list[int]) -> list[Client]:
    clients = list(Client.objects.filter(pk__in=ids))
    if len(clients) != len(set(ids)):
        from django.core.exceptions import ValidationError

        raise ValidationError({"client_ids": ["委託者不存在"]})
    return clients


def _get(request: HttpRequest, pk: int) -> Incident:
    incident = get_object_or_404(Incident, pk=pk)
    services.require_view(request.user, incident)
    return incident


@router.get("/", response=list[IncidentOut], summary="事件列表")
def list_incidents(request: HttpRequest, state: str = "") -> Any:
    if not services.has_perm(request.user, "incidents.view"):
        require(request.user, "incidents.report")
    return selectors.incidents(user=request.user, state=state).prefetch_related("affected_clients")


@router.post("/", response={201: IncidentOut}, summary="通報事件")
def create_incident(request: HttpRequest, payload: IncidentIn) -> Any:
    data = payload.dict()
    clients = _clients(data.pop("client_ids"))
    return Status(201, services.report_incident(actor=request.user, data=data, clients=clients))


@router.get("/{pk}", response=IncidentOut, summary="事件")
def get_incident(request: HttpRequest, pk: int) -> Any:
    return _get(request, pk)


@router.patch("/{pk}", response=IncidentOut, summary="更新事件（時間變更時重算期限）")
def patch_incident(request: HttpRequest, pk: int, payload: IncidentPatch) -> Any:
    incident = _get(request, pk)
    data = payload.dict(exclude_unset=True)
    ids = data.pop("client_ids", None)
    return services.update_incident(
        actor=request.user, incident=incident, data=data, clients=_clients(ids) if ids is not None else None
    )


@router.get("/{pk}/deadlines", response=list[DeadlineOut], summary="法定期限（法規引擎）")
def incident_deadlines(request: HttpRequest, pk: int) -> Any:
    incident = _get(request, pk)
    out = []
    for item in selectors.deadlines(incident):
        row = item["row"]
        out.append(
            {
                **{f: getattr(row, f) for f in DeadlineOut.model_fields if hasattr(row, f)},
                "status": item["status"],
                "client_id": row.client_id,
            }
        )
    return out


@router.get("/{pk}/timeline", response=list[TimelineOut], summary="時間軸")
def timeline(request: HttpRequest, pk: int) -> Any:
    return _get(request, pk).timeline.select_related("actor")


@router.post("/{pk}/timeline", response={201: TimelineOut}, summary="新增時間軸紀錄（僅能新增）")
def add_timeline(request: HttpRequest, pk: int, payload: TimelineIn) -> Any:
    incident = _get(request, pk)
    return Status(
        201, services.add_timeline(actor=request.user, incident=incident, text=payload.text, at=payload.at)
    )
