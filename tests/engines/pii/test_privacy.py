"""No raw value reaches any output format, log record, exception, repr or summary."""

from __future__ import annotations

import io
import json
import logging
import sqlite3
from pathlib import Path

import pytest

from shouhu.engines.pii import ScanOptions, scan_database, scan_path, scan_text
from shouhu.engines.pii.cli import main

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
