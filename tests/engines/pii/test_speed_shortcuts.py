"""Shortcuts taken for scan speed decide exactly what the full rules decide (no finding changes)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shouhu.engines.pii.categories import CATEGORIES
from shouhu.engines.pii.masking import display_function, display_value
from shouhu.engines.pii.recognizers import names, tokens

_ID_CHARS = "0123456789AaBbZz@._%+()- "


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_ID_CHARS, min_size=6, max_size=24))
def test_a_candidate_without_three_digits_or_at_sign_holds_no_token(word: str) -> None:
    if tokens._THREE_DIGITS.search(word) is None and "@" not in word:
        assert tokens.TOKEN.search("，" + word + "，", 1, 1 + len(word)) is None


def test_three_digits_are_enough_for_a_plate() -> None:
    assert tokens._THREE_DIGITS.search("AB-123") is not None
    assert tokens.TOKEN.search("AB-123").lastgroup == "plate"  # type: ignore[union-attr]


_EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


@pytest.mark.parametrize(
    "word",
    [
        "contact",
        "contact person",
        "applicant",
        "customer",
        "recipient",
        "sender",
        "cardholder",
        "attention",
        "ship to",
        "bill-to",
        "deliver_to",
        "shipto",
    ],
)
def test_the_english_person_label_gate_passes_every_case_form_the_label_regex_accepts(word: str) -> None:
    for i, char in enumerate(word):
        if not char.isalpha():
            continue
        # every character IGNORECASE takes for this letter (i: also İ and ı; s: also ſ)
        for other in re.findall(char, _EVERY_CHARACTER, re.IGNORECASE):
            text = f"{word[:i]}{other}{word[i + 1 :]}: 王小明"
            assert names.EN_PERSON_LABEL.search(text) is not None
            assert names._EN_PERSON_GATE.search(text) is not None, text


def test_the_gate_stops_words_that_only_share_letters() -> None:
    assert names._EN_PERSON_GATE.search("GET /login agent=curl/8.5 cache=cold") is None


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="王陳張簡歐陽小明大同美玲客戶來電已於昨日上週，。\n 12", max_size=12),
    st.sampled_from(list(names.VERB_WORDS)),
)
def test_a_verb_hit_without_a_surname_before_it_gives_no_name(before: str, verb: str) -> None:
    text = before + verb + "昨日"
    end = len(before)
    if not any(end - k >= 0 and text[end - k] in names._NAME_FIRST for k in (2, 3, 4)):
        assert names._before_verb(text, end, verb) is None
    found = names._before_verb(text, end, verb)
    if found is not None:
        assert found.normalized[0] in names._NAME_FIRST


@pytest.mark.parametrize("policy", ["middle", "last4"])
def test_display_functions_show_what_display_value_shows(policy: str) -> None:
    values = ["A123456789", "0912345678", "0223456789", "amy@example.com", "4111111111111111", "1980-05-17",
              "王小明", "臺北市大安區信義路三段134巷5弄7號3樓", "203.0.113.45", "ABC-1235", "04595252",
              "123456789012", "312345678", "x"]  # fmt: skip
    for category in [*CATEGORIES, "unknown"]:
        show = display_function(category, id_policy=policy)
        for value in values:
            assert show(value) == display_value(category, value, id_policy=policy)


_ADDRESSEE_WORDS = ["attn", "attn.", "c/o", "dear"] + [
    f"{verb} by"
    for verb in ("requested", "prepared", "approved", "submitted", "reported", "signed", "reviewed",
                 "checked", "issued", "created", "handled", "sent", "received")
]  # fmt: skip


@pytest.mark.parametrize("word", _ADDRESSEE_WORDS)
def test_the_addressee_gate_passes_every_case_form_the_addressee_regex_accepts(word: str) -> None:
    for i, char in enumerate(word):
        if not char.isalpha():
            continue
        for other in re.findall(char, _EVERY_CHARACTER, re.IGNORECASE):
            for text in (
                f"{word[:i]}{other}{word[i + 1 :]} 王小明",
                f"x {word[:i]}{other}{word[i + 1 :]}\t: Chen Chia-hao",
            ):
                assert names.EN_ADDRESSEE.search(text) is not None, text
                assert names._EN_ADDRESSEE_GATE.search(text) is not None, text


@pytest.mark.parametrize("word", ["name", "full name", "customer_name", "Contact-Name", "chinese name"])
def test_the_name_label_gate_passes_every_case_form_the_name_label_regex_accepts(word: str) -> None:
    for i, char in enumerate(word):
        if not char.isalpha():
            continue
        for other in re.findall(char, _EVERY_CHARACTER, re.IGNORECASE):
            for sep in (":", " ：", "\t=", "  :"):
                text = f"{word[:i]}{other}{word[i + 1 :]}{sep} 王小明"
                assert names.EN_LABEL.search(text) is not None, text
                assert names._EN_LABEL_GATE.search(text) is not None, text


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="AaBbCcDdEeNnTtOoRrYyMm/ \t:：=.İıſK王", max_size=24))
def test_no_gate_hit_means_no_english_label_or_addressee_hit(text: str) -> None:
    if names._EN_ADDRESSEE_GATE.search(text) is None:
        assert names.EN_ADDRESSEE.search(text) is None
    if names._EN_LABEL_GATE.search(text) is None:
        assert names.EN_LABEL.search(text) is None


def test_log_text_with_bytes_skips_the_addressee_search() -> None:
    line = "GET /login 200 from 203.0.113.45 in 0.021 s agent=curl/8.5 bytes=1532"
    assert any(h in line for h in names._ADDRESSEE_HINTS)
    assert names._EN_ADDRESSEE_GATE.search(line) is None


_SIGNOFF_WORDS = [
    "regards", "best regards", "kind regards", "warmest regards", "thanks", "thank you", "sincerely",
    "sincerely yours", "yours truly", "yours faithfully", "cheers", "respectfully",
]  # fmt: skip


@pytest.mark.parametrize("word", _SIGNOFF_WORDS)
def test_the_sign_off_gate_passes_every_case_form_the_sign_off_regex_accepts(word: str) -> None:
    # EN_SIGNOFF is ASCII-only IGNORECASE: each letter in either ASCII case, the rest as written
    for i, char in enumerate(word):
        for other in {char.lower(), char.upper()}:
            text = f"{word[:i]}{other}{word[i + 1 :]}, 王小明"
            assert names.EN_SIGNOFF.search(text) is not None, text
            assert names._EN_SIGNOFF_GATE.search(text) is not None, text
    for cc in ("cc:", "CC：", "Bcc :", "bCC\t:"):
        assert names.EN_SIGNOFF.search(f"{cc} 林美玲") is not None
        assert names._EN_SIGNOFF_GATE.search(f"{cc} 林美玲") is not None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="RrEeGgAaDdSsTtHhNnKkYyOoUuCcIiLlPpFfBb ,，:：\t王", max_size=28))
def test_no_sign_off_gate_hit_means_no_sign_off_hit(text: str) -> None:
    if names._EN_SIGNOFF_GATE.search(text) is None:
        assert names.EN_SIGNOFF.search(text) is None


def test_a_sign_off_in_mixed_case_is_found() -> None:
    # the earlier substring test knew only all-lower and all-upper forms of each word's tail
    assert [m.normalized for m in names.scan_names("Best reGARDs, 王小明")] == ["王小明"]


_VERB_ALTERNATION = re.compile(
    "|".join(sorted((*names.VERB_WORDS, *names.MORE_VERBS), key=len, reverse=True))
)
_VERB_PIECES = [*names.VERB_WORDS, *names.MORE_VERBS, "的", "回", "王", "說明", "於於", " ", "\n", "a"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_VERB_PIECES), max_size=16).map("".join))
def test_the_verb_trie_finds_the_longest_verb_where_the_alternation_does(text: str) -> None:
    assert [(m.span(), m.group()) for m in names.VERBS.finditer(text)] == [
        (m.span(), m.group()) for m in _VERB_ALTERNATION.finditer(text)
    ]
