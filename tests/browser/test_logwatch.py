"""Browser: new log source, upload an nginx log, watch the read finish, open the alert, confirm it and turn
it into an incident in one click."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _private_store(settings: Any, tmp_path: Path) -> None:
    settings.SHOUHU_LOGWATCH_DIR = str(tmp_path / "logwatch")


def test_upload_to_alert_to_incident(
    mfa_user: Callable[..., Any], browser_login: Callable[[Any], Any], page: Any, tmp_path: Path
) -> None:
    log = tmp_path / "access.log"
    log.write_text(
        "".join(
            f'114.32.77.7 - chen.ops [09/May/2026:02:{i:02d}:10 +0800] "GET /api/customers/export HTTP/1.1" 200 2000000 "-" "curl/8.5"\n'
            for i in range(55)
        )
        + "this line is not a log line\n",
        encoding="utf-8",
    )
    browser_login(mfa_user("pd_officer"))

    page.goto("/logwatch/sources/")
    page.click("[data-testid=new-source]")
    page.fill("input[name=name]", "官網 nginx")
    page.select_option("select[name=format]", "combined")
    page.click("[data-testid=save]")

    page.set_input_files("[data-testid=upload-form] input[type=file]", str(log))
    page.click("[data-testid=upload]")
    page.wait_for_selector("[data-testid=ingest-status]:has-text('完成')")
    assert page.inner_text("[data-testid=events]") == "55"
    assert page.inner_text("[data-testid=malformed]") == "1"
    assert "不符合所選的記錄格式" in page.inner_text("[data-testid=rejects]")

    page.click("[data-testid=ingest-alerts] a:has-text('非上班時間存取')")
    assert "chen.ops" in page.inner_text("[data-testid=alert-explanation]")
    assert page.locator("[data-testid=alert-events] tbody tr").count() == 20
    page.click("[data-testid=acknowledge]")
    assert page.inner_text("[data-testid=alert-status]") == "已確認"

    page.on("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=to-incident]")
    page.wait_for_url("**/incidents/*/")
    assert "非上班時間存取：chen.ops" in page.inner_text("h1")


@pytest.mark.django_db(transaction=True)
def test_alert_filters_fit_a_phone(browser: Any, live_server: Any, make_user: Callable[..., Any]) -> None:
    """The rule filter is as wide as its longest rule name; on a 390 px phone it stays within the screen."""
    from tests.browser.journeys import PHONE, sign_in

    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    sign_in(page, make_user("is_chief", username="phone-chief"), live_server, language="en")
    page.goto("/logwatch/")
    page.locator("[data-testid=alert-filter] select[name=rule]").wait_for()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 1
