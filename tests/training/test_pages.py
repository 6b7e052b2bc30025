"""Materials per session, the sign-in sheet, each person's own trainings and the department report."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shouhu.audit.models import AuditEvent
from shouhu.organization.models import Person
from shouhu.training import services
from shouhu.training.models import Leader
from tests.factories import CompanyFactory, DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user("pd_officer", username="officer")


@pytest.fixture
def staff(make_user):
    user = make_user("staff", username="staff")
    PersonFactory(name="吳承翰", job_title="工程師", user=user, department=DepartmentFactory(name="資訊部"))
    return user


@pytest.fixture
def session(officer, staff):
    person = Person.objects.get(user=staff)
    session = services.create_session(
        actor=officer, title="年度個資保護教育訓練", topics=["law", "duties"], held_on=dt.date(2026, 11, 20),
        hours=Decimal("1.5"), trainer="沈講師", audience="全體員工", people=[person],
    )  # fmt: skip
    services.record_attendance(actor=officer, session=session, person=person, attended=True, score=95)
    return session


def test_an_invited_person_downloads_the_materials_and_a_colleague_cannot(
    officer, staff, session, make_user, login_as
):
    login_as(officer).post(f"/training/{session.pk}/materials/",
                           {"file": SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides")})  # fmt: skip
    session.refresh_from_db()
    assert session.materials.original_name == "slides.pdf"
    response = login_as(staff).get(f"/training/{session.pk}/materials/download/")
    assert b"".join(response) == b"%PDF-1.4 slides"
    assert AuditEvent.objects.filter(action="training.materials_downloaded").count() == 1
    other = make_user("staff", username="other")
    PersonFactory(name="李冠廷", user=other)
    assert login_as(other).get(f"/training/{session.pk}/materials/download/").status_code == 403


def test_staff_cannot_upload_materials(staff, session, login_as):
    response = login_as(staff).post(f"/training/{session.pk}/materials/",
                                    {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 x")})  # fmt: skip
    assert response.status_code == 403


def test_the_signin_sheet_has_the_roc_date_course_trainer_hours_and_a_row_per_attendee(
    officer, session, login_as
):
    from docx import Document

    CompanyFactory(name="守護資訊股份有限公司")
    response = login_as(officer).get(f"/training/{session.pk}/signin.docx")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "守護資訊股份有限公司個資暨資安教育訓練簽到表" in text
    assert "時間：民國115年11月20日" in text
    assert "課程：年度個資保護教育訓練" in text
    assert "講師：沈講師" in text
    assert "時數：1.5 小時" in text
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows == [
        ["部門", "姓名", "職稱", "簽到", "簽退", "測驗分數"],
        ["資訊部", "吳承翰", "工程師", "", "", "95"],
    ]
    assert AuditEvent.objects.filter(action="training.signin_exported").exists()


def test_the_signin_sheet_pdf_is_a_pdf(officer, session, login_as):
    from shouhu.core.exports import cjk_font_available

    if not cjk_font_available():
        pytest.fail("fonts-noto-cjk is required for PDF exports")
    response = login_as(officer).get(f"/training/{session.pk}/signin.pdf")
    assert response.content.startswith(b"%PDF")


def test_my_trainings_flag_an_overdue_topic_and_list_my_sessions(staff, session, login_as):
    Person.objects.filter(user=staff).update(created_at=timezone.now() - dt.timedelta(days=400))
    page = login_as(staff).get("/training/mine/").content.decode()
    assert "安全維護計畫及作業程序" in page  # never attended: overdue
    assert 'data-testid="overdue"' in page
    assert "年度個資保護教育訓練" in page


def test_the_staff_home_shows_my_due_trainings(staff, session, login_as):
    Person.objects.filter(user=staff).update(created_at=timezone.now() - dt.timedelta(days=400))
    page = login_as(staff).get("/").content.decode()
    assert "我的教育訓練" in page
    assert "安全維護計畫及作業程序" in page


def test_staff_cannot_open_the_department_report(staff, login_as):
    assert login_as(staff).get("/training/report/").status_code == 403


def test_the_report_marks_a_leader_who_then_needs_awareness(officer, staff, session, login_as):
    person = Person.objects.get(user=staff)
    web = login_as(officer)
    web.post("/training/report/", {"person": person.pk, "kind": "manager"})
    assert Leader.objects.get(person=person).kind == "manager"
    page = web.get("/training/report/").content.decode()
    assert "代表人及主管之認知宣導" in page
    web.post(f"/training/leaders/{person.pk}/remove/")
    assert not Leader.objects.exists()


def test_the_reports_overdue_items_use_the_pages_punctuation(officer, staff, session, login_as, settings):
    Person.objects.filter(user=staff).update(created_at=timezone.now() - dt.timedelta(days=400))
    web = login_as(officer)
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = web.get("/training/report/").content.decode()
    row = page[page.index("吳承翰") :].split("</tr>")[0]
    assert " (" in row
    assert not set("（），、") & set(row)


def test_the_signin_sheet_downloads_under_a_name_in_the_readers_language(
    officer, session, login_as, settings
):
    web = login_as(officer)
    chinese = web.get(f"/training/{session.pk}/signin.docx")["Content-Disposition"]
    assert (
        chinese == f"attachment; filename*=UTF-8''{quote('簽到表-' + session.held_on.isoformat() + '.docx')}"
    )
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = web.get(f"/training/{session.pk}/signin.docx")["Content-Disposition"]
    assert english == f"attachment; filename*=UTF-8''sign-in-sheet-{session.held_on.isoformat()}.docx"
