"""Browser: a policy version is sent for acknowledgement; the employee opens it and confirms from their own list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_employee_reads_and_confirms_the_policy(
    mfa_user: Callable[..., Any],
    browser_login: Callable[[Any], Any],
    page: Any,
    make_user: Callable[..., Any],
) -> None:
    from django.utils import timezone

    from shouhu.documents import services
    from tests.factories import DepartmentFactory, PersonFactory

    officer, chief = make_user("pd_officer"), make_user("pd_chief")
    employee = mfa_user("staff", username="wu")
    PersonFactory(name="吳承翰", user=employee, department=DepartmentFactory(name="系統整合部"))
    doc = services.create_document(actor=officer, code="P-01", title="個人資料保護政策", tier="policy")
    version = services.add_version(
        actor=officer, document=doc, file=b"%PDF-1.4\n policy", filename="policy.pdf"
    )
    services.approve_version(actor=chief, version=version)
    campaign = services.start_campaign(
        actor=officer, version=version, due_on=timezone.localdate() + dt.timedelta(days=7)
    )

    browser_login(employee)
    page.goto("/")
    page.click("nav a:has-text('待確認的政策文件')")
    assert page.inner_text("[data-testid=ack-status]") == "未閱讀"
    page.click("[data-testid=ack-confirm]")  # not opened yet: refused
    assert "請先開啟並閱讀文件" in page.inner_text("body")
    with page.expect_download() as download:
        page.click("[data-testid=ack-read]")
    assert download.value.suggested_filename == "policy.pdf"
    page.reload()
    assert page.inner_text("[data-testid=ack-status]") == "已閱讀，待確認"
    page.click("[data-testid=ack-confirm]")
    assert "已確認" in page.inner_text("[data-testid=ack-status]")
    assert campaign.acknowledgements.get().acknowledged_at is not None
