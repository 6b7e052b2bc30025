"""Which facts each document needs. Missing facts block only the documents that need them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.incidents import clocks
from shouhu.incidents.models import Incident

AUTHORITY_REPORT = "authority_report"
CLIENT_NOTICE = "client_notice"
PACKAGE = "package"
# 表 2 question 9: 「是否於發現個資外洩時起算七十二小時內通報」.
FORM_WINDOW = dt.timedelta(hours=72)


def _company_missing() -> list[str]:
    from shouhu.organization.selectors import company

    return [] if company() is not None else [_("公司基本資料（業者名稱、地址）")]


def authority_report(incident: Incident) -> list[str]:
    missing = _company_missing()
    if incident.occurred_at is None and not incident.occurred_unknown:
        missing.append(_("事件發生時間（或勾選「不明」）"))
    if not incident.kinds:
        missing.append(_("事件發生種類"))
    if not incident.records_unknown and incident.general_records is None and incident.special_records is None:
        missing.append(_("個資侵害筆數（或勾選「目前不明」）"))
    if not incident.summary.strip():
        missing.append(_("發生原因及事件摘要"))
    if not (incident.measures_taken.strip() or incident.measures_planned.strip()):
        missing.append(_("已採取或擬採取之因應措施"))
    if not incident.subject_notice_plan.strip():
        missing.append(_("擬採通知當事人之時間及方式"))
    due = clocks.authority_deadline(incident)
    reported = incident.authority_reported_at or timezone.now()
    # Late by the legal deadline, or by 表 2's own question (72 hours from 發現): the form asks why.
    late = (due is not None and reported > due.due_at) or reported > incident.discovered_at + FORM_WINDOW
    if late and not incident.delay_reason.strip():
        missing.append(_("延遲通報理由（已逾主管機關通報期限）"))
    return missing


def client_notice(incident: Incident, client: object | None = None) -> list[str]:
    missing = []
    if not incident.summary.strip():
        missing.append(_("發生原因及事件摘要"))
    if not incident.measures_taken.strip():
        missing.append(_("已採取之因應措施"))
    if client is not None and not any(c.email for c in client.contacts.all()):  # type: ignore[attr-defined]
        missing.append(_("委託者「{client}」之聯絡人電子郵件").format(client=client))
    return missing


def package(incident: Incident) -> list[str]:
    missing = _company_missing()
    if not incident.summary.strip():
        missing.append(_("發生原因及事件摘要"))
    return missing


def all_missing(incident: Incident) -> dict[str, list[str]]:
    return {
        AUTHORITY_REPORT: authority_report(incident),
        CLIENT_NOTICE: client_notice(incident),
        PACKAGE: package(incident),
    }
