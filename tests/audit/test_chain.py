import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from shouhu.audit.models import AppendOnlyError, AuditEvent
from shouhu.audit.services import record, verify_chain

pytestmark = pytest.mark.django_db


def write(n):
    return [
        record(actor=None, action="test.event", object_type="t", object_id=str(i), changes={"i": [None, i]})
        for i in range(n)
    ]


def raw_update(sql, params):
    """Tamper as an attacker with database access would: bypass the ORM and the update trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        else:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        cursor.execute(sql, params)


def test_untouched_chain_verifies():
    write(5)
    report = verify_chain()
    assert report.ok
    assert report.checked == 5


def test_each_entry_links_to_the_previous_hash():
    first, second = write(2)
    assert second.prev_hash == first.hash


def test_changed_content_is_reported_at_the_changed_entry():
    events = write(5)
    raw_update("UPDATE audit_auditevent SET object_repr = %s WHERE id = %s", ["竄改", events[2].pk])
    report = verify_chain()
    assert not report.ok
    assert report.first_broken_id == events[2].pk
    assert report.checked == 2


def raw_delete(sql, params=()):
    """Delete as an attacker with database access would: drop the guard triggers first."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
        else:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        cursor.execute(sql, params)


def test_deleted_middle_entry_is_reported_at_the_next_entry():
    events = write(5)
    raw_delete("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    report = verify_chain()
    assert report.first_broken_id == events[3].pk


def test_deleted_newest_entry_is_detected_through_the_chain_head():
    events = write(3)
    raw_delete("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    assert not verify_chain().ok


def test_orm_refuses_to_update_or_delete_entries():
    event = write(1)[0]
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_database_trigger_refuses_raw_update():
    from django.db import DatabaseError, transaction

    event = write(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [event.pk])


def test_database_trigger_refuses_raw_delete():
    from django.db import DatabaseError, transaction

    event = write(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])


def test_audit_verify_command_names_the_first_broken_entry():
    events = write(3)
    raw_update("UPDATE audit_auditevent SET action = %s WHERE id = %s", ["x", events[1].pk])
    with pytest.raises(CommandError, match=f"#{events[1].pk}"):
        call_command("audit", "verify")


def test_sensitive_fields_are_masked_in_diffs():
    from shouhu.audit.services import diff

    assert diff({"password": "old"}, {"password": "new"}) == {"password": ["＊＊＊", "＊＊＊"]}
