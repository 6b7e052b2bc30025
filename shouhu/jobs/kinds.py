"""What each job kind is called on pages: the job page and list show a name, not the code ("scans.mask").

The names sit here, beside the handler registry (``shouhu.jobs.services.handler``), so one table covers every
kind; a kind without a name (a new one, or a test's) shows its code. A test checks that every registered kind
has a name.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

NAMES: dict[str, str] = {
    "audit.verify": gettext_noop("驗證稽核紀錄"),
    "audit.checkpoint": gettext_noop("稽核紀錄檢查點"),
    "evidence.verify": gettext_noop("驗證佐證檔案"),
    "core.ratelimit_prune": gettext_noop("清除公開頁面送出次數計數"),
    "imports.confirm": gettext_noop("匯入資料"),
    "incidents.package": gettext_noop("產生函復主管機關資料"),
    "incidents.remind": gettext_noop("事故期限提醒"),
    "requests.remind": gettext_noop("當事人請求期限提醒"),
    "law.send_reminders": gettext_noop("法遵行事曆提醒"),
    "plan.implementation_report": gettext_noop("產生實施情形報告"),
    "scans.run": gettext_noop("執行個資掃描"),
    "scans.mask": gettext_noop("檔案遮罩"),
    "scans.mask_database": gettext_noop("資料庫遮罩副本"),
    "logwatch.ingest": gettext_noop("讀取存取紀錄"),
    "logwatch.poll": gettext_noop("檢查記錄資料夾"),
    "logwatch.monthly": gettext_noop("存取紀錄監控每月摘要"),
    "logwatch.drills": gettext_noop("存取紀錄監控演練"),
    "contracts.assurance_pack": gettext_noop("產生委託者查核資料包"),
    "thirdparties.remind": gettext_noop("資料保存期限提醒"),
    "documents.remind": gettext_noop("政策文件閱讀確認提醒"),
    "people.remind": gettext_noop("權限審查與離職檢核提醒"),
}


def name(kind: str) -> str:
    """The job kind ``kind`` in the reader's language; its code when it has no name."""
    return gettext(NAMES[kind]) if kind in NAMES else kind
