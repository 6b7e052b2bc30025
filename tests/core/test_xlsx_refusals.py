"""The XLSX reader's refusals: the engine gives a code, the import page says it once, in the reader's words."""

from __future__ import annotations

import pytest
from django.utils import translation

from shouhu.core.importing.reader import ImportFileError, read_xlsx
from shouhu.engines.pii.readers.xlsx_fast import XlsxError, read_first_sheet


def test_the_engine_refuses_with_a_code_and_zh_text() -> None:
    with pytest.raises(XlsxError) as caught:
        read_first_sheet(b"not a workbook")
    assert caught.value.code == "unreadable"
    assert str(caught.value) == "無法讀取 XLSX 檔案（檔案損毀或不是 Excel 活頁簿）。"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The XLSX file cannot be read (it is damaged or not an Excel workbook)."),
        ("zh-hant", "無法讀取 XLSX 檔案（檔案損毀或不是 Excel 活頁簿）。"),
    ],
)
def test_the_import_reader_says_it_in_the_page_language(language: str, text: str) -> None:
    with translation.override(language), pytest.raises(ImportFileError) as caught:
        read_xlsx(b"not a workbook", ["名稱"], ["名稱"])
    assert str(caught.value) == text
