"""Incident clocks in the compliance calendar and its iCalendar feed, pending ones flagged (issue 10 §1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from icalendar import Calendar

from shouhu.incidents import services
from shouhu.incidents.models import Incident
from shouhu.law.feed import ics_for_user


def _first_hour(officer: Any, now: dt.datetime) -> Incident:
    return services.report_incident(
        actor=officer, data={"title": "誤寄名單", "discovered_at": now - dt.timedelta(hours=1)}
    )


def test_calendar_page_lists_pending_incident_clocks(
    company: Any, officer: Any, login_as: Any, now: dt.datetime
) -> None:
    incident = _first_hour(officer, now)
    html = login_as(officer).get(reverse("law:calendar")).content.decode()
    assert 'data-testid="calendar-incidents"' in html
    assert 'data-rule="moda-art8-report"' in html
    assert reverse("incidents:decide", args=[incident.pk, "serious"]) in html


def test_calendar_hides_incidents_from_who_may_not_see_them(
    company: Any, officer: Any, make_user: Any, now: dt.datetime
) -> None:
    from shouhu.incidents.selectors import calendar_deadlines

    _first_hour(officer, now)
    assert calendar_deadlines(make_user("staff")) == []
    assert calendar_deadlines(officer)


def test_feed_carries_incident_clocks_until_answered_no(company: Any, officer: Any, now: dt.datetime) -> None:
    incident = _first_hour(officer, now)
    moda = incident.deadlines.get(rule_id="moda-art8-report")

    def summaries() -> list[str]:
        return [str(e["summary"]) for e in Calendar.from_ical(ics_for_user(officer)).walk("VEVENT")]

    wanted = f"【個資事故】【待判斷】{moda.title_zh}（INC-{incident.pk}）"
    assert wanted in summaries()
    services.decide_fact(actor=officer, incident=incident, fact="serious", value=False, reason="測試資料")
    assert not any(moda.title_zh in s for s in summaries())
