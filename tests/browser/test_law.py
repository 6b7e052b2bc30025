"""Browser: fill a client's regulatory facts, read the applicable rules with reasons, run a deadline preview."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import ClientFactory, CompanyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_client_facts_applicability_and_deadline_preview(
    page: Any, mfa_user: Any, browser_login: Any
) -> None:
    CompanyFactory()
    client = ClientFactory(name="乙文理短期補習班")
    officer = mfa_user("pd_officer", username="officer")
    browser_login(officer)

    page.goto("/law/")
    page.click(f"[data-testid=facts-client-{client.pk}]")
    page.fill("input[name=business_item_codes]", "J201031")
    page.check("input[name=sectors][value=cram_school]")
    page.fill("input[name=consumer_records]", "-3")
    page.click("[data-testid=facts-save]")
    assert page.locator(".errorlist").first.inner_text() == "保有消費者個資筆數不可為負數。"

    page.fill("input[name=consumer_records]", "1200")
    page.click("[data-testid=facts-save]")
    answer = page.locator("[data-testid=answer]")
    cram = answer.locator("article[data-rule=cram-school]")
    assert "立案之短期補習班；無門檻 → 適用" in cram.inner_text()
    assert "發現後72小時內" in cram.inner_text()
    assert "@" not in answer.inner_text()  # no internal version codes
    contractor = answer.locator("article[data-rule=pdpa-contractor]")
    assert "僅建置或維護其系統" in contractor.inner_text()  # from the client's service types
    assert (
        page.locator("[data-testid=client-link]").get_attribute("href")
        == f"/organization/clients/{client.pk}/"
    )

    page.goto("/law/deadlines/")
    page.fill("input[name=discovered_at]", "115/11/26 09:10")
    page.fill("input[name=aware_at]", "115/11/26 10:00")
    page.check(f"input[name=clients][value='{client.pk}']")
    page.click("[data-testid=preview-submit]")
    row = page.locator("[data-testid=deadlines] tr[data-rule=cram-art13-report]")
    assert "民國115年11月29日 09:10（臺北時間）" in row.inner_text()
    assert "乙文理短期補習班" in page.locator("[data-testid=deadlines]").inner_text()
    notify = page.locator("[data-testid=deadlines] tr[data-rule=pdpa-art12-notify]").first
    assert "待判斷：是否因違反個資法所致" in notify.inner_text()
