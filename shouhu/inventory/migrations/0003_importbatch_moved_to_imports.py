# ImportBatch now belongs to the imports app (imports.0001 takes over and renames the table).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0002_import_kind_is_open"),
        ("imports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ImportBatch")],
            database_operations=[],
        ),
    ]
