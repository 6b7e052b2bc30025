from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shouhu.audit.services import verify_chain


class Command(BaseCommand):
    help = "稽核紀錄工具 / Audit-log tools: verify the hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="驗證整條雜湊鏈，回報第一筆損壞的紀錄 / verify the whole chain")

    def handle(self, *args: Any, **opts: Any) -> None:
        report = verify_chain()
        if report.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"稽核紀錄完整：已驗證 {report.checked} 筆。/ Chain intact ({report.checked} entries)."
                )
            )
            return
        raise CommandError(
            f"稽核紀錄損壞：第一筆問題紀錄 #{report.first_broken_id}（{report.reason}）；"
            f"之前 {report.checked} 筆正常。/ Chain broken at entry #{report.first_broken_id}."
        )
