"""The per-user iCalendar (.ics) feed of compliance-calendar items, for Outlook or Google Calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from shouhu.incidents.selectors import calendar_deadlines
from shouhu.law.models import FeedToken, Obligation
from shouhu.law.services import hash_token
from shouhu.thirdparties.selectors import calendar_purge_due


def user_for_token(token: str) -> Any | None:
    feed = FeedToken.objects.select_related("user").filter(token_hash=hash_token(token)).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def ics_for_user(user: Any) -> bytes:
    """Every active obligation the user owns, as an all-day event on its due date with a 7-day alarm; and,
    for a user who may see incidents, every open incident deadline at its due time (6-hour alarm)."""
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
    for item in calendar_deadlines(user):  # incident clocks, pending ones included, for who may see them
        row = item["row"]
        event = Event()
        event.add("uid", f"shouhu-incident-{row.pk}-{int(row.due_at.timestamp())}@shouhu")
        event.add("dtstamp", stamp)
        flag = "【待判斷】" if row.pending else ""
        event.add("summary", f"【個資事故】{flag}{row.title_zh}（INC-{row.incident_id}）")
        event.add("dtstart", row.due_at)
        event.add("dtend", row.due_at)
        lines = [row.pending_zh, f"對象：{row.recipient_zh}", f"依據：{row.legal_basis_zh}"]
        event.add("description", "\n".join(line for line in lines if line))
        event.add("categories", ["個資事故"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"即將到期：{row.title_zh}")
        alarm.add("trigger", dt.timedelta(hours=-6))
        event.add_component(alarm)
        calendar.add_component(event)
    for item in calendar_purge_due(user):  # retention batches due for destruction, transfer or deletion
        batch = item["batch"]
        event = Event()
        event.add("uid", f"shouhu-retention-{batch.pk}-{batch.due_on.isoformat()}@shouhu")
        event.add("dtstamp", stamp)
        event.add("summary", f"【保存期限】{batch.rule.name} {batch.label}")
        event.add("dtstart", batch.due_on)
        event.add("dtend", batch.due_on + dt.timedelta(days=1))
        event.add(
            "description", f"保存依據：{batch.rule.basis}\n處理方式：{batch.rule.disposal_method or '未定'}"
        )
        event.add("categories", ["保存期限"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"保存期限即將屆至：{batch.rule.name} {batch.label}")
        alarm.add("trigger", dt.timedelta(days=-7))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
