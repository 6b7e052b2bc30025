"""A 發現/知悉 time before the current 個人資料保護法 took force (2012-10-01) is a typing slip (1999 for 2026) that
would make every clock overdue at once: refused with a message in the reader's language; a future time too.
When the incident occurred may lie further back (a leak found years later)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from shouhu.incidents import services, suspected
from shouhu.incidents.models import Incident

TAIPEI = ZoneInfo("Asia/Taipei")
NINETY_NINE = dt.datetime(1999, 11, 27, 9, 0, tzinfo=TAIPEI)


@pytest.fixture
def employee(make_user: Any) -> Any:
    return make_user("staff", username="employee", email="employee@example.com")


def _refusal(fn: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        fn()
    return caught.value.message_dict


def test_a_staff_report_noticed_in_1999_is_refused_in_zh(company: Any, employee: Any) -> None:
    errors = _refusal(
        lambda: suspected.report_suspected(actor=employee, what="筆電遺失", noticed_at=NINETY_NINE)
    )

    assert errors["discovered_at"] == [
        "發現時間（88/11/27 09:00）不可早於 101/10/01 00:00：現行個人資料保護法自該日施行，本系統不計算此前之法定期限"
    ]
    assert not Incident.objects.exists()


def test_the_refusal_reads_in_english(company: Any, employee: Any) -> None:
    with translation.override("en"):
        errors = _refusal(
            lambda: suspected.report_suspected(actor=employee, what="Laptop lost", noticed_at=NINETY_NINE)
        )

    assert errors["discovered_at"] == [
        "Discovered (1999-11-27 09:00) cannot be before 2012-10-01 00:00: the current Personal Data"
        " Protection Act took effect that day, and no legal deadline is computed before it"
    ]


def test_a_future_noticed_time_is_refused(company: Any, employee: Any, now: dt.datetime) -> None:
    later = now + dt.timedelta(days=2)

    errors = _refusal(lambda: suspected.report_suspected(actor=employee, what="筆電遺失", noticed_at=later))

    assert "不可晚於現在" in errors["discovered_at"][0]


def test_triage_cannot_record_awareness_in_1999(
    company: Any, employee: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = suspected.report_suspected(actor=employee, what="筆電遺失")

    errors = _refusal(lambda: suspected.triage_confirm(actor=officer, incident=report, aware_at=NINETY_NINE))

    assert "知悉時間" in errors["aware_at"][0]
    report.refresh_from_db()
    assert report.aware_at is None


def test_an_incident_that_occurred_long_ago_can_still_be_recorded(incident: Incident, officer: Any) -> None:
    long_ago = dt.datetime(2009, 3, 1, tzinfo=TAIPEI)

    services.update_incident(actor=officer, incident=incident, data={"occurred_at": long_ago})

    incident.refresh_from_db()
    assert incident.occurred_at == long_ago


def test_the_staff_form_offers_nothing_before_the_floor_and_shows_the_refusal(
    company: Any, employee: Any, login_as: Any
) -> None:
    web = login_as(employee)
    page = web.get(reverse("incidents:suspect")).content.decode()
    assert 'min="2012-10-01T00:00"' in page

    response = web.post(reverse("incidents:suspect"), {"what": "筆電遺失", "noticed_at": "1999-11-27T09:00"})

    assert response.status_code == 200
    assert "不可早於 101/10/01 00:00" in response.content.decode()
    assert not Incident.objects.exists()
