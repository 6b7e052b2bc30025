"""Inventory endpoints: systems, personal-data files, notices, consumer-record totals."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from shouhu.accounts.permissions import require, signed_in_user
from shouhu.core.pagination import BoundedPagination
from shouhu.inventory import selectors, services
from shouhu.inventory.models import SEEDED, Category, Notice, PersonalDataFile, Purpose, RefStatus, System
from shouhu.inventory.reference import WITHHELD
from shouhu.inventory.widgets import UNVERIFIED
from shouhu.organization.models import Client, Department

router = Router(tags=["inventory"])


class SystemIn(Schema):
    name: str
    kind: str
    owner: str = ""
    department_id: int | None = None
    location: str
    cloud_provider: str = ""
    region: str = ""
    network_zone: str
    holds_real_data: bool = False
    hosting: str = "self"
    client_ids: list[int] = []
    notes: str = ""


class SystemOut(Schema):
    id: int
    name: str
    kind: str
    owner: str
    department_id: int | None
    location: str
    cloud_provider: str
    region: str
    network_zone: str
    holds_real_data: bool
    hosting: str
    client_ids: list[int]
    notes: str

    @staticmethod
    def resolve_client_ids(obj: System) -> list[int]:
        return sorted(c.pk for c in obj.clients.all())


class FileIn(Schema):
    name: str
    department_id: int
    business_process: str = ""
    source_forms: str = ""
    role: str = "controller"
    client_id: int | None = None
    data_subjects: list[str]
    data_subjects_other: str = ""
    purpose_codes: list[str] = []
    custom_purposes: list[str] = []
    category_codes: list[str]
    legal_bases: list[str]
    special_categories: list[str] = []
    records_general: int = 0
    records_special: int = 0
    counted_on: dt.date | None = None
    system_ids: list[int] = []
    storage_locations: str = ""
    cross_border: bool = False
    countries: list[str] = []
    retention_period: str = ""
    retention_basis: str = ""
    lifecycle_collection: str = ""
    lifecycle_processing: str = ""
    lifecycle_use: str = ""
    lifecycle_deletion: str = ""
    notice_given: bool = False
    notice_reference: str = ""


class FileOut(Schema):
    id: int
    name: str
    department_id: int
    business_process: str
    role: str
    client_id: int | None
    data_subjects: list[str]
    purpose_codes: list[str]
    category_codes: list[str]
    legal_bases: list[str]
    special_categories: list[str]
    records_general: int
    records_special: int
    counted_on: dt.date | None
    system_ids: list[int]
    cross_border: bool
    countries: list[str]
    retention_period: str
    notice_given: bool

    @staticmethod
    def resolve_purpose_codes(obj: PersonalDataFile) -> list[str]:
        return [p.code or f"自訂：{p.name}" for p in obj.purposes.all()]

    @staticmethod
    def resolve_category_codes(obj: PersonalDataFile) -> list[str]:
        return [c.code for c in obj.categories.all()]

    @staticmethod
    def resolve_system_ids(obj: PersonalDataFile) -> list[int]:
        return [s.pk for s in obj.systems.all()]


class NoticeIn(Schema):
    kind: str = "art8"
    data_source: str = ""


class NoticeEdit(Schema):
    text: str


class NoticeOut(Schema):
    id: int
    file_id: int
    version: int
    kind: str
    data_source: str
    text: str
    generated: bool
    created_at: dt.datetime


class ClientTotalOut(Schema):
    client_id: int
    client_name: str
    records: int
    files: int
    oldest_count: dt.date | None


class TotalsOut(Schema):
    own: int
    company: int
    per_client: list[ClientTotalOut]
    uncounted_files: int
    scoped: bool = Field(
        description="true: summed over the reader's departments and the company-wide files only (a department-scoped officer)"
    )


class CodeMarksOut(Schema):
    """How far a code's wording can be relied on (the same marks as the reference page)."""

    status: str = Field(description="listed | missing | admin | custom (who set the name)")
    status_label: str
    unverified: bool = Field(description="true: 「文字待查證」 — the wording is in one transcription only")
    admin_edited: bool = Field(description="true: an administrator entered the wording with its source")
    withheld: bool = Field(description="true: the shared transcription lists the code, but it is not shipped")
    withheld_reason: str
    verification: str = Field(description="two-source | single-source | empty")
    transcribed_from: list[str] = Field(description="the published copies the shipped wording was read from")
    note: str = Field(description="the transcription's caveats (English)")
    source: str
    version: str


class PurposeOut(CodeMarksOut):
    code: str | None = Field(description="3-digit MOJ code; null for the company's own purpose")
    name: str = Field(description="empty while the code is 「尚未收錄」")


class CategoryOut(CodeMarksOut):
    code: str
    name: str
    group: str
    special: bool = Field(description="a PDPA Art. 6 special category")
    special_basis: str = Field(
        description="the article that makes it special, e.g. 個人資料保護法第6條第1項（性生活）"
    )


def _marks(item: Purpose | Category) -> dict[str, Any]:
    withheld = (
        isinstance(item, Purpose) and item.status == RefStatus.MISSING and (item.code or "") in WITHHELD
    )
    return {
        "status_label": item.get_status_display(),
        "unverified": item.status in SEEDED and item.verification == UNVERIFIED,
        "admin_edited": item.status == RefStatus.ADMIN,
        "withheld": withheld,
        "withheld_reason": str(WITHHELD[item.code or ""]) if withheld else "",
        "transcribed_from": [c.strip() for c in item.transcribed_from.split(" | ") if c.strip()],
    }


def _purpose_out(p: Purpose) -> dict[str, Any]:
    fields = ("code", "name", "status", "verification", "note", "source", "version")
    return {**{f: getattr(p, f) for f in fields}, **_marks(p)}


def _category_out(c: Category) -> dict[str, Any]:
    fields = ("code", "name", "group", "status", "verification", "note", "source", "version", "special")
    return {**{f: getattr(c, f) for f in (*fields, "special_basis")}, **_marks(c)}


def _system_data(payload: SystemIn) -> tuple[dict[str, Any], list[Client]]:
    data = payload.dict(exclude={"client_ids", "department_id"})
    data["department"] = (
        get_object_or_404(Department, pk=payload.department_id) if payload.department_id else None
    )
    clients = list(Client.objects.filter(pk__in=payload.client_ids))
    return data, clients


def _file_data(payload: FileIn) -> dict[str, Any]:
    data = payload.dict(
        exclude={
            "department_id",
            "client_id",
            "purpose_codes",
            "custom_purposes",
            "category_codes",
            "system_ids",
        }
    )
    data["department"] = get_object_or_404(Department, pk=payload.department_id)
    data["client"] = get_object_or_404(Client, pk=payload.client_id) if payload.client_id else None
    purposes = list(Purpose.objects.filter(code__in=payload.purpose_codes))
    purposes += list(Purpose.objects.filter(code__isnull=True, name__in=payload.custom_purposes))
    categories = list(Category.objects.filter(code__in=[c.upper() for c in payload.category_codes]))
    from django.core.exceptions import ValidationError

    unknown = set(payload.purpose_codes) - {p.code for p in purposes}
    unknown_c = {c.upper() for c in payload.category_codes} - {c.code for c in categories}
    if unknown or unknown_c:
        raise ValidationError({"purposes": [f"未知的代碼：{'、'.join(sorted(unknown | unknown_c))}"]})
    data.update(
        purposes=purposes,
        categories=categories,
        systems=list(System.objects.filter(pk__in=payload.system_ids)),
    )
    return data


T = TypeVar("T")


def _found(obj: T | None) -> T:
    """A record the reader may open, or 404 (another department's record is not found for them)."""
    if obj is None:
        raise Http404
    return obj


@router.get("/systems", response=list[SystemOut], summary="系統與資產列表")
@paginate(BoundedPagination)
def list_systems(request: HttpRequest, q: str = "") -> Any:
    require(request.user, "inventory.view")
    return selectors.systems(actor=request.user, q=q).prefetch_related("clients")


@router.post("/systems", response={201: SystemOut}, summary="新增系統與資產")
def create_system(request: HttpRequest, payload: SystemIn) -> Any:
    data, clients = _system_data(payload)
    return Status(201, services.create_system(actor=signed_in_user(request), data=data, clients=clients))


@router.get("/systems/{system_id}", response=SystemOut, summary="系統與資產")
def get_system(request: HttpRequest, system_id: int) -> Any:
    require(request.user, "inventory.view")
    return _found(selectors.system_by_pk(system_id, actor=request.user))


@router.put("/systems/{system_id}", response=SystemOut, summary="更新系統與資產")
def put_system(request: HttpRequest, system_id: int, payload: SystemIn) -> Any:
    system = get_object_or_404(System, pk=system_id)
    data, clients = _system_data(payload)
    return services.update_system(actor=signed_in_user(request), system=system, data=data, clients=clients)


@router.get("/files", response=list[FileOut], summary="個人資料檔案列表")
@paginate(BoundedPagination)
def list_files(
    request: HttpRequest,
    q: str = "",
    department_id: int | None = None,
    role: str = "",
    client_id: int | None = None,
) -> Any:
    require(request.user, "inventory.view")
    return selectors.files(
        actor=request.user, q=q, department_id=department_id, role=role, client_id=client_id
    ).prefetch_related("purposes", "categories", "systems")


@router.post("/files", response={201: FileOut}, summary="新增個人資料檔案")
def create_file(request: HttpRequest, payload: FileIn) -> Any:
    return Status(201, services.create_file(actor=signed_in_user(request), data=_file_data(payload)))


@router.get("/files/{file_id}", response=FileOut, summary="個人資料檔案")
def get_file(request: HttpRequest, file_id: int) -> Any:
    require(request.user, "inventory.view")
    return _found(selectors.file_by_pk(file_id, actor=request.user))


@router.put("/files/{file_id}", response=FileOut, summary="更新個人資料檔案")
def put_file(request: HttpRequest, file_id: int, payload: FileIn) -> Any:
    pd_file = get_object_or_404(PersonalDataFile, pk=file_id)
    return services.update_file(actor=signed_in_user(request), pd_file=pd_file, data=_file_data(payload))


@router.get("/files/{file_id}/notices", response=list[NoticeOut], summary="告知事項版本")
def list_notices(request: HttpRequest, file_id: int) -> Any:
    require(request.user, "inventory.view")
    return _found(selectors.file_by_pk(file_id, actor=request.user)).notices.all()


@router.post(
    "/files/{file_id}/notices", response={201: NoticeOut}, summary="產生告知事項（個資法第 8／9 條）"
)
def generate_notice(request: HttpRequest, file_id: int, payload: NoticeIn) -> Any:
    pd_file = get_object_or_404(PersonalDataFile, pk=file_id)
    notice = services.generate_notice(
        actor=signed_in_user(request),
        pd_file=pd_file,
        kind=payload.kind,
        data_source=payload.data_source,
    )
    return Status(201, notice)


@router.post("/notices/{notice_id}/versions", response={201: NoticeOut}, summary="編輯告知事項（另存新版）")
def revise_notice(request: HttpRequest, notice_id: int, payload: NoticeEdit) -> Any:
    notice = get_object_or_404(Notice.objects.select_related("file"), pk=notice_id)
    return Status(
        201, services.revise_notice(actor=signed_in_user(request), notice=notice, text=payload.text)
    )


@router.get("/totals", response=TotalsOut, summary="消費者個資筆數（每一委託者與全公司）")
def totals(request: HttpRequest) -> Any:
    require(request.user, "inventory.view")
    return selectors.consumer_record_totals(actor=request.user)


@router.get("/reference/purposes", response=list[PurposeOut], summary="特定目的（法務部代碼與自訂）與其標示")
@paginate(BoundedPagination)
def list_reference_purposes(request: HttpRequest) -> Any:
    require(request.user, "inventory.view")
    return [_purpose_out(p) for p in selectors.reference_purposes()]


@router.get("/reference/categories", response=list[CategoryOut], summary="個人資料類別（法務部代碼）與其標示")
@paginate(BoundedPagination)
def list_reference_categories(request: HttpRequest) -> Any:
    require(request.user, "inventory.view")
    return [_category_out(c) for c in selectors.reference_categories()]
