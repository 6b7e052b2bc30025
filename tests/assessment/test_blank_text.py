"""The catalogue engine refuses a blank value with a code and facts; the app says it in the reader's words."""

from __future__ import annotations

import pytest
from django.utils import translation

from shouhu.assessment.blank_text import blank_error_text
from shouhu.engines.catalog import BlankValueError, get_item, validate_blanks


def _refusal(item_id: str, option: str, values: dict[str, object]) -> BlankValueError:
    with pytest.raises(BlankValueError) as caught:
        validate_blanks(get_item(item_id), option, values)
    return caught.value


def test_a_refusal_reads_english_on_an_english_page() -> None:
    exc = _refusal("pd-10.1", "o1", {"b1": "兩"})
    assert exc.code == "number"
    with translation.override("en"):
        text = blank_error_text(exc)
    assert text.startswith("Appendix 1, item 10.1, option “")
    assert text.endswith("”: enter a number")


def test_a_refusal_reads_as_the_engine_wrote_it_on_a_zh_page() -> None:
    exc = _refusal("is-2.6.4", "o2", {"b1": 0})
    with translation.override("zh-hant"):
        assert blank_error_text(exc) == str(exc)


def test_the_blank_is_named_in_the_readers_language() -> None:
    exc = _refusal("pd-1.1.1", "o1", {"b1": 3})
    with translation.override("en"):
        text = blank_error_text(exc)
    assert "must be text" in text
    assert not any("\u4e00" <= c <= "\u9fff" for c in text)


def test_an_error_without_a_code_keeps_its_text() -> None:
    with translation.override("en"):
        assert blank_error_text(BlankValueError("附錄一第 1.1 項有誤")) == "附錄一第 1.1 項有誤"
