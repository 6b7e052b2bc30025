"""Training sessions: topics, attendance (unknown until recorded), held → the calendar's training is done."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from shouhu.law import services as law
from shouhu.law.models import Obligation
from shouhu.training import selectors, services
from tests.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user("pd_officer", username="officer")


@pytest.fixture
def people(db):
    it = DepartmentFactory(name="資訊部")
    return [PersonFactory(name="吳承翰", department=it), PersonFactory(name="李冠廷", department=it)]


def _session(officer, people, **kw):
    data = {"title": "年度個資保護教育訓練", "topics": ["law", "procedures"], "held_on": timezone.localdate(),
            "hours": Decimal("3"), "trainer": "外部講師", "audience": "全體員工", "people": people, **kw}  # fmt: skip
    return services.create_session(actor=officer, **data)


def test_invited_people_start_with_unknown_attendance(officer, people):
    session = _session(officer, people)
    assert [a.attended for a in selectors.attendance(session)] == [None, None]


def test_holding_a_session_completes_the_calendar_training(officer, people):
    law.sync_calendar(actor=officer)
    session = _session(officer, people, held_on=timezone.localdate() - dt.timedelta(days=2))
    services.record_attendance(actor=officer, session=session, person=people[0], attended=True, score=90)
    services.mark_held(actor=officer, session=session)
    obligation = Obligation.objects.get(key="training")
    assert obligation.last_done_on == session.held_on
    assert "出席 1 人" in obligation.completions.get().note
    assert selectors.year_summary().attended == 1


def test_a_session_without_attendance_cannot_be_marked_held(officer, people):
    session = _session(officer, people)
    with pytest.raises(ValidationError, match="請先登錄出席人員"):
        services.mark_held(actor=officer, session=session)


def test_a_future_session_cannot_be_marked_held(officer, people):
    session = _session(officer, people, held_on=timezone.localdate() + dt.timedelta(days=3))
    services.record_attendance(actor=officer, session=session, person=people[0], attended=True)
    with pytest.raises(ValidationError, match="上課日期尚未到"):
        services.mark_held(actor=officer, session=session)


def test_unknown_topics_and_scores_are_refused(officer, people):
    with pytest.raises(ValidationError):
        _session(officer, people, topics=["cooking"])
    session = _session(officer, people)
    with pytest.raises(ValidationError, match="0 至 100"):
        services.record_attendance(actor=officer, session=session, person=people[0], attended=True, score=120)


def test_staff_cannot_create_sessions(make_user, people):
    with pytest.raises(PermissionDenied):
        _session(make_user("staff"), people)


def test_pages_mark_attendance_and_hold_the_session(officer, people, login_as):
    client = login_as(officer)
    response = client.post(reverse("training:list"), {
        "title": "社交工程防範", "topics": ["phishing"], "held_on": timezone.localdate().isoformat(), "hours": "1.5",
        "trainer": "資安長", "audience": "資訊部", "departments": [people[0].department_id],
    })  # fmt: skip
    session = selectors.sessions().get()
    assert response.url == reverse("training:detail", args=[session.pk])
    client.post(
        reverse("training:attendance", args=[session.pk]),
        {"person": people[1].pk, "attended": "yes", "score": "80"},
    )
    client.post(reverse("training:held", args=[session.pk]))
    page = client.get(reverse("training:detail", args=[session.pk])).content.decode()
    assert 'data-testid="session-state">已辦理' in page
