"""Signed checkpoints outside the database catch what the chain alone cannot: a cut tail, everything
deleted, a chain recomputed from scratch."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from shouhu.audit import chain, checkpoints
from shouhu.audit.models import AuditChainHead, AuditEvent
from shouhu.audit.services import _fields, verify_and_checkpoint, verify_chain
from tests.audit.test_chain import raw_delete, raw_update, write

pytestmark = pytest.mark.django_db


def reset_head(last_id, last_hash):
    """An attacker also fixes the chain head row so the chain alone looks whole."""
    AuditChainHead.objects.filter(pk=1).update(last_id=last_id, last_hash=last_hash)


def test_verify_writes_a_checkpoint_of_the_head():
    events = write(3)
    report, point = verify_and_checkpoint()
    assert report.ok
    assert (point.last_id, point.count, point.head) == (events[-1].pk, 3, events[-1].hash)
    assert checkpoints.read() == [point]


def test_cut_tail_with_a_reset_head_is_detected():
    events = write(5)
    verify_and_checkpoint()
    raw_delete("DELETE FROM audit_auditevent WHERE id > %s", [events[2].pk])
    reset_head(events[2].pk, events[2].hash)
    report = verify_chain()
    assert not report.ok
    assert report.first_broken_id == events[-1].pk
    assert "紀錄被刪除" in report.reason


def test_everything_deleted_is_detected():
    write(3)
    verify_and_checkpoint()
    raw_delete("DELETE FROM audit_auditevent")
    AuditChainHead.objects.all().delete()
    report = verify_chain()
    assert not report.ok
    assert "紀錄被刪除" in report.reason


def test_recomputed_chain_is_detected():
    events = write(3)
    verify_and_checkpoint()
    raw_update("UPDATE audit_auditevent SET object_repr = %s WHERE id = %s", ["竄改", events[0].pk])
    prev = chain.GENESIS
    for event in AuditEvent.objects.order_by("pk"):  # recompute every hash, as a careful attacker would
        digest = chain.compute_hash(prev, _fields(event))
        raw_update(
            "UPDATE audit_auditevent SET prev_hash = %s, hash = %s WHERE id = %s", [prev, digest, event.pk]
        )
        prev = digest
    reset_head(events[-1].pk, prev)
    report = verify_chain()
    assert not report.ok
    assert "雜湊鏈被改寫" in report.reason


def test_edited_checkpoint_is_refused():
    write(2)
    verify_and_checkpoint()
    path = checkpoints.path()
    line = json.loads(path.read_text())
    line["count"] = 1
    path.write_text(json.dumps(line) + "\n")
    report = verify_chain()
    assert not report.ok
    assert "簽章不符" in report.reason


def test_exported_checkpoints_catch_a_cut_tail_after_the_local_file_is_gone(tmp_path):
    events = write(4)
    call_command("audit", "verify", stdout=io.StringIO())
    exported = tmp_path / "offsite.jsonl"
    call_command("audit", "checkpoints", "--output", str(exported), stdout=io.StringIO())
    checkpoints.path().unlink()
    raw_delete("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    reset_head(events[-2].pk, events[-2].hash)
    call_command("audit", "verify", stdout=io.StringIO())  # the local file alone no longer knows
    with pytest.raises(CommandError, match="紀錄被刪除"):
        call_command("audit", "verify", "--checkpoints", str(exported), stdout=io.StringIO())


def test_checkpoints_before_a_restore_are_set_aside():
    events = write(3)
    verify_and_checkpoint()
    raw_delete("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    reset_head(events[-2].pk, events[-2].hash)  # what restoring an older backup looks like
    checkpoints.mark_restored()
    assert verify_chain().ok


def test_scheduled_job_verifies_incrementally_and_checkpoints(make_user, django_capture_on_commit_callbacks):
    from shouhu.jobs import services
    from shouhu.jobs.models import Job

    write(2)
    verify_and_checkpoint()
    write(2)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(actor=make_user("admin"), kind="audit.checkpoint")
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    newest = checkpoints.read()[-1]
    assert newest.n == 2
    assert (newest.last_id, newest.count) == (AuditEvent.objects.latest("pk").pk, AuditEvent.objects.count())


def test_sqlite_delete_is_refused_from_any_client(process_home):
    import sqlite3

    other = sqlite3.connect(process_home / "shouhu.sqlite3")
    try:
        with pytest.raises(sqlite3.OperationalError, match="shouhu_audit_delete_allowed"):
            other.execute("DELETE FROM audit_auditevent")
    finally:
        other.close()
