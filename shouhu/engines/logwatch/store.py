"""The analytical event store: Parquet files partitioned by source and month, queried with DuckDB (the
embedded default), or a PostgreSQL table partitioned by month.

Both take a read's rows through a ``Writer`` (``write(rows, countries)`` then ``commit()``), keyed by a
batch name: writing the same batch again replaces it, so a read that is retried never doubles events.
SQL is built only from constant column lists and a checked table name; every value is a bound
parameter (hence the S608 exemptions). Time buckets are computed in integer milliseconds with Taiwan's fixed UTC+8 (no DST since 1979), so the
same SQL serves both engines.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import duckdb

from .events import COLUMN_NAMES, COLUMNS, Row
from .workcal import DAY_MS, TAIWAN_OFFSET_MS

STORED = (*COLUMNS, ("country", "VARCHAR"))
STORED_NAMES = tuple(name for name, _ in STORED)
_BATCH = re.compile(r"^[A-Za-z0-9_-]{1,80}$")
FLUSH_ROWS = 500_000


def month_of(ts_ms: int) -> str:
    day = dt.date(1970, 1, 1) + dt.timedelta(days=(ts_ms + TAIWAN_OFFSET_MS) // DAY_MS)
    return f"{day.year:04d}-{day.month:02d}"


def month_bounds(month: str) -> tuple[int, int]:
    """UTC ms bounds [start, end) of a Taiwan calendar month "YYYY-MM"."""
    year, mon = int(month[:4]), int(month[5:7])
    start = dt.date(year, mon, 1)
    end = dt.date(year + (mon == 12), mon % 12 + 1, 1)
    epoch = dt.date(1970, 1, 1)
    return ((start - epoch).days * DAY_MS - TAIWAN_OFFSET_MS, (end - epoch).days * DAY_MS - TAIWAN_OFFSET_MS)


def _tsv(stream: Any) -> Any:
    return csv.writer(
        stream, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar=None, quotechar=None, lineterminator="\n"
    )


def _clean(value: object) -> object:
    if isinstance(value, str) and ("\t" in value or "\n" in value or "\r" in value):
        return value.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return value


def _check_batch(batch: str) -> str:
    if not _BATCH.match(batch):
        raise ValueError("batch names are letters, digits, '-' and '_'")
    return batch


@dataclass(frozen=True)
class DayVolume:
    day: dt.date
    events: int
    bytes: int
    accounts: int


class Writer(Protocol):
    def write(self, rows: list[Row], countries: list[str]) -> None: ...

    def commit(self) -> int: ...

    def abort(self) -> None: ...


class Store(Protocol):
    def writer(self, source_id: int, batch: str) -> Writer: ...

    def count(self, source_id: int | None = None) -> int: ...

    def daily(self, source_id: int, start_ms: int, end_ms: int) -> list[DayVolume]: ...

    def events(
        self,
        source_id: int,
        *,
        start_ms: int,
        end_ms: int,
        subject: str = "",
        lines: tuple[int, ...] = (),
        limit: int = 200,
    ) -> list[dict[str, Any]]: ...

    def delete_source(self, source_id: int) -> None: ...


def _where(subject: str, lines: tuple[int, ...], mark: str) -> tuple[str, list[Any]]:
    sql, params = "", []
    if subject:
        sql += f" AND (account = {mark} OR ip = {mark})"
        params += [subject, subject]
    params_lines: list[Any] = list(lines)
    if lines:
        sql += " AND line IN (" + ", ".join([mark] * len(lines)) + ")"
        params += params_lines
    return sql, params


# --- DuckDB over Parquet ---------------------------------------------------------------------------


class ParquetWriter:
    """Rows go to a tab-separated spool file; every ``FLUSH_ROWS`` rows DuckDB turns the spool into one
    Parquet part per month in a staging folder. ``commit`` moves the parts into place (a rename each)."""

    def __init__(self, store: ParquetStore, source_id: int, batch: str) -> None:
        self.store, self.source_id, self.batch = store, int(source_id), _check_batch(batch)
        self.staging = Path(tempfile.mkdtemp(prefix=f"{batch}-", dir=store.tmp))
        self.parts = 0
        self.rows = 0
        self._spool_path = self.staging / "spool.tsv"
        self._spool = self._spool_path.open("w", encoding="utf-8", newline="\n")
        self._csv = _tsv(self._spool)
        self._pending = 0

    def write(self, rows: list[Row], countries: list[str]) -> None:
        records = [(*row, country) for row, country in zip(rows, countries, strict=True)]
        position = self._spool.tell()
        try:
            self._csv.writerows(records)  # C loop; refuses a field holding a tab or a line break
        except csv.Error:
            self._spool.seek(position)
            self._spool.truncate()
            self._csv.writerows(tuple(_clean(v) for v in record) for record in records)
        self._pending += len(rows)
        self.rows += len(rows)
        if self._pending >= FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        self._spool.close()
        if self._pending:
            columns = ", ".join(f"'{name}': '{kind}'" for name, kind in STORED)
            part = f"{self.batch}-p{self.parts:04d}"
            with self.store.connect() as con:
                con.execute(
                    f"""COPY (SELECT *, strftime(make_timestamp((ts_ms + {TAIWAN_OFFSET_MS}) * 1000), '%Y-%m') AS month
                        FROM read_csv(?, delim='\t', quote='', escape='', header=false, auto_detect=false,
                                      new_line='\\n', columns={{{columns}}}))
                        TO '{self.staging / "out"}' (FORMAT parquet, PARTITION_BY (month), FILENAME_PATTERN '{part}_{{i}}',
                        OVERWRITE_OR_IGNORE, COMPRESSION zstd, COMPRESSION_LEVEL 1)""",  # noqa: S608
                    [str(self._spool_path)],
                )
            self.parts += 1
        self._pending = 0
        self._spool = self._spool_path.open("w", encoding="utf-8", newline="\n")
        self._csv = _tsv(self._spool)

    def commit(self) -> int:
        self._flush()
        self._spool.close()
        target = self.store.source_dir(self.source_id)
        for old in target.glob(f"month=*/{self.batch}-p*.parquet"):
            old.unlink()  # the same batch written before: replaced, never doubled
        out = self.staging / "out"
        if out.exists():
            for part in sorted(out.glob("month=*/*.parquet")):
                folder = target / part.parent.name
                folder.mkdir(parents=True, exist_ok=True)
                part.replace(folder / part.name)
        shutil.rmtree(self.staging, ignore_errors=True)
        return self.rows

    def abort(self) -> None:
        self._spool.close()
        shutil.rmtree(self.staging, ignore_errors=True)


class ParquetStore:
    def __init__(
        self, root: str | os.PathLike[str], *, threads: int = 1, memory_limit: str = "256MB"
    ) -> None:
        self.root = Path(root)
        self.tmp = self.root / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.threads = threads
        self.memory_limit = memory_limit

    def connect(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(
            config={
                "threads": self.threads,
                "memory_limit": self.memory_limit,
                "temp_directory": str(self.tmp / "duckdb"),
            }
        )
        con.execute("SET enable_progress_bar = false")
        con.execute("SET preserve_insertion_order = false")
        return con

    def source_dir(self, source_id: int) -> Path:
        return self.root / "events" / f"source={int(source_id)}"

    def writer(self, source_id: int, batch: str) -> ParquetWriter:
        return ParquetWriter(self, source_id, batch)

    def _glob(self, source_id: int | None) -> str | None:
        base = self.root / "events"
        pattern = (
            f"source={int(source_id)}/month=*/*.parquet"
            if source_id is not None
            else "source=*/month=*/*.parquet"
        )
        if not any(base.glob(pattern)):
            return None
        return str(base / pattern)

    def _query(self, source_id: int | None, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        files = self._glob(source_id)
        if files is None:
            return []
        with self.connect() as con:
            relation = f"read_parquet('{files}', hive_partitioning=false, union_by_name=true)"
            return con.execute(sql.replace("EVENTS", relation), params).fetchall()

    def count(self, source_id: int | None = None) -> int:
        rows = self._query(source_id, "SELECT count(*) FROM EVENTS", [])
        return int(rows[0][0]) if rows else 0

    def daily(self, source_id: int, start_ms: int, end_ms: int) -> list[DayVolume]:
        sql = f"""SELECT (ts_ms + {TAIWAN_OFFSET_MS}) // {DAY_MS} AS d, count(*), sum(greatest(bytes, 0)),
                  count(DISTINCT nullif(account, '')) FROM EVENTS WHERE ts_ms >= ? AND ts_ms < ? GROUP BY d ORDER BY d"""  # noqa: S608
        return [_day(r) for r in self._query(source_id, sql, [start_ms, end_ms])]

    def events(
        self,
        source_id: int,
        *,
        start_ms: int,
        end_ms: int,
        subject: str = "",
        lines: tuple[int, ...] = (),
        limit: int = 200,
    ) -> list[dict[str, Any]]:
        extra, params = _where(subject, lines, "?")
        sql = f"SELECT {', '.join(STORED_NAMES)} FROM EVENTS WHERE ts_ms >= ? AND ts_ms <= ?{extra} ORDER BY ts_ms, line LIMIT {int(limit)}"  # noqa: S608
        return [
            dict(zip(STORED_NAMES, r, strict=True))
            for r in self._query(source_id, sql, [start_ms, end_ms, *params])
        ]

    def delete_source(self, source_id: int) -> None:
        shutil.rmtree(self.source_dir(source_id), ignore_errors=True)


def _day(r: tuple[Any, ...]) -> DayVolume:
    return DayVolume(dt.date(1970, 1, 1) + dt.timedelta(days=int(r[0])), int(r[1]), int(r[2] or 0), int(r[3]))


# --- PostgreSQL ------------------------------------------------------------------------------------

_PG_TYPES = {"BIGINT": "bigint", "VARCHAR": "text", "INTEGER": "integer"}


class PostgresWriter:
    def __init__(self, store: PostgresStore, source_id: int, batch: str) -> None:
        self.store, self.source_id, self.batch = store, int(source_id), _check_batch(batch)
        self.rows = 0
        self.months: set[str] = set()
        self._cursor = store.connection.cursor()
        delete = f"DELETE FROM {store.table} WHERE source_id = %s AND batch = %s"  # noqa: S608
        self._cursor.execute(delete, [self.source_id, self.batch])
        self._columns = ", ".join(("source_id", "batch", *STORED_NAMES))

    def write(self, rows: list[Row], countries: list[str]) -> None:
        if not rows:
            return
        months = set(iter_months(min(r[0] for r in rows), max(r[0] for r in rows)))
        for month in sorted(months - self.months):
            self.store.ensure_partition(self._cursor, month)
        self.months |= months
        # One COPY per chunk, finished before returning: psycopg holds the connection's lock while a COPY
        # is open, and the caller reports progress through the same connection between chunks.
        sid, batch = self.source_id, self.batch
        with self._cursor.copy(f"COPY {self.store.table} ({self._columns}) FROM STDIN") as copy:
            for row, country in zip(rows, countries, strict=True):
                copy.write_row((sid, batch, *row, country))
        self.rows += len(rows)

    def commit(self) -> int:
        self._cursor.close()
        return self.rows

    def abort(self) -> None:
        self._cursor.close()


class PostgresStore:
    """Events in one table partitioned by month (``<table>_pYYYYMM``). Uses the caller's psycopg 3
    connection and transaction: commit it after ``Writer.commit`` together with the read's bookkeeping."""

    def __init__(self, connection: Any, *, table: str = "logwatch_event") -> None:
        if not re.match(r"^[a-z_][a-z0-9_]{0,40}$", table):
            raise ValueError("bad table name")
        self.connection = connection
        self.table = table

    def ensure(self) -> None:
        cols = ", ".join(f"{name} {_PG_TYPES[kind]}" for name, kind in STORED)
        with self.connection.cursor() as cur:
            cur.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} (source_id bigint NOT NULL, batch text NOT NULL, {cols}) PARTITION BY RANGE (ts_ms)"
            )
            cur.execute(f"CREATE INDEX IF NOT EXISTS {self.table}_src_ts ON {self.table} (source_id, ts_ms)")

    def ensure_partition(self, cursor: Any, month: str) -> None:
        start, end = month_bounds(month)
        name = f"{self.table}_p{month.replace('-', '')}"
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {name} PARTITION OF {self.table} FOR VALUES FROM ({start}) TO ({end})"
        )

    def writer(self, source_id: int, batch: str) -> PostgresWriter:
        self.ensure()
        return PostgresWriter(self, source_id, batch)

    def _fetch(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        self.ensure()
        with self.connection.cursor() as cur:
            cur.execute(sql.replace("EVENTS", self.table), params)
            return list(cur.fetchall())

    def count(self, source_id: int | None = None) -> int:
        if source_id is None:
            return int(self._fetch("SELECT count(*) FROM EVENTS", [])[0][0])
        return int(self._fetch("SELECT count(*) FROM EVENTS WHERE source_id = %s", [source_id])[0][0])

    def daily(self, source_id: int, start_ms: int, end_ms: int) -> list[DayVolume]:
        sql = f"""SELECT (ts_ms + {TAIWAN_OFFSET_MS}) / {DAY_MS} AS d, count(*), sum(greatest(bytes, 0)),
                  count(DISTINCT nullif(account, '')) FROM EVENTS WHERE source_id = %s AND ts_ms >= %s AND ts_ms < %s
                  GROUP BY d ORDER BY d"""  # noqa: S608
        return [_day(r) for r in self._fetch(sql, [source_id, start_ms, end_ms])]

    def events(
        self,
        source_id: int,
        *,
        start_ms: int,
        end_ms: int,
        subject: str = "",
        lines: tuple[int, ...] = (),
        limit: int = 200,
    ) -> list[dict[str, Any]]:
        extra, params = _where(subject, lines, "%s")
        sql = f"SELECT {', '.join(STORED_NAMES)} FROM EVENTS WHERE source_id = %s AND ts_ms >= %s AND ts_ms <= %s{extra} ORDER BY ts_ms, line LIMIT {int(limit)}"  # noqa: S608
        return [
            dict(zip(STORED_NAMES, r, strict=True))
            for r in self._fetch(sql, [source_id, start_ms, end_ms, *params])
        ]

    def delete_source(self, source_id: int) -> None:
        self.ensure()
        with self.connection.cursor() as cur:
            cur.execute(f"DELETE FROM {self.table} WHERE source_id = %s", [source_id])  # noqa: S608


def iter_months(start_ms: int, end_ms: int) -> Iterator[str]:
    month = month_of(start_ms)
    while True:
        yield month
        if month >= month_of(end_ms):
            return
        year, mon = int(month[:4]), int(month[5:])
        month = f"{year + (mon == 12):04d}-{mon % 12 + 1:02d}"


__all__ = [
    "COLUMN_NAMES",
    "ParquetStore",
    "PostgresStore",
    "Store",
    "Writer",
    "month_of",
    "month_bounds",
    "iter_months",
    "uuid",
]
