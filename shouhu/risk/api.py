"""Risk register endpoints: risks, re-assessment, history, actions and the heat-map counts."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from shouhu.accounts.permissions import require, signed_in_user
from shouhu.core.pagination import BoundedPagination
from shouhu.inventory import selectors as inventory_selectors
from shouhu.risk import selectors, services
from shouhu.risk.models import Risk

router = Router(tags=["risk"])


class RiskIn(Schema):
    scope: str
    system_id: int | None = None
    file_id: int | None = None
    activity: str = ""
    threat: str
    description: str = ""
    likelihood: int
    impact: int
    existing_controls: str = ""
    control_items: list[str] = []
    treatment: str = ""
    accepted_by: str = ""
    accepted_on: dt.date | None = None
    residual_likelihood: int | None = None
    residual_impact: int | None = None
    owner: str = ""
    assessed_on: dt.date | None = None
    next_review: dt.date | None = None


class ReassessIn(Schema):
    likelihood: int
    impact: int
    treatment: str = ""
    accepted_by: str = ""
    accepted_on: dt.date | None = None
    residual_likelihood: int | None = None
    residual_impact: int | None = None
    assessed_on: dt.date | None = None
    next_review: dt.date | None = None
    note: str = ""


class RiskOut(Schema):
    id: int
    scope: str
    system_id: int | None
    file_id: int | None
    department_id: int | None
    activity: str
    threat: str
    description: str
    likelihood: int
    impact: int
    inherent_score: int
    existing_controls: str
    control_items: list[str]
    treatment: str
    accepted_by: str
    accepted_on: dt.date | None
    residual_likelihood: int | None
    residual_impact: int | None
    residual_score: int | None
    owner: str
    assessed_on: dt.date
    next_review: dt.date | None
    version: int


class RiskAssessmentOut(Schema):
    version: int
    assessed_on: dt.date
    likelihood: int
    impact: int
    inherent_score: int
    residual_score: int | None
    treatment: str
    note: str


class ActionIn(Schema):
    description: str
    owner: str
    due_date: dt.date


class ActionOut(ActionIn):
    id: int
    status: str
    done_on: dt.date | None


class CellOut(Schema):
    likelihood: int
    impact: int
    inherent: int
    residual: int


@router.get("/risks", response=list[RiskOut], summary="風險評估清冊")
@paginate(BoundedPagination)
def list_risks(
    request: HttpRequest, q: str = "", scope: str = "", threat: str = "", treatment: str = ""
) -> Any:
    require(request.user, "risk.view")
    return selectors.risks(actor=request.user, q=q, scope=scope, threat=threat, treatment=treatment)


T = TypeVar("T")


def _found(obj: T | None) -> T:
    if obj is None:
        raise Http404
    return obj


@router.post("/risks", response={201: RiskOut}, summary="新增風險")
def create_risk(request: HttpRequest, payload: RiskIn) -> Any:
    data = payload.dict(exclude={"system_id", "file_id"}, exclude_none=False)
    if data.get("assessed_on") is None:
        data.pop("assessed_on")
    data["system"] = (
        _found(inventory_selectors.system_by_pk(payload.system_id, actor=request.user))
        if payload.system_id
        else None
    )
    data["file"] = (
        _found(inventory_selectors.file_by_pk(payload.file_id, actor=request.user))
        if payload.file_id
        else None
    )
    return Status(201, services.create_risk(actor=signed_in_user(request), data=data))


@router.get("/risks/{risk_id}", response=RiskOut, summary="風險")
def get_risk(request: HttpRequest, risk_id: int) -> Any:
    require(request.user, "risk.view")
    return _found(selectors.risk_by_pk(risk_id, actor=request.user))


@router.post("/risks/{risk_id}/assessments", response={201: RiskOut}, summary="重新評估（保留歷程）")
def reassess(request: HttpRequest, risk_id: int, payload: ReassessIn) -> Any:
    risk = get_object_or_404(Risk, pk=risk_id)
    data = payload.dict(exclude={"note"})
    if data.get("assessed_on") is None:
        data.pop("assessed_on")
    return Status(
        201, services.reassess(actor=signed_in_user(request), risk=risk, data=data, note=payload.note)
    )


@router.get("/risks/{risk_id}/assessments", response=list[RiskAssessmentOut], summary="評估歷程")
def history(request: HttpRequest, risk_id: int) -> Any:
    require(request.user, "risk.view")
    return selectors.history(_found(selectors.risk_by_pk(risk_id, actor=request.user)))


@router.post("/risks/{risk_id}/actions", response={201: ActionOut}, summary="新增處理措施")
def add_action(request: HttpRequest, risk_id: int, payload: ActionIn) -> Any:
    risk = get_object_or_404(Risk, pk=risk_id)
    return Status(201, services.add_action(actor=signed_in_user(request), risk=risk, data=payload.dict()))


@router.get("/heatmap", response=list[CellOut], summary="熱圖：各格的固有與殘餘風險數")
def heatmap(request: HttpRequest) -> Any:
    require(request.user, "risk.view")
    inherent, residual = selectors.heat_counts(selectors.risks(actor=request.user))
    cells = sorted(set(inherent) | set(residual))
    return [
        {
            "likelihood": li,
            "impact": im,
            "inherent": inherent.get((li, im), 0),
            "residual": residual.get((li, im), 0),
        }
        for li, im in cells
    ]
