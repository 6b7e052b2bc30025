from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from shouhu.core.importing.reader import shown
from shouhu.imports import services as imports
from shouhu.inventory.models import PersonalDataFile, System
from shouhu.risk import services
from shouhu.risk.models import Risk
from tests.inventory.sheets import csv_bytes, xlsx

HEADERS = [
    "評估範圍",
    "系統或設備",
    "權責部門",
    "個人資料檔案",
    "作業",
    "威脅",
    "可能性",
    "衝擊",
    "對應檢查項目",
    "風險處理",
    "風險接受人",
    "接受日期",
    "殘餘可能性",
    "殘餘衝擊",
    "評估日期",
]


def row(**kw: Any) -> list[Any]:
    values = {
        "評估範圍": "系統或設備",
        "系統或設備": "會員資料庫",
        "權責部門": "",
        "個人資料檔案": "",
        "作業": "",
        "威脅": "洩漏",
        "可能性": 4,
        "衝擊": 5,
        "對應檢查項目": "pd-3.1.1",
        "風險處理": "降低",
        "風險接受人": "",
        "接受日期": "",
        "殘餘可能性": 2,
        "殘餘衝擊": 2,
        "評估日期": "2026-11-01",
    }
    values.update(kw)
    return [values[h] for h in HEADERS]


def test_risk_import_preview_confirm_and_reassess_on_reimport(
    officer: Any, system: System, make_file: Callable[..., PersonalDataFile]
) -> None:
    make_file()
    rows = [
        row(),
        row(
            **{
                "評估範圍": "蒐集處理利用作業",
                "系統或設備": "",
                "權責部門": "資訊部",
                "個人資料檔案": "會員資料",
                "作業": "廢棄",
                "威脅": "竊取",
                "可能性": 2,
                "衝擊": 2,
                "風險處理": "接受",
                "風險接受人": "陳總經理",
                "接受日期": "2026-11-02",
                "殘餘可能性": "",
                "殘餘衝擊": "",
            }
        ),
        row(**{"威脅": "地震", "對應檢查項目": "pd-99.1", "可能性": 7}),
    ]
    batch = imports.stage_import(
        actor=officer, kind="risks", filename="r.xlsx", data=xlsx(HEADERS, rows, title="清冊")
    )
    errors = next(r["errors"] for r in batch.rows if r["row"] == 6)
    assert "不是有效選項" in errors["威脅"][0]
    assert "1 到 5" in errors["可能性"][0]
    assert "找不到檢查項目：附錄一 99.1" in errors["對應檢查項目"][0]
    with translation.override("en"):  # uploaded in zh-TW, read in English
        stored = next(r for r in batch.rows if r["row"] == 6)
        read = shown(stored["errors"], stored.get("error_keys"))
    assert read["可能性"] == ["Likelihood must be a whole number from 1 to 5 (a 5-level risk matrix)."]
    assert (
        read["威脅"][0] == '"地震" is not one of the options (Theft, Alteration, Damage, Loss, Disclosure).'
    )
    assert "Appendix 1 99.1" in read["對應檢查項目"][0]
    assert not Risk.objects.exists()
    batch = imports.confirm_import(actor=officer, batch=batch, skip_invalid=True)
    assert batch.result["created"] == 2
    risk = Risk.objects.get(threat="leakage")
    assert (risk.inherent_score, risk.residual_score, risk.version) == (20, 4, 1)
    again = imports.stage_import(
        actor=officer,
        kind="risks",
        filename="r.csv",
        data=csv_bytes(HEADERS, [row(**{"可能性": 3})], "cp950"),
    )
    imports.confirm_import(actor=officer, batch=again)
    risk.refresh_from_db()
    assert (risk.version, risk.inherent_score) == (2, 15)
    assert list(risk.assessments.order_by("version").values_list("inherent_score", flat=True)) == [20, 15]
    assert Risk.objects.count() == 2


def test_register_export(login_as: Any, officer: Any, system: System) -> None:
    risk = services.create_risk(
        actor=officer,
        data={
            "scope": "system",
            "system": system,
            "threat": "loss",
            "likelihood": 3,
            "impact": 3,
            "treatment": "transfer",
        },
    )
    services.add_action(
        actor=officer,
        risk=risk,
        data={"description": "購買資安保險", "owner": "財務長", "due_date": dt.date(2027, 3, 1)},
    )
    response = login_as(officer).get(reverse("risk:export"))
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["風險評估清冊", "風險處理措施", "評估歷程"]
    ws = wb["風險評估清冊"]
    assert str(ws["A1"].value).startswith("個人資料風險評估清冊")
    assert [c.value for c in ws[4]][:11] == [
        "系統或設備（3.1.1）",
        "會員資料庫",
        "資訊部",
        None,
        None,
        "滅失",
        None,
        3,
        3,
        9,
        "中",
    ]
    assert wb["風險處理措施"]["B4"].value == "購買資安保險"
    assert ws.page_setup.orientation == "landscape"


@pytest.fixture
def web(login_as: Any, officer: Any) -> Any:
    return login_as(officer)


def test_list_detail_reassess_pages(web: Any, officer: Any, system: System) -> None:
    risk = services.create_risk(
        actor=officer,
        data={
            "scope": "system",
            "system": system,
            "threat": "loss",
            "likelihood": 3,
            "impact": 3,
            "treatment": "reduce",
        },
    )
    html = web.get(reverse("risk:list")).content.decode()
    assert "固有風險熱圖" in html
    assert "殘餘風險熱圖" in html
    assert 'data-count="1"' in html
    response = web.post(
        reverse("risk:detail", args=[risk.pk]),
        {"likelihood": "2", "impact": "3", "treatment": "reduce", "note": "已加密"},
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.version == 2
    html = web.get(reverse("risk:detail", args=[risk.pk])).content.decode()
    assert "已加密" in html
    assert "v2" in html
    assert web.get(reverse("risk:create")).status_code == 200
    assert web.get(reverse("risk:matrix")).status_code == 200


def test_create_via_form(web: Any, system: System) -> None:
    response = web.post(
        reverse("risk:create"),
        {
            "scope": "system",
            "system": system.pk,
            "threat": "theft",
            "likelihood": "5",
            "impact": "5",
            "treatment": "accept",
            "control_items": "pd-3.1.1, is-2.1.1",
            "assessed_on": "2026-11-01",
        },
    )
    assert "具名的風險接受人" in response.content.decode()
    assert not Risk.objects.exists()


def test_risk_api(web: Any, system: System) -> None:
    payload = {
        "scope": "system",
        "system_id": system.pk,
        "threat": "alteration",
        "likelihood": 2,
        "impact": 4,
        "treatment": "reduce",
        "control_items": ["pd-3.2.1"],
    }
    created = web.post("/api/v1/risk/risks", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    rid = created.json()["id"]
    assert created.json()["inherent_score"] == 8
    again = web.post(
        f"/api/v1/risk/risks/{rid}/assessments",
        {"likelihood": 1, "impact": 4, "note": "修補"},
        content_type="application/json",
    )
    assert again.json()["version"] == 2
    history = web.get(f"/api/v1/risk/risks/{rid}/assessments").json()
    assert [h["inherent_score"] for h in history] == [8, 4]
    action = web.post(
        f"/api/v1/risk/risks/{rid}/actions",
        {"description": "x", "owner": "y", "due_date": "2027-01-01"},
        content_type="application/json",
    )
    assert action.status_code == 201
    assert web.get("/api/v1/risk/heatmap").json() == [
        {"likelihood": 1, "impact": 4, "inherent": 1, "residual": 0}
    ]
    bad = web.post(
        "/api/v1/risk/risks",
        {**payload, "threat": "theft", "control_items": ["nope"]},
        content_type="application/json",
    )
    assert bad.status_code == 422


def test_risk_permissions(login_as: Any, make_user: Any, system: System) -> None:
    staff = login_as(make_user("staff"))
    assert staff.get(reverse("risk:list")).status_code == 403
    assert staff.get("/api/v1/risk/risks").status_code == 403
