"""A system sentence whose facts changed but whose key did not reads in the reader's language on both sides of
the audit log's change table; entries written before keep showing their stored text."""

from __future__ import annotations

import pytest
from django.utils import translation

from shouhu.audit.models import AuditEvent
from shouhu.audit.presenters import change_rows
from shouhu.audit.records import update_record
from shouhu.audit.services import record, verify_chain
from shouhu.core.messages import compose
from shouhu.jobs.models import Job
from shouhu.jobs.services import REMINDERS_SENT

pytestmark = pytest.mark.django_db

FIELDS = ["message", "message_key", "message_facts"]


def _said(sent: int) -> dict[str, object]:
    said = compose(REMINDERS_SENT, sent=sent)
    return {"message": said.text, "message_key": said.key, "message_facts": said.facts}


def _facts_changed() -> AuditEvent:
    job = Job.objects.create(kind="scans.mask", **_said(1))
    update_record(actor=None, instance=job, data=_said(2), fields=FIELDS)
    return AuditEvent.objects.filter(action="jobs.job.updated").get()


def test_the_unchanged_key_is_kept_on_both_sides_when_only_the_facts_changed() -> None:
    changes = _facts_changed().changes

    assert changes["message_key"] == [REMINDERS_SENT, REMINDERS_SENT]
    assert changes["message_facts"] == [{"sent": 1}, {"sent": 2}]


def test_the_before_text_reads_in_the_readers_language() -> None:
    event = _facts_changed()

    with translation.override("en"):
        rows = change_rows(event.object_type, event.changes)
    assert [(r.before, r.after) for r in rows] == [("Reminders sent: 1", "Reminders sent: 2")]
    with translation.override("zh-hant"):
        rows = change_rows(event.object_type, event.changes)
    assert [(r.before, r.after) for r in rows] == [("已寄出 1 封提醒", "已寄出 2 封提醒")]


def test_the_kept_key_is_hashed_and_the_chain_verifies() -> None:
    _facts_changed()

    assert verify_chain().ok


def test_typed_text_without_a_message_gets_no_key() -> None:
    job = Job.objects.create(kind="scans.mask", message="手動備註")
    update_record(actor=None, instance=job, data={"message": "另一段備註"}, fields=["message"])
    update_record(actor=None, instance=job, data={"message": "第三段", "message_key": "", "message_facts": {}},
                  fields=FIELDS)  # fmt: skip

    for event in AuditEvent.objects.filter(action="jobs.job.updated"):
        assert "message_key" not in event.changes


def test_an_entry_written_before_shows_its_stored_text() -> None:
    event = record(actor=None, action="jobs.job.updated", object_type="jobs.job", object_id="1",
                   changes={"message": ["已寄出 1 封提醒", "已寄出 2 封提醒"],
                            "message_facts": [{"sent": 1}, {"sent": 2}]})  # fmt: skip

    with translation.override("en"):
        rows = change_rows(event.object_type, event.changes)
    assert [(r.before, r.after) for r in rows] == [("已寄出 1 封提醒", "已寄出 2 封提醒")]
