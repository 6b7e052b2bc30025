from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "執行背景工作（資料庫佇列，不需訊息代理）/ Run background jobs from the database queue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="處理完目前的工作後結束 / process pending jobs, then exit"
        )
        parser.add_argument(
            "--queues", default="*", help="佇列，逗號分隔 / queues, comma-separated (default all)"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        self.stdout.write("守護 Shouhu 背景工作執行中（Ctrl+C 結束）/ worker running")
        call_command(
            "db_worker",
            queue_name=opts["queues"],
            batch=opts["batch"],
            reload=False,
            no_startup_delay=True,
            interval=1,
            verbosity=opts["verbosity"],
        )
