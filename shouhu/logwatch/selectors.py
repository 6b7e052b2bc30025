"""Reads for log monitoring: sources, reads, alerts (with filters), drills, summaries and stored events."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from shouhu.logwatch.models import Alert, AlertStatus, Blocklist, Drill, Ingest, LogSource, MonthlySummary
from shouhu.logwatch.storage import get_store


def sources() -> QuerySet[LogSource]:
    return LogSource.objects.select_related("system").annotate(
        open_alerts=Count("alerts", filter=Q(alerts__status__in=[AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED]))
    )


def recent_ingests(source: LogSource | None = None, limit: int = 20) -> QuerySet[Ingest]:
    qs = Ingest.objects.select_related("file", "job", "source", "created_by")
    if source is not None:
        qs = qs.filter(source=source)
    return qs[:limit]


def alerts(
    *, status: str = "", source_id: int | None = None, rule: str = "", drills: bool | None = None
) -> QuerySet[Alert]:
    qs = Alert.objects.select_related("source", "assignee", "drill")
    if status == "active":
        qs = qs.filter(status__in=[AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED])
    elif status:
        qs = qs.filter(status=status)
    if source_id:
        qs = qs.filter(source_id=source_id)
    if rule:
        qs = qs.filter(rule=rule)
    if drills is not None:
        qs = qs.filter(drill__isnull=not drills)
    return qs


def open_alert_count() -> int:
    return Alert.objects.filter(status__in=[AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED]).count()


def alert_events(alert: Alert, limit: int = 50) -> list[dict[str, Any]]:
    """The stored events behind an alert (by the line numbers it keeps), for the reviewer."""
    start = int(alert.first_at.timestamp() * 1000)
    end = int(alert.last_at.timestamp() * 1000)
    lines = tuple(int(n) for n in alert.lines[:50])
    if not lines:
        return []
    return get_store().events(alert.source_id, start_ms=start, end_ms=end, lines=lines, limit=limit)


def blocklists() -> QuerySet[Blocklist]:
    return Blocklist.objects.select_related("evidence")


def drills() -> QuerySet[Drill]:
    return Drill.objects.select_related("source", "created_by")


def summaries() -> QuerySet[MonthlySummary]:
    return MonthlySummary.objects.select_related("source", "evidence")
