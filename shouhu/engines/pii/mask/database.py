"""A masked copy of database tables (SQLAlchemy): same tables, generic column types, masked values.

The copy keeps each table's columns, their generic types and lengths, and its primary key; foreign
keys, indexes and defaults are not copied (the copy is for testing and analysis, filled once).
Deterministic methods (pseudonym, hash) map a value alike in every table, so joins still match.
"""

from __future__ import annotations

from typing import Any

from .core import Policy
from .files import mask_any

BATCH = 1000


def _fit(value: Any, length: int | None) -> Any:
    """Keep a masked string within the column's length (separators go first, then the tail)."""
    if not isinstance(value, str) or length is None or len(value) <= length:
        return value
    compact = value.replace("-", "").replace(" ", "")
    return compact[:length]


def mask_database(
    source_url: str,
    target_url: str,
    policy: Policy,
    *,
    tables: list[str] | None = None,
    progress: Any = None,
) -> dict[str, int]:
    """Copy ``tables`` (default: all) from ``source_url`` into ``target_url`` with masked values.

    Refuses to write into a database that already has a table of the same name (nothing is
    overwritten). ``progress(done_tables, total_tables, table_name)`` is called after each table.
    """
    from sqlalchemy import Column, MetaData, Table, create_engine, insert, inspect, select

    if source_url == target_url:
        raise ValueError("目的資料庫不可與來源相同 / the target must differ from the source")
    src = create_engine(source_url)
    dst = create_engine(target_url)
    try:
        meta = MetaData()
        meta.reflect(bind=src, only=tables)
        existing = set(inspect(dst).get_table_names())
        clash = sorted(t.name for t in meta.sorted_tables if t.name in existing)
        if clash:
            raise ValueError(f"目的資料庫已有同名資料表 / target already has tables: {', '.join(clash)}")
        out_meta = MetaData()
        copies = []
        for table in meta.sorted_tables:
            columns = []
            for col in table.columns:
                generic = col.type.as_generic() if hasattr(col.type, "as_generic") else col.type
                columns.append(Column(col.name, generic, primary_key=col.primary_key, nullable=col.nullable))
            copies.append((table, Table(table.name, out_meta, *columns)))
        out_meta.create_all(dst)
        total = len(copies)
        for done, (table, copy) in enumerate(copies, start=1):
            lengths = {c.name: getattr(c.type, "length", None) for c in copy.columns}
            with src.connect() as read, dst.begin() as write:
                result = read.execution_options(stream_results=True).execute(select(table))
                while rows := result.mappings().fetchmany(BATCH):
                    batch = [
                        {
                            name: _fit(mask_any(value, name, policy), lengths.get(name))
                            for name, value in row.items()
                        }
                        for row in rows
                    ]
                    write.execute(insert(copy), batch)
            if progress is not None:
                progress(done, total, table.name)
    finally:
        src.dispose()
        dst.dispose()
    return dict(policy.counts)
