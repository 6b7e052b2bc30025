"""The ``plan.implementation_report`` job: build the 實施情形 ZIP for one report row (params: its id only),
keep it in the evidence store, and complete the Art. 18 measures that have records in the period."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop

from shouhu.audit.services import record
from shouhu.core.messages import compose, define
from shouhu.evidence import names
from shouhu.evidence.services import store
from shouhu.jobs.models import Job
from shouhu.jobs.services import JobError, Progress, handler
from shouhu.plan import implementation
from shouhu.plan.models import ImplementationReport, ReportStatus

REPORT_JOB = "plan.implementation_report"
NOT_FOUND = define("plan.report_not_found", gettext_noop("找不到要產生的實施情形報告。"))


def _lost(job: Job) -> None:
    ImplementationReport.objects.filter(pk=job.params.get("report_id"), status=ReportStatus.QUEUED).update(
        status=ReportStatus.FAILED, error=gettext_noop("背景程序中斷，報告未完成；請重新產生。")
    )


@handler(REPORT_JOB, permission="plan.manage", idempotent=True, on_lost=_lost)
def build_report(job: Job, progress: Progress) -> dict[str, Any]:
    report = ImplementationReport.objects.filter(pk=job.params.get("report_id")).first()
    if report is None:
        raise JobError(compose(NOT_FOUND))
    if report.status == ReportStatus.DONE:
        return {"report_id": report.pk, "files": len(report.manifest)}
    actor = job.created_by
    period = implementation.Period(report.period_start, report.period_end)
    data, manifest = implementation.build_zip(actor=actor, period=period, progress=progress)
    # an internal compilation: its name follows the reader's language (``evidence.names``)
    named = compose(names.IMPLEMENTATION_REPORT, start=period.start.isoformat(), end=period.end.isoformat())
    with transaction.atomic():
        evidence = store(
            actor=actor, file=data, check_perm=False, filename=named.text, named=named,
            description="個人資料檔案安全維護計畫實施情形", context=f"plan.implementationreport:{report.pk}",
            whole_company=True,
        )  # fmt: skip
        implementation.complete_art18(actor=actor, period=period)
        report.status, report.zip, report.manifest = ReportStatus.DONE, evidence, manifest
        report.save(update_fields=["status", "zip", "manifest"])
        record(actor=actor, action="plan.implementation_report_built", obj=report,
               changes={"sha256": [None, evidence.blob.sha256], "files": [None, len(manifest)]})  # fmt: skip
    return {"report_id": report.pk, "files": len(manifest)}
