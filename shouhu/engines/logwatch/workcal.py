"""Working time: office hours on working days of the company calendar, in Taiwan time (UTC+8, no DST).

``is_working_day(date) -> bool | None`` comes from the office calendar (national holidays and make-up
working days). ``None`` means the calendar has no data for that date: the day is then judged by the
weekday alone and the result says so (``calendar_known`` is False), never silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

TAIWAN_OFFSET_MS = 8 * 3600 * 1000
DAY_MS = 86_400_000
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def weekday_rule(day: dt.date) -> bool | None:
    return day.weekday() < 5


def local_day(ts_ms: int) -> int:
    """Taiwan calendar day as a proleptic ordinal (``date.fromordinal`` gives the date)."""
    return (ts_ms + TAIWAN_OFFSET_MS) // DAY_MS + _EPOCH_ORDINAL


@dataclass
class WorkingTime:
    start_minute: int = 8 * 60  # 08:00
    end_minute: int = 18 * 60  # 18:00
    is_working_day: Callable[[dt.date], bool | None] = weekday_rule
    _days: dict[int, tuple[bool, bool]] = field(default_factory=dict, repr=False)
    unknown_days: set[int] = field(default_factory=set, repr=False)

    def day_info(self, ordinal: int) -> tuple[bool, bool]:
        """(working day?, known from the calendar?) for a day ordinal."""
        info = self._days.get(ordinal)
        if info is None:
            day = dt.date.fromordinal(ordinal)
            answer = self.is_working_day(day)
            if answer is None:
                self.unknown_days.add(ordinal)
                info = (day.weekday() < 5, False)
            else:
                info = (bool(answer), True)
            self._days[ordinal] = info
        return info

    def outside(self, ts_ms: int) -> bool:
        """True when the time is outside office hours or on a day off."""
        local = ts_ms + TAIWAN_OFFSET_MS
        ordinal = local // DAY_MS + _EPOCH_ORDINAL
        working, _known = self.day_info(ordinal)
        if not working:
            return True
        minute = (local % DAY_MS) // 60_000
        return not self.start_minute <= minute < self.end_minute
