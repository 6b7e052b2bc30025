"""Browser: the officer generates the plan from the records, the 總負責人 approves it as an authorised person
(refused until the authorisation document is uploaded), and approves the next version choosing that
authorisation document on file instead of uploading it again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_generate_then_approve_the_plan(
    mfa_user: Callable[..., Any], browser_login: Callable[[Any], Any], page: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from tests.factories import CompanyFactory

    valid_until = timezone.localdate() + dt.timedelta(days=365)
    CompanyFactory(name="守護示範資訊股份有限公司", representative="陳美玲")
    browser_login(mfa_user("pd_officer", username="officer"))
    page.goto("/plan/")
    page.click("[data-testid=plan-generate]")
    assert page.inner_text("[data-testid=plan-state]") == "草稿"
    assert "尚未建立：委外監督紀錄" in page.inner_text("[data-testid=plan-missing]")
    assert page.locator("[data-testid=plan-approve-form]").count() == 0
    draft_url = page.url

    page.context.clear_cookies()
    browser_login(mfa_user("pd_chief", username="chief"))
    page.goto(draft_url)
    page.check("input[name=capacity][value=authorised]")
    page.check("input[name=confirm]")
    page.click("[data-testid=plan-approve]")  # no authorisation named yet: refused on the form
    assert "請填寫授權依據" in page.inner_text("[data-testid=plan-approve-form]")
    page.check("input[name=capacity][value=authorised]")
    page.fill("input[name=authorisation]", "董事會115年11月1日決議")
    page.check("input[name=confirm]")
    page.click("[data-testid=plan-approve]")  # the authorisation named, but its document not uploaded
    assert "請上傳授權文件" in page.inner_text("[data-testid=plan-approve-form]")
    assert page.inner_text("[data-testid=plan-state]") == "草稿"
    page.check("input[name=capacity][value=authorised]")
    page.fill("input[name=authorisation]", "董事會115年11月1日決議")
    page.set_input_files(
        "input[name=authorisation_file]",
        files=[{"name": "授權書.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 board resolution"}],
    )
    page.fill("input[name=authorisation_valid_until]", valid_until.isoformat())
    page.check("input[name=confirm]")
    page.click("[data-testid=plan-approve]")
    assert page.inner_text("[data-testid=plan-state]") == "已核定"
    assert "董事會115年11月1日決議" in page.inner_text("[data-testid=plan-signoff]")
    assert page.inner_text("[data-testid=plan-authorisation-file]") == "授權書.pdf"
    page.goto("/plan/")
    assert "第 1 版" in page.inner_text("[data-testid=current-plan]")

    from shouhu.accounts.models import User
    from shouhu.plan import services

    second = services.generate_draft(actor=User.objects.get(username="officer"))
    page.goto(f"/plan/{second.pk}/")
    page.check("input[name=capacity][value=authorised]")
    choice = page.locator("select[name=authorisation_on_file] option", has_text="授權書.pdf")
    assert "董事會115年11月1日決議" in choice.inner_text()
    page.select_option("select[name=authorisation_on_file]", value=choice.get_attribute("value"))
    page.check("input[name=confirm]")
    page.click("[data-testid=plan-approve]")  # nothing uploaded: the document on file is used
    assert page.inner_text("[data-testid=plan-state]") == "已核定"
    assert page.inner_text("[data-testid=plan-authorisation-file]") == "授權書.pdf"
    assert "董事會115年11月1日決議" in page.inner_text("[data-testid=plan-signoff]")
