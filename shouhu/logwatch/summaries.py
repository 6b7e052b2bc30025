"""The monthly summary of one source: events per day, alerts by rule, how fast alerts were closed, drills.

Kept as a PDF in the evidence store (charts drawn as SVG on the server), and it completes the calendar's
monthly monitoring obligation.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.core.exports import ExportError, pdf_from_html
from shouhu.core.messages import compose, define
from shouhu.engines.logwatch import RULES
from shouhu.engines.logwatch.store import month_bounds
from shouhu.engines.logwatch.timeparse import from_ms
from shouhu.evidence import names
from shouhu.evidence.services import store as store_evidence
from shouhu.logwatch.models import Alert, AlertStatus, Drill, Ingest, LogSource, MonthlySummary
from shouhu.logwatch.storage import get_store

OBLIGATION = "access-log-monitoring"
# The compliance calendar's note for a monthly summary (shown in the reader's language).
SUMMARY_NOTE = define(
    "logwatch.summary_note",
    gettext_noop(
        "存取紀錄監控每月摘要 {source} {month}：事件 {events:,} 筆、警示 {alerts} 則（佐證 #{evidence}）"
    ),
)


@dataclass(frozen=True)
class BarChart:
    """Geometry of a server-side SVG bar chart."""

    width: int
    height: int
    bars: list[dict[str, Any]]
    max_value: int
    unit: str


def bar_chart(
    values: list[tuple[str, int]], *, unit: str = "", width: int = 640, height: int = 180
) -> BarChart:
    top = max([v for _, v in values] + [1])
    inner = height - 40
    slot = (width - 60) / max(len(values), 1)
    bars = []
    for i, (label, value) in enumerate(values):
        h = round(value * inner / top, 1)
        bars.append({"x": round(50 + i * slot, 1), "w": round(max(slot - 2, 1), 1), "y": round(10 + inner - h, 1),
                     "h": h, "label": label, "value": value, "tx": round(50 + i * slot + slot / 2, 1)})  # fmt: skip
    return BarChart(width, height, bars, top, unit)


def valid_month(month: str) -> str:
    try:
        day = dt.date.fromisoformat(f"{month}-01")
    except ValueError:
        raise ValidationError({"month": [_("月份格式為 YYYY-MM。")]}) from None
    if day > timezone.localdate():
        raise ValidationError({"month": [_("不能為尚未開始的月份製作摘要。")]})
    return month


def figures(source: LogSource, month: str) -> dict[str, Any]:
    start_ms, end_ms = month_bounds(month)
    start, end = from_ms(start_ms), from_ms(end_ms)
    days = get_store().daily(source.pk, start_ms, end_ms)
    alerts = list(Alert.objects.filter(source=source, created_at__gte=start, created_at__lt=end))
    by_rule = dict.fromkeys(RULES, 0)
    for a in alerts:
        by_rule[a.rule] = by_rule.get(a.rule, 0) + 1
    closure_hours = [
        (a.closed_at - a.created_at).total_seconds() / 3600 for a in alerts if a.closed_at is not None
    ]
    ack_hours = [
        (a.acknowledged_at - a.created_at).total_seconds() / 3600 for a in alerts if a.acknowledged_at
    ]
    ingests = Ingest.objects.filter(source=source, finished_at__gte=start, finished_at__lt=end)
    drills = Drill.objects.filter(source=source, injected_at__gte=start, injected_at__lt=end)
    return {
        "month": month,
        "events": sum(d.events for d in days),
        "bytes": sum(d.bytes for d in days),
        "days": [
            {"day": d.day.isoformat(), "events": d.events, "bytes": d.bytes, "accounts": d.accounts}
            for d in days
        ],
        "alerts": len(alerts),
        "open": sum(1 for a in alerts if a.status in (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED)),
        "incidents": sum(1 for a in alerts if a.status == AlertStatus.INCIDENT),
        "by_rule": by_rule,
        "closed": len(closure_hours),
        "median_close_hours": round(statistics.median(closure_hours), 1) if closure_hours else None,
        "max_close_hours": round(max(closure_hours), 1) if closure_hours else None,
        "median_ack_hours": round(statistics.median(ack_hours), 1) if ack_hours else None,
        "reads": ingests.count(),
        "malformed": sum(i.malformed for i in ingests),
        "drills": [
            {
                "id": d.pk,
                "scenario": d.scenario,
                "seconds_to_alert": d.seconds_to_alert,
                "seconds_to_ack": d.seconds_to_ack,
                "status": d.status,
            }
            for d in drills
        ],
    }


def render(source: LogSource, data: dict[str, Any]) -> str:
    volume = bar_chart([(d["day"][8:], d["events"]) for d in data["days"]], unit=_("事件"))
    rules = bar_chart(
        [(RULES[k].title_zh[:6], v) for k, v in data["by_rule"].items()], unit=_("警示"), height=200
    )
    return render_to_string("logwatch/summary_document.html", {"source": source, "f": data, "volume": volume, "rules": rules,
                                                                "rule_titles": {k: r.title_zh for k, r in RULES.items()}})  # fmt: skip


@transaction.atomic
def create(*, actor: Any, source: LogSource, month: str, check_perm: bool = True) -> MonthlySummary:
    """The monthly summary of ``source`` as a PDF kept as evidence; completes the monitoring obligation.

    ``check_perm=False`` only for the scheduled ``logwatch.monthly`` job (no user; audited as the system).
    """
    if check_perm:
        require(actor, "logwatch.manage")
    month = valid_month(month)
    if MonthlySummary.objects.filter(source=source, month=month).exists():
        raise ValidationError(_("這個月份的摘要已經產生過。"))
    data = figures(source, month)
    try:
        pdf = pdf_from_html(render(source, data))
    except ExportError as exc:
        raise ValidationError(str(exc)) from None
    named = compose(names.LOG_SUMMARY, source=source.pk, month=month)  # internal: the reader's language
    evidence = store_evidence(actor=actor, file=pdf, filename=named.text, named=named,
                              description=f"存取紀錄監控每月摘要：{source.name} {month}",
                              context=f"logwatch.source:{source.pk}", check_perm=False)  # fmt: skip
    summary = MonthlySummary.objects.create(
        source=source,
        month=month,
        figures=data,
        evidence=evidence,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(
        actor=actor,
        action="logwatch.summary_created",
        obj=summary,
        changes={
            "month": [None, month],
            "alerts": [None, data["alerts"]],
            "sha256": [None, evidence.blob.sha256],
        },
    )
    from shouhu.law.services import complete_from_record

    complete_from_record(actor=actor, key=OBLIGATION, done_on=timezone.localdate(),
                         note=compose(SUMMARY_NOTE, source=source.name, month=month, events=data["events"],
                                      alerts=data["alerts"], evidence=evidence.pk))  # fmt: skip
    return summary


def previous_month(today: dt.date) -> str:
    """ "YYYY-MM" of the calendar month before ``today`` (a Taiwan date)."""
    last = today.replace(day=1) - dt.timedelta(days=1)
    return f"{last.year:04d}-{last.month:02d}"


def create_due(*, today: dt.date | None = None) -> dict[str, int]:
    """For the scheduled job: last month's summary of every active source that existed before this month.

    Each source is handled on its own: one that fails (e.g. PDF fonts missing) is counted and skipped, and
    the next day's run tries it again.
    """
    today = today or timezone.localdate()
    month = previous_month(today)
    start_of_month = dt.datetime(today.year, today.month, 1, tzinfo=timezone.get_current_timezone())
    made = failed = 0
    sources = LogSource.objects.filter(active=True, created_at__lt=start_of_month)
    for source in sources.exclude(summaries__month=month):
        try:
            create(actor=None, source=source, month=month, check_perm=False)
        except ValidationError:
            failed += 1
        else:
            made += 1
    return {"created": made, "failed": failed}
