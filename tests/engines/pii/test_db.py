"""Database scanning against SQLite, the local PostgreSQL and the local MariaDB."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from shouhu.engines.pii import DatabaseError, scan_database
from shouhu.engines.pii.db import mask_url

KEY = b"k"
ROWS = [
    (1, "王小明", "A123456789", "0912345678", "台北市大安區信義路三段134巷5弄7號"),
    (2, "林美華", "F131104093", "0922-333-444", "高雄市前鎮區中山二路2號"),
    (3, "無資料", "", "", ""),
]


def _expected(table: str) -> list[tuple[str, str, str, str]]:
    return [
        (table, "姓名", "id=1", "person_name"),
        (table, "身分證字號", "id=1", "tw_national_id"),
        (table, "phone", "id=1", "mobile_phone"),
        (table, "address", "id=1", "address"),
        (table, "姓名", "id=2", "person_name"),
        (table, "身分證字號", "id=2", "tw_national_id"),
        (table, "phone", "id=2", "mobile_phone"),
        (table, "address", "id=2", "address"),
        (table, "姓名", "id=3", "person_name"),
    ]


def _rows(result: object) -> list[tuple[str, str, str, str]]:
    findings = sorted(
        result.findings, key=lambda f: (f.key, ["姓名", "身分證字號", "phone", "address"].index(f.column))
    )  # type: ignore[attr-defined]
    return [(f.table, f.column, f.key, f.category) for f in findings]


def _fill(conn: object, table: str, quote: str) -> None:
    q = quote
    conn.exec_driver_sql(  # type: ignore[attr-defined]
        f"CREATE TABLE {q}{table}{q} (id INTEGER PRIMARY KEY, {q}姓名{q} VARCHAR(40), "
        f"{q}身分證字號{q} VARCHAR(20), phone VARCHAR(20), address VARCHAR(100))"
    )
    insert = f"INSERT INTO {q}{table}{q} VALUES (%s, %s, %s, %s, %s)"  # noqa: S608 - test-owned table name
    for row in ROWS:
        conn.exec_driver_sql(insert, row)  # type: ignore[attr-defined]


def test_sqlite_columns_classified_by_name_and_value(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE people (id INTEGER PRIMARY KEY, 姓名 TEXT, 身分證字號 TEXT, phone TEXT, address TEXT)"
    )
    conn.executemany("INSERT INTO people VALUES (?, ?, ?, ?, ?)", ROWS)
    conn.commit()
    conn.close()
    result = scan_database(f"sqlite:///{path}", key=KEY, sample=10)
    assert _rows(result) == _expected("people")


def test_sqlite_connection_is_read_only(tmp_path: Path) -> None:
    from shouhu.engines.pii.db import _engine

    path = tmp_path / "ro.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x TEXT)").connection.commit()
    engine = _engine(f"sqlite:///{path}")
    with engine.connect() as conn, pytest.raises(Exception, match="readonly"):
        conn.exec_driver_sql("INSERT INTO t VALUES ('a')")


def test_sample_limits_rows_per_table(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(i, f"u{i}@example.com") for i in range(1, 51)])
    conn.commit()
    conn.close()
    assert len(scan_database(f"sqlite:///{path}", key=KEY, sample=5).findings) == 5


def test_full_scan_in_chunks_equals_single_chunk(tmp_path: Path) -> None:
    path = tmp_path / "f.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(i, f"u{i}@example.com") for i in range(1, 101)])
    conn.commit()
    conn.close()
    url = f"sqlite:///{path}"
    whole = scan_database(url, key=KEY, sample=None)
    chunked = scan_database(url, key=KEY, sample=None, chunk_rows=30)
    assert (len(whole.findings), whole.findings) == (100, chunked.findings)


def test_unreachable_database_raises_message_without_password() -> None:
    url = "postgresql+psycopg://user:s3cretpw@127.0.0.1:1/none"
    with pytest.raises(DatabaseError) as info:
        scan_database(url, key=KEY)
    assert "s3cretpw" not in str(info.value)
    assert str(info.value).startswith("無法連線或讀取資料庫 postgresql+psycopg://user:***@127.0.0.1:1/none")


def test_mask_url_hides_password() -> None:
    assert mask_url("mysql+pymysql://root:pw@db:3306/x") == "mysql+pymysql://root:***@db:3306/x"


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("postgresql://u@db/x?password=S3cr", "postgresql://u@db/x?password=***"),
        ("postgresql://u@db/x?sslmode=require&PASSWD=S3cr", "postgresql://u@db/x?sslmode=require&PASSWD=***"),
        ("mysql+pymysql://u@db/x?pwd=S3cr;charset=utf8mb4", "mysql+pymysql://u@db/x?pwd=***;charset=utf8mb4"),
        (
            "postgresql://u@db/x?sslpassword=S3cr&sslkey=S3cr.key",
            "postgresql://u@db/x?sslpassword=***&sslkey=***",
        ),
        ("postgresql://u@db/x?token=S3cr&api_key=S3cr", "postgresql://u@db/x?token=***&api_key=***"),
        ("postgresql://u@db/x?pass%77ord=S3cr", "postgresql://u@db/x?pass%77ord=***"),
        ("postgresql://u@db/x?options=-c%20password%3DS3cr", "postgresql://u@db/x?options=***"),
        ("postgresql://u:S3cr@db/x?password=S3cr", "postgresql://u:***@db/x?password=***"),
        ("postgresql://u:S3@cr/x@db/x", "postgresql://u:***@db/x"),
        (
            "連線 postgresql://u:S3cr@db/x 失敗 password=S3cr",
            "連線 postgresql://u:***@db/x 失敗 password=***",
        ),
    ],
)
def test_mask_url_hides_every_credential_form(url: str, masked: str) -> None:
    assert mask_url(url) == masked
    assert "S3cr" not in mask_url(url)


def test_mask_url_keeps_urls_without_credentials() -> None:
    url = "postgresql+psycopg://scanner@db.example:5432/crm?sslmode=require&application_name=shouhu"
    assert mask_url(url) == url


def test_unreachable_database_message_hides_query_password() -> None:
    url = "postgresql+psycopg://user@127.0.0.1:1/none?password=s3cretpw&sslpassword=k3ypass"
    with pytest.raises(DatabaseError) as info:
        scan_database(url, key=KEY)
    assert "s3cretpw" not in str(info.value)
    assert "k3ypass" not in str(info.value)
    assert "password=***" in str(info.value)


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[object]:
    sa = pytest.importorskip("sqlalchemy")
    engine = sa.create_engine(pg_url)
    yield engine
    engine.dispose()


@pytest.fixture
def my_engine(my_url: str) -> Iterator[object]:
    sa = pytest.importorskip("sqlalchemy")
    engine = sa.create_engine(my_url)
    yield engine
    engine.dispose()


def test_postgresql_table_scan(pg_url: str, pg_engine: object) -> None:
    table = f"pii_test_{uuid.uuid4().hex[:8]}"
    with pg_engine.begin() as conn:  # type: ignore[attr-defined]
        _fill(conn, table, '"')
    result = scan_database(pg_url, key=KEY, sample=100)
    assert _rows(result) == _expected(table)


def test_postgresql_session_is_read_only(pg_url: str) -> None:
    from shouhu.engines.pii.db import _engine

    engine = _engine(pg_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SHOW transaction_read_only").scalar() == "on"
    engine.dispose()


@pytest.fixture
def my_scan_url(my_url: str, my_engine: object) -> Iterator[str]:
    """A MariaDB account that sees only this test's database: a scan reads every database its account can see
    (a schema is a database there), so as root it also met other tests' databases, dropped while it ran."""
    user = f"scan_{uuid.uuid4().hex[:10]}"
    database = my_url.rsplit("/", 1)[1].split("?")[0]
    with my_engine.begin() as conn:  # type: ignore[attr-defined]
        conn.exec_driver_sql(f"CREATE USER '{user}'@'%%'")
        conn.exec_driver_sql(f"GRANT ALL ON `{database}`.* TO '{user}'@'%%'")
    try:
        yield my_url.replace("//root@", f"//{user}@", 1)
    finally:
        with my_engine.begin() as conn:  # type: ignore[attr-defined]
            conn.exec_driver_sql(f"DROP USER '{user}'@'%%'")


def test_mariadb_table_scan(my_scan_url: str, my_engine: object) -> None:
    table = f"pii_test_{uuid.uuid4().hex[:8]}"
    with my_engine.begin() as conn:  # type: ignore[attr-defined]
        _fill(conn, table, "`")
    result = scan_database(my_scan_url, key=KEY, sample=100)
    assert _rows(result) == _expected(
        table
    )  # the account sees only the test's database: nothing else is found


def test_mariadb_session_is_read_only(my_url: str) -> None:
    from shouhu.engines.pii.db import _engine

    engine = _engine(my_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT @@session.tx_read_only").scalar() == 1
    engine.dispose()


def test_summary_classifies_columns_from_their_values(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, c1 TEXT, c2 TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?)", [(1, "0912345678", "x"), (2, "0922333444", "a@b.com")])
    conn.commit()
    conn.close()
    url = f"sqlite:///{path}"
    summary = scan_database(url, key=KEY).summary()
    assert summary.per_column == {
        f"{url}#t | t | c1": {"mobile_phone": 2},
        f"{url}#t | t | c2": {"email": 1},
    }


def test_postgresql_table_without_key_and_json_first_column(pg_url: str, pg_engine: object) -> None:
    table = f"pii_test_{uuid.uuid4().hex[:8]}"
    with pg_engine.begin() as conn:  # type: ignore[attr-defined]
        conn.exec_driver_sql(f'CREATE TABLE "{table}" (doc JSONB, email TEXT)')
        conn.exec_driver_sql(f"""INSERT INTO "{table}" VALUES ('{{"a": 1}}', 'z@example.com')""")  # noqa: S608
    result = scan_database(pg_url, key=KEY, sample=10)
    mine = [(f.column, f.key, f.category) for f in result.findings if f.table == table]
    assert (mine, result.skipped) == ([("email", "#1", "email")], [])
