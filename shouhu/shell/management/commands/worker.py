from __future__ import annotations

import threading
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

SCHEDULE_POLL_SECONDS = 30


def _maintenance_loop(stop: threading.Event, *, schedule: bool) -> None:
    """Reap jobs whose worker died (every heartbeat interval) and enqueue scheduled jobs when due."""
    from shouhu.jobs.schedule import enqueue_due
    from shouhu.jobs.services import heartbeat_seconds, reap_quietly

    interval = max(0.5, min(SCHEDULE_POLL_SECONDS, heartbeat_seconds()))
    while not stop.is_set():
        try:
            reap_quietly()
            if schedule:
                enqueue_due()
        finally:
            close_old_connections()
        stop.wait(interval)


class Command(BaseCommand):
    help = (
        "執行背景工作並排程提醒（資料庫佇列，不需訊息代理）；回收背景程序中斷的工作 / "
        "Run background jobs and the reminder schedule; fail or re-queue jobs whose worker died."
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
        from shouhu.core.tmpfiles import clean_stale
        from shouhu.jobs.services import reap_quietly

        clean_stale()  # temporary files killed processes left behind (uploads, backup snapshots)
        stop = threading.Event()
        reap_quietly()
        if opts["batch"]:
            if not opts["no_schedule"]:
                from shouhu.jobs.schedule import enqueue_due

                enqueue_due()
        else:
            threading.Thread(
                target=_maintenance_loop,
                args=(stop,),
                kwargs={"schedule": not opts["no_schedule"]},
                daemon=True,
                name="shouhu-maintenance",
            ).start()
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
