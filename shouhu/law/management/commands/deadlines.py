"""``shouhu deadlines preview --json FILE`` and ``shouhu deadlines remind`` (for cron)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from shouhu.core.request_context import RequestContext, using
from shouhu.core.rocdate import parse_date
from shouhu.engines.law.errors import LawEngineError
from shouhu.engines.law.preview import preview_from_json


class Command(BaseCommand):
    help = "法定期限試算與法遵提醒 / Legal deadline preview and compliance reminders."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        preview = sub.add_parser(
            "preview", help="試算假設事件之法定期限 / preview deadlines for a hypothetical incident"
        )
        preview.add_argument("--json", dest="json_file", required=True,
                             help="JSON 檔案（- 表示標準輸入）：一個物件或多個物件之清單，格式見 shouhu/engines/law/preview.py")  # fmt: skip
        remind = sub.add_parser(
            "remind", help="寄送到期及逾期提醒（供 cron 呼叫）/ e-mail due and overdue reminders"
        )
        remind.add_argument("--days-before", type=int, default=14, help="到期前幾日提醒（預設 14）")
        remind.add_argument("--date", help="以此日期為今天（ISO 或民國格式；預設今天）")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "preview":
            self._preview(opts["json_file"])
        else:
            self._remind(opts["days_before"], opts.get("date"))

    def _preview(self, name: str) -> None:
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8-sig")
        except OSError as error:
            raise CommandError(f"無法讀取檔案 {name}：{error.strerror}") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"JSON 格式錯誤（第 {error.lineno} 行第 {error.colno} 欄）：{error.msg}"
            ) from None
        if not isinstance(data, dict | list):
            raise CommandError("輸入須為 JSON 物件或物件清單")
        try:
            result = preview_from_json(data)
        except LawEngineError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

    def _remind(self, days_before: int, on_text: str | None) -> None:
        from shouhu.law.services import send_reminders

        try:
            on = parse_date(on_text) if on_text else None
        except ValueError:
            raise CommandError(f"無法辨識的日期：{on_text}（請用 2026-11-26 或 115/11/26）") from None
        with using(RequestContext(ip=None, channel="cli")):
            try:
                result = send_reminders(on=on, days_before=days_before)
            except ValidationError as error:
                raise CommandError("；".join(error.messages)) from None
        self.stdout.write(f"已寄送 {result['sent']} 封提醒，略過 {result['skipped']} 項（已提醒過）。")
        if result.get("invalid") or result.get("failed"):
            self.stderr.write(
                f"另有 {result.get('invalid', 0)} 項日期異常未寄送、{result.get('failed', 0)} 封寄送失敗（詳見伺服器紀錄）。"
            )
