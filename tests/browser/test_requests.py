"""Browser: a data subject files a request on the public page (no account); the officer verifies the
identity, extends the period once and downloads the written extension notice."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from docx import Document

from shouhu.requests import intake
from shouhu.requests.models import SubjectRequest
from tests.factories import CompanyFactory

pytestmark = pytest.mark.browser


def test_public_intake_to_the_extension_letter(
    page: Any, browser_login: Callable[[Any], Any], mfa_user: Callable[..., Any]
) -> None:
    # given a company whose officer opened the public request page
    CompanyFactory(name="守護資訊股份有限公司")
    officer = mfa_user("pd_officer", username="officer", email="officer@example.com")
    link = intake.issue_link(actor=officer)

    # when a data subject files a copy request there, without an account
    page.goto(f"/requests/apply/{link.token}/")
    page.select_option("select[name=kind]", "copy")
    page.fill("input[name=requester_name]", "林小姐")
    page.fill("input[name=requester_email]", "lin@example.com")
    page.fill("textarea[name=data_concerned]", "會員資料與訂單紀錄")
    box = page.locator("input[name=website]").bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= 1  # the honeypot is off-screen (people never fill it)
    page.click("[data-testid=intake-submit]")
    number = page.inner_text("[data-testid=intake-case]")
    case = SubjectRequest.objects.get()
    assert number == case.number

    # then the officer finds the case with its legal deadline, verifies, extends and gets the notice
    browser_login(officer)
    page.goto("/requests/")
    page.click(f"text={case.number}")
    assert "個人資料保護法" in page.inner_text("[data-testid=deadline]")
    page.select_option("select[name=method]", "callback")
    page.fill("textarea[name=note]", "回撥會員留存電話確認本人")
    page.click("[data-testid=verify]")
    assert "回撥會員留存電話確認本人" in page.inner_text("[data-testid=identity]")
    page.fill("textarea[name=reason]", "資料分散於三個系統，需調閱備份")
    page.click("[data-testid=extend]")
    with page.expect_download() as info:
        page.click("[data-testid=extension-docx]")
    with open(info.value.path(), "rb") as fh:
        text = "\n".join(p.text for p in Document(io.BytesIO(fh.read())).paragraphs)
    assert "延長處理期限通知書" in text
    assert "資料分散於三個系統，需調閱備份" in text
    assert "林小姐" in text
