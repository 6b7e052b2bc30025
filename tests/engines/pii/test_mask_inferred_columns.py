"""The mask tool reads a column whose header says nothing as the scanner does (recognizers.cells.batch_hints):
what a scan reports in such a column is masked in the copy, and nothing else changes."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from shouhu.engines.pii import ScanOptions, mask, scan_database
from shouhu.engines.pii.checksums import valid_national_id
from shouhu.engines.pii.files import scan_file

KEY = b"inferred-columns-test-key-0123456789"
SURNAMES = "王李張劉陳楊黃趙吳周徐孫馬朱胡郭何高林羅"
GIVEN = ("小明", "大華", "怡君", "志豪", "淑芬", "家豪", "雅婷", "俊傑", "美玲", "建宏")


def _ids(count: int) -> list[str]:
    """Valid national IDs (A/B/C…, 1/2, check digit computed by trial)."""
    out: list[str] = []
    for n in range(count * 10):
        head = f"{'ABCDEFGHJK'[n % 10]}{1 + n % 2}{n:07d}"
        out += [head + d for d in "0123456789" if valid_national_id(head + d)][:1]
        if len(out) == count:
            return out
    raise AssertionError("not enough IDs")


def _table(rows: int) -> list[list[str]]:
    ids = _ids(rows)
    # IDs as people type them in a column named 欄位2: some spaced or dashed (read as IDs only in an ID column)
    typed = [
        v if i % 3 else f"{v[:4]} {v[4:7]} {v[7:]}" if i % 2 else f"{v[:4]}-{v[4:]}"
        for i, v in enumerate(ids)
    ]
    names = [SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)] for i in range(rows)]
    body = [[f"{i + 1:04d}", typed[i], names[i], "已確認" if i % 2 else "待補"] for i in range(rows)]
    return [["序號", "欄位2", "", "Column4"], *body]


def _write(path: Path, table: list[list[str]]) -> None:
    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        for row in table:
            book.active.append([v or None for v in row])
        book.save(path)
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(table)


def _read(path: Path) -> list[list[str]]:
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        return [
            ["" if v is None else str(v) for v in row]
            for row in book.worksheets[0].iter_rows(values_only=True)
        ]
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_what_the_scanner_reports_in_nameless_columns_is_masked_and_nothing_else(
    tmp_path: Path, suffix: str
) -> None:
    # given: a table whose ID and name columns have headers that name nothing (欄位2, blank)
    source, target = tmp_path / f"people{suffix}", tmp_path / f"people-masked{suffix}"
    table = _table(24)
    _write(source, table)
    scanned = scan_file(str(source), KEY, ScanOptions())
    reported = {(f.row, f.column) for f in scanned.findings}
    categories = {f.category for f in scanned.findings}
    assert {"tw_national_id", "person_name"} <= categories  # the scanner read both columns from their values

    # when
    mask.mask_file(str(source), str(target), mask.Policy(key=KEY))

    # then: every reported cell is changed (its value gone), every other cell is as it was
    copy = _read(target)
    assert copy[0] == table[0]
    names = [c.strip() or "ABCD"[i] for i, c in enumerate(table[0])]  # the scanner's column names
    left, changed = [], []
    for number, (before, after) in enumerate(zip(table[1:], copy[1:], strict=True), start=2):
        for index, (value, masked) in enumerate(zip(before, after, strict=True)):
            if (number, names[index]) in reported:
                left += [value] if masked == value or value in masked else []
            elif masked != value:
                changed.append((number, names[index], value, masked))
    assert len(reported) == 2 * 24
    assert left == []
    assert changed == []


def test_a_table_without_header_is_masked_from_its_first_row_as_the_scanner_reads_it(tmp_path: Path) -> None:
    # given: a CSV with no header: its first row holds people, as every other row does
    source, target = tmp_path / "people.csv", tmp_path / "people-masked.csv"
    ids = _ids(3)
    table = [
        ["王小明", ids[0], "0912345678", "12345678901"],
        ["李大華", ids[1], "0987654321", "22345678901"],
        ["張怡君", ids[2], "0911222333", "32345678901"],
    ]
    _write(source, table)
    reported = {(f.row, f.column) for f in scan_file(str(source), KEY, ScanOptions()).findings}
    assert {(1, "B"), (1, "C")} <= reported  # the scanner reads the first row as data (columns A, B …)

    # when
    policy = mask.Policy(key=KEY)
    mask.mask_file(str(source), str(target), policy)

    # then: what the scan reports is masked in every row, the first included; the rest is as it was, and the
    # report of unmasked long integers names the column by letter, never by a value of the first row
    copy = _read(target)
    left = [
        value
        for number, (before, after) in enumerate(zip(table, copy, strict=True), start=1)
        for index, (value, masked) in enumerate(zip(before, after, strict=True))
        if (number, "ABCD"[index]) in reported and (masked == value or value in masked)
    ]
    kept = [row[3] for row in copy]
    assert left == []
    assert kept == [row[3] for row in table]
    assert dict(policy.unmasked_numbers) == {"D": 3}


def test_a_database_copy_masks_what_the_scanner_reports_in_nameless_columns(tmp_path: Path) -> None:
    # given: a table whose ID and name columns are called c1 and c2
    source, target = tmp_path / "src.db", tmp_path / "dst.db"
    body = _table(24)[1:]
    db = sqlite3.connect(source)
    db.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, c1 TEXT, c2 TEXT, c3 TEXT)")
    db.executemany("INSERT INTO people VALUES (?, ?, ?, ?)", [(int(r[0]), r[1], r[2], r[3]) for r in body])
    db.commit()
    db.close()
    scanned = scan_database(f"sqlite:///{source}", key=KEY, sample=None)
    reported = {(f.key, f.column) for f in scanned.findings}
    assert {f.column for f in scanned.findings} == {"c1", "c2"}  # read from their values

    # when
    mask.mask_database(f"sqlite:///{source}", f"sqlite:///{target}", mask.Policy(key=KEY))

    # then: every reported cell is changed (its value gone), every other cell is as it was
    copy = sqlite3.connect(target).execute("SELECT id, c1, c2, c3 FROM people ORDER BY id").fetchall()
    left, changed = [], []
    for before, after in zip(body, copy, strict=True):
        key = f"id={int(before[0])}"  # the scanner names a row by its primary key
        for column, value, masked in zip(("c1", "c2", "c3"), before[1:], after[1:], strict=True):
            if (key, column) in reported:
                left += [value] if masked == value or value in str(masked) else []
            elif masked != value:
                changed.append((before[0], column, value, masked))
    assert len(reported) == 2 * 24
    assert left == []
    assert changed == []


def test_a_sheet_whose_header_is_below_empty_rows_is_masked_under_that_header(tmp_path: Path) -> None:
    # given: a workbook whose first two rows are empty and whose third row names the columns
    source, target = tmp_path / "people.xlsx", tmp_path / "people-masked.xlsx"
    ids = _ids(3)
    book = openpyxl.Workbook()
    book.active.append([None, None])
    book.active.append([None, None])
    book.active.append(["身分證字號", "備註"])
    for value in ids:
        book.active.append(
            [f"{value[:4]}-{value[4:]}", "客戶"]
        )  # dashed: an ID only in a column named for IDs
    book.save(source)
    reported = {(f.row, f.column) for f in scan_file(str(source), KEY, ScanOptions()).findings}
    assert reported == {(4, "身分證字號"), (5, "身分證字號"), (6, "身分證字號")}

    # when
    mask.mask_file(str(source), str(target), mask.Policy(key=KEY))

    # then: the header is kept, the IDs under it are masked, the notes are as they were
    copy = _read(target)
    assert copy[2] == ["身分證字號", "備註"]
    assert [row[1] for row in copy[3:]] == ["客戶"] * 3
    written = [f"{value[:4]}-{value[4:]}" for value in ids]
    assert [row[0] for row in copy[3:] if row[0] in written or any(value in row[0] for value in ids)] == []
