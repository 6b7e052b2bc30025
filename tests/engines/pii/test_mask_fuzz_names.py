"""Fuzzing structured picks and column rules with any table and column names (quotes, dots, brackets, CJK, spaces,
SQL): a copy or a dump never fails on a name, never runs it as SQL, applies each pick exactly to its column, and
reports each pick that names no column."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import tempfile
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from shouhu.engines.pii import mask

KEY = b"k" * 32
RAW = "A123456789"


def _detected(column: str) -> str:
    """The third, unpicked column is masked as detection masks that cell under that column's name (usually
    ``A12****789``; a column called ``#`` or ``tracking`` holds serials, not IDs)."""
    return mask.mask_cell(RAW, column, mask.Policy(key=KEY))


UNMATCHED = "欄位規則「{}」沒有符合任何欄位"
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

name = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd"), max_codepoint=0x9FFF)
    | st.sampled_from(list(" .\"'`[];-*?,()\\%$#_=")),
    min_size=1,
    max_size=10,
).filter(lambda s: s == s.strip() and not s.lower().startswith("sqlite_"))
SQL_NAMES = st.sampled_from(
    ['x"; DROP TABLE canary; --', "a'); DELETE FROM canary; --", "`canary`", "[canary]"]
)
any_name = name | SQL_NAMES


def _distinct(names: list[str]) -> bool:
    return len({n.lower() for n in names}) == len(names)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _picks(table: str, columns: list[str], ghost: str) -> list[dict[str, Any]]:
    """Remove the first column, keep the second (in ``table``), and a pick naming a column that is not there."""
    return [
        {"table": table, "column": columns[0], "method": "remove"},
        {"table": table, "column": columns[1], "method": "keep"},
        {"column": ghost, "method": "keep"},
    ]


@FUZZ
@given(any_name, st.lists(any_name, min_size=3, max_size=3), any_name)
def test_database_copy_with_any_names(table: str, columns: list[str], ghost: str) -> None:
    assume(
        _distinct(columns) and table.lower() != "canary" and ghost.lower() not in {c.lower() for c in columns}
    )
    with tempfile.TemporaryDirectory() as folder:
        source, target = os.path.join(folder, "a.db"), os.path.join(folder, "b.db")
        db = sqlite3.connect(source)
        db.execute(f"CREATE TABLE {_quote(table)} ({', '.join(_quote(c) + ' TEXT' for c in columns)})")
        db.execute(f"INSERT INTO {_quote(table)} VALUES (?, ?, ?)", (RAW, RAW, RAW))  # noqa: S608
        db.commit()
        db.close()
        out = sqlite3.connect(target)
        out.execute("CREATE TABLE canary (n INTEGER)")
        out.execute("INSERT INTO canary VALUES (1)")
        out.commit()
        out.close()
        policy = mask.Policy(key=KEY)
        mask.mask_database(
            f"sqlite:///{source}", f"sqlite:///{target}", policy, columns=_picks(table, columns, ghost)
        )
        out = sqlite3.connect(target)
        names = [row[1] for row in out.execute(f"PRAGMA table_info({_quote(table)})")]
        copied = out.execute(f"SELECT * FROM {_quote(table)}").fetchall()  # noqa: S608
        canary = out.execute("SELECT n FROM canary").fetchall()
        out.close()
    assert names == columns
    assert copied == [(None, RAW, _detected(columns[2]))]  # removed, kept, masked by detection
    assert canary == [(1,)]  # no name ran as SQL
    notes = "\n".join(policy.all_notes())
    assert UNMATCHED.format(ghost) in notes
    assert UNMATCHED.format(f"{table}.{columns[0]}") not in notes
    assert UNMATCHED.format(f"{table}.{columns[1]}") not in notes


@FUZZ
@given(any_name, st.lists(any_name, min_size=3, max_size=3), any_name, st.booleans())
def test_sql_dump_with_any_quoted_names_masks_by_pick_and_still_loads(
    table: str, columns: list[str], ghost: str, column_list: bool
) -> None:
    assume(_distinct(columns) and ghost.lower() not in {c.lower() for c in columns})
    create = f"CREATE TABLE {_quote(table)} ({', '.join(_quote(c) + ' TEXT' for c in columns)});\n"
    cols = f" ({', '.join(_quote(c) for c in columns)})" if column_list else ""
    dump = create + f"INSERT INTO {_quote(table)}{cols} VALUES ('{RAW}', '{RAW}', '{RAW}');\n"  # noqa: S608
    with tempfile.TemporaryDirectory() as folder:
        source, target = os.path.join(folder, "in.sql"), os.path.join(folder, "out.sql")
        with open(source, "w", encoding="utf-8") as handle:
            handle.write(dump)
        policy = mask.Policy(key=KEY)
        mask.mask_file(source, target, policy, columns=_picks(table, columns, ghost))
        with open(target, encoding="utf-8") as handle:
            masked = handle.read()
    db = sqlite3.connect(":memory:")
    db.executescript(masked)
    assert db.execute(f"SELECT * FROM {_quote(table)}").fetchall() == [("", RAW, _detected(columns[2]))]  # noqa: S608
    notes = "\n".join(policy.all_notes())
    assert UNMATCHED.format(ghost) in notes
    assert UNMATCHED.format(f"{table}.{columns[0]}") not in notes


@FUZZ
@given(st.lists(any_name, min_size=3, max_size=3), any_name)
def test_csv_with_any_header_names_masks_by_pick(columns: list[str], ghost: str) -> None:
    assume(_distinct(columns) and ghost.lower() not in {c.lower() for c in columns})
    buffer = io.StringIO()
    csv.writer(buffer).writerows([columns, [RAW, RAW, RAW]])
    with tempfile.TemporaryDirectory() as folder:
        source, target = os.path.join(folder, "people.csv"), os.path.join(folder, "out.csv")
        with open(source, "w", encoding="utf-8", newline="") as handle:
            handle.write(buffer.getvalue())
        policy = mask.Policy(key=KEY)
        mask.mask_file(source, target, policy, columns=_picks("people", columns, ghost))
        with open(target, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    assert rows[1] == ["", RAW, _detected(columns[2])]
    assert UNMATCHED.format(ghost) in "\n".join(policy.all_notes())


# The same picks on PostgreSQL and MariaDB (fewer examples: each is a real copy between two databases).


@pytest.fixture(params=["postgresql", "mariadb"])
def server_pair(request: pytest.FixtureRequest) -> tuple[str, str, str]:
    fixture = "pg_pair" if request.param == "postgresql" else "my_pair"
    source, target = request.getfixturevalue(fixture)
    return request.param, source, target


def _empty(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    meta = sa.MetaData()
    meta.reflect(bind=engine)
    meta.drop_all(engine)
    engine.dispose()


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_database_copy_with_any_names_on_servers(
    server_pair: tuple[str, str, str], data: st.DataObject
) -> None:
    import sqlalchemy as sa

    kind, source, target = server_pair
    # MariaDB table names may not hold / \ . nor end in a space; PostgreSQL names are at most 63 bytes
    table_name = any_name.filter(lambda s: not any(c in s for c in "/\\.")) if kind == "mariadb" else any_name
    table = data.draw(table_name)
    columns = data.draw(st.lists(any_name, min_size=3, max_size=3).filter(_distinct))
    ghost = data.draw(any_name.filter(lambda s: s.lower() not in {c.lower() for c in columns}))
    assume(table.lower() != "canary")
    _empty(source)
    _empty(target)
    engine = sa.create_engine(source, poolclass=sa.pool.NullPool)
    meta = sa.MetaData()
    made = sa.Table(table, meta, *[sa.Column(c, sa.String(40)) for c in columns])
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(made.insert(), [dict.fromkeys(columns, RAW)])
    engine.dispose()
    out = sa.create_engine(target, poolclass=sa.pool.NullPool)  # nothing held if a step fails
    with out.begin() as conn:
        conn.execute(sa.text("CREATE TABLE canary (n INTEGER)"))
        conn.execute(sa.text("INSERT INTO canary VALUES (1)"))
    policy = mask.Policy(key=KEY)
    mask.mask_database(source, target, policy, columns=_picks(table, columns, ghost))
    quote = out.dialect.identifier_preparer.quote_identifier
    with out.connect() as conn:  # read back without reflection (SQLAlchemy misreads backticks in MySQL names)
        result = conn.exec_driver_sql(f"SELECT * FROM {quote(table)}")  # noqa: S608
        names, rows = list(result.keys()), [tuple(r) for r in result]
        canary = conn.execute(sa.text("SELECT n FROM canary")).all()
    out.dispose()
    assert names == columns
    assert rows == [(None, RAW, _detected(columns[2]))]
    assert [tuple(r) for r in canary] == [(1,)]
    assert UNMATCHED.format(ghost) in "\n".join(policy.all_notes())


def test_a_mariadb_column_named_with_a_backtick_is_copied(my_pair: tuple[str, str]) -> None:
    import sqlalchemy as sa

    source, target = my_pair
    engine = sa.create_engine(source, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (`a``b` VARCHAR(20), note VARCHAR(20), UNIQUE KEY u (`a``b`))")
        conn.exec_driver_sql("INSERT INTO t VALUES ('A123456789', 'x')")
    engine.dispose()
    policy = mask.Policy(key=KEY)
    mask.mask_database(source, target, policy, columns=[{"table": "t", "column": "a`b", "method": "keep"}])
    out = sa.create_engine(target, poolclass=sa.pool.NullPool)  # nothing held if a step fails
    with out.connect() as conn:
        result = conn.exec_driver_sql("SELECT * FROM t")
        names, rows = list(result.keys()), [tuple(r) for r in result]
    out.dispose()
    assert names == ["a`b", "note"]
    assert rows == [(RAW, "x")]
    assert policy.all_notes() == []
