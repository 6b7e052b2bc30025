"""Time helpers: Asia/Taipei, aware-datetime checks, ISO 8601 and ROC (民國) parsing, month arithmetic.

Legal periods are counted in ``periods.py`` (民法第119條至第122條).
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from .errors import DateFormatError, NaiveDatetimeError

TAIPEI = ZoneInfo("Asia/Taipei")
_ROC_OFFSET = 1911

_ROC = re.compile(
    r"^\s*(?:民國|中華民國)?\s*(?P<y>\d{1,3})\s*[/\-.年]\s*(?P<m>\d{1,2})\s*[/\-.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*T?\s*(?P<H>\d{1,2})\s*[:時]\s*(?P<M>\d{2})(?:\s*[:分]\s*(?P<S>\d{2}))?\s*[分秒]?)?\s*$"
)


def require_aware(value: datetime, label_zh: str) -> datetime:
    """Return ``value`` in UTC; refuse a naive datetime with a zh-TW message."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(f"{label_zh}缺少時區（須為含時區之時間，例如 2026-11-26T14:30+08:00）")
    return value.astimezone(UTC)


def taipei_date(value: datetime) -> date:
    """The calendar date of an aware datetime in Asia/Taipei."""
    return value.astimezone(TAIPEI).date()


def format_taipei(value: datetime) -> str:
    """Format as ROC date and Taipei time, e.g. 民國115年11月26日 14:30（臺北時間）."""
    local = value.astimezone(TAIPEI)
    return (
        f"民國{local.year - _ROC_OFFSET}年{local.month}月{local.day}日 "
        f"{local.hour:02d}:{local.minute:02d}（臺北時間）"
    )


def _build(year: int, month: int, day: int, hour: int, minute: int, second: int, text: str) -> datetime:
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=TAIPEI)
    except ValueError:
        raise DateFormatError(f"日期或時間不存在：{text}") from None


def parse_datetime(text: str) -> datetime:
    """Parse an ISO 8601 or ROC (民國) date-time string into an aware UTC datetime.

    Accepted: ``2026-11-26T14:30:00+08:00``, ``2026-11-26T06:30Z``, ``2026-11-26 14:30`` and
    ``2026-11-26`` (no offset: Asia/Taipei), ``115/11/26 14:30``, ``115-11-26``, ``115.11.26``,
    ``民國115年11月26日 14時30分``. A date without a time means 00:00 Asia/Taipei (the earliest
    reading, which gives the earliest deadline).
    """
    if not isinstance(text, str) or not text.strip():
        raise DateFormatError("日期時間不可為空白")
    stripped = text.strip()
    match = _ROC.match(stripped)
    if match and len(match["y"]) <= 3:
        year = int(match["y"]) + _ROC_OFFSET
        hour = int(match["H"] or 0)
        minute = int(match["M"] or 0)
        second = int(match["S"] or 0)
        return _build(year, int(match["m"]), int(match["d"]), hour, minute, second, text).astimezone(UTC)
    iso = stripped[:-1] + "+00:00" if stripped.endswith(("Z", "z")) else stripped
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        raise DateFormatError(
            f"無法辨識的日期格式：{text}；請使用 ISO 8601（例如 2026-11-26T14:30+08:00）"
            "或民國格式（例如 115/11/26 14:30）"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=TAIPEI)
    return parsed.astimezone(UTC)


def parse_date(text: str) -> date:
    """Parse an ISO 8601 (2026-11-26) or ROC (115/11/26) date string."""
    return taipei_date(parse_datetime(text))


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the last day of the target month."""
    index = day.month - 1 + months
    year = day.year + index // 12
    month = index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
