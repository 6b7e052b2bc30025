"""Incident documents over the API: 表2 reports (generate, mark sent) and notices to data subjects (draft from
the facts, check, mark sent). Mounted on the incidents router (imported at the end of ``api.py``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Schema, Status

from shouhu.incidents import notices, reports, services
from shouhu.incidents.api import router
from shouhu.incidents.models import AuthorityReport, Incident, SubjectNotice
from shouhu.organization.models import Client, Person


def _incident(request: HttpRequest, pk: int) -> Incident:
    incident = get_object_or_404(Incident, pk=pk)
    services.require_view(request.user, incident)
    return incident


class ReportIn(Schema):
    reporter_id: int | None = Field(None, description="通報人（人員）；省略時為呼叫者本人之人員資料")
    with_pdf: bool = True


class ReportOut(Schema):
    id: int
    sequence: int
    stage: str
    reporter: str | None
    report_time: str
    within_72h: str
    submitted_at: dt.datetime | None
    docx_evidence_id: int
    pdf_evidence_id: int | None

    @staticmethod
    def resolve_stage(obj: AuthorityReport) -> str:
        return obj.stage_zh

    @staticmethod
    def resolve_reporter(obj: AuthorityReport) -> str | None:
        return obj.reporter.name if obj.reporter else None

    @staticmethod
    def resolve_report_time(obj: AuthorityReport) -> str:
        return str(obj.snapshot.get("report_time", ""))

    @staticmethod
    def resolve_within_72h(obj: AuthorityReport) -> str:
        return str(obj.snapshot.get("within_72h", ""))

    @staticmethod
    def resolve_docx_evidence_id(obj: AuthorityReport) -> int:
        return obj.docx_id

    @staticmethod
    def resolve_pdf_evidence_id(obj: AuthorityReport) -> int | None:
        return obj.pdf_id


class SubmittedIn(Schema):
    submitted_at: dt.datetime | None = Field(None, description="送出時間；省略為現在")


class CheckOut(Schema):
    ok: bool
    label: str
    message: str
    severity: str


class SubjectNoticeIn(Schema):
    channel: str = Field(..., description="sms 或 email")
    client_id: int | None = Field(None, description="通知義務人（受影響之委託者）；省略為本公司")
    kinds: list[str]
    data_items: str
    measures: str
    hotline: str
    subject: str = ""
    body: str = Field("", description="省略時依上列事實產生")


class SubjectNoticeOut(Schema):
    id: int
    channel: str
    signer: str
    kinds: list[str]
    data_items: str
    measures: str
    hotline: str
    subject: str
    body: str
    sent_at: dt.datetime | None
    recipients: int | None
    checks: list[CheckOut]
    passes: bool

    @staticmethod
    def resolve_checks(obj: SubjectNotice) -> list[dict[str, Any]]:
        return [c.__dict__ for c in notices.check_subject_notice(obj)]

    @staticmethod
    def resolve_passes(obj: SubjectNotice) -> bool:
        from shouhu.incidents.checker import passes

        return passes(notices.check_subject_notice(obj))


class SentIn(Schema):
    sent_at: dt.datetime | None = None
    recipients: int | None = Field(None, ge=0)


@router.get("/{pk}/reports", response=list[ReportOut], summary="主管機關通報表（表2）")
def list_reports(request: HttpRequest, pk: int) -> Any:
    return _incident(request, pk).reports.select_related("reporter")


@router.post("/{pk}/reports", response={201: ReportOut}, summary="產生表2（初報或續報）")
def generate_report(request: HttpRequest, pk: int, payload: ReportIn) -> Any:
    incident = _incident(request, pk)
    reporter = get_object_or_404(Person, pk=payload.reporter_id) if payload.reporter_id else None
    report = reports.generate(
        actor=request.user, incident=incident, reporter=reporter, with_pdf=payload.with_pdf
    )
    return Status(201, report)


@router.post("/reports/{report_id}/submitted", response=ReportOut, summary="標示表2已送出（填入通報時間）")
def report_submitted(request: HttpRequest, report_id: int, payload: SubmittedIn) -> Any:
    report = get_object_or_404(AuthorityReport, pk=report_id)
    services.require_view(request.user, report.incident)
    return reports.mark_submitted(actor=request.user, report=report, at=payload.submitted_at)


@router.get("/{pk}/subject-notices", response=list[SubjectNoticeOut], summary="當事人通知（含法定內容檢查）")
def list_subject_notices(request: HttpRequest, pk: int) -> Any:
    return _incident(request, pk).subject_notices.select_related("incident", "client")


@router.post(
    "/{pk}/subject-notices", response={201: SubjectNoticeOut}, summary="新增當事人通知（依事實擬稿）"
)
def create_subject_notice(request: HttpRequest, pk: int, payload: SubjectNoticeIn) -> Any:
    incident = _incident(request, pk)
    client = get_object_or_404(Client, pk=payload.client_id) if payload.client_id else None
    data = payload.dict(exclude={"client_id"})
    notice = notices.save_subject_notice(actor=request.user, incident=incident, client=client, **data)
    return Status(201, notice)


@router.post("/subject-notices/{notice_id}/sent", response=SubjectNoticeOut, summary="標示當事人通知已寄出")
def subject_notice_sent(request: HttpRequest, notice_id: int, payload: SentIn) -> Any:
    notice = get_object_or_404(SubjectNotice, pk=notice_id)
    services.require_view(request.user, notice.incident)
    return notices.mark_subject_notice_sent(
        actor=request.user, notice=notice, at=payload.sent_at, recipients=payload.recipients
    )
