"""ASCII identifier tokens: IDs, phones, e-mails, cards, IPs, plates and bare digit runs.

Two-phase design: a cheap regex finds candidate runs of identifier characters (PII tokens are
ASCII islands inside Chinese prose, and single words in logs), then one token regex runs on each
candidate only. Boundaries are explicit ASCII look-arounds,
never ``\\b`` (CJK characters are word characters for ``re``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from ..checksums import (
    valid_card,
    valid_national_id,
    valid_resident_id_new,
    valid_resident_id_old,
    valid_ubn,
)
from ..normalize import canonical_phone, digits_only
from .base import Match
from .dates import parse_compact_date
from .keywords import context_categories

#: Candidate runs: identifier characters, plus space-separated digit groups (0912 345 678).
CANDIDATE: Final = re.compile(r"[0-9A-Za-z@._%+()-]+(?: [0-9(+][0-9A-Za-z@._%+()-]*)*")

TOKEN: Final = re.compile(
    r"""
    (?P<email>(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-]))
    |(?P<id>(?<![A-Za-z0-9])[A-Z][1289A-D][0-9]{8}(?![A-Za-z0-9]))
    |(?P<ip>(?<![0-9.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?![0-9]|\.[0-9]))
    |(?P<mobile>(?<![0-9+])(?:\+886[- ]?(?:\(0\))?|0)9[0-8][0-9](?:[- ]?[0-9]{3}[- ]?[0-9]{3})(?![0-9]))
    |(?P<grouped>(?<![0-9])[0-9]{4}(?:[- ][0-9]{4}){2,3}(?:[- ][0-9]{1,3})?(?![0-9])|(?<![0-9])[0-9]{4}[- ][0-9]{6}[- ][0-9]{5}(?![0-9]))
    |(?P<landline>(?<![0-9+])(?:\+886[- ]?(?:\(0\))?[2-8][0-9]{0,2}[- ]?|\(0[2-8][0-9]{0,2}\)[- ]?|0[2-8][0-9]{0,2}[- ])[0-9]{2,4}[- ]?[0-9]{3,4}(?![0-9]))
    |(?P<plate>(?<![A-Za-z0-9-])(?:[A-Z]{2,3}-[0-9]{3,4}|[0-9]{4}-[A-Z]{2}|[A-Z]{2}-[0-9]{5})(?![A-Za-z0-9]|-[0-9A-Za-z]))
    |(?P<bankcode>(?<![0-9])(?:\([0-9]{3}\)[- ]?|[0-9]{3}-)(?=[0-9]{8,16}(?![0-9])))
    |(?P<digits>(?<![0-9A-Za-z.])[0-9]{7,19}(?![0-9]|\.[0-9]))
    """,
    re.VERBOSE,
)

_ISO_STAMP: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?: [0-9]{2})?")
_NEW_PLATE: Final = re.compile(r"[A-HJ-NP-Z]{3}-[0-35-9]{4}")


def _has(cats: frozenset[str], *names: str) -> bool:
    return any(n in cats for n in names)


def _landline_ok(digits: str) -> bool:
    if not 9 <= len(digits) <= 10 or digits[:2] in ("09", "00", "01"):
        return False
    if digits[:3] in ("080", "070", "050", "020"):
        return False
    return len(digits) == 10 if digits.startswith("02") else True


def _boost(base: float, strong: bool) -> float:
    return 0.99 if strong else base


HintLookup = Callable[[int], frozenset[str]]


def scan_tokens(text: str, hints: frozenset[str] | HintLookup = frozenset()) -> list[Match]:
    """Return ASCII-token matches in ``text`` (already width-folded).

    ``hints`` are categories suggested by a column name, either for the whole text or per offset.
    Context keywords are looked up only when the hints do not already decide.
    """
    lookup: HintLookup = hints if callable(hints) else _constant(hints)
    out: list[Match] = []
    add = out.append
    for cand in CANDIDATE.finditer(text):
        first, last = cand.span()
        if last - first < 6:
            continue
        word = cand.group()
        if word.isalpha():
            continue
        space = word.find(" ")
        if space > 0 and word[:space].isalpha():  # "job 785444988": the leading word is no token
            first += space + 1
            word = word[space + 1 :]
            if last - first < 6:
                continue
        if word[4:5] == "-" and _ISO_STAMP.fullmatch(word):  # log time stamps: 2026-11-27 11
            continue
        hints_here = lookup(first)
        bank_prefix = False
        for m in TOKEN.finditer(text, first, last):
            kind = m.lastgroup
            if kind == "bankcode":
                bank_prefix = True
                continue
            value = m.group()
            start, end = m.span()
            if kind == "email":
                add(Match("email", start, end, value.lower(), 0.95))
            elif kind == "ip":
                add(Match("ip_address", start, end, value, 0.85))
            elif kind == "id":
                if valid_national_id(value):
                    category = "tw_national_id"
                elif valid_resident_id_new(value) or valid_resident_id_old(value):
                    category = "tw_resident_id"
                else:
                    continue
                strong = _has(hints_here, *_ID_CATS) or _has(
                    context_categories(text, start, end)[1], *_ID_CATS
                )
                add(Match(category, start, end, value, _boost(0.85, strong)))
            elif kind == "mobile":
                strong = (
                    "mobile_phone" in hints_here or "mobile_phone" in context_categories(text, start, end)[1]
                )
                add(Match("mobile_phone", start, end, canonical_phone(value), _boost(0.9, strong)))
            elif kind == "landline":
                digits = canonical_phone(value)
                if _landline_ok(digits):
                    strong = (
                        "landline_phone" in hints_here
                        or "landline_phone" in context_categories(text, start, end)[1]
                    )
                    add(Match("landline_phone", start, end, digits, _boost(0.75, strong)))
            elif kind == "plate":
                if (
                    "vehicle_plate" in hints_here
                    or "vehicle_plate" in context_categories(text, start, end)[1]
                ):
                    add(Match("vehicle_plate", start, end, value, 0.9))
                elif _NEW_PLATE.fullmatch(value):
                    add(Match("vehicle_plate", start, end, value, 0.4))
            elif kind == "grouped":
                digits = digits_only(value)
                near = hints_here or context_categories(text, start, end)[0]
                if valid_card(digits) and not ("bank_account" in near and "credit_card" not in near):
                    add(Match("credit_card", start, end, digits, _boost(0.9, "credit_card" in near)))
                elif "bank_account" in near and 8 <= len(digits) <= 16:
                    add(Match("bank_account", start, end, digits, 0.8))
            else:  # bare digits: the hints decide first, then context words
                match = None
                if hints_here:
                    match = _digits(value, start, end, hints_here, hints_here, bank_prefix)
                if match is None:
                    near, around = context_categories(text, start, end)
                    match = _digits(value, start, end, near, around | hints_here, bank_prefix)
                if match is not None:
                    add(match)
            bank_prefix = False
    return out


_ID_CATS: Final = ("tw_national_id", "tw_resident_id")


def _constant(hints: frozenset[str]) -> HintLookup:
    def lookup(_offset: int) -> frozenset[str]:
        return hints

    return lookup


def _digits(
    value: str,
    start: int,
    end: int,
    near: frozenset[str],
    ctx: frozenset[str],
    bank_prefix: bool,
) -> Match | None:
    """Classify a bare digit run; ambiguous lengths need a keyword or a column hint."""
    n = len(value)
    # The nearest keyword decides first, then any keyword or hint in the window.
    for cats in (near, ctx):
        if not cats and not bank_prefix:
            continue
        if "birth_date" in cats and n in (7, 8):
            iso = parse_compact_date(value)
            if iso is not None:
                return Match("birth_date", start, end, iso, 0.9)
        if "ubn" in cats and n == 8 and valid_ubn(value):
            return Match("ubn", start, end, value, 0.95)
        if "passport" in cats and n == 9:
            return Match("passport", start, end, value, 0.95 if value[0] == "3" else 0.9)
        if "nhi_card" in cats and n == 12:
            return Match("nhi_card", start, end, value, 0.9)
        if "landline_phone" in cats and _landline_ok(value):
            return Match("landline_phone", start, end, value, 0.9)
        if "credit_card" in cats and valid_card(value):
            return Match("credit_card", start, end, value, 0.99)
        if ("bank_account" in cats or bank_prefix) and 8 <= n <= 16:
            return Match("bank_account", start, end, value, 0.85)
    if n in (15, 16) and valid_card(value):  # other lengths are mostly order numbers without context
        return Match("credit_card", start, end, value, 0.8)
    return None
