"""Unknown is not "no": the clock-deciding incident facts become yes / no / 尚未判斷 (None).

Before this migration ``serious`` and ``cyber`` were plain booleans defaulting to False, so a stored False
cannot be told apart from "nobody answered". Every existing False is therefore mapped to None (尚未判斷),
the conservative reading: the clocks that depend on it come back, flagged 「待判斷」, until someone answers
"no" with a written reason. ``cyber`` stays True where a 資安 level was recorded (a level implies it).
The stored deadlines are recomputed the next time each incident's facts change or are answered.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def false_is_unknown(apps, schema_editor):
    Incident = apps.get_model("incidents", "Incident")
    Incident.objects.filter(serious=False).update(serious=None)
    Incident.objects.filter(cyber=False, level__isnull=True).update(cyber=None)
    Incident.objects.filter(cyber=False, level__isnull=False).update(cyber=True)


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0003_evidence_categories'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='incident',
            name='clock_warnings',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='incident',
            name='ncc_serious',
            field=models.BooleanField(blank=True, default=None, null=True, verbose_name='屬NCC所定重大個資事故'),
        ),
        migrations.AddField(
            model_name='incidentdeadline',
            name='pending',
            field=models.JSONField(blank=True, default=list, verbose_name='待判斷'),
        ),
        migrations.AlterField(
            model_name='incident',
            name='caused_by_violation',
            field=models.BooleanField(blank=True, default=None, null=True, verbose_name='因違反個資法所致'),
        ),
        migrations.AlterField(
            model_name='incident',
            name='cyber',
            field=models.BooleanField(blank=True, default=None, null=True, verbose_name='同時為資通安全事件'),
        ),
        migrations.AlterField(
            model_name='incident',
            name='serious',
            field=models.BooleanField(blank=True, default=None, null=True, verbose_name='危及正常營運或大量當事人權益'),
        ),
        migrations.CreateModel(
            name='FactDecision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('fact', models.CharField(max_length=30, verbose_name='事實')),
                ('old_value', models.JSONField(blank=True, null=True, verbose_name='原判斷')),
                ('value', models.JSONField(blank=True, null=True, verbose_name='判斷')),
                ('reason', models.TextField(blank=True, verbose_name='理由')),
                ('decided_at', models.DateTimeField(verbose_name='判斷時間')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('incident', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='incidents.incident')),
            ],
            options={
                'ordering': ['decided_at', 'id'],
            },
        ),
        migrations.RunPython(false_is_unknown, migrations.RunPython.noop),
    ]
