"""The per-user iCalendar feed behind a secret URL token, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from shouhu.law import services
from shouhu.law.models import FeedToken, Obligation

pytestmark = pytest.mark.django_db


def test_feed_lists_the_users_obligations_and_parses_back(officer: Any, auditor: Any) -> None:
    services.sync_calendar(actor=officer, on=dt.date(2026, 11, 1))
    training = Obligation.objects.get(key="training")
    services.set_owner(actor=officer, obligation=training, owner=officer)
    services.set_owner(actor=officer, obligation=Obligation.objects.get(key="incident-drill"), owner=auditor)
    token = services.issue_feed_token(actor=officer, user=officer)
    response = Client().get(reverse("law:ics_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "【法遵】個資及資安教育訓練"
    assert event.decoded("DTSTART") == dt.date(2026, 11, 1)
    assert str(event["UID"]) == f"shouhu-law-{training.pk}-2026-11-01@shouhu"
    assert "指引第三章" in str(event["DESCRIPTION"])
    assert event.walk("VALARM")[0].decoded("TRIGGER") == dt.timedelta(days=-7)


def test_only_the_token_hash_is_stored_and_rotation_kills_the_old_url(officer: Any) -> None:
    first = services.issue_feed_token(actor=officer, user=officer)
    assert FeedToken.objects.get().token_hash != first
    second = services.issue_feed_token(actor=officer, user=officer)
    anonymous = Client()
    assert anonymous.get(reverse("law:ics_feed", args=[first])).status_code == 404
    assert anonymous.get(reverse("law:ics_feed", args=[second])).status_code == 200
    services.revoke_feed_token(actor=officer, user=officer)
    assert anonymous.get(reverse("law:ics_feed", args=[second])).status_code == 404


def test_inactive_user_feed_is_gone(officer: Any) -> None:
    token = services.issue_feed_token(actor=officer, user=officer)
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    assert Client().get(reverse("law:ics_feed", args=[token])).status_code == 404


def test_calendar_page_shows_the_new_url_once(officer: Any, login_as: Any) -> None:
    http = login_as(officer)
    response = http.post(reverse("law:feed_token"))
    assert response.status_code == 302
    page = http.get(reverse("law:calendar")).content.decode()
    assert "/law/calendar/feed/" in page
    assert "/law/calendar/feed/" not in http.get(reverse("law:calendar")).content.decode()
