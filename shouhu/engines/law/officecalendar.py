"""The government office calendar (政府行政機關辦公日曆表) as data: is a date a working day?

Pure Python. Reads ``data/office_calendar.toml``, which lists per year only the exceptions to the normal
week (weekday rest days and weekend make-up workdays) with the mirror it was taken from. Used to move the
last day of a day-, month- or year-based period off a rest day (民法第122條).

``is_working_day`` answers None for any date the data does not cover, so a caller can warn instead of
guessing. Malformed data raises ``CatalogueError`` when first used.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from .errors import CatalogueError

__all__ = ["CalendarYear", "OfficeCalendar", "covered_range", "is_working_day", "load_office_calendar"]


@dataclass(frozen=True)
class CalendarYear:
    """One published year: its exceptions to the normal week and where they were taken from."""

    year: int
    rest_days: Mapping[date, str]  # Monday–Friday dates that are rest days, with the table's note
    workdays: Mapping[date, str]  # Saturday/Sunday dates that are working days (補行上班)
    source: str
    cross_checked: tuple[str, ...]
    notes_zh: str


@dataclass(frozen=True)
class OfficeCalendar:
    """The calendar years in the data, contiguous from ``first`` to ``last``."""

    name_zh: str
    publisher_zh: str
    dataset_url: str
    licence_zh: str
    retrieved: date
    years: Mapping[int, CalendarYear]
    unavailable: Mapping[int, str]  # years named in the data as not published, with the reason

    def covered_range(self) -> tuple[date, date]:
        """First and last date the data covers (inclusive)."""
        return date(min(self.years), 1, 1), date(max(self.years), 12, 31)

    def is_working_day(self, day: date) -> bool | None:
        """True on a working day, False on a rest day, None outside the data."""
        entry = self.years.get(day.year)
        if entry is None:
            return None
        if day in entry.rest_days:
            return False
        if day in entry.workdays:
            return True
        return day.weekday() < 5

    def note(self, day: date) -> str | None:
        """The table's note for an exception date (e.g. 「補行上班」), or None."""
        entry = self.years.get(day.year)
        if entry is None:
            return None
        return entry.rest_days.get(day) or entry.workdays.get(day)


def _get(raw: Mapping[str, Any], key: str, kind: type, where: str, default: Any = None) -> Any:
    if key not in raw:
        if default is not None:
            return default
        raise CatalogueError(f"{where}：缺少必要欄位 {key}")
    value = raw[key]
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise CatalogueError(f"{where}：欄位 {key} 型別錯誤（{type(value).__name__}）")
    return value


def _days(raw: Mapping[str, Any], key: str, year: int, weekend: bool, where: str) -> dict[date, str]:
    found: dict[date, str] = {}
    for item in _get(raw, key, list, where, []):
        if not isinstance(item, dict) or set(item) - {"date", "note"}:
            raise CatalogueError(f"{where}：{key} 之項目應只含 date 與 note")
        day = _get(item, "date", date, where)
        if day.year != year:
            raise CatalogueError(f"{where}：{day.isoformat()} 不屬 {year} 年")
        if (day.weekday() >= 5) != weekend:
            kind = "週六、週日" if weekend else "週一至週五"
            raise CatalogueError(f"{where}：{key} 之 {day.isoformat()} 應為{kind}")
        if day in found:
            raise CatalogueError(f"{where}：{day.isoformat()} 重複")
        found[day] = _get(item, "note", str, where, "")
    return found


_YEAR_KEYS = {
    "year",
    "available",
    "edition_zh",
    "source",
    "cross_checked",
    "notes_zh",
    "rest_days",
    "workdays",
}


def parse_office_calendar(document: Mapping[str, Any]) -> OfficeCalendar:
    """Validate and build the calendar from the parsed TOML document."""
    head = _get(document, "calendar", dict, "辦公日曆表")
    years: dict[int, CalendarYear] = {}
    unavailable: dict[int, str] = {}
    for raw in _get(document, "year", list, "辦公日曆表"):
        where = f"辦公日曆表 {raw.get('year', '?')} 年"
        unknown = set(raw) - _YEAR_KEYS
        if unknown:
            raise CatalogueError(f"{where}：未知欄位 {', '.join(sorted(unknown))}")
        year = _get(raw, "year", int, where)
        if year in years or year in unavailable:
            raise CatalogueError(f"{where}：年度重複")
        if not _get(raw, "available", bool, where):
            unavailable[year] = _get(raw, "notes_zh", str, where)
            continue
        cross = _get(raw, "cross_checked", list, where, [])
        years[year] = CalendarYear(
            year=year,
            rest_days=_days(raw, "rest_days", year, False, where),
            workdays=_days(raw, "workdays", year, True, where),
            source=_get(raw, "source", str, where),
            cross_checked=tuple(str(c) for c in cross),
            notes_zh=_get(raw, "notes_zh", str, where, ""),
        )
    if not years:
        raise CatalogueError("辦公日曆表：沒有任何年度資料")
    if sorted(years) != list(range(min(years), max(years) + 1)):
        raise CatalogueError("辦公日曆表：年度不連續")
    if any(min(years) <= y <= max(years) for y in unavailable):
        raise CatalogueError("辦公日曆表：未公告之年度位於資料範圍之內")
    return OfficeCalendar(
        name_zh=_get(head, "name_zh", str, "辦公日曆表"),
        publisher_zh=_get(head, "publisher_zh", str, "辦公日曆表"),
        dataset_url=_get(head, "dataset_url", str, "辦公日曆表"),
        licence_zh=_get(head, "licence_zh", str, "辦公日曆表"),
        retrieved=_get(head, "retrieved", date, "辦公日曆表"),
        years=years,
        unavailable=unavailable,
    )


@cache
def load_office_calendar() -> OfficeCalendar:
    """The office calendar shipped with Shouhu (cached)."""
    text = resources.files(__package__).joinpath("data", "office_calendar.toml").read_text(encoding="utf-8")
    return parse_office_calendar(tomllib.loads(text))


def is_working_day(d: date) -> bool | None:
    """True if government offices work on ``d``, False on a rest day, None when the data has no answer."""
    return load_office_calendar().is_working_day(d)


def covered_range() -> tuple[date, date]:
    """The first and last date (inclusive) the shipped office calendar covers."""
    return load_office_calendar().covered_range()
