from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "套用資料庫遷移、載入參考資料並以 waitress 啟動網站 / Migrate, seed reference data and serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="監聽位址 / bind address (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="連接埠 / port (default 8000)")
        parser.add_argument("--threads", type=int, default=8, help="處理執行緒數 / worker threads")
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
        serve(
            application,
            host=opts["host"],
            port=opts["port"],
            threads=opts["threads"],
            ident="shouhu",
            clear_untrusted_proxy_headers=True,
        )


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
