"""The authority report on 表 2 「個人資料侵害事故通報與紀錄表」: context, DOCX, PDF, staged reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.core.exports import ExportError, docx_from_template, pdf_from_html
from shouhu.core.rocdate import format_roc_date
from shouhu.evidence.services import store
from shouhu.incidents import clocks, readiness, services
from shouhu.incidents.models import AuthorityReport, EvidenceCategory, Incident, IncidentEvidence, Kind

TEMPLATE = Path(__file__).resolve().parent / "docx" / "table2.docx"
CHECKED, UNCHECKED = "☑", "☐"
DRILL_BANNER = "【演練 DRILL — 非真實事件】"


# The boxes printed on 表 2, in the form's order, and the recorded kinds that tick each one.
FORM_KINDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("竊取", frozenset({Kind.THEFT})),
    ("洩漏", frozenset({Kind.LEAK, Kind.MISDIRECTED})),
    ("竄改", frozenset({Kind.ALTERATION})),
    ("毀損", frozenset({Kind.DAMAGE})),
    ("滅失", frozenset({Kind.LOSS})),
    ("其他侵害事故", frozenset({Kind.OTHER})),
)


def _box(on: bool) -> str:
    return CHECKED if on else UNCHECKED


def roc_time(value: dt.datetime | None) -> str:
    return format_roc_date(value, with_time=True) if value else ""


def seventy_two_hours(incident: Incident, reported_at: dt.datetime) -> dict[str, Any]:
    """Answer 表 2's last question from the record and the engine's authority deadline."""
    due = clocks.authority_deadline(incident)
    if due is None:
        return {
            "within": None,
            "due_at": None,
            "text": f"{UNCHECKED}是 {UNCHECKED}否（依法規引擎，本事件目前無須通報主管機關之期限）",
            "basis": "無",
        }
    first = incident.authority_reported_at or reported_at
    within = first <= due.due_at
    if within:
        text = f"{CHECKED}是 {UNCHECKED}否，理由："
    else:
        text = f"{UNCHECKED}是 {CHECKED}否，理由：{incident.delay_reason.strip()}"
    basis = f"{due.title_zh}，期限 {roc_time(due.due_at)}；{due.legal_basis_zh}"
    return {
        "within": within,
        "due_at": due.due_at,
        "text": text,
        "basis": basis,
        "recipient": due.recipient_zh,
        "form": due.form_zh,
    }


def _reporter(user: Any) -> dict[str, str]:
    person = getattr(user, "person", None) if user is not None else None
    return {
        "reporter": person.name if person else (user.get_full_name() or user.username if user else ""),
        "reporter_title": person.job_title if person else "",
        "reporter_phone": person.phone if person else "",
        "reporter_email": (person.email if person and person.email else getattr(user, "email", "")) or "",
    }


def _records(incident: Incident) -> dict[str, str]:
    if incident.records_unknown:
        return {
            "total_records": "目前不明",
            "general_box": UNCHECKED,
            "general_records": "",
            "special_box": UNCHECKED,
            "special_records": "",
        }
    general, special = incident.general_records, incident.special_records
    total = (general or 0) + (special or 0)
    return {
        "total_records": f"{total:,} 筆",
        "general_box": _box(general is not None),
        "general_records": f"{general:,}" if general is not None else "",
        "special_box": _box(special is not None),
        "special_records": f"{special:,}" if special is not None else "",
    }


def context(incident: Incident, *, actor: Any, sequence: int, reported_at: dt.datetime) -> dict[str, Any]:
    from shouhu.organization.selectors import company

    profile = company()
    if incident.occurred_unknown or incident.occurred_at is None:
        aware = incident.aware_at or incident.discovered_at
        occurred = f"不明（知悉個資外洩之時間：{roc_time(aware)}）"
    else:
        occurred = roc_time(incident.occurred_at)
    kinds = " ".join(f"{_box(bool(ticks & set(incident.kinds)))}{label}" for label, ticks in FORM_KINDS)
    measures = []
    if incident.measures_taken.strip():
        measures.append("已採取：\n" + incident.measures_taken.strip())
    if incident.measures_planned.strip():
        measures.append("擬採取：\n" + incident.measures_planned.strip())
    answer = seventy_two_hours(incident, reported_at)
    return {
        "drill_banner": DRILL_BANNER if incident.is_drill else "",
        "recipient": answer.get("recipient", "主管機關"),
        "stage": "初報" if sequence == 1 else f"續報（第{sequence - 1}次）",
        "incident_no": f"INC-{incident.pk}",
        "company_name": profile.name if profile else "",
        "company_address": profile.address if profile else "",
        "report_time": roc_time(reported_at),
        **_reporter(actor),
        "occurred": occurred,
        "kinds": kinds,
        **_records(incident),
        "summary": incident.summary.strip(),
        "damage": incident.damage.strip() or "（尚在調查）",
        "consequences": incident.consequences.strip() or "（尚在評估）",
        "measures": "\n".join(measures),
        "subject_notice": incident.subject_notice_plan.strip(),
        "within_72h": answer["text"],
        "deadline_basis": answer["basis"],
        # The field layout is 表 2 of the guideline; the moda 附表二 text was not available to verify.
        "form_name": (answer.get("form") or "表2 個人資料侵害事故通報與紀錄表")
        + "（欄位依指引表2「個人資料侵害事故通報與紀錄表」）",
    }


def render_docx(ctx: dict[str, Any]) -> bytes:
    return docx_from_template(TEMPLATE, ctx)


def render_pdf(ctx: dict[str, Any]) -> bytes:
    return pdf_from_html(render_to_string("incidents/pdf/table2.html", {"c": ctx}))


@transaction.atomic
def generate(*, actor: Any, incident: Incident, with_pdf: bool = True) -> AuthorityReport:
    """Create the next staged report (初報, then 續報) as locked evidence. Blocked while facts are missing."""
    require(actor, "incidents.manage")
    missing = readiness.authority_report(incident)
    if missing:
        raise ValidationError("尚缺下列資料，無法產生通報表：" + "、".join(missing))
    sequence = (incident.reports.aggregate(m=Max("sequence"))["m"] or 0) + 1
    now = timezone.now()
    ctx = context(incident, actor=actor, sequence=sequence, reported_at=now)
    prefix = "演練_" if incident.is_drill else ""
    stem = f"{prefix}表2_個資侵害事故通報與紀錄表_INC{incident.pk}_{sequence:02d}"
    context_key = f"incidents.incident:{incident.pk}"
    docx = store(
        actor=actor,
        file=render_docx(ctx),
        filename=f"{stem}.docx",
        context=context_key,
        locked=True,
        description=f"表2 {ctx['stage']}",
        check_perm=False,
    )
    pdf = None
    if with_pdf:
        try:
            pdf = store(
                actor=actor,
                file=render_pdf(ctx),
                filename=f"{stem}.pdf",
                context=context_key,
                locked=True,
                description=f"表2 {ctx['stage']}",
                check_perm=False,
            )
        except ExportError:
            pdf = None  # the DOCX is still produced; the page says the PDF needs WeasyPrint and a CJK font
    report = AuthorityReport.objects.create(
        incident=incident,
        sequence=sequence,
        docx=docx,
        pdf=pdf,
        snapshot=dict(ctx.items()),
        created_by=actor,
    )
    for ev in (docx, pdf):
        if ev is not None:
            IncidentEvidence.objects.create(
                incident=incident, evidence=ev, category=EvidenceCategory.REPORT, added_by=actor
            )
    record(
        actor=actor,
        action="incidents.report_generated",
        obj=incident,
        changes={"report": [None, report.pk], "sequence": [None, sequence]},
    )
    services._timeline(incident, actor, f"產生主管機關通報表（{ctx['stage']}）")
    return report


@transaction.atomic
def mark_submitted(*, actor: Any, report: AuthorityReport, at: dt.datetime | None = None) -> AuthorityReport:
    """The report was sent to the authority: record it and mark the engine's reporting deadline met."""
    require(actor, "incidents.manage")
    if report.submitted_at:
        raise ValidationError("此通報表已標示送出")
    at = at or timezone.now()
    report.submitted_at = at
    report.save(update_fields=["submitted_at"])
    incident = report.incident
    record(
        actor=actor,
        action="incidents.report_submitted",
        obj=incident,
        changes={"report": [report.pk, report.pk], "submitted_at": [None, at.isoformat()]},
    )
    if incident.authority_reported_at is None:
        services.update_incident(actor=actor, incident=incident, data={"authority_reported_at": at})
    due = clocks.authority_deadline(incident)
    if due is not None and due.met_at is None:
        services.mark_deadline_met(
            actor=actor,
            deadline=due,
            met_at=at,
            document=f"表2 {report.stage_zh}（{report.docx.original_name}）",
            evidence=report.docx,
        )
    return report
