"""SQLite: audit rows cannot be deleted either (PostgreSQL's trigger from 0002 already refuses deletes).

The trigger asks ``shouhu_audit_delete_allowed()``, defined only on Shouhu's own connections (see
``shouhu.audit.guard``): deletes through Shouhu are refused, and other clients fail on the missing function.
"""

from django.db import migrations


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_auditevent "
            "WHEN shouhu_audit_delete_allowed() IS NOT 1 "
            "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;"
        )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_delete;")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(install, remove)]
