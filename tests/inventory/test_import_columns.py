"""The import preview can add a column the uploaded file lacks, for every row or row by row."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shouhu.audit.models import AuditEvent
from shouhu.imports import services as imports
from shouhu.imports.models import ImportBatch
from shouhu.inventory.models import PersonalDataFile
from tests.inventory.sheets import FILE_HEADERS, file_row, xlsx

WITHOUT_DEPARTMENT = [h for h in FILE_HEADERS if h != "權責部門"]


def rows_without_department(*names: str) -> list[list[Any]]:
    return [[v for h, v in zip(FILE_HEADERS, file_row(n), strict=True) if h != "權責部門"] for n in names]


def stage(actor: Any, data: bytes) -> ImportBatch:
    return imports.stage_import(actor=actor, kind="files", filename="inv.xlsx", data=data)


def test_file_without_a_required_column_is_previewed_and_cannot_be_confirmed(
    org: dict[str, Any], officer: Any
) -> None:
    batch = stage(officer, xlsx(WITHOUT_DEPARTMENT, rows_without_department("會員資料", "訂單資料")))
    assert len(batch.rows) == 2
    assert imports.missing_columns(batch)[0] == ["權責部門"]
    with pytest.raises(ValidationError, match="缺少必填欄位「權責部門」"):
        imports.confirm_import(actor=officer, batch=batch, skip_invalid=True)
    assert not PersonalDataFile.objects.exists()


def test_one_value_for_every_row_then_confirm(org: dict[str, Any], officer: Any) -> None:
    batch = stage(officer, xlsx(WITHOUT_DEPARTMENT, rows_without_department("會員資料", "訂單資料")))
    batch = imports.add_column(actor=officer, batch=batch, header="權責部門", value=" 資訊部 ")
    assert batch.headers[-1] == "權責部門"
    assert [r["values"]["權責部門"] for r in batch.rows] == ["資訊部", "資訊部"]
    assert batch.error_rows == 0
    assert imports.missing_columns(batch)[0] == []
    imports.confirm_import(actor=officer, batch=batch)
    assert set(PersonalDataFile.objects.values_list("department__name", flat=True)) == {"資訊部"}
    event = AuditEvent.objects.get(action="imports.column_added")
    assert event.changes["column"] == [None, "權責部門"]
    assert event.changes["rows_filled"] == [None, 2]


def test_per_row_values_are_validated_kept_and_fixable(org: dict[str, Any], officer: Any) -> None:
    batch = stage(officer, xlsx(WITHOUT_DEPARTMENT, rows_without_department("會員資料", "員工資料")))
    first, second = (r["row"] for r in batch.rows)
    batch = imports.add_column(
        actor=officer, batch=batch, header="權責部門", values={first: "資訊部", second: "人資"}
    )
    errors = {r["row"]: r["errors"] for r in batch.rows}
    assert errors[first] == {}
    assert errors[second]["權責部門"] == [
        "找不到部門「人資」；現有部門：人資部、資訊部（新部門請先在組織資料新增）。"
    ]
    assert {r["row"]: r["values"]["權責部門"] for r in batch.rows} == {first: "資訊部", second: "人資"}
    index = batch.headers.index("權責部門")
    batch = imports.fix_row(actor=officer, batch=batch, row_number=second, values={"權責部門": "人資部"})
    assert batch.error_rows == 0
    assert index == len(WITHOUT_DEPARTMENT)
    imports.confirm_import(actor=officer, batch=batch)
    assert dict(PersonalDataFile.objects.values_list("name", "department__name")) == {
        "會員資料": "資訊部",
        "員工資料": "人資部",
    }


def test_an_added_column_can_be_set_again_but_a_file_column_cannot(org: dict[str, Any], officer: Any) -> None:
    batch = stage(officer, xlsx(WITHOUT_DEPARTMENT, rows_without_department("會員資料")))
    batch = imports.add_column(actor=officer, batch=batch, header="權責部門", value="人資")
    assert batch.error_rows == 1
    batch = imports.add_column(actor=officer, batch=batch, header="權責部門", value="人資部")
    assert batch.error_rows == 0
    assert batch.headers.count("權責部門") == 1
    with pytest.raises(ValidationError, match="檔案已有欄位「業務流程」"):
        imports.add_column(actor=officer, batch=batch, header="業務流程", value="x")
    with pytest.raises(ValidationError, match="不是此匯入可辨識的欄位"):
        imports.add_column(actor=officer, batch=batch, header="顏色", value="x")


def test_an_optional_column_is_added_with_one_value(org: dict[str, Any], officer: Any) -> None:
    batch = stage(officer, xlsx(FILE_HEADERS, [file_row()]))
    assert "保存期限" in imports.missing_columns(batch)[1]
    batch = imports.add_column(actor=officer, batch=batch, header="保存期限", value="契約終止後 3 年")
    imports.confirm_import(actor=officer, batch=batch)
    assert PersonalDataFile.objects.get().retention_period == "契約終止後 3 年"


def test_a_file_with_no_known_header_is_still_refused(org: dict[str, Any], officer: Any) -> None:
    with pytest.raises(ValidationError, match="找不到標題列"):
        stage(officer, xlsx(["顏色", "個人資料檔案名稱"], [["紅", "a"]]))


@pytest.fixture
def web(login_as: Any, officer: Any) -> Any:
    return login_as(officer)


def test_preview_offers_the_missing_column_and_saves_per_row_values(web: Any, org: dict[str, Any]) -> None:
    data = xlsx(WITHOUT_DEPARTMENT, rows_without_department("會員資料", "員工資料"))
    web.post(reverse("imports:upload", args=["files"]), {"file": SimpleUploadedFile("inv.xlsx", data)})
    batch = ImportBatch.objects.get()
    url = reverse("imports:preview", args=[batch.pk])
    html = web.get(url).content.decode()
    assert 'data-testid="missing-columns"' in html
    assert "檔案缺少必填欄位「權責部門」" in html
    assert 'data-column="權責部門" open' in html
    first, second = (r["row"] for r in batch.rows)
    response = web.post(
        reverse("imports:add_column", args=[batch.pk]),
        {"column": "權責部門", "mode": "rows", f"row-{first}": "資訊部", f"row-{second}": "人資"},
    )
    assert response.status_code == 302
    html = web.get(url).content.decode()
    assert "修改新增的欄位「權責部門」" in html
    assert f'name="row-{second}" value="人資"' in html  # what was typed stays, though it is wrong
    assert "找不到部門「人資」" in html
    response = web.post(reverse("imports:confirm", args=[batch.pk]))
    assert not PersonalDataFile.objects.exists()


def test_refused_column_keeps_what_was_typed(web: Any, org: dict[str, Any], officer: Any) -> None:
    batch = stage(officer, xlsx(WITHOUT_DEPARTMENT, rows_without_department("會員資料")))
    row = batch.rows[0]["row"]
    response = web.post(
        reverse("imports:add_column", args=[batch.pk]),
        {"column": "權責部門", "mode": "rows", f"row-{row}": "資訊部", "row-999": "人資部"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "找不到第 999 列" in html
    assert f'name="row-{row}" value="資訊部"' in html
    batch.refresh_from_db()
    assert "權責部門" not in batch.headers
