"""Browser: the officer sends a processor questionnaire; the processor's respondent answers it at the
external link (no account); the officer sees the score and the recorded check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from shouhu.thirdparties import services
from tests.factories import CompanyFactory

pytestmark = pytest.mark.browser


def test_questionnaire_answered_from_the_external_page(
    page: Any,
    browser: Any,
    live_server: Any,
    browser_login: Callable[[Any], Any],
    mfa_user: Callable[..., Any],
) -> None:
    # given a processor on the register
    CompanyFactory(name="守護資訊股份有限公司")
    officer = mfa_user("pd_officer", username="officer")
    sub = services.save_subprocessor(
        actor=officer, data={"name": "乙雲端股份有限公司", "services": "主機代管"}
    )

    # when the officer creates a questionnaire with two self-check items
    browser_login(officer)
    page.goto(f"/thirdparties/subprocessors/{sub.pk}/")
    page.select_option("select[name=item_ids]", ["pd-1.1.1", "is-1.1.1"])
    page.fill("input[name=days]", "7")
    page.click("[data-testid=questionnaire-create]")
    url = page.inner_text("[data-testid=questionnaire-url]")
    path = url[url.index("/thirdparties/q/") :]

    # and the respondent answers it in a browser without any session
    outsider = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei", base_url=live_server.url)
    answer = outsider.new_page()
    answer.goto(path)
    answer.fill("input[name=respondent]", "王經理（資安主管）")
    answer.check("input[name='answer-pd-1.1.1'][value=yes]")
    answer.check("input[name='answer-is-1.1.1'][value=no]")
    answer.fill("input[name='note-is-1.1.1']", "預計下季完成")
    answer.click("[data-testid=questionnaire-submit]")
    assert answer.is_visible("[data-testid=questionnaire-done]")
    assert answer.goto(path).status == 404  # the link works once
    outsider.close()

    # then the officer sees the score and the check it recorded
    page.goto(f"/thirdparties/subprocessors/{sub.pk}/")
    assert page.inner_text("[data-testid=questionnaire-score]") == "50.0"
    assert "得分 50.0%" in page.inner_text("[data-testid=checks]")
