"""Monitoring drills: at a set time a labelled synthetic event is put into a source as a small file in
the source's own format, read by the same job and rules as real logs. Shouhu records when the alert came
and when a person confirmed it, and a confirmed drill completes the calendar's drill obligation.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.core.messages import compose, define
from shouhu.jobs.models import Job
from shouhu.jobs.services import Progress, handler
from shouhu.logwatch.models import Alert, Drill, DrillStatus, Ingest, LogFile, LogSource, Origin
from shouhu.logwatch.services import _spool, _start, rule_settings

DRILL_JOB = "logwatch.drills"
SCENARIOS = ("failed_logins", "foreign_country")
DRILL_ACCOUNT = "shouhu-drill"
DRILL_IP = "198.51.100.66"  # documentation range: never a real client
DRILL_FOREIGN_IP = "8.8.8.8"  # a public address outside Taiwan
MISSED_AFTER = dt.timedelta(hours=1)
OBLIGATION = "access-monitoring-drill"
# The compliance calendar's note for an acknowledged drill (shown in the reader's language).
DRILL_NOTE = define(
    "logwatch.drill_note",
    gettext_noop(
        "存取紀錄監控演練 #{drill}（{source}）：注入後 {to_alert:.0f} 秒發出警示，{to_ack:.0f} 秒由人員確認。"
    ),
)


@transaction.atomic
def schedule(*, actor: Any, source: LogSource, scenario: str, when: dt.datetime, note: str = "") -> Drill:
    require(actor, "logwatch.manage")
    if scenario not in SCENARIOS:
        raise ValidationError({"scenario": [_("請選擇演練情境。")]})
    if not rule_settings(source)[scenario]["enabled"]:
        raise ValidationError({"scenario": [_("此來源已停用這條規則，演練不會產生警示。")]})
    if scenario == "foreign_country" and "US" in source.allowed_countries:
        raise ValidationError({"scenario": [_("此來源允許美國來源，境外情境的演練不會產生警示。")]})
    drill = Drill.objects.create(
        source=source, scenario=scenario, scheduled_for=when, note=note[:300], created_by=actor
    )
    record(
        actor=actor,
        action="logwatch.drill_scheduled",
        obj=drill,
        changes={"scenario": [None, scenario], "scheduled_for": [None, when.isoformat()]},
    )
    return drill


def _lines(source: LogSource, scenario: str, at: dt.datetime) -> list[str]:
    """The synthetic event(s) in the source's own format."""
    count = rule_settings(source)["failed_logins"]["threshold"] + 1 if scenario == "failed_logins" else 1
    ip = DRILL_IP if scenario == "failed_logins" else DRILL_FOREIGN_IP
    fmt = source.format
    out: list[str] = []
    for i in range(count):
        t = at + dt.timedelta(seconds=i)
        local = timezone.localtime(t)
        if fmt in ("combined", "common"):
            clf = local.strftime("%d/%b/%Y:%H:%M:%S %z")
            if scenario == "failed_logins":
                line = f'{ip} - {DRILL_ACCOUNT} [{clf}] "POST /login HTTP/1.1" 401 64'
            else:
                line = f'{ip} - {DRILL_ACCOUNT} [{clf}] "GET / HTTP/1.1" 200 64'
            out.append(line + (' "-" "shouhu-drill"' if fmt == "combined" else ""))
        elif fmt in ("jsonl", "csv"):
            event = {"time": t.isoformat(), "ip": ip, "account": DRILL_ACCOUNT, "action": "login", "target": "/login",
                     "status": 401 if scenario == "failed_logins" else 200,
                     "outcome": "failure" if scenario == "failed_logins" else "success"}  # fmt: skip
            if fmt == "jsonl":
                mapping = source.options.get("mapping") or {}
                out.append(json.dumps({mapping.get(k) or k: v for k, v in event.items()}))
            else:
                mapping = source.options.get("mapping") or {}
                columns = [mapping.get(k) or k for k in event]
                if i == 0:
                    out.append(",".join(columns))
                out.append(",".join(str(v) for v in event.values()))
        elif fmt == "postgres":
            stamp = local.strftime("%Y-%m-%d %H:%M:%S.000 %z")[:-2]
            if scenario == "failed_logins":
                out.append(
                    f'{stamp} [1] [unknown]@[unknown] {ip} FATAL:  password authentication failed for user "{DRILL_ACCOUNT}"'
                )
            else:
                out.append(
                    f"{stamp} [1] {DRILL_ACCOUNT}@drill {ip} LOG:  connection authorized: user={DRILL_ACCOUNT} database=drill"
                )
        elif fmt == "mysql_general":
            stamp = t.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000000Z")
            if scenario == "failed_logins":
                out.append(
                    f"{stamp}\t{900000 + i} Connect\tAccess denied for user '{DRILL_ACCOUNT}'@'{ip}' (using password: YES)"
                )
            else:
                out.append(f"{stamp}\t900000 Connect\t{DRILL_ACCOUNT}@{ip} on drill using TCP/IP")
        elif fmt == "mariadb_audit":
            stamp = local.strftime("%Y%m%d %H:%M:%S")
            op = "FAILED_CONNECT" if scenario == "failed_logins" else "CONNECT"
            out.append(
                f"{stamp},shouhu,{DRILL_ACCOUNT},{ip},{900000 + i},0,{op},drill,,{1045 if op == 'FAILED_CONNECT' else 0}"
            )
    return out


@transaction.atomic
def inject(*, actor: Any, drill: Drill) -> Ingest:
    """Put the drill's synthetic event into its source now (also used by the schedule)."""
    import io

    drill = Drill.objects.select_for_update().select_related("source").get(pk=drill.pk)
    if drill.status != DrillStatus.SCHEDULED:
        raise ValidationError(_("此演練已執行過。"))
    now = timezone.now()
    body = ("\n".join(_lines(drill.source, drill.scenario, now)) + "\n").encode("utf-8")
    path, size = _spool(io.BytesIO(body))
    log_file, _created = LogFile.objects.get_or_create(
        source=drill.source, name=drill.label, defaults={"origin": Origin.DRILL}
    )
    ingest = _start(actor, drill.source, log_file, spool=str(path), size=size)
    drill.status, drill.injected_at = DrillStatus.INJECTED, now
    drill.save(update_fields=["status", "injected_at"])
    record(
        actor=actor,
        action="logwatch.drill_injected",
        obj=drill,
        changes={"injected_at": [None, now.isoformat()], "ingest": [None, ingest.pk]},
    )
    return ingest


@transaction.atomic
def run_now(*, actor: Any, drill: Drill) -> Ingest:
    require(actor, "logwatch.manage")
    return inject(actor=actor, drill=drill)


def drill_for_label(label: str, source: LogSource) -> Drill | None:
    if not label.startswith("drill:") or not label[6:].isdigit():
        return None
    return Drill.objects.filter(pk=int(label[6:]), source=source).first()


def note_alerts(alerts: list[Alert]) -> None:
    for alert in alerts:
        if alert.drill_id is None:
            continue
        Drill.objects.filter(pk=alert.drill_id, alerted_at__isnull=True).update(
            alerted_at=alert.created_at, status=DrillStatus.ALERTED
        )


def drill_acknowledged(*, actor: Any, alert: Alert) -> None:
    """A person confirmed the drill's alert: record the time and complete the drill obligation."""
    if alert.drill_id is None:
        return
    drill = Drill.objects.select_for_update().filter(pk=alert.drill_id).first()
    if drill is None or drill.acknowledged_at is not None:
        return
    drill.acknowledged_at = alert.acknowledged_at or timezone.now()
    drill.status = DrillStatus.ACKNOWLEDGED
    drill.save(update_fields=["acknowledged_at", "status"])
    record(actor=actor, action="logwatch.drill_acknowledged", obj=drill,
           changes={"seconds_to_alert": [None, drill.seconds_to_alert], "seconds_to_ack": [None, drill.seconds_to_ack]})  # fmt: skip
    from shouhu.law.services import complete_from_record

    note = compose(DRILL_NOTE, drill=drill.pk, source=drill.source.name, to_alert=drill.seconds_to_alert or 0,
                   to_ack=drill.seconds_to_ack or 0)  # fmt: skip
    complete_from_record(
        actor=actor, key=OBLIGATION, done_on=timezone.localdate(drill.acknowledged_at), note=note
    )


@handler(DRILL_JOB, permission="logwatch.manage")
def run_due(job: Job, progress: Progress) -> dict[str, Any]:
    """Scheduled: inject drills whose time has come; mark as missed those with no alert after an hour."""
    now = timezone.now()
    injected = 0
    for drill in Drill.objects.filter(status=DrillStatus.SCHEDULED, scheduled_for__lte=now).select_related(
        "source", "created_by"
    ):
        inject(actor=drill.created_by, drill=drill)
        injected += 1
    missed = Drill.objects.filter(
        status=DrillStatus.INJECTED, alerted_at__isnull=True, injected_at__lt=now - MISSED_AFTER
    )
    count = missed.update(status=DrillStatus.MISSED)
    return {"injected": injected, "missed": count}
