"""Browser: define a path source, run it, watch the progress bar reach 完成, browse the results."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.scans.conftest import CSV_TEXT, NATIONAL_IDS

pytestmark = pytest.mark.browser


def test_define_run_and_browse_a_path_scan(
    mfa_user: Callable[..., Any], browser_login: Callable[[Any], Any], page: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "people.csv").write_text(CSV_TEXT, encoding="utf-8")
    browser_login(mfa_user("admin"))

    page.goto("/scans/")
    page.click("[data-testid=new-source]")
    page.fill("input[name=name]", "客服匯出")
    page.check("input[name=kind][value=path]")
    page.fill("input[name=path]", str(folder))
    page.click("[data-testid=save]")
    assert page.inner_text("[data-testid=source-target]") == str(folder)

    page.click("[data-testid=run-scan]")
    page.wait_for_selector("[data-testid=run-status]:has-text('完成')")
    assert page.get_attribute("#scan-progress progress", "value") == "100"
    assert page.inner_text("[data-testid=findings-total]") == "12"

    page.click("[data-testid=locations] a:has-text('people.csv')")
    columns = page.inner_text("[data-testid=columns]")
    assert "國民身分證統一編號" in columns
    assert "C003" in columns
    assert "A1******89" in columns
    assert NATIONAL_IDS[0] not in page.content()
