"""Precision rules from the second held-out corpus (bench/pii/heldout2.py): a value that only passes a
checksum is a thing's number, not a person's, when its column or the label right before it names a
number of something else; each with the positive case that must stay reported."""

from __future__ import annotations

import pytest

from shouhu.engines.pii.engine import detect, detect_cells
from shouhu.engines.pii.recognizers.keywords import NOT_PERSONAL, column_hints

CARD = "4539578763621486"  # passes the Luhn check
NATIONAL_ID = "A123456789"  # passes the national-ID check


def _found(text: str, category: str) -> list[str]:
    return [text[m.start : m.end] for m in detect(text) if m.category == category]


def _in_column(header: str, value: str) -> list[str]:
    return [m.category for _, m in detect_cells([value], [column_hints(header)])]


@pytest.mark.parametrize(
    "header", ["reservation_no", "PO Number", "Ticket #", "保單號碼", "資產標籤", "bookingRef"]
)
def test_a_column_named_for_a_things_number_hints_not_personal(header: str) -> None:
    assert column_hints(header) == frozenset({NOT_PERSONAL})


@pytest.mark.parametrize("header", ["reservation_no", "訂位代號", "Ticket No"])
def test_a_luhn_valid_number_in_such_a_column_is_no_card(header: str) -> None:
    assert _in_column(header, CARD) == []


@pytest.mark.parametrize("header", ["part_no", "資產標籤"])
def test_an_id_checksum_valid_value_in_such_a_column_is_no_national_id(header: str) -> None:
    assert _in_column(header, NATIONAL_ID) == []


@pytest.mark.parametrize(("header", "category"), [("card_no", "credit_card"), ("id_no", "tw_national_id")])
def test_a_column_named_for_a_personal_number_keeps_its_values(header: str, category: str) -> None:
    value = CARD if category == "credit_card" else NATIONAL_ID
    assert _in_column(header, value) == [category]


def test_a_meaningless_header_leaves_a_bare_card_reported() -> None:
    assert column_hints("col_3") == frozenset()
    assert _in_column("col_3", CARD) == ["credit_card"]


def test_an_address_cell_is_not_taken_for_a_number_header() -> None:
    assert column_hints("臺北市中山區民生路100號") == frozenset()


def test_reservation_is_no_vat_column() -> None:
    assert "ubn" not in column_hints("reservation_no")
    assert column_hints("VAT") == frozenset({"ubn"})


@pytest.mark.parametrize("header", ["cancellation_no", "excellent", "parcel_id"])
def test_cell_inside_another_word_is_no_phone_column(header: str) -> None:
    assert "mobile_phone" not in column_hints(header)


@pytest.mark.parametrize(
    "header", ["cell", "Cell Phone", "cell_phone", "CellPhone", "cellNo", "cellular", "mobile cell"]
)
def test_a_cell_phone_column_is_still_one(header: str) -> None:
    assert "mobile_phone" in column_hints(header)


@pytest.mark.parametrize("label", ["訂位代號 ", "Reservation # ", "票號：", "Ref No. "])
def test_a_luhn_valid_number_after_a_number_label_is_no_card(label: str) -> None:
    assert _found(label + CARD + " 已確認", "credit_card") == []


@pytest.mark.parametrize("label", ["資產標籤 ", "Lot No. ", "機台編號"])
def test_an_id_shaped_value_after_a_number_label_is_no_national_id(label: str) -> None:
    assert _found(label + NATIONAL_ID, "tw_national_id") == []


@pytest.mark.parametrize("label", ["信用卡號碼 ", "Card No. ", "卡號："])
def test_a_card_after_a_card_label_is_still_a_card(label: str) -> None:
    assert _found(label + CARD, "credit_card") == [CARD]


@pytest.mark.parametrize("label", ["身分證字號 ", "ID No. ", "證號："])
def test_an_id_after_an_id_label_is_still_an_id(label: str) -> None:
    assert _found(label + NATIONAL_ID, "tw_national_id") == [NATIONAL_ID]


def test_a_bare_card_without_any_label_is_still_reported_as_a_guess() -> None:
    found = [m for m in detect(f"請以 {CARD} 付款") if m.category == "credit_card"]
    assert [m.confidence for m in found] == [0.8]


def test_a_label_that_is_a_personal_keyword_does_not_silence_an_id() -> None:
    assert _found("帳號 A123456789 已登入", "tw_national_id") == [NATIONAL_ID]  # a login by ID number


@pytest.mark.parametrize(
    "text", ["請匯款至帳號012-88623931965281，謝謝", "請匯款至帳號(008)8862743201757，謝謝"]
)
def test_an_account_after_a_bank_code_that_starts_with_886_is_the_account(text: str) -> None:
    assert [m.category for m in detect(text) if m.category != "person_name"] == ["bank_account"]


def test_an_account_that_starts_with_886_after_an_account_word_is_the_account() -> None:
    assert [m.category for m in detect("請匯款至帳號8865664767896，謝謝")] == ["bank_account"]


def test_an_order_number_that_reads_as_886_and_a_landline_is_no_phone() -> None:
    assert _found("訂單編號886884365658已出貨", "landline_phone") == []
    assert _found("電話886-8-8436-5658", "landline_phone") == ["886-8-8436-5658"]


def test_a_landline_after_a_number_label_beside_an_order_word_is_still_a_landline() -> None:
    assert _found("昨天來電詢問訂單，回電號碼 037 212 651", "landline_phone") == ["037 212 651"]
