"""Issue 11 High #2: one bad date (``discovered_at: 0071-01-01``) must neither be stored nor stop reminders."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from shouhu.accounts.services.tokens import create_token
from shouhu.incidents.models import Incident, IncidentDeadline
from shouhu.incidents.reminders import send_due_reminders


def api(user: Any) -> Client:
    _, plain = create_token(actor=None, user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}")


def test_api_refuses_year_71_with_a_message_naming_the_field(company: Any, make_user: Any) -> None:
    staff = make_user("staff")
    response = api(staff).post(
        "/api/v1/incidents/",
        {"title": "怪日期", "discovered_at": "0071-01-01T00:00:00+08:00"},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert "發現時間" in response.json()["errors"]["discovered_at"][0]
    assert not Incident.objects.exists()


def test_a_stored_bad_date_is_skipped_and_the_other_reminders_go_out(
    incident: Incident, officer: Any, smtp: Any, login_as: Any
) -> None:
    # given a second incident whose dates were written around the services (an old row, a raw import)
    bad = Incident.objects.get(pk=incident.pk)
    bad.pk = None
    bad.save()
    old = dt.datetime(71, 1, 1, tzinfo=dt.UTC)
    Incident.objects.filter(pk=bad.pk).update(discovered_at=old, aware_at=old)
    IncidentDeadline.objects.create(
        incident=bad, rule_id="x", party_id="self", title_zh="壞資料", due_at=old, recipient_zh="主管機關"
    )
    good = incident.deadlines.filter(active=True).order_by("due_at").first()
    # when the reminder job runs after the good deadline has passed
    result = send_due_reminders(now=good.due_at + dt.timedelta(minutes=1))
    # then the bad row is counted and skipped, and the good deadlines are reminded
    assert result["invalid"] == 1
    assert result["sent"] >= 1
    assert all("壞資料" not in m["Subject"] for m in smtp.messages)
    # and the pages that show it still open
    web = login_as(officer)
    for url in ("/incidents/", f"/incidents/{bad.pk}/", "/"):
        assert web.get(url).status_code == 200, url
