"""Demo piece of incidents: a closed drill and an open incident with live clocks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from shouhu.core.demo import ECOMMERCE, Cast, DemoContext, at, step
from shouhu.organization.models import Client

# --- incidents --------------------------------------------------------------------------------------------


def load_incidents(cast: Cast, clients: Mapping[str, Client], systems: Mapping[str, Any]) -> int:
    from shouhu.incidents import services as incidents
    from shouhu.incidents.models import State

    ecommerce = clients[ECOMMERCE]
    database = systems["好日子購物電商會員資料庫"]
    drill = incidents.report_incident(
        actor=cast.security,
        data={
            "title": "年度事故應變演練：電商會員資料庫疑遭未授權存取",
            "is_drill": True,
            "occurred_at": at(-70, 8, 30),
            "discovered_at": at(-70, 9, 0),
            "aware_at": at(-70, 9, 20),
            "confirmed_at": at(-70, 15, 0),
            "handling_ended_at": at(-69, 17, 0),
            "kinds": ["leak"],
            "data_items": "會員姓名、電話、地址",
            "general_records": 1_200,
            "affected_systems": database.name,
            "system_ids": [database.pk],
            "summary": "（演練情境）SIEM 告警管理帳號於非上班時間自境外 IP 大量查詢會員資料表。",
            "damage": "（演練情境）推估 1,200 筆會員姓名、電話、地址外洩。",
            "consequences": "詐騙電話、假冒客服",
            "measures_taken": "停用該管理帳號、封鎖來源 IP、保全日誌、通知委託者。",
            "measures_planned": "全面更換管理帳號密碼、導入 MFA。",
            "subject_notice_plan": "由委託者以簡訊及電子郵件通知受影響會員。",
            "serious": True,
            "contract_notice_hours": 24,
            "authority_reported_at": at(-70, 20, 0),
        },
        clients=[ecommerce],
    )
    for row in drill.deadlines.filter(active=True):
        met_at = max(row.due_at - dt.timedelta(hours=2), drill.aware_at or drill.discovered_at)
        incidents.mark_deadline_met(
            actor=cast.security, deadline=row, met_at=met_at, document="演練：通報及通知書面（表 2）"
        )
    for task in drill.tasks.all():
        incidents.set_task_done(actor=cast.security, task=task, done=True)
    incidents.add_timeline(
        actor=cast.security,
        incident=drill,
        text="演練檢討會議：通報流程順暢；發現委託者窗口夜間聯繫不易，已請委託者提供第二聯絡人。",
        at=at(-68, 10, 0),
    )
    _drill_documents(cast, drill, ecommerce)
    incidents.transition(actor=cast.security, incident=drill, to=State.CLOSED)

    now = timezone.now()
    live = incidents.report_incident(
        actor=cast.security,
        data={
            "title": "好日子購物會員資料庫異常大量查詢",
            "occurred_unknown": True,
            "discovered_at": now - dt.timedelta(minutes=90),
            "aware_at": now - dt.timedelta(hours=1),
            "kinds": ["leak"],
            "data_items": "會員姓名、電話、電子郵件（範圍調查中）",
            "records_unknown": True,
            "affected_systems": database.name,
            "system_ids": [database.pk],
            "summary": "資料庫稽核日誌告警：客服後台帳號於凌晨自非常用 IP 大量匯出會員資料，疑似帳號遭盜用。",
            "consequences": "可能遭用於詐騙電話或假冒客服",
            "measures_taken": "已停用該客服帳號、封鎖來源 IP、保全資料庫稽核日誌。",
            "measures_planned": "調查匯出範圍、通知委託者、評估通報主管機關。",
            "serious": True,
            "contract_notice_hours": 24,
            "owner": cast.security,
        },
        clients=[ecommerce],
    )
    incidents.add_timeline(
        actor=cast.security,
        incident=live,
        text="已電話通知好日子購物資訊部周經理，正式書面通知待初步調查後寄出。",
    )
    for task in live.tasks.all():
        if task.title.startswith(("止血：限縮客戶帳號存取權限", "調查：調取 log")):
            incidents.set_task_done(actor=cast.security, task=task, done=True)
    return 2


def _drill_documents(cast: Cast, drill: Any, ecommerce: Client) -> None:
    """What the drill left for 附錄三: the client's SMS to its members, a training sign-in sheet and the
    social-engineering drill result (圖19–21)."""
    from shouhu.incidents import notices
    from shouhu.incidents import services as incidents

    sms = notices.save_subject_notice(
        actor=cast.security,
        incident=drill,
        channel="sms",
        client=ecommerce,
        kinds=["leak"],
        data_items="會員姓名、電話、地址",
        measures="停用遭盜用之管理帳號並封鎖來源",
        hotline="0800-000-123",
    )
    notices.mark_subject_notice_sent(actor=cast.security, notice=sms, at=at(-69, 10, 0), recipients=1_200)
    for name, category, text in (
        (
            "個資暨資安教育訓練簽到表.csv",
            "training",
            "部門,姓名,職稱,簽到,簽退,測驗分數\n資安部,黃建宏,資安長,✔,✔,100\n",
        ),
        (
            "社交工程演練結果.txt",
            "phishing_drill",
            "本年度第1次社交工程演練：全公司 13 位同仁，12 位通過。\n",
        ),
    ):
        incidents.attach_evidence(
            actor=cast.security, incident=drill, file=text.encode("utf-8"), filename=name, category=category
        )


@step(order=50)
def load(ctx: DemoContext) -> None:
    ctx.count(
        "incidents",
        "事故（含演練）",
        load_incidents(ctx.cast, ctx.clients, ctx.shared["inventory"]["systems"]),
    )
