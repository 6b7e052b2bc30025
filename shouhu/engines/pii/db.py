"""Databases through SQLAlchemy: PostgreSQL (psycopg), MySQL/MariaDB (pymysql), SQLite.

Connections are read-only (session-level READ ONLY transactions; SQLite ``mode=ro``). The URL
password is never printed: every message uses :func:`mask_url` and driver messages are scrubbed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .engine import Recorder, detect_cells
from .findings import ScanResult, Skipped, SourceStats
from .options import ScanOptions
from .parallel import Progress, run_tasks
from .readers.cells import cell_text
from .recognizers.keywords import column_hints

SYSTEM_SCHEMAS = frozenset(
    {"information_schema", "pg_catalog", "pg_toast", "mysql", "performance_schema", "sys"}
)
_URL_PASSWORD = re.compile(r"(://[^:/@]*:)([^@]*)(@)")


class DatabaseError(Exception):
    """A database could not be reached or read; the message is safe to print (no password)."""


def mask_url(url: str) -> str:
    """Return ``url`` with its password replaced by ``***``."""
    return _URL_PASSWORD.sub(r"\1***\3", url)


def _scrub(message: str, url: str) -> str:
    text = message.splitlines()[0] if message else ""
    m = _URL_PASSWORD.search(url)
    if m and m.group(2):
        text = text.replace(m.group(2), "***")
    return mask_url(text)[:300]


def is_database_url(target: str) -> bool:
    """Return whether ``target`` looks like an SQLAlchemy URL rather than a path."""
    return bool(re.match(r"^[a-z][a-z0-9+]*://", target)) and not target.startswith("file://")


def _engine(url: str) -> Any:
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            parsed = parsed.set(
                database=f"file:{database}", query={**parsed.query, "mode": "ro", "uri": "true"}
            )
        return sa.create_engine(parsed, poolclass=sa.pool.NullPool)
    engine = sa.create_engine(parsed, poolclass=sa.pool.NullPool)
    statement = {
        "postgresql": "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
        "mysql": "SET SESSION TRANSACTION READ ONLY",
        "mariadb": "SET SESSION TRANSACTION READ ONLY",
    }.get(backend)
    if statement:

        def read_only(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute(statement)
            cursor.close()
            dbapi_connection.commit()

        sa.event.listen(engine, "connect", read_only)
    return engine


@dataclass(frozen=True, slots=True)
class TableRef:
    """A table to scan: schema (``None`` = default), name, and integer primary-key columns."""

    schema: str | None
    name: str
    key_columns: tuple[str, ...]

    @property
    def label(self) -> str:
        """``schema.table`` or ``table``."""
        return f"{self.schema}.{self.name}" if self.schema else self.name


def list_tables(url: str) -> list[TableRef]:
    """Enumerate user tables of every non-system schema."""
    import sqlalchemy as sa

    try:
        engine = _engine(url)
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            default = inspector.default_schema_name
            schemas = [s for s in inspector.get_schema_names() if s not in SYSTEM_SCHEMAS]
            tables: list[TableRef] = []
            for schema in sorted(schemas):
                for name in sorted(inspector.get_table_names(schema=schema)):
                    pk = inspector.get_pk_constraint(name, schema=schema).get("constrained_columns") or []
                    columns = {c["name"]: c["type"] for c in inspector.get_columns(name, schema=schema)}
                    integer = all(_is_integer(columns.get(c)) for c in pk)
                    ref_schema = None if schema == default else schema
                    tables.append(TableRef(ref_schema, name, tuple(pk) if pk and integer else ()))
        engine.dispose()
    except Exception as exc:
        raise DatabaseError(
            f"無法連線或讀取資料庫 {mask_url(url)} / cannot connect to or read the database: "
            f"{type(exc).__name__}: {_scrub(str(exc), url)}"
        ) from None
    return tables


def _is_integer(sa_type: Any) -> bool:
    import sqlalchemy as sa

    return sa_type is not None and isinstance(sa_type, sa.Integer)


def scan_table_chunk(
    url: str,
    table: TableRef,
    offset: int,
    limit: int | None,
    key: bytes,
    opts: ScanOptions,
) -> ScanResult:
    """Scan ``limit`` rows (all when ``None``) of one table from ``offset`` in primary-key order."""
    import sqlalchemy as sa

    source = f"{mask_url(url)}#{table.label}"
    result = ScanResult()
    rec = Recorder(key=key, source=source, id_policy=opts.id_policy)
    rows_read = 0
    try:
        engine = _engine(url)
        with engine.connect() as conn:
            meta = sa.MetaData()
            reflected = sa.Table(table.name, meta, schema=table.schema, autoload_with=conn)
            names = [c.name for c in reflected.columns]
            hints = [column_hints(n) for n in names]
            query = sa.select(reflected)
            if table.key_columns:  # chunks need a stable order; other tables are read in one go
                query = query.order_by(*(reflected.c[k] for k in table.key_columns)).offset(offset)
            if limit is not None:
                query = query.limit(limit)
            batch: list[tuple[str, list[str]]] = []
            for row in conn.execution_options(stream_results=True).execute(query):
                rows_read += 1
                if table.key_columns:
                    row_key = ",".join(f"{k}={row._mapping[k]}" for k in table.key_columns)
                else:
                    row_key = f"#{offset + rows_read}"
                batch.append((row_key, [cell_text(v) for v in row]))
                if len(batch) >= opts.batch_rows:
                    result.findings.extend(_batch_findings(batch, names, hints, rec, table, opts))
                    batch = []
            result.findings.extend(_batch_findings(batch, names, hints, rec, table, opts))
        engine.dispose()
    except Exception as exc:
        reason = f"讀取資料表失敗 / cannot read table: {type(exc).__name__}: {_scrub(str(exc), url)}"
        result.skipped.append(Skipped(source, reason))
    result.stats.append(SourceStats(f"{source}@{offset}", 0, rows_read))
    return result


def _batch_findings(
    batch: list[tuple[str, list[str]]],
    names: list[str],
    hints: list[frozenset[str]],
    rec: Recorder,
    table: TableRef,
    opts: ScanOptions,
) -> Iterator[Any]:
    cells: list[str] = []
    cell_hints: list[frozenset[str]] = []
    where: list[tuple[str, str]] = []
    for row_key, values in batch:
        for index, value in enumerate(values):
            if value:
                cells.append(value)
                cell_hints.append(hints[index])
                where.append((row_key, names[index]))
    for idx, m in detect_cells(cells, cell_hints, min_confidence=opts.min_confidence):
        row_key, column = where[idx]
        yield rec.finding(m, table=table.label, column=column, key=row_key)


def _row_count(url: str, table: TableRef) -> int:
    import sqlalchemy as sa

    engine = _engine(url)
    with engine.connect() as conn:
        reflected = sa.Table(table.name, sa.MetaData(), schema=table.schema, autoload_with=conn)
        count = conn.execute(sa.select(sa.func.count()).select_from(reflected)).scalar_one()
    engine.dispose()
    return int(count)


def scan_database(
    url: str,
    *,
    key: bytes,
    sample: int | None = 1000,
    options: ScanOptions | None = None,
    workers: int = 1,
    dask_address: str | None = None,
    progress: Progress | None = None,
    chunk_rows: int = 50_000,
) -> ScanResult:
    """Scan every table of a database: the first ``sample`` rows of each, or all rows (``None``).

    Full scans of tables with an integer primary key are split into chunks of ``chunk_rows`` so
    workers share big tables. Raises :class:`DatabaseError` when the database is unreachable.
    """
    opts = options or ScanOptions()
    tables = list_tables(url)
    tasks: list[tuple[Any, ...]] = []
    for table in tables:
        if sample is not None:
            tasks.append((url, table, 0, sample, key, opts))
            continue
        count = _row_count(url, table) if table.key_columns else 0
        if count > chunk_rows:
            for offset in range(0, count, chunk_rows):
                tasks.append((url, table, offset, chunk_rows, key, opts))
        else:
            tasks.append((url, table, 0, None, key, opts))
    result = ScanResult()
    for part in run_tasks(
        scan_table_chunk, tasks, workers=workers, dask_address=dask_address, progress=progress
    ):
        result.extend(part)
    result.sort()
    return result
