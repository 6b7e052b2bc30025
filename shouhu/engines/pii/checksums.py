"""Check-digit algorithms for Taiwanese identifiers and payment cards.

Rules follow the research note (``shared/research/pii-anchors.md`` §3); no code was copied.
"""

from __future__ import annotations

from operator import mul
from typing import Final

#: Letter → two-digit area code of the national ID (I, O, W, X, Y, Z are out of sequence).
LETTER_CODES: Final[dict[str, int]] = {
    "A": 10, "B": 11, "C": 12, "D": 13, "E": 14, "F": 15, "G": 16, "H": 17, "I": 34,
    "J": 18, "K": 19, "L": 20, "M": 21, "N": 22, "O": 35, "P": 23, "Q": 24, "R": 25,
    "S": 26, "T": 27, "U": 28, "V": 29, "W": 32, "X": 30, "Y": 31, "Z": 33,
}  # fmt: skip

_ID_WEIGHTS: Final[tuple[int, ...]] = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)


_DIGIT_WEIGHTS: Final = _ID_WEIGHTS[2:]
#: Each ASCII digit's byte is 48 + its value: the weighted byte sum of nine digits is this much more.
_DIGIT_OFFSET: Final = 48 * sum(_DIGIT_WEIGHTS)


def _id_sum(code: int, digits: str) -> bool:
    # weights 1, 9 on the area code's two digits (code // 10 + 9 * (code % 10)), then 8 … 1, 1
    if len(digits) == len(_DIGIT_WEIGHTS) and digits.isascii() and digits.isdigit():
        weighted = sum(map(mul, _DIGIT_WEIGHTS, digits.encode())) - _DIGIT_OFFSET  # no int() per digit
    else:
        weighted = sum(map(mul, _DIGIT_WEIGHTS, map(int, digits)))
    total = code // 10 + 9 * (code % 10) + weighted
    return total % 10 == 0


def _shape(value: str, second: str) -> bool:
    return (
        len(value) == 10
        and value[0] in LETTER_CODES
        and value[1] in second
        and value[2:].isascii()
        and value[2:].isdigit()
    )


def valid_national_id(value: str) -> bool:
    """Return whether ``value`` is a valid 國民身分證統一編號 (upper-case letter, 1/2, 8 digits)."""
    if not _shape(value, "12"):
        return False
    return _id_sum(LETTER_CODES[value[0]], value[1:])


def valid_resident_id_new(value: str) -> bool:
    """Return whether ``value`` is a valid new-format (2021) resident certificate number."""
    if not _shape(value, "89"):
        return False
    return _id_sum(LETTER_CODES[value[0]], value[1:])


def valid_resident_id_old(value: str) -> bool:
    """Return whether ``value`` is a valid old-format resident certificate number (two letters)."""
    if not _shape(value, "ABCD"):
        return False
    second = str(LETTER_CODES[value[1]] % 10)
    return _id_sum(LETTER_CODES[value[0]], second + value[2:])


def valid_resident_id(value: str) -> bool:
    """Return whether ``value`` is a valid resident certificate number in either format."""
    return valid_resident_id_new(value) or valid_resident_id_old(value)


_UBN_WEIGHTS: Final[tuple[int, ...]] = (1, 2, 1, 2, 1, 2, 4, 1)


def valid_ubn(value: str) -> bool:
    """Return whether ``value`` is a valid 統一編號 under the 2023 mod-5 rule (7th digit 7 special)."""
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        return False
    total = 0
    for weight, char in zip(_UBN_WEIGHTS, value, strict=True):
        product = weight * (ord(char) - 48)
        total += product // 10 + product % 10
    if total % 5 == 0:
        return True
    return value[6] == "7" and (total + 1) % 5 == 0


_DOUBLED: Final[tuple[int, ...]] = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


#: A digit → the digit sum of its double, as a character (the Luhn step for every second digit).
_DOUBLED_CHARS: Final = str.maketrans("0123456789", "0246813579")


def luhn_ok(digits: str) -> bool:
    """Return whether the digit string passes the Luhn mod-10 check."""
    if digits.isascii() and digits.isdigit():
        # the digits' bytes summed in C (each is 48 + its value): no int() per character
        total = sum(digits[-1::-2].encode()) + sum(digits[-2::-2].translate(_DOUBLED_CHARS).encode())
        return (total - 48 * len(digits)) % 10 == 0
    total = sum(map(int, digits[-1::-2])) + sum(map(_DOUBLED.__getitem__, map(int, digits[-2::-2])))
    return total % 10 == 0


def card_brand(digits: str) -> str | None:
    """Return the card network of an IIN prefix, or ``None`` when no known range matches."""
    length = len(digits)
    two = int(digits[:2])
    four = int(digits[:4])
    if digits[0] == "4" and length in (13, 16, 19):
        return "visa"
    if (51 <= two <= 55 or 2221 <= four <= 2720) and length == 16:
        return "mastercard"
    if two in (34, 37) and length == 15:
        return "amex"
    if 3528 <= four <= 3589 and 16 <= length <= 19:
        return "jcb"
    if two == 62 and 16 <= length <= 19:
        return "unionpay"
    if (four == 6011 or two == 65 or 644 <= int(digits[:3]) <= 649) and 16 <= length <= 19:
        return "discover"
    if (two in (36, 38, 39) or 300 <= int(digits[:3]) <= 305) and 14 <= length <= 19:
        return "diners"
    return None


def valid_card(digits: str) -> bool:
    """Return whether ``digits`` (no separators) is a Luhn-valid number in a known IIN range."""
    if not 13 <= len(digits) <= 19 or not digits.isascii() or not digits.isdigit():
        return False
    return card_brand(digits) is not None and luhn_ok(digits)
