from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouhu.audit.models import AuditEvent
from shouhu.inventory import services
from shouhu.inventory.models import System
from tests.factories import RoleAssignmentFactory, UserFactory


def base(org: dict[str, Any], **kw: Any) -> dict[str, Any]:
    data = {
        "name": "內部 ERP",
        "kind": "system",
        "department": org["it"],
        "location": "own_dc",
        "network_zone": "app",
        "holds_real_data": True,
        "hosting": "self",
    }
    data.update(kw)
    return data


def test_create_system_audits_fields_and_links(system: System) -> None:
    assert list(system.clients.values_list("name", flat=True)) == ["好物商城股份有限公司"]
    actions = set(AuditEvent.objects.filter(object_id=str(system.pk)).values_list("action", flat=True))
    assert {"inventory.system.created", "inventory.system.links_updated"} <= actions


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"network_zone": "test", "holds_real_data": True},
            "holds_real_data",
            "測試區的系統不得存放真實個人資料",
        ),
        ({"location": "cloud", "region": "x"}, "cloud_provider", "雲端服務商"),
        ({"location": "cloud", "cloud_provider": "AWS"}, "region", "區域"),
        ({"kind": "client_store"}, "clients", "須連結至少一個委託者"),
        ({"kind": "nonsense"}, "kind", "類型須為"),
        ({"location": "moon"}, "location", "位置須為"),
        ({"network_zone": "x"}, "network_zone", "網段須為"),
        ({"hosting": "x"}, "hosting", "代管責任須為"),
        ({"name": " "}, "name", "請填寫系統名稱"),
    ],
)
def test_system_validation(
    org: dict[str, Any], officer: Any, overrides: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.create_system(actor=officer, data=base(org, **overrides))
    assert any(message in m for m in exc.value.message_dict[field])


def test_update_system_checks_merged_values(org: dict[str, Any], officer: Any) -> None:
    system = services.create_system(actor=officer, data=base(org))
    with pytest.raises(ValidationError):
        services.update_system(actor=officer, system=system, data={"network_zone": "test"})
    system = services.update_system(
        actor=officer, system=system, data={"network_zone": "test", "holds_real_data": False}
    )
    assert system.network_zone == "test"


def test_department_scoped_officer(org: dict[str, Any]) -> None:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role="pd_officer", department=org["hr"])
    with pytest.raises(PermissionDenied):
        services.create_system(actor=user, data=base(org))
    assert services.create_system(actor=user, data=base(org, department=org["hr"])).pk


def test_auditor_cannot_write(org: dict[str, Any], make_user: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.create_system(actor=make_user("auditor"), data=base(org))
