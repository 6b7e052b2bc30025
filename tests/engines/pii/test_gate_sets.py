"""Speed shortcuts of the recognizers decide exactly what the full searches decide.

- The Hyperscan gate sets (``gate.GateSet``) of the names and address recognizers fire wherever the
  search they stand for can match, so skipping a search when its gate did not fire loses nothing.
- Birth dates tried only where a date can start, names beside other data searched per run of lines,
  and a label's address not matched again where its city already matched: the same matches as before.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shouhu.engines.pii import checksums, engine, gate
from shouhu.engines.pii.recognizers import addresses, dates, keywords, names, tokens

_NEEDS_HS = pytest.mark.skipif(not gate.AVAILABLE, reason="the gate sets need hyperscan")

#: What the names gates stand for: (gate bit, a search that must find nothing when the bit is clear).
_NAME_SEARCHES = [
    (names._G_LABEL, names._EN_LABEL_GATE),
    (names._G_PERSON, names._EN_PERSON_GATE),
    (names._G_ADDRESSEE, names._EN_ADDRESSEE_GATE),
    (names._G_SIGNOFF, names._EN_SIGNOFF_GATE),
    (names._G_LETTER, names._LETTER_ZH),
    (names._G_FOREIGN, names.FOREIGN_NAME),
    (names._G_CHAT, names.CHAT_SPEAKER),
    (names._G_PARTY, names.PARTY_END),
]

_PIECES = st.one_of(
    st.sampled_from(
        [
            "Name", "NAME", "name", "nAmE", "Contact", "CONTACT PERSON", "appl\u0131cant", "APPL\u0130CANT",
            "cu\u017ftomer", "Recipient", "Attn", "C/O", "c/o", "Dear", "requested by", "SIGNED\tBY",
            "Best regards", "THANKS", "thank you", "Sincerely", "cheers", "cc", "Cc：", "bcc", "敬祝", "此致",
            "敬上", "謹啟", "移工", "外籍看護", "新住民", "訂購人", "收件者", "新進人員", "10:32", "[09:15]",
            "2026-11-27 10:15:32", "（10:32）", "(9:05)", "客戶", "王小明", "馬若", "張簡大同", "Grace Kao",
            "address", "ADDRE\u017f\u017f", "Address", "addr", "地址", "住址", "台北市大安區信義路三段134巷5弄7號3樓",
        ]
    ),
    st.sampled_from(["\n", " ", "\t", ":", "：", "=", ">", "＞", "\u3000", ",", "，", "0912345678", "x", "人", "者"]),
    st.text(alphabet="aeimnorst AEIMNORST:：\n\u017f\u0130\u0131王人者", max_size=6),
)  # fmt: skip


@_NEEDS_HS
@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_a_names_gate_that_does_not_fire_means_its_search_finds_nothing(text: str) -> None:
    bits = names._GATES.present(text)
    for bit, search in _NAME_SEARCHES:
        if search.search(text) is not None:
            assert bits & bit, (search.pattern[:40], text)


@_NEEDS_HS
@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_the_address_gate_is_the_any_case_search_itself(text: str) -> None:
    found = addresses._ADDRESS_ANY_CASE.search(text) is not None
    assert bool(addresses._GATES.present(text) & 1) == found


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_names_and_addresses_are_the_same_with_and_without_the_gate_sets(text: str) -> None:
    found = (list(names.scan_names(text)), list(addresses.scan_addresses(text)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gate, "AVAILABLE", False)
        assert (list(names.scan_names(text)), list(addresses.scan_addresses(text))) == found


def test_a_gate_set_answers_per_text_and_without_hyperscan_says_so() -> None:
    gates = gate.GateSet(["[Nn]ame", "地址"])
    if gate.AVAILABLE:
        assert gates.present("Name: 王小明") == 0b01
        assert gates.present("地址：台北市 name") == 0b11
        assert gates.present("nothing here") == 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gate, "AVAILABLE", False)
        assert gates.present("nothing here") == -1  # every bit: run every search


def test_a_byte_pattern_spells_wide_characters_of_a_class_as_alternatives() -> None:
    assert gate.byte_pattern("[Nn][ \t]*[:\uff1a=]") == "[Nn][ \t]*(?:[:=]|\uff1a)"
    assert gate.byte_pattern("[\u4eba\u8005]x") == "(?:\u4eba|\u8005)x"
    assert gate.byte_pattern(r"[\])）]") == r"(?:[\])]|）)"
    with pytest.raises(ValueError, match="unsupported"):
        gate.byte_pattern("[\u4e00-\u9fff]")


#: The first characters of DATE: every code point that can start a match is in _DATE_FIRST.
def test_every_character_a_date_can_start_with_is_a_date_first_character() -> None:
    starts = [
        chr(c)
        for c in range(0x110000)
        if c < 0xD800 or c > 0xDFFF
        if dates.DATE.match(chr(c) + "ay 5, 1983") or dates.DATE.match(chr(c) + "1/05/1983")
    ]
    assert starts
    assert all(dates._DATE_FIRST.match(c) for c in starts), [
        c for c in starts if not dates._DATE_FIRST.match(c)
    ]


_DATE_PIECES = st.one_of(
    st.sampled_from(
        ["生日", "出生", "DOB", "birth", "民國", "中華民國", "69年5月17日", "1980/05/17", "17.05.1980", "Mar. 5, 1983",
         "5 \u017fep 1983", "SEPT 5 1983", "5-Jul-1983", "七十二年三月五日", "民國一○一年二月三日", "到職日", "年", "月", "日"]
    ),
    st.text(alphabet="0123456789/.-年月日 \n:：民國中華JjSsMm\u017f", max_size=8),
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_DATE_PIECES, max_size=20).map("".join))
def test_birth_dates_tried_at_start_characters_equal_a_search_at_every_position(text: str) -> None:
    assert [m.span() for m in dates._dates(text, 0, len(text))] == [
        m.span() for m in dates.DATE.finditer(text)
    ]
    found = list(dates.scan_birth_dates(text))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "_dates", lambda t, lo, hi: dates.DATE.finditer(t, lo, hi))
        patch.setattr(dates, "_CN_YEAR", re.compile(""))  # always "may hold a Chinese-numeral year"
        assert list(dates.scan_birth_dates(text)) == found


_LINES = st.lists(
    st.sampled_from(
        ["王小明,0912345678", "李豪 0972123456", "客服紀錄：手機 0912-345-678", "陳 美玲,A123456789", "林志明｜台北",
         "張簡大同,4111111111111111", "謝謝", "高雄,0912345678", "付款 卡號 4111-1111-1111-1111", ""]
    ),
    max_size=12,
).map("\n".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_names_beside_other_data_are_those_of_a_search_per_line(text: str) -> None:
    found = engine.detect(text)
    per_line: list[object] = []
    done = -1
    for m in sorted(found, key=lambda m: m.start):
        if m.start < done or m.category == "person_name" or m.confidence < 0.7:
            continue
        lo = text.rfind("\n", 0, m.start) + 1
        hi = text.find("\n", m.end)
        done = len(text) if hi < 0 else hi
        per_line.extend(names.scan_name_cells(text, lo, done))
    assert engine._names_beside(text, found) == per_line


def test_a_labels_address_found_from_its_city_is_reported_once_with_the_higher_confidence() -> None:
    text = "帳單寄送地址：台北市大安區信義路三段134巷5弄7號3樓，請於期限內繳費。"
    found = [m for m in addresses.scan_addresses(text) if m.start == text.index("台北市")]
    assert [m.confidence for m in found] == [0.97]
    # the label outside the context window and no district: the city's match has 0.8, the label's 0.9
    far = "地址：" + "\u3000" * 9 + "台北市信義路三段134巷5弄7號"
    at = far.index("台北市")
    assert sorted(m.confidence for m in addresses.scan_addresses(far) if m.start == at) == [0.8, 0.9]
    assert [m.confidence for m in engine.detect(far) if m.category == "address"] == [0.9]


def test_an_english_month_in_any_case_re_accepts_is_read_not_a_crash() -> None:
    # IGNORECASE lets ſ (long s) match s: "5 ſep 1983" used to raise KeyError in the birth-date scan
    assert [m.normalized for m in dates.scan_birth_dates("DOB: 5 \u017fep 1983")] == ["1983-09-05"]
    assert [m.normalized for m in dates.scan_birth_dates("DOB: \u017fEPT. 5, 1983")] == ["1983-09-05"]


_LABEL_PIECES = st.one_of(
    st.sampled_from(
        ["訂位代號", "Lot No.", "Reservation #", "PO Number", "資產標籤", "Order-Ref", "ticket#", "條碼", "號碼", "NUMBER",
         "nbr", "CODE", "Tag", "nr", "num", "ref", "from", "x", "代", "號", "碼", "籤", "標", "條"]
    ),
    st.sampled_from([" ", "\t", "\u3000", ":", "：", "=", "#", "＃", ".", "-", "_", "\n", "a", "Z", "王"]),
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_LABEL_PIECES, max_size=10).map("".join))
def test_the_number_label_read_backwards_is_the_label_search_at_the_value(before: str) -> None:
    text = before + "4111111111111111"
    start = len(before)
    lo = max(0, start - 16)
    cut = text.rfind("\n", lo, start)
    expected = keywords._NUMBER_LABEL.search(text, cut + 1 if cut >= 0 else lo, start) is not None
    assert keywords.number_label_before(text, start) == expected


_VERSION_PIECES = st.one_of(
    st.sampled_from(
        ["firmware", "FIRMWARE", "Fw", "build", "BU\u0130LD", "bu\u0131ld", "ver.", "Version", "DRIVER", "dr\u0130ver",
         "韌體", "固件", "版本", "版號", "驅動", "驅動程式", "from", "world", "GET /login"]
    ),
    st.sampled_from([" ", "\t", "\u3000", ":", "：", "=", "#", ".", "\n", "a", "Z", "王", "ı", "İ", "K"]),
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_VERSION_PIECES, max_size=8).map("".join))
def test_the_version_word_shortcut_is_the_version_search(before: str) -> None:
    text = before + "10.0.0.5"
    start = len(before)
    expected = tokens._VERSION_BEFORE.search(text, max(0, start - 16), start) is not None
    assert tokens._version_before(text, start) == expected


def test_no_character_outside_ascii_matches_a_letter_of_the_version_parts_in_any_case() -> None:
    letters = re.compile("(?i:[fwverldm])")
    assert [hex(c) for c in range(0x80, 0x110000) if letters.match(chr(c))] == []


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789", min_size=1, max_size=24))
def test_the_luhn_check_on_ascii_digits_is_the_digit_by_digit_sum(digits: str) -> None:
    doubled = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)
    total = sum(int(c) for c in digits[-1::-2]) + sum(doubled[int(c)] for c in digits[-2::-2])
    assert checksums.luhn_ok(digits) == (total % 10 == 0)


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(sorted(checksums.LETTER_CODES)), st.text(alphabet="0123456789", min_size=9, max_size=9)
)
def test_the_id_check_sum_on_ascii_digits_is_the_digit_by_digit_sum(letter: str, digits: str) -> None:
    code = checksums.LETTER_CODES[letter]
    weights = (8, 7, 6, 5, 4, 3, 2, 1, 1)
    total = code // 10 + 9 * (code % 10) + sum(w * int(c) for w, c in zip(weights, digits, strict=True))
    assert checksums._id_sum(code, digits) == (total % 10 == 0)
