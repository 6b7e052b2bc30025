"""Formats people really type (issue 16), each table with hard negatives that must stay silent.

Every row states one spelling; a regression in one spelling fails its own row.
"""

from __future__ import annotations

import pytest

from shouhu.engines.pii import scan_text

KEY = b"k"


def found(text: str, hint: str | None = None) -> list[tuple[str, str]]:
    return [(f.category, f.masked) for f in scan_text(text, key=KEY, context_hint=hint)]


def categories(text: str) -> list[str]:
    return [c for c, _ in found(text)]


@pytest.mark.parametrize(
    "text",
    [
        "卡號 4111-1111-1111-1111",
        "卡號 4111 1111 1111 1111",
        "4111 1111 1111 1111 已刷卡",
        "信用卡：4111111111111111",
        "card no. 4111-1111-1111-1111",
    ],
)
def test_card_spellings(text: str) -> None:
    assert found(text) == [("credit_card", "************1111")]


def test_jcb_grouped_in_fours() -> None:
    assert found("信用卡 3530 1113 3330 0000") == [("credit_card", "************0000")]


@pytest.mark.parametrize(
    "text",
    [
        "訂單編號 4111111111111111",  # Luhn-valid order number
        "發票號碼 4111111111111111",
        "order 4111111111111111",
        "卡號 4111 1111 1111 1112",  # Luhn fails
        "序號 4111-1111-1111-1111",
    ],
)
def test_card_hard_negatives(text: str) -> None:
    assert categories(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "身分證 A123456789",
        "身分證 a123456789",
        "身分證字號：Ａ１２３４５６７８９",
        "身分證 ａ１２３４５６７８９",
        "身分證 A 123 456 789",
        "身分證 A1234 56789",
        "ID no. A-123-456-789",
    ],
)
def test_national_id_spellings(text: str) -> None:
    assert found(text) == [("tw_national_id", "A1******89")]


def test_lower_case_id_without_context_is_reported_with_low_confidence() -> None:
    [f] = scan_text("帳號 a123456789 已登入", key=KEY)
    assert (f.category, f.confidence) == ("tw_national_id", 0.6)


@pytest.mark.parametrize(
    "text",
    [
        "序號 A123456789",  # a serial that passes the checksum
        "發票 AB23456789",  # invoice letters that pass the old resident checksum
        "A 123 456 789",  # spaced form without an ID keyword
        "身分證 A 123 456 788",  # checksum fails
        "產品 XA123456789",  # glued to a longer word
    ],
)
def test_id_hard_negatives(text: str) -> None:
    assert categories(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "手機 0912345678",
        "手機 886912345678",
        "手機 886-912-345-678",
        "手機 00886 912 345 678",
        "手機 +886 (0)912 345 678",
        "(0912)345-678",
        "(0912) 345 678",
        "0912.345.678",
        "0912 345678",
        "mobile: 0912-345678",
    ],
)
def test_mobile_spellings(text: str) -> None:
    assert found(text) == [("mobile_phone", "09**-***-678")]


@pytest.mark.parametrize(
    "text",
    ["版本 0912.345.6789", "0912345678901", "8869123456789", "序號 09123-45678"],
)
def test_mobile_hard_negatives(text: str) -> None:
    assert "mobile_phone" not in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "電話 02-2345-6789#123",
        "電話 02-2345-6789 #123",
        "電話 (02)2345-6789轉123",
        "電話 02-23456789分機123",
        "電話 02 2345 6789 ext. 12",
        "電話 02.2345.6789",
        "電話 +886 (0)2 2345 6789",
        "電話 886-2-2345-6789",
    ],
)
def test_landline_with_extension_keeps_only_the_number(text: str) -> None:
    assert found(text) == [("landline_phone", "02-*****-789")]


@pytest.mark.parametrize("text", ["電話 02-2345-678", "傳真 0800-000-123", "時間 08.30.2026"])
def test_landline_hard_negatives(text: str) -> None:
    assert "landline_phone" not in categories(text)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("王小明住在台北市", "王○明"),
        ("張簡大同於昨日來電", "張簡○同"),
        ("歐陽明表示願意配合", "歐陽○"),
        ("本案由林美玲簽收", "林○玲"),
        ("name: 王小明", "王○明"),
        ("Contact Name = 李大華", "李○華"),
        ("Full name：陳志強", "陳○強"),
        ("王小明,0912345678,台北市", "王○明"),
        ("陳美惠 0912345678", "陳○惠"),
        ("李華\t0912345678", "李○"),
    ],
)
def test_unlabelled_names(text: str, masked: str) -> None:
    assert [m for c, m in found(text) if c == "person_name"] == [masked]


@pytest.mark.parametrize(
    "text",
    [
        "林業署表示將加強管理",  # an agency, not a person
        "陳經理表示同意",  # a title, not a name
        "filename: 陳述書.docx",  # "name" inside another word
        "手機0912345678謝謝",  # a courtesy word beside a phone
        "高雄市 07-1234567",  # a city beside a phone
        "王者歸來，林口見",
        "管理員說明如下",
    ],
)
def test_name_hard_negatives(text: str) -> None:
    assert "person_name" not in categories(text)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("地址：台北市大安區信義路三段134巷5弄7號", "臺北市大安區○路○段○巷○弄○號"),
        ("地址：臺北市大安區信義路三段134巷5弄7號", "臺北市大安區○路○段○巷○弄○號"),
        ("106台北市大安區信義路三段134巷5弄7號", "臺北市大安區○路○段○巷○弄○號"),
        ("Address: 10617 台北市大安區信義路三段134巷5弄7號", "臺北市大安區○路○段○巷○弄○號"),
        ("地址：大安區信義路三段134巷5弄7號", "大安區○路○段○巷○弄○號"),
        ("通訊地址 100 中正區重慶南路一段122號", "中正區○路○段○號"),
        ("王先生住在臺中市西屯區台灣大道三段99號", "臺中市西屯區○大道○段○號"),
    ],
)
def test_address_spellings(text: str, masked: str) -> None:
    assert [m for c, m in found(text) if c == "address"] == [masked]


@pytest.mark.parametrize("text", ["台北市政府今天宣布", "大安區信義路", "地址欄位請填寫完整"])
def test_address_hard_negatives(text: str) -> None:
    assert "address" not in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "生日：民國69年5月17日",
        "生日 69.05.17",
        "生日 69/5/17",
        "出生 69-05-17",
        "生日 0690517",
        "birthday: 1980/05/17",
        "DOB 1980-05-17",
        "dob 1980.5.17",
        "Date of Birth: 1980年5月17日",
        "民國69年5月17日生",
        "1980年05月17日出生",
    ],
)
def test_birth_date_spellings(text: str) -> None:
    assert found(text) == [("birth_date", "1980-**-**")]


@pytest.mark.parametrize(
    "text",
    ["自112年5月17日生效", "會議日期 112/05/17", "生日禮券 2026-13-01", "版本 1980.05.17"],
)
def test_birth_date_hard_negatives(text: str) -> None:
    assert "birth_date" not in categories(text)


@pytest.mark.parametrize("text", ["版本 1.2.3.4", "v1.2.3.4", "version 10.0.0.1"])
def test_version_strings_are_not_ip_addresses(text: str) -> None:
    assert categories(text) == []


@pytest.mark.parametrize(
    ("header", "value", "category"),
    [
        ("Name", "王小明", "person_name"),
        ("Customer Name", "王小明", "person_name"),
        ("address", "台北市大安區信義路三段134巷5弄7號", "address"),
        ("Birthday", "1980/05/17", "birth_date"),
        ("DOB", "69.05.17", "birth_date"),
        ("National ID", "a123456789", "tw_national_id"),
        ("身分證字號", "A 123 456 789", "tw_national_id"),
        ("Mobile", "886-912-345-678", "mobile_phone"),
        ("Card No", "4111 1111 1111 1111", "credit_card"),
    ],
)
def test_english_and_spelled_column_headers(header: str, value: str, category: str) -> None:
    assert categories_of_cell(value, header) == [category]


@pytest.mark.parametrize("header", ["Company Name", "filename", "username", "Product Name"])
def test_non_person_name_headers_do_not_hint_names(header: str) -> None:
    assert categories_of_cell("台積電", header) == []


def categories_of_cell(value: str, header: str) -> list[str]:
    return [c for c, _ in found(value, header)]


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("order_id", "4111111111111111"),
        ("訂單編號", "4111-1111-1111-1111"),
        ("serial", "A123456789"),
        ("產品序號", "A123456789"),
        ("invoice_no", "AB23456789"),
    ],
)
def test_business_number_columns_silence_checksum_only_matches(header: str, value: str) -> None:
    assert categories_of_cell(value, header) == []


@pytest.mark.parametrize(
    ("text", "shown"), [("生日 17/05/1980", "1980-**-**"), ("DOB 05/17/1980", "1980-**-**")]
)
def test_day_first_western_birth_dates(text: str, shown: str) -> None:
    assert found(text) == [("birth_date", shown)]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("昨天劉峰來電詢問", "劉○"),
        ("經查林怡於上週已完成報名", "林○"),
        ("端木晴芬表示希望改以電話聯繫", "端木○芬"),
        ("張廖美玲表示同意", "張廖○玲"),
        ("Birthday: 1947/6/18, 邱麗", "邱○"),
        ("出生年月日：15/04/1944（柯文）", "柯○"),
        ("李豪 0972770619", "李○"),
    ],
)
def test_short_and_compound_names_beside_a_lead(text: str, masked: str) -> None:
    assert [m for c, m in found(text) if c == "person_name"] == [masked]


@pytest.mark.parametrize("text", ["林業表示將加強", "王道於是成形", "陳述說明如下"])
def test_two_character_words_before_a_verb_without_a_lead_are_not_names(text: str) -> None:
    assert "person_name" not in categories(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("姓名：闞諺雅，手機 0912345678", "闞○雅"),  # a rarer surname after a label
        ("Name: 羊秀傑 | DOB: 1980-05-17", "羊○傑"),  # … after an English label
        ("冷淑芬小姐來電", "冷○芬"),  # … before a title
        ("戚家豪,0917645271,高雄市左營區中正路一段317號", "戚○豪"),  # … three characters beside other data
        ("陳峰表示希望改以電話聯繫", "陳○"),  # a two-character name at a line start before a verb
        ("顏怡｜0942-186224｜彰化縣員林市成功路四段177號", "顏○"),  # a cell between full-width bars
    ],
)
def test_rarer_surnames_and_line_start_names(text: str, name: str) -> None:
    assert ("person_name", name) in found(text)


@pytest.mark.parametrize("text", ["冷氣表示正常", "林業表示將加強", "羊肉爐說明", "桂花香氣說明會"])
def test_rarer_surnames_need_a_strong_cue(text: str) -> None:
    assert "person_name" not in categories(text)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("台中市 豐原區 仁愛路 12 號", "臺中市豐原區○路○號"),  # parts separated by spaces
        ("320 桃園市 中壢區 中正路 5 號 3 樓", "桃園市中壢區○路○號○樓"),
        ("請寄到大安區信義路三段134巷5弄7號3樓", "大安區○路○段○巷○弄○號○樓"),  # no city, no label
        ("大安區 信義路 3 號", "大安區○路○號"),
    ],
)
def test_addresses_with_spaces_or_without_city_and_label(text: str, masked: str) -> None:
    assert found(text) == [("address", masked)]


@pytest.mark.parametrize("text", ["社區活動中心週六開放", "園區路線圖", "本區道路施工三號出口封閉"])
def test_district_words_without_road_and_number_are_no_address(text: str) -> None:
    assert "address" not in categories(text)
