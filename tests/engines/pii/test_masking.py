"""Masking conventions (research note §6)."""

from __future__ import annotations

import pytest

from shouhu.engines.pii.masking import display_value, mask_value


@pytest.mark.parametrize(
    ("category", "value", "masked"),
    [
        ("person_name", "王小明", "王○明"),
        ("person_name", "李華", "李○"),
        ("person_name", "歐陽小明", "歐陽○明"),
        ("tw_national_id", "A123456789", "A12****789"),
        ("tw_resident_id", "A800000014", "A80****014"),
        ("mobile_phone", "0912345678", "0912-***-678"),
        ("credit_card", "4111111111111111", "411111******1111"),
        ("email", "alice@example.com", "a***@example.com"),
        ("birth_date", "1980-05-17", "1980-**-**"),
        ("address", "臺北市大安區信義路三段134巷5弄7號", "臺北市大安區○路○段○巷○弄○號"),
        ("ip_address", "192.168.1.20", "192.168.*.*"),
        ("bank_account", "123456789012", "********9012"),
        ("landline_phone", "0223456789", "02-*****-789"),
        ("landline_phone", "25352927", "*****-927"),  # a local number: no area code to keep
        ("landline_phone", "276467", "***-467"),
    ],
)
def test_mask_value(category: str, value: str, masked: str) -> None:
    assert mask_value(category, value) == masked


def test_government_last4_policy_for_ids() -> None:
    assert mask_value("tw_national_id", "A123456789", id_policy="last4") == "A12345****"


@pytest.mark.parametrize(
    ("category", "value", "shown"),
    [
        ("tw_national_id", "A123456789", "A1******89"),
        ("tw_resident_id", "A800000014", "A8******14"),
        ("mobile_phone", "0912345678", "09**-***-678"),
        ("credit_card", "4111111111111111", "************1111"),
        ("nhi_card", "000012345678", "********5678"),
        ("person_name", "王小明", "王○明"),
    ],
)
def test_scan_results_show_less_than_partial_masking(category: str, value: str, shown: str) -> None:
    assert display_value(category, value) == shown


def test_display_keeps_the_government_last4_policy_for_ids() -> None:
    assert display_value("tw_national_id", "A123456789", id_policy="last4") == "A12345****"
