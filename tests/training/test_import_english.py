"""The attendance import in English: English messages and column names for a bad file; zh-TW unchanged;
English headers import like the zh-TW ones."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from shouhu.training.importing import ENGLISH
from tests.import_pages import chinese_ui, preview_in, upload_page_in
from tests.training.test_import import _csv, _stage, officer, people, session  # noqa: F401

pytestmark = pytest.mark.django_db

# No 姓名 column (required); an unknown employee number and a score out of range.
BAD = ["員工編號,電子郵件,出席,測驗分數", "E001,,出席,120", "E999,,缺席,"]


@pytest.fixture
def web(login_as: Any, officer: Any) -> Client:  # noqa: F811
    return login_as(officer)


def _preview(web: Client, language: str, session: Any) -> str:  # noqa: F811
    return preview_in(web, language, "training.attendance", _csv(BAD, "utf-8"), filename="a.csv",
                      query=f"?session={session.pk}")[1]  # fmt: skip


def test_a_bad_attendance_file_reads_in_english(web: Client, session: Any) -> None:  # noqa: F811
    html = _preview(web, "en", session)
    assert "The file lacks the required column “Name”" in html
    assert "Column “Test score”" in html
    assert "must be a whole number from 0 to 100." in html
    assert "Employee number “E999” not found." in html.replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert chinese_ui(html, [session.title, "出席", "缺席"]) == set()


def test_the_same_attendance_file_reads_in_zh_tw(web: Client, session: Any) -> None:  # noqa: F811
    html = _preview(web, "zh-hant", session)
    assert "檔案缺少必填欄位「姓名」" in html
    assert "「120」須為 0 至 100 的整數。" in html
    assert "找不到員工編號「E999」。" in html


def test_english_attendance_headers_import_like_the_zh_tw_ones(officer: Any, session: Any) -> None:  # noqa: F811
    rows = ["E001,wu@example.com,吳承翰,出席,90"]
    header = ["員工編號", "電子郵件", "姓名", "出席", "測驗分數"]
    chinese = _stage(officer, session, _csv([",".join(header), *rows], "utf-8"))
    english = _stage(officer, session, _csv([",".join(ENGLISH[h] for h in header), *rows], "utf-8"))
    assert chinese.error_rows == 0, chinese.rows
    assert (english.headers, english.rows) == (chinese.headers, chinese.rows)


def test_the_english_upload_page_has_no_chinese(web: Client, session: Any) -> None:  # noqa: F811
    html = upload_page_in(web, "en", "training.attendance", f"?session={session.pk}")
    assert "Test score" in html
    assert chinese_ui(html, [session.title]) == set()
