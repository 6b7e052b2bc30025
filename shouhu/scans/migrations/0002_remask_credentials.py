"""Re-mask database credentials already stored by scans (issue 11, High 7).

Masked URLs written before this release hid only the ``user:password@`` part; a password given as a
query parameter (``?password=``, ``passwd``, ``pwd``, ``sslpassword``, ``token`` …) was kept in clear in
the source's masked URL, the run's target, error and skipped list, and the scan job's error. Every such
value is masked again; when the source's encrypted URL can be read, its secrets are also removed from
driver messages. Audit rows are immutable and are not rewritten (they stored ``url_masked`` only).
"""

from typing import Any

from django.db import migrations


def _remask(apps: Any, schema_editor: Any) -> None:
    from shouhu.core.crypto import DecryptionError, decrypt
    from shouhu.engines.pii.db import hide_credentials

    ScanSource = apps.get_model("scans", "ScanSource")
    ScanRun = apps.get_model("scans", "ScanRun")
    Job = apps.get_model("jobs", "Job")

    def clear_url(token: str) -> str:
        try:
            return decrypt(token) if token else ""
        except (DecryptionError, ValueError):
            return ""

    def clean(text: str, url: str) -> str:
        return hide_credentials(text, url) if text and ("://" in text or url) else text

    for source in ScanSource.objects.exclude(url_encrypted=""):
        url = clear_url(source.url_encrypted)
        masked = clean(source.url_masked, url)
        if masked != source.url_masked:
            source.url_masked = masked
            source.save(update_fields=["url_masked"])
        for run in ScanRun.objects.filter(source=source):
            fields = []
            for name in ("target", "error"):
                value = clean(getattr(run, name), url)
                if value != getattr(run, name):
                    setattr(run, name, value)
                    fields.append(name)
            skipped = [
                {k: clean(v, url) if isinstance(v, str) else v for k, v in item.items()}
                if isinstance(item, dict)
                else item
                for item in run.skipped
            ]
            if skipped != run.skipped:
                run.skipped = skipped
                fields.append("skipped")
            if fields:
                run.save(update_fields=fields)
            job = Job.objects.filter(pk=run.job_id).first() if run.job_id else None
            if job is not None and job.error and clean(job.error, url) != job.error:
                job.error = clean(job.error, url)
                job.save(update_fields=["error"])


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0003_job_heartbeat"),
        ("scans", "0001_initial"),
    ]

    operations = [migrations.RunPython(_remask, migrations.RunPython.noop)]
