from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from shouhu.inventory.models import PersonalDataFile


@pytest.fixture
def api(login_as: Any, officer: Any) -> Any:
    return login_as(officer)


def file_payload(org: dict[str, Any], **kw: Any) -> dict[str, Any]:
    data = {
        "name": "會員資料",
        "department_id": org["it"].pk,
        "role": "processor",
        "client_id": org["shop"].pk,
        "data_subjects": ["consumer"],
        "purpose_codes": ["148"],
        "category_codes": ["c001"],
        "legal_bases": ["2"],
        "records_general": 9000,
        "counted_on": "2026-11-01",
        "business_process": "電商",
    }
    data.update(kw)
    return data


def test_systems_crud(api: Any, org: dict[str, Any]) -> None:
    payload = {"name": "ERP", "kind": "system", "location": "own_dc", "network_zone": "app", "client_ids": []}
    created = api.post("/api/v1/inventory/systems", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    sid = created.json()["id"]
    bad = api.put(
        f"/api/v1/inventory/systems/{sid}",
        {**payload, "network_zone": "test", "holds_real_data": True},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "測試區" in bad.json()["errors"]["holds_real_data"][0]
    assert api.get("/api/v1/inventory/systems").json()["count"] == 1


def test_files_notices_totals(api: Any, org: dict[str, Any]) -> None:
    created = api.post("/api/v1/inventory/files", file_payload(org), content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["purpose_codes"] == ["148"]
    assert body["category_codes"] == ["C001"]
    fid = body["id"]
    unknown = api.post(
        "/api/v1/inventory/files",
        file_payload(org, name="x", purpose_codes=["999"]),
        content_type="application/json",
    )
    assert unknown.status_code == 422
    notice = api.post(
        f"/api/v1/inventory/files/{fid}/notices", {"kind": "art8"}, content_type="application/json"
    )
    assert notice.status_code == 201
    assert notice.json()["text"].startswith("個人資料蒐集、處理及利用告知事項")
    revised = api.post(
        f"/api/v1/inventory/notices/{notice.json()['id']}/versions",
        {"text": "新版"},
        content_type="application/json",
    )
    assert revised.json()["version"] == 2
    assert len(api.get(f"/api/v1/inventory/files/{fid}/notices").json()) == 2
    totals = api.get("/api/v1/inventory/totals").json()
    assert totals["company"] == 9000
    assert totals["per_client"][0]["client_name"] == "好物商城股份有限公司"
    listed = api.get("/api/v1/inventory/files", {"client_id": org["shop"].pk}).json()
    assert listed["count"] == 1


def test_api_permissions(
    login_as: Any, make_user: Any, org: dict[str, Any], make_file: Callable[..., PersonalDataFile]
) -> None:
    make_file()
    auditor = login_as(make_user("auditor"))
    assert auditor.get("/api/v1/inventory/files").status_code == 200
    assert (
        auditor.post(
            "/api/v1/inventory/files", file_payload(org, name="y"), content_type="application/json"
        ).status_code
        == 403
    )
