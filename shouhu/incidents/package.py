"""The regulator response package (附錄三): cover letter (函), case analysis report, security measures,
the evidence files and a SHA-256 manifest, as one ZIP kept as locked evidence."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shouhu.accounts.permissions import require_whole_company
from shouhu.audit.services import record
from shouhu.core.exports import ExportError, docx_from_template, pdf_from_html
from shouhu.core.messages import Message, compose, define
from shouhu.core.official import in_official_language
from shouhu.core.rocdate import format_roc_date
from shouhu.evidence import names
from shouhu.evidence.services import open_for_read, store
from shouhu.incidents import clocks, readiness, services
from shouhu.incidents import timeline_text as tl
from shouhu.incidents.models import (
    EvidenceCategory,
    Incident,
    NoticeStatus,
    PackageStatus,
    RegulatorPackage,
)
from shouhu.incidents.reports import DRILL_BANNER, roc_time
from shouhu.jobs.services import JobError, Progress, enqueue

LETTER = Path(__file__).resolve().parent / "docx" / "letter.docx"
MANIFEST = "MANIFEST.sha256"
PACKAGE_JOB = "incidents.package"
# The package job's steps (its progress on the job page).
STEP_LETTER = define("incidents.package_step.letter", gettext_noop("函與附件"), context="progress")
STEP_PDF = define("incidents.package_step.pdf", gettext_noop("PDF"), context="progress")
STEP_EVIDENCE = define("incidents.package_step.evidence", gettext_noop("佐證檔案"), context="progress")
# Why a package failed, with what to do next: kept on the package row as its zh-TW text (a msgid, shown in the
# reader's language by ``RegulatorPackage.error_shown``) and said by the job as a keyed message.
BUILD_FAILED = define(
    "incidents.package_failed",
    gettext_noop("產生函復資料時發生錯誤，請重新產生；若一再發生，請通知系統管理員。"),
)
Section = tuple[str, list[str]]
LETTER_FIELDS = (
    "recipient",
    "recipient_address",
    "inquiry_date",
    "inquiry_no",
    "doc_no",
    "explanation",
    "copy_to",
    "contact_name",
    "contact_phone",
    "client_requirements",
    "contract_terms",
    "before_measures",
    "transfer_security",
    "db_encryption",
    "db_access_control",
    "db_logging",
    "db_key_separation",
    "data_security",
    "personnel_security",
    "equipment_security",
    "training",
)


def _company() -> Any:
    from shouhu.organization.selectors import company

    return company()


def letter_context(incident: Incident, letter: dict[str, str]) -> dict[str, str]:
    profile = _company()
    explanation = letter.get("explanation", "").strip() or (
        "一、本公司已依來函所請，檢附個案分析報告（附件1）及本公司資安措施（附件2）。\n"
        "二、相關佐證資料詳如附件3，並附 SHA-256 雜湊清單以供驗證。"
    )
    return {
        "drill_banner": DRILL_BANNER if incident.is_drill else "",
        "company_name": profile.name if profile else "",
        "company_address": profile.address if profile else "",
        "representative": profile.representative if profile else "",
        "contact_name": letter.get("contact_name", ""),
        "contact_phone": letter.get("contact_phone", ""),
        "recipient": letter.get("recipient", ""),
        "recipient_address": letter.get("recipient_address", ""),
        "sent_date": "中華" + format_roc_date(timezone.localdate()),
        "doc_no": letter.get("doc_no", "") or "（本公司無文號）",
        "inquiry_date": letter.get("inquiry_date", ""),
        "inquiry_no": letter.get("inquiry_no", ""),
        "explanation": explanation,
        "copy_to": letter.get("copy_to", "") or "無",
    }


NOT_FILLED = "（尚未填寫）"


def _filled(letter: dict[str, str], key: str) -> str:
    return letter.get(key, "").strip() or NOT_FILLED


def _evidence_lines(incident: Incident, *categories: str, missing: str = "（尚未上傳）") -> list[str]:
    links = incident.evidence_links.select_related("evidence__blob").filter(category__in=categories)
    return [
        f"{link.get_category_display()}：{link.evidence.original_name}"
        f"（上傳於{format_roc_date(link.added_at)}，SHA-256 {link.evidence.blob.sha256[:16]}…）"
        for link in links
    ] or [missing]


def _systems(incident: Incident) -> list[str]:
    from shouhu.inventory import selectors as inventory

    lines = [incident.affected_systems.strip()] if incident.affected_systems.strip() else []
    if incident.system_ids:
        for system in inventory.systems().filter(pk__in=incident.system_ids):
            lines.append(
                f"{system.name}：{system.get_kind_display()}，{system.get_location_display()}，"
                f"網段 {system.get_network_zone_display()}，{system.get_hosting_display()}"
            )
    return lines or [NOT_FILLED]


SECURITY_TESTS = (EvidenceCategory.PENTEST, EvidenceCategory.SCAN, EvidenceCategory.CODE_REVIEW)


def _risk_self_assessment(incident: Incident) -> list[str]:
    """附錄三 一、3(3): the security test reports of the past year and at the time of the incident."""
    lines = _evidence_lines(
        incident,
        *SECURITY_TESTS,
        missing="（尚未檢附一年內之滲透測試、弱點掃描或原始碼檢測報告；事件發生時來不及檢測者，"
        "宜檢附預備進行資安檢測之證明）",
    )
    return lines + self_check_lines(incident)


def case_report(incident: Incident, letter: dict[str, str]) -> list[Section]:
    timeline = [f"{roc_time(e.at)}　{e.text}" for e in incident.timeline.all()]
    client_notices = [
        f"{roc_time(n.sent_at)} 以電子郵件通知 {n.client.name}"
        for n in incident.client_notices.select_related("client")
        if n.status == NoticeStatus.SENT and n.sent_at
    ]
    subject_notices = [
        f"{roc_time(n.sent_at)} 以{n.get_channel_display()}通知當事人（以「{n.signer}」名義"
        + (f"，{n.recipients:,} 人" if n.recipients is not None else "")
        + f"）：{n.body.strip()}"
        for n in incident.subject_notices.filter(sent_at__isnull=False).order_by("sent_at", "id")
    ]
    during = [
        t.title + f"（完成於 {roc_time(t.done_at)}）"
        for t in incident.tasks.all()
        if t.phase == "事中" and t.done_at
    ]
    after = [
        t.title + ("（已完成）" if t.done_at else "（進行中）")
        for t in incident.tasks.all()
        if t.phase == "事後"
    ]
    before = [letter["before_measures"].strip()] if letter.get("before_measures", "").strip() else []
    return [
        ("一、與委託客戶間之關係", []),
        (
            "（一）系統架構圖及系統架構文字說明",
            _systems(incident) + _evidence_lines(incident, EvidenceCategory.DIAGRAM),
        ),
        ("（二）本公司對客戶之資安環境要求及相關權限控管", [_filled(letter, "client_requirements")]),
        (
            "（三）本公司與客戶間之契約要求內容",
            [_filled(letter, "contract_terms")] + _evidence_lines(incident, EvidenceCategory.CONTRACT),
        ),
        (
            "二、個資外洩發生的可能原因",
            [
                f"本公司於{roc_time(incident.aware_at or incident.discovered_at)}知悉發生個資事故"
                f"（{'、'.join(incident.kind_labels())}），初步調查：{incident.summary.strip()}",
                f"損害狀況：{incident.damage.strip() or '（尚在調查）'}",
            ],
        ),
        ("三、事件發生前所採行之平時資料維護措施", before),
        ("（一）資料傳輸安全之維護措施", [_filled(letter, "transfer_security")]),
        (
            "（二）資料庫保管說明",
            [
                f"1. 資料庫加密：{_filled(letter, 'db_encryption')}",
                f"2. 資料庫存取控制：{_filled(letter, 'db_access_control')}",
                f"3. 資料庫存取紀錄（log）：{_filled(letter, 'db_logging')}",
                f"4. 資料庫金鑰與資料之存放區隔：{_filled(letter, 'db_key_separation')}",
            ],
        ),
        ("（三）資安風險自評（一年內及事件發生時之資安檢測報告）", _risk_self_assessment(incident)),
        ("四、事件發生時所採取之應變措施", [incident.measures_taken.strip() or NOT_FILLED] + during),
        (
            "（一）以適當方式及內容通知各客戶之佐證",
            ["；".join(client_notices) if client_notices else "（尚無寄送紀錄）"]
            + _evidence_lines(incident, EvidenceCategory.NOTICE_PROOF),
        ),
        (
            "（二）協助客戶通知消費者之佐證",
            (subject_notices or ["（尚無已寄出之當事人通知）"])
            + _evidence_lines(incident, EvidenceCategory.SUBJECT_NOTICE),
        ),
        ("（三）刪除惡意程式之佐證", _evidence_lines(incident, EvidenceCategory.MALWARE)),
        ("（四）調查事件成因之佐證", _evidence_lines(incident, EvidenceCategory.LOG)),
        (
            "五、事件發生後所採行之改善措施",
            [incident.measures_planned.strip() or NOT_FILLED] + after + corrective_action_lines(),
        ),
        ("附：事件處理時間軸", timeline),
    ]


def self_check_lines(incident: Incident | None = None) -> list[str]:
    """The latest completed self-check before the incident (or at all), in words."""
    from shouhu.assessment import selectors as assessment

    day = timezone.localdate(incident.discovered_at) if incident is not None else None
    summary = assessment.latest_completed_summary(on_or_before=day)
    stale = ""
    if summary is None and day is not None:
        summary = assessment.latest_completed_summary()
        stale = "（於事件發生後完成）"
    if summary is None:
        return ["最近一次自我檢查：尚無完成之紀錄"]
    results = "、".join(f"{label} {count} 項" for label, count in summary.counts)
    if day is not None and (day - summary.assessed_on).days > 365:
        stale = "（距事件發生已逾一年）"
    return [
        f"最近一次{summary.kind_label}：{format_roc_date(summary.assessed_on)}{stale}"
        f"（{summary.tables_label}），結果：{results}"
    ]


def training_lines(incident: Incident | None = None) -> list[str]:
    """The training held in the year before the incident (or the last year), from the training records."""
    import datetime as dt

    from shouhu.training import selectors as training

    day = timezone.localdate(incident.discovered_at) if incident is not None else timezone.localdate()
    held = list(training.held_sessions(since=day - dt.timedelta(days=365), until=day))
    if not held:
        return ["教育訓練紀錄：事件發生前一年內尚無已辦理之課程紀錄"]
    lines = [f"事件發生前一年內已辦理教育訓練 {len(held)} 場："]
    for s in held:
        lines.append(
            f"{format_roc_date(s.held_on)}「{s.title}」{s.hours.normalize():f} 小時，講師 {s.trainer}，"
            f"出席 {s.present} 人／應到 {s.invited} 人"
        )
    return lines


def drill_lines(incident: Incident | None = None) -> list[str]:
    """The phishing drills held in the year before the incident (or the last year), from the drill records."""
    import datetime as dt

    from shouhu.drills import selectors as drills

    day = timezone.localdate(incident.discovered_at) if incident is not None else timezone.localdate()
    held = drills.held_between(day - dt.timedelta(days=365), day)
    if not held:
        return ["社交工程演練紀錄：事件發生前一年內尚無演練紀錄"]
    lines = [f"事件發生前一年內辦理電子郵件社交工程演練 {len(held)} 次："]
    for drill, rates in held:
        if not getattr(drill, "total", 0):  # annotated by drills.selectors.drills()
            lines.append(f"{format_roc_date(drill.held_on)}「{drill.title}」：尚未登錄結果")
            continue
        click = f"{rates.click_rate}%" if rates.click_rate is not None else "—"
        lines.append(
            f"{format_roc_date(drill.held_on)}「{drill.title}」：寄達 {rates.delivered} 人，點擊連結 {rates.clicked} 人"
            f"（{click}），提交資料 {rates.submitted} 人，回報 {rates.reported} 人"
        )
    return lines


def corrective_action_lines() -> list[str]:
    from shouhu.assessment import selectors as assessment

    actions = assessment.actions().order_by("-id")[:30]
    return [f"矯正措施：{a.title}（{a.get_state_display()}）" for a in actions] or ["矯正措施：尚無紀錄"]


def _drill_evidence_lines(incident: Incident, recorded: list[str]) -> list[str]:
    """Uploaded drill reports linked to the incident; "not uploaded" only when Shouhu holds no drill either."""
    none_recorded = len(recorded) == 1 and recorded[0].startswith("社交工程演練紀錄：")
    lines = _evidence_lines(incident, EvidenceCategory.PHISHING_DRILL, missing="")
    return [line for line in lines if line] or (["（尚未上傳社交工程演練紀錄）"] if none_recorded else [])


def measures_report(incident: Incident, letter: dict[str, str]) -> list[Section]:
    drills = drill_lines(incident)
    return [
        (
            "一、資料安全管理",
            [_filled(letter, "data_security")]
            + self_check_lines(incident)
            + _evidence_lines(incident, *SECURITY_TESTS),
        ),
        ("二、人員安全管理", [_filled(letter, "personnel_security")]),
        ("三、設備安全管理", [_filled(letter, "equipment_security")]),
        (
            "四、認知宣導及教育訓練",
            [_filled(letter, "training")]
            + _evidence_lines(incident, EvidenceCategory.TRAINING, missing="（尚未上傳教育訓練簽到表）")
            + _drill_evidence_lines(incident, drills)
            + training_lines(incident)
            + drills,
        ),
        ("五、持續改善", corrective_action_lines()),
    ]


def sections_docx(title: str, sections: Sequence[Section], *, drill: bool) -> bytes:
    from docx import Document

    doc = Document()
    if drill:
        doc.add_paragraph(DRILL_BANNER)
    doc.add_heading(title, level=1)
    for heading, lines in sections:
        doc.add_heading(heading, level=2)
        for line in lines:
            doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _pdf(template: str, ctx: dict[str, Any]) -> bytes | None:
    try:
        return pdf_from_html(render_to_string(template, ctx))
    except ExportError:
        return None


def _checked_letter(actor: Any, incident: Incident, letter: dict[str, str]) -> dict[str, str]:
    """The letter fields, once the incident has what the package needs (zh-TW list of what is missing)."""
    require_whole_company(actor, "incidents.manage")  # the package gathers every department's records
    missing = readiness.package(incident)
    for field, label in (("recipient", "受文者"), ("inquiry_date", "來函日期"), ("inquiry_no", "來函字號")):
        if not letter.get(field, "").strip():
            missing.append(label)
    if missing:
        raise ValidationError(
            _("尚缺下列資料，無法產生函復資料：{missing}").format(missing=_("、").join(missing))
        )
    return {k: str(letter.get(k, "")) for k in LETTER_FIELDS}


def _no_progress(done: int, total: int, message: str | Message = "") -> None:
    """Progress is only reported when the package is built by its job."""


@in_official_language
def _assemble(
    *, actor: Any, incident: Incident, letter: dict[str, str], with_pdf: bool, progress: Progress
) -> tuple[bytes, list[dict[str, Any]], Message]:
    """The ZIP bytes, its manifest and its file name; evidence files are read through the store
    (chain of custody: "export")."""
    drill = incident.is_drill
    prefix = "演練_" if drill else ""
    links = list(incident.evidence_links.select_related("evidence__blob"))
    total = 3 + (3 if with_pdf else 0) + len(links) + 1
    files: list[tuple[str, bytes]] = []
    ctx = letter_context(incident, letter)
    files.append((f"01_{prefix}函.docx", docx_from_template(LETTER, ctx)))
    case = case_report(incident, letter)
    measures = measures_report(incident, letter)
    files.append((f"02_{prefix}附件1_個案分析報告.docx", sections_docx("個案分析報告", case, drill=drill)))
    files.append(
        (f"03_{prefix}附件2_資安措施.docx", sections_docx("公司資安保護措施", measures, drill=drill))
    )
    progress(3, total, compose(STEP_LETTER))
    if with_pdf:
        pdfs: list[tuple[str, str, dict[str, Any]]] = [
            (f"01_{prefix}函.pdf", "incidents/pdf/letter.html", {"c": ctx}),
            (
                f"02_{prefix}附件1_個案分析報告.pdf",
                "incidents/pdf/sections.html",
                {"title": "個案分析報告", "sections": case, "drill": drill},
            ),
            (
                f"03_{prefix}附件2_資安措施.pdf",
                "incidents/pdf/sections.html",
                {"title": "公司資安保護措施", "sections": measures, "drill": drill},
            ),
        ]
        for step, (name, template, extra) in enumerate(pdfs, start=4):
            pdf = _pdf(template, extra)
            if pdf is not None:
                files.append((name, pdf))
            progress(step, total, compose(STEP_PDF))
    used: set[str] = set()
    for step, link in enumerate(links, start=total - len(links)):
        name = (
            f"附件3_佐證資料/{link.get_category_display()}/{link.evidence.pk}_{link.evidence.original_name}"
        )
        if name not in used:
            used.add(name)
            with open_for_read(actor=actor, evidence=link.evidence, action="export") as fh:
                files.append((name, fh.read()))
        progress(step, total, compose(STEP_EVIDENCE))
    manifest = [
        {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for name, data in files
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            zf.writestr(name, data)
        zf.writestr(MANIFEST, "".join(f"{m['sha256']}  {m['path']}\n" for m in manifest))
        zf.writestr(
            "manifest.json",
            json.dumps(
                {
                    "incident": incident.pk,
                    "drill": drill,
                    "created_at": timezone.now().isoformat(),
                    "files": manifest,
                },
                ensure_ascii=False,
                indent=2,
            ),
        )
    return out.getvalue(), manifest, _package_name(incident)


def _package_name(incident: Incident) -> Message:
    """The ZIP's name: an official document (its zh-TW name kept, labelled on English pages) unless a drill's,
    which is an internal file named in the reader's language (``evidence.names``)."""
    day = f"{timezone.localdate():%Y%m%d}"
    if incident.is_drill:
        return compose(names.DRILL_PACKAGE, incident=incident.pk, date=day)
    label = compose(names.PACKAGE, incident=incident.pk)
    return Message(label.key, label.facts, f"函復主管機關資料_第{incident.pk}號事件_{day}.zip")


@transaction.atomic
def _keep(
    *, actor: Any, package: RegulatorPackage, data: bytes, manifest: list[dict[str, Any]], filename: Message
) -> RegulatorPackage:
    """Store the ZIP (locked evidence) under ``filename`` (its zh-TW name, with the key and facts of an
    ``evidence.names`` kind), mark the package done, audit it and note it on the timeline."""
    incident = package.incident
    archive = store(
        actor=actor,
        file=data,
        check_perm=False,
        locked=True,
        filename=filename.text,
        named=filename,
        description="附錄三 函復主管機關資料",
        context=f"incidents.incident:{incident.pk}",
        whole_company=True,
    )
    package.archive, package.manifest, package.status, package.error = (
        archive,
        manifest,
        PackageStatus.DONE,
        "",
    )
    if package.pk:
        package.save(update_fields=["archive", "manifest", "status", "error"])
    else:
        package.save()
    record(
        actor=actor,
        action="incidents.package_built",
        obj=incident,
        changes={
            "package": [None, package.pk],
            "files": [None, len(manifest)],
            "sha256": [None, archive.blob.sha256],
        },
    )
    services._timeline(incident, actor, compose(tl.PACKAGE, files=len(manifest)))
    return package


def build(
    *, actor: Any, incident: Incident, letter: dict[str, str], with_pdf: bool = True
) -> RegulatorPackage:
    """Build the package at once (the CLI, the demo, tests); pages use ``request_build`` and its job."""
    letter = _checked_letter(actor, incident, letter)
    data, manifest, filename = _assemble(
        actor=actor, incident=incident, letter=letter, with_pdf=with_pdf, progress=_no_progress
    )
    package = RegulatorPackage(incident=incident, letter=letter, created_by=actor)
    return _keep(actor=actor, package=package, data=data, manifest=manifest, filename=filename)


@transaction.atomic
def request_build(*, actor: Any, incident: Incident, letter: dict[str, str]) -> RegulatorPackage:
    """Check the letter, keep a queued package row and start the ``incidents.package`` job (after commit).

    The incident page polls the row and shows the download link as soon as the job has built the ZIP.
    """
    letter = _checked_letter(actor, incident, letter)
    package = RegulatorPackage.objects.create(
        incident=incident, letter=letter, status=PackageStatus.QUEUED, created_by=actor
    )
    package.job = enqueue(actor=actor, kind=PACKAGE_JOB, params={"package_id": package.pk})
    package.save(update_fields=["job"])
    record(
        actor=actor,
        action="incidents.package_requested",
        obj=incident,
        changes={"package": [None, package.pk]},
    )
    return package


def build_queued(*, package: RegulatorPackage, progress: Progress) -> RegulatorPackage:
    """The job's work: build a queued package (again, if a lost worker left it half-way: idempotent)."""
    if package.status == PackageStatus.DONE:
        return package
    actor = package.created_by
    incident = package.incident
    try:
        data, manifest, filename = _assemble(
            actor=actor, incident=incident, letter=package.letter, with_pdf=True, progress=progress
        )
    except Exception as exc:
        said = compose(BUILD_FAILED)
        mark_failed(package, said.text)
        raise JobError(said) from exc  # the job page says the same; the cause is logged by type and frames
    return _keep(actor=actor, package=package, data=data, manifest=manifest, filename=filename)


def mark_failed(package: RegulatorPackage, error: str) -> None:
    RegulatorPackage.objects.filter(pk=package.pk, status=PackageStatus.QUEUED).update(
        status=PackageStatus.FAILED, error=error[:300]
    )


def default_letter(incident: Incident) -> dict[str, str]:
    due = clocks.authority_deadline(incident)
    recipient = due.recipient_zh.split("；")[0] if due else "數位發展部"
    return {"recipient": recipient}


def verify_manifest(data: bytes) -> list[str]:
    """Problems found when re-hashing a package against its manifest (empty: all good)."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for line in zf.read(MANIFEST).decode("utf-8").splitlines():
            digest, path = line.split("  ", 1)
            if hashlib.sha256(zf.read(path)).hexdigest() != digest:
                problems.append(path)
    return problems
