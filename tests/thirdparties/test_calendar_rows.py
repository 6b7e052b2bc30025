"""Retention batches coming due appear in the compliance calendar and its iCalendar feed."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from shouhu.law.feed import ics_for_user
from shouhu.thirdparties import selectors, services


def _batch(officer, *, started_days_ago: int, label: str):
    rule = services.save_rule(
        actor=officer,
        data={
            "name": f"客服錄音{label}",
            "duration": 6,
            "unit": "months",
            "basis": "作業規範",
            "start_event": "collected",
            "disposal_method": "系統刪除",
        },
    )
    start = timezone.localdate() - dt.timedelta(days=started_days_ago)
    return services.start_batch(actor=officer, rule=rule, label=label, started_on=start)


def test_the_calendar_page_lists_batches_due_within_ninety_days(login_as, officer):
    _batch(officer, started_days_ago=200, label="去年下半年")  # overdue
    _batch(officer, started_days_ago=120, label="今年一月")  # due in about two months
    _batch(officer, started_days_ago=0, label="本月")  # due in six months: not yet
    html = login_as(officer).get(reverse("law:calendar")).content.decode()
    assert 'data-testid="calendar-purge"' in html
    assert "去年下半年" in html
    assert "今年一月" in html
    assert "本月" not in html.split('data-testid="calendar-purge"')[1].split("</table>")[0]


def test_an_overdue_batch_is_marked_overdue(officer):
    _batch(officer, started_days_ago=200, label="去年")
    assert [row["status"] for row in selectors.calendar_purge_due(officer)] == ["overdue"]


def test_the_feed_carries_the_due_day_as_an_all_day_event(officer):
    batch = _batch(officer, started_days_ago=150, label="一月")
    events = Calendar.from_ical(ics_for_user(officer)).walk("VEVENT")
    retention = [e for e in events if str(e["summary"]).startswith("【保存期限】")]
    assert [(str(e["summary"]), e.decoded("dtstart")) for e in retention] == [
        ("【保存期限】客服錄音一月 一月", batch.due_on)
    ]


def test_staff_see_no_retention_rows(make_user, officer):
    _batch(officer, started_days_ago=200, label="去年")
    assert selectors.calendar_purge_due(make_user("staff")) == []
