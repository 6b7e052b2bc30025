from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from shouhu.audit.services import record
from shouhu.core import request_context
from shouhu.shell.backup import BackupError, create_backup, export_keys


class Command(BaseCommand):
    help = (
        "備份資料庫（一致性快照）與佐證檔案，附簽章的 SHA-256 清單；可另存金鑰檔 / "
        "Back up database and evidence with a signed manifest; optionally export the keys to a separate file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "output", nargs="?", help="輸出檔（預設 SHOUHU_HOME/backups/shouhu-時間.tar.gz）/ output file"
        )
        parser.add_argument(
            "--export-keys",
            metavar="KEYFILE",
            help="另將金鑰寫入此檔（請與備份分開保存）/ also write the keys to this file, kept apart from backups",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        from django.conf import settings

        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        output = Path(opts["output"] or settings.SHOUHU_HOME / "backups" / f"shouhu-{stamp}.tar.gz")
        try:
            result = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"無法寫入備份：{exc.strerror or type(exc).__name__}（{output}）") from exc
        with request_context.using(request_context.RequestContext(ip=None, channel="cli")):
            record(
                actor=None,
                action="system.backup_created",
                object_type="backup",
                object_repr=str(result.path)[:200],
                actor_label="cli",
                changes={"files": [None, result.files]},
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"備份完成：{result.path}（資料庫 {result.database_bytes:,} bytes、佐證檔案 {result.files} 個）"
            )
        )
        if opts["export_keys"]:
            keys = export_keys(Path(opts["export_keys"]))
            self.stdout.write(f"金鑰檔：{keys}（權限 0600；請與備份分開、安全保存）/ keys written")
        else:
            self.stdout.write(
                "注意：金鑰（SHOUHU_HOME/keys）不在備份內，請另行安全保存（可用 --export-keys）。"
                " / Keys are not in the archive."
            )
