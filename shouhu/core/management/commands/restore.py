from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shouhu.core.backup import BackupError, restore_backup, verify_archive


class Command(BaseCommand):
    help = "驗證備份的 SHA-256 清單後還原 / Verify a backup's manifest, then restore it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="備份檔 / backup archive")
        parser.add_argument("--verify-only", action="store_true", help="只驗證，不還原 / verify only")
        parser.add_argument("--yes", action="store_true", help="不詢問，直接覆蓋目前資料 / do not ask")

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["archive"]).expanduser()
        try:
            manifest = verify_archive(path)
            files = manifest["files"]
            count = len(files) if isinstance(files, dict) else 0
            self.stdout.write(f"清單驗證通過：{count} 個檔案（建立於 {manifest['created_at']}）。")
            if opts["verify_only"]:
                return
            if not opts["yes"]:
                answer = input("還原會覆蓋目前的資料庫，確定？輸入 yes：")
                if answer.strip().lower() != "yes":
                    raise CommandError("已取消。/ Cancelled.")
            result = restore_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"還原完成；佐證檔案新增 {result['evidence_restored']} 個。/ Restored.")
        )
