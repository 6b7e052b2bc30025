"""Remember whether an administrator set a source's database URL; others' URLs are re-checked on connect.

Existing sources count as set by an administrator when their creator is one (a superuser or an
``admin`` role assignment); any other existing URL is re-checked from now on.
"""

from typing import Any

from django.db import migrations, models


def mark_admin_sources(apps: Any, schema_editor: Any) -> None:
    source_model = apps.get_model("scans", "ScanSource")
    assignment_model = apps.get_model("accounts", "RoleAssignment")
    admins = set(assignment_model.objects.filter(role="admin").values_list("user_id", flat=True))
    for source in source_model.objects.exclude(url_encrypted="").select_related("created_by"):
        creator = source.created_by
        if creator is not None and (creator.is_superuser or creator.pk in admins):
            source.url_set_by_admin = True
            source.save(update_fields=["url_set_by_admin"])


class Migration(migrations.Migration):
    dependencies = [
        ("scans", "0003_merge_0002_remask_credentials_0002_scanvaluedigest"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="scansource",
            name="url_set_by_admin",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(mark_admin_sources, migrations.RunPython.noop),
    ]
