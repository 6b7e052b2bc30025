"""Republic of China (民國) calendar dates for official forms. Pure Python."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

TAIPEI = ZoneInfo("Asia/Taipei")
ROC_OFFSET = 1911


class RocDateError(ValueError):
    """A date string that is not a valid ROC or ISO date."""


def to_taipei(value: dt.datetime) -> dt.datetime:
    """Convert an aware datetime to Asia/Taipei; naive datetimes are refused."""
    if value.tzinfo is None:
        raise RocDateError("時間必須含時區 / datetime must be timezone-aware")
    return value.astimezone(TAIPEI)


def roc_year(year: int) -> int:
    if year <= ROC_OFFSET:
        raise RocDateError(f"西元 {year} 年早於民國元年 / year {year} is before ROC year 1")
    return year - ROC_OFFSET


def format_roc_date(value: dt.date | dt.datetime, *, with_time: bool = False) -> str:
    """民國115年11月26日 (and 14時30分 with ``with_time``); datetimes are shown in Asia/Taipei."""
    if isinstance(value, dt.datetime):
        local = to_taipei(value)
        text = f"民國{roc_year(local.year)}年{local.month}月{local.day}日"
        return f"{text}{local.hour}時{local.minute:02d}分" if with_time else text
    return f"民國{roc_year(value.year)}年{value.month}月{value.day}日"


def format_roc_short(value: dt.date) -> str:
    """115/11/26, the short form used in tables."""
    return f"{roc_year(value.year)}/{value.month:02d}/{value.day:02d}"


_ROC_PATTERNS = [
    re.compile(r"^(?:民國)?\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$"),
    re.compile(r"^(\d{2,3})[/.-](\d{1,2})[/.-](\d{1,2})$"),
    re.compile(r"^(\d{3})(\d{2})(\d{2})$"),
]


def parse_date(text: str) -> dt.date:
    """Parse ISO (2026-11-26) or ROC (115/11/26, 民國115年11月26日, 1151126) dates."""
    value = text.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    for pattern in _ROC_PATTERNS:
        match = pattern.match(value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return dt.date(year + ROC_OFFSET, month, day)
            except ValueError as exc:
                raise RocDateError(f"日期不存在：{value} / no such date") from exc
    raise RocDateError(f"無法辨識的日期格式：{value}（請用 2026-11-26 或 115/11/26）/ unknown date format")
