"""Browser: a privacy officer creates a training session with its topics and audience, marks attendance in
the app, marks it held and downloads the sign-in sheet (a DOCX that opens); the department completion report
shows who is done and who is overdue; the attendee's own 「我的教育訓練」 shows the session attended."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_officer_runs_a_session_and_the_attendee_sees_it_done(
    mfa_user: Callable[..., Any], browser_login: Callable[[Any], Any], page: Any
) -> None:
    from django.utils import timezone
    from docx import Document

    from shouhu.organization.models import Person
    from shouhu.training.models import Attendance, Session
    from tests.factories import DepartmentFactory, PersonFactory

    it = DepartmentFactory(name="資訊部")
    DepartmentFactory(name="業務部")
    wu_user = mfa_user("staff", username="wu")
    wu = PersonFactory(name="吳承翰", employee_no="E001", job_title="工程師", department=it, user=wu_user)
    lee = PersonFactory(name="李冠廷", employee_no="E002", department=it)
    # 李冠廷 joined long ago and was never trained: his yearly trainings are overdue
    Person.objects.filter(pk=lee.pk).update(created_at=timezone.now() - dt.timedelta(days=200))
    officer = mfa_user("pd_officer", username="officer")
    today = timezone.localdate()

    browser_login(officer)
    page.goto("/training/")
    form = page.locator("[data-testid=session-form]")
    form.locator("input[name=title]").fill("115年度個資保護教育訓練")
    form.locator("input[name=topics][value=law]").check()
    form.locator("input[name=topics][value=duties]").check()
    form.locator("input[name=held_on]").fill(today.isoformat())
    form.locator("input[name=hours]").fill("3")
    form.locator("input[name=trainer]").fill("外部講師 王律師")
    form.locator("input[name=audience]").fill("資訊部全體同仁")
    form.get_by_label("資訊部").check()
    page.click("[data-testid=session-create]")
    page.wait_for_url("**/training/*/")
    session = Session.objects.get()
    assert (session.topics, session.trainer) == (["law", "duties"], "外部講師 王律師")
    table = page.inner_text("[data-testid=attendance]")
    assert "吳承翰" in table
    assert "李冠廷" in table
    assert "尚未登錄" in table

    row = page.locator(f"[data-testid=attendance] tr[data-person='{wu.pk}']")
    row.locator("select[name=attended]").select_option("yes")
    row.locator("input[name=score]").fill("90")
    row.locator("[data-testid=attendance-save]").click()
    page.wait_for_url(f"**/training/{session.pk}/")
    row = page.locator(f"[data-testid=attendance] tr[data-person='{wu.pk}']")
    assert "出席" in row.inner_text()
    assert "90" in row.inner_text()
    assert Attendance.objects.get(person=wu).attended is True
    page.click("[data-testid=session-held]")
    page.wait_for_url(f"**/training/{session.pk}/")
    assert page.inner_text("[data-testid=session-state]") == "已辦理"

    with page.expect_download() as info:
        page.click("[data-testid=signin-docx]")
    download = info.value
    assert download.suggested_filename == f"簽到表-{today.isoformat()}.docx"
    doc = Document(str(Path(download.path())))
    text = [p.text for p in doc.paragraphs]
    assert text[0].endswith("個資暨資安教育訓練簽到表")
    assert "課程：115年度個資保護教育訓練" in text
    cells = [c.text for r in doc.tables[0].rows for c in r.cells]
    assert cells[:6] == ["部門", "姓名", "職稱", "簽到", "簽退", "測驗分數"]
    assert "吳承翰" in cells
    assert "李冠廷" in cells

    page.goto("/training/")
    page.click("[data-testid=training-report]")
    page.wait_for_url("**/training/report/")
    it_row = page.locator("[data-testid=department-report] tbody tr", has_text="資訊部")
    cells_text = it_row.locator("td").all_inner_texts()
    assert cells_text[:2] == ["資訊部", "2"]
    assert cells_text[2] == "1（50%）"  # 吳承翰 has nothing overdue, 李冠廷 has
    assert cells_text[4] == "1 / 2"  # 個人資料保護法令: done by one of the two
    overdue = page.inner_text("[data-testid=overdue-people]")
    assert "李冠廷" in overdue
    assert "吳承翰" not in overdue

    page.context.clear_cookies()
    browser_login(wu_user)
    page.goto("/training/mine/")
    mine = page.locator("[data-testid=my-sessions] tbody tr", has_text="115年度個資保護教育訓練")
    assert mine.locator("td").all_inner_texts()[2:4] == ["出席", "90"]
    due = page.inner_text("[data-testid=due-trainings]")
    assert "個人資料保護法令" not in due  # done this year
    assert "安全維護計畫及作業程序" in due  # not covered by this session: still to do
