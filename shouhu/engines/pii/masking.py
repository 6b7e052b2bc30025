"""Masking (隱碼) rules per category, applied to normalised values.

Conventions follow the research note §6: names keep the surname (王○明), IDs keep the first three and
last three characters (A12****789) unless the government "last four" policy is chosen, phones keep
the prefix and last three digits (0912-***-678), cards keep at most the first six and last four.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from .recognizers.names import COMPOUND_SURNAMES

MASK: Final = "○"
_COMPOUND_SURNAMES: Final = COMPOUND_SURNAMES
_ADDRESS_HEAD: Final = re.compile(r"^(?:\d{3,6})?\s*(.{1,4}?[縣市])?(.{1,4}?[鄉鎮市區])?")
_ADDRESS_KEEP: Final = re.compile(r"[^路街段巷弄號樓之鄰村里大道]+")


def _stars(count: int) -> str:
    return "*" * max(count, 1)


def mask_id(value: str, *, policy: str = "middle") -> str:
    """Mask a 10-character ID: ``A12****789`` (``middle``) or ``A12345****`` (``last4``)."""
    if policy == "last4":
        return value[:-4] + "****"
    return value[:3] + _stars(len(value) - 6) + value[-3:]


def mask_name(value: str) -> str:
    """Mask a Chinese name keeping the surname and the last character: 王小明 → 王○明."""
    surname_len = 2 if len(value) >= 3 and value[:2] in _COMPOUND_SURNAMES else 1
    if len(value) <= surname_len + 1:
        return value[:surname_len] + MASK * max(len(value) - surname_len, 1)
    return value[:surname_len] + MASK * (len(value) - surname_len - 1) + value[-1]


def mask_mobile(value: str) -> str:
    """Mask a mobile number: 0912345678 → 0912-***-678."""
    return f"{value[:4]}-***-{value[-3:]}"


def mask_landline(value: str) -> str:
    """Mask a landline number keeping the area code and the last three digits (a local number written
    without its area code keeps only its last three: 2535-2927 → *****-927)."""
    if not value.startswith("0"):
        return f"{_stars(len(value) - 3)}-{value[-3:]}"
    if value[:4] in ("0826", "0836"):
        area = 4
    elif value[:3] in ("037", "049", "082", "089"):
        area = 3
    else:
        area = 2
    return f"{value[:area]}-{_stars(len(value) - area - 3)}-{value[-3:]}"


def mask_email(value: str) -> str:
    """Mask an e-mail address: alice@example.com → a***@example.com."""
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_card(value: str) -> str:
    """Mask a card number showing the first six and last four digits."""
    return value[:6] + _stars(len(value) - 10) + value[-4:]


def mask_tail(value: str, keep: int = 4) -> str:
    """Mask all but the last ``keep`` characters."""
    if len(value) <= keep:
        return _stars(len(value))
    return _stars(len(value) - keep) + value[-keep:]


def mask_edges(value: str, head: int = 2, tail: int = 3) -> str:
    """Keep ``head`` leading and ``tail`` trailing characters, mask the middle."""
    if len(value) <= head + tail:
        return _stars(len(value))
    return value[:head] + _stars(len(value) - head - tail) + value[-tail:]


def mask_address(value: str) -> str:
    """Keep the county/city and district, mask the rest: 臺北市大安區○○路○段○號."""
    head = _ADDRESS_HEAD.match(value)
    kept = "".join(part for part in (head.group(1), head.group(2)) if part) if head else ""
    rest = value[head.end() :] if head else value
    return kept + _ADDRESS_KEEP.sub(MASK, rest)


def mask_date(value: str) -> str:
    """Keep the year of an ISO date: 1980-05-17 → 1980-**-**."""
    return value[:4] + "-**-**"


def mask_ip(value: str) -> str:
    """Keep the first two octets of an IPv4 address."""
    parts = value.split(".")
    return ".".join(parts[:2] + ["*"] * (len(parts) - 2))


_MASKERS: Final[dict[str, Callable[[str], str]]] = {
    "tw_national_id": mask_id,
    "tw_resident_id": mask_id,
    "passport": mask_edges,
    "nhi_card": lambda v: mask_edges(v, 2, 4),
    "mobile_phone": mask_mobile,
    "landline_phone": mask_landline,
    "email": mask_email,
    "credit_card": mask_card,
    "bank_account": mask_tail,
    "birth_date": mask_date,
    "person_name": mask_name,
    "address": mask_address,
    "ip_address": mask_ip,
    "vehicle_plate": lambda v: mask_edges(v, 2, 2),
    "ubn": lambda v: mask_edges(v, 2, 2),
}


def _display_id(value: str) -> str:
    return value[:2] + _stars(len(value) - 4) + value[-2:]


def _display_mobile(value: str) -> str:
    return f"{value[:2]}**-***-{value[-3:]}"


#: Scan results show less than the partial-masking style: an ID as A1******89, a mobile as
#: 09**-***-678, a card or NHI number by its last four digits only.
_DISPLAY: Final[dict[str, Callable[[str], str]]] = {
    "tw_national_id": _display_id,
    "tw_resident_id": _display_id,
    "mobile_phone": _display_mobile,
    "credit_card": mask_tail,
    "nhi_card": mask_tail,
}


def display_value(category: str, normalized: str, *, id_policy: str = "middle") -> str:
    """Return the form a scan result shows: less than :func:`mask_value` for identifiers.

    ``id_policy="last4"`` keeps the government style for IDs (A12345****).
    """
    if category in ("tw_national_id", "tw_resident_id") and id_policy == "last4":
        return mask_id(normalized, policy="last4")
    shown = _DISPLAY.get(category)
    return shown(normalized) if shown else mask_value(category, normalized)


def mask_value(category: str, normalized: str, *, id_policy: str = "middle") -> str:
    """Return the masked display form of a normalised value of ``category``."""
    if category in ("tw_national_id", "tw_resident_id"):
        return mask_id(normalized, policy=id_policy)
    masker = _MASKERS.get(category)
    return masker(normalized) if masker else _stars(len(normalized))


def display_function(category: str, *, id_policy: str = "middle") -> Callable[[str], str]:
    """Return the function :func:`display_value` applies to values of ``category`` under ``id_policy``
    (looked up once per category by callers that mask many values)."""
    if category in ("tw_national_id", "tw_resident_id") and id_policy == "last4":
        return _mask_id_last4
    shown = _DISPLAY.get(category)
    if shown is not None:
        return shown
    masker = _MASKERS.get(category)
    return masker if masker is not None else _mask_all


def _mask_id_last4(value: str) -> str:
    return mask_id(value, policy="last4")


def _mask_all(value: str) -> str:
    return _stars(len(value))
