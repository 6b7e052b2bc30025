from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shouhu.evidence.services import verify_all


class Command(BaseCommand):
    help = "佐證檔案工具 / Evidence tools: verify re-hashes every stored file."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="重新計算每個檔案的 SHA-256 / re-hash every file")

    def handle(self, *args: Any, **opts: Any) -> None:
        checked, problems = 0, []
        for blob, problem in verify_all():
            checked += 1
            if problem:
                problems.append(problem)
                self.stderr.write(f"✗ {blob.sha256[:16]}… {blob.storage_key}: {problem.problem}")
        if problems:
            raise CommandError(f"{len(problems)} / {checked} 個檔案有問題。/ {len(problems)} problem(s).")
        self.stdout.write(
            self.style.SUCCESS(f"佐證檔案完整：已驗證 {checked} 個檔案。/ All {checked} files intact.")
        )
