"""The per-user iCalendar (.ics) feed of compliance-calendar items, for Outlook or Google Calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from shouhu.law.models import FeedToken, Obligation
from shouhu.law.services import hash_token


def user_for_token(token: str) -> Any | None:
    feed = FeedToken.objects.select_related("user").filter(token_hash=hash_token(token)).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def ics_for_user(user: Any) -> bytes:
    """Every active obligation the user owns, as an all-day event on its due date with a 7-day alarm."""
    calendar = Calendar()
    calendar.add("prodid", "-//Shouhu 守護//法遵行事曆//ZH-TW")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "守護 法遵行事曆")
    calendar.add("x-wr-timezone", "Asia/Taipei")
    stamp = timezone.now()
    rows = Obligation.objects.filter(owner=user, active=True, due_on__isnull=False).order_by("due_on")
    for obligation in rows:
        assert obligation.due_on is not None
        event = Event()
        event.add("uid", f"shouhu-law-{obligation.pk}-{obligation.due_on.isoformat()}@shouhu")
        event.add("dtstamp", stamp)
        event.add("summary", f"【法遵】{obligation.title_zh}")
        event.add("dtstart", obligation.due_on)
        event.add("dtend", obligation.due_on + dt.timedelta(days=1))
        event.add("description", f"依據：{obligation.source_zh}\n適用理由：{obligation.reason_zh}")
        event.add("categories", ["法遵行事曆"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"即將到期：{obligation.title_zh}")
        alarm.add("trigger", dt.timedelta(days=-7))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
