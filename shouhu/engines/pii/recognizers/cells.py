"""Whole-cell recognition for columns whose name suggests a category (the fast path for tables).

A cell of a ``手機`` column that is exactly a mobile number needs no candidate scan, no context
look-up and no overlap resolution: one anchored match and the checksum decide. Cells that do not
match fall back to the general scan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

from ..checksums import valid_card, valid_ubn
from ..normalize import canonical_phone, digits_only, fold_width
from .addresses import classify_address_cell
from .base import Match
from .dates import parse_date
from .names import classify_name_cell, latin_name_cell, surname_name
from .tokens import FOREIGN_PASSPORT, LANDLINE, LOOSE_PLATE, MOBILE, id_category, ipv6_value, landline_ok

_MOBILE: Final = re.compile(MOBILE)
_LANDLINE: Final = re.compile(LANDLINE)
#: A local number without its area code (2535-2927, 834-0551, 276-467): 6 to 8 digits in two groups, as a
#: phone column holds it when the area code has a column of its own (區碼) or goes without saying.
_LOCAL_LANDLINE: Final = re.compile(r"[2-9][0-9]{2,3}[- ][0-9]{3,4}")
_EMAIL: Final = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}"
)
_CARD: Final = re.compile(
    r"[0-9]{4}(?:[- ]?[0-9]{4}){2,3}(?:[- ]?[0-9]{1,3})?|[0-9]{4}[- ]?[0-9]{6}[- ]?[0-9]{5}"
)
_BANK: Final = re.compile(r"(?:\([0-9]{3}\)[- ]?|[0-9]{3}-)?([0-9]{8,16})")
_IP: Final = re.compile(
    r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
)
_PLATE: Final = re.compile(LOOSE_PLATE)  # in a plate column: any case, with or without the dash
_FOREIGN_PASSPORT: Final = re.compile(FOREIGN_PASSPORT)


def _id(v: str) -> Match | None:
    value = v.upper().replace(" ", "").replace("-", "") if len(v) != 10 or not v.isupper() else v
    if len(value) != 10:
        return None
    category = id_category(value)
    return Match(category, 0, len(v), value, 0.99) if category else None


def lost_zero(v: str) -> bool:
    """Bare digits that read as a phone whose leading 0 was dropped (a spreadsheet or a number type
    took it): ``912345678`` for 0912345678, ``223456789`` for 02-2345-6789. Only ever asked of a cell
    in a column named as a phone column."""
    return v.isascii() and v.isdigit() and 8 <= len(v) <= 9 and v[0] in "23456789"


def _mobile(v: str) -> Match | None:
    if _MOBILE.fullmatch(v):
        return Match("mobile_phone", 0, len(v), canonical_phone(v), 0.99)
    if lost_zero(v) and len(v) == 9 and v[0] == "9":
        return Match("mobile_phone", 0, len(v), "0" + v, 0.9)
    return None


def _landline(v: str) -> Match | None:
    if lost_zero(v) and v[0] != "9" and landline_ok("0" + v):
        return Match("landline_phone", 0, len(v), "0" + v, 0.9)
    if _LANDLINE.fullmatch(v):
        digits = canonical_phone(v)
        if landline_ok(digits):
            return Match("landline_phone", 0, len(v), digits, 0.99)
    if _LOCAL_LANDLINE.fullmatch(v):  # the number as written, its area code unknown (886-8966 too)
        return Match("landline_phone", 0, len(v), digits_only(v), 0.8)
    return None


def _email(v: str) -> Match | None:
    return Match("email", 0, len(v), v.lower(), 0.95) if _EMAIL.fullmatch(v) else None


def _card(v: str) -> Match | None:
    if not _CARD.fullmatch(v) and not (v.isdigit() and v.isascii()):
        return None
    digits = digits_only(v)
    return Match("credit_card", 0, len(v), digits, 0.99) if valid_card(digits) else None


def _bank(v: str) -> Match | None:
    m = _BANK.fullmatch(v)
    return Match("bank_account", 0, len(v), m.group(1), 0.85) if m else None


def _digits_of(length: int, category: str, confidence: float) -> Callable[[str], Match | None]:
    def check(v: str) -> Match | None:
        if len(v) == length and v.isdigit() and v.isascii():
            return Match(category, 0, length, v, confidence)
        return None

    return check


def _ubn(v: str) -> Match | None:
    return Match("ubn", 0, 8, v, 0.95) if valid_ubn(v) else None


def _passport(v: str) -> Match | None:
    if _FOREIGN_PASSPORT.fullmatch(v):  # C1234567, P1234567A, TR1234567
        return Match("passport", 0, len(v), v.upper(), 0.9)
    return _digits_of(9, "passport", 0.95 if v[:1] == "3" else 0.9)(v)


def _ip(v: str) -> Match | None:
    if _IP.fullmatch(v):
        return Match("ip_address", 0, len(v), v, 0.85)
    value = ipv6_value(v) if ":" in v else None
    return Match("ip_address", 0, len(v), value, 0.85) if value is not None else None


def _plate(v: str) -> Match | None:
    return Match("vehicle_plate", 0, len(v), v.upper().replace(" ", ""), 0.9) if _PLATE.fullmatch(v) else None


def _name(v: str) -> Match | None:
    conf = classify_name_cell(v)
    if conf:
        return Match("person_name", 0, len(v), v, conf)
    latin = latin_name_cell(v)  # Chen Chia-hao, NGUYEN THI HOA
    return Match("person_name", 0, len(v), latin, 0.8) if latin is not None else None


def _address(v: str) -> Match | None:
    addr = classify_address_cell(v)
    return Match("address", 0, len(v), addr, 0.95) if addr is not None else None


def _birth(v: str) -> Match | None:
    iso = parse_date(v)
    return Match("birth_date", 0, len(v), iso, 0.95) if iso is not None else None


#: Checks per hinted category, in the order they are tried.
_CHECKS: Final[tuple[tuple[str, Callable[[str], Match | None]], ...]] = (
    ("tw_national_id", _id),
    ("tw_resident_id", _id),
    ("mobile_phone", _mobile),
    ("landline_phone", _landline),
    ("email", _email),
    ("credit_card", _card),
    ("ubn", _ubn),
    ("passport", _passport),
    ("nhi_card", _digits_of(12, "nhi_card", 0.9)),
    ("bank_account", _bank),
    ("ip_address", _ip),
    ("vehicle_plate", _plate),
    ("person_name", _name),
    ("address", _address),
    ("birth_date", _birth),
)


def whole_cell(value: str, hints: frozenset[str]) -> Match | None:
    """Return the match when the whole (stripped) cell is one value of a hinted category."""
    v = value.strip()
    if not v or len(v) > 120:
        return None
    for category, check in _CHECKS:
        if category in hints:
            m = check(v)
            if m is not None:
                return m
    return None


#: Categories a column's name may give that make a table hold personal data (see :func:`inferred_hints`).
_PERSONAL: Final = frozenset(
    {"tw_national_id", "tw_resident_id", "mobile_phone", "landline_phone", "email", "address", "birth_date"}
)
_IDS: Final = frozenset({"tw_national_id", "tw_resident_id"})
_NAMES: Final = frozenset({"person_name"})
#: The hints of a column named for identity documents only (resident, 證號, passport_no).
_ID_HEADER: Final = frozenset({"tw_national_id", "tw_resident_id", "passport"})
#: A column is read from its values when it has this many values or more in a batch, and this share
#: of them are plain IDs (names: surname-led names, all different enough to be people).
MIN_VALUES: Final = 8
ID_SHARE: Final = 0.6
NAME_SHARE: Final = 0.8


def inferred_hints(hints: Sequence[frozenset[str]], columns: Sequence[Sequence[str]]) -> list[frozenset[str]]:
    """Return the column hints with hints read from the values of columns whose name gives none.

    A header such as 欄位3 or a letter names nothing. When most of such a column's values (of a batch)
    are plain national or resident IDs that pass their check, it is an ID column: its spaced, dashed or
    mistyped IDs are then read as a hinted column's are. When most of its values are surname-led names,
    many of them different, and another column of the table is named for, or read as, personal data, it is
    a name column. A column named for IDs alone (``resident``, 證號) whose values hold no ID and are names
    in that measure is a name column too: the values overrule a misleading header (a 住戶 list's English
    ``resident``). ``columns`` holds each column's non-empty values (index as in ``hints``).
    """
    out = list(hints) + [frozenset()] * (len(columns) - len(hints))
    for index, values in enumerate(columns):
        if out[index] and out[index] <= _ID_HEADER and len(values) >= MIN_VALUES and _names_not_ids(values):
            out[index] = _NAMES
            continue
        if out[index] or len(values) < MIN_VALUES:
            continue
        ids = sum(1 for v in values if _id(fold_width(v)) is not None and len(v.strip()) == 10)
        if ids >= ID_SHARE * len(values):
            out[index] = _IDS
    personal = any(not _PERSONAL.isdisjoint(h) for h in out)
    if not personal:
        return out
    for index, values in enumerate(columns):
        if out[index] or len(values) < MIN_VALUES:
            continue
        if _mostly_names(values):
            out[index] = _NAMES
    return out


def _mostly_names(values: Sequence[str]) -> bool:
    """Whether enough values are surname-led names (NAME_SHARE), many of them different (people)."""
    names = sum(1 for v in values if surname_name(v))
    return names >= NAME_SHARE * len(values) and len(set(values)) * 2 >= len(values)


def _names_not_ids(values: Sequence[str]) -> bool:
    """Whether no value is an ID and the values are mostly names (:func:`_mostly_names`)."""
    return all(_id(fold_width(v)) is None for v in values) and _mostly_names(values)


def table_columns(rows: Sequence[tuple[object, Sequence[str]]], width: int) -> list[list[str]]:
    """Each column's non-empty values in ``rows`` (``(row key, cells)`` pairs), ``width`` columns at least."""
    columns: list[list[str]] = [[] for _ in range(width)]
    for _, row in rows:
        if len(row) > len(columns):
            columns.extend([] for _ in range(len(row) - len(columns)))
        for index, value in enumerate(row):
            if value:
                columns[index].append(value)
    return columns


def batch_hints(
    hints: Sequence[frozenset[str]], rows: Sequence[tuple[object, Sequence[str]]], width: int
) -> list[frozenset[str]]:
    """Each column's hints for one batch of table rows: from its name (``hints``), else read from its
    values (:func:`inferred_hints`). The one decision of what a column holds, for the scanner and for the
    mask tool alike, so that a masked copy hides what a scan of the same rows reports."""
    return inferred_hints(hints, table_columns(rows, width))
