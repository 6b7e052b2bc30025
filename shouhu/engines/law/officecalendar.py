"""The government office calendar (政府行政機關辦公日曆表): which days are working days.

Pure loader of the CSV files in ``data/officecalendar/`` (the official open-data format, one file per
year). Used by the deadline engine to move the last day of a day- or month-based period off a Saturday,
Sunday, national holiday or other rest day (民法第122條), honouring make-up workdays (補行上班日).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from functools import cache
from importlib import resources

from .errors import CatalogueError

_PACKAGE = "shouhu.engines.law.data.officecalendar"


@cache
def _days() -> dict[date, bool]:
    days: dict[date, bool] = {}
    for entry in sorted(resources.files(_PACKAGE).iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".csv"):
            continue
        text = entry.read_text(encoding="utf-8-sig")
        for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            where = f"辦公日曆表 {entry.name} 第 {number} 列"
            try:
                text = row["西元日期"].strip()
                if len(text) != 8 or not text.isdigit():
                    raise ValueError(text)
                day = date(int(text[:4]), int(text[4:6]), int(text[6:]))
                flag = row["是否放假"].strip()
            except (KeyError, ValueError, AttributeError):
                raise CatalogueError(f"{where}：日期或欄位格式錯誤") from None
            if flag not in ("0", "2"):
                raise CatalogueError(f"{where}：是否放假 應為 0 或 2（{flag!r}）")
            if day in days:
                raise CatalogueError(f"{where}：日期重複 {day.isoformat()}")
            days[day] = flag == "0"
    if not days:
        raise CatalogueError("辦公日曆表無資料")
    first, last = min(days), max(days)
    if len(days) != (last - first).days + 1:
        raise CatalogueError(f"辦公日曆表 {first.isoformat()}～{last.isoformat()} 之間有缺漏日期")
    return days


def is_working_day(d: date) -> bool | None:
    """True on a working day (incl. make-up workdays), False on a rest day, None outside the data."""
    return _days().get(d)


def covered_range() -> tuple[date, date]:
    """The first and last day the calendar data covers (inclusive)."""
    days = _days()
    return min(days), max(days)
