"""Formats the fourth held-out corpus (bench/pii/heldout4.py) showed missed or misread: cards that pay
nothing and IMEIs read as credit cards, the NHI No. header, 訪客車輛, software licences and hardware IDs
read as national IDs, IPv6, floors in Chinese numerals, 中華民國 dates in a birth cell, ``emp_name``,
passport romanisation ``CHEN, CHIA-HAO``, indigenous names cut at their dot, LINE chat exports, the post
office's 7+7 accounts and a bank code before a dashed account. Each rule with the case that must stay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shouhu.engines.pii import normalize_value, prefilter
from shouhu.engines.pii.engine import detect, detect_cells
from shouhu.engines.pii.recognizers.keywords import NOT_PERSONAL, column_hints
from tests.engines.pii.test_prefilter import _fast, _plain
from tests.needs import missing

NATIONAL_ID = "A123456789"  # passes the national-ID check
CARD = "4111111111111111"  # passes the Luhn check
IMEI = "490154203237518"  # a 15-digit IMEI that passes the Luhn check


def _found(text: str, category: str) -> list[str]:
    return [m.normalized for m in detect(text) if m.category == category]


def _in_column(header: str, value: str) -> list[tuple[str, str]]:
    return [(m.category, m.normalized) for _, m in detect_cells([value], [column_hints(header)])]


# --- cards that pay nothing, IMEIs -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"會員卡號 {CARD} 點數 320",
        f"保固卡號：{CARD}",
        f"集點卡 {CARD[:4]}-{CARD[4:8]}-{CARD[8:12]}-{CARD[12:]}",
        f"Member card {CARD}",
        f"IMEI: {IMEI}",
        f"手機序號 IMEI {IMEI} 已登錄",
    ],
)
def test_a_luhn_valid_number_of_a_card_that_pays_nothing_or_an_imei_is_no_credit_card(text: str) -> None:
    assert _found(text, "credit_card") == []


@pytest.mark.parametrize(
    "header", ["會員卡號", "Member Card", "IMEI", "手機序號", "保固卡號", "Loyalty Card No."]
)
def test_a_member_card_or_imei_column_is_no_card_column(header: str) -> None:
    assert "credit_card" not in column_hints(header)
    assert NOT_PERSONAL in column_hints(header)
    assert _in_column(header, CARD) == []


@pytest.mark.parametrize(
    "text", [f"信用卡號 {CARD}", f"卡號：{CARD}", f"Card number {CARD}", f"刷卡 {CARD} 分3期"]
)
def test_a_credit_card_after_a_card_word_stays_a_card(text: str) -> None:
    assert _found(text, "credit_card") == [CARD]


# --- NHI, plates, licences ---------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["NHI No.", "nhi_no", "健保卡卡號"])
def test_an_nhi_column_reads_nhi_numbers(header: str) -> None:
    assert column_hints(header) == frozenset({"nhi_card"})
    assert _in_column(header, "000012345678") == [("nhi_card", "000012345678")]


def test_nhi_no_in_text_supports_an_nhi_number() -> None:
    assert _found("NHI No. 000069710704", "nhi_card") == ["000069710704"]


def test_a_plate_after_a_vehicle_word() -> None:
    assert _found("訪客車輛：TC-8088", "vehicle_plate") == ["TC-8088"]
    assert column_hints("訪客車輛") == frozenset({"vehicle_plate"})


@pytest.mark.parametrize(
    "text", [f"License: {NATIONAL_ID}", f"HW ID={NATIONAL_ID}", f"hardware id {NATIONAL_ID}"]
)
def test_an_id_checksum_valid_licence_key_or_hardware_id_is_no_national_id(text: str) -> None:
    assert _found(text, "tw_national_id") == []


@pytest.mark.parametrize("text", [f"駕照號碼 {NATIONAL_ID}", f"Driver license: {NATIONAL_ID}"])
def test_a_drivers_licence_number_is_the_national_id(text: str) -> None:
    assert _found(text, "tw_national_id") == [NATIONAL_ID]


# --- IPv6 ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "2001:b011:25d0:2e65::75",
        "2001:288:1:2::9",
        "2402:7500:4d2:1a00:0:0:0:1",
        "2001:db8:85a3:0:0:8a2e:370:7334",
    ],
)
def test_ipv6_addresses_in_text_and_in_an_ip_column(address: str) -> None:
    assert _found(f"Failed password for root from {address} port 22 ssh2", "ip_address") == [address]
    assert _found(f"client=[{address}]:443", "ip_address") == [address]
    assert _in_column("client_ip", address) == [("ip_address", address)]


@pytest.mark.parametrize(
    "text",
    ["std::vector<int> a::b", "at 12:34:56", "mac aa:bb:cc:dd:ee:ff", "::1 loopback", "firmware 2001::1:2"],
)
def test_colon_groups_that_are_no_routable_ipv6_address(text: str) -> None:
    assert _found(text, "ip_address") == []


# --- addresses, dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "高雄市左營區博愛二路132巷338號五樓",
        "澎湖縣馬公市福德里9鄰光明路124巷44號十二樓之三",
        "新竹縣湖口鄉光明六路東一段155巷26衖129號",
        "臺北市大安區信義路三段134巷5弄7號地下一樓",
    ],
)
def test_an_address_ends_with_a_floor_in_chinese_numerals_and_takes_a_directed_section(address: str) -> None:
    assert _found(f"東西寄到{address}就可以", "address") == [address]
    assert _in_column("居住地址", address) == [("address", address)]


def test_a_roc_date_with_the_full_state_name_in_a_birth_cell() -> None:
    assert _in_column("Date of Birth", "中華民國79年4月22日") == [("birth_date", "1990-04-22")]
    assert _found("出生日期：中華民國79年4月22日", "birth_date") == ["1990-04-22"]


# --- names --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["emp_name", "staff name", "guardian-name"])
def test_a_snake_case_person_name_column(header: str) -> None:
    assert _in_column(header, "王美玲") == [("person_name", "王美玲")]


@pytest.mark.parametrize("header", ["file_name", "bank_name", "company name", "product_name", "user_name"])
def test_a_things_name_column_is_no_person_column(header: str) -> None:
    assert "person_name" not in column_hints(header)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("英文姓名：HSIEH, CHIA-HAO　護照號碼：328934090", "HSIEH, CHIA-HAO"),
        ("Name (as in passport): CHEN, CHIA-HAO; Passport No. 312345678", "CHEN, CHIA-HAO"),
        ("Contact: Chen Chia-hao", "Chen Chia-hao"),
    ],
)
def test_a_passport_romanisation_is_one_name_with_the_canonical_value_of_its_label(
    text: str, name: str
) -> None:
    assert _found(text, "person_name") == [normalize_value("person_name", name)]


@pytest.mark.parametrize("name", ["巴奈·母路", "馬躍·比吼", "拉黑子·達立夫", "瓦歷斯‧諾幹"])
def test_an_indigenous_name_is_taken_whole_with_its_dot(name: str) -> None:
    assert _found(f"部落聯絡人 {name} 手機 0911-773419", "person_name") == [name]
    assert _in_column("姓名(中文)", name) == [("person_name", name)]


def test_a_line_chat_export_speaker_between_tabs() -> None:
    assert _found("01:51\t吳詩玲\t我晚點到", "person_name") == ["吳詩玲"]
    assert _found("08:09\t司馬凱傑\t收到", "person_name") == ["司馬凱傑"]
    assert _found("01:51\t系統公告\t明天見", "person_name") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Best regards,\n王碩綸", "王碩綸"),
        ("Thanks & regards,\r\nChen Chia-hao <chen@example.tw>", "ChenChia-hao"),
        ("敬祝 商祺\n林美玲　Tel 02-2345-6789", "林美玲"),
        ("此致\n張簡大同 敬上", "張簡大同"),
        ("王碩綸 敬上", "王碩綸"),
        ("林美玲謹啟", "林美玲"),
    ],
)
def test_the_senders_name_after_a_closing_line_or_before_a_chinese_closing(text: str, name: str) -> None:
    assert _found(text, "person_name") == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Thanks,\nThe deploy finished.",
        "Best regards,\n\n王小明",
        "此致\n敬禮",
        "Thanks, I will check\n王小明",
    ],
)
def test_no_sender_where_the_next_line_is_no_name_or_the_closing_is_not_alone(text: str) -> None:
    assert _found(text, "person_name") == []


# --- bank accounts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("請匯款至中華郵政(700) 帳號 4860603-1092571 戶名 連翰", "48606031092571"),
        ("退款帳戶 808-4734-338-250299，戶名李冠傑", "4734338250299"),
        ("退款帳戶 004-815-671-95234-2，戶名許宇妤", "815671952342"),
        ("退款帳戶 013-2583-8125-1800", "258381251800"),
        ("玉山銀行帳號 808-4734-338-250299", "4734338250299"),
        # a first group that is no code of the bank named before it is the account's own
        ("退款至玉山銀行帳號 103-439-43549561", "10343943549561"),
        ("退款至玉山銀行帳號 171-173-519320", "171173519320"),
    ],
)
def test_a_bank_code_before_a_dashed_account_is_not_part_of_it(text: str, account: str) -> None:
    assert _found(text, "bank_account") == [account]


def test_a_post_office_account_in_a_bank_column() -> None:
    assert _in_column("匯款帳號", "2252477-3054845") == [("bank_account", "22524773054845")]


def test_two_dashed_groups_without_a_bank_word_are_no_account() -> None:
    assert _found("型號 1029866-2647072", "bank_account") == []


# --- the compiled prefilter wakes the recognizers for all of these -----------------------------------


FRAGMENTS = [
    "Best regards,",
    "敬祝 商祺",
    "王碩綸",
    "王碩綸 敬上",
    "部落聯絡人 巴奈·母路 手機",
    "聯絡人 巴奈．母路",
    "英文姓名：HSIEH, CHIA-HAO",
    "01:51\t吳詩玲\t我晚點到",
    "client 2001:b011:25d0:2e65::75",
    "std::vector",
    "東西寄到高雄市左營區博愛二路132巷338號五樓",
    "帳號 4860603-1092571",
    f"IMEI: {IMEI}",
    "本週系統維護將於週六凌晨進行。",
    " ",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=3).map("".join), max_size=8).map("\n".join))
def test_prefilter_and_regex_paths_find_the_same_for_these_formats(text: str) -> None:
    if not prefilter.AVAILABLE:
        missing("hyperscan is not installed (pip install hyperscan)")
    assert _fast(text) == _plain(text)


@pytest.mark.parametrize(
    "line",
    [
        f
        for f in FRAGMENTS
        if f.strip() and not f.startswith(("std", "IMEI", "本週", "Best", "敬祝", "王碩綸"))
    ]
    + ["Best regards,\n王碩綸", "敬祝 商祺\n王碩綸", "王碩綸 敬上"],
)
def test_each_new_format_wakes_the_prefilter(line: str) -> None:
    if not prefilter.AVAILABLE:
        missing("hyperscan is not installed (pip install hyperscan)")
    assert _fast(line) == _plain(line) != []
