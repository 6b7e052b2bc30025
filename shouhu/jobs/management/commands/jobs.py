"""``shouhu jobs``: list background jobs or follow one job's progress bar in the terminal.

Read-only: a job whose worker died is shown failed (or queued again) through ``as_seen``; the worker's
maintenance loop, not this listing, records it."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from shouhu.jobs.models import Job
from shouhu.jobs.services import as_seen

BAR = 30


class Command(BaseCommand):
    help = "背景工作：列出或追蹤進度 / Background jobs: list, or follow one job's progress."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        lst = sub.add_parser("list", help="最近的工作 / recent jobs")
        lst.add_argument("--limit", type=int, default=20)
        show = sub.add_parser("show", help="顯示一個工作；--follow 持續更新進度 / show one job")
        show.add_argument("job_id", type=int)
        show.add_argument("--follow", action="store_true", help="直到完成 / until it finishes")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "list":
            for job in map(as_seen, Job.objects.all()[: opts["limit"]]):
                created = timezone.localtime(job.created_at).strftime("%Y-%m-%d %H:%M")
                line = f"#{job.pk}\t{job.kind}\t{job.get_status_display()}\t{job.percent}%\t{created}"
                if job.error:
                    line += f"\t{job.error.splitlines()[0][:120]}"
                self.stdout.write(line)
            return
        found = Job.objects.filter(pk=opts["job_id"]).first()
        if found is None:
            raise CommandError(f"找不到工作 #{opts['job_id']} / no such job")
        job = as_seen(found)
        while True:
            filled = job.percent * BAR // 100
            line = f"#{job.pk} {job.kind} [{'█' * filled}{'·' * (BAR - filled)}] {job.percent:3d}% {job.get_status_display()} {job.message}"
            if sys.stdout.isatty() and opts["follow"]:
                self.stdout.write("\r" + line, ending="")
            else:
                self.stdout.write(line)
            if job.done or not opts["follow"]:
                break
            time.sleep(1)
            job.refresh_from_db()
            job = as_seen(job)
        if sys.stdout.isatty() and opts["follow"]:
            self.stdout.write("")
        if job.error:
            raise CommandError(f"工作失敗：{job.error}")
