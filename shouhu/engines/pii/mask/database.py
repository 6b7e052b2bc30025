"""A masked copy of database tables (SQLAlchemy): same tables, keys, indexes and defaults, masked values.

The copy keeps each table's columns with their generic types and lengths, the primary key, unique
constraints, indexes on plain columns and foreign keys between copied tables (SQLAlchemy
reflection; tables a copied table refers to are copied too). Column defaults are copied as written
when source and target are the same kind of database; across kinds only portable defaults are
(quoted text, numbers, ``CURRENT_TIMESTAMP``), and every default left out is listed in
``policy.notes``. Sequence defaults (``nextval``) are not copied: the target makes its own
auto-increment key, and on PostgreSQL its sequence is set past the largest copied key so new rows
get new keys. Check constraints are copied (across kinds only when written portably; the others are
listed in ``policy.notes``, as are expression indexes, which are never copied).

Deterministic methods (pseudonym, hash) map a value alike in every table, so joins still match.
Text in key columns (primary key, unique, foreign key) is masked with the keyed hash unless a column
rule says otherwise: partial masking is not one-to-one (王小明 and 王大明 both become 王○明), which
would break uniqueness and joins in the copy.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..readers.cells import cell_text
from ..recognizers.cells import batch_hints
from ..recognizers.keywords import column_hints
from .core import Policy, column_rules
from .files import BATCH_ROWS, mask_any

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


_QUOTED_NAME = re.compile(r"[`\"](\w+)[`\"]")
_NOT_PORTABLE = re.compile(r"::|~~|\bARRAY\b|\bANY\b|\[|\bREGEXP\b|\bSIMILAR\b", re.I)


def _portable_check(clause: str) -> str | None:
    """A check written so every database reads it (identifiers unquoted), or ``None`` when it uses a
    dialect's own syntax (casts, arrays, ``~~``, regular expressions)."""
    if _NOT_PORTABLE.search(clause):
        return None
    return _QUOTED_NAME.sub(r"\1", clause)


def _checks(src: Any, meta: Any) -> dict[str, list[tuple[str | None, str]]]:
    """Check constraints per table: reflected ones, plus on MariaDB the column-level checks that
    SQLAlchemy's reflection leaves out (read from information_schema)."""
    from sqlalchemy import CheckConstraint, text

    out: dict[str, list[tuple[str | None, str]]] = {}
    for table in meta.sorted_tables:
        out[table.name] = [
            (str(c.name) if c.name else None, str(c.sqltext))
            for c in table.constraints
            if isinstance(c, CheckConstraint)
        ]
    if src.dialect.name != "mysql":
        return out
    query = text(
        "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
        "WHERE CONSTRAINT_SCHEMA = DATABASE()"
    )
    try:
        with src.connect() as conn:
            rows = conn.execute(query).all()
    except Exception:  # MySQL has no TABLE_NAME there; its reflection already sees every check
        return out
    for table_name, name, clause in rows:
        known = out.get(table_name)
        if known is not None and name not in {n for n, _ in known}:
            known.append((name, clause))
    return out


def _skipped_indexes(caught: list[Any], notes: list[str]) -> None:
    """SQLAlchemy skips some expression indexes when reflecting (SQLite), with a warning: say so."""
    for warning in caught:
        message = str(warning.message)
        if "expression-based index" in message:
            name = message.rsplit(" ", 1)[-1]
            notes.append(
                f"運算式索引未複製，請於副本自行建立 / expression index not copied, create it in the copy by hand: {name}"
            )
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


def _advance_sequences(dst: Any, copy: Any) -> None:
    """PostgreSQL: set each serial/identity column's sequence past the largest copied value, so rows
    added to the copy get new keys (MariaDB's AUTO_INCREMENT and SQLite's rowid do this themselves)."""
    from sqlalchemy import func, select, text

    if dst.dialect.name != "postgresql":
        return
    quote = dst.dialect.identifier_preparer.quote
    with dst.begin() as conn:
        for column in copy.columns:
            if not column.primary_key:
                continue
            sequence = conn.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": quote(copy.name), "c": column.name}
            ).scalar()
            if sequence:
                largest = func.coalesce(func.max(copy.c[column.name]), 0) + 1
                conn.execute(select(func.setval(sequence, largest, False)))


def _mysql_column_name(inspector: Any, table: Any, column: dict[str, Any]) -> None:
    """SQLAlchemy reads MySQL/MariaDB column names from ``SHOW CREATE TABLE`` without undoubling a backtick
    in them (a column named ```` ` ```` comes back as two), so the copy would name a column that is not there."""
    column["name"] = column["name"].replace("``", "`")


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
        by_place=policy.by_place,
        rows=policy.rows,
        matched=policy.matched,  # a rule applied to a key column did match (not "matched no column")
    )


def _build_copies(
    meta: Any,
    out_meta: Any,
    same_kind: bool,
    notes: list[str],
    checks: dict[str, list[tuple[str | None, str]]],
) -> list[tuple[Any, Any]]:
    from sqlalchemy import (
        CheckConstraint,
        Column,
        ForeignKeyConstraint,
        Index,
        String,
        Table,
        Text,
        UniqueConstraint,
        text,
    )

    copied = {t.name for t in meta.sorted_tables}
    copies = []
    for table in meta.sorted_tables:
        columns = []
        for col in table.columns:
            generic = col.type.as_generic() if hasattr(col.type, "as_generic") else col.type
            if type(generic) is String and generic.length is None:
                generic = Text()  # MariaDB's LONGTEXT (and JSON) comes back as a String without a length
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
        for name, clause in checks.get(table.name, []):
            portable = clause if same_kind else _portable_check(clause)
            if portable is None:
                notes.append(
                    f"{table.name}：檢查條件未複製（寫法不通用）/ check constraint not copied (not portable): "
                    f"{name or ''} CHECK ({clause[:120]})"
                )
                continue
            extras.append(CheckConstraint(text(portable), name=name))
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
                written = ", ".join(str(e) for e in index.expressions)[:120]
                notes.append(
                    f"{table.name}：運算式索引未複製，請於副本自行建立 / expression index not copied, create it "
                    f"in the copy by hand: {index.name} ({written})"
                )
                continue
            Index(index.name, *[copy.c[n] for n in names], unique=bool(index.unique))
        copies.append((table, copy))
    return copies


def _emptied(value: Any, nullable: bool, place: str) -> Any:
    """What a removed value becomes: NULL where the column allows it; in a NOT NULL column the empty
    value of its type (empty text, 0); a NOT NULL date or time column cannot be emptied (refused)."""
    if nullable:
        return None
    if isinstance(value, str | bytes):
        return value[:0]
    if isinstance(value, int | float | decimal.Decimal):
        return type(value)(0)
    if isinstance(value, dict | list):
        return type(value)()
    raise ValueError(_not_removable(place))


def _not_removable(place: str, *, midway: bool = True) -> str:
    zh, en = (
        ("；本次建立的資料表已刪除", "; the tables this run created were dropped") if midway else ("", "")
    )
    return (
        f"欄位 {place} 不可為空（NOT NULL）且為日期或時間型別，無法刪除其值：請改用 generalize（只留年份）或 keep{zh}"
        f" / column {place} is NOT NULL and holds dates or times, so its values cannot be removed: choose "
        f"generalize (year only) or keep for it{en}"
    )


def _refuse_unremovable(meta: Any, policy: Policy) -> None:
    """Refuse, before anything is created, a ``remove`` column rule on a NOT NULL date or time column."""
    for table in meta.sorted_tables:
        for col in table.columns:
            try:
                kind = col.type.python_type
            except NotImplementedError:
                continue
            if col.nullable or not issubclass(kind, dt.date | dt.time):
                continue
            policy.place, policy.table = f"{table.name}.{col.name}", table.name
            try:
                rule = policy.rule_for(col.name)
            finally:
                policy.place = policy.table = ""
            if rule is not None and rule.method == "remove":
                raise ValueError(_not_removable(f"{table.name}.{col.name}", midway=False))


def _copy_rows(
    src: Any, dst: Any, table: Any, copy: Any, policy: Policy, keys: Policy, row_progress: Any = None
) -> None:
    """Copy one table's rows with masked values, in batches; ``policy.place`` names each cell's column."""
    from sqlalchemy import insert, select
    from sqlalchemy.exc import IntegrityError

    lengths = {c.name: getattr(c.type, "length", None) for c in copy.columns}
    key_columns = _key_columns(table)
    places = {c.name: f"{table.name}.{c.name}" for c in copy.columns}

    nullable = {c.name for c in copy.columns if c.nullable}
    binary: set[str] = set()
    policy.table = keys.table = table.name

    def cell(name: str, value: Any, hints: frozenset[str]) -> Any:
        rule = keys if name in key_columns else policy
        policy.place = keys.place = places[name]
        if value is None:
            return None
        if isinstance(value, bytes | memoryview) and rule.rule_for(name) is None:
            binary.add(places[name])  # no recognizer reads binary data: copied as it is, and said so
        chosen = rule.rule_for(name)
        if chosen is not None and chosen.method == "remove" and not isinstance(value, str):
            category = chosen.category or "text"  # a date or number has no text to cut: emptied at once
            policy.counts[category] += 1
            policy.by_place[(places[name], category, "remove")] += 1
            return _emptied(value, name in nullable, places[name])
        masked = _fit(mask_any(value, name, rule, hints), lengths.get(name))
        if masked is None or (masked == "" and isinstance(value, str) and value != ""):
            return _emptied(value, name in nullable, places[name])  # removed (or nothing left of it)
        return masked

    names = [c.name for c in table.columns]
    named = [column_hints(n) for n in names]

    def _batch_hints(rows: Sequence[Any]) -> dict[str, frozenset[str]]:
        cells = [(None, [cell_text(row.get(n)) for n in names]) for row in rows]
        return dict(zip(names, batch_hints(named, cells, len(names)), strict=True))

    with src.connect() as read, dst.begin() as write:
        result = read.execution_options(stream_results=True).execute(select(table))
        while rows := result.mappings().fetchmany(BATCH):
            batch = []
            # what each column holds is decided as the scanner does, on batches of the scanner's size
            for start in range(0, len(rows), BATCH_ROWS):
                part = rows[start : start + BATCH_ROWS]
                hints = _batch_hints(part)
                batch += [
                    {name: cell(name, value, hints[name]) for name, value in row.items()} for row in part
                ]
            try:
                write.execute(insert(copy), batch)
            except IntegrityError:  # the driver's message may quote the values: not shown
                raise ValueError(
                    f"{table.name}：遮罩後的值不符合副本的限制（檢查條件、唯一或外鍵），請為相關欄位指定 "
                    "欄位規則（如 keep 或 hash）後重來；本次建立的資料表已刪除 / masked values break a "
                    f"constraint of the copy of {table.name} (check, unique or foreign key): give the "
                    "columns a column rule (keep or hash, say) and run again; the tables this run created "
                    "were dropped"
                ) from None
            policy.rows[table.name] += len(batch)
            if row_progress is not None:
                row_progress(table.name, policy.rows[table.name])
    _note_hashed_keys(policy, key_columns, places)
    for place in sorted(binary):
        policy.notes.append(
            f"{place}：二進位值未檢查、原樣複製；若含個資請為該欄指定規則（如 remove） / {place}: binary values "
            "were not inspected and were copied as they are; if they may hold personal data, give the column a "
            "rule (remove, say)"
        )
    policy.place = keys.place = policy.table = keys.table = ""


def _note_hashed_keys(policy: Policy, key_columns: set[str], places: Mapping[str, str]) -> None:
    """Say where a key column was hashed although the run asked another method for what it holds (a
    pseudonym or a partial mask may give two values one result and break the key)."""
    for name in sorted(key_columns):
        place = places.get(name)
        if place is None or policy.rule_for(name) is not None:
            continue
        asked = sorted(
            {
                f"{category}={policy.method_for(category)}"
                for (where, category, method), count in policy.by_place.items()
                if where == place
                and method == "hash"
                and count
                and policy.method_for(category) not in ("hash", "keep")
            }
        )
        if asked:
            policy.notes.append(
                f"{place}：鍵欄位（主鍵、唯一或外鍵）以金鑰雜湊遮罩，未用 {', '.join(asked)}，以保持唯一與關聯；"
                f"要用其他方式請為此欄指定欄位規則 / {place}: a key column (primary, unique or foreign key) was "
                f"masked with the keyed hash instead of {', '.join(asked)} so that it stays unique and joins "
                "hold; give the column a rule to choose another method"
            )


def mask_database(
    source_url: str,
    target_url: str,
    policy: Policy,
    *,
    tables: list[str] | None = None,
    progress: Any = None,
    row_progress: Any = None,
    created: Any = None,
    columns: Iterable[Mapping[str, Any]] | None = None,
) -> dict[str, int]:
    """Copy ``tables`` (default: all) from ``source_url`` into ``target_url`` with masked values.

    ``columns`` are structured picks (``{table, column, method, category}``, see :func:`.core.column_rules`),
    added to ``policy.columns`` (``ValueError`` naming a bad pick, before anything is read).

    The source is read through read-only sessions. Refuses to write into a database that already has a
    table of the same name (nothing is overwritten); when the copy fails midway, the tables it created
    are dropped again. ``progress(done_tables, total_tables, table_name)`` is called after each table,
    ``row_progress(table_name, rows_copied_so_far)`` after each batch of rows, ``created(table_names)``
    just before the tables are created (so a caller can drop them if this process dies midway).
    Integer columns with identifier-length values that nothing masked are counted in
    ``policy.unmasked_numbers`` as ``table.column``; schema parts not copied in ``policy.notes``; values
    replaced per column in ``policy.by_place`` and rows per table in ``policy.rows``.
    """
    from sqlalchemy import MetaData, event, inspect

    from ..db import read_only_engine, writable_engine

    if source_url == target_url:
        raise ValueError("目的資料庫不可與來源相同 / the target must differ from the source")
    if columns is not None:
        policy.columns = [*policy.columns, *column_rules(columns)]
    src = read_only_engine(source_url)
    dst = writable_engine(target_url)
    try:
        if tables:
            missing = sorted(set(tables) - set(inspect(src).get_table_names()))
            if missing:
                raise ValueError(f"來源沒有這些資料表 / the source has no such tables: {', '.join(missing)}")
        meta = MetaData()
        if src.dialect.name == "mysql":
            event.listen(meta, "column_reflect", _mysql_column_name)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            meta.reflect(bind=src, only=tables)
        _skipped_indexes(caught, policy.notes)
        _refuse_unremovable(meta, policy)
        existing = set(inspect(dst).get_table_names())
        clash = sorted(t.name for t in meta.sorted_tables if t.name in existing)
        if clash:
            raise ValueError(f"目的資料庫已有同名資料表 / target already has tables: {', '.join(clash)}")
        out_meta = MetaData()
        same_kind = src.dialect.name == dst.dialect.name
        copies = _build_copies(meta, out_meta, same_kind, policy.notes, _checks(src, meta))
        made: list[Any] = []
        try:
            for copy in out_meta.sorted_tables:  # one by one, so a failure drops exactly what was made
                if created is not None:
                    created([t.name for t in made] + [copy.name])
                copy.create(dst, checkfirst=False)  # a table that appeared since the check is an error
                made.append(copy)
            _copy_all(src, dst, copies, policy, progress, row_progress)
        except BaseException:
            out_meta.drop_all(dst, tables=made, checkfirst=False)  # only the tables this run created
            raise
    finally:
        src.dispose()
        dst.dispose()
    return dict(policy.counts)


def _copy_all(
    src: Any, dst: Any, copies: list[tuple[Any, Any]], policy: Policy, progress: Any, row_progress: Any
) -> None:
    keys = _key_policy(policy)
    total = len(copies)
    for done, (table, copy) in enumerate(copies, start=1):
        overall, here = policy.unmasked_numbers, Counter[str]()
        policy.unmasked_numbers = keys.unmasked_numbers = here
        try:
            _copy_rows(src, dst, table, copy, policy, keys, row_progress)
        finally:
            policy.unmasked_numbers = keys.unmasked_numbers = overall
        _advance_sequences(dst, copy)
        for column, count in here.items():
            overall[f"{table.name}.{column}"] += count
        if progress is not None:
            progress(done, total, table.name)
