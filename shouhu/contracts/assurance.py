"""The assurance pack: a chosen set of our evidence for a client's vendor questionnaire, as a ZIP with a
SHA-256 manifest (SHA256SUMS.txt inside), built by the ``contracts.assurance_pack`` job from the other
modules' selectors only. The pack is in Traditional Chinese (it is sent to clients)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.contracts import selectors
from shouhu.contracts.models import AssurancePack, PackSection, PackStatus
from shouhu.core.exports import csv_bytes
from shouhu.core.messages import compose, define
from shouhu.core.official import in_official_language
from shouhu.core.rocdate import format_roc_date
from shouhu.evidence import names
from shouhu.evidence.models import Evidence
from shouhu.evidence.services import open_for_read, store
from shouhu.jobs.models import Job
from shouhu.jobs.services import DONE, JobError, Progress, enqueue, handler

PACK_JOB = "contracts.assurance_pack"
# The pack job's progress: the section being gathered, named in the reader's language.
SECTION = define(
    "contracts.pack_section",
    gettext_noop("{section}"),
    lambda f: {"section": str(PackSection(f["section"]).label)},
)
NOT_FOUND = define("contracts.pack_not_found", gettext_noop("找不到要產生的資料包。"))
# Why a pack failed, with what to do next: kept on the pack row as its zh-TW text (a msgid, shown in the
# reader's language by ``AssurancePack.error_shown``) and said by the job as a keyed message.
BUILD_FAILED = define("contracts.pack_failed", gettext_noop("產生失敗，請重新產生。"))
LOST = gettext_noop("背景程序中斷，資料包未完成；請重新產生。")
MAX_FILES = 20
SELFCHECK_DIR = "05_自我檢查報告"


@transaction.atomic
def request_pack(
    *, actor: Any, sections: Iterable[str], client: Any = None, evidence_ids: Iterable[int] = ()
) -> AssurancePack:
    """Queue a pack with the chosen sections (and evidence files for the certificates section)."""
    require(actor, "contracts.manage")
    chosen = [s for s in PackSection.values if s in set(sections)]
    if not chosen:
        raise ValidationError({"sections": _("請選擇至少一項內容")})
    ids = sorted(set(evidence_ids))
    if PackSection.CERTIFICATES in chosen:
        if not ids:
            raise ValidationError({"evidence_ids": _("已選擇證書及佐證檔案，請選擇檔案")})
        if len(ids) > MAX_FILES:
            raise ValidationError({"evidence_ids": _("檔案最多 {n} 個").format(n=MAX_FILES)})
        if readable_evidence(actor).filter(pk__in=ids).count() != len(ids):
            raise ValidationError({"evidence_ids": _("部分檔案不存在，或您無權讀取")})
    else:
        ids = []
    pack = AssurancePack.objects.create(client=client, sections=chosen, evidence_ids=ids, created_by=actor)
    job = enqueue(actor=actor, kind=PACK_JOB, params={"pack_id": pack.pk})
    pack.job_id = job.pk
    pack.save(update_fields=["job_id"])
    record(
        actor=actor,
        action="contracts.assurance_pack_requested",
        obj=pack,
        changes={
            "sections": [None, chosen],
            "client": [None, client.pk if client else None],
            "files": [None, ids],
        },
    )
    return pack


def retry_pack(*, actor: Any, pack: AssurancePack) -> AssurancePack:
    """Queue a new pack with the contents of ``pack``, which failed (the failed row stays, as history)."""
    if pack.status != PackStatus.FAILED:
        raise ValidationError(_("只有產生失敗的資料包可以重新產生。"))
    return request_pack(
        actor=actor, sections=pack.sections, client=pack.client, evidence_ids=pack.evidence_ids
    )


def readable_evidence(actor: Any) -> Any:
    """The evidence files ``actor`` may put in a pack: those they may read (department scope applies)."""
    from shouhu.evidence import selectors as evidence

    return evidence.evidence(actor=actor)


def find_certificates(actor: Any, query: str, *, limit: int = 50) -> list[Any]:
    """Evidence files matching a search (words in the name or description, a module such as 「契約」, or an
    upload date in ISO or ROC form), among those ``actor`` may read — the pack's certificate picker."""
    from shouhu.evidence import selectors as evidence

    if not query.strip():
        return []
    return list(evidence.search(query[:200], actor=actor, limit=limit))


def _d(value: Any) -> str:
    return format_roc_date(value) if value else "—"


def _selfcheck(actor: Any, files: dict[str, bytes]) -> str:
    """The latest completed self-check: its counts, and its report as XLSX (and PDF where WeasyPrint works)."""
    from shouhu.assessment import selectors as assessment

    latest = assessment.latest_completed()
    summary = assessment.latest_completed_summary()
    if latest is None or summary is None:
        return "尚無已完成之自我檢查。\n"
    counts = "、".join(f"{label} {n} 項" for label, n in summary.counts)
    text = (
        f"最近一次完成之檢查：{summary.kind_label}（{summary.tables_label}），檢查時間 {_d(summary.assessed_on)}\n"
        f"結果：{counts}\n"
    )
    try:
        made, problems = assessment.report_files(actor=actor, assessment=latest)
    except PermissionDenied:
        return text + "產生者無權讀取自我檢查，報告檔未收錄。\n"
    base = f"{SELFCHECK_DIR}/{summary.kind_label}報告_{_d(summary.assessed_on)}"
    for ext, data in sorted(made.items()):
        files[f"{base}.{ext}"] = data
    text += "報告檔：" + "、".join(f"{base}.{ext}" for ext in sorted(made)) + "\n"
    return text + "".join(f"{p}\n" for p in problems)


def _plan(actor: Any, files: dict[str, bytes]) -> str:
    from shouhu.plan import selectors as plan

    version = plan.current_approved()
    if version is None:
        return "尚無核定之個人資料檔案安全維護計畫。\n"
    document = version.pdf or version.docx
    if document is not None:
        with open_for_read(actor=actor, evidence=document, action="export") as handle:
            files[f"02_安全維護計畫/{document.original_name}"] = handle.read()
    approved = timezone.localtime(version.approved_at).date() if version.approved_at else None
    return (
        f"現行計畫：第 {version.number} 版，核定日期 {_d(approved)}，核定人 {version.approver_name or '—'}\n"
    )


def _training() -> str:
    from shouhu.training import selectors as training

    summary = training.year_summary()
    return (
        f"近一年辦理教育訓練 {summary.sessions} 場，出席 {summary.attended} 人，"
        f"最近一次 {_d(summary.last_held_on)}\n"
    )


def _tests(files: dict[str, bytes]) -> str:
    rows = selectors.security_test_summaries()
    files["03_安全檢測摘要.csv"] = csv_bytes(
        ["系統", "類型", "檢測日期", "高風險", "中風險", "複測結果", "逾一年"],
        [
            [
                r["system"],
                r["kind"],
                _d(r["tested_on"]),
                "不明" if r["high"] is None else r["high"],
                "不明" if r["medium"] is None else r["medium"],
                r["retest"],
                "是" if r["stale"] else "否",
            ]
            for r in rows
        ],
    )
    stale = sum(1 for r in rows if r["stale"])
    return f"安全檢測報告 {len(rows)} 份（各系統各類型最近一次），其中逾一年 {stale} 份；明細見 03_安全檢測摘要.csv\n"


def _certificates(actor: Any, ids: list[int], files: dict[str, bytes]) -> str:
    names = []
    for evidence in Evidence.objects.filter(pk__in=ids).select_related("blob").order_by("pk"):
        with open_for_read(actor=actor, evidence=evidence, action="export") as handle:
            files[f"04_證書及佐證/{evidence.blob.sha256[:12]}_{evidence.original_name}"] = handle.read()
        names.append(evidence.original_name)
    return f"附證書及佐證檔案 {len(names)} 個：" + "、".join(names) + "\n"


@in_official_language
def build_zip(*, actor: Any, pack: AssurancePack, progress: Progress) -> tuple[bytes, dict[str, str]]:
    """The ZIP and its manifest (path → SHA-256)."""
    from shouhu.organization.selectors import company

    files: dict[str, bytes] = {}
    profile = company()
    lines = [
        f"{profile.name if profile else '本公司'} 資訊安全及個人資料保護說明資料",
        f"提供對象：{pack.client.name if pack.client else '—'}",
        f"產生日期：{_d(timezone.localdate())}",
        "",
    ]
    steps = pack.sections
    for done, section in enumerate(steps):
        progress(done, len(steps), compose(SECTION, section=str(section)))
        lines.append(f"■ {PackSection(section).label}")
        if section == PackSection.SELFCHECK:
            lines.append(_selfcheck(actor, files))
        elif section == PackSection.PLAN:
            lines.append(_plan(actor, files))
        elif section == PackSection.TRAINING:
            lines.append(_training())
        elif section == PackSection.TESTS:
            lines.append(_tests(files))
        elif section == PackSection.CERTIFICATES:
            lines.append(_certificates(actor, list(pack.evidence_ids), files))
    lines.append("各檔案之 SHA-256 列於 SHA256SUMS.txt，可用 sha256sum -c SHA256SUMS.txt 驗證。")
    files["01_摘要.txt"] = "\n".join(lines).encode("utf-8")
    manifest = {path: hashlib.sha256(data).hexdigest() for path, data in sorted(files.items())}
    sums = "".join(f"{digest}  {path}\n" for path, digest in manifest.items()).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path, data in sorted(files.items()):
            zf.writestr(path, data)
        zf.writestr("SHA256SUMS.txt", sums)
    progress(len(steps), len(steps), compose(DONE))
    return out.getvalue(), manifest


def _lost(job: Job) -> None:
    AssurancePack.objects.filter(pk=job.params.get("pack_id"), status=PackStatus.QUEUED).update(
        status=PackStatus.FAILED, error=LOST
    )


@handler(PACK_JOB, permission="contracts.manage", idempotent=True, on_lost=_lost)
def build_pack(job: Job, progress: Progress) -> dict[str, Any]:
    pack = AssurancePack.objects.select_related("client").filter(pk=job.params.get("pack_id")).first()
    if pack is None:
        raise JobError(compose(NOT_FOUND))
    if pack.status == PackStatus.DONE:
        return {"pack_id": pack.pk, "files": len(pack.manifest)}
    actor = job.created_by
    try:
        data, manifest = build_zip(actor=actor, pack=pack, progress=progress)
    except Exception as exc:
        said = compose(BUILD_FAILED)
        AssurancePack.objects.filter(pk=pack.pk).update(status=PackStatus.FAILED, error=said.text)
        raise JobError(said) from exc  # the job page says the same; the cause is logged by type and frames
    label = pack.client.name if pack.client else "資料包"
    day = timezone.localdate().isoformat()
    # an internal file: its name follows the reader's language (``evidence.names``)
    if pack.client:
        named = compose(names.ASSURANCE_PACK, client=pack.client.name, date=day)
    else:
        named = compose(names.ASSURANCE_PACK_NO_CLIENT, date=day)
    with transaction.atomic():
        evidence = store(
            actor=actor,
            file=data,
            check_perm=False,
            filename=named.text,
            named=named,
            description=f"資安保證資料包：{label}"[:500],
            context=f"contracts.assurancepack:{pack.pk}",
        )
        pack.status, pack.archive, pack.manifest = PackStatus.DONE, evidence, manifest
        pack.save(update_fields=["status", "archive", "manifest"])
        record(
            actor=actor,
            action="contracts.assurance_pack_built",
            obj=pack,
            changes={"sha256": [None, evidence.blob.sha256], "files": [None, len(manifest)]},
        )
    return {"pack_id": pack.pk, "files": len(manifest)}
