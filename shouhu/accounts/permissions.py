"""Permission checks used by every service: roles → permission codes, with per-department scope."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.roles import (
    DEPARTMENT_SCOPED,
    DEPARTMENT_SCOPED_READS,
    MFA_REQUIRED_ROLES,
    PERM_LABELS,
    PERMISSIONS,
    Role,
)

M = TypeVar("M", bound=Model)


def today() -> dt.date:
    return timezone.localdate()


def active_assignments(user: Any, on: dt.date | None = None) -> list[Any]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    day = on or today()
    cache = getattr(user, "_shouhu_assignments", None)
    if cache is None or cache[0] != day:
        rows = [a for a in user.role_assignments.all() if a.active_on(day)]
        user._shouhu_assignments = (day, rows)
        return rows
    return list(cache[1])


def user_roles(user: Any, on: dt.date | None = None) -> set[str]:
    roles = {a.role for a in active_assignments(user, on)}
    if getattr(user, "is_superuser", False):
        roles.add(Role.ADMIN)
    return roles


def has_perm(user: Any, perm: str, *, department_id: int | None = None, company_wide: bool = False) -> bool:
    """Whether ``user`` holds ``perm``.

    A 個資管理專員 assigned to one department holds the department-scoped permissions only for that
    department: not for another department's records (``department_id``) and not for company-wide
    settings or records without a department (``company_wide``). Without either, the question is
    "may the user do this somewhere" (menus, list pages).
    """
    for assignment in active_assignments(user):
        if perm in PERMISSIONS.get(assignment.role, frozenset()):
            scoped = (
                perm in DEPARTMENT_SCOPED and assignment.role == Role.PD_OFFICER and assignment.department_id
            )
            if scoped and (
                company_wide or (department_id is not None and assignment.department_id != department_id)
            ):
                continue
            return True
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


def readable_departments(user: Any, perm: str) -> frozenset[int] | None:
    """The departments whose records ``user`` reads with ``perm``: ``None`` means every department (a
    company-wide role, an auditor, an administrator); a set means those departments' records plus the
    records of the whole company (without a department). Only the reads in ``DEPARTMENT_SCOPED_READS``
    are narrowed, and only for a 個資管理專員 assigned to departments."""
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return None
    departments: set[int] = set()
    for assignment in active_assignments(user):
        if perm not in PERMISSIONS.get(assignment.role, frozenset()):
            continue
        if (
            perm in DEPARTMENT_SCOPED_READS
            and assignment.role == Role.PD_OFFICER
            and assignment.department_id
        ):
            departments.add(assignment.department_id)
        else:
            return None
    return frozenset(departments)


def may_read(user: Any, perm: str, department_id: int | None) -> bool:
    """Whether ``user`` reads a record of ``department_id`` (``None``: a record of the whole company)."""
    if not has_perm(user, perm):
        return False
    departments = readable_departments(user, perm)
    return departments is None or department_id is None or department_id in departments


def may_link(user: Any, perm: str, department_id: int | None) -> bool:
    """Whether ``user`` may link a record of ``department_id`` to what they write (a scan source's files,
    a log source's system): only one they read with ``perm``. Without a signed-in user (the demo, jobs) the
    system links anything."""
    if not getattr(user, "is_authenticated", False):
        return True
    return may_read(user, perm, department_id)


def scope_reads(qs: QuerySet[M], user: Any, perm: str, *, field: str = "department") -> QuerySet[M]:
    """``qs`` narrowed to the records ``user`` may read with ``perm``: those whose ``field`` (a department
    foreign key, or a path to one) is a department the user reads, or empty (a record of the whole company)."""
    departments = readable_departments(user, perm)
    if departments is None:
        return qs
    return qs.filter(Q(**{f"{field}__in": departments}) | Q(**{f"{field}__isnull": True}))


def reads_whole_company(user: Any) -> bool:
    """Whether ``user`` reads the records of every department (a company-wide role, an auditor, an
    administrator) — not a 個資管理專員 assigned to departments, nor a role without those reads."""
    return all(
        has_perm(user, perm) and readable_departments(user, perm) is None for perm in DEPARTMENT_SCOPED_READS
    )


def require_whole_company(user: Any, perm: str) -> None:
    """A document that covers the whole company (the plan, the 附錄三 package, the implementation report):
    ``perm`` and the reads of every department, else PermissionDenied saying so."""
    require(user, perm)
    if not reads_whole_company(user):
        raise PermissionDenied(
            _(
                "這份文件涵蓋全公司各部門的個人資料檔案、系統、風險與佐證資料，僅限可檢視全公司資料的角色"
                "（系統管理員、總負責人、稽核人員或不限部門的個資管理專員）。"
            )
        )


def require_for_department(user: Any, perm: str, department_id: int | None) -> None:
    """A write to a record of ``department_id``; ``None`` is a record of the whole company, which a
    department-scoped officer may not write."""
    require(user, perm, department_id=department_id, company_wide=department_id is None)


def denied_message(user: Any, perm: str) -> str:
    """Why ``user`` may not do ``perm``, in words (never the internal code)."""
    label = PERM_LABELS.get(perm)
    if label is None:
        return _("您沒有權限執行此操作。")
    if has_perm(user, perm):  # held, but only for the officer's own departments
        return _("您僅能在所屬部門內{action}；這筆紀錄或設定屬於其他部門或全公司。").format(action=label)
    return _("您沒有{action}的權限。").format(action=label)


def require(user: Any, perm: str, *, department_id: int | None = None, company_wide: bool = False) -> None:
    """Raise PermissionDenied (with a zh-TW message) unless ``user`` holds ``perm``."""
    if not has_perm(user, perm, department_id=department_id, company_wide=company_wide):
        raise PermissionDenied(denied_message(user, perm))


def mfa_required(user: Any) -> bool:
    from django.conf import settings

    if settings.SHOUHU_MFA_REQUIRED_FOR_ALL:
        return True
    return bool(user_roles(user) & MFA_REQUIRED_ROLES)


def signed_in_user(request: Any) -> Any:
    """The request's user as an authenticated ``User`` (views are behind login_required)."""
    from shouhu.accounts.models import User

    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied(_("請先登入。"))
    return user
