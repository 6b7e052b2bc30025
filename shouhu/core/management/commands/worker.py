from __future__ import annotations

import threading
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

SCHEDULE_POLL_SECONDS = 30


def _schedule_loop(stop: threading.Event) -> None:
    from shouhu.jobs.schedule import enqueue_due

    while not stop.is_set():
        try:
            enqueue_due()
        finally:
            close_old_connections()
        stop.wait(SCHEDULE_POLL_SECONDS)


class Command(BaseCommand):
    help = (
        "執行背景工作並排程提醒（資料庫佇列，不需訊息代理）/ Run background jobs and the reminder schedule."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="處理完目前的工作後結束 / process pending jobs, then exit"
        )
        parser.add_argument(
            "--queues", default="*", help="佇列，逗號分隔 / queues, comma-separated (default all)"
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="不排程提醒工作（由另一個 worker 負責時）/ do not enqueue scheduled jobs",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        stop = threading.Event()
        if opts["batch"]:
            if not opts["no_schedule"]:
                from shouhu.jobs.schedule import enqueue_due

                enqueue_due()
        elif not opts["no_schedule"]:
            threading.Thread(target=_schedule_loop, args=(stop,), daemon=True, name="shouhu-schedule").start()
        self.stdout.write("守護 Shouhu 背景工作執行中（Ctrl+C 結束）/ worker running")
        try:
            call_command(
                "db_worker",
                queue_name=opts["queues"],
                batch=opts["batch"],
                reload=False,
                no_startup_delay=True,
                interval=1,
                verbosity=opts["verbosity"],
            )
        finally:
            stop.set()
            time.sleep(0)
