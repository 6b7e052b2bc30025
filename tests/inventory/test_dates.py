"""Issue 11 High #2 in the inventory: 筆數計算日期 out of range is refused, by form, API and import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from shouhu.core.importing.fields import CellError
from shouhu.core.importing.fields import date as date_cell
from shouhu.inventory import services


def test_counted_on_year_71_is_refused(officer: Any, file_data: Callable[..., dict[str, Any]]) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_file(actor=officer, data=file_data(counted_on=dt.date(71, 1, 1)))
    assert caught.value.message_dict["counted_on"][0].startswith("筆數計算日期（0071-01-01）")


@pytest.mark.parametrize(
    ("cell", "ok"),
    [
        ("2026-11-01", True),
        ("115/11/01", True),
        ("0071-01-01", False),
        ("200/01/01", False),
        ("3000-01-01", False),
    ],
)
def test_import_date_cells(cell: str, ok: bool) -> None:
    if ok:
        assert date_cell(cell) is not None
    else:
        with pytest.raises(CellError, match="不在合理範圍內"):
            date_cell(cell)
