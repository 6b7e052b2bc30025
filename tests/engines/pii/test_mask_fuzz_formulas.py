"""Fuzzing the formula escaping of masked CSV/TSV and XLSX outputs (CSV injection): every cell a spreadsheet could
run as a formula comes out inert, and every other cell comes out exactly as it went in."""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shouhu.engines.pii import mask

KEY = b"k" * 32
STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
#: A plain number a spreadsheet reads as a number, never as a formula (``-12``, ``+3.5``): left as it is.
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)*|[.][0-9]+)(?:[eE][+-]?[0-9]+)?")
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from("\n\r\t\"',"),
    max_size=20,
)
formula = st.tuples(st.sampled_from(STARTS), text).map("".join)
number = st.from_regex(r"[+-][0-9]{1,6}(\.[0-9]{1,3})?", fullmatch=True)
plain = text.filter(lambda s: not s.startswith(STARTS))
cell = st.one_of(
    formula, number, plain, st.sampled_from(['=HYPERLINK("http://x","點我")', "@SUM(A1:A9)", "王小明"])
)


def _inert(value: str) -> bool:
    """What a spreadsheet will not run: no formula start, or a plain number."""
    return not value.startswith(STARTS) or NUMBER.fullmatch(value) is not None


def _mask_delimited(rows: list[list[str]], delimiter: str, policy: mask.Policy) -> list[list[str]]:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    ext = ".csv" if delimiter == "," else ".tsv"
    fd, src = tempfile.mkstemp(suffix=ext)
    dst = src + ".out" + ext
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(buffer.getvalue())
        mask.mask_file(src, dst, policy)
        with open(dst, encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle, delimiter=delimiter))
    finally:
        os.unlink(src)
        if os.path.exists(dst):
            os.unlink(dst)


@FUZZ
@given(st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=6), st.sampled_from([",", "\t"]))
def test_kept_cells_come_back_unchanged_or_with_one_leading_quote_when_they_could_run(
    rows: list[list[str]], delimiter: str
) -> None:
    header = ["a", "b", "c"]
    out = _mask_delimited(
        [header, *rows], delimiter, mask.Policy(key=KEY, columns=mask.parse_rules("*=keep"))
    )
    assert out[0] == header
    assert len(out) == len(rows) + 1
    for before, after in zip(rows, out[1:], strict=True):
        for value, written in zip(before, after, strict=True):
            assert written == (value if _inert(value) else "'" + value)


@FUZZ
@given(
    st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=6),
    st.sampled_from([",", "\t"]),
    st.sampled_from(["partial", "pseudonym", "hash", "generalize", "remove"]),
)
def test_masked_cells_and_headers_never_start_a_formula(
    rows: list[list[str]], delimiter: str, method: str
) -> None:
    header = rows[0]
    out = _mask_delimited([header, *rows], delimiter, mask.Policy(key=KEY, default=method))
    assert len(out) == len(rows) + 1
    assert all(_inert(value) for row in out for value in row)


# XLSX keeps text cells as text (never a formula), whatever they start with; other text is not changed.
xlsx_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t"),
    min_size=1,
    max_size=20,
)
xlsx_cell = st.one_of(st.tuples(st.sampled_from(STARTS[:4] + STARTS[6:]), xlsx_text).map("".join), xlsx_text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(xlsx_cell, min_size=2, max_size=2), min_size=1, max_size=5), st.booleans())
def test_xlsx_text_cells_stay_text_and_kept_ones_unchanged(rows: list[list[str]], keep: bool) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["=a", "b"])
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows():
        for written in line:
            written.data_type = "s"  # text in the input, as a spreadsheet keeps '=1+1
    buffer = io.BytesIO()
    book.save(buffer)
    policy = mask.Policy(key=KEY, columns=mask.parse_rules("*=keep") if keep else [])
    fd, src = tempfile.mkstemp(suffix=".xlsx")
    dst = src + ".out.xlsx"
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(buffer.getvalue())
        mask.mask_file(src, dst, policy)
        out = openpyxl.load_workbook(dst).active
        got = [[(c.value, c.data_type) for c in line] for line in out.iter_rows()]
    finally:
        os.unlink(src)
        if os.path.exists(dst):
            os.unlink(dst)
    assert got[0] == [("=a", "s"), ("b", "s")]
    assert len(got) == len(rows) + 1
    assert all(kind != "f" for line in got for _, kind in line)  # no formula cell at all
    if keep:
        assert [[v for v, _ in line] for line in got[1:]] == rows
