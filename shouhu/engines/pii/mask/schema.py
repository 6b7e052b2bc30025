"""What a database holds, for choosing a masking method per column: tables with their row counts, and per
column its type, whether it is a key, and the personal-data category the scanner sees in a sample of it.

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


def describe(url: str, *, sample: int = SAMPLE_ROWS) -> list[TableInfo]:
    """The tables of ``url``'s default schema (the ones a masked copy copies), sorted by name."""
    import sqlalchemy as sa

    from ..db import read_only_engine

    engine = read_only_engine(url)
    try:
        meta = sa.MetaData()
        meta.reflect(bind=engine)
        out = []
        with engine.connect() as conn:
            for table in sorted(meta.sorted_tables, key=lambda t: t.name):
                keys = {c.name for c in table.primary_key.columns}
                for constraint in table.constraints:
                    if isinstance(constraint, sa.UniqueConstraint | sa.ForeignKeyConstraint):
                        keys.update(c.name for c in constraint.columns)
                rows = int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)
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
                out.append(TableInfo(table.name, rows, columns))
        return out
    finally:
        engine.dispose()


def _type_name(sa_type: Any) -> str:
    try:
        return str(sa_type.as_generic().__visit_name__).upper()
    except Exception:  # a dialect type without a generic form: its own name
        return type(sa_type).__name__.upper()
