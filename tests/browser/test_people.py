"""Browser: an access review from import to close (officer and an assigned reviewer), and an offboarding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CSV = "帳號,姓名,員工編號,權限,最近登入\nwu,吳承翰,E001,admin,2026-11-20\ntemp01,外包人員,,read,\n".encode()


def _system(officer: Any) -> Any:
    from shouhu.inventory import services as inventory
    from tests.factories import DepartmentFactory

    return inventory.create_system(actor=officer, data={
        "name": "會員資料庫", "kind": "system", "department": DepartmentFactory(name="資訊部"),
        "location": "own_dc", "network_zone": "db", "holds_real_data": True, "hosting": "self",
    })  # fmt: skip


def _today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


def _switch(page: Any, browser_login: Callable[[Any], Any], user: Any) -> None:
    page.context.clear_cookies()
    browser_login(user)


def test_access_review_import_decide_and_close(
    make_user: Callable[..., Any], browser_login: Callable[[Any], Any], page: Any
) -> None:
    from shouhu.people.models import FollowUp, Review
    from tests.factories import PersonFactory

    # Neither role must use MFA, so the test can sign in as each in turn (a TOTP code is accepted once).
    officer = make_user("pd_officer", username="officer")
    reviewer = make_user("staff", username="owner")
    _system(officer)
    PersonFactory(name="吳承翰", employee_no="E001")

    browser_login(officer)
    page.goto("/")
    page.click("nav a:has-text('人員及存取權限')")
    page.click("a.btn:has-text('存取權限審查')")
    form = page.locator("[data-testid=review-form]")
    form.locator("select[name=system_id]").select_option(label="會員資料庫")
    form.locator("input[name=due_on]").fill((_today() + dt.timedelta(days=14)).isoformat())
    form.locator("label:has-text('owner')").click()
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/people/reviews/*/")

    page.click("[data-testid=accounts-import]")
    page.set_input_files(
        "input[name=file]", files=[{"name": "accounts.csv", "mimeType": "text/csv", "buffer": CSV}]
    )
    page.click("[data-testid=upload]")
    page.wait_for_url("**/imports/batches/*/")
    assert page.inner_text("[data-testid=error-rows]") == "0"
    page.click("[data-testid=confirm-import]")
    page.wait_for_url("**/people/reviews/*/")
    assert "匯入完成：新增 2 筆" in page.inner_text(".messages")
    assert page.inner_text("[data-testid=review-progress]") == "已決定 0 / 2"
    page.click("[data-testid=review-close]")
    assert "尚有 2 個帳號未決定，不能結案。" in page.inner_text(".messages")

    _switch(page, browser_login, reviewer)
    page.goto("/")
    page.click("nav a:has-text('我的權限審查')")
    page.click("[data-testid=my-reviews] a")
    for username, decision, reason in [("wu", "keep", "系統管理員"), ("temp01", "revoke", "外包合約已結束")]:
        row = page.locator(f"[data-testid=account-row][data-username='{username}']")
        row.locator("select[name=decision]").select_option(decision)
        row.locator("input[name=reason]").fill(reason)
        row.locator("button[type=submit]").click()
        page.wait_for_load_state()
    assert page.inner_text("[data-testid=review-progress]") == "已決定 2 / 2"
    assert page.locator("[data-testid=review-close]").count() == 0  # reviewers decide; managers close

    _switch(page, browser_login, officer)
    review = Review.objects.get()
    page.goto(f"/people/reviews/{review.pk}/")
    page.click("[data-testid=review-close]")
    assert page.inner_text("[data-testid=review-state]").startswith("已結案")
    review.refresh_from_db()
    assert page.inner_text("[data-testid=review-sha256]") == f"SHA-256 {review.report.blob.sha256}"
    with page.expect_download() as download:
        page.click("[data-testid=review-report]")
    assert download.value.suggested_filename == f"存取權限審查結果_{review.pk}.xlsx"
    action_id = FollowUp.objects.get().action_id
    page.click("[data-testid=followup-action]")
    page.wait_for_url(f"**/assessment/actions/{action_id}/")
    assert "缺失：會員資料庫：撤銷帳號 temp01（外包人員）" in page.inner_text("main")


def test_offboarding_checklist_to_completion(
    mfa_user: Callable[..., Any], browser_login: Callable[[Any], Any], page: Any
) -> None:
    from shouhu.organization.models import Person
    from tests.factories import PersonFactory

    officer = mfa_user("pd_officer", username="officer")
    leaver = PersonFactory(name="林怡君")

    browser_login(officer)
    page.goto(f"/people/people/{leaver.pk}/")
    page.fill("[data-testid=offboarding-form] input[name=leaving_on]", _today().isoformat())
    page.click("[data-testid=offboarding-form] button[type=submit]")
    page.wait_for_url("**/people/offboarding/*/")
    assert page.inner_text("[data-testid=offboarding-progress]") == "尚有 3 / 3 項未完成"
    page.click("[data-testid=offboarding-close]")
    assert "尚有 3 個項目未完成，不能結案。" in page.inner_text(".messages")

    rows = page.locator("[data-testid=item-row]")
    for i in range(3):
        row = rows.nth(0) if i == 0 else page.locator("[data-testid=item-row]:has(form)").first
        if i == 2:
            row.locator("select[name=outcome]").select_option("na")
            row.locator("input[name=note]").fill("未持有個人資料")
        row.locator("button[type=submit]").click()
        page.wait_for_load_state()
    page.goto("/")
    assert "林怡君" in page.inner_text("[data-testid=panel-offboardings]")
    page.goto(f"/people/people/{leaver.pk}/")
    page.click("[data-testid=offboarding-link]")
    page.click("[data-testid=offboarding-close]")
    # the badge draws its ✓ itself (app.css)
    assert page.inner_text("[data-testid=offboarding-state]").startswith("已完成")
    assert Person.objects.get(pk=leaver.pk).active is False


def test_a_closed_offboarding_signs_the_leaver_out_and_keeps_them_out(
    mfa_user: Callable[..., Any], make_user: Callable[..., Any], browser_login: Callable[[Any], Any],
    page: Any, browser: Any, live_server: Any, password: str,
) -> None:  # fmt: skip
    from tests.factories import PersonFactory

    officer = mfa_user("pd_officer", username="officer")
    leaver_user = make_user("staff", username="lin.yj")
    leaver = PersonFactory(name="林怡君", user=leaver_user)

    # The leaver is signed in on their own browser before the offboarding closes.
    theirs = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei", base_url=live_server.url)
    own = theirs.new_page()
    own.goto("/accounts/login/")
    own.fill("input[name=username]", "lin.yj")
    own.fill("input[name=password]", password)
    own.click("[data-testid=login-submit]")
    own.wait_for_url(lambda url: "/accounts/login" not in url)

    browser_login(officer)
    page.goto(f"/people/people/{leaver.pk}/")
    page.fill("[data-testid=offboarding-form] input[name=leaving_on]", _today().isoformat())
    page.click("[data-testid=offboarding-form] button[type=submit]")
    page.wait_for_url("**/people/offboarding/*/")
    assert page.inner_text("[data-testid=offboarding-progress]") == "尚有 4 / 4 項未完成"
    while page.locator("[data-testid=item-row]:has(form)").count():
        page.locator("[data-testid=item-row]:has(form)").first.locator("button[type=submit]").click()
        page.wait_for_load_state()
    page.click("[data-testid=offboarding-close]")
    assert page.inner_text("[data-testid=offboarding-state]").startswith("已完成")

    own.goto("/")
    assert "/accounts/login/" in own.url  # the open session ended
    own.fill("input[name=username]", "lin.yj")
    own.fill("input[name=password]", password)
    own.click("[data-testid=login-submit]")
    own.wait_for_load_state()
    assert "/accounts/login/" in own.url
    assert "帳號或密碼錯誤" in own.inner_text("main")
    theirs.close()
