"""Browser: the officer creates a phishing drill, imports GoPhish's results CSV (one unknown e-mail fixed in
the preview), confirms, and sees the results, the rates chart and the remedial training assigned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.drills.conftest import gophish_csv

pytestmark = pytest.mark.browser


def test_create_a_drill_and_import_gophish_results(
    mfa_user: Callable[..., Any], browser_login: Callable[[Any], Any], page: Any
) -> None:
    from django.utils import timezone

    from shouhu.drills.models import Result
    from shouhu.training.models import Assignment
    from tests.factories import DepartmentFactory, PersonFactory

    it = DepartmentFactory(name="資訊部")
    PersonFactory(name="吳承翰", email="wu@example.com", department=it)
    lee = PersonFactory(name="李冠廷", email="lee@example.com", department=it)
    browser_login(mfa_user("pd_officer"))

    page.goto("/drills/")
    assert "尚無演練結果" in page.inner_text("main")
    page.fill("input[name=title]", "115年下半年社交工程演練")
    page.fill("input[name=held_on]", (timezone.localdate() - dt.timedelta(days=2)).isoformat())
    page.fill("textarea[name=scenario]", "假冒人資部寄送「年終獎金試算」連結")
    page.click("[data-testid=drill-create]")
    page.wait_for_url("**/drills/*/")

    page.click("[data-testid=gophish-import]")
    data = gophish_csv(
        ("wu@example.com", "Clicked Link", "false"), ("lee@exampel.com", "Submitted Data", "false")
    )
    page.set_input_files(
        "input[name=file]", files=[{"name": "results.csv", "mimeType": "text/csv", "buffer": data}]
    )
    page.click("[data-testid=upload]")
    page.wait_for_url("**/imports/batches/*/")
    assert page.inner_text("[data-testid=error-rows]") == "1"
    bad = page.locator("[data-testid=error-row][data-row='3']")
    assert "找不到電子郵件為 lee@exampel.com 的人員" in bad.inner_text()
    assert Result.objects.count() == 0  # nothing written before confirmation

    bad.locator("summary").click()
    bad.locator("input[data-header='email']").fill("lee@example.com")
    bad.locator("[data-testid=fix-row]").click()
    page.wait_for_url("**/imports/batches/*/")
    assert page.inner_text("[data-testid=error-rows]") == "0"
    page.click("[data-testid=confirm-import]")
    page.wait_for_url("**/drills/*/")
    results = page.inner_text("[data-testid=drill-results]")
    assert "吳承翰" in results
    assert "點擊連結" in results
    assert "提交資料" in results
    assert "寄達 2 人，點擊連結 2 人，提交資料 1 人，回報 0 人" in page.inner_text(
        "[data-testid=drill-counts]"
    )
    assert Assignment.objects.get().person == lee

    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.test_accessibility import serious

    detail = page.url
    assert serious(Axe().run(page).response["violations"]) == []
    page.goto("/drills/")
    assert page.locator("[data-testid=drill-chart] polyline").count() == 6
    assert serious(Axe().run(page).response["violations"]) == [], detail


def test_correct_and_delete_a_drill_with_results(
    mfa_user: Callable[..., Any], browser_login: Callable[[Any], Any], page: Any
) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from django.utils import timezone

    from shouhu.drills import services
    from shouhu.drills.models import Drill
    from tests.browser.test_accessibility import serious
    from tests.factories import PersonFactory

    officer = mfa_user("pd_officer")
    drill = services.create_drill(actor=officer, title="115年上半年演練", scenario="假冒物流通知",
                                  held_on=timezone.localdate() - dt.timedelta(days=5))  # fmt: skip
    services.record_result(actor=officer, drill=drill, person=PersonFactory(name="吳承翰"), stage="clicked",
                           reported=None)  # fmt: skip
    browser_login(officer)

    page.goto(f"/drills/{drill.pk}/")
    page.click("[data-testid=drill-edit]")
    page.wait_for_url("**/edit/")
    assert serious(Axe().run(page).response["violations"]) == []
    page.fill("[data-testid=drill-edit-form] input[name=title]", "115年上半年社交工程演練（更正）")
    page.click("[data-testid=drill-save]")
    page.wait_for_url(f"**/drills/{drill.pk}/")
    assert page.inner_text("h1") == "115年上半年社交工程演練（更正）"

    page.click("[data-testid=drill-edit]")
    assert "此演練已有 1 筆結果" in page.inner_text("[data-testid=delete-warning]")
    page.click("[data-testid=drill-delete]")  # the confirmation box not ticked: refused
    page.wait_for_url("**/edit/")
    assert "請勾選確認後再刪除" in page.inner_text(".messages")
    assert Drill.objects.exists()
    page.check("input[name=confirm_results]")
    page.click("[data-testid=drill-delete]")
    page.wait_for_url("**/drills/")
    assert "已刪除演練及其 1 筆結果" in page.inner_text(".messages")
    assert not Drill.objects.exists()
