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
