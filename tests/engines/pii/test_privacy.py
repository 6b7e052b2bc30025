"""No raw value reaches any output format, log record, exception, repr or summary."""

from __future__ import annotations

import csv
import io
import json
import logging
import sqlite3
from pathlib import Path

import pytest

from shouhu.engines.pii import ScanOptions, scan_database, scan_path, scan_text
from shouhu.engines.pii.categories import CATEGORIES
from shouhu.engines.pii.cli import main
from shouhu.engines.pii.masking import display_value, mask_value

RAW = ["A123456789", "0912345678", "alice@example.com", "王小明", "4111111111111111",
       "信義路三段134巷5弄7號", "312345678", "123456789012"]  # fmt: skip
TEXT = (
    "姓名：王小明 身分證A123456789 手機0912345678 信箱alice@example.com\n"
    "卡號4111111111111111 地址：台北市大安區信義路三段134巷5弄7號 護照號碼 312345678 帳號 123456789012\n"
)


def _assert_clean(blob: str) -> None:
    leaked = [raw for raw in RAW if raw in blob]
    assert leaked == []


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_cli_outputs_hold_no_raw_value(tmp_path: Path, fmt: str, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with caplog.at_level(logging.DEBUG):
        code = main(["scan", str(tmp_path), "--format", fmt], stdout=out, stderr=err)
    assert code == 0
    assert out.getvalue().count("\n") > 1
    _assert_clean(out.getvalue() + err.getvalue() + caplog.text)


def test_findings_reprs_and_summary_hold_no_raw_value() -> None:
    findings = scan_text(TEXT, key=b"k")
    assert len(findings) == 8
    _assert_clean(repr(findings) + json.dumps([f.as_dict() for f in findings], ensure_ascii=False))


def test_skip_reasons_hold_no_raw_value(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_bytes(b"\x00" + TEXT.encode("utf-8"))
    (tmp_path / "long.txt").write_text(TEXT.replace("\n", " ") * 3, encoding="utf-8")
    result = scan_path(str(tmp_path), key=b"k", options=ScanOptions(max_line_chars=100))
    assert len(result.skipped) == 2
    _assert_clean(repr(result.skipped))


def test_database_findings_and_errors_hold_no_raw_value(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT)")
    conn.execute("INSERT INTO t VALUES (1, ?)", (TEXT,))
    conn.commit()
    conn.close()
    result = scan_database(f"sqlite:///{path}", key=b"k")
    assert len(result.findings) == 8
    _assert_clean(repr(result) + json.dumps(result.summary().as_dict(), ensure_ascii=False))


def test_text_primary_key_is_not_used_as_location(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (national_id TEXT PRIMARY KEY, phone TEXT)")
    conn.execute("INSERT INTO t VALUES ('A123456789', '0912345678')")
    conn.commit()
    conn.close()
    result = scan_database(f"sqlite:///{path}", key=b"k")
    assert [f.key for f in result.findings] == ["#1", "#1"]
    _assert_clean(repr(result))


def test_recorder_digest_is_the_keyed_hmac_of_value_digest() -> None:
    import os

    from shouhu.engines.pii.engine import Recorder
    from shouhu.engines.pii.hashing import value_digest

    for key in (b"k", os.urandom(32), b"x" * 64, b"y" * 65, b""):  # short, block-sized, hashed-down keys
        assert Recorder(key, "s").digest("mobile_phone", "0912345678") == value_digest(
            key, "mobile_phone", "0912345678"
        )


#: One value of every category under a column naming it: (column, value as written, normalised value).
EVERY_CATEGORY = {
    "tw_national_id": ("身分證字號", "A123456789", "A123456789"),
    "tw_resident_id": ("居留證號", "A800000005", "A800000005"),
    "passport": ("護照號碼", "312345678", "312345678"),
    "nhi_card": ("健保卡號", "000012345678", "000012345678"),
    "mobile_phone": ("手機", "0912-345-678", "0912345678"),
    "landline_phone": ("市話", "(02)2345-6789", "0223456789"),
    "email": ("email", "Ming.Wang@Example.com", "ming.wang@example.com"),
    "credit_card": ("信用卡號", "4111 1111 1111 1111", "4111111111111111"),
    "bank_account": ("銀行帳號", "123456789012", "123456789012"),
    "birth_date": ("生日", "1980-05-17", "1980-05-17"),
    "person_name": ("姓名", "歐陽志華", "歐陽志華"),
    "address": ("地址", "臺北市大安區信義路三段134巷5弄7號", "臺北市大安區信義路三段134巷5弄7號"),
    "ip_address": ("IP", "203.0.113.45", "203.0.113.45"),
    "vehicle_plate": ("車牌", "ABC-1234", "ABC-1234"),
    "ubn": ("統一編號", "22099131", "22099131"),
}


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_cli_outputs_show_only_the_display_form_of_every_category(tmp_path: Path, fmt: str) -> None:
    # given: a CSV with one value of every category (each column named for it)
    assert sorted(EVERY_CATEGORY) == sorted(CATEGORIES)
    columns = list(EVERY_CATEGORY.values())
    with (tmp_path / "people.csv").open("w", encoding="utf-8", newline="") as handle:
        rows = [[c for c, _, _ in columns], [v for _, v, _ in columns], [v for _, v, _ in columns]]
        csv.writer(handle).writerows(rows)
    # when
    out, err = io.StringIO(), io.StringIO()
    assert main(["scan", str(tmp_path), "--format", fmt], stdout=out, stderr=err) == 0
    text = out.getvalue() + err.getvalue()
    # then: each category's display form (where the format shows values), never the value or a longer form
    for category, (_, written, normalized) in EVERY_CATEGORY.items():
        shown = display_value(category, normalized)
        assert category in text
        assert fmt == "table" or shown in text, category
        longer = {mask_value(category, normalized), mask_value(category, normalized, id_policy="last4")}
        forbidden = {written, normalized, *longer} - {shown}
        assert [form for form in sorted(forbidden) if form in text] == [], category
