"""Writes to the organisation records. Each checks permission, validates, saves and audits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.models import User
from shouhu.accounts.permissions import require
from shouhu.audit.records import create_record, delete_record, update_record
from shouhu.audit.services import record
from shouhu.core.names import same_name
from shouhu.core.validation import check_dates
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
    "representative_person",
    "capital_twd",
    "company_type",
    "industry_code",
    "employees",
    "head_office_city",
)
DEPARTMENT_FIELDS = ("name", "code", "parent")
PERSON_FIELDS = (
    "name",
    "employee_no",
    "email",
    "phone",
    "department",
    "job_title",
    "manager",
    "user",
    "active",
)
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
    data = dict(data)
    person = data.get("representative_person")
    if person is not None:
        if not (data.get("representative") or "").strip():
            data["representative"] = person.name
        elif not same_name(data["representative"], person.name):
            raise ValidationError(
                {"representative_person": _("所選人員（{person}）與登記之代表人姓名（{registered}）不同；請確認後再選擇。").format(
                    person=person.name, registered=data["representative"])}
            )  # fmt: skip
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
            raise ValidationError({"parent": _("上層部門不可為自己或下層部門。")})
        parent = parent.parent
    return update_record(actor=actor, instance=department, data=data, fields=DEPARTMENT_FIELDS)


def delete_department(*, actor: User, department: Department) -> None:
    require(actor, "org.manage")
    try:
        delete_record(actor=actor, instance=department, fields=DEPARTMENT_FIELDS)
    except ProtectedError as exc:
        raise ValidationError(_("此部門仍有人員、下層部門或角色指派，無法刪除。")) from exc


def _check_user_link(person: Person | None, user: User | None) -> None:
    if user is None:
        return
    others = Person.objects.filter(user=user)
    if person is not None:
        others = others.exclude(pk=person.pk)
    other = others.first()
    if other is not None:
        raise ValidationError({"user": _("此帳號已連結至 {name}，不可共用帳號。").format(name=other.name)})


def _check_manager(person: Person | None, manager: Person | None) -> None:
    """A person is not their own manager, nor the manager of anyone above them."""
    seen: set[int] = set()
    current = manager
    while current is not None and current.pk not in seen:
        if person is not None and current.pk == person.pk:
            raise ValidationError({"manager": _("直屬主管不可是本人或其下屬。")})
        seen.add(current.pk)
        current = current.manager


def create_person(*, actor: User, data: Mapping[str, Any]) -> Person:
    require(actor, "org.manage")
    _check_user_link(None, data.get("user"))
    _check_manager(None, data.get("manager"))
    return create_record(actor=actor, model=Person, data=data, fields=PERSON_FIELDS)


def update_person(*, actor: User, person: Person, data: Mapping[str, Any]) -> Person:
    require(actor, "org.manage")
    _check_user_link(person, data.get("user", person.user))
    _check_manager(person, data.get("manager", person.manager))
    return update_record(actor=actor, instance=person, data=data, fields=PERSON_FIELDS)


@transaction.atomic
def create_account_for_person(*, actor: User, person: Person, username: str, password: str) -> User:
    """Create the person's own user account (first sign-in forces a password change)."""
    from shouhu.accounts.services.users import create_user

    require(actor, "accounts.manage")
    if person.user_id:
        raise ValidationError(_("此人員已有帳號。"))
    if not person.email:
        raise ValidationError(_("請先填寫此人員的電子郵件（用於密碼重設）。"))
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


# The account role that goes with each 總負責人 designation (one source of truth: the designation).
DESIGNATION_ROLES = {Designation.Kind.PRIVACY: "pd_chief", Designation.Kind.SECURITY: "is_chief"}


def _sync_chief_role(*, actor: User, designation: Designation, previous: list[Designation]) -> str | None:
    """Give the designated person's account the matching role and end it for the people replaced.

    The role writes are the consequence of this permitted designation (so they run without the
    accounts.manage check) and are audited here with the real actor. Returns a warning when the
    person has no account to hold the role.
    """
    from shouhu.accounts.models import RoleAssignment
    from shouhu.accounts.services.users import assign_role, end_role

    role = DESIGNATION_ROLES[Designation.Kind(designation.kind)]
    today = designation.since
    granted, ended = [], []
    new_user = designation.person.user
    for old in previous:
        user = old.person.user
        if user is None or (new_user is not None and user.pk == new_user.pk):
            continue
        for assignment in RoleAssignment.objects.filter(user=user, role=role, ends_on__isnull=True):
            end_role(actor=None, assignment=assignment, ends_on=max(today, assignment.starts_on))
            ended.append(user.username)
    if new_user is not None:
        held = RoleAssignment.objects.filter(user=new_user, role=role, starts_on__lte=today).exclude(
            ends_on__lt=today
        )
        if not held.exists():
            assign_role(actor=None, user=new_user, role=role, starts_on=today)
            granted.append(new_user.username)
    if granted or ended:
        record(actor=actor, action="organization.designation_role_synced", obj=designation,
               changes={"role": [role, role], "granted": [None, granted], "ended": [None, ended]})  # fmt: skip
    if new_user is None:
        return "此人員尚無帳號，無法授予對應之總負責人角色；請先為其建立帳號（建立後重新指定即可同步角色）。"
    return None


def designate(*, actor: User, data: Mapping[str, Any]) -> tuple[Designation, str | None]:
    """Record a 總負責人; ends the previous designation of the same kind and keeps the matching account
    role (個資保護總負責人 / 資安總負責人) with the designated person only. Returns a warning, if any."""
    require(actor, "org.manage")
    with transaction.atomic():
        since = data.get("since") or timezone.localdate()
        data = {**data, "since": since}
        check_dates({"since": ("指定日期", since)})  # before it ends the previous designation on that day
        previous = list(
            Designation.objects.filter(kind=data.get("kind"), until__isnull=True).select_related(
                "person__user"
            )
        )
        for old in previous:
            update_record(actor=actor, instance=old, data={"until": since}, fields=["until"])
        designation = create_record(
            actor=actor, model=Designation, data=data, fields=DESIGNATION_FIELDS, past=("since",)
        )
        role_warning = _sync_chief_role(actor=actor, designation=designation, previous=previous)
    warnings = [w for w in (position_warning(designation.position), role_warning) if w]
    return designation, "\n".join(warnings) or None


def _clean_service_types(data: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(data)
    if "service_types" in out:
        types = list(dict.fromkeys(out["service_types"] or []))
        unknown = [t for t in types if t not in ServiceType.values]
        if unknown:
            raise ValidationError(
                {"service_types": _("未知的服務類型：{value}").format(value=", ".join(unknown))}
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
