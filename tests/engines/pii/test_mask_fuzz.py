"""Fuzzing the masking readers and writers: any content stays a well-formed file of the same shape."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sqlite3
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shouhu.engines.pii import mask
from shouhu.engines.pii.mask.files import mask_sql_line
from tests.engines.pii.masked_files import KEY, masked_bytes

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


@FUZZ
@given(
    st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=8),
    st.sampled_from(["partial", "pseudonym", "hash", "generalize", "remove"]),
)
def test_csv_keeps_rows_and_columns(rows: list[list[str]], method: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["姓名", "手機", "備註"], *rows])
    out = masked_bytes(buffer.getvalue().encode("utf-8"), ".csv", method).decode("utf-8")
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
    out = [json.loads(line) for line in masked_bytes(data, ".jsonl").decode().split("\n") if line]
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
    # literals as MySQL writes them (mask_sql_line reads MySQL: a backslash escapes)
    values = ", ".join(
        f"({n}, '{s.replace(chr(92), chr(92) * 2).replace(chr(39), chr(39) * 2)}')" for n, s in rows
    )
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
    out = openpyxl.load_workbook(io.BytesIO(masked_bytes(buffer.getvalue(), ".xlsx"))).worksheets[0]
    expected = [[c.value for c in r] for r in original.iter_rows(min_row=2)]
    got = [[c.value for c in r] for r in out.iter_rows(min_row=2)]
    assert len(got) == len(expected)
    for before, after in zip(expected, got, strict=True):
        assert [_kind(v) for v in before] == [_kind(v) for v in after]


def _kind(value: object) -> str:
    return "date" if isinstance(value, dt.date) else type(value).__name__


# --- SQL dumps: multi-row/multi-line INSERTs and COPY blocks ---------------------------------------


def _sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@FUZZ
@given(
    st.lists(st.tuples(st.integers(-(10**10), 10**10), cell, cell), min_size=1, max_size=6),
    st.sampled_from(["partial", "pseudonym", "hash", "generalize", "remove"]),
    st.booleans(),
)
def test_multi_line_inserts_still_load_with_every_row(
    rows: list[tuple[int, str, str]], method: str, column_list: bool
) -> None:
    from shouhu.engines.pii.mask.sqldump import DumpMasker

    values = ",\n".join(f"({n}, {_sql_literal(a)}, {_sql_literal(b)})" for n, a, b in rows)
    cols = " (num, 姓名, note)" if column_list else ""
    dump = f"CREATE TABLE t (num INTEGER, 姓名 TEXT, note TEXT);\nINSERT INTO t{cols} VALUES\n{values};\n"
    out: list[str] = []
    masker = DumpMasker(mask.Policy(key=KEY, default=method), backslash=False)  # SQLite: no backslash escapes
    for line in dump.splitlines(keepends=True):
        masker.feed(line, out.append)
    masker.close(out.append)
    db = sqlite3.connect(":memory:")
    db.executescript("".join(out))
    loaded = db.execute("SELECT num, 姓名, note FROM t").fetchall()
    assert len(loaded) == len(rows)
    assert all(n is None or isinstance(n, int) for n, _, _ in loaded)


def _copy_field(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


@FUZZ
@given(
    st.lists(st.one_of(st.just(None), st.integers(-(10**12), 10**12).map(str), cell), min_size=1, max_size=6)
)
def test_copy_rows_keep_their_fields_and_nulls(fields: list[str | None]) -> None:
    from shouhu.engines.pii.mask.sqldump import mask_copy_row

    row = "\t".join("\\N" if f is None else _copy_field(f) for f in fields) + "\n"
    columns = ["姓名", "phone", "note", "birthday", "id", "address"][: len(fields)]
    out = mask_copy_row(row, columns, mask.Policy(key=KEY))
    assert out.endswith("\n")
    parts = out[:-1].split("\t")
    assert len(parts) == len(fields)
    assert "\n" not in out[:-1]
    for before, after in zip(fields, parts, strict=True):
        if before is None:
            assert after == "\\N"
        if before is not None and re.fullmatch(r"-?(?:0|[1-9][0-9]*)", before):
            assert after == "\\N" or re.fullmatch(r"-?[0-9]+", after)  # numbers stay numbers


@FUZZ
@given(
    st.lists(
        st.sampled_from(FRAGMENTS + ["INSERT INTO t VALUES (", "COPY t (a) FROM stdin;", "\\.", ");", "'"]),
        max_size=30,
    ).map("".join)
)
def test_dump_masker_never_raises_and_keeps_the_line_count(text: str) -> None:
    from shouhu.engines.pii.mask.sqldump import mask_dump

    out: list[str] = []
    mask_dump(text.splitlines(keepends=True), mask.Policy(key=KEY), out.append)
    assert "".join(out).count("\n") == text.count("\n")


# --- CSV-format and other-delimiter COPY blocks, pg_dump archives -----------------------------------


def _pg_csv_field(value: str | None, quote: str, null: str) -> str:
    """A field as PostgreSQL's COPY TO … CSV writes it (quotes doubled, quoted when needed)."""
    if value is None:
        return null
    if (
        value == null
        or any(c in value for c in (",", quote, "\r", "\n"))
        or value != value.strip(" ")
        or not value
    ):
        return quote + value.replace(quote, quote * 2) + quote
    return value


@FUZZ
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(-(10**10), 10**10).map(str), cell), min_size=3, max_size=3),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from([("FORMAT csv", '"', ""), ("FORMAT csv, QUOTE '''', NULL 'NULL'", "'", "NULL")]),
    st.sampled_from(["partial", "pseudonym", "hash", "generalize", "remove"]),
)
def test_csv_copy_blocks_keep_records_fields_and_nulls(
    rows: list[list[str | None]], options: tuple[str, str, str], method: str
) -> None:
    from shouhu.engines.pii.mask.copyblock import CopyBlock, copy_options, csv_fields
    from shouhu.engines.pii.mask.sqldump import copy_field

    written, quote, null = options
    opts = copy_options(f"({written}, HEADER)")
    data = "姓名,手機,備註\n" + "".join(
        ",".join(_pg_csv_field(v, quote, null) for v in r) + "\n" for r in rows
    )
    out: list[str] = []
    block = CopyBlock([], opts, mask.Policy(key=KEY, default=method), copy_field)
    for line in [*io.StringIO(data, newline=""), "\\.\n"]:  # split as a dump file is read
        block.feed(line, out.append)
    assert block.done
    assert out[0] == "姓名,手機,備註\n"
    assert out[-1] == "\\.\n"
    records = [csv_fields(r[:-1], opts) for r in out[1:-1]]
    assert len(records) == len(rows)  # one output record per input record, however many lines each spans
    for before, after in zip(rows, records, strict=True):
        assert after is not None
        assert len(after) == 3
        for value, field in zip(before, after, strict=True):
            is_null = not field.quoted and field.raw == null
            assert is_null == (value is None) or (value is not None and is_null and method == "remove")


@FUZZ
@given(st.lists(st.one_of(st.none(), cell), min_size=1, max_size=5), st.sampled_from(["|", ",", ";"]))
def test_text_copy_with_any_delimiter_keeps_its_fields(fields: list[str | None], delimiter: str) -> None:
    from shouhu.engines.pii.mask.copyblock import CopyBlock, copy_options, text_escape, text_fields
    from shouhu.engines.pii.mask.sqldump import copy_field

    opts = copy_options(f" WITH DELIMITER '{delimiter}'")
    row = delimiter.join("\\N" if f is None else text_escape(f, delimiter) for f in fields) + "\n"
    out: list[str] = []
    CopyBlock(["姓名", "note", "phone", "id", "address"], opts, mask.Policy(key=KEY), copy_field).feed(
        row, out.append
    )
    [masked] = out
    assert masked.endswith("\n")
    assert "\n" not in masked[:-1]
    parts = text_fields(masked[:-1], delimiter)
    assert len(parts) == len(fields)
    assert [p == "\\N" for p in parts] == [f is None for f in fields]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200))
def test_a_damaged_pg_dump_archive_is_a_clear_error(tail: bytes) -> None:
    import shutil

    import pytest

    if not shutil.which("pg_restore"):
        return  # the reader needs PostgreSQL's pg_restore; test_mask_pg_formats reports its absence
    fd, src = tempfile.mkstemp(suffix=".dump")
    dst = src + ".sql"
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(b"PGDMP" + tail)
        with pytest.raises(ValueError, match="pg_restore"):
            mask.mask_file(src, dst, mask.Policy(key=KEY))
        assert not os.path.exists(dst)
    finally:
        os.unlink(src)
        if os.path.exists(dst):
            os.unlink(dst)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=200), st.dictionaries(st.sampled_from(["3001.dat", "3001.dat.gz", "x"]), st.binary())
)
def test_a_damaged_pg_dump_directory_archive_is_a_clear_error(tail: bytes, files: dict[str, bytes]) -> None:
    import shutil

    import pytest

    if not shutil.which("pg_restore"):
        return  # the reader needs PostgreSQL's pg_restore; test_mask_pg_formats reports its absence
    with tempfile.TemporaryDirectory() as folder:
        archive = os.path.join(folder, "dump")
        os.mkdir(archive)
        with open(os.path.join(archive, "toc.dat"), "wb") as handle:
            handle.write(b"PGDMP" + tail)
        for name, data in files.items():
            with open(os.path.join(archive, name), "wb") as handle:
                handle.write(data)
        dst = os.path.join(folder, "out.sql")
        with pytest.raises(ValueError, match="pg_restore"):
            mask.mask_file(archive, dst, mask.Policy(key=KEY))
        assert not os.path.exists(dst)


@FUZZ
@given(st.text(max_size=120))
def test_copy_options_read_any_text_without_raising(rest: str) -> None:
    from shouhu.engines.pii.mask.copyblock import copy_options

    opts = copy_options(rest)
    assert isinstance(opts.delimiter, str)
    assert isinstance(opts.null, str)
    assert not (opts.csv and opts.binary)  # one format at a time
