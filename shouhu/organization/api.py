"""Organisation endpoints: company profile, departments, people, clients."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from shouhu.accounts.permissions import require
from shouhu.core.pagination import BoundedPagination
from shouhu.organization import selectors, services
from shouhu.organization.models import Client, Department, Person

router = Router(tags=["organization"])


class CompanyIn(Schema):
    name: str
    ubn: str
    address: str = ""
    representative: str = ""
    capital_twd: int | None = Field(None, ge=0)
    company_type: str = "corporation"
    industry_code: str = ""
    employees: int | None = Field(None, ge=0)
    head_office_city: str = ""


class CompanyOut(CompanyIn):
    id: int


class DepartmentIn(Schema):
    name: str
    code: str = ""
    parent_id: int | None = None


class DepartmentOut(Schema):
    id: int
    name: str
    code: str
    parent_id: int | None


class PersonIn(Schema):
    name: str
    employee_no: str = ""
    email: str = ""
    phone: str = ""
    department_id: int | None = None
    job_title: str = ""
    manager_id: int | None = None
    active: bool = True


class PersonPatch(Schema):
    name: str | None = None
    employee_no: str | None = None
    email: str | None = None
    phone: str | None = None
    department_id: int | None = None
    job_title: str | None = None
    manager_id: int | None = None
    active: bool | None = None


class PersonOut(Schema):
    id: int
    name: str
    employee_no: str
    email: str
    phone: str
    department_id: int | None
    job_title: str
    manager_id: int | None
    active: bool
    username: str | None = Field(None, alias="user.username")

    @staticmethod
    def resolve_email(obj: Person, context: Any) -> str:
        return obj.email if _may_see_contacts(context, obj) else ""

    @staticmethod
    def resolve_phone(obj: Person, context: Any) -> str:
        return obj.phone if _may_see_contacts(context, obj) else ""

    @staticmethod
    def resolve_employee_no(obj: Person, context: Any) -> str:
        return obj.employee_no if _may_see_contacts(context, obj) else ""

    @staticmethod
    def resolve_username(obj: Person, context: Any) -> str | None:
        if obj.user_id is None or not _may_see_contacts(context, obj):
            return None
        return str(obj.user.username)  # type: ignore[union-attr]


def _may_see_contacts(context: Any, person: Person) -> bool:
    """Colleagues' e-mail, phone, employee number and account need ``org.contacts``; everyone sees their own."""
    request = (context or {}).get("request")
    return selectors.may_see_contacts(getattr(request, "user", None), person)


class ClientIn(Schema):
    name: str
    ubn: str = ""
    industry_code: str = ""
    industry_name: str = ""
    service_types: list[str] = []
    notes: str = ""
    active: bool = True


class ClientOut(ClientIn):
    id: int


def _resolve(data: dict[str, Any]) -> dict[str, Any]:
    """Turn *_id keys into model instances (404 when they do not exist)."""
    out = dict(data)
    if "department_id" in out:
        dep = out.pop("department_id")
        out["department"] = get_object_or_404(Department, pk=dep) if dep else None
    if "manager_id" in out:
        manager = out.pop("manager_id")
        out["manager"] = get_object_or_404(Person, pk=manager) if manager else None
    if "parent_id" in out:
        parent = out.pop("parent_id")
        out["parent"] = get_object_or_404(Department, pk=parent) if parent else None
    return out


@router.get("/company", response={200: CompanyOut, 404: dict}, summary="公司基本資料")
def get_company(request: HttpRequest) -> Any:
    require(request.user, "org.view")
    company = selectors.company()
    return (
        Status(200, company)
        if company
        else Status(404, {"detail": "尚未填寫公司基本資料 / no company profile yet"})
    )


@router.put("/company", response=CompanyOut, summary="建立或更新公司基本資料")
def put_company(request: HttpRequest, payload: CompanyIn) -> Any:
    return services.save_company(actor=request.user, data=payload.dict())  # type: ignore[arg-type]


@router.get("/departments", response=list[DepartmentOut], summary="部門列表")
def list_departments(request: HttpRequest) -> Any:
    require(request.user, "org.view")
    return Department.objects.all()


@router.post("/departments", response={201: DepartmentOut}, summary="新增部門")
def create_department(request: HttpRequest, payload: DepartmentIn) -> Any:
    return Status(201, services.create_department(actor=request.user, data=_resolve(payload.dict())))  # type: ignore[arg-type]


@router.get("/people", response=list[PersonOut], summary="人員列表")
@paginate(BoundedPagination)
def list_people(request: HttpRequest, q: str = "", department_id: int | None = None) -> Any:
    require(request.user, "org.view")
    return selectors.people(actor=request.user, q=q, department_id=department_id, active=None)


@router.post("/people", response={201: PersonOut}, summary="新增人員")
def create_person(request: HttpRequest, payload: PersonIn) -> Any:
    return Status(201, services.create_person(actor=request.user, data=_resolve(payload.dict())))  # type: ignore[arg-type]


@router.get("/people/{person_id}", response=PersonOut, summary="人員資料")
def get_person(request: HttpRequest, person_id: int) -> Any:
    require(request.user, "org.view")
    return get_object_or_404(Person.objects.select_related("user"), pk=person_id)


@router.patch("/people/{person_id}", response=PersonOut, summary="更新人員")
def patch_person(request: HttpRequest, person_id: int, payload: PersonPatch) -> Any:
    person = get_object_or_404(Person, pk=person_id)
    data = _resolve(payload.dict(exclude_unset=True))
    return services.update_person(actor=request.user, person=person, data=data)  # type: ignore[arg-type]


@router.get("/clients", response=list[ClientOut], summary="委託者列表")
@paginate(BoundedPagination)
def list_clients(request: HttpRequest, q: str = "") -> Any:
    require(request.user, "org.view")
    return selectors.clients(q=q)


@router.post("/clients", response={201: ClientOut}, summary="新增委託者")
def create_client(request: HttpRequest, payload: ClientIn) -> Any:
    return Status(201, services.create_client(actor=request.user, data=payload.dict()))  # type: ignore[arg-type]


@router.get("/clients/{client_id}", response=ClientOut, summary="委託者資料")
def get_client(request: HttpRequest, client_id: int) -> Any:
    require(request.user, "org.view")
    return get_object_or_404(Client, pk=client_id)
