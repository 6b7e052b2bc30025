"""SQL dumps written by the real dump tools (sqlite3 iterdump, pg_dump, mysqldump) are masked and
still load; database copies keep keys, indexes and defaults; integer identifiers are masked or reported."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from shouhu.engines.pii import mask
from shouhu.engines.pii.checksums import valid_national_id
from shouhu.engines.pii.mask.sqldump import DumpMasker, mask_copy_row, mask_insert
from tests.needs import missing

KEY = b"0123456789abcdef0123456789abcdef"
NOTE = "it's ok C:\\tmp\\new\nsecond line"
ROWS = [
    (1, "王小明", "A123456789", 912345678, dt.date(1980, 5, 17), NOTE, 9876543210),
    (2, "林美華", "F131104093", 922333444, dt.date(1991, 1, 2), "身分證 A123456789", 9876543211),
]
COLUMNS = "id, name, national_id, mobile, birthday, note, ref_no"


def policy(**kw: Any) -> mask.Policy:
    return mask.Policy(key=KEY, **kw)


def _check_rows(rows: list[tuple[Any, ...]]) -> None:
    """What every dialect's masked dump must load as."""
    assert [r[0] for r in rows] == [1, 2]
    assert [r[1] for r in rows] == ["王○明", "林○華"]
    assert [r[2] for r in rows] == ["A12****789", "F13****093"]
    for before, after in zip(ROWS, rows, strict=True):
        assert isinstance(after[3], int)  # a phone stored as a number stays a number …
        assert after[3] != before[3]  # … but not the same number
        assert len(str(after[3])) == 9
        assert str(after[3])[0] == "9"
    assert [str(r[4])[:10] for r in rows] == ["1980-01-01", "1991-01-01"]  # generalised, still a date
    assert rows[0][5] == NOTE  # quotes, backslashes and newlines survive untouched
    assert rows[1][5] == "身分證 A12****789"
    assert [r[6] for r in rows] == [9876543210, 9876543211]  # no rule, not recognised: kept (and reported)


def _mask_dump(text: str, p: mask.Policy | None = None) -> str:
    out: list[str] = []
    masker = DumpMasker(p or policy())
    for line in text.splitlines(keepends=True):
        masker.feed(line, out.append)
    masker.close(out.append)
    return "".join(out)


def test_sqlite_iterdump_is_masked_and_loads() -> None:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, national_id TEXT, mobile INTEGER, "
        "birthday DATE, note TEXT, ref_no INTEGER)"
    )
    db.executemany(
        "INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?)", [(*r[:4], r[4].isoformat(), *r[5:]) for r in ROWS]
    )
    dump = "\n".join(db.iterdump()) + "\n"
    p = policy()
    masked = _mask_dump(dump, p)
    out = sqlite3.connect(":memory:")
    out.executescript(masked)
    _check_rows(out.execute(f"SELECT {COLUMNS} FROM people ORDER BY id").fetchall())  # noqa: S608
    assert p.unmasked_numbers == {"ref_no": 2}


def _pg_database(url: str) -> str:
    return url.rsplit("/", 1)[1].split("?")[0]


def _pg_fill(url: str) -> None:
    sa = pytest.importorskip("sqlalchemy")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(20), national_id VARCHAR(10), "
            "mobile BIGINT, birthday DATE, note TEXT, ref_no BIGINT)"
        )
        conn.execute(
            sa.text(f"INSERT INTO people ({COLUMNS}) VALUES (:a, :b, :c, :d, :e, :f, :g)"),  # noqa: S608
            [dict(zip("abcdefg", r, strict=True)) for r in ROWS],
        )
    engine.dispose()


def _pg_rows(url: str) -> list[tuple[Any, ...]]:
    sa = pytest.importorskip("sqlalchemy")
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.exec_driver_sql(f"SELECT {COLUMNS} FROM people ORDER BY id")]  # noqa: S608
    engine.dispose()
    return rows


@pytest.mark.parametrize("options", [[], ["--inserts", "--rows-per-insert=2"], ["--column-inserts"]])
def test_pg_dump_is_masked_and_loads(pg_pair: tuple[str, str], tmp_path: Path, options: list[str]) -> None:
    if not shutil.which("pg_dump") or not shutil.which("psql"):
        missing("pg_dump/psql not installed")
    source, target = pg_pair
    _pg_fill(source)
    dump = subprocess.run(
        ["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--no-owner", *options, _pg_database(source)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ("COPY public.people" in dump) == (not options)
    (tmp_path / "in.sql").write_text(dump, encoding="utf-8")
    p = policy()
    mask.mask_file(str(tmp_path / "in.sql"), str(tmp_path / "out.sql"), p)
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-f", str(tmp_path / "out.sql"),
         _pg_database(target)],
        capture_output=True,
        text=True,
        check=True,
    )  # fmt: skip
    _check_rows(_pg_rows(target))
    assert p.unmasked_numbers == {"ref_no": 2}


def test_mysqldump_is_masked_and_loads(my_pair: tuple[str, str], tmp_path: Path) -> None:
    if not shutil.which("mysqldump") or not shutil.which("mysql"):
        missing("mysqldump/mysql not installed")
    source, target = my_pair
    _pg_fill(source)  # the same SQL works on MariaDB
    dump = subprocess.run(
        [
            "mysqldump",
            "-h",
            "127.0.0.1",
            "-u",
            "root",
            "--default-character-set=utf8mb4",
            _pg_database(source),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "INSERT INTO `people` VALUES\n(1," in dump  # MariaDB 10.11: a row per line, no column list
    (tmp_path / "in.sql").write_text(dump, encoding="utf-8")
    mask.mask_file(str(tmp_path / "in.sql"), str(tmp_path / "out.sql"), policy())
    with (tmp_path / "out.sql").open("rb") as handle:
        subprocess.run(
            [
                "mysql",
                "-h",
                "127.0.0.1",
                "-u",
                "root",
                "--default-character-set=utf8mb4",
                _pg_database(target),
            ],
            stdin=handle,
            capture_output=True,
            check=True,
        )
    _check_rows(_pg_rows(target))


def test_multi_line_insert_with_a_semicolon_inside_a_string() -> None:
    dump = (
        "INSERT INTO t (name, note) VALUES\n"
        "  ('王小明', 'a; b ''quoted''\n"
        "still the note 0912345678'),\n"
        "  ('林美華', 'x');\n"
        "SELECT 1;\n"
    )
    assert _mask_dump(dump) == (
        "INSERT INTO t (name, note) VALUES\n"
        "  ('王○明', 'a; b ''quoted''\n"
        "still the note 0912-***-678'),\n"
        "  ('林○華', 'x');\n"
        "SELECT 1;\n"
    )


def test_standard_conforming_strings_keep_backslashes_literal() -> None:
    dump = "SET standard_conforming_strings = on;\nINSERT INTO t (path, name) VALUES ('C:\\', '王小明');\n"
    assert _mask_dump(dump).splitlines()[1] == "INSERT INTO t (path, name) VALUES ('C:\\', '王○明');"


def test_copy_rows_keep_nulls_escapes_and_column_count() -> None:
    row = "1\t王小明\t\\N\tline\\tone\\nline two 0912345678\t1980-05-17\n"
    out = mask_copy_row(row, ["id", "name", "phone", "note", "birthday"], policy())
    assert out == "1\t王○明\t\\N\tline\\tone\\nline two 0912-***-678\t1980-01-01\n"


def test_insert_numbers_follow_column_rules_and_never_change_amounts() -> None:
    p = policy(columns=[mask.ColumnRule("score", "remove")])
    out = mask_insert("INSERT INTO t (score, amount, national_id) VALUES (7, 12.50, 'A123456789');", p)
    assert out == "INSERT INTO t (score, amount, national_id) VALUES (NULL, 12.50, 'A12****789');"


def test_integer_phone_in_a_phone_column_is_masked_as_a_number() -> None:
    from shouhu.engines.pii.mask.files import mask_any

    p = policy(methods={"mobile_phone": "pseudonym"})
    out = mask_any(912345678, "手機", p)
    assert isinstance(out, int)
    assert out != 912345678
    assert str(out).startswith("9")
    assert p.counts["mobile_phone"] == 1


# --- database copies: keys, indexes, defaults -----------------------------------------------------


def _fill_related(url: str) -> None:
    sa = pytest.importorskip("sqlalchemy")
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    parent = sa.Table(
        "parent",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("national_id", sa.String(16), unique=True),
        sa.Column("status", sa.String(10), server_default="active", nullable=False),
    )
    child = sa.Table(
        "child",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("parent.id", ondelete="CASCADE"), nullable=False),
        sa.Column("phone", sa.BigInteger),
        sa.Column("ref_no", sa.BigInteger),
        sa.Column("owner_name", sa.String(20)),
        sa.Index("ix_child_phone", "phone"),
    )
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            parent.insert(), [{"id": 1, "national_id": "A123456789"}, {"id": 2, "national_id": "F131104093"}]
        )
        conn.execute(
            child.insert(),
            [{"id": 10, "parent_id": 1, "phone": 912345678, "ref_no": 9876543210, "owner_name": "王小明"},
             {"id": 11, "parent_id": 2, "phone": 922333444, "ref_no": 9876543211, "owner_name": "王大明"}],
        )  # fmt: skip
    engine.dispose()


def _check_related(source: str, target: str) -> None:
    sa = pytest.importorskip("sqlalchemy")
    p = policy()
    mask.mask_database(source, target, p)
    engine = sa.create_engine(target)
    inspector = sa.inspect(engine)
    [fk] = inspector.get_foreign_keys("child")
    assert (fk["referred_table"], fk["constrained_columns"], fk["referred_columns"]) == (
        "parent",
        ["parent_id"],
        ["id"],
    )
    assert "ix_child_phone" in {i["name"] for i in inspector.get_indexes("child")}
    uniques = [u["column_names"] for u in inspector.get_unique_constraints("parent")]
    uniques += [i["column_names"] for i in inspector.get_indexes("parent") if i["unique"]]
    assert ["national_id"] in uniques
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")  # SQLite checks foreign keys only when asked
        parents = conn.exec_driver_sql("SELECT id, national_id, status FROM parent ORDER BY id").all()
        children = conn.exec_driver_sql("SELECT phone, ref_no FROM child ORDER BY id").all()
        conn.exec_driver_sql("INSERT INTO parent (id, national_id) VALUES (3, 'x')")
        assert (
            conn.exec_driver_sql("SELECT status FROM parent WHERE id = 3").scalar() == "active"
        )  # default copied
        with pytest.raises(sa.exc.IntegrityError), conn.begin_nested():  # the foreign key holds in the copy
            conn.exec_driver_sql("INSERT INTO child (id, parent_id) VALUES (99, 42)")
    engine.dispose()
    # a unique text key is hashed (one-to-one), not partially masked
    assert parents[0][1] not in ("A123456789", "A12****789")
    assert len({r[1] for r in parents}) == 2
    assert [r[0] for r in children] != [912345678, 922333444]
    assert [r[1] for r in children] == [9876543210, 9876543211]
    assert p.unmasked_numbers == {"child.ref_no": 2}


def test_sqlite_copy_keeps_keys_indexes_and_defaults(tmp_path: Path) -> None:
    source, target = f"sqlite:///{tmp_path / 's.db'}", f"sqlite:///{tmp_path / 't.db'}"
    _fill_related(source)
    _check_related(source, target)


def test_postgresql_copy_keeps_keys_indexes_and_defaults(pg_pair: tuple[str, str]) -> None:
    _fill_related(pg_pair[0])
    _check_related(*pg_pair)


def test_mariadb_copy_keeps_keys_indexes_and_defaults(my_pair: tuple[str, str]) -> None:
    _fill_related(my_pair[0])
    _check_related(*my_pair)


def test_cross_kind_copy_keeps_portable_defaults_and_notes_the_rest(
    pg_pair: tuple[str, str], tmp_path: Path
) -> None:
    sa = pytest.importorskip("sqlalchemy")
    engine = sa.create_engine(pg_pair[0])
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE t (id SERIAL PRIMARY KEY, status VARCHAR(10) DEFAULT 'new', "
            "token VARCHAR(40) DEFAULT md5(random()::text), national_id VARCHAR(10))"
        )
        conn.exec_driver_sql("INSERT INTO t (national_id) VALUES ('A123456789')")
    engine.dispose()
    p = policy(methods={"tw_national_id": "pseudonym"})
    target = f"sqlite:///{tmp_path / 'copy.db'}"
    mask.mask_database(pg_pair[0], target, p)
    out = sa.create_engine(target)
    with out.begin() as conn:
        [(nid,)] = conn.exec_driver_sql("SELECT national_id FROM t").all()
        conn.exec_driver_sql("INSERT INTO t (id) VALUES (2)")
        assert conn.exec_driver_sql("SELECT status FROM t WHERE id = 2").scalar() == "new"
    out.dispose()
    assert valid_national_id(nid)
    assert nid != "A123456789"
    assert [
        n for n in p.notes if "t.token" in n
    ]  # md5(random()) has no portable form: noted, not dropped silently


def test_a_negative_number_that_looks_like_a_card_stays_a_number() -> None:
    from shouhu.engines.pii.mask.files import mask_any

    out = mask_any(-6223305223187205.0, None, policy())  # Luhn-valid UnionPay digits with a sign
    assert isinstance(out, float)
    assert out < 0


def test_an_unterminated_literal_is_kept_as_written() -> None:
    statement = "INSERT INTO t (name, note) VALUES ('王小明', 'C:\\');\n"  # MySQL reads \' as a quote
    assert mask_insert(statement, policy()) == "INSERT INTO t (name, note) VALUES ('王○明', 'C:\\');\n"


# --- check constraints, expression indexes and sequences in database copies ----------------------


def _fill_checked(url: str) -> None:
    sa = pytest.importorskip("sqlalchemy")
    engine = sa.create_engine(url)
    serial = {"postgresql": "SERIAL", "mysql": "INTEGER AUTO_INCREMENT", "sqlite": "INTEGER"}[
        engine.dialect.name
    ]
    with engine.begin() as conn:
        conn.exec_driver_sql(
            f"CREATE TABLE account (id {serial} PRIMARY KEY, amount INTEGER CHECK (amount > 0), "
            "email VARCHAR(80), national_id VARCHAR(10), CONSTRAINT ck_level CHECK (amount < 1000000))"
        )
        if engine.dialect.name != "mysql":  # MariaDB has no expression indexes
            conn.exec_driver_sql("CREATE INDEX ix_account_email_lower ON account (lower(email))")
        conn.exec_driver_sql(
            "INSERT INTO account (id, amount, email, national_id) VALUES "
            "(1, 10, 'a@example.com', 'A123456789'), (7, 20, 'b@example.com', 'F131104093')"
        )
    engine.dispose()


def _check_checked(source: str, target: str) -> mask.Policy:
    sa = pytest.importorskip("sqlalchemy")
    p = policy()
    mask.mask_database(source, target, p)
    engine = sa.create_engine(target)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO account (amount) VALUES (5)")  # no key given: the next one
        new_id = conn.exec_driver_sql("SELECT id FROM account WHERE amount = 5").scalar()
        with pytest.raises(sa.exc.DBAPIError), conn.begin_nested():  # the column check holds in the copy
            conn.exec_driver_sql("INSERT INTO account (amount) VALUES (-1)")
        with pytest.raises(sa.exc.DBAPIError), conn.begin_nested():  # and the named table check
            conn.exec_driver_sql("INSERT INTO account (amount) VALUES (5000000)")
    engine.dispose()
    assert new_id == 8  # past the largest copied key (7), not 1 or 3
    return p


def test_sqlite_copy_keeps_checks_reports_expression_indexes_and_continues_keys(tmp_path: Path) -> None:
    source, target = f"sqlite:///{tmp_path / 's.db'}", f"sqlite:///{tmp_path / 't.db'}"
    _fill_checked(source)
    p = _check_checked(source, target)
    assert any("ix_account_email_lower" in n and "expression index" in n for n in p.notes)


def test_postgresql_copy_keeps_checks_reports_expression_indexes_and_sets_sequences(
    pg_pair: tuple[str, str],
) -> None:
    _fill_checked(pg_pair[0])
    p = _check_checked(*pg_pair)
    assert any("ix_account_email_lower (lower(email" in n for n in p.notes)  # with its expression


def test_mariadb_copy_keeps_column_and_table_checks_and_continues_keys(my_pair: tuple[str, str]) -> None:
    _fill_checked(my_pair[0])
    _check_checked(*my_pair)


def test_cross_kind_copy_keeps_portable_checks_and_reports_the_others(
    pg_pair: tuple[str, str], tmp_path: Path
) -> None:
    sa = pytest.importorskip("sqlalchemy")
    engine = sa.create_engine(pg_pair[0])
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE t (id SERIAL PRIMARY KEY, amount INTEGER CHECK (amount > 0), "
            "status VARCHAR(5) CONSTRAINT ck_status CHECK (status IN ('a', 'b')))"
        )
        conn.exec_driver_sql("INSERT INTO t (amount, status) VALUES (3, 'a')")
    engine.dispose()
    p = policy()
    target = f"sqlite:///{tmp_path / 'copy.db'}"
    mask.mask_database(pg_pair[0], target, p)
    out = sa.create_engine(target)
    with out.begin() as conn, pytest.raises(sa.exc.IntegrityError):
        conn.exec_driver_sql("INSERT INTO t (id, amount, status) VALUES (2, -1, 'a')")
    out.dispose()
    assert any("ck_status" in n and "not portable" in n for n in p.notes)  # PostgreSQL wrote it with ::text[]


def test_masked_values_that_break_a_copied_check_are_a_clear_error(tmp_path: Path) -> None:
    source, target = f"sqlite:///{tmp_path / 's.db'}", f"sqlite:///{tmp_path / 't.db'}"
    db = sqlite3.connect(tmp_path / "s.db")
    db.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT CHECK (length(name) <= 4))")
    db.execute("INSERT INTO person VALUES (1, '王小明')")
    db.commit()
    db.close()
    with pytest.raises(ValueError, match="person") as raised:
        mask.mask_database(source, target, policy(default="hash"))  # a 16-character token breaks the check
    assert "王小明" not in str(raised.value)
