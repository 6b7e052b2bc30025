"""The glue between the engine and the records: a source's detector configuration, the volume history,
and findings turned into alerts (one alert per finding key while it is open; later reads update it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import F

from shouhu.audit.services import record
from shouhu.engines.law.officecalendar import is_working_day
from shouhu.engines.logwatch import (
    Blocklist as Matcher,
)
from shouhu.engines.logwatch import (
    Config,
    Detector,
    Endpoint,
    Finding,
    ParsedList,
    WorkingTime,
    volume_findings,
)
from shouhu.engines.logwatch.blocklist import parse as parse_list
from shouhu.engines.logwatch.timeparse import from_ms
from shouhu.inventory.selectors import personal_data_locations
from shouhu.logwatch.models import AccountDay, Alert, AlertStatus, Blocklist, Ingest, LogSource
from shouhu.logwatch.services import rule_settings

EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def blocklist_matcher() -> Matcher:
    lists: list[tuple[str, ParsedList]] = []
    for name, entries in Blocklist.objects.filter(active=True).values_list("name", "entries"):
        lists.append((name, parse_list(entries)))
    return Matcher(lists)


def config_for(source: LogSource, *, blocklist: Matcher | None = None) -> Config:
    settings = rule_settings(source)
    rules = {k: {p: v for p, v in s.items() if p != "enabled"} for k, s in settings.items() if s["enabled"]}
    endpoints = tuple(
        Endpoint(loc.pattern, loc.file_name) for loc in personal_data_locations(system_id=source.system_id)
    ) if source.system_id else tuple(Endpoint(loc.pattern, loc.file_name) for loc in personal_data_locations())  # fmt: skip
    return Config(
        rules=rules,
        allowed_countries=frozenset(c.strip() for c in source.allowed_countries.split(",") if c.strip())
        or frozenset({"TW"}),
        working_time=WorkingTime(is_working_day=is_working_day),
        blocklist=blocklist if blocklist is not None else blocklist_matcher(),
        endpoints=endpoints,
        admin_accounts=frozenset(LogSource.lines_of(source.admin_accounts)),
        admin_paths=tuple(LogSource.lines_of(source.admin_paths)),
        login_paths=tuple(LogSource.lines_of(source.login_paths)),
    )


def detector_for(source: LogSource) -> Detector:
    return Detector(config_for(source), source.state)


def _date(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


def save_day_totals(source: LogSource, detector: Detector) -> None:
    """Add this read's per-account daily totals to the history (the volume rule's baseline)."""
    for (account, day), (events, size, rows) in detector.day_totals.items():
        updated = AccountDay.objects.filter(source=source, account=account, day=_date(day)).update(
            events=F("events") + events, bytes=F("bytes") + size, rows=F("rows") + rows
        )
        if not updated:
            AccountDay.objects.create(
                source=source, account=account, day=_date(day), events=events, bytes=size, rows=rows
            )


def volume(source: LogSource, detector: Detector) -> list[Finding]:
    if "volume" not in detector.config.rules:
        return []
    params = detector.config.rules["volume"]
    touched = list(detector.day_totals)
    if not touched:
        return []
    accounts = {a for a, _d in touched}
    lowest = min(d for _a, d in touched) - params["history_days"]
    totals: dict[tuple[str, int], list[int]] = {}
    for account, day, events, size, rows in AccountDay.objects.filter(
        source=source, account__in=accounts, day__gte=_date(lowest)
    ).values_list("account", "day", "events", "bytes", "rows"):
        totals[(account, day.toordinal())] = [events, size, rows]
    return volume_findings(totals, touched, params, lines=detector.day_lines, labels=detector.day_labels)


def _aware(ms: int) -> dt.datetime:
    return from_ms(ms)


def save_findings(source: LogSource, ingest: Ingest, findings: Iterable[Finding]) -> list[Alert]:
    """Create or update alerts. A finding whose open alert exists adds to it (a grown file); volume
    findings carry the day's totals and replace the figures."""
    from shouhu.logwatch.drills import drill_for_label

    saved: list[Alert] = []
    for f in findings:
        alert = Alert.objects.filter(
            source=source, key=f.key, status__in=[AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED]
        ).first()
        if alert is None:
            alert = Alert(source=source, rule=f.rule, key=f.key, subject=f.subject[:200], severity=f.severity,
                          first_at=_aware(f.first_ms), last_at=_aware(f.last_ms), count=0, facts={}, lines=[])  # fmt: skip
        cumulative = f.rule == "volume"
        alert.count = f.count if cumulative else alert.count + f.count
        alert.bytes = f.bytes if cumulative else alert.bytes + f.bytes
        alert.rows = f.rows if cumulative else alert.rows + f.rows
        alert.first_at = min(alert.first_at, _aware(f.first_ms))
        alert.last_at = max(alert.last_at, _aware(f.last_ms))
        alert.facts = {**alert.facts, **f.facts}
        alert.lines = (list(alert.lines) + [n for n in f.lines if n not in alert.lines])[:20]
        merged = Finding(f.rule, f.key, f.subject, f.severity, int(alert.first_at.timestamp() * 1000),
                         int(alert.last_at.timestamp() * 1000), int(alert.count), int(alert.bytes), int(alert.rows),
                         dict(alert.facts), tuple(alert.lines), f.label)  # fmt: skip
        alert.explanation_zh, alert.explanation_en = merged.explain_zh(), merged.explain_en()
        alert.ingest = ingest
        if f.label and alert.drill_id is None:
            alert.drill = drill_for_label(f.label, source)
        new = alert.pk is None
        alert.save()
        if new:
            record(actor=None, action="logwatch.alert_raised", obj=alert,
                   changes={"rule": [None, alert.rule], "subject": [None, alert.subject], "ingest": [None, ingest.pk]})  # fmt: skip
        saved.append(alert)
    return saved


def alert_rows(alerts: Iterable[Alert]) -> list[dict[str, Any]]:
    return [{"id": a.pk, "rule": a.rule, "subject": a.subject} for a in alerts]
