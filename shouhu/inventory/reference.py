"""MOJ purpose and category codes: seeded from the shipped CSVs; absent purpose codes are marked missing."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from shouhu.core.seeding import seeder
from shouhu.inventory.models import MOJ_SOURCE, MOJ_VERSION, Category, Purpose, RefStatus

DATA = Path(__file__).parent / "data"
PURPOSE_CODES = [f"{n:03d}" for n in range(1, 183)]


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


@seeder("inventory.moj_codes")
@transaction.atomic
def seed_moj_codes() -> int:
    """Create or refresh listed codes; never overwrite what an administrator added for a missing code."""
    changed = 0
    listed = {row["code"]: row for row in _read("moj-purposes.csv")}
    existing = {p.code: p for p in Purpose.objects.filter(code__isnull=False)}
    for code in PURPOSE_CODES:
        row = listed.get(code)
        current = existing.get(code)
        if row:
            values = {
                "name": row["name"],
                "status": RefStatus.LISTED,
                "verification": row["verification"],
                "source": MOJ_SOURCE,
                "version": MOJ_VERSION,
            }
        elif current is not None:
            continue  # missing, or filled in by an administrator: keep
        else:
            values = {
                "name": "",
                "status": RefStatus.MISSING,
                "verification": "",
                "source": MOJ_SOURCE,
                "version": MOJ_VERSION,
            }
        if current is None:
            Purpose.objects.create(code=code, **values)
            changed += 1
        elif any(getattr(current, k) != v for k, v in values.items()):
            Purpose.objects.filter(pk=current.pk).update(**values)
            changed += 1
    cats = {c.code: c for c in Category.objects.all()}
    for row in _read("moj-categories.csv"):
        values = {
            "name": row["name"],
            "description": row["description"],
            "group": row["group"],
            "verification": row["verification"],
            "status": RefStatus.LISTED,
            "source": MOJ_SOURCE,
            "version": MOJ_VERSION,
        }
        category = cats.get(row["code"])
        if category is None:
            Category.objects.create(code=row["code"], **values)
            changed += 1
        elif any(getattr(category, k) != v for k, v in values.items()):
            Category.objects.filter(pk=category.pk).update(**values)
            changed += 1
    return changed


def ensure_seeded() -> None:
    if not Purpose.objects.exists():
        seed_moj_codes()
