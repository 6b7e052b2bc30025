"""Where events are kept: Parquet under ``SHOUHU_LOGWATCH_DIR`` (default ``SHOUHU_HOME/logwatch``) read
with DuckDB, or the PostgreSQL database itself when ``SHOUHU_LOGWATCH_STORE=postgres``."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import connection

from shouhu.engines.logwatch.store import ParquetStore, PostgresStore, Store


def data_dir() -> Path:
    configured = getattr(settings, "SHOUHU_LOGWATCH_DIR", "")
    return Path(configured) if configured else Path(settings.SHOUHU_HOME) / "logwatch"


def uses_postgres() -> bool:
    return getattr(settings, "SHOUHU_LOGWATCH_STORE", "duckdb") == "postgres"


def get_store() -> Store:
    if uses_postgres():
        if connection.vendor != "postgresql":
            raise RuntimeError("SHOUHU_LOGWATCH_STORE=postgres needs SHOUHU_DATABASE_URL to be PostgreSQL")
        connection.ensure_connection()
        return PostgresStore(connection.connection)
    return ParquetStore(data_dir() / "store", threads=int(getattr(settings, "SHOUHU_LOGWATCH_THREADS", 1)))


def spool_dir() -> Path:
    path = data_dir() / "incoming"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
