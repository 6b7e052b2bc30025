"""Role × object matrix for writes: scope means scope.

A 個資管理專員 assigned to one department writes that department's records only: not another
department's, not records without a department, and not the company's risk matrix.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from shouhu.accounts.models import User
from shouhu.inventory import services as inventory
from shouhu.inventory.models import System
from shouhu.risk import services
from shouhu.risk.scoring import current_matrix
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.risk.test_register import system_risk

ROLES = ("admin", "pd_chief", "is_chief", "pd_officer", "it_officer", "auditor", "staff")


def _actor(role: str, org: dict[str, Any]) -> User:
    user = UserFactory()
    if role == "it_officer":
        RoleAssignmentFactory(user=user, role="pd_officer", department=org["it"])
    else:
        RoleAssignmentFactory(user=user, role=role)
    return user


def _system(officer: User, department: Any, name: str) -> System:
    return inventory.create_system(
        actor=officer,
        data={"name": name, "kind": "system", "department": department, "location": "on_premises",
              "network_zone": "app", "holds_real_data": False, "hosting": "self"},
    )  # fmt: skip


def _matrix(actor: User, org: dict[str, Any], officer: User) -> None:
    current = current_matrix()
    data = {f: getattr(current, f) for f in services.MATRIX_FIELDS}
    services.save_matrix(actor=actor, data={**data, "acceptable_below": data["acceptable_below"] + 1})


def _risk_in(department_key: str | None) -> Callable[[User, dict[str, Any], User], Any]:
    def write(actor: User, org: dict[str, Any], officer: User) -> Any:
        department = org[department_key] if department_key else None
        target = _system(officer, department, f"系統-{department_key}")
        return services.create_risk(actor=actor, data=system_risk(target))

    return write


def _system_in(department_key: str | None) -> Callable[[User, dict[str, Any], User], Any]:
    def write(actor: User, org: dict[str, Any], officer: User) -> Any:
        return _system(actor, org[department_key] if department_key else None, "新系統")

    return write


ACTIONS: dict[str, Callable[[User, dict[str, Any], User], Any]] = {
    "risk_matrix": _matrix,
    "risk_in_own_department": _risk_in("it"),
    "risk_in_other_department": _risk_in("hr"),
    "risk_without_department": _risk_in(None),
    "system_in_own_department": _system_in("it"),
    "system_in_other_department": _system_in("hr"),
    "system_without_department": _system_in(None),
}
COMPANY_MANAGERS = {"admin", "pd_officer"}
ALLOWED: dict[str, set[str]] = {
    "risk_matrix": {"admin", "pd_chief", "is_chief", "pd_officer"},
    "risk_in_own_department": {"admin", "pd_chief", "is_chief", "pd_officer", "it_officer"},
    "risk_in_other_department": {"admin", "pd_chief", "is_chief", "pd_officer"},
    "risk_without_department": {"admin", "pd_chief", "is_chief", "pd_officer"},
    "system_in_own_department": COMPANY_MANAGERS | {"it_officer"},
    "system_in_other_department": COMPANY_MANAGERS,
    "system_without_department": COMPANY_MANAGERS,
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_write_scope(role: str, action: str, org: dict[str, Any], officer: User) -> None:
    actor = _actor(role, org)
    if role in ALLOWED[action]:
        ACTIONS[action](actor, org, officer)
    else:
        with pytest.raises(PermissionDenied):
            ACTIONS[action](actor, org, officer)
