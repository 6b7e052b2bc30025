"""Browser: approving a policy version asks everyone to acknowledge it; the employee opens it and confirms it
from their staff home."""

from __future__ import annotations

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
    from shouhu.documents import services
    from shouhu.documents.models import Acknowledgement
    from tests.factories import DepartmentFactory, PersonFactory

    officer, chief = make_user("pd_officer"), make_user("pd_chief")
    employee = mfa_user("staff", username="wu")
    PersonFactory(name="吳承翰", user=employee, department=DepartmentFactory(name="系統整合部"))
    doc = services.create_document(actor=officer, code="P-01", title="個人資料保護政策", tier="policy")
    version = services.add_version(
        actor=officer, document=doc, file=b"%PDF-1.4\n policy", filename="policy.pdf"
    )
    services.approve_version(actor=chief, version=version)  # approving the policy asks everyone to confirm

    browser_login(employee)
    page.goto("/")  # the staff home lists it with the read and confirm buttons
    assert "P-01 個人資料保護政策" in page.inner_text("[data-testid=home-acks]")
    assert page.inner_text("[data-testid=home-ack-status]") == "未閱讀"
    page.click("[data-testid=home-ack-confirm]")  # not opened yet: refused
    assert "請先開啟並閱讀文件" in page.inner_text("body")
    with page.expect_download() as download:
        page.click("[data-testid=home-ack-read]")
    assert download.value.suggested_filename == "policy.pdf"
    page.goto("/")
    assert page.inner_text("[data-testid=home-ack-status]") == "已閱讀，待確認"
    page.click("[data-testid=home-ack-confirm]")
    assert "已確認，謝謝。" in page.inner_text("body")
    assert page.locator("[data-testid=home-acks]").count() == 0
    page.click("nav a:has-text('待確認的政策文件')")
    assert "已確認" in page.inner_text("[data-testid=ack-status]")
    assert Acknowledgement.objects.get().acknowledged_at is not None
