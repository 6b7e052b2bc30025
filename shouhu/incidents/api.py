"""Incident endpoints: incidents, their deadlines (from the law engine) and their timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, Router, Schema, Status

from shouhu.accounts.permissions import require
from shouhu.incidents import clocks, selectors, services, suspected
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
    # Clock-deciding facts: true / false / null (尚未判斷, the default). false needs decision_reason.
    serious: bool | None = None
    ncc_serious: bool | None = None
    cyber: bool | None = None
    level: int | None = Field(None, ge=1, le=4)
    caused_by_violation: bool | None = None
    decision_reason: str = ""
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
    # Setting one of these to null takes it back to 尚未判斷; false needs decision_reason.
    serious: bool | None = None
    ncc_serious: bool | None = None
    cyber: bool | None = None
    level: int | None = None
    caused_by_violation: bool | None = None
    decision_reason: str | None = None
    contract_notice_hours: int | None = None
    delay_reason: str | None = None


class ClientPeriodOut(Schema):
    """One affected client's contract notice period: ``source`` is ``contract`` (its contract in force),
    ``incident`` (the incident's period for clients whose contract states none) or ``unknown`` (hours
    null: that client's contract deadline is pending and counted as immediate)."""

    client_id: int
    client: str
    hours: int | None
    source: str
    contract_number: str | None


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
    serious: bool | None
    ncc_serious: bool | None
    cyber: bool | None
    level: int | None
    caused_by_violation: bool | None
    triaged_at: dt.datetime | None
    dismiss_reason: str
    contract_notice_hours: int | None
    client_notice_periods: list[ClientPeriodOut]

    @staticmethod
    def resolve_client_ids(obj: Incident) -> list[int]:
        return sorted(c.pk for c in obj.affected_clients.all())

    @staticmethod
    def resolve_client_notice_periods(obj: Incident) -> list[dict[str, Any]]:
        return [
            {
                "client_id": p.client_id,
                "client": p.client_name,
                "hours": p.hours,
                "source": p.source,
                "contract_number": p.contract.number if p.contract else None,
            }
            for p in clocks.client_periods(obj)
        ]


class PendingOut(Schema):
    key: str
    label_zh: str
    label_en: str
    party_id: str | None = None
    answer_url: str


class WarningOut(Schema):
    code: str
    message_zh: str
    message_en: str
    rule_id: str | None = None
    party_id: str | None = None


class DecisionIn(Schema):
    value: bool | int | None = Field(
        None, description="true / false / null（尚未判斷）；資安事件等級為 1–4 或 null"
    )
    reason: str = Field("", description="回答 false 時必填")


class DecisionOut(Schema):
    id: int
    fact: str
    old_value: bool | int | None
    value: bool | int | None
    reason: str
    decided_by: str | None
    decided_at: dt.datetime

    @staticmethod
    def resolve_decided_by(obj: Any) -> str | None:
        return obj.decided_by.username if obj.decided_by else None


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
    explanation_en: str
    due_at: dt.datetime
    verified: bool
    conservative_reading: bool
    status: str
    met_at: dt.datetime | None
    met_by: str
    pending: list[PendingOut]
    pending_zh: str


class SuspectIn(Schema):
    what: str = Field(..., description="發生了什麼事")
    noticed_at: dt.datetime | None = Field(None, description="何時發現（預設為現在）")
    data_items: str = Field("", description="涉及哪些資料")
    contact: str = Field("", description="通報人聯絡方式")


class TriageIn(Schema):
    decision: str = Field(..., description="confirm（確認為事故）或 dismiss（非事故，須附理由）")
    aware_at: dt.datetime | None = Field(None, description="知悉時間（預設為現在）")
    reason: str = ""


class TimelineIn(Schema):
    text: str
    at: dt.datetime | None = None


def _in(language: str, entry: Any) -> str:
    with translation.override(language):
        return str(entry.shown)


class TimelineOut(Schema):
    """A timeline entry. A system entry (``automatic``) is a sentence the system wrote: ``text_zh`` and
    ``text_en`` give it in each language; an entry a person typed reads the same in both."""

    id: int
    at: dt.datetime
    text: str = Field(
        ..., description="內容，依寫入時保存（系統紀錄為當時的中文）；為相容舊版保留 / as stored"
    )
    text_zh: str = Field(..., description="內容（繁體中文） / the entry in Traditional Chinese")
    text_en: str = Field(
        ..., description="內容（英文；人員輸入的紀錄照原文） / the entry in English (typed entries as typed)"
    )
    automatic: bool
    actor: str | None

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return obj.actor.username if obj.actor else None

    @staticmethod
    def resolve_text_zh(obj: Any) -> str:
        return _in(settings.LANGUAGE_CODE, obj)

    @staticmethod
    def resolve_text_en(obj: Any) -> str:
        return _in("en", obj)


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


@router.post("/suspected", response={201: IncidentOut}, summary="通報疑似事件（員工）")
def report_suspected(request: HttpRequest, payload: SuspectIn) -> Any:
    return Status(
        201,
        suspected.report_suspected(
            actor=request.user,
            what=payload.what,
            noticed_at=payload.noticed_at,
            data_items=payload.data_items,
            contact=payload.contact,
        ),
    )


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
                "pending": [
                    {**p, "answer_url": link["url"]}
                    for p, link in zip(row.pending, item["pending"], strict=True)
                ],
            }
        )
    return out


@router.get("/{pk}/warnings", response=list[WarningOut], summary="法規引擎提醒（無法計算或須注意之處）")
def incident_warnings(request: HttpRequest, pk: int) -> Any:
    return _get(request, pk).clock_warnings


@router.get("/{pk}/decisions", response=list[DecisionOut], summary="判斷紀錄（是／否／尚未判斷）")
def incident_decisions(request: HttpRequest, pk: int) -> Any:
    return selectors.decisions(_get(request, pk))


@router.post(
    "/{pk}/facts/{fact}",
    response={200: list[DecisionOut]},
    summary="回答判斷事項（serious、caused_by_violation、cyber、level、ncc_serious）",
)
def decide_fact(request: HttpRequest, pk: int, fact: str, payload: DecisionIn) -> Any:
    incident = _get(request, pk)
    return services.decide_fact(
        actor=request.user, incident=incident, fact=fact, value=payload.value, reason=payload.reason
    )


@router.get("/{pk}/timeline", response=list[TimelineOut], summary="時間軸")
def timeline(request: HttpRequest, pk: int) -> Any:
    return _get(request, pk).timeline.select_related("actor")


@router.post("/{pk}/timeline", response={201: TimelineOut}, summary="新增時間軸紀錄（僅能新增）")
def add_timeline(request: HttpRequest, pk: int, payload: TimelineIn) -> Any:
    incident = _get(request, pk)
    return Status(
        201, services.add_timeline(actor=request.user, incident=incident, text=payload.text, at=payload.at)
    )


@router.post("/{pk}/triage", response=IncidentOut, summary="分流疑似事件：記錄知悉，確認為事故或附理由結案")
def triage(request: HttpRequest, pk: int, payload: TriageIn) -> Any:
    incident = _get(request, pk)
    if payload.decision == "confirm":
        return suspected.triage_confirm(actor=request.user, incident=incident, aware_at=payload.aware_at)
    if payload.decision == "dismiss":
        return suspected.triage_dismiss(
            actor=request.user, incident=incident, reason=payload.reason, aware_at=payload.aware_at
        )
    from django.core.exceptions import ValidationError

    raise ValidationError({"decision": ["decision 須為 confirm 或 dismiss"]})


# Document endpoints (表2, notices to data subjects) register on this router.
from shouhu.incidents import api_documents  # noqa: E402, F401
