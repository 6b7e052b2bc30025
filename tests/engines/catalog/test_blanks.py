"""Validation of fill-in blank values by type, with zh-TW messages."""

from __future__ import annotations

import pytest

from shouhu.engines.catalog import BlankValueError, get_item, validate_blanks


def test_number_blank_accepts_digits() -> None:
    item = get_item("pd-10.1")
    assert validate_blanks(item, "o1", {"b1": 2}) == {"b1": 2}
    assert validate_blanks(item, "o1", {"b1": " 4 "}) == {"b1": 4}
    assert validate_blanks(item, "o1", {"b1": "１２"}) == {"b1": 12}


@pytest.mark.parametrize("value", ["兩", "2.5", "-1", True, 1.5, [2]])
def test_number_blank_refuses_non_numbers(value: object) -> None:
    with pytest.raises(BlankValueError) as caught:
        validate_blanks(get_item("pd-10.1"), "o1", {"b1": value})
    assert str(caught.value) == "附錄一第 10.1 項『1 年至少____次檢查個資安全維護執行狀況』須填數字"


def test_number_blank_refuses_zero() -> None:
    with pytest.raises(BlankValueError, match="須填 1 至 9999 的整數"):
        validate_blanks(get_item("is-2.6.4"), "o2", {"b1": 0})


def test_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="附錄二第 5.2.1 項"):
        validate_blanks(get_item("is-5.2.1"), "o1", {"b1": "x"})


def test_text_blank_is_stripped_and_bounded() -> None:
    item = get_item("pd-1.1.1")
    assert validate_blanks(item, "o1", {"b1": "  總經理 "}) == {"b1": "總經理"}
    with pytest.raises(BlankValueError, match="職位須填文字"):
        validate_blanks(item, "o1", {"b1": 3})
    with pytest.raises(BlankValueError, match="不得超過 500 字"):
        validate_blanks(item, "o1", {"b1": "長" * 501})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("每季1次", {"times": 1, "every": 1, "unit": "quarter"}),
        ("1 年 2 次", {"times": 2, "every": 1, "unit": "year"}),
        ("每半年至少 1 次", {"times": 1, "every": 1, "unit": "half_year"}),
        ("每 2 年 1 次", {"times": 1, "every": 2, "unit": "year"}),
        ({"times": 3, "unit": "month"}, {"times": 3, "every": 1, "unit": "month"}),
    ],
)
def test_frequency_blank(value: object, expected: dict[str, object]) -> None:
    assert validate_blanks(get_item("pd-7.1"), "o2", {"b1": value}) == {"b1": expected}


@pytest.mark.parametrize(
    "value", ["偶爾", "每季", {"times": 0, "unit": "year"}, {"times": 1, "unit": "century"}, 4]
)
def test_frequency_blank_refuses_vague_values(value: object) -> None:
    with pytest.raises(BlankValueError, match="訓練頻率須填頻率"):
        validate_blanks(get_item("pd-7.1"), "o2", {"b1": value})


def test_missing_blank_is_refused_unless_partial() -> None:
    item = get_item("pd-9.1")
    with pytest.raises(BlankValueError, match="『保存____年』須填寫年數"):
        validate_blanks(item, "o3", {})
    assert validate_blanks(item, "o3", {"b1": ""}, partial=True) == {}


def test_unknown_option_and_blank_are_refused() -> None:
    item = get_item("pd-1.1.1")
    with pytest.raises(BlankValueError, match="附錄一第 1.1.1 項沒有選項「o9」"):
        validate_blanks(item, "o9", {})
    with pytest.raises(BlankValueError, match="沒有填空欄位：b2"):
        validate_blanks(item, "o1", {"b1": "總經理", "b2": "x"})


def test_option_without_blanks_takes_no_values() -> None:
    assert validate_blanks(get_item("pd-1.1.2"), "o1", {}) == {}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2 times a year", {"times": 2, "every": 1, "unit": "year"}),
        ("1 time(s) every 2 years", {"times": 1, "every": 2, "unit": "year"}),
        ("once per quarter", {"times": 1, "every": 1, "unit": "quarter"}),
        ("Twice a month", {"times": 2, "every": 1, "unit": "month"}),
        ("2 time(s) every half-year", {"times": 2, "every": 1, "unit": "half_year"}),
    ],
)
def test_a_frequency_typed_on_an_english_page_is_stored_like_the_chinese_one(typed, stored):
    """The English page shows 「2 time(s) every year」 in the blank; saving it unchanged must parse."""
    item = get_item("pd-7.1")

    assert validate_blanks(item, "o2", {"b1": typed}) == {"b1": stored}
