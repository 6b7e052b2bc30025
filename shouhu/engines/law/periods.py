"""Counting a legal period as the law counts it.

- Hours (1, 36, 48, 72 小時) are elapsed time from the anchor.
- Days and months follow 民法第119條至第122條: the first day is not counted (第120條第2項); a period of
  days ends at the end of its last day (第121條第1項); a period of months not starting on the first of
  a month ends on the day before the corresponding day of the last month, or on that month's last day
  when it has no corresponding day (第121條第2項); a period starting on the first of a month ends at the
  end of the last month. When the last day is a Saturday, Sunday, national holiday or other rest day,
  the next working day takes its place (第122條), read from the government office calendar.
- The end of a day is 24:00 Asia/Taipei; it is represented as 23:59:59 of that day.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from . import officecalendar
from .enums import Unit
from .timeutil import TAIPEI

_WEEKDAY_ZH = "一二三四五六日"
_MAX_REST_RUN = 40  # longer than any run of rest days in the office calendar


@dataclass(frozen=True)
class WorkCalendar:
    """Where working days come from (the office calendar by default; tests may give their own data)."""

    is_working_day: Callable[[date], bool | None] = field(default=officecalendar.is_working_day)
    covered_range: Callable[[], tuple[date, date]] = field(default=officecalendar.covered_range)


OFFICE_CALENDAR = WorkCalendar()


@dataclass(frozen=True)
class PeriodEnd:
    """When a period ends: the due time, and for day/month periods the last day and any rollover."""

    due_at: datetime
    last_day: date | None = None  # the last day after 民法第122條 (None for hour periods)
    rolled_from: date | None = None  # the last day before it was moved off a rest day
    outside_calendar: date | None = None  # a last day the office calendar does not cover (not moved)


def weekday_zh(day: date) -> str:
    """「星期六」."""
    return f"星期{_WEEKDAY_ZH[day.weekday()]}"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = month - 1 + months
    return year + index // 12, index % 12 + 1


def last_day_of_months(anchor_day: date, months: int) -> date:
    """The last day of a period of ``months`` months starting the day after ``anchor_day`` (民法第121條)."""
    start = anchor_day + timedelta(days=1)
    if start.day == 1:
        return _month_end(*_shift_month(start.year, start.month, months - 1))
    year, month = _shift_month(start.year, start.month, months)
    if start.day > calendar.monthrange(year, month)[1]:
        return _month_end(year, month)
    return date(year, month, start.day) - timedelta(days=1)


def last_day_of_days(anchor_day: date, days: int) -> date:
    """The last day of a period of ``days`` days starting the day after ``anchor_day``."""
    return anchor_day + timedelta(days=days)


def next_working_day(day: date, work: WorkCalendar = OFFICE_CALENDAR) -> tuple[date, date | None]:
    """``day`` or the next working day after it; second value: a day outside the calendar data, if met.

    Outside the data the day is not moved (the earlier, conservative reading).
    """
    current = day
    for _ in range(_MAX_REST_RUN):
        working = work.is_working_day(current)
        if working is None:
            return day, current
        if working:
            return current, None
        current += timedelta(days=1)
    return day, current


def period_end(
    anchor: datetime, duration: int, unit: Unit, work: WorkCalendar = OFFICE_CALENDAR
) -> PeriodEnd:
    """When a period of ``duration`` ``unit`` starting at ``anchor`` (aware) ends, in UTC."""
    if unit is Unit.HOURS:
        return PeriodEnd((anchor + timedelta(hours=duration)).astimezone(UTC))
    anchor_day = anchor.astimezone(TAIPEI).date()
    if unit is Unit.DAYS:
        last = last_day_of_days(anchor_day, duration)
    elif unit is Unit.MONTHS:
        last = last_day_of_months(anchor_day, duration)
    else:
        raise ValueError(f"unit {unit} has no duration")
    moved, outside = next_working_day(last, work)
    due = datetime.combine(moved, time(23, 59, 59), tzinfo=TAIPEI).astimezone(UTC)
    return PeriodEnd(due, moved, last if moved != last else None, outside)
