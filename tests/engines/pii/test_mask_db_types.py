"""Database copies keep every column type (integer, numeric, date, timestamp, boolean, text, bytes, JSON) and
joins (keyed pseudonyms and hashes equal across tables) on SQLite, PostgreSQL and MariaDB; personal data inside
JSON values is masked, and binary values, which are copied as they are, are named in the notes."""

from __future__ import annotations

import datetime as dt
import decimal
import json
from pathlib import Path
from typing import Any

import pytest

from shouhu.engines.pii import mask
from shouhu.engines.pii.checksums import valid_national_id

KEY = b"k" * 32
RAW = ("王小明", "A123456789", "0912345678", "0912-345-678")
DOC = {
    "聯絡人": {"姓名": "王小明", "手機": "0912-345-678"},
    "tags": ["vip", "A123456789"],
    "n": 3,
    "ok": True,
}


@pytest.fixture(params=["sqlite", "postgresql", "mariadb"])
def pair(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'src.db'}", f"sqlite:///{tmp_path / 'dst.db'}"
    fixture = "pg_pair" if request.param == "postgresql" else "my_pair"
    return tuple(request.getfixturevalue(fixture))  # type: ignore[return-value]


def _fill(url: str) -> None:
    sa = pytest.importorskip("sqlalchemy")
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    people = sa.Table(
        "people",
        meta,
        sa.Column("email", sa.String(80), primary_key=True),
        sa.Column("national_id", sa.String(10)),
        sa.Column("visits", sa.Integer),
        sa.Column("balance", sa.Numeric(12, 2)),
        sa.Column("birthday", sa.Date),
        sa.Column("seen_at", sa.DateTime),
        sa.Column("active", sa.Boolean),
        sa.Column("note", sa.Text),
        sa.Column("photo", sa.LargeBinary),
        sa.Column("profile", sa.JSON),
    )
    orders = sa.Table(
        "orders",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(80), sa.ForeignKey("people.email")),
        sa.Column("national_id", sa.String(10)),
    )
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            people.insert(),
            [
                {
                    "email": "wang@example.com",
                    "national_id": "A123456789",
                    "visits": 12,
                    "balance": decimal.Decimal("1234.50"),
                    "birthday": dt.date(1980, 5, 17),
                    "seen_at": dt.datetime(2026, 3, 4, 5, 6, 7),  # noqa: DTZ001 - a naive timestamp column
                    "active": True,
                    "note": "王小明 手機 0912345678",
                    "photo": b"\x00\xffPNG",
                    "profile": DOC,
                },
            ],
        )
        conn.execute(orders.insert(), [{"id": 1, "email": "wang@example.com", "national_id": "A123456789"}])
    engine.dispose()


def test_copy_keeps_types_and_joins_and_masks_inside_json(pair: tuple[str, str]) -> None:
    sa = pytest.importorskip("sqlalchemy")
    source, target = pair
    _fill(source)
    policy = mask.Policy(key=KEY, methods={"tw_national_id": "pseudonym", "birth_date": "generalize"})
    mask.mask_database(source, target, policy)
    engine = sa.create_engine(target)
    meta = sa.MetaData()
    meta.reflect(bind=engine)
    with engine.connect() as conn:
        person: Any = conn.execute(sa.select(meta.tables["people"])).mappings().one()
        order: Any = conn.execute(sa.select(meta.tables["orders"])).mappings().one()
        raw_profile = conn.execute(sa.text("SELECT profile FROM people")).scalar_one()
    engine.dispose()

    assert person["visits"] == 12
    assert person["balance"] == decimal.Decimal("1234.50")
    assert person["birthday"] == dt.date(1980, 1, 1)  # generalised, still a date
    assert person["seen_at"] == dt.datetime(2026, 3, 4, 5, 6, 7)  # noqa: DTZ001
    assert person["active"] in (True, 1)
    assert bytes(person["photo"]) == b"\x00\xffPNG"
    profile = raw_profile if isinstance(raw_profile, dict) else json.loads(raw_profile)
    assert set(profile) == set(DOC)  # still a JSON object with the same keys and value types
    assert (profile["n"], profile["ok"], profile["tags"][0]) == (3, True, "vip")
    assert not any(raw in json.dumps(profile, ensure_ascii=False) for raw in RAW)
    assert not any(raw in person["note"] for raw in RAW)

    assert valid_national_id(person["national_id"])
    assert person["national_id"] != "A123456789"
    assert order["national_id"] == person["national_id"]  # keyed pseudonym: the join still matches
    assert (
        order["email"] == person["email"] != "wang@example.com"
    )  # keyed hash in a key: the FK still matches
    assert any("photo" in note and "binary" in note for note in policy.all_notes())
