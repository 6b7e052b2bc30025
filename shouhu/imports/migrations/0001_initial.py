# The pending import batch moves from the inventory app (its table is renamed, rows are kept).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def rename_job_kind(apps, schema_editor):
    """Queued or past confirmation jobs keep working under the job kind's new name."""
    Job = apps.get_model("jobs", "Job")
    Job.objects.filter(kind="inventory.import").update(kind="imports.confirm")


def restore_job_kind(apps, schema_editor):
    Job = apps.get_model("jobs", "Job")
    Job.objects.filter(kind="imports.confirm").update(kind="inventory.import")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("inventory", "0002_import_kind_is_open"),
        ("jobs", "0003_job_heartbeat"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportBatch",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(help_text="The registered import spec (core.importing.base.register).", max_length=40)),
                        ("status", models.CharField(choices=[("pending", "待確認"), ("running", "匯入中"), ("done", "已匯入"), ("cancelled", "已取消")], default="pending", max_length=10)),
                        ("filename", models.CharField(max_length=255)),
                        ("sha256", models.CharField(max_length=64)),
                        ("encoding", models.CharField(blank=True, max_length=20)),
                        ("headers", models.JSONField(default=list)),
                        ("rows", models.JSONField(default=list, help_text="[{row, values, errors}]")),
                        ("result", models.JSONField(blank=True, default=dict)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("created_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("job", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="jobs.job")),
                    ],
                    options={
                        "verbose_name": "待確認匯入",
                        "ordering": ["-created_at", "-id"],
                        "db_table": "inventory_importbatch",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="importbatch", table=None),
        migrations.RunPython(rename_job_kind, restore_job_kind),
    ]
