"""``shouhu check``: Django's system checks plus Shouhu's configuration checks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands.check import Command as DjangoCheck

from shouhu.shell.checks import configuration_problems


class Command(DjangoCheck):
    help = "檢查設定問題（正式環境 DEBUG、HTTPS、弱密鑰、資料庫連線）/ Report configuration problems."

    def handle(self, *app_labels: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            options["deploy"] = True
        super().handle(*app_labels, **options)
        problems = configuration_problems()
        for p in problems:
            style = self.style.ERROR if p.level == "error" else self.style.WARNING
            self.stdout.write(style(f"[{'錯誤' if p.level == 'error' else '警告'}] {p.message}"))
        if any(p.level == "error" for p in problems):
            raise CommandError("設定有錯誤，請修正後再啟動。/ Configuration errors found.")
        if not problems:
            self.stdout.write(self.style.SUCCESS("設定檢查通過。/ Configuration OK."))
