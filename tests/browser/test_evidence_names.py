"""The incident page in English in Chromium names a drill's notice file in English and downloads it under that
name; the regulator report keeps its zh-TW file name with an English label beside it (issue 12)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from shouhu.incidents import notices, reports, services
from shouhu.organization.models import Designation
from tests.browser.journeys import sign_in
from tests.factories import CompanyFactory, PersonFactory

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_drill_files_on_the_english_incident_page(page: Any, make_user: Any, live_server: Any) -> None:
    CompanyFactory(address="臺北市大安區信義路三段41-3號", representative="黃大華")
    officer = make_user("pd_officer", username="evidence-names")
    PersonFactory(user=officer, name="王小明", email="officer@example.com", phone="02-2700-0000",
                  job_title="個資管理專員")  # fmt: skip
    Designation.objects.create(
        kind=Designation.Kind.PRIVACY, person=PersonFactory(name="陳總"), position="副總經理"
    )
    now = timezone.now()
    incident = services.report_incident(
        actor=officer,
        data={
            "title": "會員資料外洩", "occurred_at": now - dt.timedelta(hours=4),
            "discovered_at": now - dt.timedelta(hours=3), "aware_at": now - dt.timedelta(hours=2),
            "kinds": ["leak"], "general_records": 1200, "summary": "駭客竊取消費者資料。",
            "damage": "尚無", "consequences": "詐騙", "measures_taken": "已阻擋境外IP。",
            "measures_planned": "加上二次驗證。", "subject_notice_plan": "簡訊通知。", "serious": True,
        },
    )  # fmt: skip
    report = reports.generate(actor=officer, incident=incident, with_pdf=False)
    incident = services.update_incident(actor=officer, incident=incident, data={"is_drill": True})
    saved = notices.save_subject_notice(
        actor=officer, incident=incident, channel="sms", kinds=["leak"], data_items="姓名、電話",
        measures="已封鎖來源", hotline="0800-123-456",
    )  # fmt: skip
    notices.mark_subject_notice_sent(actor=officer, notice=saved, recipients=10)
    drill_name = f"Drill_subject-notice_SMS_INC-{incident.pk}_{saved.pk}.txt"
    sign_in(page, officer, live_server, language="en")

    page.goto(f"/incidents/{incident.pk}/")
    files = page.locator("[data-testid=evidence-file]").all_inner_texts()
    assert drill_name in files
    label = f"Regulator report (Table 2), INC-{incident.pk}, report 1"
    assert f"{report.docx.original_name} — {label}" in files
    assert not any("演練_" in name for name in files)
    with page.expect_download() as download:
        page.locator("[data-testid=evidence-file]", has_text=drill_name).click()
    assert download.value.suggested_filename == drill_name
