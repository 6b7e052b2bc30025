"""The compiled keyword gate: the ASCII context keywords found on the lines it names are exactly those
of one search over the whole text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shouhu.engines.pii import gate
from shouhu.engines.pii.recognizers.keywords import KEYWORDS, KeywordIndex

_WORDS = [k for k in KEYWORDS if k.isascii()]
_PIECES = st.one_of(
    st.sampled_from(_WORDS).map(str.upper),
    st.sampled_from(_WORDS),
    st.sampled_from(_WORDS).map(str.title),
    st.sampled_from(
        ["\n", " ", "s", "user", "x", "Hotel", "電話", "：", "0912345678", "=", "\r\n", "ü", "\u3000"]
    ),
)


def _index(text: str) -> tuple[list[int], list[int], list[frozenset[str]]]:
    index = KeywordIndex(text)
    starts = index._build()
    return starts, index._ends, index._cats


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_gated_keywords_equal_one_search_of_the_whole_text(text: str) -> None:
    if not gate.AVAILABLE:
        pytest.skip("the gate needs hyperscan")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gate, "CHARS_PER_LINE", 1)  # gate even short texts line by line
        gated = _index(text)
        patch.setattr(gate, "AVAILABLE", False)
        assert _index(text) == gated


def test_gate_names_only_the_lines_with_a_keyword_in_any_case() -> None:
    if not gate.AVAILABLE:
        pytest.skip("the gate needs hyperscan")
    words = gate.LiteralGate(["phone", "card"], caseless=True)
    text = "客戶資料 ok\n聯絡 Phone 0912\n" + "nothing\n" * 1000 + "卡 CARD 4111 and card"
    spans = words.lines(text)
    assert [text[a:b] for a, b in spans or []] == ["聯絡 Phone 0912", "卡 CARD 4111 and card"]
    assert spans is not None
    assert spans[0][0] == text.index("聯絡")
    assert spans[1][1] == len(text)
    assert words.lines("no words here\n") == []
    dense = "phone\n" * 1000  # a word on nearly every line: one search of the whole text instead
    assert words.lines(dense) is None
