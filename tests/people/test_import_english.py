"""The account-list import in English: English messages and column names for a bad file; zh-TW unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from shouhu.people.models import Review
from tests.import_pages import chinese_ui, preview_in, upload_page_in

pytestmark = pytest.mark.django_db

BAD = "Username,Display name,Email,Account status\nwu,Wu,wu@example.tw,Active\ntemp,Temp,bad-mail,pending-approval\n"
NO_USERNAME = "Display name,Employee ID\nWu,E001\n"  # no account name, no e-mail to take it from


@pytest.fixture
def web(login_as: Any, officer: Any) -> Client:
    return login_as(officer)


def _preview(web: Client, language: str, review: Review, text: str) -> str:
    return preview_in(web, language, "people.accounts", text.encode(), filename="accounts.csv",
                      query=f"?review={review.pk}")[1]  # fmt: skip


def test_a_bad_account_list_reads_in_english(web: Client, review: Review) -> None:
    html = _preview(web, "en", review, BAD)
    assert "Column “Email”" in html
    assert "Column “Account status”" in html
    assert "pending-approval" in html
    assert chinese_ui(html, [review.title]) == set()
    html = _preview(web, "en", review, NO_USERNAME)
    assert "The file lacks the required column “Username”" in html
    assert chinese_ui(html, [review.title]) == set()


def test_the_same_account_lists_read_in_zh_tw(web: Client, review: Review) -> None:
    html = _preview(web, "zh-hant", review, BAD)
    assert "電子郵件格式不正確。" in html
    assert "看不懂帳號狀態「pending-approval」" in html
    assert "欄位「帳號狀態」" in html
    assert "檔案缺少必填欄位「帳號」" in _preview(web, "zh-hant", review, NO_USERNAME)


def test_the_english_upload_page_has_no_chinese(web: Client, review: Review) -> None:
    html = upload_page_in(web, "en", "people.accounts", f"?review={review.pk}")
    assert "Username" in html
    assert chinese_ui(html, [review.title]) == set()
