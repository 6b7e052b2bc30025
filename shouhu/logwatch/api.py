"""Log-monitoring endpoints: sources, sending log lines or files, read status, alerts and decisions.

Alerts carry the account or address they concern (what a reviewer needs); never raw log lines.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from shouhu.accounts.models import User
from shouhu.accounts.permissions import require
from shouhu.logwatch import selectors, services
from shouhu.logwatch.models import Alert, Ingest, LogSource

router = Router(tags=["logwatch"])


class LogSourceOut(Schema):
    id: int
    name: str
    format: str
    system_id: int | None
    allowed_countries: str
    active: bool
    open_alerts: int


class IngestOut(Schema):
    id: int
    source_id: int
    file: str
    status: str
    job_id: int | None
    progress: int
    total: int
    start_offset: int
    end_offset: int
    lines: int
    events: int
    malformed: int
    rejects: dict[str, Any]
    alerts: int
    raw_sha256: str
    notes: list[str] = Field(description="Notes on the read, in Traditional Chinese (as stored)")
    notes_en: list[str] = Field(description="The same notes in English")
    error: str = Field(description="Why the read failed, in Traditional Chinese (as stored)")
    error_en: str = Field(description="The same in English")
    created_at: dt.datetime
    finished_at: dt.datetime | None

    @staticmethod
    def resolve_file(obj: Ingest) -> str:
        return obj.file.name

    @staticmethod
    def resolve_notes_en(obj: Ingest) -> list[str]:
        with translation.override("en"):
            return obj.notes_shown

    @staticmethod
    def resolve_error_en(obj: Ingest) -> str:
        with translation.override("en"):
            return obj.error_shown

    @staticmethod
    def resolve_progress(obj: Ingest) -> int:
        return int(obj.job.progress) if obj.job else 0

    @staticmethod
    def resolve_total(obj: Ingest) -> int:
        return int(obj.job.total) if obj.job else 0


class AlertOut(Schema):
    id: int
    source_id: int
    rule: str
    subject: str
    severity: str
    status: str
    explanation_zh: str
    explanation_en: str
    first_at: dt.datetime
    last_at: dt.datetime
    count: int
    bytes: int
    rows: int
    facts: dict[str, Any]
    lines: list[int]
    is_drill: bool
    assignee_id: int | None
    acknowledged_at: dt.datetime | None
    closed_at: dt.datetime | None
    close_reason: str
    close_note: str
    incident_id: int | None
    created_at: dt.datetime


class LinesIn(Schema):
    lines: list[str]
    batch: str = ""


class AssignIn(Schema):
    assignee_id: int | None = None


class CloseIn(Schema):
    reason: str
    note: str = ""


class AlertIncidentOut(Schema):
    alert: AlertOut
    incident_id: int


def _ingest(pk: int) -> Ingest:
    return get_object_or_404(Ingest.objects.select_related("file", "job"), pk=pk)


def _alert(pk: int) -> Alert:
    return get_object_or_404(Alert.objects.select_related("source"), pk=pk)


@router.get("/sources", response=list[LogSourceOut], summary="記錄來源")
def list_sources(request: HttpRequest) -> Any:
    require(request.user, "logwatch.view")
    return list(selectors.sources())


@router.post("/sources/{source_id}/lines", response={202: IngestOut}, summary="送入記錄行（背景讀取）")
def send_lines(request: HttpRequest, source_id: int, payload: LinesIn) -> Any:
    source = get_object_or_404(LogSource, pk=source_id)
    ingest = services.receive_lines(
        actor=request.user, source=source, lines=payload.lines, batch=payload.batch
    )
    return Status(202, _ingest(ingest.pk))


@router.post(
    "/sources/{source_id}/files", response={202: IngestOut}, summary="上傳記錄檔（可為 gzip；背景讀取）"
)
def send_file(request: HttpRequest, source_id: int, file: File[UploadedFile]) -> Any:
    source = get_object_or_404(LogSource, pk=source_id)
    ingest = services.upload(actor=request.user, source=source, file=file, filename=file.name or "")
    return Status(202, _ingest(ingest.pk))


@router.get("/ingests/{ingest_id}", response=IngestOut, summary="讀取進度與結果")
def get_ingest(request: HttpRequest, ingest_id: int) -> Any:
    require(request.user, "logwatch.view")
    return _ingest(ingest_id)


@router.get("/alerts", response=list[AlertOut], summary="警示")
def list_alerts(
    request: HttpRequest,
    status: str = "active",
    source_id: int | None = None,
    rule: str = "",
    limit: int = 100,
) -> Any:
    require(request.user, "logwatch.view")
    return list(
        selectors.alerts(status=status if status != "all" else "", source_id=source_id, rule=rule)[
            : max(1, min(limit, 1000))
        ]
    )


@router.get("/alerts/{alert_id}", response=AlertOut, summary="警示內容")
def get_alert(request: HttpRequest, alert_id: int) -> Any:
    require(request.user, "logwatch.view")
    return _alert(alert_id)


@router.post("/alerts/{alert_id}/acknowledge", response=AlertOut, summary="確認警示（記錄知悉時間）")
def acknowledge(request: HttpRequest, alert_id: int) -> Any:
    return services.acknowledge(actor=request.user, alert=_alert(alert_id))


@router.post("/alerts/{alert_id}/assign", response=AlertOut, summary="指派負責人")
def assign(request: HttpRequest, alert_id: int, payload: AssignIn) -> Any:
    user = get_object_or_404(User, pk=payload.assignee_id) if payload.assignee_id else None
    return services.assign(actor=request.user, alert=_alert(alert_id), user=user)


@router.post("/alerts/{alert_id}/close", response=AlertOut, summary="結案（附原因）")
def close(request: HttpRequest, alert_id: int, payload: CloseIn) -> Any:
    return services.close(
        actor=request.user, alert=_alert(alert_id), reason=payload.reason, note=payload.note
    )


@router.post("/alerts/{alert_id}/incident", response={201: AlertIncidentOut}, summary="轉為個資事故")
def to_incident(request: HttpRequest, alert_id: int) -> Any:
    incident_id = services.to_incident(actor=request.user, alert=_alert(alert_id))
    return Status(201, {"alert": _alert(alert_id), "incident_id": incident_id})
