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


@pytest.fixture
def pg_pair() -> Iterator[tuple[str, str]]:
    admin = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    make = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    for src in _fresh_database(admin, make):
        for dst in _fresh_database(admin, make):
            yield src, dst


@pytest.fixture
def my_pair() -> Iterator[tuple[str, str]]:
    admin = "mysql+pymysql://root@127.0.0.1:3306/"
    make = "mysql+pymysql://root@127.0.0.1:3306/{name}?charset=utf8mb4"
    for src in _fresh_database(admin, make):
        for dst in _fresh_database(admin, make):
            yield src, dst
