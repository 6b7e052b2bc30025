"""pg_dump archives (-Fc custom, -Ft tar) and CSV-format COPY blocks (COPY … WITH (FORMAT csv), psql's
\\copy … from stdin csv): masked into plain SQL that PostgreSQL loads back with the masked values."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from shouhu.engines.pii import mask
from shouhu.engines.pii.checksums import valid_national_id
from shouhu.engines.pii.mask.copyblock import CopyBlock, CopyOptions, copy_options
from shouhu.engines.pii.mask.sqldump import copy_field, mask_dump
from tests.engines.pii.test_mask_dumps import COLUMNS, _check_rows, _pg_database, _pg_fill, _pg_rows, policy
from tests.needs import missing

CREATE = (
    "CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(20), national_id VARCHAR(10), "
    "mobile BIGINT, birthday DATE, note TEXT, ref_no BIGINT);\n"
)


def _tools(*names: str) -> None:
    for name in names:
        if not shutil.which(name):
            missing(f"{name} not installed")


def _psql(database: str, *args: str, stdin: str | None = None) -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-X", "-q", *args, database],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.parametrize("fmt", ["-Fc", "-Ft"])
def test_pg_dump_archive_is_masked_into_plain_sql_that_loads(
    pg_pair: tuple[str, str], tmp_path: Path, fmt: str
) -> None:
    _tools("pg_dump", "pg_restore", "psql")
    source, target = pg_pair
    _pg_fill(source)
    archive = tmp_path / "people.dump"
    subprocess.run(
        ["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--no-owner", fmt, "-f", str(archive),
         _pg_database(source)],
        check=True,
    )  # fmt: skip
    assert archive.read_bytes()[:5] == b"PGDMP" or fmt == "-Ft"
    p = policy()
    mask.mask_file(str(archive), str(tmp_path / "out.sql"), p)
    script = (tmp_path / "out.sql").read_text(encoding="utf-8")
    assert "王小明" not in script
    assert "A123456789" not in script
    assert "COPY public.people" in script  # plain SQL, the data still in pg_dump's COPY block
    _psql(_pg_database(target), "-f", str(tmp_path / "out.sql"))
    _check_rows(_pg_rows(target))
    assert p.unmasked_numbers == {"ref_no": 2}
    assert any("plain SQL" in note for note in p.notes)  # the run says it wrote SQL, not an archive


def test_a_damaged_archive_is_a_clear_error_and_leaves_no_output(tmp_path: Path) -> None:
    _tools("pg_restore")
    broken = tmp_path / "broken.dump"
    broken.write_bytes(b"PGDMP" + b"\x00" * 40)
    with pytest.raises(ValueError, match="pg_restore"):
        mask.mask_file(str(broken), str(tmp_path / "out.sql"), policy())
    assert not (tmp_path / "out.sql").exists()


RELATED = """
CREATE TABLE customer (id INTEGER PRIMARY KEY, national_id CHAR(10) UNIQUE NOT NULL, name VARCHAR(20),
                       mobile VARCHAR(12), birthday DATE, credit NUMERIC(10, 2), joined TIMESTAMPTZ);
CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id INTEGER REFERENCES customer (id),
                     buyer_national_id CHAR(10) REFERENCES customer (national_id), amount NUMERIC(10, 2),
                     note TEXT);
INSERT INTO customer VALUES
  (1, 'A123456789', '王小明', '0912-345-678', '1980-05-17', 1234.50, '2024-01-02 03:04:05+08'),
  (2, 'F131104093', '歐陽美華', '0922333444', '1991-01-02', 0, '2025-06-07 08:09:10+08');
INSERT INTO orders VALUES (100, 1, 'A123456789', 99.95, '寄送 0912-345-678'), (101, 2, 'F131104093', 10, NULL),
                          (102, 1, 'A123456789', 5, 'tab\tand\\backslash');
"""

JOINED = (
    "SELECT o.id, c.name, c.national_id, o.amount, o.note FROM orders o "
    "JOIN customer c ON c.national_id = o.buyer_national_id AND c.id = o.customer_id ORDER BY o.id"
)
TYPES = (
    "SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale "
    "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name"
)


def test_pg_dump_directory_archive_is_masked_into_plain_sql_keeping_types_and_joins(
    pg_pair: tuple[str, str], tmp_path: Path
) -> None:
    _tools("pg_dump", "pg_restore", "psql")
    source, target = (_pg_database(url) for url in pg_pair)
    _psql(source, stdin=RELATED)
    archive = tmp_path / "shop.dir"
    subprocess.run(
        ["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--no-owner", "-Fd", "-f", str(archive), source],
        check=True,
    )  # fmt: skip
    assert (archive / "toc.dat").is_file()  # the real -Fd layout: a table of contents plus data files
    p = policy(methods={"tw_national_id": "pseudonym"})
    counts = mask.mask_file(str(archive), str(tmp_path / "out.sql"), p)
    script = (tmp_path / "out.sql").read_text(encoding="utf-8")
    for raw in ("A123456789", "F131104093", "王小明", "0912-345-678", "1980-05-17"):
        assert raw not in script
    assert counts["tw_national_id"] == 5
    assert any("plain SQL" in note for note in p.notes)
    _psql(target, "-f", str(tmp_path / "out.sql"))

    assert _psql(target, "-A", "-t", "-c", TYPES) == _psql(source, "-A", "-t", "-c", TYPES)  # types intact
    rows = [line.split("|") for line in _psql(target, "-A", "-t", "-c", JOINED).splitlines()]
    assert [r[0] for r in rows] == ["100", "101", "102"]  # every order still joins its customer
    assert [r[1] for r in rows] == ["王○明", "歐陽○華", "王○明"]
    pseudonyms = {r[2] for r in rows}
    assert len(pseudonyms) == 2
    assert not pseudonyms & {"A123456789", "F131104093"}
    assert all(valid_national_id(v) for v in pseudonyms)  # format-preserving: the checksum still passes
    assert [r[3] for r in rows] == ["99.95", "10.00", "5.00"]  # amounts unchanged
    assert rows[0][4] == "寄送 0912-***-678"
    assert (
        _psql(target, "-A", "-t", "-c", "SELECT note FROM orders WHERE id = 102") == "tab\tand\\backslash\n"
    )
    dates = _psql(target, "-A", "-t", "-c", "SELECT birthday, credit, joined FROM customer ORDER BY id")
    assert dates.splitlines()[0].split("|")[:2] == ["1980-01-01", "1234.50"]


def test_a_directory_that_is_not_a_pg_dump_archive_is_refused(tmp_path: Path) -> None:
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "toc.dat").write_bytes(b"not an archive")
    with pytest.raises(ValueError, match="-Fd"):
        mask.mask_file(str(tmp_path / "export"), str(tmp_path / "out.sql"), policy())
    assert not (tmp_path / "out.sql").exists()


def _csv_data(source: str, options: str) -> str:
    """The people table as PostgreSQL itself writes it in CSV (line breaks inside quoted fields)."""
    return _psql(_pg_database(source), "-c", f"COPY people ({COLUMNS}) TO STDOUT WITH ({options})")


@pytest.mark.parametrize(
    ("command", "out_options"),
    [
        (f"COPY people ({COLUMNS}) FROM stdin WITH (FORMAT csv, HEADER true);", "FORMAT csv, HEADER true"),
        (f"COPY people ({COLUMNS}) FROM stdin CSV HEADER DELIMITER AS ';';", "FORMAT csv, HEADER, DELIMITER ';'"),
        (f"\\copy people ({COLUMNS}) from stdin with (format csv, null 'NULL', quote '''')",
         "FORMAT csv, NULL 'NULL', QUOTE ''''"),
        ("\\copy people from stdin with csv", "FORMAT csv"),
    ],
)  # fmt: skip
def test_csv_copy_blocks_are_masked_and_load(
    pg_pair: tuple[str, str], command: str, out_options: str
) -> None:
    _tools("psql")
    source, target = pg_pair
    _pg_fill(source)
    data = _csv_data(source, out_options)
    assert "\nsecond line" in data  # the note's line break is inside a quoted field
    script = CREATE + command + "\n" + data + "\\.\n"
    out: list[str] = []
    p = policy()
    mask_dump(script.splitlines(keepends=True), p, out.append)
    masked = "".join(out)
    assert "A123456789" not in masked
    _psql(_pg_database(target), stdin=masked)
    _check_rows(_pg_rows(target))
    assert p.unmasked_numbers == {"ref_no": 2}


def test_copy_from_a_file_outside_the_dump_is_noted() -> None:
    p = policy()
    out: list[str] = []
    mask_dump(["\\copy people from 'people.csv' with csv header\n"], p, out.append)
    assert out == ["\\copy people from 'people.csv' with csv header\n"]
    assert any("people.csv" in note and "not masked" in note for note in p.notes)


def test_copy_options_old_and_new_syntax() -> None:
    assert copy_options(" WITH (FORMAT csv, HEADER true, DELIMITER ';', NULL 'x');") == CopyOptions(
        csv=True, header=True, delimiter=";", null="x"
    )
    assert copy_options(" WITH CSV HEADER QUOTE AS '''' ESCAPE '\\';") == CopyOptions(
        csv=True, header=True, delimiter=",", null="", quote="'", escape="\\"
    )
    assert copy_options(" WITH DELIMITER E'|' NULL AS '';") == CopyOptions(delimiter="|", null="")
    assert copy_options(" (FORMAT csv, HEADER false)") == CopyOptions(csv=True, delimiter=",", null="")


def test_csv_record_keeps_quoting_nulls_and_empty_strings() -> None:
    out: list[str] = []
    block = CopyBlock(["name", "note", "phone"], copy_options("(FORMAT csv)"), policy(), copy_field)
    for line in ['"王小明","a ""quoted""\n', 'note",\n', ',"",0912345678\n', "\\.\n"]:
        block.feed(line, out.append)
    assert out == ['"王○明","a ""quoted""\nnote",\n', ',"",0912-***-678\n', "\\.\n"]
    assert block.done


def test_text_copy_with_another_delimiter_keeps_escaped_delimiters() -> None:
    out: list[str] = []
    block = CopyBlock(["name", "note"], copy_options(" WITH DELIMITER '|'"), policy(), copy_field)
    block.feed("王小明|a\\|b 0912345678\n", out.append)
    assert out == ["王○明|a\\|b 0912-***-678\n"]
