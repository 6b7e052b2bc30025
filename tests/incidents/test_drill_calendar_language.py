"""The compliance calendar's note for a closed drill incident reads in the reader's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import translation

from shouhu.core import messages
from shouhu.incidents import services
from shouhu.incidents import timeline_text as tl
from shouhu.law.models import Completion
from shouhu.law.services import COMPLETED_VIA, sync_calendar

pytestmark = pytest.mark.django_db


def _close_drill(officer, facts, now):
    sync_calendar(actor=officer)
    drill = services.report_incident(actor=officer, data={**facts, "is_drill": True}, clients=[])
    services.update_incident(
        actor=officer, incident=drill, data={"handling_ended_at": now - dt.timedelta(hours=1)}
    )
    services.transition(actor=officer, incident=drill, to="closed")
    return Completion.objects.get(obligation__key="incident-drill")


def test_a_drill_closed_in_a_zh_request_reads_english_on_the_calendar(company, officer, facts, now, login_as):
    with translation.override("zh-hant"):
        completion = _close_drill(officer, facts, now)
    assert completion.note == "事故演練結案：【演練】會員資料外洩"
    c = login_as(officer)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = c.get(f"/law/calendar/{completion.obligation_id}/").content.decode()
    assert "Incident drill closed: [Drill] 會員資料外洩" in body


def test_a_drill_closed_in_an_english_request_keeps_the_zh_note(company, officer, facts, now, login_as):
    with translation.override("en"):
        completion = _close_drill(officer, facts, now)
    assert completion.note == "事故演練結案：【演練】會員資料外洩"
    c = login_as(officer)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    assert (
        "事故演練結案：【演練】會員資料外洩"
        in c.get(f"/law/calendar/{completion.obligation_id}/").content.decode()
    )


def test_an_item_completed_through_another_record_names_both_in_the_readers_language():
    note = messages.compose(tl.DRILL_CLOSED, title="演練A")
    via = messages.compose(COMPLETED_VIA, source="risk-assessment", note_key=note.key, note_facts=note.facts,
                           note_text=note.text)  # fmt: skip
    assert via.text == "風險評估：事故演練結案：【演練】演練A"
    with translation.override("en"):
        assert (
            messages.render(via.key, via.facts, via.text)
            == "Risk assessment: Incident drill closed: [Drill] 演練A"
        )


NOTE_FACTS = {
    "training": {"title": "Onboarding", "present": 12},
    "risk": {},
    "risk_import": {"count": 3},
    "corrective_action": {"pk": 7},
    "plan_approved": {"number": 2},
    "inventory_count": {},
    "inventory_import": {"count": 40},
    "processors_confirmed": {},
}


@pytest.mark.parametrize("kind", sorted(NOTE_FACTS))
def test_every_note_another_module_writes_reads_english(kind):
    from shouhu.law.services import NOTES, note

    assert set(NOTE_FACTS) == set(NOTES)
    said = note(kind, **NOTE_FACTS[kind])
    assert any("\u4e00" <= ch <= "\u9fff" for ch in said.text)
    with translation.override("en"):
        english = messages.render(said.key, said.facts, said.text)
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english)
