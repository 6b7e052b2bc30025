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


# --- reads -------------------------------------------------------------------------------------------------
# The same matrix for reads: a department officer lists and opens only their department's records and the
# company's (without a department), on the web pages, the API, the exports and the search; every other
# reading role (the chiefs, company-wide officers, auditors by design) reads all; 一般員工 reads none.

READ_ALL = {"admin", "pd_chief", "is_chief", "pd_officer", "auditor"}
PLACES: dict[str | None, str] = {"it": "own", "hr": "other", None: "company"}


def _readers_of(place: str) -> set[str]:
    return READ_ALL | {"it_officer"} if place in {"own", "company"} else READ_ALL


def _api(user: User) -> Any:
    from django.test import Client

    from shouhu.accounts.services.tokens import create_token

    _, plain = create_token(actor=None, user=user, name="matrix")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}")


def _xlsx_text(data: bytes) -> str:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    return " ".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c)


def _files(org: dict[str, Any], officer: User) -> dict[str, tuple[int, str]]:
    from shouhu.inventory.models import Category, Purpose

    out = {}
    for key, place in PLACES.items():
        if key is None:
            continue  # a personal-data file always has a department
        name = f"讀取範圍檔案-{place}"
        pd_file = inventory.create_file(
            actor=officer,
            data={"name": name, "department": org[key], "business_process": f"流程-{place}",
                  "role": "controller", "data_subjects": ["consumer"], "legal_bases": ["2"],
                  "purposes": [Purpose.objects.get(code="148")], "categories": [Category.objects.get(code="C001")]},
        )  # fmt: skip
        out[place] = (pd_file.pk, name)
    return out


def _risks(org: dict[str, Any], officer: User) -> dict[str, tuple[int, str]]:
    out = {}
    for key, place in PLACES.items():
        name = f"讀取範圍風險系統-{place}"  # the register lists a risk by its system
        target = _system(officer, org[key] if key else None, name)
        out[place] = (services.create_risk(actor=officer, data=system_risk(target)).pk, name)
    return out


def _scan_runs(org: dict[str, Any], officer: User) -> dict[str, tuple[int, str]]:
    from shouhu.scans.models import RunStatus, ScanFinding, ScanRun, ScanSource

    out = {}
    for key, place in PLACES.items():
        name = f"讀取範圍來源-{place}"
        system = _system(officer, org[key] if key else None, f"掃描系統-{place}")
        source = ScanSource.objects.create(name=name, kind="path", path="/srv/x", system=system)
        run = ScanRun.objects.create(source=source, status=RunStatus.SUCCEEDED, target="/srv/x")
        ScanFinding.objects.create(run=run, location=f"/srv/x/{place}.csv", column="手機", category="phone",
                                   count=1, distinct=1)  # fmt: skip
        out[place] = (run.pk, name)
    return out


def _evidence(org: dict[str, Any], officer: User) -> dict[str, tuple[int, str]]:
    from shouhu.evidence import services as evidence

    out = {}
    for key, place in PLACES.items():
        name = f"read-scope-{place}.txt"
        stored = evidence.store(actor=officer, file=f"佐證 {place}".encode(), filename=name,
                                department_id=org[key].pk if key else None)  # fmt: skip
        out[place] = (stored.pk, name)
    # A compilation of every department's records (the 實施情形 report, the 附錄三 package) has no department
    # but only roles that read the whole company open it.
    name = "read-scope-compilation.zip.txt"
    stored = evidence.store(actor=officer, file=b"all departments", filename=name, whole_company=True)
    out["compilation"] = (stored.pk, name)
    return out


def _items(response: Any) -> list[dict[str, Any]]:
    if response.status_code != 200:
        return []
    body = response.json()
    return body["items"] if isinstance(body, dict) else body


def _read_inventory(client: Any, api: Any, pk: int, name: str) -> dict[str, bool]:
    return {
        "list": name in client.get("/inventory/").content.decode(),
        "detail": client.get(f"/inventory/files/{pk}/").status_code == 200,
        "api_list": pk in [f["id"] for f in _items(api.get("/api/v1/inventory/files"))],
        "api_detail": api.get(f"/api/v1/inventory/files/{pk}").status_code == 200,
        "export": name in client.get("/inventory/files/export.csv").content.decode("utf-8-sig"),
        "search": name in client.get("/inventory/", {"q": "讀取範圍檔案"}).content.decode(),
    }


def _read_risks(client: Any, api: Any, pk: int, name: str) -> dict[str, bool]:
    exported = client.get("/risk/export.xlsx")
    return {
        "list": name in client.get("/risk/").content.decode(),
        "detail": client.get(f"/risk/{pk}/").status_code == 200,
        "api_list": pk in [r["id"] for r in _items(api.get("/api/v1/risk/risks"))],
        "api_detail": api.get(f"/api/v1/risk/risks/{pk}").status_code == 200,
        "export": exported.status_code == 200 and name in _xlsx_text(exported.content),
        "search": name in client.get("/risk/", {"q": "讀取範圍風險"}).content.decode(),
    }


def _read_scans(client: Any, api: Any, pk: int, name: str) -> dict[str, bool]:
    return {
        "list": name in client.get("/scans/").content.decode(),
        "detail": client.get(f"/scans/runs/{pk}/").status_code == 200,
        "api_list": name in [s["name"] for s in _items(api.get("/api/v1/scans/sources"))],
        "api_detail": api.get(f"/api/v1/scans/runs/{pk}/findings").status_code == 200,
    }


def _read_evidence(client: Any, api: Any, pk: int, name: str) -> dict[str, bool]:
    return {
        "list": name in client.get("/evidence/").content.decode(),
        "detail": client.get(f"/evidence/{pk}/").status_code == 200,
        "download": client.get(f"/evidence/{pk}/download/").status_code == 200,
        "search": name in client.get("/evidence/", {"q": "read-scope"}).content.decode(),
    }


READS = {
    "inventory": (_files, _read_inventory),
    "risk": (_risks, _read_risks),
    "scans": (_scan_runs, _read_scans),
    "evidence": (_evidence, _read_evidence),
}


@pytest.mark.parametrize("kind", sorted(READS))
@pytest.mark.parametrize("role", ROLES)
def test_read_scope(
    role: str, kind: str, org: dict[str, Any], officer: User, client: Any, login_as: Any
) -> None:
    make, read = READS[kind]
    records = make(org, officer)
    actor = _actor(role, org)
    login_as(actor)
    api = _api(actor)
    for place, (pk, name) in records.items():
        seen = read(client, api, pk, name)
        may = role in _readers_of(place)
        assert seen == dict.fromkeys(seen, may), (place, seen)


def test_department_officer_cannot_change_the_shared_purpose_list(org: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        inventory.add_custom_purpose(actor=_actor("it_officer", org), name="部門自訂目的")
    assert inventory.add_custom_purpose(actor=_actor("pd_officer", org), name="公司自訂目的").pk
