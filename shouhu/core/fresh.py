"""Commands on a fresh SHOUHU_HOME: apply the migrations first, or say in one line what to run.

``shouhu createadmin``, ``shouhu demo`` and ``shouhu restore`` prepare the database themselves (migrate and
load the reference data, as ``shouhu serve`` does); the other commands that need the database stop with
one line naming the command to run, never a traceback.

Whoever migrates holds ``SHOUHU_HOME/migrate.lock`` (an exclusive ``flock``) while it does: a ``shouhu demo``
started while the first ``shouhu serve`` is still migrating then says so in one line, instead of failing
on the half-built (or locked) database with a misleading 「無法連線資料庫」.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

NOT_READY = "資料庫尚未初始化：請先執行 shouhu serve（或 shouhu manage migrate）。/ Database not set up: run `shouhu serve` first."
MIGRATING = (
    "資料庫遷移進行中（另一個 shouhu 程序正在套用，例如第一次啟動的 shouhu serve）：請待其完成後再執行。"
    " / Database migrations in progress in another shouhu process: run this again when they have finished."
)
INCOMPLETE = (
    "資料庫遷移未完成：請先執行 shouhu serve（或 shouhu manage migrate）完成遷移。"
    " / Database migrations incomplete: finish them with `shouhu serve` first."
)


def _lock_path() -> str:
    from shouhu.core.home import shouhu_home

    return str(shouhu_home() / "migrate.lock")


@contextmanager
def migration_lock() -> Iterator[bool]:
    """Hold the migration lock while the block runs; yields False (and holds nothing) when another has it."""
    fd = os.open(_lock_path(), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def migrations_running() -> bool:
    """True while another process holds the migration lock (it is applying migrations now)."""
    with migration_lock() as free:
        return not free


def _applied_any() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return bool(executor.loader.applied_migrations)


def pending_migrations() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def unreachable(exc: BaseException) -> str:
    return f"無法連線資料庫（{type(exc).__name__}）：請檢查 SHOUHU_DATABASE_URL。/ Database unreachable."


def database_error(exc: BaseException) -> str:
    return (
        f"資料庫錯誤（{type(exc).__name__}）：新的 SHOUHU_HOME 請先執行 shouhu serve（或 shouhu manage migrate）。"
        " / Database error: on a fresh home run `shouhu serve` first."
    )


def prepare_database(*, auto_migrate: bool, say: bool = True) -> str | None:
    """None when the database is ready (migrating first if allowed); otherwise the one line to print."""
    if migrations_running():
        return MIGRATING
    try:
        if not pending_migrations():
            return None
        if not auto_migrate:
            return INCOMPLETE if _applied_any() else NOT_READY
        with migration_lock() as held:
            if not held:
                return MIGRATING
            if say:
                print("套用資料庫遷移並載入參考資料… / Setting up the database…")  # noqa: T201
            call_command("migrate", interactive=False, verbosity=0)
            from shouhu.core.seeding import run_all

            run_all()
    except DatabaseError as exc:
        return MIGRATING if migrations_running() else unreachable(exc)
    return None
