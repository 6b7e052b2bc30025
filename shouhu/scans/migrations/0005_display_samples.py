"""Shorten the masked samples of scans stored before scan results showed less (issue 16).

Runs stored before then kept the partial-masking form as samples: an ID as A12****789, a mobile as
0912-***-678, a card as 411111******1111, an NHI number as 00******5678. Pages and the API now show
A1******89, 09**-***-678 and the last four digits only; each such sample is cut down to that form (what a
scan today stores), keeping the order and dropping duplicates. Samples of other categories, and the
government style of IDs (A12345****), are already what a scan shows.
"""

from collections.abc import Callable
from typing import Any

from django.db import migrations


def _id(sample: str) -> str:
    if len(sample) != 10 or sample.endswith("****"):
        return sample
    return sample[:2] + "*" * 6 + sample[-2:]


def _mobile(sample: str) -> str:
    if len(sample) != 12 or sample[4] != "-" or sample[8] != "-":
        return sample
    return sample[:2] + "**" + sample[4:]


def _last_four(sample: str) -> str:
    return "*" * (len(sample) - 4) + sample[-4:] if len(sample) > 4 else sample


SHORTER: dict[str, Callable[[str], str]] = {
    "tw_national_id": _id,
    "tw_resident_id": _id,
    "mobile_phone": _mobile,
    "credit_card": _last_four,
    "nhi_card": _last_four,
}


def display_samples(category: str, samples: list[Any]) -> list[Any]:
    """The samples as a scan shows them today, in their order, without duplicates."""
    shorter = SHORTER.get(category)
    out: list[Any] = []
    for sample in samples:
        shown = shorter(sample) if shorter is not None and isinstance(sample, str) else sample
        if shown not in out:
            out.append(shown)
    return out


def shorten_samples(apps: Any, schema_editor: Any) -> None:
    finding_model = apps.get_model("scans", "ScanFinding")
    rows = finding_model.objects.filter(category__in=SHORTER).only("pk", "category", "samples")
    for finding in rows.iterator(chunk_size=2000):  # a big history is not loaded at once
        samples = display_samples(finding.category, list(finding.samples or []))
        if samples != finding.samples:
            finding.samples = samples
            finding.save(update_fields=["samples"])


class Migration(migrations.Migration):
    dependencies = [("scans", "0004_url_set_by_admin")]

    operations = [migrations.RunPython(shorten_samples, migrations.RunPython.noop, elidable=True)]
