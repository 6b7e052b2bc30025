"""Fixtures shared by the PII engine tests: fresh PostgreSQL and MariaDB databases, dropped after."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.needs import missing


def _fresh_database(admin_url: str, make_url: str) -> Iterator[str]:
    sa = pytest.importorskip("sqlalchemy")
    name = f"mask_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    except Exception as exc:
        engine.dispose()
        missing(f"database server unreachable: {type(exc).__name__}")
    try:
        yield make_url.format(name=name)
    finally:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE {name}")
        engine.dispose()


PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_MAKE = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
MY_ADMIN = "mysql+pymysql://root@127.0.0.1:3306/"
MY_MAKE = "mysql+pymysql://root@127.0.0.1:3306/{name}?charset=utf8mb4"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database of this test's own: a scan of a shared one also meets other tests' tables,
    created and dropped while it runs."""
    yield from _fresh_database(PG_ADMIN, PG_MAKE)


@pytest.fixture
def my_url() -> Iterator[str]:
    """A fresh MariaDB database of this test's own (see ``pg_url``)."""
    yield from _fresh_database(MY_ADMIN, MY_MAKE)


@pytest.fixture
def pg_pair() -> Iterator[tuple[str, str]]:
    for src in _fresh_database(PG_ADMIN, PG_MAKE):
        for dst in _fresh_database(PG_ADMIN, PG_MAKE):
            yield src, dst


@pytest.fixture
def my_pair() -> Iterator[tuple[str, str]]:
    for src in _fresh_database(MY_ADMIN, MY_MAKE):
        for dst in _fresh_database(MY_ADMIN, MY_MAKE):
            yield src, dst
