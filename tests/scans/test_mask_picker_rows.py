"""The picker's row counts: the database's own estimate for big tables (PostgreSQL pg_class.reltuples,
MariaDB information_schema.TABLES.TABLE_ROWS), shown as 約 / about, instead of count(*); exact counts for
small tables, on SQLite, and on request."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from django.urls import reverse

from shouhu.accounts.models import User
from shouhu.engines.pii.mask import schema
from tests.engines.pii.conftest import _fresh_database
from tests.scans.test_mask_database import _source


def _people(url: str, rows: int) -> sa.Table:
    engine = sa.create_engine(url)
    table = sa.Table(
        "people",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(20)),
    )
    table.create(engine)
    _add(url, range(1, rows + 1))
    engine.dispose()
    return table


def _add(url: str, ids: range) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO people (id, name) VALUES (:id, :name)"),
            [{"id": i, "name": "王小明"} for i in ids],
        )
    engine.dispose()


def _analyze(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "ANALYZE people" if engine.dialect.name == "postgresql" else "ANALYZE TABLE people"
        )
    engine.dispose()


@pytest.fixture
def pg() -> Iterator[str]:
    yield from _fresh_database(
        "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
        "postgresql+psycopg://postgres@127.0.0.1:5432/{name}",
    )


@pytest.fixture
def maria() -> Iterator[str]:
    yield from _fresh_database(
        "mysql+pymysql://root@127.0.0.1:3306/", "mysql+pymysql://root@127.0.0.1:3306/{name}?charset=utf8mb4"
    )


def test_postgresql_big_tables_show_the_estimate_and_exact_counts_on_request(pg: str) -> None:
    _people(pg, 40)
    _analyze(pg)  # the estimate: 40
    _add(pg, range(41, 51))  # 50 rows now; the estimate still says 40 until the next ANALYZE
    [estimated] = schema.describe(pg, small=20)
    assert (estimated.rows, estimated.estimated) == (40, True)
    [exact] = schema.describe(pg, small=20, exact=True)
    assert (exact.rows, exact.estimated) == (50, False)
    [small] = schema.describe(pg)  # under SMALL_TABLE: counted
    assert (small.rows, small.estimated) == (50, False)


def test_postgresql_never_analysed_table_is_counted(pg: str) -> None:
    _people(pg, 30)
    [table] = schema.describe(pg, small=1)
    assert (table.rows, table.estimated) == (30, False)


def test_mariadb_big_tables_show_the_estimate(maria: str) -> None:
    _people(maria, 60)
    _analyze(maria)
    [estimated] = schema.describe(maria, small=10)
    assert estimated.estimated is True
    assert 10 <= estimated.rows <= 200  # InnoDB's estimate, near 60
    [exact] = schema.describe(maria, small=10, exact=True)
    assert (exact.rows, exact.estimated) == (60, False)


def test_sqlite_tables_are_counted(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    _people(url, 7)
    [table] = schema.describe(url, small=1)
    assert (table.rows, table.estimated) == (7, False)


@pytest.mark.django_db
def test_the_picker_says_about_for_an_estimate_in_both_languages_and_counts_on_request(
    admin: User, pg: str, login_as: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _people(pg, 40)
    _analyze(pg)
    _add(pg, range(41, 51))
    monkeypatch.setattr(schema, "SMALL_TABLE", 20)
    source = _source(admin, pg)
    client = login_as(admin)
    page = client.get(reverse("scans:mask_database", args=[source.pk]) + "?inspect=1").content.decode()
    assert "約 40 筆" in page
    assert "exact=1" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("scans:mask_database", args=[source.pk]) + "?inspect=1").content.decode()
    assert "about 40 rows" in page
    assert "the database&#x27;s own estimate" in page or "the database's own estimate" in page
    exact = client.get(
        reverse("scans:mask_database", args=[source.pk]) + "?inspect=1&exact=1"
    ).content.decode()
    assert "50 rows" in exact
    assert "about" not in exact.split('data-testid="rows-people"', 1)[1][:40]
