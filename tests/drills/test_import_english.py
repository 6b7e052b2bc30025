"""The GoPhish results import in English: English messages for a bad export (GoPhish's own English column
names); zh-TW unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.drills.conftest import gophish_csv
from tests.import_pages import chinese_ui, preview_in, upload_page_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(login_as: Any, officer: Any) -> Client:
    return login_as(officer)


def _preview(web: Client, language: str, drill: Any, data: bytes) -> str:
    return preview_in(
        web, language, "drills.gophish", data, filename="results.csv", query=f"?drill={drill.pk}"
    )[1]


def _bad() -> bytes:
    return gophish_csv(
        ("nobody@example.com", "Clicked Link", "false"), ("wu@example.com", "Phished", "maybe")
    )


def test_a_bad_gophish_export_reads_in_english(web: Client, staff: Any, drill: Any) -> None:
    html = _preview(web, "en", drill, _bad())
    assert "No person has the e-mail address nobody@example.com" in html
    assert "Unrecognised status" in html
    assert "reported must be true or false." in html
    assert chinese_ui(html, [drill.title, "名0", "名1", "姓", "工程師"]) == set()


def test_a_gophish_export_without_an_email_column_names_it_in_english(
    web: Client, staff: Any, drill: Any
) -> None:
    data = b"id,status,reported\nr1,Clicked Link,false\n"
    html = _preview(web, "en", drill, data)
    assert "The file lacks the required column “email”" in html
    assert chinese_ui(html, [drill.title]) == set()


def test_the_same_bad_gophish_export_reads_in_zh_tw(web: Client, staff: Any, drill: Any) -> None:
    html = _preview(web, "zh-hant", drill, _bad())
    assert "找不到電子郵件為 nobody@example.com 的人員" in html
    assert "無法辨識的狀態「Phished」" in html
    assert "reported 須為 true 或 false。" in html


def test_the_english_upload_page_has_no_chinese(web: Client, staff: Any, drill: Any) -> None:
    html = upload_page_in(web, "en", "drills.gophish", f"?drill={drill.pk}")
    assert "GoPhish" in html
    assert chinese_ui(html, [drill.title]) == set()
