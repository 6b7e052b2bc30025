"""Databases through SQLAlchemy: PostgreSQL (psycopg), MySQL/MariaDB (pymysql), SQLite.

Connections are read-only (session-level READ ONLY transactions; SQLite ``mode=ro``). The URL
password is never printed: every message uses :func:`mask_url` and driver messages are scrubbed.

A checked address (``hostaddr=`` in the query, set by the caller after resolving and checking the host) is
where the connection goes while the URL's host name stays the name TLS verifies: libpq does this itself
for PostgreSQL; for MySQL/MariaDB (pymysql) :func:`_mysql_pinned` opens the socket to the address, checks
the peer is that address, and hands the socket to pymysql, which still sends and verifies ``host``.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, unquote_plus

from .collection import fewer_collections
from .engine import Recorder, detect_cells
from .findings import ScanResult, Skipped, SourceStats
from .options import ScanOptions
from .parallel import Progress, run_tasks
from .readers.cells import cell_text
from .recognizers.cells import batch_hints
from .recognizers.keywords import column_hints

SYSTEM_SCHEMAS = frozenset(
    {"information_schema", "pg_catalog", "pg_toast", "mysql", "performance_schema", "sys"}
)
# Query keys whose value is a credential (password=, passwd=, pwd=, sslpassword=, token=, api_key=, …).
SECRET_KEY_PATTERN = re.compile(r"pass|pwd|secret|token|key|auth|cred|sig", re.IGNORECASE)
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*://")
_MASK = "***"
# ``password=value`` written into a message or a libpq-style option string.
_KEY_VALUE = re.compile(
    r"(?P<key>[\w.\-]*(?:pass|pwd|secret|token|key|auth|cred|sig)[\w.\-]*)(?P<sep>\s*[=:]\s*)"
    r"(?P<value>'[^']*'|\"[^\"]*\"|[^\s&;,'\"]+)",
    re.IGNORECASE,
)


class DatabaseError(Exception):
    """A database could not be reached or read; the message is safe to print (no password)."""


def _split_userinfo(rest: str) -> tuple[str, str, str] | None:
    """``(username, password, remainder)`` of ``user:password@host…`` or ``None`` without a password.

    Drivers disagree on where an unencoded password holding ``@``, ``/`` or ``?`` ends, so the
    password is taken to run to the last ``@`` of the URL: a host may be hidden, a password never shown.
    """
    first_at = rest.find("@")
    colon = rest.find(":")
    if first_at < 0 or colon < 0 or colon > first_at or "/" in rest[:colon]:
        return None
    last_at = rest.rfind("@")
    return rest[:colon], rest[colon + 1 : last_at], rest[last_at:]


def _mask_query(query: str) -> str:
    parts = []
    for part in re.split(r"([&;])", query):
        key, eq, value = part.partition("=")
        secret = SECRET_KEY_PATTERN.search(unquote_plus(key)) or _KEY_VALUE.search(unquote_plus(value))
        if eq and value and secret:
            value = _MASK
        parts.append(f"{key}{eq}{value}")
    return "".join(parts)


def _mask_one(url: str) -> str:
    scheme = _SCHEME.match(url)
    if not scheme:
        return url
    head, rest = url[: scheme.end()], url[scheme.end() :]
    split = _split_userinfo(rest)
    if split is not None:
        user, password, rest = split
        rest = f"{user}:{_MASK if password else ''}{rest}"
    if "?" in rest:
        base, _, query = rest.partition("?")
        query, hash_, fragment = query.partition("#")  # scan locations append "#schema.table"
        rest = f"{base}?{_mask_query(query)}{hash_}{fragment}"
    return head + rest


def mask_url(url: str) -> str:
    """Return ``url`` with every credential replaced by ``***``.

    Masks the userinfo password and the value of every query parameter whose name says it is a
    secret (``password``, ``passwd``, ``pwd``, ``sslpassword``, ``sslkey``, ``token``, ``api_key`` …),
    including ``key=value`` pairs inside an option string. Text around a URL is kept.
    """
    if not _SCHEME.search(url):
        return _KEY_VALUE.sub(lambda m: f"{m['key']}{m['sep']}{_MASK}", url)
    out: list[str] = []
    pos = 0
    for m in re.finditer(r"[a-zA-Z][a-zA-Z0-9+.\-]*://\S*", url):
        out.append(_KEY_VALUE.sub(lambda k: f"{k['key']}{k['sep']}{_MASK}", url[pos : m.start()]))
        out.append(_mask_one(m.group(0)))
        pos = m.end()
    out.append(_KEY_VALUE.sub(lambda k: f"{k['key']}{k['sep']}{_MASK}", url[pos:]))
    return "".join(out)


def url_secrets(url: str) -> list[str]:
    """The credential strings of ``url`` (as written and percent-decoded), longest first."""
    found: set[str] = set()
    scheme = _SCHEME.match(url)
    if scheme:
        rest = url[scheme.end() :]
        split = _split_userinfo(rest)
        if split is not None and split[1]:
            found.add(split[1])
            rest = split[2]
        query = rest.partition("?")[2].partition("#")[0]
        for part in re.split(r"[&;]", query):
            key, eq, value = part.partition("=")
            if eq and value and SECRET_KEY_PATTERN.search(unquote_plus(key)):
                found.add(value)
    for m in _KEY_VALUE.finditer(unquote_plus(url)):
        found.add(m["value"].strip("'\""))
    found |= {unquote_plus(s) for s in found} | {unquote(s) for s in found}
    return sorted((s for s in found if len(s) >= 2), key=len, reverse=True)


def hide_credentials(text: str, url: str = "") -> str:
    """``text`` without any credential of ``url`` and with every URL in it masked."""
    for secret in url_secrets(url):
        text = text.replace(secret, _MASK)
    return mask_url(text)


def _scrub(message: str, url: str) -> str:
    """A driver message cut to one line without any credential of ``url``."""
    return hide_credentials(message.splitlines()[0] if message else "", url)[:300]


def is_database_url(target: str) -> bool:
    """Return whether ``target`` looks like an SQLAlchemy URL rather than a path."""
    return bool(re.match(r"^[a-z][a-z0-9+]*://", target)) and not target.startswith("file://")


def _engine(url: str, *, read_only: bool = True) -> Any:
    """An engine for ``url`` without a pool, connecting to a checked ``hostaddr=`` when one is given.

    ``read_only`` (the default, for scans and the source of a masked copy): every session is read-only
    (SQLite opened with ``mode=ro``), so nothing that reads can change the database it reads."""
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    backend = parsed.get_backend_name()
    if parsed.drivername in ("mysql", "mariadb"):
        parsed = parsed.set(drivername=f"{backend}+pymysql")  # the driver installed (MySQLdb is not)
    if backend == "sqlite" and not read_only:
        return sa.create_engine(parsed, poolclass=sa.pool.NullPool)
    if backend == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            parsed = parsed.set(
                database=f"file:{database}", query={**parsed.query, "mode": "ro", "uri": "true"}
            )
        return sa.create_engine(parsed, poolclass=sa.pool.NullPool)
    pinned = parsed.query.get("hostaddr") if backend in ("mysql", "mariadb") else None
    if pinned is not None:
        parsed = parsed.difference_update_query(["hostaddr"])
    engine = sa.create_engine(parsed, poolclass=sa.pool.NullPool)
    if pinned is not None:
        address, port = str(pinned), parsed.port or 3306

        def connect_pinned(dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> Any:
            return _mysql_pinned(dialect.loaded_dbapi, address, port, cparams)

        sa.event.listen(engine, "do_connect", connect_pinned)
    statement = {
        "postgresql": "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
        "mysql": "SET SESSION TRANSACTION READ ONLY",
        "mariadb": "SET SESSION TRANSACTION READ ONLY",
    }.get(backend)
    if statement and read_only:

        def start_read_only(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute(statement)
            cursor.close()
            dbapi_connection.commit()

        sa.event.listen(engine, "connect", start_read_only)
    return engine


def writable_engine(url: str) -> Any:
    """An engine that may write (the target of a masked copy), pinned to ``hostaddr=`` like a scan's."""
    return _engine(url, read_only=False)


def read_only_engine(url: str) -> Any:
    """An engine whose sessions are read-only (the source of a masked copy)."""
    return _engine(url)


def _mysql_pinned(dbapi: Any, address: str, port: int, cparams: dict[str, Any]) -> Any:
    """A pymysql connection whose socket goes to ``address`` (the checked one), not to whatever the host
    name resolves to now (DNS rebinding), while pymysql keeps ``cparams["host"]`` — the name — for TLS:
    it is the ``server_hostname`` of the handshake, so SNI and certificate verification see the name."""
    if getattr(dbapi, "__name__", "") != "pymysql":
        raise DatabaseError(
            "hostaddr= is supported for MySQL/MariaDB through pymysql only (mysql+pymysql://)"
        )
    connection = dbapi.connect(**cparams, defer_connect=True)
    sock = socket.create_connection((address, port), timeout=cparams.get("connect_timeout") or 10)
    peer = ipaddress.ip_address(sock.getpeername()[0].split("%", 1)[0])
    if peer != ipaddress.ip_address(address):  # never: we connected to it; checked all the same
        sock.close()
        raise DatabaseError(f"connected to {peer}, not to the checked address {address}")
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    connection.connect(sock=sock)
    return connection


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
    hints = batch_hints(hints, batch, len(names))
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


@fewer_collections()
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
