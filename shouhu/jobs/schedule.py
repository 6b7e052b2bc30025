"""Recurring jobs: one schedule table, enqueued by ``shouhu worker`` (no cron needed, no copied jobs).

Each entry names a registered job kind and how often it runs. The last enqueue time is kept on a row and
locked while checked, so several workers never enqueue the same run twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from shouhu.jobs import services
from shouhu.jobs.models import Job, ScheduleState


@dataclass(frozen=True)
class Scheduled:
    kind: str
    every: dt.timedelta
    why: str


SCHEDULE: tuple[Scheduled, ...] = (
    Scheduled("incidents.remind", dt.timedelta(minutes=5), "事故期限前 24/6/1 小時與逾期提醒"),
    Scheduled("law.send_reminders", dt.timedelta(hours=1), "法遵行事曆到期前與逾期提醒（每項每期只寄一次）"),
    Scheduled("audit.checkpoint", dt.timedelta(hours=1), "稽核紀錄雜湊鏈的簽章檢查點（存於資料庫之外）"),
    Scheduled("logwatch.poll", dt.timedelta(minutes=10), "讀取記錄來源伺服器資料夾的新增內容"),
    Scheduled(
        "thirdparties.remind", dt.timedelta(days=1), "保存期限 30 日內屆至之資料批次提醒（每批每階段一次）"
    ),
    Scheduled("requests.remind", dt.timedelta(hours=1), "當事人請求准駁期限前 3 日、1 日與逾期提醒"),
    Scheduled("documents.remind", dt.timedelta(days=1), "政策文件閱讀確認：新進人員加入、未確認者每日提醒"),
    Scheduled(
        "people.remind",
        dt.timedelta(hours=6),
        "權限撤銷／調整待辦、存取權限審查將屆期或逾期、離職日後未完成之離職檢核提醒（每項每日一次）",
    ),  # fmt: skip
    Scheduled("logwatch.drills", dt.timedelta(minutes=10), "執行到期的監控演練，標記逾時未偵測者"),
    Scheduled("logwatch.monthly", dt.timedelta(days=1), "上個月的存取紀錄監控摘要（每個來源一份，存為佐證）"),
    Scheduled("core.ratelimit_prune", dt.timedelta(days=1), "清除公開頁面已過期之送出次數計數"),
)


def enqueue_due(*, now: dt.datetime | None = None) -> list[Job]:
    """Enqueue every scheduled kind whose interval has passed; returns the jobs created."""
    now = now or timezone.now()
    created: list[Job] = []
    known = set(services.registered_kinds())
    for item in SCHEDULE:
        if item.kind not in known:
            continue
        with transaction.atomic():
            state, _ = ScheduleState.objects.select_for_update().get_or_create(kind=item.kind)
            if state.last_enqueued_at is not None and now - state.last_enqueued_at < item.every:
                continue
            state.last_enqueued_at = now
            state.save(update_fields=["last_enqueued_at"])
            created.append(services.enqueue(actor=None, kind=item.kind, check_perm=False))
    return created
