"""Commands on a fresh SHOUHU_HOME: apply the migrations first, or say in one line what to run.

``shouhu createadmin``, ``shouhu demo`` and ``shouhu restore`` prepare the database themselves (migrate and
load the reference data, as ``shouhu serve`` does); the other commands that need the database stop with
one line naming the command to run, never a traceback.
"""

from __future__ import annotations

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

NOT_READY = "資料庫尚未初始化：請先執行 shouhu serve（或 shouhu manage migrate）。/ Database not set up: run `shouhu serve` first."


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
    try:
        if not pending_migrations():
            return None
        if not auto_migrate:
            return NOT_READY
        if say:
            print("套用資料庫遷移並載入參考資料… / Setting up the database…")  # noqa: T201
        call_command("migrate", interactive=False, verbosity=0)
        from shouhu.core.seeding import run_all

        run_all()
    except DatabaseError as exc:
        return unreachable(exc)
    return None
