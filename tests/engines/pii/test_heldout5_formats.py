"""Classes the fifth held-out corpus (bench/pii/heldout5.py) showed missed or misread, fixed as classes: dates
in Chinese numerals, NHI numbers in groups, ``SN`` serials read as IDs, mobiles after ``(+886)`` and in 3-3-4 or
2-4-4 groups, English names of the resident number and of the UBN, 冠夫姓 names, the post office's 7+7 with a
space or as named fields, a 4-digit first group of an account, basements and floors written the English way.
Each rule with the case that must stay as it was."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shouhu.engines.pii import prefilter
from shouhu.engines.pii.engine import detect, detect_cells
from shouhu.engines.pii.recognizers.dates import cn_number, parse_date
from shouhu.engines.pii.recognizers.keywords import NOT_PERSONAL, column_hints
from tests.engines.pii.test_prefilter import _fast, _plain
from tests.needs import missing

NATIONAL_ID = "A123456789"  # passes the national-ID check
RESIDENT_NEW = "A800000014"  # the 2021 unified resident number (8 second), passes its check
RESIDENT_OLD = "FC12345674"  # the older resident certificate, passes its check
UBN = "04595257"  # passes the UBN check


def _found(text: str, category: str) -> list[str]:
    return [m.normalized for m in detect(text) if m.category == category]


def _in_column(header: str, value: str) -> list[tuple[str, str]]:
    return [(m.category, m.normalized) for _, m in detect_cells([value], [column_hints(header)])]


# --- dates in Chinese numerals --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("七十二", 72), ("一百零一", 101), ("一○一", 101), ("一〇一", 101), ("一九八三", 1983), ("十", 10),
     ("十二", 12), ("二十", 20), ("廿五", 25), ("三十一", 31), ("一百十三", 113), ("五", 5)],
)  # fmt: skip
def test_chinese_numerals_are_read_as_numbers(numeral: str, value: int) -> None:
    assert cn_number(numeral) == value


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("生日：民國七十二年三月五日", "1983-03-05"),
        ("出生日期 中華民國六十八年十月十日", "1979-10-10"),
        ("出生：民國一○一年二月三日", "2012-02-03"),
        ("生日 民國七十年元月五日", "1981-01-05"),
        ("出生 一九八三年三月五日", "1983-03-05"),
        ("七十二年三月廿五日生", "1983-03-25"),
        ("生日：民國 八十一 年 五 月 二十二 日", "1992-05-22"),
    ],
)
def test_a_birth_date_in_chinese_numerals_is_read(text: str, iso: str) -> None:
    assert _found(text, "birth_date") == [iso]


@pytest.mark.parametrize(
    "text",
    [
        "會議日期：民國一百十三年五月二日",  # no birth word
        "出生地台北，到職日 民國一百十三年二月一日",  # the date belongs to its own label
        "生日：民國七十二年十三月五日",  # no thirteenth month
    ],
)
def test_a_date_in_chinese_numerals_without_birth_context_or_invalid_is_not_a_birth_date(text: str) -> None:
    assert _found(text, "birth_date") == []


@pytest.mark.parametrize("cell", ["民國七十二年三月五日", "中華民國六十八年十月十日", "一九八三年三月五日"])
def test_a_birth_cell_in_chinese_numerals_is_read(cell: str) -> None:
    assert parse_date(cell) is not None
    assert [c for c, _ in _in_column("出生日期", cell)] == ["birth_date"]


# --- NHI numbers in groups --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "健保卡號 0000 4985 9932",
        "NHI card no. 0000-4985-9932",
        "健保卡號碼：0000.4985.9932",
        "健保IC卡 0000-49859932",
        "全民健保卡號 000049 859932",
        "NHI No. 0000 49859932",
    ],
)
def test_an_nhi_number_in_groups_is_read_after_an_nhi_word(text: str) -> None:
    assert _found(text, "nhi_card") == ["000049859932"]


@pytest.mark.parametrize("cell", ["0000 4985 9932", "0000-4985-9932", "0000-49859932", "000049 859932"])
def test_an_nhi_number_in_groups_is_read_in_an_nhi_column(cell: str) -> None:
    assert _in_column("nhi_no", cell) == [("nhi_card", "000049859932")]


@pytest.mark.parametrize("text", ["宅配單號 0000 4985 9932", "會議室 0000.4985.9932", "訂單 0000-49859932"])
def test_twelve_digits_in_groups_without_an_nhi_word_are_no_nhi_number(text: str) -> None:
    assert _found(text, "nhi_card") == []


# --- serials ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [f"SN: {NATIONAL_ID}", f"S.N. {NATIONAL_ID}", f"sn={NATIONAL_ID} ok", f"Service Tag: {NATIONAL_ID}"],
)
def test_an_id_shaped_value_after_a_serial_label_is_no_national_id(text: str) -> None:
    assert _found(text, "tw_national_id") == []


@pytest.mark.parametrize("header", ["SN", "sn_code", "S.N.", "Service Tag"])
def test_a_serial_column_is_not_personal(header: str) -> None:
    assert NOT_PERSONAL in column_hints(header)
    assert _in_column(header, NATIONAL_ID) == []


@pytest.mark.parametrize("text", [f"身分證 {NATIONAL_ID}（SN 表單）", f"snapshot {NATIONAL_ID}"])
def test_an_id_word_or_a_longer_word_keeps_the_national_id(text: str) -> None:
    assert _found(text, "tw_national_id") == [NATIONAL_ID]


@pytest.mark.parametrize("header", ["snapshot", "ssn", "sender"])
def test_words_holding_sn_name_no_serial_column(header: str) -> None:
    assert NOT_PERSONAL not in column_hints(header)


# --- mobiles -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "手機 (+886) 912 345 678",
        "Mobile: (886) 912-345-678",
        "手機 091-234-5678",
        "電話 09-1234-5678",
        "Cell +886 9-1234-5678",
        "行動 0912.345.678",
    ],
)
def test_a_mobile_in_other_groupings_is_read(text: str) -> None:
    assert _found(text, "mobile_phone") == ["0912345678"]


def test_a_landline_after_a_bracketed_country_code_is_read() -> None:
    assert _found("Tel (+886) 2 2345 6789", "landline_phone") == ["0223456789"]


@pytest.mark.parametrize("cell", ["(+886) 912 345 678", "091-234-5678", "09-1234-5678"])
def test_a_mobile_cell_in_other_groupings_is_read(cell: str) -> None:
    assert _in_column("mobile_no", cell) == [("mobile_phone", "0912345678")]


# --- English names of the resident number and the UBN -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"Worker: NURHAYATI, ARC/UI No.: {RESIDENT_NEW}",
        f"移工（UI No. {RESIDENT_NEW}）",
        f"ARC# {RESIDENT_NEW}",
        f"Resident Certificate: {RESIDENT_NEW}",
        f"Unified ID No. {RESIDENT_NEW}",
        f"APRC No. {RESIDENT_NEW}",
    ],
)
def test_an_english_resident_label_keeps_the_resident_number(text: str) -> None:
    assert _found(text, "tw_resident_id") == [RESIDENT_NEW]


@pytest.mark.parametrize("header", ["ARC/UI No.", "UI No.", "ARC#", "Unified ID No.", "aprc_no"])
def test_an_english_resident_column_reads_resident_numbers(header: str) -> None:
    assert "tw_resident_id" in column_hints(header)
    assert _in_column(header, RESIDENT_OLD) == [("tw_resident_id", RESIDENT_OLD)]


@pytest.mark.parametrize(
    "text",
    [
        f"VAT No. {UBN}",
        f"GUI No.: {UBN}",
        f"BAN: {UBN}",
        f"Business No. {UBN}",
    ],
)
def test_an_english_ubn_label_reads_the_ubn(text: str) -> None:
    assert _found(text, "ubn") == [UBN]


@pytest.mark.parametrize("header", ["VAT No.", "gui_no", "company_ban", "Unified Business No."])
def test_an_english_ubn_column_reads_ubns(header: str) -> None:
    assert _in_column(header, UBN) == [("ubn", UBN)]


@pytest.mark.parametrize("header", ["banner", "guide", "vatican", "ui_theme"])
def test_words_holding_ban_gui_vat_or_ui_name_no_ubn_or_resident_column(header: str) -> None:
    assert not {"ubn", "tw_resident_id"} & column_hints(header)


def test_a_valid_ubn_without_any_word_stays_unreported() -> None:
    assert _found(f"總計 {UBN} 元", "ubn") == []


# --- 冠夫姓 names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("姓名：王林秀琴", "王林秀琴"),
        ("家長 陳林美玲 手機 0912345678", "陳林美玲"),
        ("蔡張碩雄 敬上", "蔡張碩雄"),
        ("陳林美玲小姐您好", "陳林美玲"),
        ("陳林美玲表示同意", "陳林美玲"),
        ("昨天陳林美玲來電", "陳林美玲"),
        ("[10:32] 許鄭淑惠：好的", "許鄭淑惠"),
        ("Best regards,\n黃李雅婷", "黃李雅婷"),
    ],
)
def test_a_married_double_surname_name_is_taken_whole(text: str, name: str) -> None:
    assert _found(text, "person_name") == [name]


def test_a_married_double_surname_name_cell_is_taken_whole() -> None:
    assert [n for _, n in _in_column("姓名", "王林秀琴")] == ["王林秀琴"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("感謝林美玲小姐", "林美玲"),  # 謝 ends 感謝 here
        ("請向王大明先生洽詢", "王大明"),  # 向 is "to"
        ("姓名：林美玲", "林美玲"),
        ("姓名：李白雲先生", "李白雲"),
        ("王大明表示同意", "王大明"),
    ],
)
def test_three_character_names_stay_three_characters(text: str, name: str) -> None:
    assert _found(text, "person_name") == [name]


# --- bank accounts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "郵局帳號 0018571 8116692",
        "郵政存簿儲金 局號7630756 帳號1335349",
        "局號：0018571　帳號：8116692",
        "局號 001857-1 帳號 811669-2",
        "劃撥退款：郵局(700) 0018571-8116692（王小明）",
    ],
)
def test_a_post_office_account_in_other_layouts_is_one_account(text: str) -> None:
    expected = "76307561335349" if "7630756" in text else "00185718116692"
    assert _found(text, "bank_account") == [expected]


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("匯款帳號 1771-9925938449", "17719925938449"),
        ("Bank: 土地銀行 (005), A/C No. 760-01-809403186", "76001809403186"),
        ("帳號 1234 56789012", "123456789012"),
    ],
)
def test_an_account_with_a_long_last_group_is_read_whole(text: str, digits: str) -> None:
    assert _found(text, "bank_account") == [digits]


@pytest.mark.parametrize("cell", ["0018571 8116692", "1771-9925938449"])
def test_such_accounts_are_read_whole_in_an_account_column(cell: str) -> None:
    assert [n for _, n in _in_column("account_no", cell)] == [cell.replace(" ", "").replace("-", "")]


@pytest.mark.parametrize(
    ("text", "category", "values"),
    [
        ("訂單 1234 56789012", "bank_account", []),
        ("統編 1234 04595257", "ubn", [UBN]),  # the older reading of the second group stays
        ("ISBN 978-986-123-456-7", "bank_account", []),
        ("2026-11-28 1771-9925938449 done", "bank_account", []),
    ],
)
def test_digit_groups_without_a_bank_word_keep_their_older_reading(
    text: str, category: str, values: list[str]
) -> None:
    assert _found(text, category) == values


# --- floors ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "臺中市西屯區文心路四段12號地下室",
        "新北市板橋區文化路二段12號B1",
        "高雄市三民區建國一路5號B1F",
        "高雄市三民區建國一路5號地下2樓",
        "高雄市三民區建國一路5號地下一層",
        "臺北市大安區信義路三段134號7F",
        "臺北市大安區信義路三段134號12F-3",
    ],
)
def test_a_basement_or_an_english_style_floor_ends_the_address(address: str) -> None:
    assert _found(f"地址：{address} 電話", "address") == [address]


def test_letters_after_the_number_that_are_no_floor_are_left_out() -> None:
    assert _found("高雄市三民區建國一路5號Bx棟", "address") == ["高雄市三民區建國一路5號"]


# --- both paths ----------------------------------------------------------------------------------------

FRAGMENTS = [
    "生日：民國七十二年三月五日",
    "健保卡號 0000 4985 9932",
    "健保卡號碼：0000.4985.9932",
    f"SN: {NATIONAL_ID}",
    "手機 (+886) 912 345 678",
    "電話 09-1234-5678",
    f"ARC# {RESIDENT_NEW}",
    f"VAT No. {UBN}",
    "姓名：王林秀琴",
    "局號 001857-1 帳號 811669-2",
    "郵局帳號 0018571 8116692",
    "匯款帳號 1771-9925938449",
    "地址：高雄市三民區建國一路5號B1F",
    "本週系統維護將於週六凌晨進行。",
    " ",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=3).map("".join), max_size=8).map("\n".join))
def test_prefilter_and_regex_paths_find_the_same_for_these_formats(text: str) -> None:
    if not prefilter.AVAILABLE:
        missing("hyperscan is not installed (pip install hyperscan)")
    assert _fast(text) == _plain(text)


@pytest.mark.parametrize("line", [f for f in FRAGMENTS if f.strip() and not f.startswith(("本週", "SN"))])
def test_each_new_format_wakes_the_prefilter(line: str) -> None:
    if not prefilter.AVAILABLE:
        missing("hyperscan is not installed (pip install hyperscan)")
    assert _fast(line) == _plain(line) != []
