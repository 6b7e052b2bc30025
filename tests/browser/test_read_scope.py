"""Browser: a 個資管理專員 of 資訊部 signs in and sees only 資訊部's (and the company's) files and risks — in the
lists, the dashboard counts and the risk form's drop-down — while 人資部's detail pages answer 404."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _records(officer: Any) -> dict[str, Any]:
    from shouhu.inventory import services as inventory
    from shouhu.inventory.models import Category, Purpose
    from shouhu.inventory.reference import seed_moj_codes
    from shouhu.risk import services as risk
    from tests.factories import CompanyFactory, DepartmentFactory

    seed_moj_codes()
    CompanyFactory()
    made: dict[str, Any] = {}
    for key, name, records in (("it", "資訊部", 120), ("hr", "人資部", 4500)):
        department = DepartmentFactory(name=name)
        made[key] = department
        system = inventory.create_system(actor=officer, data={
            "name": f"{name}系統", "kind": "system", "department": department, "location": "own_dc",
            "network_zone": "app", "holds_real_data": True, "hosting": "self",
        })  # fmt: skip
        made[f"{key}_file"] = inventory.create_file(actor=officer, data={
            "name": f"{name}會員檔", "department": department, "business_process": "會員服務",
            "role": "controller", "data_subjects": ["consumer"], "legal_bases": ["2"],
            "records_general": records, "counted_on": dt.date(2026, 11, 1),
            "purposes": [Purpose.objects.get(code="148")], "categories": [Category.objects.get(code="C001")],
        })  # fmt: skip
        made[f"{key}_risk"] = risk.create_risk(actor=officer, data={
            "scope": "system", "system": system, "threat": "leakage", "likelihood": 4, "impact": 5,
            "treatment": "reduce", "owner": "王小明", "assessed_on": dt.date(2026, 11, 1),
            "next_review": dt.date(2027, 11, 1), "control_items": [],
        })  # fmt: skip
    inventory.create_system(actor=officer, data={
        "name": "全公司共用系統", "kind": "system", "department": None, "location": "own_dc",
        "network_zone": "app", "holds_real_data": False, "hosting": "self",
    })  # fmt: skip
    return made


@pytest.mark.django_db(transaction=True)
def test_a_department_officer_sees_only_their_department(
    page: Any,
    make_user: Callable[..., Any],
    mfa_user: Callable[..., Any],
    browser_login: Callable[[Any], Any],
) -> None:
    from tests.factories import RoleAssignmentFactory

    made = _records(make_user("pd_officer", username="company_officer"))
    it_officer = mfa_user(username="it_officer")
    RoleAssignmentFactory(user=it_officer, role="pd_officer", department=made["it"])
    browser_login(it_officer)

    page.goto("/inventory/")
    files = page.inner_text("[data-testid=file-list]")
    assert "資訊部會員檔" in files
    assert "人資部會員檔" not in files
    assert page.inner_text("[data-testid=company-total]") == "120"
    assert "您可檢視的部門及全公司共用檔案" in page.inner_text("[data-testid=totals]")

    page.goto("/risk/")
    risks = page.inner_text("[data-testid=risk-list]")
    assert "資訊部系統" in risks
    assert "人資部系統" not in risks

    page.goto("/")
    assert page.inner_text("[data-testid=consumer-totals] [data-testid=company-total]") == "120"
    assert "人資部" not in page.inner_text("[data-testid=consumer-totals]")

    page.goto("/risk/new/")
    options = page.locator("select[name=system] option").all_inner_texts()
    assert sorted(o for o in options if o.strip("-").strip()) == sorted(["資訊部系統", "全公司共用系統"])

    for url in (f"/inventory/files/{made['hr_file'].pk}/", f"/risk/{made['hr_risk'].pk}/"):
        response = page.goto(url)
        assert response is not None
        assert response.status == 404, url
    response = page.goto(f"/inventory/files/{made['it_file'].pk}/")
    assert response is not None
    assert response.status == 200
