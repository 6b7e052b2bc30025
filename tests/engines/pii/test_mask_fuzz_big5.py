"""Fuzzing Big5 (CP950) CSV/TSV masking: any Big5 content gives a masked copy that is still Big5, with the
same rows and columns, masked exactly as the same content in UTF-8 (no mojibake, no silent ``?``)."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shouhu.engines.pii import mask
from shouhu.engines.pii.categories import CATEGORIES
from shouhu.engines.pii.mask.methods import METHODS, apply
from shouhu.engines.pii.readers.encoding import detect_encoding
from shouhu.engines.pii.recognizers.names import SINGLE_SURNAMES
from tests.engines.pii.masked_files import KEY, masked_bytes

HEADER = ["姓名", "手機", "身分證字號", "地址", "備註"]


def _big5(ch: str) -> bool:
    try:
        return ch.encode("cp950").decode("cp950") == ch
    except UnicodeError:
        return False


#: Every printable character CP950 writes and reads back as itself (about 14,000 of them).
BIG5_CHARS = [ch for ch in map(chr, range(0x20, 0x10000)) if ch.isprintable() and _big5(ch)]
FRAGMENTS = [
    "王小明",
    "歐陽志明",
    "0912-345-678",
    "(02)2345-6789#123",
    "A123456789",
    "ａ１２３４５６７８９",
    "台北市大安區信義路三段134巷5弄7號",
    "1980-05-17",
    "a@b.com",
    "許功蓋",  # second byte 0x5C, a backslash in ASCII
    "○",
    "€",  # CP950 only (not in plain Big5)
    ",",
    '"',
    "\t",
    "\n",
    "\r\n",
    "=",
    "-",
]
cell = st.one_of(
    st.text(alphabet=st.sampled_from(BIG5_CHARS), max_size=12),
    st.lists(st.sampled_from(FRAGMENTS), max_size=4).map("".join),
)
rows_of = st.lists(st.lists(cell, min_size=len(HEADER), max_size=len(HEADER)), min_size=1, max_size=6)
methods = st.sampled_from(["partial", "pseudonym", "hash", "generalize", "remove"])
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _table(rows: list[list[str]], delimiter: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows([HEADER, *rows])
    return buffer.getvalue()


def _parse(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


@FUZZ
@given(rows_of, methods, st.sampled_from([(".csv", ","), (".tsv", "\t")]))
def test_a_big5_file_stays_big5_with_its_rows_and_columns(
    rows: list[list[str]], method: str, kind: tuple[str, str]
) -> None:
    suffix, delimiter = kind
    text = _table(rows, delimiter)
    out = masked_bytes(text.encode("cp950"), suffix, method)
    masked = out.decode("cp950")  # strict: every byte written is Big5 (CP950)
    parsed = _parse(masked, delimiter)
    assert parsed[0] == HEADER
    assert [len(r) for r in parsed] == [len(HEADER)] * (len(rows) + 1)
    # masked exactly as the same table in UTF-8: nothing was lost or garbled on the way
    assert masked == masked_bytes(text.encode("utf-8"), suffix, method).decode("utf-8")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows_of, methods, st.integers(0, 8000))
def test_a_big5_file_whose_first_64_kib_are_ascii_stays_big5(
    rows: list[list[str]], method: str, pad: int
) -> None:
    # encoding detection looks past a plain ASCII head (a Big5 export may start with many lines of codes)
    head = [["x", "0", "1", "2", "z" * 8000] for _ in range(9)] + [["y", "0", "1", "2", "z" * pad]]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        [["id", "phone", "ref", "code", "note"], *head, *rows]
    )
    text = buffer.getvalue()
    assert text[: 64 * 1024].isascii()
    out = masked_bytes(text.encode("cp950"), ".csv", method).decode("cp950")
    assert len(_parse(out, ",")) == 1 + len(head) + len(rows)
    assert out == masked_bytes(text.encode("utf-8"), ".csv", method).decode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(CATEGORIES)), st.sampled_from(METHODS)), min_size=5, max_size=5
    ),
    rows_of,
)
def test_column_rules_of_any_category_keep_a_big5_file_big5(
    rules: list[tuple[str, str]], rows: list[list[str]]
) -> None:
    # a rule forcing a category on any cell ("N/A" or "¯" under an ID column) still gives a Big5 copy
    policy = mask.Policy(
        key=KEY, columns=[mask.ColumnRule(h, m, c) for h, (c, m) in zip(HEADER, rules, strict=True)]
    )
    with tempfile.TemporaryDirectory() as folder:
        src, dst = Path(folder, "a.csv"), Path(folder, "b.csv")
        src.write_bytes(_table(rows, ",").encode("cp950"))
        mask.mask_file(str(src), str(dst), policy)
        parsed = _parse(dst.read_bytes().decode("cp950"), ",")
    assert [len(r) for r in parsed] == [len(HEADER)] * (len(rows) + 1)


@pytest.mark.parametrize("value", ["王小明", "N/A", "A312345678", "A8", "x"])
@pytest.mark.parametrize("category", ["tw_national_id", "tw_resident_id"])
def test_an_id_pseudonym_of_a_value_that_is_no_id_is_a_valid_id(value: str, category: str) -> None:
    from shouhu.engines.pii.checksums import valid_national_id, valid_resident_id_new

    out = apply("pseudonym", key=KEY, category=category, value=value, written=value)
    assert (valid_national_id if category == "tw_national_id" else valid_resident_id_new)(out)


def test_pseudonym_vocabulary_is_big5() -> None:
    for surname in SINGLE_SURNAMES[:40]:
        surname.encode("cp950")
    for name in ("王小明", "歐陽志明"):
        for method in ("partial", "pseudonym", "generalize"):
            apply(method, key=KEY, category="person_name", value=name, written=name).encode("cp950")


def test_a_masked_character_the_encoding_cannot_hold_is_a_star_and_a_note(tmp_path: Path) -> None:
    # a Western European file whose name column is given Chinese pseudonyms
    src, dst = tmp_path / "people.csv", tmp_path / "out.csv"
    src.write_bytes("name,city\r\nJosé Müller,Zürich\r\nFrançois Lefèvre,Genève\r\n".encode("cp1252"))
    policy = mask.Policy(key=KEY, columns=mask.parse_rules("name=pseudonym:person_name"))
    mask.mask_file(str(src), str(dst), policy)
    encoding = detect_encoding(src.read_bytes())
    # the input's bytes where nothing was masked, '*' (never '?') for what the encoding cannot hold
    assert dst.read_bytes() == "name,city\r\n***,Zürich\r\n***,Genève\r\n".encode("cp1252")
    assert policy.all_notes() == [
        f"有 6 個遮罩後的字元無法以檔案的編碼 {encoding} 寫出，以 * 代替；要保留它們請先把檔案轉成 UTF-8 / 6 masked "
        f"characters cannot be written in the file's encoding {encoding} and were written as *; convert the file "
        "to UTF-8 first to keep them"
    ]


def test_a_big5_file_keeps_no_note() -> None:
    policy = mask.Policy(key=KEY, default="pseudonym")
    with tempfile.TemporaryDirectory() as folder:
        src, dst = Path(folder, "a.csv"), Path(folder, "b.csv")
        src.write_bytes(
            _table([["王小明", "0912345678", "A123456789", "台北市大安區信義路三段1號", "○"]], ",").encode(
                "cp950"
            )
        )
        mask.mask_file(str(src), str(dst), policy)
    assert policy.all_notes() == []


def test_bytes_outside_the_encoding_are_a_clear_error(tmp_path: Path) -> None:
    # UTF-8 for the first 64 KiB and more, Big5 further down: a file mixing encodings
    src, dst = tmp_path / "mixed.csv", tmp_path / "out.csv"
    top = "姓名,備註\r\n" + "王小明,a\r\n" * 8000
    src.write_bytes(top.encode() + "林美華,b\r\n".encode("cp950"))
    with pytest.raises(ValueError, match="line 8002 holds bytes that are not utf-8"):
        mask.mask_file(str(src), str(dst), mask.Policy(key=KEY))
    assert not dst.exists()
