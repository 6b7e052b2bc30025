"""The ``incidents.package`` job: build one queued 附錄三 package (params: its id only)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from shouhu.core.messages import compose, define
from shouhu.incidents import package
from shouhu.incidents.models import RegulatorPackage
from shouhu.jobs.models import Job
from shouhu.jobs.services import JobError, Progress, handler

# A lost worker: kept on the package row as zh-TW text (a msgid, shown in the reader's language).
LOST = gettext_noop("背景程序中斷，函復資料未完成；請重新產生。")
NOT_FOUND = define("incidents.package_not_found", gettext_noop("找不到要產生的函復主管機關資料。"))


def _lost(job: Job) -> None:
    row = RegulatorPackage.objects.filter(pk=job.params.get("package_id")).first()
    if row is not None:
        package.mark_failed(row, LOST)


@handler(package.PACKAGE_JOB, permission="incidents.manage", idempotent=True, on_lost=_lost)
def build_package(job: Job, progress: Progress) -> dict[str, Any]:
    row = (
        RegulatorPackage.objects.select_related("incident", "created_by")
        .filter(pk=job.params.get("package_id"))
        .first()
    )
    if row is None:
        raise JobError(compose(NOT_FOUND))
    built = package.build_queued(package=row, progress=progress)
    return {"package_id": built.pk, "files": len(built.manifest)}
