"""Phishing-drill endpoints: drills (list, one, create, correct, delete) and each drill's results (read)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from shouhu.accounts.permissions import require
from shouhu.core.pagination import BoundedPagination
from shouhu.drills import selectors, services
from shouhu.drills.models import Drill
from shouhu.organization.models import Department

router = Router(tags=["drills"])

MAX_DEPARTMENTS = 500


class DrillOut(Schema):
    id: int
    title: str
    held_on: dt.date
    scenario: str
    audience: str
    department_ids: list[int]
    total: int
    delivered: int
    clicked: int
    submitted: int
    reported: int

    @staticmethod
    def resolve_department_ids(obj: Drill) -> list[int]:
        return sorted(d.pk for d in obj.departments.all())


class DrillIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    held_on: dt.date
    scenario: str = Field(..., min_length=1, max_length=services.MAX_SCENARIO)
    audience: str = Field("", max_length=200)
    department_ids: list[int] = Field([], max_length=MAX_DEPARTMENTS, description="對象部門（空白為全體）")


class DrillPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    held_on: dt.date | None = None
    scenario: str | None = Field(None, min_length=1, max_length=services.MAX_SCENARIO)
    audience: str | None = Field(None, max_length=200)
    department_ids: list[int] | None = Field(None, max_length=MAX_DEPARTMENTS)


class DrillResultOut(Schema):
    person_id: int
    person_name: str = Field(..., alias="person.name")
    department: str | None = Field(None, alias="department.name")
    stage: str
    reported: bool | None
    source: str
    remedial: str = Field(..., description="assigned：已指派補強訓練；leaver：已離職，未指派；空白：不需要")


def _departments(ids: list[int]) -> list[Department]:
    wanted = set(ids)
    found = list(Department.objects.filter(pk__in=wanted))
    if len(found) != len(wanted):
        missing = sorted(wanted - {d.pk for d in found})
        raise ValidationError({"department_ids": "找不到部門（編號 " + "、".join(map(str, missing)) + "）。"})
    return found


def _drill(drill_id: int) -> Drill:
    return get_object_or_404(selectors.drills(), pk=drill_id)


@router.get("/", response=list[DrillOut], summary="社交工程演練")
@paginate(BoundedPagination)
def list_drills(request: HttpRequest) -> Any:
    require(request.user, "drills.view")
    return selectors.drills()


@router.post("/", response={201: DrillOut}, summary="新增演練")
def create_drill(request: HttpRequest, payload: DrillIn) -> Any:
    require(request.user, "drills.manage")
    data = payload.dict(exclude={"department_ids"})
    drill = services.create_drill(
        actor=request.user, departments=_departments(payload.department_ids), **data
    )
    return Status(201, _drill(drill.pk))


@router.get("/{drill_id}", response=DrillOut, summary="一次演練與其結果統計")
def get_drill(request: HttpRequest, drill_id: int) -> Any:
    require(request.user, "drills.view")
    return _drill(drill_id)


@router.patch("/{drill_id}", response=DrillOut, summary="修正演練（已有結果者日期不可晚於今天）")
def patch_drill(request: HttpRequest, drill_id: int, payload: DrillPatch) -> Any:
    require(request.user, "drills.manage")
    drill = _drill(drill_id)
    given = payload.dict(exclude_unset=True)
    empty = sorted(k for k, v in given.items() if v is None)
    if empty:
        raise ValidationError(dict.fromkeys(empty, "不可為空值（不修改時請省略此欄）。"))
    data: dict[str, Any] = {
        "title": drill.title, "held_on": drill.held_on, "scenario": drill.scenario, "audience": drill.audience,
    }  # fmt: skip
    data.update({k: v for k, v in given.items() if k != "department_ids"})
    departments = (
        _departments(given["department_ids"]) if "department_ids" in given else list(drill.departments.all())
    )
    services.update_drill(actor=request.user, drill=drill, departments=departments, **data)
    return _drill(drill_id)


@router.delete("/{drill_id}", response={204: None}, summary="刪除演練（已有結果者須 confirm_results=true）")
def delete_drill(request: HttpRequest, drill_id: int, confirm_results: bool = False) -> Any:
    require(request.user, "drills.manage")
    services.delete_drill(actor=request.user, drill=_drill(drill_id), confirm_results=confirm_results)
    return Status(204, None)


@router.get("/{drill_id}/results", response=list[DrillResultOut], summary="演練各人結果")
@paginate(BoundedPagination)
def list_results(request: HttpRequest, drill_id: int) -> Any:
    require(request.user, "drills.view")
    return selectors.results(_drill(drill_id))
