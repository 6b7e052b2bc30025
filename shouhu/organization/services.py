"""Writes to the organisation records. Each checks permission, validates, saves and audits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from shouhu.accounts.models import User
from shouhu.accounts.permissions import require
from shouhu.audit.records import create_record, delete_record, update_record
from shouhu.organization.models import (
    Client,
    ClientContact,
    CompanyProfile,
    Department,
    Designation,
    Person,
    ServiceType,
)

COMPANY_FIELDS = (
    "name",
    "ubn",
    "address",
    "representative",
    "capital_twd",
    "company_type",
    "industry_code",
    "employees",
    "head_office_city",
)
DEPARTMENT_FIELDS = ("name", "code", "parent")
PERSON_FIELDS = ("name", "employee_no", "email", "phone", "department", "job_title", "user", "active")
CLIENT_FIELDS = ("name", "ubn", "industry_code", "industry_name", "service_types", "notes", "active")
CONTACT_FIELDS = ("client", "name", "title", "email", "phone", "is_security_contact")
DESIGNATION_FIELDS = ("kind", "person", "position", "since", "until")

# Positions the guideline names for 總負責人 (第二章); 法務長 is acceptable for small firms.
SENIOR_POSITIONS = (
    "總經理",
    "代表人",
    "董事長",
    "副總經理",
    "法遵長",
    "總稽核",
    "資安長",
    "執行長",
    "營運長",
    "技術長",
)
SMALL_FIRM_POSITIONS = ("法務長",)


@transaction.atomic
def save_company(*, actor: User, data: Mapping[str, Any]) -> CompanyProfile:
    require(actor, "org.manage")
    company = CompanyProfile.objects.select_for_update().first()
    if company is None:
        return create_record(actor=actor, model=CompanyProfile, data=data, fields=COMPANY_FIELDS)
    return update_record(actor=actor, instance=company, data=data, fields=COMPANY_FIELDS)


def create_department(*, actor: User, data: Mapping[str, Any]) -> Department:
    require(actor, "org.manage")
    return create_record(actor=actor, model=Department, data=data, fields=DEPARTMENT_FIELDS)


def update_department(*, actor: User, department: Department, data: Mapping[str, Any]) -> Department:
    require(actor, "org.manage")
    parent = data.get("parent")
    while parent is not None:
        if parent.pk == department.pk:
            raise ValidationError(
                {"parent": "上層部門不可為自己或下層部門。/ A department cannot be its own ancestor."}
            )
        parent = parent.parent
    return update_record(actor=actor, instance=department, data=data, fields=DEPARTMENT_FIELDS)


def delete_department(*, actor: User, department: Department) -> None:
    require(actor, "org.manage")
    try:
        delete_record(actor=actor, instance=department, fields=DEPARTMENT_FIELDS)
    except ProtectedError as exc:
        raise ValidationError(
            "此部門仍有人員、下層部門或角色指派，無法刪除。/ Department still in use."
        ) from exc


def _check_user_link(person: Person | None, user: User | None) -> None:
    if user is None:
        return
    others = Person.objects.filter(user=user)
    if person is not None:
        others = others.exclude(pk=person.pk)
    other = others.first()
    if other is not None:
        raise ValidationError(
            {
                "user": f"此帳號已連結至 {other.name}，不可共用帳號。/ Account already linked (no shared accounts)."
            }
        )


def create_person(*, actor: User, data: Mapping[str, Any]) -> Person:
    require(actor, "org.manage")
    _check_user_link(None, data.get("user"))
    return create_record(actor=actor, model=Person, data=data, fields=PERSON_FIELDS)


def update_person(*, actor: User, person: Person, data: Mapping[str, Any]) -> Person:
    require(actor, "org.manage")
    _check_user_link(person, data.get("user", person.user))
    return update_record(actor=actor, instance=person, data=data, fields=PERSON_FIELDS)


@transaction.atomic
def create_account_for_person(*, actor: User, person: Person, username: str, password: str) -> User:
    """Create the person's own user account (first sign-in forces a password change)."""
    from shouhu.accounts.services.users import create_user

    require(actor, "accounts.manage")
    if person.user_id:
        raise ValidationError("此人員已有帳號。/ This person already has an account.")
    if not person.email:
        raise ValidationError("請先填寫此人員的電子郵件（用於密碼重設）。/ Add the person's e-mail first.")
    first = person.name
    user = create_user(
        actor=actor,
        username=username,
        email=person.email,
        password=password,
        first_name=first,
        must_change_password=True,
    )
    update_record(actor=actor, instance=person, data={"user": user}, fields=["user"])
    return user


def position_warning(position: str) -> str | None:
    """A zh-TW warning when the position is not one the guideline names as senior enough."""
    text = position.strip()
    if any(p in text for p in SENIOR_POSITIONS):
        return None
    if any(p in text for p in SMALL_FIRM_POSITIONS):
        return "指引建議由高階主管擔任；法務長僅適用於小型企業。/ 法務長 is acceptable only for small firms."
    return (
        "指引建議由總經理、代表人、副總經理、法遵長、總稽核或資安長等高階主管擔任（小型企業可由法務長擔任）。"
        " / The guideline expects a senior executive."
    )


def designate(*, actor: User, data: Mapping[str, Any]) -> tuple[Designation, str | None]:
    """Record a 總負責人; ends the previous designation of the same kind. Returns the position warning."""
    require(actor, "org.manage")
    with transaction.atomic():
        since = data.get("since") or timezone.localdate()
        data = {**data, "since": since}
        for old in Designation.objects.filter(kind=data.get("kind"), until__isnull=True):
            update_record(actor=actor, instance=old, data={"until": since}, fields=["until"])
        designation = create_record(actor=actor, model=Designation, data=data, fields=DESIGNATION_FIELDS)
    return designation, position_warning(designation.position)


def _clean_service_types(data: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(data)
    if "service_types" in out:
        types = list(dict.fromkeys(out["service_types"] or []))
        unknown = [t for t in types if t not in ServiceType.values]
        if unknown:
            raise ValidationError(
                {"service_types": f"未知的服務類型：{', '.join(unknown)} / unknown service type"}
            )
        out["service_types"] = types
    return out


def create_client(*, actor: User, data: Mapping[str, Any]) -> Client:
    require(actor, "org.manage")
    return create_record(actor=actor, model=Client, data=_clean_service_types(data), fields=CLIENT_FIELDS)


def update_client(*, actor: User, client: Client, data: Mapping[str, Any]) -> Client:
    require(actor, "org.manage")
    return update_record(actor=actor, instance=client, data=_clean_service_types(data), fields=CLIENT_FIELDS)


def add_client_contact(*, actor: User, client: Client, data: Mapping[str, Any]) -> ClientContact:
    require(actor, "org.manage")
    return create_record(
        actor=actor, model=ClientContact, data={**data, "client": client}, fields=CONTACT_FIELDS
    )


def remove_client_contact(*, actor: User, contact: ClientContact) -> None:
    require(actor, "org.manage")
    delete_record(actor=actor, instance=contact, fields=CONTACT_FIELDS)
