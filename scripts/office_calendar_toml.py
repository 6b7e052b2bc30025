"""Turn one year of the DGPA office calendar (CSV) into a ``[[year]]`` block for office_calendar.toml.

The CSV is the open-data file 「中華民國政府行政機關辦公日曆表」 (data.gov.tw dataset 14718), columns
西元日期,星期,是否放假,備註 with 是否放假 2 = rest day, 0 = working day. Only the exceptions to the normal week
are written: weekdays that are rest days and weekend days that are working days (補行上班).

Usage: python scripts/office_calendar_toml.py FILE.csv --source "repo@commit:path" > block.toml
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import date
from pathlib import Path


def _text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp950"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SystemExit(f"{path}: neither UTF-8 nor CP950")


def exceptions(path: Path) -> tuple[int, list[tuple[date, str]], list[tuple[date, str]]]:
    """The year, its weekday rest days and its weekend working days."""
    rows = list(csv.reader(_text(path).splitlines()))
    if rows[0][:3] != ["西元日期", "星期", "是否放假"]:
        raise SystemExit(f"{path}: unexpected header {rows[0]!r}")
    rest: list[tuple[date, str]] = []
    work: list[tuple[date, str]] = []
    days: list[date] = []
    for row in rows[1:]:
        if not row:
            continue
        day = date(int(row[0][:4]), int(row[0][4:6]), int(row[0][6:8]))
        days.append(day)
        if row[2] not in ("0", "2"):
            raise SystemExit(f"{path}: {row[0]} has 是否放假={row[2]!r}")
        off = row[2] == "2"
        weekend = day.weekday() >= 5
        note = row[3].strip() if len(row) > 3 else ""
        if off and not weekend:
            rest.append((day, note))
        elif weekend and not off:
            work.append((day, note))
    year = days[0].year
    expected = (date(year, 12, 31) - date(year, 1, 1)).days + 1
    if len(set(days)) != expected or {d.year for d in days} != {year}:
        raise SystemExit(f"{path}: {len(days)} rows, expected every day of {year}")
    return year, rest, work


def block(year: int, rest: list[tuple[date, str]], work: list[tuple[date, str]], source: str) -> str:
    def items(entries: list[tuple[date, str]]) -> str:
        lines = [f'  {{ date = {d.isoformat()}, note = "{n}" }},' for d, n in entries]
        return "[\n" + "\n".join(lines) + "\n]" if lines else "[]"

    return (
        f'[[year]]\nyear = {year}\navailable = true\nsource = "{source}"\n'
        f"rest_days = {items(rest)}\nworkdays = {items(work)}\n"
    )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("csv", type=Path)
    parser.add_argument("--source", required=True)
    args = parser.parse_args(argv)
    year, rest, work = exceptions(args.csv)
    sys.stdout.write(block(year, rest, work, args.source))


if __name__ == "__main__":
    main(sys.argv[1:])
