"""Removal in a masked database copy removes: NULL where the column allows it, the empty value of the
type in a NOT NULL text or number column, and a clear refusal for a NOT NULL date column — on SQLite,
PostgreSQL and MariaDB."""

from __future__ import annotations

import datetime as dt
import decimal
from pathlib import Path

import pytest

from shouhu.engines.pii import mask

sa = pytest.importorskip("sqlalchemy")
KEY = b"k" * 32
ROW = {
    "id": 1,
    "birthday": dt.date(1980, 5, 6),
    "born_at": dt.datetime(1981, 2, 3, 4, 5, 6),  # noqa: DTZ001 - a naive DATETIME column, as vendors have
    "phone": "0912345678",
    "mobile": 912345678,
    "balance": decimal.Decimal("12.50"),
}


def _fill(url: str, *, not_null: bool, dated: bool = True) -> None:
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    columns = [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("phone", sa.String(20), nullable=not not_null),
        sa.Column("mobile", sa.BigInteger, nullable=not not_null),
        sa.Column("balance", sa.Numeric(10, 2), nullable=not not_null),
    ]
    if dated:
        columns += [
            sa.Column("birthday", sa.Date, nullable=not not_null),
            sa.Column("born_at", sa.DateTime, nullable=not not_null),
        ]
    table = sa.Table("people", meta, *columns)
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(table.insert(), [{c.name: ROW[c.name] for c in columns}])
    engine.dispose()


def _row(url: str) -> dict[str, object]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return dict(conn.execute(sa.text("SELECT * FROM people")).mappings().one())
    finally:
        engine.dispose()


def _tables(url: str) -> list[str]:
    engine = sa.create_engine(url)
    try:
        return sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql", "mariadb"])
def pair(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    fixture = "pg_pair" if request.param == "postgresql" else "my_pair"
    return request.getfixturevalue(fixture)  # type: ignore[no-any-return]


RULES = [mask.ColumnRule(name, "remove") for name in ("birthday", "born_at", "phone", "mobile", "balance")]


@pytest.mark.parametrize(
    "policy",
    [
        mask.Policy(key=KEY, columns=RULES),
        mask.Policy(key=KEY, methods={"birth_date": "remove", "mobile_phone": "remove"}, default="remove"),
    ],
    ids=["column rules", "category defaults"],
)
def test_removed_values_are_null_where_the_column_allows(pair: tuple[str, str], policy: mask.Policy) -> None:
    src, dst = pair
    _fill(src, not_null=False)
    mask.mask_database(src, dst, policy)
    row = _row(dst)
    assert row["id"] == 1
    assert {k: row[k] for k in ("birthday", "phone", "mobile")} == dict.fromkeys(
        ("birthday", "phone", "mobile")
    )
    if policy.columns:  # a category default removes only what is recognised (born_at is not, by name)
        assert row["born_at"] is None
        assert row["balance"] is None


def test_removed_values_in_not_null_text_and_number_columns_are_empty_and_zero(pair: tuple[str, str]) -> None:
    src, dst = pair
    _fill(src, not_null=True, dated=False)
    mask.mask_database(src, dst, mask.Policy(key=KEY, columns=RULES, methods={"mobile_phone": "remove"}))
    row = _row(dst)
    assert row["phone"] == ""
    assert row["mobile"] == 0
    assert row["balance"] == 0


def test_remove_rule_on_a_not_null_date_is_refused_before_anything_is_created(pair: tuple[str, str]) -> None:
    src, dst = pair
    _fill(src, not_null=True)
    with pytest.raises(ValueError, match=r"people\.birthday is NOT NULL and holds dates") as caught:
        mask.mask_database(src, dst, mask.Policy(key=KEY, columns=RULES))
    assert "不可為空（NOT NULL）" in str(caught.value)
    assert _tables(dst) == []


def test_removal_by_category_reaching_a_not_null_date_stops_clearly_and_drops_the_copy(
    pair: tuple[str, str],
) -> None:
    src, dst = pair
    _fill(src, not_null=True)
    with pytest.raises(ValueError, match=r"cannot be removed: choose generalize") as caught:
        mask.mask_database(src, dst, mask.Policy(key=KEY, methods={"birth_date": "remove"}))
    assert "the tables this run created were dropped" in str(caught.value)
    assert _tables(dst) == []
