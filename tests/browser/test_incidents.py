"""Browser: report an incident, watch the countdown, generate the 表 2 report, e-mail the client through a real
SMTP server (aiosmtpd), build the regulator package and verify its manifest."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from shouhu.incidents import package
from shouhu.incidents.models import Incident, NoticeStatus
from shouhu.organization.models import ClientContact, Designation
from tests.factories import ClientFactory, CompanyFactory, PersonFactory

pytestmark = pytest.mark.browser


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_incident_end_to_end(
    page: Any, browser_login: Callable[[Any], Any], mfa_user: Callable[..., Any], smtp: Any
) -> None:
    # given a company, a client with a security contact, a 總負責人 and an officer
    CompanyFactory(address="臺北市大安區信義路三段41-3號", representative="黃大華")
    client = ClientFactory(name="甲電商股份有限公司", industry_code="4871")
    ClientContact.objects.create(
        client=client, name="李窗口", email="security@a.example.com", is_security_contact=True
    )
    Designation.objects.create(
        kind=Designation.Kind.PRIVACY, person=PersonFactory(email="chief@example.com"), position="副總經理"
    )
    officer = mfa_user("pd_officer", username="officer", email="officer@example.com")
    PersonFactory(user=officer, name="王小明", email="officer@example.com", phone="02-2700-0000")
    now = timezone.now()

    # when the officer reports an incident
    browser_login(officer)
    page.goto("/incidents/")
    page.click("[data-testid=incident-report]")
    page.fill("input[name=title]", "會員資料外洩")
    page.fill("input[name=occurred_at]", _local(now - dt.timedelta(hours=5)))
    page.fill("input[name=discovered_at]", _local(now - dt.timedelta(hours=3)))
    page.fill("input[name=aware_at]", _local(now - dt.timedelta(hours=2)))
    page.check("input[name=kinds][value=leak]")
    page.fill("input[name=general_records]", "1200")
    page.check(f"input[name=clients][value='{client.pk}']")
    page.fill("textarea[name=summary]", "駭客植入木馬程式，竊取消費者資料。")
    page.select_option("select[name=serious]", "yes")
    page.click("[data-testid=incident-submit]")
    page.wait_for_url("**/incidents/*/")
    incident = Incident.objects.get()
    assert incident.kinds == ["theft", "leak"]

    # then the deadlines from the engine count down live
    countdown = page.locator("tr[data-rule=moda-art8-report] [data-testid=countdown]")
    page.wait_for_function("el => el.textContent.startsWith('剩餘')", arg=countdown.element_handle())
    first = countdown.text_content()
    page.wait_for_function("([el, t]) => el.textContent !== t", arg=[countdown.element_handle(), first])
    assert countdown.get_attribute("data-state") == "ok"
    assert "bad" in (
        page.locator(
            "tr[data-rule=pdpa-er-art8-contractor-notice] [data-testid=countdown]"
        ).first.get_attribute("class")
        or ""
    )
    # the report is blocked until the missing facts are filled in
    assert "擬採通知當事人之時間及方式" in page.locator("[data-testid=missing-report]").text_content()
    page.click("text=編輯事件資料")
    page.fill("textarea[name=measures_taken]", "已刪除木馬程式並阻擋境外IP。")
    page.fill("textarea[name=subject_notice_plan]", "配合客戶發送簡訊及電子郵件通知消費者。")
    page.click("[data-testid=incident-submit]")
    page.wait_for_url(f"**/incidents/{incident.pk}/")

    # generate the authority report (表 2)
    page.click("[data-testid=report-generate]", timeout=60000)
    with page.expect_download() as download_info:
        page.click("[data-testid=report-docx]")
    data = open(download_info.value.path(), "rb").read()  # noqa: SIM115
    assert data[:2] == b"PK"
    assert incident.reports.count() == 1

    # send the client e-mail through the SMTP server
    page.click(f"[data-testid=client-notice-{client.pk}]")
    assert "本公司非常注重您的權益" in page.input_value("textarea[name=body]")
    # 寄出 asks first: dismissing sends nothing, accepting sends
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("[data-testid=client-notice-send]")
    assert len(asked) == 1
    assert client.name in asked[0]
    assert smtp.messages == []
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=client-notice-send]")
    page.wait_for_url(f"**/incidents/{incident.pk}/")
    assert len(smtp.messages) == 1
    assert smtp.envelopes[0].rcpt_tos == ["security@a.example.com"]
    assert incident.client_notices.get().status == NoticeStatus.SENT

    # build the regulator package
    page.click("[data-testid=package-build]")
    assert page.input_value("input[name=recipient]").startswith("數位發展部")
    page.fill("input[name=inquiry_date]", "民國115年11月20日")
    page.fill("input[name=inquiry_no]", "數授產字第1150000001號")
    page.click("[data-testid=package-submit]", timeout=120000)
    page.wait_for_url(f"**/incidents/{incident.pk}/#packages", timeout=120000)
    with page.expect_download() as download_info:
        page.click("[data-testid=package-download]")
    archive = open(download_info.value.path(), "rb").read()  # noqa: SIM115
    assert package.verify_manifest(archive) == []
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        names = zf.namelist()
    assert "01_函.docx" in names
    assert any(n.startswith("附件3_佐證資料/通知客戶佐證/") for n in names)

    # 標示已送出主管機關 asks first: dismissing records nothing, accepting records the time sent
    report = incident.reports.get()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("[data-testid=report-submitted]")
    report.refresh_from_db()
    assert report.submitted_at is None
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=report-submitted]")
    page.wait_for_url(f"**/incidents/{incident.pk}/")
    report.refresh_from_db()
    assert report.submitted_at is not None


def test_first_hour_report_pending_moda_clock_then_no_with_reason(
    page: Any, browser_login: Callable[[Any], Any], mfa_user: Callable[..., Any]
) -> None:
    # given a company and an officer
    CompanyFactory()
    officer = mfa_user("pd_officer", username="officer2", email="officer2@example.com")
    now = timezone.now()
    label = "是否危及正常營運或大量當事人權益"

    # when an incident is reported with first-hour facts only (nothing answered about its seriousness)
    browser_login(officer)
    page.goto("/incidents/report/")
    assert page.input_value("select[name=serious]") == ""  # 尚未判斷 is the default
    page.fill("input[name=title]", "客服誤寄客戶名單")
    page.fill("input[name=discovered_at]", _local(now - dt.timedelta(minutes=40)))
    page.fill("input[name=aware_at]", _local(now - dt.timedelta(minutes=30)))
    page.click("[data-testid=incident-submit]")
    page.wait_for_url("**/incidents/*/")
    incident = Incident.objects.get()

    # then the 72-hour moda clock counts down, flagged 待判斷 with a link to the question
    row = page.locator("tr[data-rule=moda-art8-report]")
    countdown = row.locator("[data-testid=countdown]")
    page.wait_for_function("el => el.textContent.startsWith('剩餘')", arg=countdown.element_handle())
    first = countdown.text_content()
    page.wait_for_function("([el, t]) => el.textContent !== t", arg=[countdown.element_handle(), first])
    assert row.locator("[data-testid=pending]").text_content() == f"待判斷：{label}"

    # when the officer answers "no" — first without a reason (refused), then with one
    row.locator("[data-testid=pending-serious]").click()
    page.wait_for_url(f"**/incidents/{incident.pk}/facts/serious/")
    assert "72小時內通報數位發展部" in (page.locator("[data-testid=waiting]").text_content() or "")
    page.select_option("select[name=value]", "no")
    page.click("[data-testid=decide-submit]")
    assert "請寫明判斷理由" in page.locator("[data-testid=decide-form]").text_content()
    page.fill("textarea[name=reason]", "僅2筆內部測試帳號，無當事人權益受影響")
    page.click("[data-testid=decide-submit]")
    page.wait_for_url(f"**/incidents/{incident.pk}/")

    # then the clock has left the table, and the decision is on the timeline
    assert page.locator("tr[data-rule=moda-art8-report]").count() == 0
    assert "72小時內通報數位發展部" in (page.locator("[data-testid=withdrawn]").text_content() or "")
    timeline = page.locator("[data-testid=timeline]").text_content() or ""
    assert f"判斷「{label}」：尚未判斷 → 否。理由：僅2筆內部測試帳號，無當事人權益受影響" in timeline
    assert "officer2" in timeline


def test_staff_reports_a_suspected_event_and_the_chief_triages_it(
    page: Any, browser_login: Callable[[Any], Any], mfa_user: Callable[..., Any], smtp: Any
) -> None:
    # given a company, a privacy chief with an e-mail address, an employee and an officer
    CompanyFactory()
    Designation.objects.create(
        kind=Designation.Kind.PRIVACY, person=PersonFactory(email="chief@example.com"), position="副總經理"
    )
    employee = mfa_user("staff", username="employee", email="employee@example.com")
    officer = mfa_user("pd_officer", username="officer3", email="officer3@example.com")
    noticed = timezone.now() - dt.timedelta(minutes=15)

    # when the employee uses the home entry and the two-minute form
    browser_login(employee)
    page.goto("/")
    page.click("[data-testid=home-suspect]")
    page.fill("textarea[name=what]", "把含客戶電話的報價單寄給錯的廠商")
    page.fill("input[name=noticed_at]", _local(noticed))
    page.fill("input[name=data_items]", "客戶姓名、電話")
    page.fill("input[name=contact]", "分機 321")
    page.click("[data-testid=suspect-submit]")
    page.wait_for_url("**/incidents/*/")
    incident = Incident.objects.get()

    # then it is a suspected event with provisional clocks, and the chief has been e-mailed
    assert "待分流" in (page.locator("[data-testid=triage]").text_content() or "")
    assert page.locator("tr[data-rule=moda-art8-report] [data-testid=pending]").count() == 1
    assert [e.rcpt_tos for e in smtp.envelopes] == [["chief@example.com"]]

    # when the officer triages it: records 知悉 and confirms it as an incident
    page.context.clear_cookies()
    browser_login(officer)
    page.goto("/incidents/?state=suspected")
    assert page.locator("[data-testid=state-suspected]").count() == 1
    page.click(f"a[href='/incidents/{incident.pk}/']")
    page.wait_for_url(f"**/incidents/{incident.pk}/")
    page.click("[data-testid=triage-confirm]")
    page.wait_for_url(f"**/incidents/{incident.pk}/")

    # then it is an incident under way, 知悉 recorded, and the triage is on the timeline
    incident.refresh_from_db()
    assert incident.state == "open"
    assert incident.aware_at is not None
    assert page.locator("[data-testid=triage]").count() == 0
    assert "分流：確認為個資事故" in (page.locator("[data-testid=timeline]").text_content() or "")
