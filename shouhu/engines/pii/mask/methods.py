"""Masking methods per category (隱碼): partial, format-preserving pseudonym, keyed hash,
generalisation and removal. Pure functions of (key, category, normalised value, written value).

Pseudonyms and hashes are keyed (HMAC-SHA256) and deterministic: the same value gives the same
output in every file and table, so joins survive; without the key they cannot be reversed or
recomputed. Pseudonyms keep the written layout (separators, letter case of the prefix) and pass the
identifier's checksum, so systems that validate them keep working on the masked copy.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Iterator
from typing import Final

from ..checksums import luhn_ok, valid_national_id, valid_resident_id_new, valid_ubn
from ..masking import mask_address, mask_value
from ..normalize import fold_width
from ..recognizers.names import SINGLE_SURNAMES
from .datestyle import restyle

METHODS: Final = ("partial", "pseudonym", "hash", "generalize", "remove", "keep")
_GIVEN: Final = (
    "志明美玲淑芬家豪宇婷怡君雅惠俊傑建宏文欣佳穎承翰冠廷宗憲秀英麗珍國華子涵柏諺品妤詠晴士峰韻如信良"
)
_ROADS: Final = (
    "中山路",
    "中正路",
    "民生路",
    "民權路",
    "和平路",
    "光復路",
    "建國路",
    "復興路",
    "自強路",
    "成功路",
)
_LETTERS: Final = "ABCDEFGHJKLMNPQRSTUVXYWZIO"


def _stream(key: bytes, category: str, value: str) -> Iterator[int]:
    """An endless, deterministic byte stream keyed on (category, value)."""
    counter = 0
    while True:
        block = hmac.new(key, f"{category}\x1f{value}\x1f{counter}".encode(), hashlib.sha256).digest()
        yield from block
        counter += 1


def _digits(stream: Iterator[int], n: int) -> str:
    out: list[str] = []
    while len(out) < n:
        b = next(stream)
        if b < 250:  # unbiased
            out.append(str(b % 10))
    return "".join(out)


def keyed_token(key: bytes, category: str, value: str, size: int = 16) -> str:
    """Return a hex token for ``value`` (the ``hash`` method)."""
    return hmac.new(key, f"{category}\x1f{value}".encode(), hashlib.sha256).hexdigest()[:size]


def _relayout(written: str, digits: str) -> str:
    """Put ``digits`` into the digit positions of ``written`` (keeps separators and width)."""
    it = iter(digits)
    out = []
    for ch in written:
        if ch.isdigit():
            out.append(next(it, ch))
        else:
            out.append(ch)
    return "".join(out)


def _id_pseudonym(key: bytes, category: str, value: str, written: str) -> str:
    s = _stream(key, category, value)
    letter = _LETTERS[next(s) % 26]
    # the second character says the sex (1/2, new resident IDs 8/9) and is kept; a value a column rule calls an
    # ID without being one (``N/A``, ``A312345678``) gets the first that fits, never a search with no end
    allowed = "12" if category == "tw_national_id" else "89"
    second = value[1] if len(value) > 1 and value[1] in allowed else allowed[0]
    while True:
        body = second + _digits(s, 7)
        for check in "0123456789":
            candidate = letter + body + check
            ok = (
                valid_national_id(candidate)
                if category == "tw_national_id"
                else valid_resident_id_new(candidate)
            )
            if ok:
                return _case_like(written, candidate)


def _case_like(written: str, value: str) -> str:
    compact = re.sub(r"[^0-9A-Za-z]", "", written)
    if len(compact) == len(value) and compact[:1].islower():
        value = value.lower()
    if len(compact) == len(written) or len(compact) != len(value):
        return value
    return _relayout_chars(written, value)


def _relayout_chars(written: str, value: str) -> str:
    it = iter(value)
    return "".join(next(it, ch) if ch.isalnum() else ch for ch in written)


def _card_pseudonym(key: bytes, category: str, value: str, written: str) -> str:
    s = _stream(key, category, value)
    head = value[:1]
    body = head + _digits(s, len(value) - 2)
    for check in "0123456789":
        if luhn_ok(body + check):
            return _relayout(written, body + check) if _digit_count(written) == len(value) else body + check
    return body + "0"  # unreachable: one check digit always passes


def _ubn_pseudonym(key: bytes, category: str, value: str, written: str) -> str:
    s = _stream(key, category, value)
    while True:
        candidate = _digits(s, 8)
        if valid_ubn(candidate):
            return _relayout(written, candidate) if _digit_count(written) == 8 else candidate


def _digit_count(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _keep_prefix_digits(keep: int) -> Callable[[bytes, str, str, str], str]:
    """Replace all but the first ``keep`` digits (phone prefixes, bank codes stay plausible)."""

    def pseudo(key: bytes, category: str, value: str, written: str) -> str:
        digits = value[:keep] + _digits(_stream(key, category, value), max(len(value) - keep, 0))
        return _relayout(written, digits) if _digit_count(written) == len(value) else digits

    return pseudo


def _mobile_pseudonym(key: bytes, category: str, value: str, written: str) -> str:
    digits = "09" + _digits(_stream(key, category, value), 8)
    count = _digit_count(written)
    if count == 10:
        return _relayout(written, digits)
    if count == 12 and written.lstrip("+ ").startswith("886"):  # +886 9xx …: keep the country code
        return _relayout(written, "886" + digits[1:])
    return digits


def _name_pseudonym(key: bytes, category: str, value: str, written: str) -> str:
    s = _stream(key, category, value)
    surname = SINGLE_SURNAMES[next(s) % 40]  # the 40 most common surnames
    size = max(len(value) - 1, 1)
    return surname + "".join(_GIVEN[next(s) % len(_GIVEN)] for _ in range(min(size, 2)))


def _email_pseudonym(key: bytes, category: str, value: str, written: str) -> str:
    _, _, domain = value.partition("@")
    return f"user{keyed_token(key, category, value, 10)}@{domain or 'example.invalid'}"


def _birth_pseudonym(key: bytes, category: str, value: str, written: str) -> str:
    import datetime as dt

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value[:4]
    shift = next(_stream(key, category, value)) % 181 - 90  # within ±90 days: age bands survive
    moved = day + dt.timedelta(days=shift)
    return restyle(written, value, moved) or moved.isoformat()  # in the calendar and style it was written


def _address_pseudonym(key: bytes, category: str, value: str, written: str) -> str:
    s = _stream(key, category, value)
    head = _district(value)
    return f"{head}{_ROADS[next(s) % len(_ROADS)]}{next(s) % 300 + 1}號"


def _ip_pseudonym(key: bytes, category: str, value: str, written: str) -> str:
    s = _stream(key, category, value)
    return f"10.{next(s)}.{next(s)}.{next(s) % 254 + 1}"


_PLATE_LETTERS: Final = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # plates use neither I nor O
_PLATE_SHAPE: Final = re.compile(r"[0-9A-Za-z]+(?:[- ][0-9A-Za-z]+)?")


def _plate_pseudonym(key: bytes, category: str, value: str, written: str) -> str:
    """A plate of the shape written (ABC-1234, 176-EPL, abc 1234): a letter for each letter, in its case,
    a digit for each digit, the separator kept; ABC-1234 for a value of no plate shape (a column rule's)."""
    s = _stream(key, category, value)
    shape = fold_width(written)
    if _PLATE_SHAPE.fullmatch(shape) is None:
        shape = "ABC-1234"
    out: list[str] = []
    for ch in shape:
        if ch.isdigit():
            out.append(_digits(s, 1))
        elif ch.isalpha():
            letter = _PLATE_LETTERS[next(s) % 24]
            out.append(letter.lower() if ch.islower() else letter)
        else:
            out.append(ch)
    return "".join(out)


_PSEUDONYMS: Final[dict[str, Callable[[bytes, str, str, str], str]]] = {
    "tw_national_id": _id_pseudonym,
    "tw_resident_id": _id_pseudonym,
    "credit_card": _card_pseudonym,
    "ubn": _ubn_pseudonym,
    "mobile_phone": _mobile_pseudonym,
    "landline_phone": _keep_prefix_digits(2),
    "bank_account": _keep_prefix_digits(0),
    "passport": _keep_prefix_digits(1),
    "nhi_card": _keep_prefix_digits(4),
    "person_name": _name_pseudonym,
    "email": _email_pseudonym,
    "birth_date": _birth_pseudonym,
    "address": _address_pseudonym,
    "ip_address": _ip_pseudonym,
    "vehicle_plate": _plate_pseudonym,
}


def _district(address: str) -> str:
    masked = mask_address(address)
    cut = masked.find("○")
    return masked if cut < 0 else masked[:cut]


def generalize(category: str, value: str) -> str:
    """Birth date → year; address → county/city and district; other categories → partial mask."""
    if category == "birth_date":
        return value[:4]
    if category == "address":
        return _district(value)
    return mask_value(category, value)


def apply(method: str, *, key: bytes, category: str, value: str, written: str) -> str:
    """Return the replacement of one recognised value.

    ``value`` is the normalised value (the keyed input, so ``0912-345-678`` and ``0912345678`` map
    alike); ``written`` is the text as it stood, whose layout pseudonyms keep.
    """
    if method == "keep":
        return written
    if method == "remove":
        return ""
    if method == "partial":
        if category == "birth_date":  # the year as written, month and day starred: 民國80年*月*日
            return restyle(written, value, None) or mask_value(category, value)
        return mask_value(category, value)
    if method == "generalize":
        return generalize(category, value)
    if method == "hash":
        return keyed_token(key, category, value)
    if method == "pseudonym":
        maker = _PSEUDONYMS.get(category)
        return maker(key, category, value, written) if maker else keyed_token(key, category, value)
    raise ValueError(f"未知的遮罩方式 / unknown masking method: {method}")


__all__ = ["METHODS", "apply", "generalize", "keyed_token"]
