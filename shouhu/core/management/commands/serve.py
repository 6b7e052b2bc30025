from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "套用資料庫遷移、載入參考資料並以 waitress 啟動網站 / Migrate, seed reference data and serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="監聽位址 / bind address (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="連接埠 / port (default 8000)")
        parser.add_argument(
            "--threads",
            type=int,
            default=2,
            help="每個程序的執行緒數（網路 I/O 由 waitress 另行處理）/ app threads per process",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="伺服器程序數（預設為 CPU 核心數，最多 4；Windows 為 1）/ server processes",
        )
        parser.add_argument("--no-migrate", action="store_true", help="不套用遷移 / skip migrations")

    def handle(self, *args: Any, **opts: Any) -> None:
        from waitress import serve

        from shouhu.accounts.models import User
        from shouhu.config.wsgi import application
        from shouhu.core.seeding import run_all

        self.stdout.write(f"資料夾 SHOUHU_HOME：{settings.SHOUHU_HOME}")
        if not opts["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write("資料庫已就緒 / database migrated")
        for name, count in run_all():
            if count:
                self.stdout.write(f"參考資料 {name}：{count} 筆 / reference data loaded")
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
        url = f"http://{opts['host']}:{opts['port']}/"
        self.stdout.write(self.style.SUCCESS(f"守護 Shouhu 已啟動：{url}  （Ctrl+C 結束）"))
        self.stdout.write(f"背景工作請另開終端機執行：{_shouhu_command()} worker")
        if opts["workers"] > 1 and hasattr(os, "fork"):
            self._serve_processes(opts)
        else:
            serve(application, host=opts["host"], port=opts["port"], threads=opts["threads"], ident="shouhu",
                  clear_untrusted_proxy_headers=True)  # fmt: skip

    def _serve_processes(self, opts: dict[str, Any]) -> None:
        """Pre-fork: one listening socket shared by N waitress processes (the app is stateless)."""
        from django.db import connections
        from waitress import serve

        from shouhu.config.wsgi import application

        family = socket.AF_INET6 if ":" in opts["host"] else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((opts["host"], opts["port"]))
        sock.listen(1024)
        connections.close_all()  # children open their own database connections
        children: list[int] = []
        for _ in range(opts["workers"]):
            pid = os.fork()
            if pid == 0:  # child
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                try:
                    serve(application, sockets=[sock], threads=opts["threads"], ident="shouhu",
                          clear_untrusted_proxy_headers=True)  # fmt: skip
                finally:
                    os._exit(0)
            children.append(pid)
        self.stdout.write(
            f"{opts['workers']} 個伺服器程序 / server processes: {', '.join(map(str, children))}"
        )

        def stop(signum: int, frame: object) -> None:
            for child in children:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child, signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        try:
            for child in children:
                os.waitpid(child, 0)
        except KeyboardInterrupt:
            stop(signal.SIGINT, None)
            for child in children:
                os.waitpid(child, 0)
        finally:
            sock.close()


def default_workers() -> int:
    if not hasattr(os, "fork") or sys.platform == "win32":
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def _shouhu_command() -> str:
    """How this person can run ``shouhu`` again (the venv's script when not on PATH)."""
    import shutil
    import sys
    from pathlib import Path

    script = Path(sys.argv[0])
    if script.name == "shouhu" and shutil.which("shouhu") != str(script.resolve()):
        try:
            return str(script.resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(script.resolve())
    return "shouhu"
