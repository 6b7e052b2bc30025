"""What a database holds, for choosing a masking method per column: tables with their row counts, and per
column its type, whether it is a key, and the personal-data category the scanner sees in a sample of it.

Row counts come from the database's own estimate where it keeps one (PostgreSQL ``pg_class.reltuples``,
MariaDB/MySQL ``information_schema.TABLES.TABLE_ROWS``), since ``count(*)`` reads a whole big table; a
table the estimate calls small (under :data:`SMALL_TABLE` rows, or with no estimate) is counted exactly,
and so is every table when ``exact`` is asked for. SQLite keeps no estimate: its tables are counted.

Read through a read-only session; nothing is written and no value leaves this module (only categories).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..engine import detect
from ..normalize import fold_width
from ..recognizers.cells import whole_cell
from ..recognizers.keywords import column_hints

#: Rows read per table to see what each column holds.
SAMPLE_ROWS = 50
#: Tables the database estimates below this many rows are counted exactly (cheap enough).
SMALL_TABLE = 100_000


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    name: str
    type: str
    key: bool
    #: The category found most often in the sample (``""``: none found).
    category: str


@dataclass(frozen=True, slots=True)
class TableInfo:
    name: str
    rows: int
    columns: tuple[ColumnInfo, ...]
    #: ``rows`` is the database's estimate, not a count.
    estimated: bool = False


def estimates(conn: Any) -> dict[str, int]:
    """The database's own row estimate per table of the default schema (``{}`` where it keeps none)."""
    import sqlalchemy as sa

    dialect = conn.dialect.name
    if dialect == "postgresql":
        query = sa.text(
            "SELECT c.relname, c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
        )
    elif dialect in ("mysql", "mariadb"):
        query = sa.text(
            "SELECT TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES "
            "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'"
        )
    else:
        return {}
    # never analysed: PostgreSQL says -1 (0 before version 14), MariaDB NULL — no estimate
    return {str(name): int(rows) for name, rows in conn.execute(query).all() if rows is not None and rows > 0}


def sample_category(column: str, values: list[Any]) -> str:
    """The category the scanner finds most often in ``values`` of ``column`` (``""``: none)."""
    hints = column_hints(column)
    found: Counter[str] = Counter()
    for value in values:
        if value is None or isinstance(value, bytes | bytearray):
            continue
        text = fold_width(str(value))
        whole = whole_cell(text, hints) if hints else None
        if whole is not None:
            found[whole.category] += 1
            continue
        for match in detect(text, hints):
            found[match.category] += 1
    return found.most_common(1)[0][0] if found else ""


def describe(
    url: str, *, sample: int = SAMPLE_ROWS, exact: bool = False, small: int | None = None
) -> list[TableInfo]:
    """The tables of ``url``'s default schema (the ones a masked copy copies), sorted by name; row counts
    estimated for tables the database estimates at ``small`` (default :data:`SMALL_TABLE`) rows or more,
    unless ``exact`` (see the module)."""
    small = SMALL_TABLE if small is None else small
    import sqlalchemy as sa

    from ..db import read_only_engine

    engine = read_only_engine(url)
    try:
        meta = sa.MetaData()
        meta.reflect(bind=engine)
        out = []
        with engine.connect() as conn:
            guessed = {} if exact else estimates(conn)
            for table in sorted(meta.sorted_tables, key=lambda t: t.name):
                keys = {c.name for c in table.primary_key.columns}
                for constraint in table.constraints:
                    if isinstance(constraint, sa.UniqueConstraint | sa.ForeignKeyConstraint):
                        keys.update(c.name for c in constraint.columns)
                estimated = guessed.get(table.name, 0) >= small
                rows = (
                    guessed[table.name]
                    if estimated
                    else int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)
                )
                picked = conn.execute(sa.select(table).limit(sample)).mappings().all()
                columns = tuple(
                    ColumnInfo(
                        name=col.name,
                        type=_type_name(col.type),
                        key=col.name in keys,
                        category=sample_category(col.name, [row[col.name] for row in picked]),
                    )
                    for col in table.columns
                )
                out.append(TableInfo(table.name, rows, columns, estimated))
        return out
    finally:
        engine.dispose()


def _type_name(sa_type: Any) -> str:
    try:
        return str(sa_type.as_generic().__visit_name__).upper()
    except Exception:  # a dialect type without a generic form: its own name
        return type(sa_type).__name__.upper()
