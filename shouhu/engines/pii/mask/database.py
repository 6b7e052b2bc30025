"""A masked copy of database tables (SQLAlchemy): same tables, keys, indexes and defaults, masked values.

The copy keeps each table's columns with their generic types and lengths, the primary key, unique
constraints, indexes on plain columns and foreign keys between copied tables (SQLAlchemy
reflection; tables a copied table refers to are copied too). Column defaults are copied as written
when source and target are the same kind of database; across kinds only portable defaults are
(quoted text, numbers, ``CURRENT_TIMESTAMP``), and every default left out is listed in
``policy.notes``. Sequence defaults (``nextval``) are not copied: the target makes its own
auto-increment key.

Deterministic methods (pseudonym, hash) map a value alike in every table, so joins still match.
Text in key columns (primary key, unique, foreign key) is masked with the keyed hash unless a column
rule says otherwise: partial masking is not one-to-one (王小明 and 王大明 both become 王○明), which
would break uniqueness and joins in the copy.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .core import Policy
from .files import mask_any

BATCH = 1000
_PORTABLE_DEFAULT = re.compile(r"'(?:[^']|'')*'|-?[0-9]+(?:\.[0-9]+)?")
_NOW = re.compile(r"(?i)current_timestamp(?:\(\))?|now\(\)")


def _fit(value: Any, length: int | None) -> Any:
    """Keep a masked string within the column's length (separators go first, then the tail)."""
    if not isinstance(value, str) or length is None or len(value) <= length:
        return value
    compact = value.replace("-", "").replace(" ", "")
    return compact[:length]


def _default(col: Any, same_kind: bool, where: str, notes: list[str]) -> Any:
    """The server default to give the copied column (``None``: none), noting what is left out."""
    from sqlalchemy import text

    server = col.server_default
    if server is None or not hasattr(server, "arg"):
        return None
    written = str(getattr(server.arg, "text", server.arg)).strip()
    if "nextval(" in written.lower():
        return None  # the target's own auto-increment replaces the source's sequence
    if same_kind:
        return text(written)
    bare = re.sub(r"::[\w ]+(?:\[\])?$", "", written).strip()
    while bare.startswith("(") and bare.endswith(")"):
        bare = bare[1:-1].strip()
    if _PORTABLE_DEFAULT.fullmatch(bare):
        return text(bare)
    if _NOW.fullmatch(bare):
        return text("CURRENT_TIMESTAMP")
    notes.append(f"{where}：預設值未複製 / default not copied: {written[:80]}")
    return None


def _key_columns(table: Any) -> set[str]:
    from sqlalchemy import UniqueConstraint

    names = {c.name for c in table.primary_key.columns}
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            names.update(c.name for c in constraint.columns)
    for index in table.indexes:
        if index.unique:
            names.update(c.name for c in index.columns)
    for fk in table.foreign_key_constraints:
        names.update(fk.column_keys)
    return names


def _key_policy(policy: Policy) -> Policy:
    """The policy for text in key columns: every category hashed (one-to-one, deterministic)."""

    def swap(method: str) -> str:
        return method if method in ("keep", "hash") else "hash"

    return Policy(
        key=policy.key,
        methods={c: swap(m) for c, m in policy.methods.items()},
        default=swap(policy.default),
        columns=policy.columns,  # an explicit column rule still wins
        min_confidence=policy.min_confidence,
        counts=policy.counts,
        unmasked_numbers=policy.unmasked_numbers,
    )


def _build_copies(meta: Any, out_meta: Any, same_kind: bool, notes: list[str]) -> list[tuple[Any, Any]]:
    from sqlalchemy import Column, ForeignKeyConstraint, Index, Table, UniqueConstraint

    copied = {t.name for t in meta.sorted_tables}
    copies = []
    for table in meta.sorted_tables:
        columns = []
        for col in table.columns:
            generic = col.type.as_generic() if hasattr(col.type, "as_generic") else col.type
            columns.append(
                Column(
                    col.name,
                    generic,
                    primary_key=col.primary_key,
                    nullable=col.nullable,
                    server_default=_default(col, same_kind, f"{table.name}.{col.name}", notes),
                )
            )
        extras: list[Any] = []
        for constraint in table.constraints:
            if isinstance(constraint, UniqueConstraint) and constraint.columns:
                extras.append(UniqueConstraint(*[c.name for c in constraint.columns], name=constraint.name))
        for fk in table.foreign_key_constraints:
            referred = fk.referred_table.name
            if referred not in copied:
                notes.append(
                    f"{table.name}：外鍵指向未複製的資料表 / foreign key to a table not copied: {referred}"
                )
                continue
            extras.append(
                ForeignKeyConstraint(
                    list(fk.column_keys),
                    [f"{referred}.{element.column.name}" for element in fk.elements],
                    name=fk.name,
                    ondelete=fk.ondelete,
                    onupdate=fk.onupdate,
                )
            )
        copy = Table(table.name, out_meta, *columns, *extras)
        for index in table.indexes:
            names = [c.name for c in index.columns]
            if not index.name or not names or len(names) != len(index.expressions):
                notes.append(
                    f"{table.name}：索引未複製（運算式索引）/ index not copied (expression): {index.name}"
                )
                continue
            Index(index.name, *[copy.c[n] for n in names], unique=bool(index.unique))
        copies.append((table, copy))
    return copies


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
    Integer columns with identifier-length values that nothing masked are counted in
    ``policy.unmasked_numbers`` as ``table.column``; schema parts not copied in ``policy.notes``.
    """
    from sqlalchemy import MetaData, create_engine, insert, inspect, select

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
        copies = _build_copies(meta, out_meta, src.dialect.name == dst.dialect.name, policy.notes)
        out_meta.create_all(dst)
        keys = _key_policy(policy)
        total = len(copies)
        for done, (table, copy) in enumerate(copies, start=1):
            lengths = {c.name: getattr(c.type, "length", None) for c in copy.columns}
            key_columns = _key_columns(table)
            overall, here = policy.unmasked_numbers, Counter[str]()
            policy.unmasked_numbers = keys.unmasked_numbers = here
            with src.connect() as read, dst.begin() as write:
                result = read.execution_options(stream_results=True).execute(select(table))
                while rows := result.mappings().fetchmany(BATCH):
                    batch = [
                        {
                            name: _fit(
                                mask_any(value, name, keys if name in key_columns else policy),
                                lengths.get(name),
                            )
                            for name, value in row.items()
                        }
                        for row in rows
                    ]
                    write.execute(insert(copy), batch)
            policy.unmasked_numbers = keys.unmasked_numbers = overall
            for column, count in here.items():
                overall[f"{table.name}.{column}"] += count
            if progress is not None:
                progress(done, total, table.name)
    finally:
        src.dispose()
        dst.dispose()
    return dict(policy.counts)
