"""The audit object's name as a message (key + facts) beside its zh-TW text.

Both columns are nullable so that SQLite adds them with ALTER TABLE ADD COLUMN (a NOT NULL column with a
default makes Django rebuild the table, which would drop the append-only triggers of 0002/0003); old rows
keep NULL, which the hash chain treats as "no message" (see ``shouhu.audit.chain``).
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_no_delete_on_sqlite'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditevent',
            name='object_facts',
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='object_key',
            field=models.CharField(blank=True, max_length=80, null=True),
        ),
    ]
