"""Data-subject request endpoints: cases, their legal deadline (law engine), decisions, and the marketing
suppression list that marketing systems read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from shouhu.accounts.permissions import require
from shouhu.organization.models import Client
from shouhu.requests import selectors, services
from shouhu.requests.models import SubjectRequest, Suppression

router = Router(tags=["requests"])


class RequestIn(Schema):
    kind: str = Field(
        description="query_or_read / copy / supplement_or_correct / stop_collect_process_use / delete / marketing_refusal"
    )
    received_at: dt.datetime
    channel: str
    requester_name: str
    requester_email: str = ""
    requester_phone: str = ""
    requester_address: str = ""
    by_agent: bool = False
    data_concerned: str = ""
    details: str = ""
    explanation: str = ""
    client_id: int | None = None


class RequestOut(Schema):
    id: int
    number: str
    kind: str
    state: str
    received_at: dt.datetime
    channel: str
    client_id: int | None
    rule_id: str
    legal_basis_zh: str
    due_at: dt.datetime | None
    max_extended_due_at: dt.datetime | None
    extended_at: dt.datetime | None
    current_due_at: dt.datetime | None
    engine_notes: list[str]
    identity_verified_at: dt.datetime | None
    refusal_ground: str
    decided_at: dt.datetime | None
    fee_amount: int | None


class IdentityIn(Schema):
    method: str
    note: str


class ReasonIn(Schema):
    reason: str


class RefuseIn(Schema):
    ground: str
    reason: str = ""


class GrantIn(Schema):
    note: str = ""
    recipients: str = ""


class InstructionIn(Schema):
    text: str
    received_at: dt.datetime | None = None


class ForwardIn(Schema):
    method: str = Field(description="email / download")


class SuppressionOut(Schema):
    kind: str
    value: str
    client_id: int | None
    effective_at: dt.datetime


class SuppressionCheckIn(Schema):
    kind: str = Field(description="email / phone")
    value: str = Field(max_length=254)
    client_id: int | None = None


class SuppressionCheckOut(Schema):
    suppressed: bool
    effective_at: dt.datetime | None


def _get(request: HttpRequest, pk: int) -> SubjectRequest:
    require(request.user, "requests.view")
    return get_object_or_404(SubjectRequest, pk=pk)


@router.get("/", response=list[RequestOut], summary="當事人請求列表")
def list_requests(request: HttpRequest, state: str = "", kind: str = "") -> Any:
    require(request.user, "requests.view")
    return selectors.requests(state=state, kind=kind)


@router.post("/", response={201: RequestOut}, summary="受理當事人請求（期限由法規引擎計算）")
def create_request(request: HttpRequest, payload: RequestIn) -> Any:
    data = payload.dict()
    client_id = data.pop("client_id")
    client = None
    if client_id is not None:
        client = Client.objects.filter(pk=client_id).first()
        if client is None:
            raise ValidationError({"client_id": ["委託者不存在"]})
    return Status(201, services.open_request(actor=request.user, client=client, **data))


@router.get("/suppression", response=list[SuppressionOut], summary="行銷退出名單")
def suppression_list(request: HttpRequest, client_id: int | None = None) -> Any:
    require(request.user, "requests.view")
    return selectors.suppressions(client_id=client_id)


@router.post("/suppression/check", response=SuppressionCheckOut, summary="查詢某電子郵件或電話是否已拒絕行銷")
def suppression_check(request: HttpRequest, payload: SuppressionCheckIn) -> Any:
    require(request.user, "requests.view")
    if payload.kind not in Suppression.Kind.values:
        raise ValidationError({"kind": ["類型須為 email 或 phone"]})
    entry = selectors.is_suppressed(kind=payload.kind, value=payload.value, client_id=payload.client_id)
    return {"suppressed": entry is not None, "effective_at": entry.effective_at if entry else None}


@router.get("/{pk}", response=RequestOut, summary="當事人請求")
def get_request(request: HttpRequest, pk: int) -> Any:
    return _get(request, pk)


@router.post("/{pk}/identity", response=RequestOut, summary="記錄身分驗證")
def verify_identity(request: HttpRequest, pk: int, payload: IdentityIn) -> Any:
    return services.verify_identity(actor=request.user, request=_get(request, pk), **payload.dict())


@router.post("/{pk}/extend", response=RequestOut, summary="延長處理期限（限一次，產生書面通知）")
def extend(request: HttpRequest, pk: int, payload: ReasonIn) -> Any:
    case = _get(request, pk)
    services.extend(actor=request.user, request=case, reason=payload.reason)
    return SubjectRequest.objects.get(pk=pk)


@router.post("/{pk}/refuse", response=RequestOut, summary="拒絕（法定事由，產生通知書）")
def refuse(request: HttpRequest, pk: int, payload: RefuseIn) -> Any:
    return services.refuse(actor=request.user, request=_get(request, pk), **payload.dict())


@router.post("/{pk}/grant", response=RequestOut, summary="准予並完成")
def grant(request: HttpRequest, pk: int, payload: GrantIn) -> Any:
    return services.grant(actor=request.user, request=_get(request, pk), **payload.dict())


@router.post("/{pk}/forward", response={201: dict}, summary="轉交委託者（電子郵件或下載）")
def forward(request: HttpRequest, pk: int, payload: ForwardIn) -> Any:
    done = services.forward_to_client(actor=request.user, request=_get(request, pk), method=payload.method)
    return Status(201, {"id": done.pk, "method": done.method, "document_id": done.document_id})


@router.post("/{pk}/instructions", response={201: dict}, summary="記錄委託者指示")
def instruction(request: HttpRequest, pk: int, payload: InstructionIn) -> Any:
    done = services.log_instruction(actor=request.user, request=_get(request, pk), **payload.dict())
    return Status(201, {"id": done.pk, "received_at": done.received_at.isoformat()})


class LocateIn(Schema):
    identifiers: list[str] = Field(max_length=10, description="身分證字號、電話或電子郵件；不會被儲存")


class LocatedOut(Schema):
    source: str
    location: str
    sheet: str
    column: str
    category: str
    scanned_at: str | None


class LocateOut(Schema):
    locations: list[LocatedOut]
    # null: every scan source was searched; a list: only these departments' sources and the company's —
    # other departments' sources were not searched (a department-scoped officer asked)
    departments_searched: list[str] | None
    all_sources_searched: bool


@router.post("/{pk}/locate", response=LocateOut, summary="查找請求人之個資位置（依掃描結果之金鑰雜湊）")
def locate(request: HttpRequest, pk: int, payload: LocateIn) -> Any:
    case = services.locate_data(
        actor=request.user, request=_get(request, pk), identifiers=payload.identifiers
    )
    return {
        "locations": case.located,
        "departments_searched": case.located_departments,
        "all_sources_searched": case.located_departments is None,
    }
