"""The import template's example row names a department the company has (the demo has 人力資源部, not 人資部), so
it imports as downloaded; a row naming a department that does not exist is told which ones do."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from shouhu.imports import services as imports
from tests.factories import CompanyFactory, DepartmentFactory
from tests.inventory.sheets import FILE_HEADERS, file_row, xlsx


@pytest.fixture
def demo_like(seeded: None) -> None:
    CompanyFactory()
    for name in ("總經理室", "資訊安全部", "人力資源部"):
        DepartmentFactory(name=name)


@pytest.mark.parametrize(
    ("kind", "sheet", "department"),
    [("files", "個人資料盤點表", "人力資源部"), ("systems", "系統與資產", "資訊安全部")],
)
def test_the_template_example_uses_a_department_of_this_company_and_imports(
    demo_like: None, officer: Any, login_as: Any, kind: str, sheet: str, department: str
) -> None:
    response = login_as(officer).get(f"/imports/{kind}/template.xlsx")

    rows = list(load_workbook(io.BytesIO(response.content))[sheet].iter_rows(values_only=True))
    assert rows[1][list(rows[0]).index("權責部門")] == department
    batch = imports.stage_import(actor=officer, kind=kind, filename="t.xlsx", data=response.content)
    assert batch.error_rows == 0, batch.rows[0]["errors"]


def test_an_unknown_department_is_told_the_departments_there_are(demo_like: None, officer: Any) -> None:
    data = xlsx(FILE_HEADERS, [file_row(**{"權責部門": "人資部"})])

    batch = imports.stage_import(actor=officer, kind="files", filename="x.xlsx", data=data)

    assert batch.rows[0]["errors"]["權責部門"] == [
        "找不到部門「人資部」；現有部門：人力資源部、總經理室、資訊安全部（新部門請先在組織資料新增）。"
    ]


def test_with_no_department_at_all_the_message_says_to_add_one_first(seeded: None, officer: Any) -> None:
    CompanyFactory()
    data = xlsx(FILE_HEADERS, [file_row(**{"權責部門": "人資部"})])

    batch = imports.stage_import(actor=officer, kind="files", filename="x.xlsx", data=data)

    assert batch.rows[0]["errors"]["權責部門"] == [
        "找不到部門「人資部」：尚未建立任何部門，請先在組織資料新增。"
    ]
