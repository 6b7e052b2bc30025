"""Imports refuse files above the size cap and the row cap, with zh-TW messages, before validating rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from shouhu.imports import services as imports
from shouhu.imports.forms import ImportForm
from shouhu.imports.models import ImportBatch
from tests.inventory.sheets import FILE_HEADERS, csv_bytes, file_row, xlsx


def _stage(actor: Any, data: bytes, name: str) -> ImportBatch:
    return imports.stage_import(actor=actor, kind="files", filename=name, data=data)


@pytest.mark.parametrize("name", ["inv.csv", "inv.xlsx"])
def test_file_with_more_rows_than_the_cap_is_refused(
    org: dict[str, Any], officer: Any, settings: Any, name: str
) -> None:
    settings.SHOUHU_IMPORT_MAX_ROWS = 20
    rows = [file_row(f"資料{i}") for i in range(40)]
    data = csv_bytes(FILE_HEADERS, rows, "utf-8") if name.endswith(".csv") else xlsx(FILE_HEADERS, rows)
    with pytest.raises(ValidationError) as exc:
        _stage(officer, data, name)
    assert "超過 20 列的上限" in exc.value.message_dict["file"][0]
    assert not ImportBatch.objects.exists()


def test_file_within_the_row_cap_is_staged(org: dict[str, Any], officer: Any, settings: Any) -> None:
    settings.SHOUHU_IMPORT_MAX_ROWS = 20
    batch = _stage(
        officer, csv_bytes(FILE_HEADERS, [file_row(f"資料{i}") for i in range(20)], "utf-8"), "a.csv"
    )
    assert len(batch.rows) == 20


def test_file_above_the_size_cap_is_refused(org: dict[str, Any], officer: Any, settings: Any) -> None:
    settings.SHOUHU_IMPORT_MAX_BYTES = 1024
    data = csv_bytes(FILE_HEADERS, [file_row(f"資料{i}") for i in range(30)], "utf-8")
    assert len(data) > 1024
    with pytest.raises(ValidationError) as exc:
        _stage(officer, data, "inv.csv")
    assert "檔案過大" in exc.value.message_dict["file"][0]


def test_upload_form_refuses_an_oversized_file_before_reading_it(settings: Any) -> None:
    settings.SHOUHU_IMPORT_MAX_BYTES = 10
    form = ImportForm({}, {"file": SimpleUploadedFile("inv.csv", b"x" * 11)})
    assert not form.is_valid()
    assert "檔案過大" in form.errors["file"][0]
