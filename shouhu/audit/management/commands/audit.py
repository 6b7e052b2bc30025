from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shouhu.audit import checkpoints
from shouhu.audit.services import verify_and_checkpoint, verify_chain


class Command(BaseCommand):
    help = (
        "稽核紀錄工具：驗證雜湊鏈與簽章檢查點、匯出檢查點 / "
        "Audit-log tools: verify the hash chain against signed checkpoints; export the checkpoints."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser(
            "verify",
            help="驗證整條雜湊鏈並與檢查點比對，通過後寫入新檢查點 / verify the chain, then write a checkpoint",
        )
        verify.add_argument(
            "--checkpoints",
            metavar="FILE",
            help="與匯出的檢查點檔比對（例如異地保存的副本）/ compare with an exported checkpoint file",
        )
        export = sub.add_parser("checkpoints", help="匯出簽章檢查點 / export the signed checkpoints")
        export.add_argument(
            "--output", metavar="FILE", help="輸出檔（預設印出）/ output file (default stdout)"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "checkpoints":
            self._export(opts["output"])
            return
        external = Path(opts["checkpoints"]).expanduser() if opts["checkpoints"] else None
        if external is not None and not external.is_file():
            raise CommandError(f"找不到檢查點檔：{external} / no such file")
        if external is not None:
            report = verify_chain(checkpoint_file=external)
            point = None
            if report.ok:
                _, point = verify_and_checkpoint()
        else:
            report, point = verify_and_checkpoint()
        if not report.ok:
            where = f"#{report.first_broken_id}" if report.first_broken_id else "—"
            raise CommandError(
                f"稽核紀錄損壞：第一筆問題紀錄 {where}（{report.reason}）；"
                f"之前 {report.checked} 筆正常。/ Chain broken at entry {where}."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"稽核紀錄完整：已驗證 {report.checked} 筆，與 {report.checkpoints} 個簽章檢查點相符。"
                f" / Chain intact ({report.checked} entries, {report.checkpoints} checkpoints)."
            )
        )
        if point is not None:
            self.stdout.write(f"已寫入檢查點 #{point.n}（至第 {point.last_id} 筆）：{checkpoints.path()}")

    def _export(self, output: str | None) -> None:
        try:
            if output:
                count = checkpoints.export(Path(output).expanduser())
                self.stdout.write(f"已匯出 {count} 個檢查點：{output}（請異地保存）/ exported")
            else:
                checkpoints.read()  # refuse to print a file whose signatures do not verify
                source = checkpoints.path()
                sys.stdout.write(source.read_text(encoding="utf-8") if source.exists() else "")
        except checkpoints.CheckpointError as exc:
            raise CommandError(str(exc)) from exc
