"""Issue 11 High #2 in the risk register: dates out of range are refused with the field's name."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from shouhu.risk import services
from tests.risk.test_register import system_risk


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("assessed_on", dt.date(71, 1, 1), "評估日期"),
        ("accepted_on", dt.date(1900, 5, 1), "接受日期"),
        ("next_review", dt.date(9999, 1, 1), "下次檢視日期"),
    ],
)
def test_risk_dates_out_of_range(system: Any, officer: Any, field: str, value: dt.date, label: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_risk(actor=officer, data=system_risk(system, **{field: value}))
    assert caught.value.message_dict[field][0].startswith(label)


def test_action_due_date_out_of_range(system: Any, officer: Any) -> None:
    risk = services.create_risk(actor=officer, data=system_risk(system))
    with pytest.raises(ValidationError) as caught:
        services.add_action(
            actor=officer,
            risk=risk,
            data={"description": "加密", "owner": "王", "due_date": dt.date(71, 1, 1)},
        )
    assert "預定完成日" in caught.value.message_dict["due_date"][0]
