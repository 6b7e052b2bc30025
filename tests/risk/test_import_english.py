"""The risk register import in English: English messages and column names for a bad file; zh-TW unchanged;
English headers import like the zh-TW ones."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from shouhu.imports import services as imports
from shouhu.inventory.models import System
from shouhu.risk.importing import RISK_ENGLISH
from tests.import_pages import chinese_ui, preview_in, upload_page_in
from tests.inventory.sheets import xlsx
from tests.risk.test_io_views import HEADERS, row

WITHOUT_LIKELIHOOD = [h for h in HEADERS if h != "可能性"]


def _bad_file() -> tuple[bytes, list[Any]]:
    values = [v for h, v in zip(HEADERS, row(**{"威脅": "隕石", "衝擊": "高"}), strict=True) if h != "可能性"]
    return xlsx(WITHOUT_LIKELIHOOD, [values], title=None), values


@pytest.fixture
def web(login_as: Any, officer: Any) -> Client:
    return login_as(officer)


def test_a_bad_risk_file_reads_in_english(web: Client, system: System) -> None:
    data, values = _bad_file()
    _batch, html = preview_in(web, "en", "risks", data)
    assert "The file lacks the required column “Likelihood”" in html
    assert "Column “Threat”" in html
    assert "Column “Impact”" in html
    assert "is not a number." in html
    assert chinese_ui(html, values) == set()


def test_the_same_bad_risk_file_reads_in_zh_tw(web: Client, system: System) -> None:
    data, _values = _bad_file()
    _batch, html = preview_in(web, "zh-hant", "risks", data)
    assert "檔案缺少必填欄位「可能性」" in html
    assert "欄位「衝擊」" in html
    assert "「高」不是數字。" in html
    assert "Likelihood" not in html


def test_english_risk_headers_import_like_the_zh_tw_ones(officer: Any, system: System) -> None:
    chinese = imports.stage_import(
        actor=officer, kind="risks", filename="r.xlsx", data=xlsx(HEADERS, [row()])
    )
    english = imports.stage_import(
        actor=officer, kind="risks", filename="r.xlsx", data=xlsx([RISK_ENGLISH[h] for h in HEADERS], [row()])
    )
    assert chinese.error_rows == 0, chinese.rows
    assert (english.headers, english.rows) == (chinese.headers, chinese.rows)


def test_the_english_upload_page_has_no_chinese(web: Client, system: System) -> None:
    html = upload_page_in(web, "en", "risks")
    assert "Recognised columns: Scope, System or device" in html
    assert chinese_ui(html, []) == set()
