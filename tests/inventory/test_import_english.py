"""The inventory imports in English: an English page names columns by their English headers and gives every
message in English; a zh-TW page is unchanged; a file with the English headers imports like the zh-TW one."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from shouhu.core.importing.base import spec_for
from shouhu.imports import services as imports
from shouhu.imports.models import ImportBatch
from shouhu.inventory.importing import FILE_ENGLISH
from shouhu.inventory.models import PersonalDataFile
from tests.import_pages import chinese_ui, preview_in, upload_page_in
from tests.inventory.sheets import FILE_HEADERS, file_row, xlsx

WITHOUT_DEPARTMENT = [h for h in FILE_HEADERS if h != "權責部門"]


@pytest.fixture
def web(login_as: Any, officer: Any) -> Client:
    return login_as(officer)


def _upload(web: Client, language: str, data: bytes) -> tuple[ImportBatch, str]:
    return preview_in(web, language, "files", data)


def test_a_bad_file_reads_in_english_on_an_english_page(web: Client, org: dict[str, Any]) -> None:
    rows = [
        [v for h, v in zip(FILE_HEADERS, file_row("會員資料", **{"一般個資筆數": "很多"}), strict=True)
         if h != "權責部門"]
    ]  # fmt: skip
    batch, html = _upload(web, "en", xlsx(WITHOUT_DEPARTMENT, rows))

    assert "The file lacks the required column “Responsible department”" in html  # by its English header
    assert 'data-column="權責部門"' in html  # the form still posts the canonical column
    assert "Column “General records”" in html  # the column of the error, by its English header
    assert "很多&quot; is not a number." in html
    assert chinese_ui(html, [v for row in rows for v in row]) == set()


def test_the_same_bad_file_reads_in_zh_tw_on_a_zh_tw_page(web: Client, org: dict[str, Any]) -> None:
    rows = [
        [v for h, v in zip(FILE_HEADERS, file_row("會員資料", **{"一般個資筆數": "很多"}), strict=True)
         if h != "權責部門"]
    ]  # fmt: skip
    _batch, html = _upload(web, "zh-hant", xlsx(WITHOUT_DEPARTMENT, rows))

    assert "檔案缺少必填欄位「權責部門」" in html
    assert "欄位「一般個資筆數」" in html
    assert "「很多」不是數字。" in html
    assert "General records" not in html


def test_a_file_without_a_header_row_is_refused_in_english(web: Client, org: dict[str, Any]) -> None:
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = web.post(
        reverse("imports:upload", args=["files"]),
        {"file": SimpleUploadedFile("inv.xlsx", xlsx(["x", "y"], [["a", "b"]]))},
    )
    html = response.content.decode()
    assert (
        "No header row found: it must contain the columns “Personal-data file name”, “Responsible department”"
        in html
    )
    assert not ImportBatch.objects.exists()


def test_english_headers_import_exactly_like_the_zh_tw_ones(org: dict[str, Any], officer: Any) -> None:
    rows = [file_row(), file_row("員工資料", **{"權責部門": "人資部", "本公司角色": "蒐集者", "委託者": "",
                                               "當事人類型": "員工"})]  # fmt: skip
    chinese = imports.stage_import(
        actor=officer, kind="files", filename="zh.xlsx", data=xlsx(FILE_HEADERS, rows)
    )
    assert chinese.error_rows == 0, chinese.rows
    imports.confirm_import(actor=officer, batch=chinese)
    before = list(PersonalDataFile.objects.order_by("pk").values())

    english = imports.stage_import(
        actor=officer, kind="files", filename="en.xlsx",
        data=xlsx([FILE_ENGLISH[h] for h in FILE_HEADERS], rows, title="Personal-data inventory"),
    )  # fmt: skip
    assert english.headers == chinese.headers
    assert [r["values"] for r in english.rows] == [r["values"] for r in chinese.rows]
    english = imports.confirm_import(actor=officer, batch=english)

    assert english.result["unchanged"] == 2
    assert (english.result["created"], english.result["updated"]) == (0, 0)
    assert list(PersonalDataFile.objects.order_by("pk").values()) == before


@pytest.mark.parametrize("kind", ["files", "systems"])
def test_the_english_template_has_english_headers_and_imports_like_the_default(
    web: Client, org: dict[str, Any], officer: Any, kind: str
) -> None:
    spec = spec_for(kind)
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert (
        f'href="{reverse("imports:template", args=[kind])}?headers=en"'
        in web.get(reverse("imports:upload", args=[kind])).content.decode()
    )
    english = web.get(reverse("imports:template", args=[kind]) + "?headers=en").content
    default = web.get(reverse("imports:template", args=[kind])).content

    header = next(load_workbook(io.BytesIO(english)).worksheets[0].iter_rows(values_only=True))
    assert list(header) == [spec.english[c] for c in spec.columns]  # type: ignore[attr-defined]
    official = next(load_workbook(io.BytesIO(default)).worksheets[0].iter_rows(values_only=True))
    assert list(official) == list(spec.columns)  # the default stays the zh-TW layout, English page or not
    a = imports.stage_import(actor=officer, kind=kind, filename="en.xlsx", data=english)
    b = imports.stage_import(actor=officer, kind=kind, filename="zh.xlsx", data=default)
    assert a.error_rows == 0, a.rows
    assert (a.headers, a.rows) == (b.headers, b.rows)


def test_the_zh_tw_upload_page_offers_only_the_official_template(web: Client, org: dict[str, Any]) -> None:
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    html = web.get(reverse("imports:upload", args=["files"])).content.decode()
    assert 'data-testid="import-template"' in html
    assert "import-template-en" not in html
    assert "可辨識的欄位：個人資料檔案名稱、權責部門" in html


@pytest.mark.parametrize("kind", ["files", "systems"])
def test_the_english_upload_page_has_no_chinese(web: Client, org: dict[str, Any], kind: str) -> None:
    html = upload_page_in(web, "en", kind)
    spec = spec_for(kind)
    assert ", ".join(spec.english[c] for c in spec.columns) in html  # type: ignore[attr-defined]
    assert chinese_ui(html, []) == set()


def test_the_templates_guides_name_the_other_languages_header(web: Client, org: dict[str, Any]) -> None:
    """The zh-TW template's guide lists each column's English header as accepted, and the English one the
    official zh-TW header."""
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("imports:template", args=["files"])

    def guide(query: str) -> dict[str, str]:
        book = load_workbook(io.BytesIO(web.get(url + query).content))
        return {row[0]: row[3] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)}

    assert guide("")["一般個資筆數"] == "General records"
    assert guide("?headers=en")["General records"] == "一般個資筆數"
