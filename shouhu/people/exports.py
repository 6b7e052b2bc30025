"""The access-review result as evidence: an XLSX with a summary sheet and one row per account decision, and
the same as a PDF (WeasyPrint) for reading and filing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from shouhu.core.exports import pdf_from_html, xlsx_bytes
from shouhu.core.official import in_official_language
from shouhu.core.rocdate import format_roc_date
from shouhu.people.models import Decision, Review

BASIS = "指引第三章二、（二）6.(4)、附錄二2.6.4（定期檢視使用者權限）；數位經濟相關產業個人資料檔案安全維護管理辦法第12條第3款（人員存取權限之檢視；條次依研究摘要）"


def _name(user: object) -> str:
    if user is None:
        return ""
    full = getattr(user, "get_full_name", lambda: "")()
    return full or getattr(user, "username", "")


def _status(enabled: bool | None) -> str:
    return "未提供" if enabled is None else ("啟用" if enabled else "已停用")


def _tables(review: Review) -> tuple[list[list[Any]], list[str], list[list[Any]]]:
    """The summary (label, value) rows, the account headers and one row per account."""
    accounts = list(review.accounts.select_related("person", "decided_by", "followup").order_by("username"))
    labels = dict(Decision.choices)
    counts = {value: sum(1 for a in accounts if a.decision == value) for value in Decision.values}
    summary: list[list[Any]] = [
        ["系統", review.system.name],
        ["審查名稱", review.title],
        ["審查人", "、".join(_name(u) for u in review.reviewers.order_by("username"))],
        ["建立時間", review.created_at],
        ["完成期限", review.due_on],
        ["結案時間", review.closed_at or ""],
        ["結案者", _name(review.closed_by)],
        ["帳號數", len(accounts)],
        *[[f"決定：{labels[value]}", counts[value]] for value in Decision.values],
        ["未決定", sum(1 for a in accounts if not a.decision)],
        ["依據", BASIS],
        ["產出時間", timezone.now()],
    ]
    rows: list[list[Any]] = [
        [
            a.username, a.display_name, a.email, a.privileges, a.last_login or "",
            _status(a.enabled),
            a.person.name if a.person else "未對應", str(labels.get(a.decision, "未決定")), a.reason,
            _name(a.decided_by), a.decided_at or "",
            a.followup.due_on if hasattr(a, "followup") else "",
            (a.followup.done_at or "未完成") if hasattr(a, "followup") else "",
        ]
        for a in accounts
    ]  # fmt: skip
    headers = ["帳號", "姓名", "電子郵件", "權限", "最近登入", "帳號狀態", "對應人員", "決定", "理由", "決定者", "決定時間",
               "後續處理期限", "後續處理完成"]  # fmt: skip
    return summary, headers, rows


@in_official_language
def review_xlsx(review: Review) -> bytes:
    summary, headers, rows = _tables(review)
    return xlsx_bytes(
        {"摘要": (["項目", "內容"], summary), "帳號審查結果": (headers, rows)},
        title=f"存取權限審查結果：{review.title}",
    )


def _shown(value: Any) -> str:
    """Dates and times as the PDF prints them: ROC dates, Taipei times (民國115年11月20日14時30分)."""
    if isinstance(value, dt.datetime):
        return format_roc_date(value, with_time=True)
    if isinstance(value, dt.date):
        return format_roc_date(value)
    return "" if value is None else str(value)


@in_official_language
def review_pdf(review: Review) -> bytes:
    """The result as a PDF: the summary, then one row per account (raises ``ExportError`` without WeasyPrint
    or a CJK font)."""
    summary, headers, rows = _tables(review)
    html = render_to_string("people/review_pdf.html", {
        "title": f"存取權限審查結果：{review.title}",
        "summary": [(label, _shown(value)) for label, value in summary],
        "headers": headers, "rows": [[_shown(v) for v in row] for row in rows],
    })  # fmt: skip
    return pdf_from_html(html)
