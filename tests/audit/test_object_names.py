"""An object name the system composed (「檔案遮罩 #3」, 「REQ-1 製給複製本」) is kept as a message beside its zh-TW
text, read in the reader's language, and covered by the hash chain without changing how old entries hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone, translation

from shouhu.audit.models import AuditChainHead, AuditEvent
from shouhu.audit.presenters import change_rows
from shouhu.audit.services import record, verify_chain
from shouhu.jobs.models import Job
from tests.audit.test_chain import raw_update

pytestmark = pytest.mark.django_db


def _job_event() -> tuple[Job, AuditEvent]:
    job = Job.objects.create(kind="scans.mask")
    return job, record(actor=None, action="jobs.cancelled", obj=job)


def test_a_composed_name_is_stored_in_zh_with_its_message_whatever_the_writers_language() -> None:
    with translation.override("en"):
        job, event = _job_event()
    event.refresh_from_db()
    assert event.object_repr == f"檔案遮罩 #{job.pk}"
    assert event.object_key == "jobs.name"
    assert event.object_facts == {"kind": "scans.mask", "id": job.pk}


def test_a_composed_name_reads_in_the_readers_language() -> None:
    job, event = _job_event()
    with translation.override("en"):
        assert event.object_shown == f"File masking #{job.pk}"
    with translation.override("zh-hant"):
        assert event.object_shown == f"檔案遮罩 #{job.pk}"


def test_a_name_that_is_user_data_has_no_message() -> None:
    event = record(actor=None, action="x.y", object_type="t", object_repr="會員資料庫")
    event.refresh_from_db()
    assert (event.object_key, event.object_facts) == (None, None)
    with translation.override("en"):
        assert event.object_shown == "會員資料庫"


def _old_style_entry(prev: str, repr_: str) -> AuditEvent:
    """An entry as written before audit 0004: its hash computed over the ten fields of that time."""
    at = timezone.now()
    fields = {
        "created_at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": None, "actor_label": "cli", "ip": None, "channel": "cli", "action": "old.event",
        "object_type": "t", "object_id": "1", "object_repr": repr_, "changes": {"a": [None, 1]},
    }  # fmt: skip
    body = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    digest = hashlib.sha256(prev.encode("ascii") + b"\n" + body).hexdigest()
    event = AuditEvent(created_at=at, actor_label="cli", channel="cli", action="old.event", object_type="t",
                       object_id="1", object_repr=repr_, changes={"a": [None, 1]}, prev_hash=prev, hash=digest)  # fmt: skip
    event.save()
    AuditChainHead.objects.update_or_create(pk=1, defaults={"last_hash": digest, "last_id": event.pk})
    return event


def test_entries_written_before_the_name_columns_still_verify_and_the_chain_goes_on() -> None:
    old = _old_style_entry("0" * 64, "系統／洩漏")
    _, new = _job_event()
    assert new.prev_hash == old.hash
    report = verify_chain()
    assert report.ok, report.reason
    assert report.checked == 2


def test_a_key_added_to_an_old_entry_is_detected() -> None:
    old = _old_style_entry("0" * 64, "系統／洩漏")
    raw_update("UPDATE audit_auditevent SET object_key = %s WHERE id = %s", ["jobs.name", old.pk])
    report = verify_chain()
    assert not report.ok
    assert report.first_broken_id == old.pk


@pytest.mark.parametrize(
    ("sql", "params"),
    [
        ("UPDATE audit_auditevent SET object_facts = %s WHERE id = %s", ['{"kind": "scans.run", "id": 1}']),
        ("UPDATE audit_auditevent SET object_key = NULL, object_facts = NULL WHERE id = %s", []),
        ("UPDATE audit_auditevent SET object_key = %s WHERE id = %s", ["requests.name"]),
    ],
    ids=["facts changed", "message removed", "key changed"],
)
def test_tampering_with_a_new_entrys_name_message_is_detected(sql: str, params: list[Any]) -> None:
    _job_event()
    _, target = _job_event()
    _job_event()
    raw_update(sql, [*params, target.pk])
    report = verify_chain()
    assert not report.ok
    assert report.first_broken_id == target.pk


def test_the_audit_page_and_export_show_the_name_in_the_readers_language(client, make_user) -> None:
    job, _ = _job_event()
    client.force_login(make_user("auditor"))
    client.cookies["django_language"] = "en"
    page = client.get("/audit/").content.decode()
    assert f"File masking #{job.pk}" in page
    assert f"檔案遮罩 #{job.pk}" not in page
    export = client.get("/audit/?format=csv").content.decode("utf-8-sig")
    assert export.startswith("Number,Time (Taipei),User")
    assert f"File masking #{job.pk}" in export
    client.cookies["django_language"] = "zh-hant"
    assert f"檔案遮罩 #{job.pk}" in client.get("/audit/").content.decode()


def test_a_deleted_message_text_reads_before_in_the_readers_language() -> None:
    from shouhu.law.services import note

    said = note("inventory_import", count=3)
    changes = {
        "note": [said.text, None],
        "message_key": [said.key, None],
        "message_facts": [said.facts, None],
    }
    with translation.override("en"):
        rows = change_rows("law.completion", changes)
    assert [(r.before, r.after) for r in rows] == [
        ("Record counts of 3 imported personal data files (inventory)", "—")
    ]


def test_the_database_columns_keep_null_for_entries_without_a_name_message() -> None:
    record(actor=None, action="x.y", object_type="t", object_repr="甲")
    with connection.cursor() as cursor:
        cursor.execute("SELECT object_key, object_facts FROM audit_auditevent")
        assert cursor.fetchall() == [(None, None)]


def _names() -> list[tuple[Any, str, str]]:
    from shouhu.incidents.models import IncidentDeadline
    from shouhu.inventory.models import FlowStep
    from shouhu.thirdparties.models import RetentionRule, Transfer

    return [
        (IncidentDeadline(title_zh="通知當事人", party_id="self", rule_id="none"), "通知當事人（本公司）",
         "通知當事人 (Our company)"),
        (RetentionRule(name="客服電話錄音", duration=6, unit="months"), "客服電話錄音：6個月",
         "客服電話錄音: 6 months"),
        (Transfer(recipient="雲端供應商", country="新加坡"), "雲端供應商（新加坡）", "雲端供應商 (新加坡)"),
        (FlowStep(stage="internal", description="送交會計"), "內部傳輸 送交會計", "Internal transfer 送交會計"),
    ]  # fmt: skip


def test_composed_names_keep_their_zh_text_and_read_in_english() -> None:
    for obj, zh, en in _names():
        assert obj.name_message().text == zh
        with translation.override("zh-hant"):
            assert str(obj) == zh
        with translation.override("en"):
            assert str(obj) == en
