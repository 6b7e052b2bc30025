"""Dates of birth: ROC (民國) and Gregorian forms, reported only near birth context or in a hinted column."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Final

from .base import Match, new_match

#: Latest plausible year of birth (kept static so results do not depend on the clock).
MAX_YEAR: Final = 2030

#: 生曰 is 生日 with 曰 for 日, the two look alike (a slip of the keyboard's candidate list, or of OCR).
TRIGGER_WORDS: Final = (
    "生日",
    "生曰",
    "出生",
    "生於",
    "誕辰",
    "DOB",
    "dob",
    "Dob",
    "birth",
    "Birth",
    "BIRTH",
)
#: Every branch starts with a literal character, so ``re`` finds candidates with its fast scan
#: (``生(?<=日生)`` is ``(?<=日)生`` written that way).
TRIGGER: Final = re.compile("|".join(TRIGGER_WORDS) + "|生(?<=日生)(?![效產活命意])")

#: English month names and their usual abbreviations, any case (Sept. is written too).
_MONTH: Final = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![A-Za-z])"
)
_MONTHS: Final = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}  # fmt: skip

DATE: Final = re.compile(
    r"(?:(?:中華)?民國\s*(?P<roc>[0-9]{1,3})|(?<![0-9])(?P<y1>[0-9]{2,4}))\s*年\s*(?P<m1>[0-9]{1,2})\s*月\s*(?P<d1>[0-9]{1,2})\s*日?"
    r"|(?<![0-9])(?P<y2>[0-9]{2,4})(?P<sep>[/.-])(?P<m2>[0-9]{1,2})(?P=sep)(?P<d2>[0-9]{1,2})(?![0-9])"
    r"|(?<![0-9])(?P<d3>[0-9]{1,2})(?P<sep3>[/.-])(?P<m3>[0-9]{1,2})(?P=sep3)(?P<y3>(?:19|20)[0-9]{2})(?![0-9])"
    # English month names: July 26, 1973 / Jul. 26 1973 / 26 Jul 1973 / 26-Jul-1973 / 26th July, 1973
    rf"|(?<![A-Za-z])(?P<mn4>{_MONTH})\.?[ ]?(?P<d4>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:,[ ]?|[ ])(?P<y4>(?:19|20)[0-9]{{2}})(?![0-9])"
    rf"|(?<![0-9])(?P<d5>[0-9]{{1,2}})(?:st|nd|rd|th)?(?P<sep5>[ -]?)(?P<mn5>{_MONTH})\.?(?:,[ ]?|(?P=sep5))"
    r"(?P<y5>(?:19|20)[0-9]{2})(?![0-9])"
)

#: Chinese numerals as dates are written on forms (戶籍謄本, 公文): 〇/○/零, 一 … 九, 十, 廿, 卅, 百.
_CN_DIGITS: Final = {c: n for n, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "０": 0}
_CN: Final = "〇○零一二三四五六七八九十廿卅百"
#: A date in Chinese numerals: the year as a number (民國七十二年, 中華民國一百零一年, 七十二年) or digit by
#: digit (民國一○一年, 一九八三年), the month (元月 is January) and the day; written with or without 民國.
CN_DATE: Final = re.compile(
    rf"(?:(?P<cnroc>(?:中華)?民國)[ \t\u3000]*)?(?P<cny>[{_CN}]{{2,5}})[ \t\u3000]*年[ \t\u3000]*"
    rf"(?P<cnm>元|[{_CN}]{{1,3}})[ \t\u3000]*月[ \t\u3000]*(?P<cnd>[{_CN}]{{1,3}})[ \t\u3000]*日"
)


def cn_number(text: str) -> int | None:
    """The value of a Chinese numeral (七十二, 一百零一, 廿五) or of digits written one by one
    (一○一, 一九八三, 七二); ``None`` when it is neither."""
    if not text:
        return None
    if all(c in _CN_DIGITS or c in "一二三四五六七八九" for c in text) and "十" not in text:
        if len(text) == 1:
            return _CN_DIGITS[text]
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total = 0
    rest = text
    if "百" in rest:
        head, _, rest = rest.partition("百")
        if len(head) > 1 or (head and head not in _CN_DIGITS):
            return None
        total += 100 * (_CN_DIGITS[head] if head else 1)
        rest = rest.removeprefix("零").removeprefix("〇").removeprefix("○")
    if rest[:1] in ("廿", "卅"):
        total += 20 if rest[0] == "廿" else 30
        rest = rest[1:]
    elif "十" in rest:
        head, _, rest = rest.partition("十")
        if len(head) > 1 or (head and head not in _CN_DIGITS):
            return None
        total += 10 * (_CN_DIGITS[head] if head else 1)
    if len(rest) > 1 or (rest and rest not in _CN_DIGITS):
        return None
    return total + (_CN_DIGITS[rest] if rest else 0)


def _cn_iso(m: re.Match[str]) -> str | None:
    year = cn_number(m.group("cny"))
    month = 1 if m.group("cnm") == "元" else cn_number(m.group("cnm"))
    day = cn_number(m.group("cnd"))
    if year is None or month is None or day is None:
        return None
    # a year of four digits is Western (一九八三年); otherwise the ROC year (民國七十二年, 七十二年)
    return to_iso(year, month, day, roc=year < 1000)


_WINDOW: Final = 24

#: Every :data:`DATE` match starts with one of these: a digit, 中 or 民 (中華民國, 民國), or the first
#: letter of an English month in a case ``re`` accepts for it (IGNORECASE: s also matches ſ).
_DATE_FIRST: Final = re.compile("[0-9中民JjFfMmAaSsOoNnDd\u017f]")
#: Every :data:`CN_DATE` match holds its year: two Chinese numerals in a row.
_CN_YEAR: Final = re.compile(f"[{_CN}]{{2}}")


def _dates(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """``DATE.finditer(text, lo, hi)``, tried only where a match can start (:data:`_DATE_FIRST`, a
    class ``re`` scans for quickly): the same matches, in order, none inside another (a match is
    never empty), without trying the regex's five look-behind branches at every position."""
    search, match = _DATE_FIRST.search, DATE.match
    at = search(text, lo, hi)
    while at is not None:
        m = match(text, at.start(), hi)
        if m is None:
            at = search(text, at.start() + 1, hi)
        else:
            yield m
            at = search(text, m.end(), hi)


def to_iso(year: int, month: int, day: int, *, roc: bool) -> str | None:
    """Return ``yyyy-mm-dd`` for a valid (ROC or Gregorian) date of birth, else ``None``."""
    if roc:
        year += 1911
    if not 1900 <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_compact_date(value: str) -> str | None:
    """Parse a 7-digit ROC ``yyyMMdd`` or an 8-digit Gregorian ``yyyyMMdd`` string."""
    if len(value) == 7:
        return to_iso(int(value[:3]), int(value[3:5]), int(value[5:]), roc=True)
    if len(value) == 8:
        return to_iso(int(value[:4]), int(value[4:6]), int(value[6:]), roc=False)
    return None


def _iso(m: re.Match[str]) -> str | None:
    roc, y1, m1, d1, y2, m2, d2, d3, m3, y3, mn4, mn5 = m.group(*_DATE_GROUPS)  # one call, not one per group
    # casefold, not lower: IGNORECASE also matches the long s (\u017fep), which lower() keeps
    if mn4 is not None:
        return to_iso(int(m.group("y4")), _MONTHS[mn4[:3].casefold()], int(m.group("d4")), roc=False)
    if mn5 is not None:
        return to_iso(int(m.group("y5")), _MONTHS[mn5[:3].casefold()], int(m.group("d5")), roc=False)
    if roc is not None:
        return to_iso(int(roc), int(m1), int(d1), roc=True)
    if y3 is not None:  # day first (17/05/1980); month first only when the day cannot be a month
        first, second = int(d3), int(m3)
        dd, mm = (second, first) if second > 12 >= first else (first, second)
        return to_iso(int(y3), mm, dd, roc=False)
    year = y1 or y2
    month = m1 or m2
    day = d1 or d2
    return to_iso(int(year), int(month), int(day), roc=len(year) < 4)


_DATE_GROUPS: Final = ("roc", "y1", "m1", "d1", "y2", "m2", "d2", "d3", "m3", "y3", "mn4", "mn5")


def parse_date(value: str) -> str | None:
    """Parse a whole cell holding a date in any supported form (ISO output)."""
    text = value.strip()
    if text.isdigit():
        return parse_compact_date(text)
    if len(text) >= 10 and text[4] == "-" and text[:4].isdigit():
        text = text[:10]  # ISO date or datetime from a spreadsheet or database
    m = DATE.fullmatch(text)
    if m is not None:
        return _iso(m)
    c = CN_DATE.fullmatch(text) if "年" in text else None
    return _cn_iso(c) if c is not None else None


_LABEL_TAIL: Final = re.compile(r"(?P<label>[\u4e00-\u9fff]{1,6})日期?[ \t\u3000]*[:：]?[ \t\u3000]*$")


def _other_date_label(text: str, lo: int, start: int) -> bool:
    """Whether the date at ``start`` follows its own label that is not a birth word (到職日, 投保日期):
    such a date belongs to that label even when a birth word is on the same line."""
    tail = _LABEL_TAIL.search(text, max(lo, start - 12), start)
    return tail is not None and TRIGGER.search(tail.group()) is None


def scan_birth_dates(text: str) -> Iterator[Match]:
    """Yield dates found within a short window of a birth keyword on the same line."""
    seen: set[int] = set()
    for trig in TRIGGER.finditer(text):
        lo = max(0, trig.start() - _WINDOW)
        cut = text.rfind("\n", lo, trig.start())
        lo = cut + 1 if cut >= 0 else lo
        hi = min(len(text), trig.end() + _WINDOW)
        cut = text.find("\n", trig.end(), hi)
        hi = cut if cut >= 0 else hi
        for m in _dates(text, lo, hi):
            if _other_date_label(text, lo, m.start()):
                continue  # 到職日 2024/03/01，出生日 …: the first date is the start date
            iso = _iso(m)
            if iso is not None and m.start() not in seen:
                seen.add(m.start())
                yield new_match(("birth_date", m.start(), m.end(), iso, 0.9))
        if "年" not in text[lo:hi] or _CN_YEAR.search(text, lo, hi) is None:
            continue
        for m in CN_DATE.finditer(text, lo, hi):  # 民國七十二年三月五日
            if _other_date_label(text, lo, m.start()):
                continue
            iso = _cn_iso(m)
            if iso is not None and m.start() not in seen:
                seen.add(m.start())
                yield new_match(("birth_date", m.start(), m.end(), iso, 0.9))
