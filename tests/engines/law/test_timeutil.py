"""Date parsing (ISO 8601 and ROC) and month arithmetic (legal periods: test_periods.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from shouhu.engines.law.errors import DateFormatError, NaiveDatetimeError
from shouhu.engines.law.timeutil import (
    add_months,
    format_taipei,
    parse_date,
    parse_datetime,
    require_aware,
)
from tests.engines.law.helpers import tp

PARSE_CASES = [
    ("2026-11-26T14:30:00+08:00", "2026-11-26 14:30"),
    ("2026-11-26T06:30Z", "2026-11-26 14:30"),
    ("2026-11-26 14:30", "2026-11-26 14:30"),
    ("2026-11-26", "2026-11-26 00:00"),
    ("115/11/26 14:30", "2026-11-26 14:30"),
    ("115/11/26 14:30:15", "2026-11-26 14:30:15"),
    ("115-11-26", "2026-11-26 00:00"),
    ("115.11.26 09:05", "2026-11-26 09:05"),
    ("民國115年11月26日 14時30分", "2026-11-26 14:30"),
    ("115年11月26日14:30", "2026-11-26 14:30"),
    ("99/01/02 08:00", "2010-01-02 08:00"),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_CASES, ids=[c[0] for c in PARSE_CASES])
def test_parse_datetime(text: str, expected: str) -> None:
    parsed = parse_datetime(text)
    assert (parsed, parsed.tzinfo) == (tp(expected), UTC)


@pytest.mark.parametrize("text", ["yesterday", "26/11/2026", "2026-11-26 25:00", "", "11/26"])
def test_unknown_formats_are_refused_in_zh(text: str) -> None:
    with pytest.raises(DateFormatError, match="無法辨識的日期格式|不可為空白|不存在"):
        parse_datetime(text)


def test_impossible_roc_date_is_refused() -> None:
    with pytest.raises(DateFormatError, match="日期或時間不存在：115/02/30"):
        parse_datetime("115/02/30")


def test_parse_date_accepts_roc() -> None:
    assert parse_date("115/11/26") == date(2026, 11, 26)


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match="知悉時間缺少時區"):
        require_aware(datetime(2026, 11, 26, 10, 0), "知悉時間")  # noqa: DTZ001


def test_format_taipei_uses_roc_year() -> None:
    assert format_taipei(tp("2026-11-26 14:30")) == "民國115年11月26日 14:30（臺北時間）"


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
