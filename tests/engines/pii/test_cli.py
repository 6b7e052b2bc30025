"""The ``scan`` command: formats, exit codes, key handling."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from shouhu.engines.pii.cli import RANDOM_KEY_NOTE, build_parser, main


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("手機0912345678\n電話 0912345678\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("姓名,email\n王小明,w@example.com\n", encoding="utf-8")
    return tmp_path


def test_jsonl_has_required_fields(corpus: Path) -> None:
    code, out, _ = run(["scan", str(corpus), "--format", "jsonl"])
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["category"], r.get("line"), r.get("row"), r.get("column"), r["masked"]) for r in rows] == [
        ("mobile_phone", 1, None, None, "09**-***-678"),
        ("mobile_phone", 2, None, None, "09**-***-678"),
        ("email", None, 2, "email", "w***@example.com"),
        ("person_name", None, 2, "姓名", "王○明"),
    ]
    assert all({"source", "path", "confidence"} <= set(r) for r in rows)


def test_table_summary_counts_distinct_values(corpus: Path, tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_bytes(b"secret")
    code, out, err = run(["scan", str(corpus / "a.txt"), "--key-file", str(key_file)])
    assert (code, err) == (0, "")
    assert f"{corpus / 'a.txt'}\tmobile_phone\t2\t1" in out


def test_random_key_is_announced(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SHOUHU_PII_HMAC_KEY", raising=False)
    _, _, err = run(["scan", str(corpus)])
    assert err == RANDOM_KEY_NOTE + "\n"


def test_key_from_environment_gives_stable_digests(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOUHU_PII_HMAC_KEY", "env-key")
    first = run(["scan", str(corpus), "--format", "jsonl"])[1]
    second = run(["scan", str(corpus), "--format", "jsonl"])[1]
    assert first == second


def test_missing_path_exits_non_zero(tmp_path: Path) -> None:
    code, _, err = run(["scan", str(tmp_path / "nope")])
    assert (code, err.splitlines()[-1]) == (1, f"找不到路徑 / path not found: {tmp_path / 'nope'}")


def test_unreachable_database_exits_non_zero_without_password() -> None:
    code, _, err = run(["scan", "mysql+pymysql://root:hunter2@127.0.0.1:1/x"])
    assert code == 1
    assert "hunter2" not in err
    assert "無法連線或讀取資料庫 mysql+pymysql://root:***@127.0.0.1:1/x" in err


def test_bad_arguments_exit_2() -> None:
    assert run(["scan", ".", "--workers", "0"])[0] == 2
    assert run(["scan", ".", "--format", "xml"])[0] == 2


def test_csv_output_neutralises_formula_cells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "=evil.txt").write_text("手機0912345678\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(["scan", "=evil.txt", "--format", "csv"])
    assert out.splitlines()[1].startswith("'=evil.txt,'=evil.txt,1,")


def test_help_is_zh_tw_first() -> None:
    help_text = build_parser().format_help()
    assert help_text.index("守護個資盤點掃描") < help_text.index("Shouhu personal-data discovery")


def test_json_format_has_summary_findings_and_key_note(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SHOUHU_PII_HMAC_KEY", raising=False)
    _, out, _ = run(["scan", str(corpus), "--format", "json"])
    document = json.loads(out)
    assert document["summary"]["totals"]["mobile_phone"] == {"findings": 2, "distinct": 1}
    assert len(document["findings"]) == 4
    assert document["note"] == RANDOM_KEY_NOTE
