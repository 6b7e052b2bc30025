"""Rows synced before 0008 get the English of the two fixed reasons at once (the others on the next sync)."""

from django.db import migrations

FIXED = {
    "指引建議事項，不分適用法規": "A guideline recommendation, whichever laws apply",
    "適用之法規判斷已變更，本項不再適用": "The decision on which laws apply has changed; this item no longer applies",
}


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Obligation = apps.get_model("law", "Obligation")
    for zh, en in FIXED.items():
        Obligation.objects.filter(reason_zh=zh, reason_en="").update(reason_en=en)


class Migration(migrations.Migration):
    dependencies = [("law", "0008_obligation_reason_en")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
