"""Masked CSV/TSV and XLSX outputs run no formula a spreadsheet would find in the input (CSV injection):
= + - @ cells neutralised with a leading ', plain numbers kept; XLSX text starting with = stays text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from shouhu.engines.pii import mask

KEY = b"k" * 32
CELLS = [
    '=HYPERLINK("http://evil.example","點我")',
    "@SUM(A1:A9)",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
]


@pytest.mark.parametrize(("ext", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_delimited_outputs_neutralise_formula_cells_and_keep_numbers(
    tmp_path: Path, ext: str, delimiter: str
) -> None:
    source, target = tmp_path / f"in.{ext}", tmp_path / f"out.{ext}"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(["姓名", "=note", "amount"])
        for cell in CELLS:
            writer.writerow(["王小明", cell, "-12"])
        writer.writerow(["林美華", "\tx", "+3.5"])
    mask.mask_file(str(source), str(target), mask.Policy(key=KEY))
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    assert rows[0] == ["姓名", "'=note", "amount"]
    assert [r[1] for r in rows[1:]] == ["'" + c for c in CELLS] + ["'\tx"]
    assert [r[2] for r in rows[1:]] == ["-12"] * len(CELLS) + ["+3.5"]
    assert rows[1][0] == "王○明"


def test_xlsx_text_starting_with_equals_stays_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    source, target = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "note"])
    sheet.append(["王小明", "x"])
    sheet["B2"].value = "=1+1"
    sheet["B2"].data_type = "s"  # text in the input (as Excel keeps '=1+1)
    book.save(source)
    mask.mask_file(str(source), str(target), mask.Policy(key=KEY))
    out = openpyxl.load_workbook(target).active
    assert (out["A2"].value, out["B2"].value, out["B2"].data_type) == ("王○明", "=1+1", "s")
