"""Browser: a TSV masked from the web page; the job page's result tables (values masked per category, the
integers of 7+ digits left unmasked per column) in zh-TW, then the same page in English."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

TSV_TEXT = (
    "姓名\t手機\t身分證字號\t會員編號\t備註\n"
    "王小明\t0912-345-678\tA123456789\t9876543210\t已聯絡\n"
    "林美華\t0922333444\tF131104093\t9876543211\t\n"
)
RAW = ("王小明", "林美華", "A123456789", "F131104093", "0912-345-678", "0922333444")


def _rows(page: Any, testid: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in page.locator(f"[data-testid={testid}] tbody tr").all()
    ]


def test_job_page_shows_masked_categories_and_unmasked_integers_in_both_languages(
    mfa_user: Callable[..., Any], browser_login: Callable[[Any], Any], page: Any, tmp_path: Path
) -> None:
    upload = tmp_path / "會員名單.tsv"
    upload.write_text(TSV_TEXT, encoding="utf-8")
    browser_login(mfa_user("admin"))

    page.goto("/scans/mask/")
    assert "TSV" in page.inner_text("main")  # the page says which formats it takes
    page.set_input_files("input[name=file]", str(upload))
    page.click("[data-testid=mask-submit]")
    page.wait_for_selector("[data-testid=job-status]:has-text('完成')")

    result = page.inner_text("[data-testid=mask-result]")
    assert "遮罩結果" in result
    assert "共遮罩 6 個值" in result
    assert sorted(_rows(page, "mask-counts")) == [
        ["國民身分證統一編號", "2"],
        ["姓名", "2"],
        ["行動電話", "2"],
    ]
    assert _rows(page, "mask-unmasked-table") == [["會員編號", "2"]]
    assert "7 位數以上的整數未遮罩：2 個" in page.inner_text("[data-testid=mask-unmasked]")
    assert not any(raw in page.content() for raw in RAW)
    with page.expect_download() as info:
        page.click("[data-testid=job-download]")
    assert info.value.suggested_filename == "遮罩副本_會員名單.tsv"
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8")), delimiter="\t"))
    assert rows[1] == ["王○明", "0912-***-678", "A12****789", "9876543210", "已聯絡"]

    job_url = page.url
    page.click("[data-testid=lang-en]")
    page.goto(job_url)
    result = page.inner_text("[data-testid=mask-result]")
    assert "Masking result" in result
    assert "Integers of 7 or more digits left unmasked: 2" in result
    assert page.locator("[data-testid=mask-counts] thead th").all_inner_texts() == ["Category", "Masked"]
    assert sorted(_rows(page, "mask-counts")) == [
        ["Mobile phone", "2"],
        ["Name", "2"],
        ["National ID number", "2"],
    ]
    assert page.locator("[data-testid=mask-unmasked-table] thead th").all_inner_texts() == [
        "Column",
        "Unmasked integers",
    ]
    assert _rows(page, "mask-unmasked-table") == [["會員編號", "2"]]  # the file's own column name
    assert "遮罩" not in result
    page.click("[data-testid=lang-zh]")
