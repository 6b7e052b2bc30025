"""Column picks in file masking: ``mask.mask_file(..., columns=[...])`` takes the structured picks a database copy
takes, checked alike, limited to a table where the file names one (SQL dump tables, XLSX sheets, a CSV/TSV/JSONL
file's name), and reported by ``Policy.all_notes()`` when they match no column."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from shouhu.engines.pii import mask

KEY = b"k" * 32
NOTE = "欄位規則「{}」沒有符合任何欄位"


def _notes(policy: mask.Policy) -> str:
    return "\n".join(policy.all_notes())


def _csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_picks_apply_to_the_file_named_as_their_table_and_unknown_picks_are_noted(tmp_path: Path) -> None:
    source, target = tmp_path / "customers.csv", tmp_path / "out.csv"
    _csv(source, [["code", "memo"], ["X-1", "keep me"], ["X-2", "secret"]])
    policy = mask.Policy(key=KEY)
    mask.mask_file(
        str(source),
        str(target),
        policy,
        columns=[
            {"table": "customers", "column": "code", "method": "hash"},
            {"column": "memo", "method": "remove"},
            {"table": "orders", "column": "code", "method": "keep"},
            {"column": "no_such_column", "method": "keep"},
        ],
    )
    rows = _read_csv(target)
    assert [r[1] for r in rows[1:]] == ["", ""]
    assert rows[1][0] not in ("X-1", "")
    assert rows[1][0] != rows[2][0]  # keyed hash, one-to-one
    notes = _notes(policy)
    assert NOTE.format("orders.code") in notes
    assert NOTE.format("no_such_column") in notes
    assert NOTE.format("customers.code") not in notes
    assert NOTE.format("memo") not in notes


def test_a_csv_file_can_be_named_as_another_table(tmp_path: Path) -> None:
    source, target = tmp_path / "upload-3f2a.csv", tmp_path / "out.csv"
    _csv(source, [["memo"], ["secret"]])
    policy = mask.Policy(key=KEY)
    mask.mask_file(
        str(source),
        str(target),
        policy,
        table="customers",
        columns=[{"table": "customers", "column": "memo", "method": "remove"}],
    )
    assert _read_csv(target) == [["memo"], [""]]
    assert policy.all_notes() == []


def test_bad_picks_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    source, target = tmp_path / "customers.csv", tmp_path / "out.csv"
    _csv(source, [["memo"], ["secret"]])
    with pytest.raises(ValueError, match="第 2 筆欄位規則：未知的遮罩方式"):
        mask.mask_file(
            str(source),
            str(target),
            mask.Policy(key=KEY),
            columns=[{"column": "memo", "method": "keep"}, {"column": "memo", "method": "blur"}],
        )
    assert not target.exists()


def test_sql_dump_picks_follow_each_insert_and_copy_table(tmp_path: Path) -> None:
    source, target = tmp_path / "dump.sql", tmp_path / "out.sql"
    source.write_text(
        'CREATE TABLE "customer list" ("full name" TEXT, memo TEXT);\n'
        "INSERT INTO \"customer list\" VALUES ('keep me', 'one');\n"
        "INSERT INTO staff (memo) VALUES ('two');\n"
        'COPY public."customer list" ("full name", memo) FROM stdin;\nkept too\tthree\n\\.\n',
        encoding="utf-8",
    )
    policy = mask.Policy(key=KEY)
    mask.mask_file(
        str(source),
        str(target),
        policy,
        columns=[
            {"table": "customer list", "column": "memo", "method": "remove"},
            {"table": "customer list", "column": "full name", "method": "keep"},
            {"table": "nowhere", "column": "memo", "method": "keep"},
        ],
    )
    out = target.read_text(encoding="utf-8")
    assert "'keep me', ''" in out
    assert "'two'" in out  # staff.memo: no pick for that table
    assert "kept too\t\n" in out
    assert NOTE.format("nowhere.memo") in _notes(policy)
    assert NOTE.format("customer list.memo") not in _notes(policy)


def test_xlsx_picks_are_limited_to_their_sheet(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    source, target = tmp_path / "book.xlsx", tmp_path / "out.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "客戶"
    book.active.append(["memo"])
    book.active.append(["secret"])
    other = book.create_sheet("員工")
    other.append(["memo"])
    other.append(["staff note"])
    book.save(source)
    policy = mask.Policy(key=KEY)
    mask.mask_file(
        str(source), str(target), policy, columns=[{"table": "客戶", "column": "memo", "method": "remove"}]
    )
    out = openpyxl.load_workbook(target)
    assert out["客戶"]["A2"].value in (None, "")
    assert out["員工"]["A2"].value == "staff note"
    assert policy.all_notes() == []


def test_jsonl_picks_apply_to_keys(tmp_path: Path) -> None:
    source, target = tmp_path / "events.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"memo": "secret", "n": {"memo": "inner"}}) + "\n", encoding="utf-8")
    policy = mask.Policy(key=KEY)
    mask.mask_file(
        str(source), str(target), policy, columns=[{"table": "events", "column": "memo", "method": "remove"}]
    )
    assert json.loads(target.read_text(encoding="utf-8")) == {"memo": "", "n": {"memo": ""}}


def test_a_picked_column_name_with_a_dot_is_masked_in_a_database_copy(tmp_path: Path) -> None:
    source, target = tmp_path / "a.db", tmp_path / "b.db"
    db = sqlite3.connect(source)
    db.execute('CREATE TABLE t ("a.b" TEXT, memo TEXT)')
    db.execute("INSERT INTO t VALUES ('secret', 'x')")
    db.commit()
    db.close()
    policy = mask.Policy(key=KEY)
    mask.mask_database(
        f"sqlite:///{source}", f"sqlite:///{target}", policy, columns=[{"column": "a.b", "method": "remove"}]
    )
    assert sqlite3.connect(target).execute('SELECT "a.b" FROM t').fetchall() == [(None,)]
    assert policy.all_notes() == []


def test_a_rule_on_a_key_column_is_not_reported_as_matching_nothing(tmp_path: Path) -> None:
    source, target = tmp_path / "a.db", tmp_path / "b.db"
    db = sqlite3.connect(source)
    db.execute("CREATE TABLE t (email TEXT PRIMARY KEY)")
    db.execute("INSERT INTO t VALUES ('wang@example.com')")
    db.commit()
    db.close()
    policy = mask.Policy(
        key=KEY, columns=mask.column_rules([{"table": "t", "column": "email", "method": "keep"}])
    )
    mask.mask_database(f"sqlite:///{source}", f"sqlite:///{target}", policy)
    assert sqlite3.connect(target).execute("SELECT email FROM t").fetchall() == [("wang@example.com",)]
    assert policy.all_notes() == []


def test_quoted_table_names_in_a_dump_are_masked_not_passed_through(tmp_path: Path) -> None:
    source, target = tmp_path / "dump.sql", tmp_path / "out.sql"
    source.write_text(
        'INSERT INTO "客戶 名單" ("姓名", "手機, 主要") VALUES (\'王小明\', \'0912-345-678\');\n'
        "INSERT INTO `a``b` (`x y`) VALUES ('A123456789');\n"
        'COPY "the ""list""" (note) FROM stdin;\n0912-345-678\n\\.\n',
        encoding="utf-8",
    )
    mask.mask_file(str(source), str(target), mask.Policy(key=KEY))
    out = target.read_text(encoding="utf-8")
    for raw in ("王小明", "0912-345-678", "A123456789"):
        assert raw not in out
