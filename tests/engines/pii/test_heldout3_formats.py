"""Formats the third held-out corpus (bench/pii/heldout3.py) showed missed or misread: serials under
S/N and Asset ID, four-part versions after a version word, rooms after the floor, accounts in dashed
groups, English month names in birth dates, names after sign-offs, cc and words for foreign workers.
Each rule with the case that must stay as it was."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shouhu.engines.pii import prefilter
from shouhu.engines.pii.engine import detect, detect_cells
from shouhu.engines.pii.recognizers.dates import parse_date
from shouhu.engines.pii.recognizers.keywords import NOT_PERSONAL, column_hints
from shouhu.engines.pii.recognizers.names import PERSON_CUE_WORDS
from shouhu.engines.pii.recognizers.vocabulary import context_words
from tests.engines.pii.test_prefilter import _fast, _plain
from tests.needs import missing

NATIONAL_ID = "A123456789"  # passes the national-ID check


def _found(text: str, category: str) -> list[str]:
    return [m.normalized for m in detect(text) if m.category == category]


def _spans(text: str, category: str) -> list[str]:
    return [text[m.start : m.end] for m in detect(text) if m.category == category]


def _in_column(header: str, value: str) -> list[tuple[str, str]]:
    return [(m.category, m.normalized) for _, m in detect_cells([value], [column_hints(header)])]


# --- a thing's identifier is no national ID --------------------------------------------------------


@pytest.mark.parametrize(
    "text", [f"S/N: {NATIONAL_ID}", f"Asset ID {NATIONAL_ID}", f"device id={NATIONAL_ID}"]
)
def test_an_id_checksum_valid_serial_after_a_things_identifier_label_is_no_national_id(text: str) -> None:
    assert _found(text, "tw_national_id") == []


@pytest.mark.parametrize("header", ["S/N", "asset_id", "Asset Tag", "device_id"])
def test_a_column_named_for_a_things_identifier_hints_not_personal(header: str) -> None:
    assert column_hints(header) == frozenset({NOT_PERSONAL})
    assert _in_column(header, NATIONAL_ID) == []


def test_slash_n_inside_another_word_is_no_serial_label() -> None:
    assert _found(f"yes/no {NATIONAL_ID}", "tw_national_id") == [NATIONAL_ID]
    assert column_hints("building") == frozenset()


# --- a four-part version is no IP address ----------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["build 4.1.0.233", "firmware 4.1.0.233", "韌體 2.0.1.8 已更新", "ver. 1.0.0.12"]
)
def test_a_four_part_number_after_a_version_word_is_no_ip(text: str) -> None:
    assert _found(text, "ip_address") == []


@pytest.mark.parametrize(
    "text", ["10.0.0.5 firmware updated", "rebuild from 140.112.8.1", "server 140.112.8.1"]
)
def test_an_address_with_a_version_word_elsewhere_stays_an_ip(text: str) -> None:
    assert len(_found(text, "ip_address")) == 1


@pytest.mark.parametrize("header", ["firmware", "fw_version", "韌體版本"])
def test_a_firmware_column_holds_versions_not_ips(header: str) -> None:
    assert _in_column(header, "4.1.0.233") == []


# --- a room after the floor --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["台北市大安區信義路100號13樓1304室", "大安區信義路100號5樓之2 502室", "新北市板橋區文化路1段2號302室"],
)
def test_an_address_ends_with_its_room(address: str) -> None:
    assert _spans(f"地址：{address}，謝謝", "address") == [address]


def test_a_room_word_after_other_text_is_not_taken_into_the_address() -> None:
    assert _spans("台北市大安區信義路100號13樓，3室", "address") == ["台北市大安區信義路100號13樓"]


# --- accounts in dashed groups ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("退款至玉山銀行帳號 171-173-519320", "171173519320"),
        ("匯款帳號：123-001-23456-7", "123001234567"),
        ("郵局 700-4857230-2061639 戶名王小明", "48572302061639"),  # bank code, then 14 digits
    ],
)
def test_a_dashed_account_after_a_bank_word_is_one_account(text: str, account: str) -> None:
    assert _found(text, "bank_account") == [account]


@pytest.mark.parametrize("text", ["ISBN 978-986-123-456-7", "帳號 2024-03-01 開通", "No. 171-173-519320"])
def test_dashed_digits_without_a_bank_word_or_too_short_are_no_account(text: str) -> None:
    assert _found(text, "bank_account") == []


def test_phones_and_bank_codes_keep_their_readings() -> None:
    assert _found("電話 02-2771-1234", "landline_phone") == ["0227711234"]
    assert _found("帳號 012-12345678901", "bank_account") == ["12345678901"]


# --- English month names in birth dates -----------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "July 26, 1973",
        "Jul 26 1973",
        "26 Jul 1973",
        "26-Jul-1973",
        "Jul. 26, 1973",
        "26th July, 1973",
        "JUL 26, 1973",
    ],
)
def test_english_month_birth_dates(written: str) -> None:
    assert parse_date(written) == "1973-07-26"
    assert _found(f"Date of birth: {written}", "birth_date") == ["1973-07-26"]
    assert _in_column("birth_dt", written) == [("birth_date", "1973-07-26")]


def test_an_english_month_date_without_a_birth_word_is_no_birth_date() -> None:
    assert _found("Meeting on July 26, 2024 in room 3", "birth_date") == []


@pytest.mark.parametrize("written", ["Mayday 5, 1989", "may 81949", "Jul 32, 1973", "Sept. 31, 1990"])
def test_month_like_text_that_is_no_date(written: str) -> None:
    assert parse_date(written) is None


# --- names after sign-offs, cc and words for foreign workers -------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Best regards, 王小明 | T 02-2345-6789", "王小明"),
        ("Thanks, Chen Chia-hao (Tel 02-2345-6789)", "ChenChia-hao"),
        ("Sincerely, Grace Kao — 02-2345-6789", "GraceKao"),
        ("cc: 林美玲 <mei@example.tw>", "林美玲"),
        ("CC：Yi-hsuan Kao", "KaoYi-hsuan"),
        ("移工 Grace Kao 居留證 A800000014", "GraceKao"),
        ("外籍看護：SITI AMINAH，居留證號", "SitiAminah"),
    ],
)
def test_a_name_after_a_sign_off_a_copy_line_or_a_foreign_worker_word(text: str, name: str) -> None:
    assert name in _found(text, "person_name")


@pytest.mark.parametrize(
    "text", ["Thanks, I will check", "Regards, Sales Team", "Account: success, Wang Mei", "移工 政策說明"]
)
def test_a_sign_off_or_worker_word_without_a_name_finds_none(text: str) -> None:
    assert _found(text, "person_name") == []


# --- the compiled prefilter wakes the recognizers for all of these -----------------------------------

FRAGMENTS = [
    "S/N: A123456789",
    "Asset ID A123456789",
    "build 4.1.0.233",
    "140.112.8.1",
    "地址：台北市大安區信義路100號13樓1304室",
    "退款至玉山銀行帳號 171-173-519320",
    "匯款 700-4857230-2061639",
    "ISBN 978-986-123-456-7",
    "Date of birth: 26 Jul 1973",
    "DOB July 26, 1973",
    "Best regards, 王小明",
    "Thanks, Chen Chia-hao",
    "cc: 林美玲",
    "CC：Yi-hsuan Kao",
    "移工 Grace Kao",
    "外籍看護：SITI AMINAH",
    "本週系統維護將於週六凌晨進行。",
    " ",
    "，",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=3).map("".join), max_size=10).map("\n".join))
def test_prefilter_and_regex_paths_find_the_same_for_these_formats(text: str) -> None:
    if not prefilter.AVAILABLE:
        missing("hyperscan is not installed (pip install hyperscan)")
    assert _fast(text) == _plain(text)


#: The fragments above that hold something to find (the others are negatives and filler).
FINDS = [
    f for f in FRAGMENTS if f.strip(" ，") and not f.startswith(("S/N", "Asset", "build", "ISBN", "本週"))
]


@pytest.mark.parametrize("line", FINDS)
def test_each_new_format_wakes_the_prefilter(line: str) -> None:
    if not prefilter.AVAILABLE:
        missing("hyperscan is not installed (pip install hyperscan)")
    assert _fast(line) == _plain(line) != []


# --- the peer tool is told the same person cues -----------------------------------------------------


@pytest.mark.parametrize("word", PERSON_CUE_WORDS)
def test_each_person_cue_given_to_the_peer_introduces_a_name(word: str) -> None:
    signoff = word.startswith(
        ("best", "kind", "warm", "regards", "thank", "sincerely", "yours", "cheers", "resp")
    )
    glue = (
        ": " if word in ("cc", "bcc") or not (signoff or word.endswith(" by") or not word.isascii()) else ", "
    )
    glue = " " if not word.isascii() or word.endswith(" by") or word in ("attn", "c/o", "dear") else glue
    text = f"{word}{glue}{'Grace Kao' if not word.isascii() else '王美玲'}"
    assert _found(text, "person_name") != [], text
    assert word in context_words()["person_name"]
