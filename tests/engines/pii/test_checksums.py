"""Check-digit algorithms against the public vectors of the research note (§3)."""

from __future__ import annotations

import pytest

from shouhu.engines.pii.checksums import (
    valid_card,
    valid_national_id,
    valid_resident_id_new,
    valid_resident_id_old,
    valid_ubn,
)


@pytest.mark.parametrize(
    "value",
    ["A123456789", "F131104093", "O158238845", "N116247806", "L122544270", "C180661564", "Y123456788"],
)
def test_national_id_valid_vectors(value: str) -> None:
    assert valid_national_id(value) is True


@pytest.mark.parametrize("value", ["A123456788", "F131104091", "O158238842", "A12345678", "a123456789"])
def test_national_id_invalid_vectors(value: str) -> None:
    assert valid_national_id(value) is False


@pytest.mark.parametrize(
    "value",
    ["AB23456789", "AA00000009", "AB00207171", "AC03095424", "BD01300667", "CC00151114",
     "HD02717288", "TD00251124", "AD30196818"],
)  # fmt: skip
def test_resident_id_old_valid_vectors(value: str) -> None:
    assert valid_resident_id_old(value) is True


@pytest.mark.parametrize("value", ["AA00000000", "AE23456785", "FG31104091"])
def test_resident_id_old_invalid_vectors(value: str) -> None:
    assert valid_resident_id_old(value) is False


@pytest.mark.parametrize(
    "value",
    ["A800000014", "A900207177", "A803095426", "B801300667", "C800151116", "H802717288",
     "T900251126", "A930196810", "A870000015", "A880000018"],
)  # fmt: skip
def test_resident_id_new_valid_vectors(value: str) -> None:
    assert valid_resident_id_new(value) is True


@pytest.mark.parametrize("value", ["A800000000", "F931104091", "O958238842", "A323456789"])
def test_resident_id_new_invalid_vectors(value: str) -> None:
    assert valid_resident_id_new(value) is False


@pytest.mark.parametrize(
    "value",
    ["04595252", "10458570", "04595257", "10458575", "10458574", "10000004", "10000026",
     "10000073", "10000171", "00501503", "00277104", "12345675"],
)  # fmt: skip
def test_ubn_valid_vectors_under_2023_rule(value: str) -> None:
    assert valid_ubn(value) is True


@pytest.mark.parametrize("value", ["00501502", "00277103", "12345678", "1234567", "1234567a"])
def test_ubn_invalid_vectors(value: str) -> None:
    assert valid_ubn(value) is False


def test_card_luhn_valid_visa() -> None:
    assert valid_card("4111111111111111") is True


def test_card_luhn_invalid_check_digit() -> None:
    assert valid_card("4111111111111112") is False


def test_card_outside_known_iin_ranges_is_rejected() -> None:
    # 9… passes Luhn here but no card network issues 9-prefixed numbers.
    assert valid_card("9111111111111111") is False
