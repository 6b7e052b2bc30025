"""``shouhu incidents remind``: send the deadline reminders that are due (run it every few minutes).
``shouhu incidents recompute``: recompute the legal clocks of every suspected or open incident."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shouhu.core import request_context
from shouhu.core.request_context import RequestContext
from shouhu.incidents.clocks import recompute_live
from shouhu.incidents.reminders import send_due_reminders


class Command(BaseCommand):
    help = "個資事故：寄送期限提醒（24、6、1 小時前及逾期時）/ incident deadline reminders"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        remind = sub.add_parser("remind", help="寄送到期之期限提醒（每則只寄一次）")
        remind.add_argument("--now", help="以此時間判斷（ISO 8601，含時區；測試用）")
        sub.add_parser(
            "recompute", help="依法規引擎重新計算所有疑似事件及處理中事件之期限（有變更者留下稽核紀錄）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "recompute":
            with request_context.using(RequestContext(ip=None, channel="cli")):
                done = recompute_live()
            self.stdout.write(f"已重新計算 {done['checked']} 件事件之期限；無法計算 {done['failed']} 件")
            if done["failed"]:
                raise CommandError("部分事件之期限無法計算，請查看事件資料（時間順序或要件）")
            return
        now = None
        if options.get("now"):
            try:
                now = dt.datetime.fromisoformat(options["now"])
            except ValueError:
                raise CommandError(f"時間格式錯誤：{options['now']}（例如 2026-11-26T14:30+08:00）") from None
            if now.tzinfo is None:
                raise CommandError("時間須含時區，例如 2026-11-26T14:30+08:00")
        with request_context.using(RequestContext(ip=None, channel="cli")):
            result = send_due_reminders(now=now)
        self.stdout.write(
            f"已寄出 {result['sent']} 封提醒；無收件者 {result['skipped']} 則；失敗 {result['failed']} 則；"
            f"日期異常略過 {result['invalid']} 則"
        )
