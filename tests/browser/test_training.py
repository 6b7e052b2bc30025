"""End to end: a training's attendance imported from a Big5 CSV — upload, preview with a row error, fix it,
confirm, see the attendance on the session page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from shouhu.training import services
from shouhu.training.models import Attendance
from tests.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_attendance_import_from_big5_csv(page, mfa_user, browser_login):
    it = DepartmentFactory(name="資訊部")
    wu = PersonFactory(name="吳承翰", employee_no="E001", email="wu@example.com", department=it)
    PersonFactory(name="李冠廷", employee_no="E002", email="li@example.com", department=it)
    officer = mfa_user("pd_officer", username="officer")
    session = services.create_session(
        actor=officer, title="年度個資保護教育訓練", topics=["law"], held_on=timezone.localdate(),
        hours=Decimal("3"), trainer="外部講師", audience="全體員工", people=[wu],
    )  # fmt: skip
    data = "員工編號,電子郵件,姓名,出席,測驗分數\r\nE001,,吳承翰,出席,92\r\n,li@example.com,李冠廷,出席,8O\r\n".encode(
        "cp950"
    )
    browser_login(officer)

    page.goto(f"/training/{session.pk}/")
    page.click("[data-testid=import-attendance]")
    assert "年度個資保護教育訓練" in page.inner_text("h1")
    page.set_input_files(
        "input[name=file]", files=[{"name": "簽到.csv", "mimeType": "text/csv", "buffer": data}]
    )
    page.click("[data-testid=upload]")
    page.wait_for_url("**/imports/batches/*/")
    assert "Big5" in page.inner_text("main")
    assert page.inner_text("[data-testid=error-rows]") == "1"
    bad = page.locator("[data-testid=error-row][data-row='3']")
    assert "欄位「測驗分數」（E 欄）：「8O」不是分數。" in bad.inner_text()
    assert Attendance.objects.filter(session=session, attended=True).count() == 0  # nothing written yet

    bad.locator("summary").click()
    bad.locator("input[data-header='測驗分數']").fill("80")
    bad.locator("[data-testid=fix-row]").click()
    page.wait_for_url("**/imports/batches/*/")
    assert page.inner_text("[data-testid=error-rows]") == "0"
    page.click("[data-testid=confirm-import]")
    page.wait_for_url(f"**/training/{session.pk}/")
    assert "匯入完成：新增 1 筆、更新 1 筆" in page.inner_text(".messages")
    table = page.inner_text("[data-testid=attendance]")
    assert "吳承翰" in table
    assert "92" in table
    assert "李冠廷" in table
    assert "80" in table
