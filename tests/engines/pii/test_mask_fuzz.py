"""Fuzzing the masking readers and writers: any content stays a well-formed file of the same shape."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shouhu.engines.pii import mask
from shouhu.engines.pii.mask.files import mask_sql_line

KEY = b"k" * 32
FRAGMENTS = [
    "王小明",
    "0912-345-678",
    "A123456789",
    "台北市大安區信義路三段134巷5弄7號",
    "a@b.com",
    ",",
    '"',
    "'",
    "\n",
    "\t",
    " ",
    "；",
]
cell = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30),
    st.lists(st.sampled_from(FRAGMENTS), max_size=5).map("".join),
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _roundtrip(data: bytes, ext: str, method: str = "partial") -> bytes:
    fd, src = tempfile.mkstemp(suffix=ext)
    dst = src + ".out" + ext
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        mask.mask_file(src, dst, mask.Policy(key=KEY, default=method))
        with open(dst, "rb") as handle:
            return handle.read()
    finally:
        os.unlink(src)
        if os.path.exists(dst):
            os.unlink(dst)


@FUZZ
@given(
    st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=8),
    st.sampled_from(["partial", "pseudonym", "hash", "generalize", "remove"]),
)
def test_csv_keeps_rows_and_columns(rows: list[list[str]], method: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["姓名", "手機", "備註"], *rows])
    out = _roundtrip(buffer.getvalue().encode("utf-8"), ".csv", method).decode("utf-8")
    parsed = list(csv.reader(io.StringIO(out, newline="")))
    assert [len(r) for r in parsed] == [3] * (len(rows) + 1)
    assert parsed[0] == ["姓名", "手機", "備註"]


json_value = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), cell
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(cell, inner, max_size=3)),
    max_leaves=10,
)


def _shape(value: object) -> object:
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return type(value).__name__ if not isinstance(value, str) else "str"


@FUZZ
@given(st.lists(st.dictionaries(cell, json_value, max_size=4), min_size=1, max_size=5))
def test_jsonl_keeps_keys_and_types(records: list[dict[str, object]]) -> None:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    out = [json.loads(line) for line in _roundtrip(data, ".jsonl").decode().split("\n") if line]
    assert [_shape(r) for r in out] == [_shape(r) for r in records]


@FUZZ
@given(st.text(max_size=200))
def test_sql_lines_never_raise_and_keep_non_insert_lines(line: str) -> None:
    masked = mask_sql_line(line, mask.Policy(key=KEY))
    if not line.lstrip().upper().startswith("INSERT"):
        assert masked == line


@FUZZ
@given(st.lists(st.tuples(st.integers(-5, 10**6), cell), min_size=1, max_size=5))
def test_sql_insert_keeps_the_number_of_values(rows: list[tuple[int, str]]) -> None:
    values = ", ".join(f"({n}, '{s.replace(chr(39), chr(39) * 2)}')" for n, s in rows)
    line = f"INSERT INTO t (id, note) VALUES {values};\n"  # noqa: S608 - a test string, never executed
    masked = mask_sql_line(line, mask.Policy(key=KEY))
    assert masked.startswith("INSERT INTO t (id, note) VALUES (")
    assert masked.endswith(");\n")
    assert masked.count("'") % 2 == 0


xlsx_cell = st.one_of(
    st.none(),
    st.integers(-(10**9), 10**9),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2030, 12, 31)),
    st.lists(st.sampled_from([f for f in FRAGMENTS if f not in "\n\t"]), min_size=1, max_size=4).map("".join),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(xlsx_cell, min_size=3, max_size=3), min_size=1, max_size=6))
def test_xlsx_keeps_rows_columns_and_non_text_types(rows: list[list[object]]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["姓名", "生日", "備註"])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    original = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]
    out = openpyxl.load_workbook(io.BytesIO(_roundtrip(buffer.getvalue(), ".xlsx"))).worksheets[0]
    expected = [[c.value for c in r] for r in original.iter_rows(min_row=2)]
    got = [[c.value for c in r] for r in out.iter_rows(min_row=2)]
    assert len(got) == len(expected)
    for before, after in zip(expected, got, strict=True):
        assert [_kind(v) for v in before] == [_kind(v) for v in after]


def _kind(value: object) -> str:
    return "date" if isinstance(value, dt.date) else type(value).__name__
