"""Writes for log monitoring: sources and their rules, files to read, blocklists, and alert decisions.

Each checks its permission, validates with zh-TW messages and writes an audit row. Alert decisions
(confirm, assign, close, turn into an incident) are audited with who, when and why.
"""

from __future__ import annotations

import io
import shutil
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import may_link, require
from shouhu.audit.services import diff, record, snapshot
from shouhu.engines.logwatch import FORMATS, RULES, parse_blocklist, settings_for
from shouhu.evidence.services import store as store_evidence
from shouhu.jobs.services import enqueue
from shouhu.logwatch.models import (
    Alert,
    AlertStatus,
    Blocklist,
    CloseReason,
    Ingest,
    LogFile,
    LogSource,
    Origin,
)
from shouhu.logwatch.storage import get_store, spool_dir
from shouhu.logwatch.validation import folder_errors

INGEST_JOB = "logwatch.ingest"
SOURCE_FIELDS = (
    "name", "format", "system", "options", "folder", "pattern", "allowed_countries", "admin_accounts",
    "admin_paths", "login_paths", "active",
)  # fmt: skip
MAX_API_LINES = 50_000
MAX_API_BYTES = 8 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "SHOUHU_LOGWATCH_MAX_UPLOAD_MB", 2048)) * 1024 * 1024


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# --- sources ---------------------------------------------------------------------------------------


def _clean_source(actor: Any, source: LogSource, *, system_before: int | None = None) -> None:
    errors: dict[str, list[str]] = {}
    system = source.system if source.system_id else None
    if (
        system is not None
        and system.pk != system_before
        and not may_link(actor, "inventory.view", system.department_id)
    ):  # the API posts ids; the pages list only the systems the user may read
        errors["system"] = [_("所選的系統不存在，或屬於您無權檢視的部門。")]
    if source.format not in FORMATS:
        errors["format"] = [_("請選擇記錄格式。")]
    elif FORMATS[source.format].needs_mapping and not (source.options.get("mapping") or {}).get("time"):
        errors["options"] = [_("CSV 來源須指定哪一欄是時間。")]
    problems = folder_errors(source.folder.strip(), user=actor)
    if problems:
        errors["folder"] = problems
    countries = [
        c.strip().upper() for c in source.allowed_countries.replace("、", ",").split(",") if c.strip()
    ]
    if any(len(c) != 2 or not c.isalpha() for c in countries):
        errors["allowed_countries"] = [_("國家請填兩個字母的代碼（ISO 3166），以逗號分隔，例如 TW, JP。")]
    source.allowed_countries = ", ".join(countries)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_source(*, actor: Any, data: Mapping[str, Any]) -> LogSource:
    require(actor, "logwatch.manage")
    source = LogSource(created_by=_actor(actor))
    for name in SOURCE_FIELDS:
        if name in data:
            setattr(source, name, data[name])
    source.folder = source.folder.strip()
    _clean_source(actor, source)
    source.full_clean()
    source.save()
    record(
        actor=actor,
        action="logwatch.source_created",
        obj=source,
        changes=diff({}, snapshot(source, SOURCE_FIELDS)),
    )
    return source


@transaction.atomic
def update_source(*, actor: Any, source: LogSource, data: Mapping[str, Any]) -> LogSource:
    require(actor, "logwatch.manage")
    before = snapshot(source, SOURCE_FIELDS)
    system_before = source.system_id
    for name in SOURCE_FIELDS:
        if name in data:
            setattr(source, name, data[name])
    source.folder = source.folder.strip()
    _clean_source(actor, source, system_before=system_before)
    source.full_clean()
    changes = diff(before, snapshot(source, SOURCE_FIELDS))
    if changes:
        source.save()
        record(actor=actor, action="logwatch.source_updated", obj=source, changes=changes)
    return source


@transaction.atomic
def delete_source(*, actor: Any, source: LogSource) -> None:
    require(actor, "logwatch.manage")
    if source.alerts.filter(status__in=[AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED]).exists():
        raise ValidationError(_("此來源仍有未結案的警示，請先處理後再刪除。"))
    record(
        actor=actor,
        action="logwatch.source_deleted",
        obj=source,
        changes=diff(snapshot(source, SOURCE_FIELDS), {}),
    )
    source_id = source.pk
    source.delete()
    transaction.on_commit(lambda: get_store().delete_source(source_id))


@transaction.atomic
def set_rules(*, actor: Any, source: LogSource, data: Mapping[str, Mapping[str, Any]]) -> LogSource:
    """``data``: {rule: {"enabled": bool, param: value}}. Values are checked against each rule's ranges."""
    require(actor, "logwatch.manage")
    errors: dict[str, list[str]] = {}
    new: dict[str, dict[str, Any]] = {}
    for rule_id in RULES:
        values = data.get(rule_id, {})
        merged, problems = settings_for(rule_id, values)
        for key, message in problems.items():
            errors.setdefault(f"{rule_id}.{key}", []).append(message)
        new[rule_id] = {"enabled": bool(values.get("enabled", True)), **merged}
    if errors:
        raise ValidationError(errors)
    old = source.rules
    if old != new:
        source.rules = new
        source.save(update_fields=["rules", "updated_at"])
        record(actor=actor, action="logwatch.rules_updated", obj=source, changes={"rules": [old, new]})
    return source


def rule_settings(source: LogSource) -> dict[str, dict[str, Any]]:
    """Each rule's settings for a source: its saved values over the defaults (all rules on by default)."""
    out = {}
    for rule_id in RULES:
        saved = source.rules.get(rule_id, {})
        merged, _errors = settings_for(rule_id, saved)
        out[rule_id] = {"enabled": bool(saved.get("enabled", True)), **merged}
    return out


# --- files to read ---------------------------------------------------------------------------------


def _start(actor: Any, source: LogSource, log_file: LogFile, *, spool: str = "", size: int = 0) -> Ingest:
    busy = ["queued", "running"]
    if log_file.ingests.filter(status__in=busy, job__status__in=busy).exists():  # a dead job frees the file
        raise ValidationError(_("這個檔案正在讀取中，請等待完成。"))
    ingest = Ingest.objects.create(
        source=source, file=log_file, spool=spool, size=size, start_offset=log_file.offset,
        start_line=log_file.lines, created_by=_actor(actor),
    )  # fmt: skip
    ingest.job = enqueue(actor=actor, kind=INGEST_JOB, params={"ingest_id": ingest.pk}, check_perm=False)
    ingest.save(update_fields=["job"])
    record(
        actor=actor,
        action="logwatch.ingest_started",
        obj=ingest,
        changes={"file": [None, log_file.name], "size": [None, size]},
    )
    return ingest


def _spool(file: IO[bytes]) -> tuple[Path, int]:
    target = spool_dir() / uuid.uuid4().hex
    size = 0
    with target.open("wb") as out:
        while block := file.read(1024 * 1024):
            size += len(block)
            if size > max_upload_bytes():
                out.close()
                target.unlink(missing_ok=True)
                raise ValidationError(
                    _("檔案超過上傳上限 %(mb)s MB。") % {"mb": max_upload_bytes() // 1024 // 1024}
                )
            out.write(block)
    target.chmod(0o600)
    return target, size


@transaction.atomic
def upload(*, actor: Any, source: LogSource, file: IO[bytes], filename: str) -> Ingest:
    """Queue an uploaded file for reading. The same name read before continues where it stopped when the
    file only grew; a rotated or different file is read from the start (decided by the job)."""
    require(actor, "logwatch.ingest")
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:255]
    if not name:
        raise ValidationError(_("缺少檔名。"))
    path, size = _spool(file)
    if size == 0:
        path.unlink(missing_ok=True)
        raise ValidationError(_("檔案是空的。"))
    log_file, _created = LogFile.objects.get_or_create(
        source=source, name=name, defaults={"origin": Origin.UPLOAD}
    )
    try:
        return _start(actor, source, log_file, spool=str(path), size=size)
    except ValidationError:
        path.unlink(missing_ok=True)
        raise


@transaction.atomic
def receive_lines(*, actor: Any, source: LogSource, lines: list[str], batch: str = "") -> Ingest:
    """Lines sent by API. ``batch`` names the delivery: sending the same batch again adds nothing."""
    require(actor, "logwatch.ingest")
    if not lines:
        raise ValidationError({"lines": [_("沒有任何記錄行。")]})
    if len(lines) > MAX_API_LINES:
        raise ValidationError({"lines": [_("一次最多 %(n)s 行。") % {"n": MAX_API_LINES}]})
    body = ("\n".join(line.replace("\n", " ") for line in lines) + "\n").encode("utf-8")
    if len(body) > MAX_API_BYTES:
        raise ValidationError({"lines": [_("一次最多 8 MB。")]})
    name = f"api:{batch or uuid.uuid4().hex}"[:255]
    path, size = _spool(io.BytesIO(body))
    log_file, _created = LogFile.objects.get_or_create(
        source=source, name=name, defaults={"origin": Origin.API}
    )
    return _start(actor, source, log_file, spool=str(path), size=size)


@transaction.atomic
def read_folder(*, actor: Any, source: LogSource, check_perm: bool = True) -> list[Ingest]:
    """Queue every matching file in the source's folder that has new content (the schedule passes
    ``check_perm=False``: it reads what an administrator configured)."""
    if check_perm:
        require(actor, "logwatch.ingest")
    if not source.folder:
        raise ValidationError(_("此來源沒有設定伺服器資料夾。"))
    from shouhu.logwatch.validation import inside_allowed

    folder = Path(source.folder)
    if not inside_allowed(folder) or not folder.is_dir():
        raise ValidationError(_("伺服器資料夾不在允許範圍內或已不存在。"))
    started = []
    for path in sorted(folder.glob(source.pattern or "*"), key=lambda p: p.stat().st_mtime):
        if not path.is_file() or not inside_allowed(path):
            continue
        log_file, _created = LogFile.objects.get_or_create(
            source=source, name=str(path), defaults={"origin": Origin.FOLDER}
        )
        size = path.stat().st_size
        if not _created and size == log_file.offset:
            continue  # nothing new (a gzip read before keeps its decompressed offset: the job decides)
        if log_file.ingests.filter(status__in=["queued", "running"]).exists():
            continue
        started.append(_start(actor, source, log_file, size=size))
    return started


def discard_spool(ingest: Ingest) -> None:
    if ingest.spool:
        Path(ingest.spool).unlink(missing_ok=True)


# --- blocklists ------------------------------------------------------------------------------------


@transaction.atomic
def import_blocklist(*, actor: Any, name: str, file: IO[bytes] | bytes, filename: str) -> Blocklist:
    require(actor, "logwatch.manage")
    name = name.strip()
    if not name:
        raise ValidationError({"name": [_("請填寫名稱。")]})
    raw = file if isinstance(file, bytes) else file.read(20 * 1024 * 1024 + 1)
    if len(raw) > 20 * 1024 * 1024:
        raise ValidationError({"file": [_("黑名單檔案最大 20 MB。")]})
    try:
        parsed = parse_blocklist(raw.decode("utf-8-sig", errors="replace"))
    except ValueError:
        raise ValidationError({"file": [_("黑名單項目過多（上限 200 萬筆）。")]}) from None
    if parsed.size == 0:
        raise ValidationError({"file": [_("檔案中沒有可辨識的 IP、網段或網域。")]})
    stored_name = (
        filename if filename.lower().endswith((".txt", ".csv")) else f"{filename or 'blocklist'}.txt"
    )
    evidence = store_evidence(
        actor=actor,
        file=raw,
        filename=stored_name,
        description=f"黑名單：{name}",
        context="logwatch.blocklist",
        check_perm=False,
    )
    entries = "\n".join(sorted([str(n) for n in parsed.networks] + sorted(parsed.domains)))
    blocklist, created = Blocklist.objects.update_or_create(
        name=name,
        defaults={
            "evidence": evidence, "entries": entries, "networks": len(parsed.networks), "domains": len(parsed.domains),
            "ignored": parsed.ignored, "active": True, "created_by": _actor(actor),
        },
    )  # fmt: skip
    record(
        actor=actor, action="logwatch.blocklist_imported", obj=blocklist,
        changes={"networks": [None, len(parsed.networks)], "domains": [None, len(parsed.domains)], "ignored": [None, parsed.ignored], "sha256": [None, evidence.blob.sha256]},
    )  # fmt: skip
    return blocklist


@transaction.atomic
def set_blocklist_active(*, actor: Any, blocklist: Blocklist, active: bool) -> None:
    require(actor, "logwatch.manage")
    if blocklist.active != active:
        record(
            actor=actor,
            action="logwatch.blocklist_toggled",
            obj=blocklist,
            changes={"active": [blocklist.active, active]},
        )
        blocklist.active = active
        blocklist.save(update_fields=["active"])


# --- alert decisions -------------------------------------------------------------------------------

_OPEN = (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED)


def _locked(alert: Alert) -> Alert:
    return Alert.objects.select_for_update().get(pk=alert.pk)


@transaction.atomic
def acknowledge(*, actor: Any, alert: Alert) -> Alert:
    """A person confirms the alert: this is the moment of 知悉 (awareness) an incident would start from."""
    require(actor, "logwatch.triage")
    alert = _locked(alert)
    if alert.status != AlertStatus.OPEN:
        raise ValidationError(_("只有待處理的警示可以確認。"))
    alert.status, alert.acknowledged_at, alert.acknowledged_by = (
        AlertStatus.ACKNOWLEDGED,
        timezone.now(),
        actor,
    )
    if alert.assignee is None:
        alert.assignee = actor
    alert.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "assignee", "updated_at"])
    record(
        actor=actor,
        action="logwatch.alert_acknowledged",
        obj=alert,
        changes={
            "status": [AlertStatus.OPEN, alert.status],
            "acknowledged_at": [None, alert.acknowledged_at.isoformat()],
        },
    )
    if alert.drill_id:
        from shouhu.logwatch.drills import drill_acknowledged

        drill_acknowledged(actor=actor, alert=alert)
    return alert


@transaction.atomic
def assign(*, actor: Any, alert: Alert, user: Any | None) -> Alert:
    require(actor, "logwatch.triage")
    alert = _locked(alert)
    if alert.status not in _OPEN:
        raise ValidationError(_("已結案或已轉為事故的警示不能再指派。"))
    if user is not None:
        from shouhu.accounts.permissions import has_perm

        if not has_perm(user, "logwatch.triage"):
            raise ValidationError({"assignee": [_("此使用者沒有處理警示的權限。")]})
    old = alert.assignee_id
    alert.assignee = user
    alert.save(update_fields=["assignee", "updated_at"])
    record(
        actor=actor,
        action="logwatch.alert_assigned",
        obj=alert,
        changes={"assignee": [old, getattr(user, "pk", None)]},
    )
    return alert


@transaction.atomic
def close(*, actor: Any, alert: Alert, reason: str, note: str = "") -> Alert:
    require(actor, "logwatch.triage")
    alert = _locked(alert)
    if alert.status not in _OPEN:
        raise ValidationError(_("此警示已結案或已轉為事故。"))
    if reason not in CloseReason.values:
        raise ValidationError({"reason": [_("請選擇結案原因。")]})
    note = note.strip()
    if reason in (CloseReason.OTHER, CloseReason.FALSE_POSITIVE, CloseReason.EXPECTED) and not note:
        raise ValidationError({"note": [_("請說明結案理由（例如為何判斷為誤判或合理活動）。")]})
    old = alert.status
    now = timezone.now()
    alert.status, alert.closed_at, alert.closed_by = AlertStatus.CLOSED, now, actor
    alert.close_reason, alert.close_note = reason, note[:2000]
    if alert.acknowledged_at is None:
        alert.acknowledged_at, alert.acknowledged_by = now, actor
    alert.save(
        update_fields=[
            "status",
            "closed_at",
            "closed_by",
            "close_reason",
            "close_note",
            "acknowledged_at",
            "acknowledged_by",
            "updated_at",
        ]
    )
    record(
        actor=actor,
        action="logwatch.alert_closed",
        obj=alert,
        changes={
            "status": [old, AlertStatus.CLOSED],
            "close_reason": [None, reason],
            "close_note": [None, alert.close_note],
        },
    )
    if alert.drill_id:
        from shouhu.logwatch.drills import drill_acknowledged

        drill_acknowledged(actor=actor, alert=alert)
    return alert


@transaction.atomic
def to_incident(*, actor: Any, alert: Alert) -> int:
    """Turn the alert into an incident through the incidents service, with the facts filled in.

    發現 (discovered) is when Shouhu raised the alert; 知悉 (aware) is when a person confirmed it, which is
    now if nobody had confirmed it before this click. Returns the incident id.
    """
    require(actor, "logwatch.triage")
    from shouhu.incidents.services import report_incident

    alert = _locked(alert)
    if alert.status not in _OPEN:
        raise ValidationError(_("此警示已結案或已轉為事故。"))
    now = timezone.now()
    if alert.acknowledged_at is None:
        alert.acknowledged_at, alert.acknowledged_by = now, actor
    source = alert.source
    rule = RULES[alert.rule]
    data: dict[str, Any] = {
        "title": f"{rule.title_zh}：{alert.subject}（{source.name}）"[:200],
        "is_drill": alert.drill_id is not None,
        "occurred_at": alert.first_at,
        "discovered_at": alert.created_at,
        "aware_at": alert.acknowledged_at,
        # The incident record and the regulator's forms are in Traditional Chinese whatever the UI language.
        "summary": f"存取紀錄監控警示 #{alert.pk}：{alert.explanation_zh}\n依據：{rule.basis_zh}",
        "affected_systems": source.system.name if source.system is not None else source.name,
        "system_ids": [source.system_id] if source.system_id else [],
        "records_unknown": True,
    }
    incident = report_incident(actor=actor, data=data)
    old = alert.status
    alert.status, alert.incident_id = AlertStatus.INCIDENT, incident.pk
    if alert.assignee is None:
        alert.assignee = actor
    alert.save(
        update_fields=[
            "status",
            "incident_id",
            "acknowledged_at",
            "acknowledged_by",
            "assignee",
            "updated_at",
        ]
    )
    record(
        actor=actor,
        action="logwatch.alert_to_incident",
        obj=alert,
        changes={"status": [old, AlertStatus.INCIDENT], "incident": [None, incident.pk]},
    )
    if alert.drill_id:
        from shouhu.logwatch.drills import drill_acknowledged

        drill_acknowledged(actor=actor, alert=alert)
    return int(incident.pk)


def remove_spool_dir_contents_older_than(days: int = 7) -> int:
    """Housekeeping: uploaded copies left by failed reads (their content is in the evidence store)."""
    cutoff = timezone.now().timestamp() - days * 86400
    removed = 0
    for path in spool_dir().iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
        elif path.is_dir() and path.stat().st_mtime < cutoff:
            shutil.rmtree(path, ignore_errors=True)
    return removed
