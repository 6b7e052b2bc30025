from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shouhu.shell.backup import BackupError, restore_backup, verify_archive


class Command(BaseCommand):
    help = "驗證備份的簽章與 SHA-256 清單後還原 / Verify a backup's signature and manifest, then restore it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="備份檔 / backup archive")
        parser.add_argument("--verify-only", action="store_true", help="只驗證，不還原 / verify only")
        parser.add_argument("--yes", action="store_true", help="不詢問，直接覆蓋目前資料 / do not ask")
        parser.add_argument(
            "--keys",
            metavar="KEYFILE",
            help="原安裝的金鑰檔（shouhu backup --export-keys）：驗證簽章並一併還原金鑰 / restore the keys too",
        )
        parser.add_argument(
            "--allow-unsigned",
            action="store_true",
            help="接受沒有簽章的舊格式備份 / accept an unsigned (old-format) archive",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["archive"]).expanduser()
        keys = Path(opts["keys"]).expanduser() if opts["keys"] else None
        try:
            manifest = verify_archive(path, keys=keys, allow_unsigned=opts["allow_unsigned"])
            files = manifest["files"]
            count = len(files) if isinstance(files, dict) else 0
            self.stdout.write(f"簽章與清單驗證通過：{count} 個檔案（建立於 {manifest['created_at']}）。")
            if opts["verify_only"]:
                return
            if not opts["yes"]:
                answer = input("還原會覆蓋目前的資料庫，確定？輸入 yes：")
                if answer.strip().lower() != "yes":
                    raise CommandError("已取消。/ Cancelled.")
            result = restore_backup(path, keys=keys, allow_unsigned=opts["allow_unsigned"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"還原完成；佐證檔案新增 {result['evidence_restored']} 個。/ Restored.")
        )
        if result["keys_installed"]:
            self.stdout.write(
                "金鑰已寫入 SHOUHU_HOME/keys（原金鑰改名保留）；請重新啟動 shouhu serve 與 shouhu worker。"
                " / Keys installed: restart the server and the worker."
            )
            overridden = [n for n in ("SHOUHU_FIELD_KEY", "SHOUHU_SECRET_KEY") if os.environ.get(n)]
            if overridden:
                self.stdout.write(
                    self.style.WARNING(
                        f"注意：{', '.join(overridden)} 由環境變數提供，會覆蓋金鑰檔；請改設為原安裝的值。"
                    )
                )
