"""Browser: an officer drafts the SMS to data subjects from the incident's facts, sees the legal checks name
what is missing, completes it, records it as sent, and finds it in 附錄三 4(2); 表2 names the reporter."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from docx import Document

from shouhu.incidents import services
from shouhu.incidents.models import Incident
from shouhu.organization.models import ClientContact
from tests.factories import ClientFactory, CompanyFactory, PersonFactory

pytestmark = pytest.mark.browser


def test_subject_notice_from_facts_to_package(
    page: Any, browser_login: Callable[[Any], Any], mfa_user: Callable[..., Any]
) -> None:
    # given an incident on data we process for a client
    CompanyFactory(name="守護資訊股份有限公司", address="臺北市大安區信義路三段41-3號")
    client = ClientFactory(name="甲電商股份有限公司", industry_code="4871")
    ClientContact.objects.create(
        client=client, name="李窗口", email="sec@a.example.com", is_security_contact=True
    )
    officer = mfa_user("pd_officer", username="officer3", email="officer3@example.com")
    PersonFactory(user=officer, name="王小明", job_title="個資管理專員", phone="(02)2700-0000")
    now = timezone.now()
    incident = services.report_incident(
        actor=officer,
        data={
            "title": "會員資料外洩",
            "occurred_at": now - dt.timedelta(hours=6),
            "discovered_at": now - dt.timedelta(hours=5),
            "aware_at": now - dt.timedelta(hours=4),
            "kinds": ["leak"],
            "data_items": "姓名、電話",
            "general_records": 300,
            "summary": "後台帳號遭盜用，匯出會員資料。",
            "measures_taken": "已停用該帳號並封鎖來源",
            "subject_notice_plan": "由委託者以簡訊通知會員。",
            "serious": True,
        },
        clients=[client],
    )
    browser_login(officer)

    # when the officer opens a new SMS notice: it is drafted from the facts, signed by the client
    page.goto(f"/incidents/{incident.pk}/")
    page.click("[data-testid=subject-sms]")
    body = page.input_value("textarea[name=body]")
    assert body.startswith("【甲電商股份有限公司】通知")
    assert "您的姓名、電話等個人資料外洩" in body
    assert "已停用該帳號並封鎖來源" in body
    page.click("[data-testid=notice-save]")
    page.wait_for_url(f"**/incidents/{incident.pk}/subject-notices/*/")

    # then the checks name the missing line for enquiries, and sending is not offered
    checks = page.locator("[data-testid=notice-checks]").text_content()
    assert "未提供供當事人查詢之電話專線或其他管道" in checks
    assert page.locator("[data-testid=notice-mark-sent]").count() == 0

    # when the hotline is given and the text recomposed
    page.fill("input[name=hotline]", "0800-123-456")
    page.fill("textarea[name=body]", "")
    page.click("[data-testid=notice-save]")
    page.wait_for_selector("[data-testid=notice-mark-sent]")
    assert "✘" not in page.locator("[data-testid=notice-checks]").text_content()
    page.fill("input[name=recipients]", "300")
    page.click("[data-testid=notice-mark-sent]")
    page.wait_for_selector("[data-testid=notice-sent]")
    notice = incident.subject_notices.get()
    assert notice.sent_at is not None
    assert notice.recipients == 300

    # and 表2 names the reporter with title and phone
    page.goto(f"/incidents/{incident.pk}/")
    page.click("[data-testid=report-generate]", timeout=60000)
    report = Incident.objects.get(pk=incident.pk).reports.get()
    from shouhu.evidence.services import read_bytes_internal

    cells = {
        row.cells[0].text.split("\n")[0]: row.cells[1].text
        for row in Document(io.BytesIO(read_bytes_internal(report.docx))).tables[0].rows
    }
    assert (cells["職稱"], cells["電話"], cells["通報時間"]) == ("個資管理專員", "(02)2700-0000", "尚未送出")

    # and the package lists the SMS actually sent in 4(2)
    page.click("[data-testid=package-build]")
    page.fill("input[name=inquiry_date]", "民國115年11月20日")
    page.fill("input[name=inquiry_no]", "數授產字第1150000001號")
    page.click("[data-testid=package-submit]", timeout=120000)
    page.wait_for_url(f"**/incidents/{incident.pk}/#packages", timeout=120000)
    with page.expect_download() as download_info:
        page.click("[data-testid=package-download]")
    archive = open(download_info.value.path(), "rb").read()  # noqa: SIM115
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        case = "\n".join(
            p.text for p in Document(io.BytesIO(zf.read("02_附件1_個案分析報告.docx"))).paragraphs
        )
    assert "以簡訊通知當事人（以「甲電商股份有限公司」名義，300 人）" in case
