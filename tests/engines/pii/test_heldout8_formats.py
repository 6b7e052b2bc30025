"""Spellings the eighth held-out corpus (bench/pii/heldout8.py) showed missed, fixed as classes: old motorcycle
plates with their digits first (176-EPL) and plates with a space for the dash, a name greeted in an SMS after the
sender's tag (【診所】張冠芸您好), a column named for IDs whose values are names (a 住戶 list's ``resident``), 生曰
for 生日, and dotted indigenous names without a label. Each rule with the hard negative that must stay."""

from __future__ import annotations

import pytest

from shouhu.engines.pii import normalize_value
from shouhu.engines.pii.mask.methods import apply
from shouhu.engines.pii.recognizers.cells import inferred_hints
from shouhu.engines.pii.recognizers.keywords import column_hints
from tests.engines.pii.test_heldout7_formats import _found, _in_column
from tests.engines.pii.test_prefilter import _fast, _plain

# --- plates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("車牌 176-EPL", "176-EPL"),  # the old heavy motorcycle plate: three digits, then three letters
        ("機車車牌：729RYG", "729RYG"),
        ("車號 922-tkq", "922-TKQ"),
        ("車牌 ７１７－ＡＺＡ", "717-AZA"),
        ("車牌 ELS 1879", "ELS1879"),  # a space for the dash: the value as normalize_value keeps it
        ("車牌：DM 3993", "DM3993"),
    ],
)
def test_a_digits_first_or_spaced_plate_after_a_plate_word(text: str, plate: str) -> None:
    assert _found(text, "vehicle_plate") == [plate]
    assert normalize_value("vehicle_plate", plate) == plate
    assert _fast(text) == _plain(text)


@pytest.mark.parametrize(
    "text", ["型號 100-ABC", "SKU 123-ABC", "訂單 176-EPL", "user abc 1234", "GET /a 200 123-abc"]
)
def test_a_digits_first_plate_shape_without_a_plate_word_is_no_plate(text: str) -> None:
    assert _found(text, "vehicle_plate") == []


def test_a_phone_after_a_word_that_looks_like_a_spaced_plate_stays_a_phone() -> None:
    # "Tel 089" has a spaced plate's shape; the digit group after it makes it the start of a phone number
    text = "Thanks, Hung Cheng-en (Tel 089 768787)"
    assert _found(text, "landline_phone") == ["089768787"]
    assert _found(text, "vehicle_plate") == []


@pytest.mark.parametrize(
    ("value", "plate"),
    [("ELS 1879", "ELS1879"), ("677 ADQ", "677ADQ"), ("1107 NT", "1107NT"), ("176-EPL", "176-EPL")],
)
def test_a_plate_column_reads_spaced_and_digits_first_plates(value: str, plate: str) -> None:
    assert _in_column("車牌", value) == [("vehicle_plate", plate)]
    assert _in_column("sku", value) == []


@pytest.mark.parametrize(
    ("written", "shape"),
    [("ABC-1234", "AAA-9999"), ("176-EPL", "999-AAA"), ("abc 1234", "aaa 9999"), ("729RYG", "999AAA")],
)
def test_a_plate_pseudonym_keeps_the_shape_it_was_written_in(written: str, shape: str) -> None:
    value = normalize_value("vehicle_plate", written)
    out = apply("pseudonym", key=b"k", category="vehicle_plate", value=value, written=written)
    layout = "".join("9" if c.isdigit() else "A" if c.isupper() else "a" if c.islower() else c for c in out)
    assert layout == shape
    assert not set(out.upper()) & {"I", "O"}
    assert out == apply("pseudonym", key=b"k", category="vehicle_plate", value=value, written=written)


# --- a name greeted in an SMS ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("2024/10/14 10:49 TO:0906-963-399 【南港聯合診所】張冠芸您好，提醒您明日門診", "張冠芸"),
        (
            "【南港聯合診所】程晴您好，提醒您明日門診",
            "程晴",
        ),  # two characters: the second a given-name character
        ("王小明你好，您的包裹已送達", "王小明"),
    ],
)
def test_a_name_greeted_after_the_senders_tag_or_at_a_line_start(text: str, name: str) -> None:
    assert _found(text, "person_name") == [name]
    assert _fast(text) == _plain(text)


@pytest.mark.parametrize(
    "text",
    [
        "【台灣大哥大】高鐵您好",  # 鐵 is no given-name character
        "王經理您好，附件如下",  # a surname and a title
        "【中華電信】客戶您好，您的帳單已出帳",
        "陳小姐您好",
        "【林口長庚】您好",
        "客服中心您好",
    ],
)
def test_a_greeting_to_no_name_finds_none(text: str) -> None:
    assert _found(text, "person_name") == []


# --- a column named for IDs that holds names -------------------------------------------------------------

_NAMES = ["薛銘宇", "簡鈞美", "王小明", "陳怡君", "林志明", "黃淑芬", "張家豪", "李美玲", "吳承翰", "劉冠廷"]


def test_a_column_named_for_ids_whose_values_are_names_is_a_name_column() -> None:
    hints = inferred_hints([column_hints("resident"), column_hints("cell")], [_NAMES, ["0912345678"] * 10])
    assert hints == [frozenset({"person_name"}), frozenset({"mobile_phone"})]


def test_a_column_named_for_ids_with_one_id_among_its_values_keeps_its_name() -> None:
    values = [*_NAMES[:9], "A123456789"]
    assert inferred_hints([column_hints("resident")], [values]) == [column_hints("resident")]


def test_a_column_named_for_something_else_is_not_read_from_names() -> None:
    assert inferred_hints([column_hints("plate")], [_NAMES]) == [column_hints("plate")]


# --- 生曰, 生日 with 曰 for 日 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("地址改為臺中市豐原區中正路四段225之7號，生曰059.11.18，身份證N141949340", "1970-11-18"),
        ("生曰是84/05/17", "1995-05-17"),
        ("生曰 19890117", "1989-01-17"),  # a compact date: the keyword decides
    ],
)
def test_a_birth_date_after_sheng_yue(text: str, iso: str) -> None:
    assert _found(text, "birth_date") == [iso]
    assert _fast(text) == _plain(text)


def test_a_sheng_yue_column_is_a_birth_date_column() -> None:
    assert column_hints("生曰") == frozenset({"birth_date"})


# --- indigenous and transliterated names joined by a dot, without a label ------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('{"name":"拉娃‧谷幸","phone":"0929-657-628"}', "拉娃‧谷幸"),  # a cell of its own beside other data
        ("LC1148218 | 巴奈·庫穗 | 19600718 | 886 905 305 613", "巴奈·庫穗"),
        ("【南港聯合診所】吉娃斯・巴萬您好，提醒您明日門診", "吉娃斯・巴萬"),  # before a greeting
        ("今天拉娃‧谷幸來電，手機 0912345678", "拉娃‧谷幸"),  # before a verb, after a time word
        (
            "客戶瓦歷斯・阿棟來電反映包裹未送達，回撥 0929933454",
            "瓦歷斯・阿棟",
        ),  # after a person word, verbs cut off
        ("客戶達卡鬧‧魯魯安留言，手機換成886 912 071 753", "達卡鬧‧魯魯安"),
        ("約翰·史密斯表示同意", "約翰·史密斯"),  # the whole dotted name, not 史密斯 alone
    ],
)
def test_a_dotted_name_without_a_label(text: str, name: str) -> None:
    assert _found(text, "person_name") == [name]
    assert _fast(text) == _plain(text)


@pytest.mark.parametrize(
    "text",
    [
        "服務據點 台北・台中・高雄 電話 0912345678",  # cities
        "| 產品・服務 | 0912345678 |",  # words for things
        "產品・服務 0912345678",
        "重點•說明 0912345678",  # a bullet
        "客服・業務 0912345678",  # job words
    ],
)
def test_words_joined_by_a_dot_are_no_name(text: str) -> None:
    assert _found(text, "person_name") == []
