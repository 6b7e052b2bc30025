import re

from django.db import migrations

# The access-log monitor's files from before their names had keys, recognised by where they were stored and
# the exact name the code gave them (as in 0004); anything else is left as it is.


def name_log_files(apps, schema_editor):
    Evidence = apps.get_model("evidence", "Evidence")
    rows = Evidence.objects.filter(name_key="", context__startswith="logwatch.")
    for row in rows.only("pk", "original_name", "context"):
        found = _recognise(row.original_name, row.context)
        if found:
            Evidence.objects.filter(pk=row.pk).update(name_key=found[0], name_facts=found[1])


def _recognise(name, context):
    app, _, pk = context.partition(":")
    if app == "logwatch.source":
        m = re.fullmatch(r"logwatch-(\d+)-(\d{4}-\d{2})\.pdf", name)
        return m and m[1] == pk and ("evidence.name.log_summary", {"source": int(pk), "month": m[2]})
    if app == "logwatch.ingest":
        m = re.fullmatch(r"logwatch-(\d+)-part(\d{3})\.zip", name)
        return m and m[1] == pk and ("evidence.name.log_part", {"ingest": int(pk), "part": m[2]})
    return None


class Migration(migrations.Migration):
    dependencies = [("evidence", "0004_generated_names")]

    operations = [migrations.RunPython(name_log_files, migrations.RunPython.noop)]
