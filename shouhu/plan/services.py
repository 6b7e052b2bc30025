"""Writes for the plan: generate a draft from the live records, approve it (代表人 or an authorised person)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import require, require_whole_company
from shouhu.audit.services import record
from shouhu.core.exports import ExportError
from shouhu.core.messages import compose
from shouhu.core.names import same_name
from shouhu.core.templatetags.shouhu import roc
from shouhu.core.validation import Span, date_error
from shouhu.evidence import names
from shouhu.evidence import services as evidence
from shouhu.evidence.models import Evidence
from shouhu.jobs import services as jobs
from shouhu.law import services as law
from shouhu.organization import selectors as organization
from shouhu.plan import chapters, render
from shouhu.plan.jobs import REPORT_JOB
from shouhu.plan.models import Authorisation, Capacity, ImplementationReport, PlanVersion, State


def _approval_text(version: PlanVersion) -> str:
    if version.approved_at is None:
        return "尚未核定"
    when = timezone.localtime(version.approved_at).strftime("%Y-%m-%d %H:%M")
    return f"{version.approver_name}（{version.get_approver_capacity_display()}）於 {when}"


@transaction.atomic
def generate_draft(*, actor: Any) -> PlanVersion:
    """Build the plan from what is recorded now and keep it as a new draft version (DOCX, and PDF if possible)."""
    require_whole_company(actor, "plan.manage")
    content = chapters.build(actor=actor)
    number = (PlanVersion.objects.select_for_update().aggregate(n=Max("number"))["n"] or 0) + 1
    label = "草稿"
    docx = render.docx_bytes(content, number=number, state=label, approval="尚未核定")
    name = f"個人資料檔案安全維護計畫_v{number}"
    # the plan is an official document: its zh-TW name is kept and labelled on English pages (evidence.names)
    named = compose(names.PLAN_VERSION, number=number)
    docx_ev = evidence.store(
        actor=actor, file=docx, filename=f"{name}.docx", description=f"安全維護計畫第 {number} 版（草稿）",
        context=f"plan.planversion:{number}", check_perm=False, named=named,
    )  # fmt: skip
    pdf_ev, problem = None, ""
    try:
        pdf = render.pdf_bytes(content, number=number, state=label, approval="尚未核定")
    except ExportError as exc:
        problem = str(exc)[:300]
    else:
        pdf_ev = evidence.store(
            actor=actor, file=pdf, filename=f"{name}.pdf", description=f"安全維護計畫第 {number} 版（草稿）",
            context=f"plan.planversion:{number}", check_perm=False, named=named,
        )  # fmt: skip
    version = PlanVersion.objects.create(
        number=number, content=content, docx=docx_ev, pdf=pdf_ev, pdf_problem=problem,
        generated_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    record(
        actor=actor, action="plan.version_generated", obj=version,
        changes={"number": [None, number], "sha256": [None, docx_ev.blob.sha256],
                 "missing": [None, len(chapters.missing_items(content))]},
    )  # fmt: skip
    return version


def is_representative(actor: Any) -> bool | None:
    """Whether ``actor`` is the company's 代表人: by identity when the company profile names the 代表人's person
    record, otherwise by name (spaces, full-width letters, 臺/台 and trivial simplified forms folded).
    None when the company profile names no 代表人 (unknown, not "no")."""
    profile = organization.company()
    if profile is None or not (profile.representative.strip() or profile.representative_person_id):
        return None
    person = organization.person_of_user(actor)
    if person is None:
        return False
    if profile.representative_person_id:
        return person.pk == profile.representative_person_id
    return same_name(person.name, profile.representative)


def _approver_name(actor: Any, capacity: str, authorisation: str) -> str:
    person = organization.person_of_user(actor)
    name = person.name if person else (actor.get_full_name() or actor.get_username())
    if capacity == Capacity.REPRESENTATIVE:
        profile = organization.company()
        known = is_representative(actor)
        if known is None:
            raise ValidationError(
                {"capacity": _("公司基本資料尚未填寫代表人，無法以代表人身分核定；請先於組織設定填寫。")}
            )
        if not known:
            representative = profile.representative.strip() if profile else ""
            raise ValidationError(
                {
                    "capacity": _(
                        "您不是公司登記之代表人（{representative}）；請選擇「經公司授權之人員」並填寫授權依據。"
                    ).format(representative=representative)
                }
            )
    elif capacity == Capacity.AUTHORISED:
        if not authorisation.strip():
            raise ValidationError(
                {"authorisation": _("以經授權人員身分核定時，請填寫授權依據（例如董事會決議或授權書文號）。")}
            )
    else:
        raise ValidationError({"capacity": _("請選擇核定身分。")})
    return name


def _authorisation_document(
    *, actor: Any, version: PlanVersion, file: bytes | None, filename: str
) -> Evidence:
    """Keep the authorisation document of a non-代表人 approver in the evidence store (locked)."""
    if not file:
        raise ValidationError(
            {
                "authorisation_file": _(
                    "以經授權人員身分核定時，請上傳授權文件（例如董事會決議或授權書之掃描檔），"
                    "或選用已存檔且仍有效的授權文件。"
                )
            }
        )
    try:
        return evidence.store(
            actor=actor, file=file, filename=filename or "授權文件", locked=True, check_perm=False,
            description=f"安全維護計畫第 {version.number} 版核定之授權文件",
            context=f"plan.planversion:{version.number}",
        )  # fmt: skip
    except evidence.EvidenceError as exc:
        raise ValidationError({"authorisation_file": "；".join(exc.messages)}) from exc


def _on_file(actor: Any, authorisation_id: int) -> Authorisation:
    """An authorisation on file chosen for this approval: the approver's own, and still valid today."""
    found = Authorisation.objects.select_related("file__blob").filter(pk=authorisation_id).first()
    if found is None or found.user_id != getattr(actor, "pk", None):
        raise ValidationError({"authorisation_on_file": _("找不到您已存檔的這份授權文件。")})
    if found.valid_until is not None and found.valid_until < timezone.localdate():
        raise ValidationError(
            {
                "authorisation_on_file": _("此授權文件的有效期限（{date}）已過，請上傳新的授權文件。").format(
                    date=roc(found.valid_until)
                )
            }
        )
    return found


def _file_authorisation(
    *, actor: Any, version: PlanVersion, name: str, basis: str, file: bytes | None, filename: str,
    valid_until: dt.date | None,
) -> Authorisation:  # fmt: skip
    """Keep a newly uploaded authorisation on file so later approvals can choose it while it is valid."""
    message = date_error(valid_until, label="有效期限", span=Span.PLAN)
    if message:
        raise ValidationError({"authorisation_valid_until": message})
    if valid_until is not None and valid_until < timezone.localdate():
        raise ValidationError({"authorisation_valid_until": _("有效期限已過；請上傳仍有效的授權文件。")})
    document = _authorisation_document(actor=actor, version=version, file=file, filename=filename)
    filed = Authorisation.objects.create(
        user=actor, person_name=name[:100], basis=basis[:300], file=document, valid_until=valid_until,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    record(
        actor=actor, action="plan.authorisation_filed", obj=filed,
        changes={"person": [None, filed.person_name], "basis": [None, filed.basis],
                 "sha256": [None, document.blob.sha256],
                 "valid_until": [None, valid_until.isoformat() if valid_until else None]},
    )  # fmt: skip
    return filed


@transaction.atomic
def approve(
    *, actor: Any, version: PlanVersion, capacity: str, authorisation: str = "", note: str = "",
    authorisation_file: bytes | None = None, authorisation_filename: str = "",
    authorisation_id: int | None = None, authorisation_valid_until: dt.date | None = None,
) -> PlanVersion:  # fmt: skip
    """Approve a draft: the sign-off is recorded, the earlier approved version is superseded.

    The 代表人 approves in person; anyone else approves as a person the company authorised: either choosing
    an authorisation on file that is still valid (``authorisation_id``), or naming the authorisation and
    uploading its document (kept locked in the evidence store and put on file, valid until
    ``authorisation_valid_until`` when the document states an end) — or is refused.
    """
    require(actor, "plan.approve")
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    if version.state != State.DRAFT:
        raise ValidationError(
            _("第 {number} 版為「{state}」，只有草稿可以核定。").format(
                number=version.number, state=version.get_state_display()
            )
        )
    if PlanVersion.objects.filter(number__gt=version.number).exists():
        raise ValidationError(
            _("已有較新的版本，請核定最新版本（第 {number} 版已非最新）。").format(number=version.number)
        )
    on_file = None
    if capacity == Capacity.AUTHORISED and authorisation_id is not None:
        if authorisation_file:
            raise ValidationError(
                {"authorisation_file": _("請擇一：選用已存檔的授權文件，或上傳新的授權文件。")}
            )
        on_file = _on_file(actor, authorisation_id)
    basis = authorisation.strip() or (on_file.basis if on_file else "")
    name = _approver_name(actor, capacity, basis)
    filed = None
    if capacity == Capacity.AUTHORISED:
        filed = on_file or _file_authorisation(
            actor=actor, version=version, name=name, basis=basis, file=authorisation_file,
            filename=authorisation_filename, valid_until=authorisation_valid_until,
        )  # fmt: skip
    document = filed.file if filed else None
    now = timezone.now()
    for old in (
        PlanVersion.objects.select_for_update()
        .filter(state__in=[State.APPROVED, State.DRAFT])
        .exclude(pk=version.pk)
    ):
        previous = old.state
        old.state, old.superseded_at = State.SUPERSEDED, now
        old.save(update_fields=["state", "superseded_at"])
        record(actor=actor, action="plan.version_superseded", obj=old,
               changes={"state": [previous, State.SUPERSEDED], "by": [None, version.number]})  # fmt: skip
    version.state = State.APPROVED
    version.approved_by = actor
    version.approved_at = now
    version.approver_name = name
    version.approver_capacity = capacity
    version.authorisation = basis[:300] if capacity == Capacity.AUTHORISED else ""
    version.authorisation_file = document
    version.authorisation_record = filed
    version.approval_note = note.strip()
    version.save(update_fields=["state", "approved_by", "approved_at", "approver_name", "approver_capacity",
                                "authorisation", "authorisation_file", "authorisation_record",
                                "approval_note"])  # fmt: skip
    record(
        actor=actor, action="plan.version_approved", obj=version,
        changes={"state": [State.DRAFT, State.APPROVED], "approver": [None, name],
                 "capacity": [None, capacity], "authorisation": [None, version.authorisation],
                 "authorisation_sha256": [None, document.blob.sha256 if document else None],
                 "authorisation_on_file": [None, on_file.pk if on_file else None],
                 "sha256": [None, version.docx.blob.sha256]},
    )  # fmt: skip
    law.complete_from_record(actor=actor, key="plan-approved", done_on=timezone.localdate(now),
                             note=law.note("plan_approved", number=version.number))  # fmt: skip
    return version


@transaction.atomic
def request_report(*, actor: Any, start: dt.date, end: dt.date) -> ImplementationReport:
    """Queue the 實施情形 ZIP for ``start``–``end`` (a job; its page shows the progress)."""
    require_whole_company(actor, "plan.manage")
    today = timezone.localdate()
    if start > end:
        raise ValidationError({"end": _("期間迄日不可早於起日。")})
    if end > today:
        raise ValidationError({"end": _("期間迄日不可晚於今天。")})
    if (end - start).days > 366 * 5:
        raise ValidationError({"start": _("期間最長五年（紀錄保存期限）。")})
    report = ImplementationReport.objects.create(
        period_start=start,
        period_end=end,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(actor=actor, action="plan.implementation_report_requested", obj=report,
           changes={"period": [None, f"{start.isoformat()}–{end.isoformat()}"]})  # fmt: skip
    job = jobs.enqueue(actor=actor, kind=REPORT_JOB, params={"report_id": report.pk})
    report.job = job
    report.save(update_fields=["job"])
    return report
