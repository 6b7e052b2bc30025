"""The searchable MOJ code pickers on the personal-data file form, by keyboard, in zh-TW and English."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from shouhu.inventory.models import PersonalDataFile
from shouhu.inventory.reference import seed_moj_codes
from tests.browser.journeys import sign_in
from tests.browser.test_accessibility import serious
from tests.factories import CompanyFactory, DepartmentFactory

pytestmark = pytest.mark.browser


def _visible_options(page: Any, name: str) -> list[str]:
    return [
        " ".join(text.split())
        for text in page.locator(f"[data-testid={name}-list] li.pick-option:visible label").all_inner_texts()
    ]


@pytest.mark.django_db(transaction=True)
def test_search_and_pick_codes_by_keyboard_then_save(page: Any, make_user: Any, live_server: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    seed_moj_codes()
    CompanyFactory()
    DepartmentFactory(name="會員服務部")
    officer = make_user("pd_officer", username="picker-officer")
    sign_in(page, officer, live_server)
    page.goto(reverse("inventory:file_create"))

    search = page.locator("[data-testid=purposes-search]")
    status = page.locator("#id_purposes-status")
    assert status.inner_text() == "顯示 85／85 項，已選 0 項"
    search.fill("人身")
    assert _visible_options(page, "purposes") == ["〇〇一 人身保險"]
    search.press("ArrowDown")
    focused = page.evaluate("document.activeElement.closest('li').dataset.search")
    assert focused.startswith("001 ")
    page.keyboard.press("Space")
    assert page.locator("[data-testid=purposes-chosen] button").all_inner_texts() == ["〇〇一 人身保險 ×"]

    search.press("ArrowUp")  # not a move from the search box; the search box keeps the focus
    search.fill("")
    search.type("038")  # 行政執行: wording transcribed from one copy only
    option = page.locator("[data-testid=purposes-list] li.pick-option:visible")
    assert option.count() == 1
    assert "〇三八 行政執行" in option.inner_text()
    assert option.locator(".pick-flag").inner_text().endswith("文字待查證")
    search.press("Enter")  # picks the only match, does not submit the form
    assert page.url.endswith(reverse("inventory:file_create"))
    assert status.inner_text() == "顯示 1／85 項，已選 2 項"
    search.press("Escape")
    assert status.inner_text() == "顯示 85／85 項，已選 2 項"

    page.check("[data-testid=purposes-only-selected]")
    assert _visible_options(page, "purposes") == ["〇〇一 人身保險", "〇三八 行政執行 文字待查證"]
    page.uncheck("[data-testid=purposes-only-selected]")
    page.get_by_role("button", name="移除 〇〇一 人身保險").click()
    assert status.inner_text() == "顯示 85／85 項，已選 1 項"

    page.fill("[data-testid=categories-search]", "c001")
    assert _visible_options(page, "categories") == ["C〇〇一 辨識個人者"]
    page.fill("[data-testid=categories-search]", "zzz")
    assert page.locator(".code-picker:has([data-testid=categories-search]) .pick-none").is_visible()
    page.fill("[data-testid=categories-search]", "辨識個人")
    page.locator("[data-testid=categories-list] li.pick-option:visible input").first.check()

    problems = serious(Axe().run(page).response["violations"])
    assert problems == []

    page.fill("[name=name]", "會員資料")
    page.select_option("[name=department]", label="會員服務部")
    page.fill("[name=records_general]", "1200")
    page.fill("[name=counted_on]", "2026-11-02")
    page.locator("[name=data_subjects]").first.check()
    page.locator("[name=legal_bases]").first.check()
    page.click("[data-testid=save]")
    page.wait_for_url("**/inventory/files/*/")
    saved = PersonalDataFile.objects.get(name="會員資料")
    assert [p.code for p in saved.purposes.all()] == ["038"]
    assert [c.code for c in saved.categories.all()] == ["C001"]
    # The edit form shows what was chosen.
    assert page.locator("[data-testid=purposes-chosen] button").all_inner_texts() == ["〇三八 行政執行 ×"]


@pytest.mark.django_db(transaction=True)
def test_english_picker_searches_by_digits_and_keeps_official_names(
    page: Any, make_user: Any, live_server: Any
) -> None:
    seed_moj_codes()
    CompanyFactory()
    officer = make_user("pd_officer", username="picker-officer-en")
    sign_in(page, officer, live_server, language="en")
    page.goto(reverse("inventory:file_create"))

    assert page.inner_text("label[for=id_purposes-search]") == "Search specific purposes (code or name)"
    page.fill("[data-testid=purposes-search]", "００１")  # full-width digits, as a Chinese IME types them
    assert _visible_options(page, "purposes") == ["001 人身保險"]
    assert page.inner_text("#id_purposes-status") == "Showing 1 of 85, 0 selected"
    assert page.locator("[data-testid=purposes-list] .pick-unverified").count() == 38
    assert "has not yet been checked against the Ministry of Justice" in page.inner_text(".code-picker")


@pytest.mark.django_db(transaction=True)
def test_without_javascript_every_code_is_a_labelled_checkbox(
    browser: Any, make_user: Any, live_server: Any
) -> None:
    seed_moj_codes()
    CompanyFactory()
    context = browser.new_context(java_script_enabled=False, locale="zh-TW", base_url=live_server.url)
    page = context.new_page()
    try:
        sign_in(page, make_user("pd_officer", username="picker-nojs"), live_server)
        page.goto(reverse("inventory:file_create"))
        assert page.locator("[data-testid=purposes-search]").is_hidden()
        boxes = page.locator("[data-testid=purposes-list] input[type=checkbox]")
        assert boxes.count() == 85
        page.get_by_label("〇〇一 人身保險").check()
        assert boxes.first.is_checked()
    finally:
        context.close()
