"""Log timestamps to UTC epoch milliseconds, quickly (one dictionary look-up per repeated second).

Every function raises ``ValueError`` on input it cannot read; parsers turn that into a rejected line.
Times without a zone are read in the source's zone (Asia/Taipei unless the source says otherwise).
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

TAIPEI = ZoneInfo("Asia/Taipei")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MIN_MS = 631_152_000_000  # 1990-01-01
MAX_MS = 4_102_444_800_000  # 2100-01-01
MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}
_CACHE_LIMIT = 200_000


class TimeRangeError(ValueError):
    """A readable time outside 1990–2100 (a corrupt or forged line)."""


def _check(ms: int) -> int:
    if not MIN_MS <= ms < MAX_MS:
        raise TimeRangeError("out of range")
    return ms


def to_ms(value: dt.datetime) -> int:
    return _check((value - _EPOCH) // dt.timedelta(milliseconds=1))


def from_ms(ms: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(milliseconds=ms)


def _offset(text: str) -> dt.timedelta:
    """ "+0800", "-07:00", "+08" -> timedelta."""
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    if not digits.isdigit() or len(digits) not in (2, 4):
        raise ValueError("bad offset")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 14 or minutes > 59:
        raise ValueError("bad offset")
    return sign * dt.timedelta(hours=hours, minutes=minutes)


class ClfTime:
    """``10/Oct/2000:13:55:36 -0700`` (nginx/Apache). The day and zone part is computed once per distinct
    value; the time of day is added with integer arithmetic."""

    def __init__(self) -> None:
        self._days: dict[str, int] = {}
        self._seconds: dict[str, int] = {}  # busy logs repeat the same second many times
        self._minutes: dict[str, int] = {}  # and quiet ones the same minute

    def __call__(self, text: str) -> int:
        ms = self._seconds.get(text)
        if ms is not None:
            return ms
        minute = self._minutes.get(text[:17] + text[20:])
        if (
            minute is not None
            and text[17] == ":"
            and text[18:20].isdigit()
            and text[18] < "6"
            and len(text) == 26
        ):
            ms = minute + int(text[18:20]) * 1000
        else:
            ms = self._parse(text)
            if len(self._minutes) > 4096:
                self._minutes.clear()
            self._minutes[text[:17] + text[20:]] = ms - int(text[18:20]) * 1000
        if len(self._seconds) > 4096:
            self._seconds.clear()
        self._seconds[text] = ms
        return ms

    def _parse(self, text: str) -> int:
        if len(text) != 26 or text[11] != ":" or text[14] != ":" or text[17] != ":":
            raise ValueError("not a CLF time")
        key = text[:11] + text[20:]
        base = self._days.get(key)
        if base is None:
            base = self._day(text)
        hh, mm, ss = text[12:14], text[15:17], text[18:20]
        if not (hh.isdigit() and mm.isdigit() and ss.isdigit()):
            raise ValueError("not a CLF time")
        hour, minute, second = int(hh), int(mm), int(ss)
        if hour > 23 or minute > 59 or second > 60:
            raise ValueError("not a CLF time")
        return _check(base + (hour * 3600 + minute * 60 + second) * 1000)

    def _day(self, text: str) -> int:
        if text[2] != "/" or text[6] != "/" or text[20] != " ":
            raise ValueError("not a CLF time")
        month = MONTHS.get(text[3:6])
        if month is None or not (text[0:2] + text[7:11]).isdigit():
            raise ValueError("not a CLF time")
        midnight = dt.datetime(int(text[7:11]), month, int(text[0:2]), tzinfo=dt.UTC) - _offset(text[21:])
        base = (midnight - _EPOCH) // dt.timedelta(milliseconds=1)
        if len(self._days) > _CACHE_LIMIT:
            self._days.clear()
        self._days[text[:11] + text[20:]] = base
        return base


_ISO = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?\s*(Z|[+-]\d\d(?::?\d\d)?|[A-Za-z]{2,5})?$"
)
_COMPACT = re.compile(r"(\d{2}|\d{4})(\d\d)(\d\d)\s+(\d{1,2}):(\d\d):(\d\d)$")
# Zone abbreviations seen in PostgreSQL and MySQL logs. CST is China/Taiwan Standard Time in a log written
# by a server set to Asia/Taipei (the only reading that makes sense for the installations Shouhu serves).
_ABBREVIATIONS = {"UTC": 0, "GMT": 0, "Z": 0, "CST": 8 * 60, "TST": 8 * 60, "JST": 9 * 60, "HKT": 8 * 60}


class AnyTime:
    """ISO 8601 (with or without zone), ``YYYY-MM-DD HH:MM:SS[.fff] ZONE``, ``YYMMDD H:MM:SS`` and epoch
    seconds or milliseconds. A time without a zone is read in ``default_tz``."""

    def __init__(self, default_tz: dt.tzinfo = TAIPEI) -> None:
        self.default_tz = default_tz
        self._cache: dict[str, int] = {}

    def __call__(self, value: object) -> int:
        if isinstance(value, bool):
            raise ValueError("not a time")
        if isinstance(value, int | float):
            return self._epoch(float(value))
        text = str(value).strip()
        ms = self._cache.get(text)
        if ms is not None:
            return ms
        ms = self._parse(text)
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[text] = ms
        return ms

    @staticmethod
    def _epoch(number: float) -> int:
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError("not a number")
        return _check(int(number if number > 1e11 else number * 1000))  # ms when it is that large

    def _parse(self, text: str) -> int:
        if text.replace(".", "", 1).isdigit():
            return self._epoch(float(text))
        m = _ISO.match(text)
        if m is not None:
            year, month, day, hh, mm, ss, frac, zone = m.groups()
            micro = int((frac or "0")[:6].ljust(6, "0"))
            naive = dt.datetime(
                int(year), int(month), int(day), int(hh), int(mm), int(ss), micro, tzinfo=dt.UTC
            )
            return self._aware(naive, zone)
        m = _COMPACT.match(text)
        if m is not None:
            year, month, day, hh, mm, ss = m.groups()
            full = int(year) + (2000 if len(year) == 2 else 0)
            return self._aware(
                dt.datetime(full, int(month), int(day), int(hh), int(mm), int(ss), tzinfo=dt.UTC), None
            )
        raise ValueError("unknown time format")

    def _aware(self, naive: dt.datetime, zone: str | None) -> int:
        """``naive`` carries the wall-clock time (marked UTC only as a placeholder); ``zone`` says where."""
        if zone is None:
            return to_ms(naive.replace(tzinfo=self.default_tz))
        if zone[0] in "+-":
            return to_ms(naive.replace(tzinfo=dt.UTC) - _offset(zone))
        minutes = _ABBREVIATIONS.get(zone.upper())
        if minutes is None:
            raise ValueError("unknown zone")
        return to_ms(naive.replace(tzinfo=dt.UTC) - dt.timedelta(minutes=minutes))
