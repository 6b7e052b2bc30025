"""The authority report on 表 2 「個人資料侵害事故通報與紀錄表」: context, DOCX, PDF, staged reports."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.core.exports import ExportError, docx_from_template, pdf_from_html
from shouhu.core.messages import compose
from shouhu.core.official import in_official_language
from shouhu.core.rocdate import format_roc_date
from shouhu.evidence import names
from shouhu.evidence.models import Evidence
from shouhu.evidence.services import store
from shouhu.incidents import clocks, readiness, services
from shouhu.incidents import timeline_text as tl
from shouhu.incidents.models import AuthorityReport, EvidenceCategory, Incident, IncidentEvidence, Kind
from shouhu.organization.models import Person

TEMPLATE = Path(__file__).resolve().parent / "docx" / "table2.docx"
CHECKED, UNCHECKED = "☑", "☐"
DRILL_BANNER = "【演練－非真實事件】"
# The heading of 表 2 as the guideline publishes it (目錄: 「表 2 經濟部所管業者個人資料侵害事故通報與紀錄表」).
FORM_TITLE = "經濟部所管業者個人資料侵害事故通報與紀錄表"


# The boxes printed on 表 2, in the form's order, and the recorded kinds that tick each one.
FORM_KINDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("竊取", frozenset({Kind.THEFT})),
    ("洩漏", frozenset({Kind.LEAK, Kind.MISDIRECTED})),
    ("竄改", frozenset({Kind.ALTERATION})),
    ("毀損", frozenset({Kind.DAMAGE})),
    ("滅失", frozenset({Kind.LOSS})),
    ("其他侵害事故", frozenset({Kind.OTHER})),
)


_PCODE = re.compile(r"（[A-Z]\d{7}）")


def plain_citation(text: str) -> str:
    """A legal citation for a document sent out: the law's name and article, without the database code
    (pcode) the law engine keeps beside it for reference."""
    return _PCODE.sub("", text)


def _box(on: bool) -> str:
    return CHECKED if on else UNCHECKED


def roc_time(value: dt.datetime | None) -> str:
    return format_roc_date(value, with_time=True) if value else ""


NOT_SUBMITTED = "尚未送出"
# 表 2 question 9 counts 72 hours 「自發現個資外洩時起算」: from 發現 (discovered_at), whatever the rule says.
FORM_WINDOW = readiness.FORM_WINDOW


def seventy_two_hours(
    incident: Incident, submitted_at: dt.datetime | None, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Answer 表 2's last question from the anchor it names (發現), and state the legal deadline beside it.

    The first report to the authority is the incident's recorded one, else this report's submission. A
    report not yet submitted is answered only once the window has passed (then it can only be late).
    """
    now = now or timezone.now()
    limit = incident.discovered_at + FORM_WINDOW
    first = incident.authority_reported_at or submitted_at
    due = clocks.authority_deadline(incident)
    basis = [f"自發現時間 {roc_time(incident.discovered_at)} 起算七十二小時為 {roc_time(limit)}"]
    if due is not None:
        basis.append(
            f"法定期限：{due.title_zh}，期限 {roc_time(due.due_at)}（{plain_citation(due.legal_basis_zh)}）"
        )
    else:
        basis.append("法規引擎：本事件目前無須通報主管機關之期限")
    within: bool | None
    if first is not None:
        within = first <= limit
    elif now > limit:
        within = False
    else:
        within = None
    if within is None:
        text = f"{UNCHECKED}是 {UNCHECKED}否（{NOT_SUBMITTED}；應於{roc_time(limit)}前通報）"
    elif within:
        text = f"{CHECKED}是 {UNCHECKED}否，理由："
    else:
        text = f"{UNCHECKED}是 {CHECKED}否，理由：{incident.delay_reason.strip()}"
    answer: dict[str, Any] = {"within": within, "limit": limit, "text": text, "basis": "；".join(basis)}
    if due is not None:
        answer |= {"due_at": due.due_at, "recipient": due.recipient_zh, "form": due.form_zh}
    return answer


def reporter_of(actor: Any, reporter: Person | None = None) -> Person | None:
    """The person who reports: the one chosen, else the person linked to the acting account."""
    if reporter is not None:
        return reporter
    pk = getattr(actor, "pk", None)
    return Person.objects.filter(user_id=pk).first() if pk is not None else None


def reporter_missing(person: Person | None) -> list[str]:
    """表 2 names a person with title and phone (never an account name)."""
    if person is None:
        return ["通報人（請指定人員，或於人員資料中將您的帳號連結至您本人）"]
    return [
        f"通報人「{person.name}」之{label}"
        for label, value in (("職稱", person.job_title), ("電話", person.phone))
        if not value.strip()
    ]


def _reporter(person: Person) -> dict[str, str]:
    return {
        "reporter": person.name,
        "reporter_title": person.job_title,
        "reporter_phone": person.phone,
        "reporter_email": person.email,
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


def context(
    incident: Incident,
    *,
    reporter: Person,
    sequence: int,
    submitted_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The fields of 表 2. 通報時間 is when the report was marked sent, 「尚未送出」 before that."""
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
    answer = seventy_two_hours(incident, submitted_at, now)
    return {
        "drill_banner": DRILL_BANNER if incident.is_drill else "",
        "recipient": answer.get("recipient", "主管機關"),
        "stage": "初報" if sequence == 1 else f"續報（第{sequence - 1}次）",
        "incident_no": f"第{incident.pk}號",
        "company_name": profile.name if profile else "",
        "company_address": profile.address if profile else "",
        "report_time": roc_time(submitted_at) if submitted_at else NOT_SUBMITTED,
        **_reporter(reporter),
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
        "form_title": FORM_TITLE,
        "form_name": (answer.get("form") or "（法規引擎未指定格式）")
        + f"（本表欄位依指引表2「{FORM_TITLE}」）",
    }


def render_docx(ctx: dict[str, Any]) -> bytes:
    return docx_from_template(TEMPLATE, ctx)


def render_pdf(ctx: dict[str, Any]) -> bytes:
    return pdf_from_html(render_to_string("incidents/pdf/table2.html", {"c": ctx}))


def _store_documents(
    *, actor: Any, incident: Incident, ctx: dict[str, Any], sequence: int, sent: bool, with_pdf: bool
) -> tuple[Evidence, Evidence | None]:
    """Render 表 2 as DOCX (and PDF when WeasyPrint and a CJK font are present), kept as locked evidence."""
    context_key = f"incidents.incident:{incident.pk}"
    docx = store(
        actor=actor,
        file=render_docx(ctx),
        **_report_name(incident, sequence, sent, "docx"),
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
                **_report_name(incident, sequence, sent, "pdf"),
                context=context_key,
                locked=True,
                description=f"表2 {ctx['stage']}",
                check_perm=False,
            )
        except ExportError:
            pdf = None  # the DOCX is still produced; the page says the PDF needs WeasyPrint and a CJK font
    for ev in (docx, pdf):
        if ev is not None:
            IncidentEvidence.objects.create(
                incident=incident, evidence=ev, category=EvidenceCategory.REPORT, added_by=actor
            )
    return docx, pdf


def _report_name(incident: Incident, sequence: int, sent: bool, ext: str) -> dict[str, Any]:
    """The form's file name: an official document (zh-TW, labelled on English pages) unless a drill's, which is
    an internal file named in the reader's language (``evidence.names``)."""
    if incident.is_drill:
        key = names.DRILL_REPORT_SENT if sent else names.DRILL_REPORT
        named = compose(key, incident=incident.pk, sequence=f"{sequence:02d}", ext=ext)
        return {"filename": named.text, "named": named}
    copy = "_送出版" if sent else ""
    return {
        "filename": f"表2_個資侵害事故通報與紀錄表_第{incident.pk}號事件_{sequence:02d}{copy}.{ext}",
        "named": compose(
            names.REPORT_SENT if sent else names.REPORT, incident=incident.pk, sequence=sequence
        ),
    }


@transaction.atomic
@in_official_language
def generate(
    *, actor: Any, incident: Incident, reporter: Person | None = None, with_pdf: bool = True
) -> AuthorityReport:
    """Create the next staged report (初報, then 續報) as locked evidence. Blocked while facts are missing.

    The reporter is a person with title and phone: the one given, else the acting account's person.
    """
    require(actor, "incidents.manage")
    person = reporter_of(actor, reporter)
    missing = readiness.authority_report(incident) + reporter_missing(person)
    if missing:
        raise ValidationError(
            _("尚缺下列資料，無法產生通報表：{missing}").format(missing=_("、").join(missing))
        )
    assert person is not None  # reporter_missing() reported it otherwise
    sequence = (incident.reports.aggregate(m=Max("sequence"))["m"] or 0) + 1
    ctx = context(incident, reporter=person, sequence=sequence)
    docx, pdf = _store_documents(
        actor=actor, incident=incident, ctx=ctx, sequence=sequence, sent=False, with_pdf=with_pdf
    )
    report = AuthorityReport.objects.create(
        incident=incident,
        sequence=sequence,
        docx=docx,
        pdf=pdf,
        snapshot=dict(ctx.items()),
        reporter=person,
        created_by=actor,
    )
    record(
        actor=actor,
        action="incidents.report_generated",
        obj=incident,
        changes={"report": [None, report.pk], "sequence": [None, sequence], "reporter": [None, person.pk]},
    )
    services._timeline(incident, actor, compose(tl.REPORT, sequence=sequence))
    return report


@transaction.atomic
def mark_submitted(*, actor: Any, report: AuthorityReport, at: dt.datetime | None = None) -> AuthorityReport:
    """The report was sent to the authority at ``at``: record it, fill 通報時間 and question 9 in a copy
    of the form as sent (kept as locked evidence beside the draft) and mark the reporting deadline met."""
    require(actor, "incidents.manage")
    if report.submitted_at:
        raise ValidationError(_("此通報表已標示送出"))
    now = timezone.now()
    at = at or now
    incident = report.incident
    if at > now + dt.timedelta(minutes=5):
        raise ValidationError({"submitted_at": [_("送出時間不可晚於現在")]})
    if at < incident.discovered_at:
        raise ValidationError({"submitted_at": [_("送出時間不可早於發現時間")]})
    first = incident.authority_reported_at or at
    if first > incident.discovered_at + FORM_WINDOW and not incident.delay_reason.strip():
        raise ValidationError(_("已逾發現後七十二小時，請先於事件資料填寫延遲通報理由（表2 註9）"))
    report.submitted_at = at
    if incident.authority_reported_at is None:
        incident = services.update_incident(
            actor=actor, incident=incident, data={"authority_reported_at": at}
        )
    person = report.reporter or reporter_of(actor)
    ctx = dict(report.snapshot)
    if person is not None and not reporter_missing(person):
        ctx |= _reporter(person)
    answer = seventy_two_hours(incident, at, now)
    ctx |= {"report_time": roc_time(at), "within_72h": answer["text"], "deadline_basis": answer["basis"]}
    docx, pdf = _store_documents(
        actor=actor,
        incident=incident,
        ctx=ctx,
        sequence=report.sequence,
        sent=True,
        with_pdf=report.pdf_id is not None,
    )
    # the sent copy replaces the draft (which stays in the evidence); no PDF rather than a stale draft PDF
    report.docx, report.pdf, report.snapshot = docx, pdf, ctx
    report.save(update_fields=["submitted_at", "docx", "pdf", "snapshot"])
    record(
        actor=actor,
        action="incidents.report_submitted",
        obj=incident,
        changes={"report": [report.pk, report.pk], "submitted_at": [None, at.isoformat()]},
    )
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
