"""A date written back in the style it was written in (民國80年1月2日, 80/01/02, 1980.05.17, 17/05/1980,
0800102, 19800517, full-width digits): the partial mask keeps the year as written and stars the month and
day (民國80年*月*日, 1980.**.**); a pseudonym date is written in the same calendar, order and widths.

Only dates written with digits are restyled: the written text's digit runs must be the year (Western or
ROC), the month and the day of the recognised date, or one compact run of them. Anything else (Chinese
numerals, month names) gets ``None`` and the caller's ISO form.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

_RUNS: Final = re.compile(r"[0-9]+|[０-９]+")
_FULL: Final = str.maketrans("0123456789", "０１２３４５６７８９")
_HALF: Final = str.maketrans("０１２３４５６７８９", "0123456789")
#: What a run is: the year (Western or ROC), the month or the day.
_YEAR, _ROC, _MONTH, _DAY = "Y", "R", "M", "D"


def _roles(runs: list[str], day: dt.date) -> list[str] | None:
    """The role of each of three digit runs, or ``None`` when they are not this date's parts."""
    numbers = [int(r) for r in runs]
    roc = day.year - 1911
    year_at = [
        i
        for i, n in enumerate(numbers)
        if (n == day.year and len(runs[i]) == 4) or (n == roc and len(runs[i]) <= 3)
    ]
    if len(year_at) != 1 or year_at[0] == 1:
        return None
    at = year_at[0]
    rest = [i for i in range(3) if i != at]
    roles = [""] * 3
    roles[at] = _YEAR if len(runs[at]) == 4 else _ROC
    first, second = rest
    if at == 0 or (numbers[first] == day.month and numbers[second] == day.day):
        order = (_MONTH, _DAY)  # year first (Y M D), or month first (M D Y)
    else:
        order = (_DAY, _MONTH)  # day first (D M Y)
    roles[first], roles[second] = order
    expected = {_MONTH: day.month, _DAY: day.day}
    if any(numbers[i] != expected[roles[i]] for i in rest):
        return None
    return roles


def _compact(run: str, day: dt.date) -> list[tuple[str, int]] | None:
    """The parts of one compact run (19800517, 0690517, 690517) as (role, width) pairs."""
    tail = f"{day.month:02d}{day.day:02d}"
    if run == f"{day.year}{tail}":
        return [(_YEAR, 4), (_MONTH, 2), (_DAY, 2)]
    roc = day.year - 1911
    for width in (3, 2):
        if roc > 0 and run == f"{roc:0{width}d}{tail}":
            return [(_ROC, width), (_MONTH, 2), (_DAY, 2)]
    return None


def _padded(written: str, month_day: list[str]) -> bool:
    """Whether the month and day are written with two digits (05/07) or as they are (5月7日). When neither
    tells (both 10 or more), a date with 年月日 goes without padding and one with separators with it."""
    if any(t.startswith("0") for t in month_day):
        return True
    if any(len(t) == 1 for t in month_day):
        return False
    return "月" not in written


def _part(role: str, width: int, day: dt.date | None) -> str:
    """The text of one part of ``day`` (``None``: stars of the same width)."""
    if day is None:
        return "*" * width
    number = {_YEAR: day.year, _ROC: day.year - 1911, _MONTH: day.month, _DAY: day.day}[role]
    return f"{number:0{width}d}"


def restyle(written: str, iso: str, new: dt.date | None) -> str | None:
    """``written`` (a date recognised as ``iso``) with its month and day starred and its year kept as written
    (``new`` is ``None``), or with ``new`` written in its place in the same calendar, order and widths.
    ``None`` when the style is not one of digits (see the module) or ``new`` has no ROC year."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return None
    runs = list(_RUNS.finditer(written))
    texts = [m.group().translate(_HALF) for m in runs]
    if len(runs) == 1:
        parts = _compact(texts[0], day)
        if parts is None:
            return None
        if new is None:
            year_width = parts[0][1]
            replaced = [texts[0][:year_width] + "*" * (len(texts[0]) - year_width)]
        else:
            replaced = ["".join(_part(role, width, new) for role, width in parts)]
        roles = [parts[0][0]]
    elif len(runs) == 3:
        found = _roles(texts, day)
        if found is None:
            return None
        roles = found
        width = (
            2
            if _padded(written, [t for t, r in zip(texts, roles, strict=True) if r in (_MONTH, _DAY)])
            else 1
        )
        replaced = []
        for text, role in zip(texts, roles, strict=True):
            if role in (_YEAR, _ROC):
                replaced.append(text if new is None else _part(role, len(text), new))
            else:  # stars too: as many for a 17th as for a 7th
                replaced.append(_part(role, width, new))
    else:
        return None
    if new is not None and _ROC in roles and new.year <= 1911:
        return None
    out: list[str] = []
    pos = 0
    for m, text in zip(runs, replaced, strict=True):
        out.append(written[pos : m.start()])
        out.append(text.translate(_FULL) if m.group()[0] in "０１２３４５６７８９" else text)
        pos = m.end()
    out.append(written[pos:])
    return "".join(out)
