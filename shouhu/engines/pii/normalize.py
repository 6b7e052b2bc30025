"""Text and value normalisation (NFKC, canonical forms used for hashing and masking)."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from .checksums import valid_national_id, valid_resident_id

_DIGITS: Final = re.compile(r"[^0-9]")
_NOT_ALNUM: Final = re.compile(r"[^0-9A-Z]")
_SPACES: Final = re.compile(r"\s+")


def nfkc(text: str) -> str:
    """Return ``text`` in NFKC form (full-width digits and letters become ASCII), cheaply."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


_WIDE = "".join(chr(c) for c in range(0xFF10, 0xFF1A)) + "".join(chr(c) for c in range(0xFF21, 0xFF3B))
_WIDE += "".join(chr(c) for c in range(0xFF41, 0xFF5B)) + "＠．＋－（）／＿"
_FOLD_TABLE: Final = {ord(c): unicodedata.normalize("NFKC", c) for c in _WIDE}
_WIDE_RUN: Final = re.compile(f"[{re.escape(_WIDE)}]+")


def fold_width(text: str) -> str:
    """Fold full-width digits, Latin letters and ``@ . + - ( ) / _`` to ASCII (length-preserving).

    This is the part of NFKC that matters for identifiers; unlike full NFKC it keeps offsets and
    costs one C-level search on text without full-width forms. Full-width Chinese punctuation
    (，：) is left alone.
    """
    if _WIDE_RUN.search(text) is None:
        return text
    return _WIDE_RUN.sub(lambda m: m.group().translate(_FOLD_TABLE), text)


def digits_only(value: str) -> str:
    """Return the ASCII digits of ``value``."""
    if value.isdigit() and value.isascii():
        return value
    stripped = value.replace(" ", "").replace("-", "")
    if stripped.isdigit() and stripped.isascii():
        return stripped
    return _DIGITS.sub("", value)


#: Letters a scanner's character recognition or a typist puts for digits: O for 0, I and l for 1, B for 8.
_OCR_DIGITS: Final = str.maketrans("OoIlLB", "001118")
_OCR_LETTERS: Final = frozenset("OoIlLB")


def ocr_id(value: str) -> str | None:
    """Return the national or resident ID that ``value`` reads as once O, I, l and B in its digits are
    read as 0, 1, 1 and 8 (U1569226O6 → U156922606), when that passes the check and ``value`` held such a
    letter; ``None`` otherwise. The second character of an old resident certificate is a letter A-D:
    it is kept when that reading passes (HB4301ll03 → HB43011103)."""
    text = value.upper()
    if len(text) != 10 or not text[0].isalpha() or _OCR_LETTERS.isdisjoint(text[1:]):
        return None
    readings = [text[:2] + text[2:].translate(_OCR_DIGITS)] if text[1] in "ABCD" else []
    readings.append(text[0] + text[1:].translate(_OCR_DIGITS))
    for reading in readings:
        if valid_national_id(reading) or valid_resident_id(reading):
            return reading
    return None


def ocr_phone(value: str) -> str | None:
    """Return the ten digits ``value`` reads as once O, I, l and B are read as 0, 1, 1 and 8 (09l8200594
    → 0918200594), when it held such a letter and nothing but digits and them; ``None`` otherwise."""
    if len(value) != 10 or _OCR_LETTERS.isdisjoint(value):
        return None
    digits = value.translate(_OCR_DIGITS)
    return digits if digits.isascii() and digits.isdigit() else None


def canonical_phone(value: str) -> str:
    """Return a Taiwanese phone number as national digits with the leading 0 (``+886 9…`` → ``09…``)."""
    digits = digits_only(value)
    if digits.startswith("00886"):
        digits = digits[2:]
    if digits.startswith("886"):
        digits = "0" + digits[3:].lstrip("0")  # +886 (0)2 …: the trunk 0 is written once
    return digits


#: A written-out or URL-encoded ``@`` in an e-mail address: `` [at] ``, ``(at)``, ``{AT}``, ``%40``.
_WRITTEN_AT: Final = re.compile(r"[ \t]?[\[({<][ \t]?(?i:at)[ \t]?[\])}>][ \t]?|%40")


def canonical_email(value: str) -> str:
    """Return an e-mail address in lower case with its ``@`` (``Name [at] Example.com`` → ``name@example.com``)."""
    text = value.lower()
    if "@" in text:
        return text
    return _WRITTEN_AT.sub("@", text, count=1)


def normalize_value(category: str, value: str) -> str:
    """Return the canonical form of ``value`` for ``category`` (the input of the keyed hash).

    Callers outside the engine (the benchmark, look-ups by value) use this to compute the same
    keyed hash as the scanner.
    """
    text = nfkc(value).strip()
    if category in ("tw_national_id", "tw_resident_id"):
        value = text.upper().replace(" ", "").replace("-", "")
        return ocr_id(value) or value
    if category == "vehicle_plate":
        return text.upper().replace(" ", "")
    if category in ("mobile_phone", "landline_phone"):
        return canonical_phone(ocr_phone(text) or text)
    if category == "passport":  # nine digits (ROC), or letters and digits (C1234567, P1234567A)
        return _NOT_ALNUM.sub("", text.upper())
    if category in ("credit_card", "bank_account", "nhi_card", "ubn"):
        return digits_only(text)
    if category == "email":
        return canonical_email(text)
    if category == "address":
        return normalize_address(text)
    if category == "birth_date":
        from .recognizers.dates import parse_date

        return parse_date(text) or text
    if category == "person_name":
        return canonical_name(text)
    return text


_LATIN: Final = re.compile("[A-Za-z]")
_NAME_WORDS: Final = re.compile(r"[^\s,，]+")


def canonical_name(value: str) -> str:
    """Return the canonical form of a person's name (the input of its keyed hash).

    A Chinese name loses its spaces (王 小明 → 王小明). A romanised name loses its spaces and
    commas, each word is capitalised, and a hyphenated given name goes after the surname, so
    ``CHEN, Chia-hao``, ``Chen Chia-Hao`` and ``Chia-hao Chen`` are one person: ``ChenChia-hao``.
    The recognizers use this too, so a name scanned in a file hashes like ``normalize_value``.
    """
    text = nfkc(value).strip()
    if _LATIN.search(text) is None:
        return _SPACES.sub("", text)
    words = [word.capitalize() for word in _NAME_WORDS.findall(text)]
    if len(words) == 2 and "-" in words[0] and "-" not in words[1]:
        words.reverse()  # Taiwanese romanisation hyphenates the given name: the other word is the surname
    return "".join(words)


def normalize_address(value: str) -> str:
    """Return the canonical address: no postcode, no spaces, 台 → 臺."""
    text = _SPACES.sub("", value.strip().lstrip("0123456789 "))
    return text.replace("台", "臺")
