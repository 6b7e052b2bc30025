"""The government office calendar data and its loader (政府行政機關辦公日曆表)."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from importlib import resources

import pytest

from shouhu.engines.law import officecalendar
from shouhu.engines.law.errors import CatalogueError
from shouhu.engines.law.officecalendar import covered_range, is_working_day, parse_office_calendar

# (date, working day?, why) — read from the DGPA tables (see the data file's sources).
SPOT_CHECKS = [
    (date(2020, 1, 23), False, "109年 調整放假（春節前）"),
    (date(2020, 2, 15), True, "109年 週六調整上班"),
    (date(2021, 2, 20), True, "110年 週六補行上班"),
    (date(2021, 12, 31), False, "110年 開國紀念日逢週六，前一日補假"),
    (date(2022, 1, 22), True, "111年 週六補行上班"),
    (date(2022, 2, 4), False, "111年 春節後調整放假"),
    (date(2023, 1, 7), True, "112年 週六補行上班"),
    (date(2023, 3, 25), True, "112年 週六補行上班"),
    (date(2023, 10, 9), False, "112年 國慶日前調整放假"),
    (date(2024, 2, 17), True, "113年 週六補行上班"),
    (date(2024, 2, 8), False, "113年 小年夜"),
    (date(2024, 4, 5), False, "113年 兒童節及民族掃墓節補假"),
    (date(2024, 2, 16), True, "113年 春節後之平常週五"),
    (date(2025, 2, 8), True, "114年 週六補行上班"),
    (date(2025, 9, 29), False, "114年 教師節逢週日補假（2025年修正後）"),
    (date(2025, 10, 24), False, "114年 臺灣光復紀念日逢週六補假（2025年修正後）"),
    (date(2025, 12, 25), False, "114年 行憲紀念日（2025年修正後）"),
    (date(2025, 5, 1), True, "114年 勞動節非行政機關放假日"),
    (date(2026, 2, 20), False, "115年 春節補假"),
    (date(2026, 5, 1), False, "115年 勞動節"),
    (date(2026, 9, 28), False, "115年 孔子誕辰紀念日/教師節"),
    (date(2026, 11, 27), True, "115年 平常週五"),
    (date(2026, 11, 28), False, "115年 平常週六"),
    (date(2027, 2, 4), False, "116年 小年夜"),
    (date(2027, 4, 30), False, "116年 勞動節逢週六補假"),
    (date(2027, 10, 25), False, "116年 臺灣光復暨金門古寧頭大捷紀念日"),
    (date(2027, 12, 31), False, "116年 2028年開國紀念日逢週六補假"),
    (date(2027, 12, 30), True, "116年 平常週四"),
]


@pytest.mark.parametrize(("day", "working", "why"), SPOT_CHECKS, ids=[c[2] for c in SPOT_CHECKS])
def test_spot_checks_match_the_dgpa_table(day: date, working: bool, why: str) -> None:
    assert is_working_day(day) is working


def test_the_data_covers_2020_to_2027() -> None:
    assert covered_range() == (date(2020, 1, 1), date(2027, 12, 31))


@pytest.mark.parametrize("day", [date(2019, 12, 31), date(2028, 1, 1), date(2028, 1, 3)])
def test_a_date_outside_the_data_is_unknown(day: date) -> None:
    assert is_working_day(day) is None


def test_2028_is_named_as_not_yet_published() -> None:
    assert 2028 in officecalendar.load_office_calendar().unavailable


def test_every_year_has_a_source_and_a_cross_check() -> None:
    calendar = officecalendar.load_office_calendar()
    for entry in calendar.years.values():
        repository, _, rest = entry.source.partition("@")
        assert repository, entry.year
        assert len(rest.split(":")[0]) == 40, entry.year  # a full commit hash
        assert entry.cross_checked, entry.year


def test_working_days_per_year_are_plausible() -> None:
    # A DGPA year has 246–250 working days; a typo turning a weekday list into weekends would break this.
    for year in range(2020, 2028):
        start = date(year, 1, 1)
        days = [start + timedelta(n) for n in range((date(year + 1, 1, 1) - start).days)]
        working = sum(1 for d in days if is_working_day(d))
        assert 240 <= working <= 252, (year, working)


def _document() -> dict:
    text = resources.files("shouhu.engines.law").joinpath("data", "office_calendar.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_a_rest_day_listed_on_a_weekend_is_refused() -> None:
    document = _document()
    document["year"][0]["rest_days"].append({"date": date(2020, 3, 7), "note": "週六"})
    with pytest.raises(CatalogueError, match="週一至週五"):
        parse_office_calendar(document)


def test_a_gap_between_years_is_refused() -> None:
    document = _document()
    document["year"] = [y for y in document["year"] if y["year"] != 2023]
    with pytest.raises(CatalogueError, match="不連續"):
        parse_office_calendar(document)


def test_a_date_in_the_wrong_year_is_refused() -> None:
    document = _document()
    document["year"][0]["workdays"].append({"date": date(2021, 3, 6), "note": "補行上班"})
    with pytest.raises(CatalogueError, match="不屬 2020 年"):
        parse_office_calendar(document)
