"""Browser: a client contract with its terms feeds an incident's contract notice clock; a client audit's
finding becomes a corrective action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from shouhu.assessment.models import CorrectiveAction
from tests.factories import ClientFactory, CompanyFactory

pytestmark = pytest.mark.browser


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_contract_terms_and_the_incident_notice_clock(
    page: Any, browser_login: Callable[[Any], Any], mfa_user: Callable[..., Any]
) -> None:
    # given a client and an officer
    CompanyFactory(name="守護資訊股份有限公司")
    client = ClientFactory(name="甲電商股份有限公司", industry_code="4871")
    officer = mfa_user("pd_officer", username="officer")
    browser_login(officer)

    # when the officer registers the contract with a 24-hour notice period
    page.goto("/contracts/")
    page.click("[data-testid=contract-new]")
    page.select_option("select[name=client]", str(client.pk))
    page.fill("input[name=number]", "C-2026-001")
    page.fill("input[name=title]", "電商平台維運契約")
    page.fill("textarea[name=services]", "電商平台代管及維運")
    page.fill("input[name=notice_hours]", "24")
    page.click("[data-testid=contracts-submit]")
    assert "24 小時" in page.inner_text("[data-testid=notice-hours]")

    # and records that the breach-notice term is agreed in clause 9; the others stay unknown
    row = page.locator("[data-testid=pdpa-terms] tr[data-key='pdpa:breach']")
    row.locator("select[name=agreed]").select_option("true")
    row.locator("input[name=clause]").fill("第9條")
    row.locator("[data-testid=term-save]").click()
    row = page.locator("[data-testid=pdpa-terms] tr[data-key='pdpa:breach']")
    assert "已約定" in row.inner_text()
    assert "第9條" in row.inner_text()
    assert "尚未確認" in page.inner_text("[data-testid=pdpa-terms] tr[data-key='pdpa:scope']")

    # and then reports an incident of that client (the short form; whether a violation caused it is open)
    now = timezone.now()
    page.goto("/incidents/report/")
    page.fill("input[name=title]", "客戶會員資料外洩")
    page.fill("input[name=discovered_at]", _local(now - dt.timedelta(hours=3)))
    page.fill("input[name=aware_at]", _local(now - dt.timedelta(hours=2)))
    page.check("input[name=kinds][value=leak]")
    page.check(f"input[name=clients][value='{client.pk}']")
    page.click("[data-testid=incident-submit]")

    # then the incident carries the contract's 24 hours and the contract clock counts from them
    page.wait_for_selector("[data-testid=contract-notice-hours]")
    assert "契約 C-2026-001 約定 24 小時" in page.inner_text("[data-testid=contract-notice-hours]")
    clock = page.locator("tr[data-rule=pdpa-er-art8-contractor-notice]")
    assert clock.count() == 1
    assert "委託契約約定之通知時限" not in clock.inner_text()  # waits only on whether a violation caused it


def test_client_audit_finding_becomes_a_corrective_action(
    page: Any, browser_login: Callable[[Any], Any], mfa_user: Callable[..., Any]
) -> None:
    # given a client and an officer
    CompanyFactory(name="守護資訊股份有限公司")
    client = ClientFactory(name="乙市政府資訊中心")
    officer = mfa_user("pd_officer", username="officer")
    browser_login(officer)

    # when the officer logs the client's audit and its finding
    page.goto("/contracts/audits/")
    page.click("[data-testid=audit-new]")
    page.select_option("select[name=client]", str(client.pk))
    page.fill("input[name=audited_on]", (timezone.localdate() - dt.timedelta(days=7)).isoformat())
    page.fill("textarea[name=scope]", "代管系統之存取控制")
    page.fill("input[name=auditor]", "乙市政府資訊中心稽核小組")
    page.click("[data-testid=contracts-submit]")
    page.fill("input[name=title]", "離職人員帳號未即時停用")
    page.select_option("select[name=severity]", "high")
    page.click("[data-testid=finding-add]")

    # then a corrective action in draft was opened for it and names the audit it came from
    page.click("[data-testid=finding-action]")
    action = CorrectiveAction.objects.get()
    page.wait_for_url(f"**/assessment/actions/{action.pk}/")
    assert "委託者稽核：乙市政府資訊中心" in page.inner_text("main")
