"""Issue 12: the 「選單」/Menu button exists only on phones; on a desktop the sidebar is simply open."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.journeys import sign_in

WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 390, "height": 844}


@pytest.fixture
def sized(browser: Any, live_server: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def open_page(viewport: dict[str, int], language: str, user: Any) -> Any:
        context = browser.new_context(
            locale="en-US" if language == "en" else "zh-TW",
            timezone_id="Asia/Taipei",
            base_url=live_server.url,
            viewport=viewport,
        )
        context.set_default_timeout(15000)
        contexts.append(context)
        page = sign_in(context.new_page(), user, live_server, language=language)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
        page.shouhu_csp_errors = errors
        page.goto("/")
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_desktop_shows_the_open_sidebar_and_no_menu_button(sized: Any, make_user: Any, language: str) -> None:
    page = sized(WIDE, language, make_user("pd_officer"))

    assert page.locator("nav.sidebar").is_visible()
    assert page.locator(".nav-toggle").count() == 1
    assert not page.locator(".nav-toggle").is_visible()
    assert page.shouhu_csp_errors == []


@pytest.mark.parametrize(("language", "label"), [("zh-hant", "選單"), ("en", "Menu")])
def test_phone_folds_the_sidebar_behind_the_menu_button(
    sized: Any, make_user: Any, language: str, label: str
) -> None:
    page = sized(NARROW, language, make_user("pd_officer"))
    toggle = page.locator(".nav-toggle")

    assert toggle.is_visible()
    assert toggle.inner_text().strip() == label
    assert not page.locator("nav.sidebar").is_visible()
    toggle.click()
    assert page.locator("nav.sidebar").is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    toggle.click()
    assert not page.locator("nav.sidebar").is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.shouhu_csp_errors == []
