"""Legal periods counted as the law counts them: 民法第119條至第122條, hours as elapsed time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shouhu.engines.law import officecalendar
from shouhu.engines.law.enums import Unit
from shouhu.engines.law.periods import WorkCalendar, last_day_of_months, next_working_day, period_end
from tests.engines.law.helpers import tp

# A small calendar of our own so the cases do not depend on which years the shipped data covers:
# 2030-02-01 (Fri) is a holiday, 2030-02-09 (Sat) a make-up workday, 2030-02-04..06 three holidays.
_REST = {date(2030, 2, 1), date(2030, 2, 4), date(2030, 2, 5), date(2030, 2, 6)}
_MAKE_UP = {date(2030, 2, 9)}
_FIRST, _LAST = date(2030, 1, 1), date(2030, 12, 31)


def _working(day: date) -> bool | None:
    if not _FIRST <= day <= _LAST:
        return None
    if day in _MAKE_UP:
        return True
    return day.weekday() < 5 and day not in _REST


WORK = WorkCalendar(is_working_day=_working, covered_range=lambda: (_FIRST, _LAST))

# (anchor in Taipei, days, expected last day, rolled from)
DAY_CASES = [
    ("2030-01-10 10:00", 5, date(2030, 1, 15), None),  # Tue → Tue: first day not counted
    ("2030-01-10 23:59", 5, date(2030, 1, 15), None),  # the anchor's time of day does not matter
    ("2030-01-14 00:00", 5, date(2030, 1, 21), date(2030, 1, 19)),  # last day Sat → Mon
    ("2030-01-15 09:00", 5, date(2030, 1, 21), date(2030, 1, 20)),  # last day Sun → Mon
    ("2030-01-27 09:00", 5, date(2030, 2, 7), date(2030, 2, 1)),  # holiday Fri, weekend, 3 holidays → Thu
    ("2030-02-04 09:00", 5, date(2030, 2, 9), None),  # Sat that is a make-up workday stays
    ("2030-02-01 09:00", 3, date(2030, 2, 7), date(2030, 2, 4)),  # a run of holidays
]


@pytest.mark.parametrize(("anchor", "days", "last", "rolled"), DAY_CASES)
def test_day_periods(anchor: str, days: int, last: date, rolled: date | None) -> None:
    end = period_end(tp(anchor), days, Unit.DAYS, WORK)
    assert (end.last_day, end.rolled_from, end.outside_calendar) == (last, rolled, None)
    assert end.due_at == tp(f"{last.isoformat()} 23:59:59")


# (anchor day, months, last day) — 民法第121條第2項 and its 但書; no rollover involved (weekdays).
MONTH_CASES = [
    (date(2030, 1, 15), 1, date(2030, 2, 15)),  # day before the corresponding day of the start (01-16)
    (date(2030, 1, 30), 1, date(2030, 2, 28)),  # start 01-31 has no Feb counterpart → Feb's last day
    (date(2030, 1, 31), 1, date(2030, 2, 28)),  # start 02-01 is the first of a month → end of Feb
    (date(2030, 2, 28), 1, date(2030, 3, 31)),  # start 03-01: a whole calendar month
    (date(2028, 1, 30), 1, date(2028, 2, 29)),  # leap year
    (date(2030, 12, 31), 1, date(2031, 1, 31)),
    (date(2030, 1, 31), 3, date(2030, 4, 30)),
    (date(2030, 8, 30), 6, date(2031, 2, 28)),
]


@pytest.mark.parametrize(("anchor_day", "months", "last"), MONTH_CASES)
def test_month_periods_follow_civil_code_art_121(anchor_day: date, months: int, last: date) -> None:
    assert last_day_of_months(anchor_day, months) == last


def test_month_period_ending_on_a_rest_day_moves_to_the_next_working_day() -> None:
    # 2030-01-04 + 1 month: start 01-05 → last day 02-04, a holiday (then 02-05, 02-06) → 02-07.
    end = period_end(tp("2030-01-04 15:00"), 1, Unit.MONTHS, WORK)
    assert (end.rolled_from, end.last_day) == (date(2030, 2, 4), date(2030, 2, 7))


def test_hour_periods_are_elapsed_time_even_over_rest_days() -> None:
    end = period_end(tp("2030-01-31 22:30"), 72, Unit.HOURS, WORK)
    assert (end.due_at, end.last_day, end.rolled_from) == (tp("2030-02-03 22:30"), None, None)


def test_last_day_outside_the_calendar_is_not_moved_and_reported() -> None:
    end = period_end(tp("2030-12-20 10:00"), 15, Unit.DAYS, WORK)  # 2031-01-04 is a Saturday
    assert (end.last_day, end.rolled_from, end.outside_calendar) == (date(2031, 1, 4), None, date(2031, 1, 4))


def test_rollover_running_out_of_the_calendar_keeps_the_original_day() -> None:
    calendar = WorkCalendar(
        is_working_day=lambda d: None if d > date(2030, 1, 6) else d.weekday() < 5,
        covered_range=lambda: (_FIRST, date(2030, 1, 6)),
    )
    assert next_working_day(date(2030, 1, 5), calendar) == (date(2030, 1, 5), date(2030, 1, 7))


def test_shipped_calendar_is_complete_and_knows_weekends() -> None:
    first, last = officecalendar.covered_range()
    assert (first <= date(2026, 1, 1), last >= date(2026, 12, 31)) == (True, True)
    saturday = date(2026, 3, 7)
    assert (
        officecalendar.is_working_day(saturday),
        officecalendar.is_working_day(saturday + timedelta(2)),
    ) == (
        False,
        True,
    )
    assert officecalendar.is_working_day(last + timedelta(days=1)) is None
