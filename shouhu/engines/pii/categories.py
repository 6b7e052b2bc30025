"""Category vocabulary of the personal-data engine and its MOJ data-category codes.

The codes are from 法務部「個人資料保護法之特定目的及個人資料之類別」:
C001 辨識個人者, C002 辨識財務者, C003 政府資料中之辨識者, C011 個人描述.
"""

from __future__ import annotations

from typing import Final

CATEGORIES: Final[tuple[str, ...]] = (
    "tw_national_id",
    "tw_resident_id",
    "passport",
    "nhi_card",
    "mobile_phone",
    "landline_phone",
    "email",
    "credit_card",
    "bank_account",
    "birth_date",
    "person_name",
    "address",
    "ip_address",
    "vehicle_plate",
    "ubn",
)

#: Categories that identify a business, not a natural person (reported apart).
NON_PERSONAL: Final[frozenset[str]] = frozenset({"ubn"})

#: Category → MOJ data-category codes (個人資料之類別).
MOJ_CATEGORY_CODES: Final[dict[str, tuple[str, ...]]] = {
    "tw_national_id": ("C003",),
    "tw_resident_id": ("C003",),
    "passport": ("C003",),
    "nhi_card": ("C003",),
    "mobile_phone": ("C001",),
    "landline_phone": ("C001",),
    "email": ("C001",),
    "credit_card": ("C002",),
    "bank_account": ("C002",),
    "birth_date": ("C011",),
    "person_name": ("C001",),
    "address": ("C001",),
    "ip_address": ("C001",),
    "vehicle_plate": ("C001",),
    "ubn": (),
}

#: Human-readable zh-TW labels for reports.
CATEGORY_LABELS: Final[dict[str, str]] = {
    "tw_national_id": "國民身分證統一編號",
    "tw_resident_id": "居留證統一證號",
    "passport": "護照號碼",
    "nhi_card": "健保卡號",
    "mobile_phone": "行動電話",
    "landline_phone": "市話",
    "email": "電子郵件",
    "credit_card": "信用卡號",
    "bank_account": "銀行帳號",
    "birth_date": "出生年月日",
    "person_name": "姓名",
    "address": "地址",
    "ip_address": "IP 位址",
    "vehicle_plate": "車牌號碼",
    "ubn": "統一編號（非個資）",
}

#: English labels for the same categories (English pages, CLI summaries in English).
CATEGORY_LABELS_EN: Final[dict[str, str]] = {
    "tw_national_id": "National ID number",
    "tw_resident_id": "Resident certificate number",
    "passport": "Passport number",
    "nhi_card": "NHI card number",
    "mobile_phone": "Mobile phone",
    "landline_phone": "Landline phone",
    "email": "E-mail",
    "credit_card": "Credit card number",
    "bank_account": "Bank account",
    "birth_date": "Date of birth",
    "person_name": "Name",
    "address": "Address",
    "ip_address": "IP address",
    "vehicle_plate": "Vehicle plate",
    "ubn": "Business number (not personal data)",
}


def is_personal(category: str) -> bool:
    """Return whether findings of ``category`` count as personal data."""
    return category not in NON_PERSONAL
