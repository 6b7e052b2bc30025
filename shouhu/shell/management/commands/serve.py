"""``shouhu serve``: migrate, seed, then serve the app with gunicorn (supervised worker processes).

gunicorn's master process restarts a worker that dies or hangs. Proxy trust stays in one place, Django:
gunicorn is told to trust no forwarded header itself, and ``SHOUHU_BEHIND_PROXY`` /
``SHOUHU_TRUSTED_PROXY_COUNT`` decide the scheme and the client IP (``shouhu.core.request_context``).
On platforms without ``fork`` (Windows) gunicorn cannot run: waitress serves in one process instead.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


def default_workers() -> int:
    if not hasattr(os, "fork") or sys.platform == "win32":
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def gunicorn_options(*, host: str, port: int, workers: int, threads: int, timeout: int) -> dict[str, Any]:
    from shouhu.core.tmpfiles import tmp_root

    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return {
        "bind": [bind],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": timeout,  # a worker silent this long is killed and replaced by the master
        "graceful_timeout": 30,
        "keepalive": 5,
        "preload_app": True,  # import once in the master; workers fork from it
        "proc_name": "shouhu",
        # Django decides what to trust (SHOUHU_BEHIND_PROXY, SHOUHU_TRUSTED_PROXY_COUNT), not gunicorn.
        "forwarded_allow_ips": "",
        "secure_scheme_headers": {},
        "control_socket_disable": True,
        "worker_tmp_dir": str(tmp_root()),
        "accesslog": None,  # access logs would hold client IPs and URLs; the audit log records changes
        "errorlog": "-",
        "loglevel": "warning",
    }


def run_gunicorn(application: Any, options: dict[str, Any]) -> None:
    from gunicorn.app.base import BaseApplication

    class ShouhuServer(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    ShouhuServer().run()


class Command(BaseCommand):
    help = (
        "套用資料庫遷移、載入參考資料並以 gunicorn 啟動網站（程序由主程序監管、當掉自動重啟）"
        " / Migrate, seed reference data and serve with gunicorn (supervised worker processes)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="監聽位址 / bind address (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="連接埠 / port (default 8000)")
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="伺服器程序數（預設為 CPU 核心數，最多 4；Windows 為 1）/ server processes",
        )
        parser.add_argument(
            "--threads", type=int, default=2, help="每個程序的執行緒數（預設 2）/ threads per process"
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=120,
            help="單一請求逾時秒數，逾時的程序會被重啟（預設 120）/ worker timeout in seconds",
        )
        parser.add_argument("--no-migrate", action="store_true", help="不套用遷移 / skip migrations")

    def handle(self, *args: Any, **opts: Any) -> None:
        from django.core.wsgi import get_wsgi_application
        from django.db import connections

        from shouhu.accounts.models import User
        from shouhu.core import siteurl
        from shouhu.core.fresh import MIGRATING, migration_lock
        from shouhu.core.seeding import run_all
        from shouhu.core.tmpfiles import clean_stale

        application = (
            get_wsgi_application()
        )  # what shouhu.config.wsgi serves (the shell may not import config)
        if not 1 <= opts["port"] <= 65535:
            raise CommandError("連接埠必須介於 1 與 65535 之間。/ Port must be 1–65535.")
        if opts["workers"] < 1 or opts["threads"] < 1:
            raise CommandError("--workers 與 --threads 至少為 1。/ At least one worker and one thread.")
        self.stdout.write(f"資料夾 SHOUHU_HOME：{settings.SHOUHU_HOME}")
        if not opts["no_migrate"]:
            with migration_lock() as held:  # `shouhu demo` meanwhile says 「資料庫遷移進行中」
                if not held:
                    raise CommandError(MIGRATING)
                call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write("資料庫已就緒 / database migrated")
        for name, count in run_all():
            if count:
                self.stdout.write(f"參考資料 {name}：{count} 筆 / reference data loaded")
        clean_stale()  # temporary files a killed process left (uploads, backup snapshots)
        if not User.objects.exists():
            cmd = _shouhu_command()
            self.stdout.write(
                self.style.WARNING(
                    "\n尚未建立任何帳號。請在另一個終端機執行：\n"
                    f"  {cmd} createadmin --username admin --email admin@example.com\n"
                    "（密碼會提示輸入，或設定環境變數 SHOUHU_ADMIN_PASSWORD）\n"
                    "No users yet: create the first administrator with the command above.\n"
                )
            )
        url = siteurl.record_served(host=opts["host"], port=opts["port"])
        self.stdout.write(self.style.SUCCESS(f"守護 Shouhu 已啟動：{url}  （Ctrl+C 結束）"))
        self.stdout.write(f"背景工作請另開終端機執行：{_shouhu_command()} worker")
        self.stdout.flush()
        connections.close_all()  # the workers open their own database connections
        if hasattr(os, "fork") and sys.platform != "win32":
            run_gunicorn(
                application,
                gunicorn_options(
                    host=opts["host"],
                    port=opts["port"],
                    workers=opts["workers"],
                    threads=opts["threads"],
                    timeout=opts["timeout"],
                ),
            )
        else:  # no fork: one waitress process; it leaves forwarded headers to Django, as gunicorn does
            from waitress import serve

            serve(
                application,
                host=opts["host"],
                port=opts["port"],
                threads=opts["threads"] * 2,
                ident="shouhu",
                clear_untrusted_proxy_headers=False,
            )


def _shouhu_command() -> str:
    """How this person can run ``shouhu`` again (the venv's script when not on PATH)."""
    import shutil
    from pathlib import Path

    script = Path(sys.argv[0])
    if script.name == "shouhu" and shutil.which("shouhu") != str(script.resolve()):
        try:
            return str(script.resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(script.resolve())
    return "shouhu"
