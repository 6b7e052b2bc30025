"""The sentences the system writes on an incident's timeline, as message keys (``shouhu.core.messages``).

Each entry is stored with its key and facts beside the zh-TW text, so an English page reads it in English and
an old entry (text only) still shows as written. Facts that are words (states, categories, channels, fact
names, task titles) are stored as codes or as they were written and put into words here, at render time.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from shouhu.core.messages import Message, compose, define, joined
from shouhu.incidents.facts import FACTS, UNKNOWN_ZH
from shouhu.incidents.models import Channel, EvidenceCategory, Incident, State
from shouhu.incidents.tasks_seed import task_title


def _label(choices: Any, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def _field(name: str) -> str:
    if name == "affected_clients":
        return gettext("受影響之委託者")
    try:
        return str(getattr(Incident._meta.get_field(name), "verbose_name", name))
    except LookupError:
        return name


def _period(p: dict[str, Any]) -> str:
    if p.get("source") == "contract":
        return gettext("{client} {hours} 小時（契約 {contract}）").format(**p)
    if p.get("source") == "incident":
        return gettext("{client} {hours} 小時（契約未載明，依本事件填寫之時限）").format(**p)
    return gettext("{client} 不明（以立即通知計，待確認契約）").format(**p)


def _answer(fact: str, value: Any) -> str:
    """A decided fact's answer in the reader's language (the fact's own display; a yes/no one if it is gone)."""
    spec = FACTS.get(fact)
    if spec is not None:
        return spec.display(value)
    if value is None:
        return gettext(UNKNOWN_ZH)
    return gettext("是") if value else gettext("否")


def _fact(name: str) -> str:
    fact = FACTS.get(name)
    return str(fact.label) if fact else name


def _decision_words(f: dict[str, Any]) -> dict[str, Any]:
    return {
        "fact": _fact(f["fact"]),
        "old": _answer(f["fact"], f["old"]),
        "new": _answer(f["fact"], f["new"]),
    }


def _chief(kind: str) -> str:
    from shouhu.organization.models import Designation

    return _label(Designation.Kind, kind)


def who_notified(chiefs: list[str], extra: int) -> list[str]:
    """Who a suspected event's e-mail reaches, in words: the 總負責人 kinds, then the other recipients."""
    others = [gettext("其他收件者 {count} 位").format(count=extra)] if extra else []
    return [_chief(k) for k in chiefs] + others


REPORTED = define("incidents.reported", N_("通報事件"), context="timeline")  # not the button
REPORTED_DRILL = define("incidents.reported_drill", N_("通報事件（演練）"))
SUSPECT_REPORTED = define("incidents.suspect_reported", N_("通報疑似事件（待分流）"))
SUSPECT_REPORTED_DRILL = define("incidents.suspect_reported_drill", N_("通報疑似事件（待分流）（演練）"))
CONTRACT_PERIODS = define(
    "incidents.contract_periods",
    N_("各委託者契約約定之通知時限：{periods}"),
    lambda f: {"periods": gettext("；").join(_period(p) for p in f["periods"])},
)
UPDATED = define(
    "incidents.updated",
    N_("更新事件資料：{fields}"),
    lambda f: {"fields": joined(_field(n) for n in f["fields"])},
)
RECOMPUTED = define("incidents.recomputed", N_("事件時間或要件變更，已依法規引擎重新計算期限"))
STATE = define(
    "incidents.state",
    N_("狀態變更：{old} → {new}"),
    lambda f: {"old": _label(State, f["old"]), "new": _label(State, f["new"])},
)
TASK_DONE = define("incidents.task_done", N_("完成工作：{task}"), lambda f: {"task": task_title(f["task"])})
TASK_REOPENED = define(
    "incidents.task_reopened", N_("重新開啟工作：{task}"), lambda f: {"task": task_title(f["task"])}
)
DEADLINE_MET = define(
    "incidents.deadline_met",
    N_("完成期限「{deadline}」：{document}{late}"),
    lambda f: {**f, "late": gettext("（已逾期）") if f["late"] else ""},
)
EVIDENCE = define(
    "incidents.evidence",
    N_("新增佐證：{name}（{category}）"),
    lambda f: {"name": f["name"], "category": _label(EvidenceCategory, f["category"])},
)
CLIENT_NOTIFIED = define("incidents.client_notified", N_("以電子郵件通知委託者「{client}」"))
SUBJECTS_NOTIFIED = define(
    "incidents.subjects_notified",
    N_("以{channel}通知當事人（署名：{signer}{count}）"),
    lambda f: {
        "channel": _label(Channel, f["channel"]),
        "signer": f["signer"],
        "count": "" if f["count"] is None else gettext("，{count} 人").format(count=f"{f['count']:,}"),
    },
)
PACKAGE = define("incidents.package", N_("產生函復主管機關資料（{files} 個檔案）"))
REPORT = define(
    "incidents.report",
    N_("產生主管機關通報表（{stage}）"),
    lambda f: {
        "stage": gettext("初報")
        if f["sequence"] == 1
        else gettext("續報（第{n}次）").format(n=f["sequence"] - 1)
    },
)
DECIDED = define(
    "incidents.decided",
    N_("判斷「{fact}」：{old} → {new}"),
    _decision_words,
)
DECIDED_REASON = define(
    "incidents.decided_reason",
    N_("判斷「{fact}」：{old} → {new}。理由：{reason}"),
    lambda f: {**_decision_words(f), "reason": f["reason"]},
)
CORRECTED = define(
    "incidents.corrected",
    N_("更正判斷「{fact}」：{old} → {new}"),
    _decision_words,
)
CORRECTED_REASON = define(
    "incidents.corrected_reason",
    N_("更正判斷「{fact}」：{old} → {new}。理由：{reason}"),
    lambda f: {**_decision_words(f), "reason": f["reason"]},
)
NOT_NOTIFIED = define(
    "incidents.suspect_not_notified",
    N_("未能通知：尚未指定個資／資安總負責人或其電子郵件，亦未設定其他收件者"),
)
NOTICE_FAILED = define(
    "incidents.suspect_notice_failed", N_("通知總負責人之電子郵件寄送失敗，請以電話或其他方式聯繫")
)
NOTIFIED = define(
    "incidents.suspect_notified",
    N_("已以電子郵件通知：{who}"),
    lambda f: {"who": joined(who_notified(f["chiefs"], f["extra"]))},
)
TRIAGED_OPEN = define(
    "incidents.triaged_open", N_("分流：確認為個資事故，知悉時間 {aware}；法定期限依知悉時間重新計算")
)
TRIAGED_DISMISSED = define(
    "incidents.triaged_dismissed", N_("分流：判斷非個資事故，結案（知悉時間 {aware}）。理由：{reason}")
)


# The compliance calendar's note when a drill incident is closed (``law.complete_from_record``).
DRILL_CLOSED = define("incidents.drill_closed", N_("事故演練結案：【演練】{title}"))


def decision(*, fact: str, old: Any, new: Any, reason: str) -> Message:
    """The timeline entry of one answer to a clock-deciding fact (a first answer or a correction)."""
    key = (
        (DECIDED if old is None else CORRECTED)
        if not reason
        else (DECIDED_REASON if old is None else CORRECTED_REASON)
    )
    return compose(key, fact=fact, old=old, new=new, reason=reason)
