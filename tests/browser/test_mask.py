"""Browser: upload a CSV on the mask page, watch the job finish, download the masked copy."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CSV_TEXT = "姓名,手機,身分證字號,生日,備註\n王小明,0912-345-678,A123456789,1980-05-17,已聯絡\n林美華,0922333444,F131104093,1991-01-02,\n"


def test_upload_a_csv_and_download_the_masked_copy(
    mfa_user: Callable[..., Any], browser_login: Callable[[Any], Any], page: Any, tmp_path: Path
) -> None:
    upload = tmp_path / "客戶名單.csv"
    upload.write_text(CSV_TEXT, encoding="utf-8")
    browser_login(mfa_user("admin"))

    page.goto("/scans/mask/")
    page.set_input_files("input[name=file]", str(upload))
    page.select_option("select[name=default]", "partial")
    page.select_option("select[name=birth_date]", "generalize")
    page.click("[data-testid=mask-submit]")

    page.wait_for_selector("[data-testid=job-status]:has-text('完成')")
    assert page.get_attribute("#job-progress progress", "value") == "100"
    assert "A123456789" not in page.content()
    with page.expect_download() as info:
        page.click("[data-testid=job-download]")
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert rows == [
        ["姓名", "手機", "身分證字號", "生日", "備註"],
        ["王○明", "0912-***-678", "A12****789", "1980", "已聯絡"],
        ["林○華", "0922-***-444", "F13****093", "1991", ""],
    ]
