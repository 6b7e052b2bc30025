"""Recognizers: public vectors, CJK boundaries, full-width digits, context words, column hints."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from shouhu.engines.pii import CATEGORIES, MOJ_CATEGORY_CODES, scan_text

KEY = b"k"


def found(text: str, hint: str | None = None) -> list[tuple[str, str]]:
    return [(f.category, f.masked) for f in scan_text(text, key=KEY, context_hint=hint)]


def test_national_id_glued_to_chinese_is_found_with_high_confidence() -> None:
    [f] = scan_text("身分證A123456789號", key=KEY)
    assert (f.category, f.masked, f.confidence) == ("tw_national_id", "A1******89", 0.99)


def test_national_id_without_context_has_lower_confidence() -> None:
    [f] = scan_text("核對A123456789完成", key=KEY)  # 編碼 (a code) now names a thing's number
    assert f.confidence == 0.85


def test_national_id_with_bad_checksum_is_ignored() -> None:
    assert found("身分證A123456788") == []


def test_full_width_national_id_is_normalised() -> None:
    assert found("身分證Ａ１２３４５６７８９") == [("tw_national_id", "A1******89")]


def test_new_and_old_resident_ids() -> None:
    assert found("居留證 A800000014、AB23456789") == [
        ("tw_resident_id", "A8******14"),
        ("tw_resident_id", "AB******89"),
    ]


@pytest.mark.parametrize(
    "phone", ["0912345678", "0912-345-678", "+886-912-345-678", "+886912345678", "0912 345 678"]
)
def test_mobile_vectors(phone: str) -> None:
    assert found(f"手機{phone}謝謝") == [("mobile_phone", "09**-***-678")]


@pytest.mark.parametrize("phone", ["0998-123-456", "09123456789", "0812345678"])
def test_mobile_invalid_vectors(phone: str) -> None:
    assert [c for c, _ in found(f"號碼{phone}")] == []


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("02-2345-6789", "02-*****-789"),
        ("(02)23456789", "02-*****-789"),
        ("04-2345-6789", "04-*****-789"),
        ("037-123456", "037-***-456"),
        ("089-123456", "089-***-456"),
        ("0836-12345", "0836-**-345"),
        ("+886-2-2345-6789", "02-*****-789"),
    ],
)
def test_landline_vectors(phone: str, masked: str) -> None:
    assert found(f"電話{phone}") == [("landline_phone", masked)]


def test_test_ubn_is_not_read_as_landline() -> None:
    assert found("請款編號 04595257") == []


def test_email_does_not_swallow_chinese() -> None:
    assert found("信箱abc@example.com謝謝") == [("email", "a***@example.com")]


def test_card_glued_to_chinese() -> None:
    assert found("卡號4111111111111111元") == [("credit_card", "************1111")]


def test_ubn_needs_context_and_is_not_personal() -> None:
    [f] = scan_text("統編04595252", key=KEY)
    assert (f.category, f.personal, f.moj_codes) == ("ubn", False, ())


def test_bare_ubn_shaped_number_is_ignored() -> None:
    assert found("訂單 04595252") == []


def test_passport_needs_context() -> None:
    assert found("護照號碼：312345678") == [("passport", "31****678")]
    assert found("數量 312345678") == []


def test_nhi_card_with_keyword() -> None:
    assert found("健保卡號 000012345678") == [("nhi_card", "********5678")]


def test_bank_account_with_bank_code() -> None:
    assert found("匯款帳號：(004)123456789012") == [("bank_account", "********9012")]


@pytest.mark.parametrize(
    "text",
    ["生日：民國69年5月17日", "出生日期 69/05/17", "生日 0690517", "DOB 1980-05-17", "1980年5月17日出生"],
)
def test_birth_dates_near_context(text: str) -> None:
    assert found(text) == [("birth_date", "1980-**-**")]


def test_date_without_birth_context_is_ignored() -> None:
    assert found("會議日期 112/05/17") == []


def test_name_after_context_word() -> None:
    assert found("姓名：王小明，") == [("person_name", "王○明")]


def test_name_before_title() -> None:
    assert found("請通知陳大文先生") == [("person_name", "陳○文")]


def test_surname_alone_is_not_a_name() -> None:
    assert found("王者歸來，林口見") == []


def test_address_structure() -> None:
    [f] = scan_text("地址：台北市大安區信義路三段134巷5弄7號3樓", key=KEY)
    assert (f.category, f.masked, f.confidence) == ("address", "臺北市大安區○路○段○巷○弄○號○樓", 0.97)


def test_ip_address_and_invalid_octets() -> None:
    assert found("來源 192.168.1.20 與 999.1.1.1") == [("ip_address", "192.168.*.*")]


def test_vehicle_plate_needs_context() -> None:
    assert found("車牌 ABC-1235") == [("vehicle_plate", "AB****35")]
    assert found("見 JIRA ABC-1235") == []


@pytest.mark.parametrize(
    ("value", "hint", "category"),
    [
        ("王小明", "姓名", "person_name"),
        ("312345678", "護照號碼", "passport"),
        ("69/05/17", "出生日期", "birth_date"),
        ("台中市西屯區台灣大道三段99號", "地址", "address"),
        ("04595252", "統一編號", "ubn"),
        ("00412345678901", "銀行帳號", "bank_account"),
    ],
)
def test_column_hint_classifies_a_cell(value: str, hint: str, category: str) -> None:
    assert [c for c, _ in found(value, hint)] == [category]


def test_line_numbers_are_one_based() -> None:
    findings = scan_text("無\n手機0912345678\n", key=KEY)
    assert [f.line for f in findings] == [2]


def test_every_category_has_moj_codes_from_the_moj_list() -> None:
    moj = Path(__file__).resolve().parents[3] / "shouhu" / "inventory" / "data" / "moj-categories.csv"
    known = {row["code"] for row in csv.DictReader(moj.open(encoding="utf-8"))}
    assert set(MOJ_CATEGORY_CODES) == set(CATEGORIES)
    for codes in MOJ_CATEGORY_CODES.values():
        assert set(codes) <= known


def test_customer_name_column_is_not_an_account_holder_hint() -> None:
    assert found("台灣積體電路", "客戶名稱") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tel: 0223456789", ["landline_phone"]),
        ("userPhone=0223456789", ["landline_phone"]),
        ("phones 0223456789", ["landline_phone"]),
        ("hotel 0223456789", []),  # "tel" inside "hotel" is no phone keyword
        ("television 0223456789", []),
        ("Hotel room 12345678", []),
    ],
)
def test_ascii_keywords_are_whole_words(text: str, expected: list[str]) -> None:
    assert [c for c, _ in found(text)] == expected
