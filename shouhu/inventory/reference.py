"""MOJ purpose and category codes: seeded from the shipped CSVs; absent purpose codes are marked missing.

The seeder owns only the rows it set (``LISTED`` and ``MISSING``): wording an administrator entered
(``ADMIN``) and custom purposes are never overwritten, even when a later transcription lists the code.
Every row the seeder creates or changes gets an audit entry with its old and new values.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from shouhu.audit.services import Entry, diff, record_many
from shouhu.core.seeding import seeder
from shouhu.inventory.models import (
    MOJ_SOURCE,
    MOJ_VERSION,
    SEEDED,
    Category,
    Purpose,
    RefStatus,
    SpecialCategory,
)

DATA = Path(__file__).parent / "data"
PURPOSE_CODES = [f"{n:03d}" for n in range(1, 183)]
# Codes whose only transcription is known to reword other codes: listed in the shared data, but shipped
# as missing so that nobody cites a wording that is probably not the official one. The reason is shown
# on the reference page, where an administrator can enter the official wording with its source.
WITHHELD: dict[str, Promise] = {
    "060": _(
        "僅一份轉錄寫作「爭議事件處理」，而該份轉錄也改寫了其他代碼的文字，故未收錄；請依法務部公告原文填寫。"
    ),
}
SEED_ACTION = "inventory.moj_code_seeded"
ART6_ARTICLE = "個人資料保護法第6條第1項"


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _purpose_values(row: dict[str, str] | None) -> dict[str, Any]:
    shipped = {"source": MOJ_SOURCE, "version": MOJ_VERSION}
    if row is None:
        return {
            "name": "",
            "status": RefStatus.MISSING,
            "verification": "",
            "transcribed_from": "",
            "note": "",
            **shipped,
        }
    return {
        "name": row["name"],
        "status": RefStatus.LISTED,
        "verification": row["verification"],
        "transcribed_from": row["sources"],
        "note": row["note"],
        **shipped,
    }


def _category_values(row: dict[str, str]) -> dict[str, Any]:
    return {
        "name": row["name"],
        "description": row["description"],
        "group": row["group"],
        "verification": row["verification"],
        "status": RefStatus.LISTED,
        "transcribed_from": row["sources"],
        "note": row["note"],
        "source": MOJ_SOURCE,
        "version": MOJ_VERSION,
    }


def _sync(
    model: type[Purpose] | type[Category],
    current: Purpose | Category | None,
    code: str,
    values: dict[str, Any],
    entries: list[Entry],
) -> None:
    """Create the row, or bring a seeded row up to the shipped values; an administrator's row is kept."""
    label = model._meta.label_lower
    if current is None:
        row: models.Model = model.objects.create(code=code, **values)
        changes = diff({}, {"code": code, **values})
    elif current.status in SEEDED:
        before = {k: getattr(current, k) for k in values}
        changes = diff(before, values)
        if not changes:
            return
        model.objects.filter(pk=current.pk).update(**values)
        row = current
    else:
        return
    entries.append(Entry(object_type=label, object_id=str(row.pk), object_repr=code, changes=changes))


@seeder("inventory.moj_codes")
@transaction.atomic
def seed_moj_codes() -> int:
    """Create or refresh the seeded codes; returns how many rows were created or changed."""
    entries: list[Entry] = []
    listed = {row["code"]: row for row in _read("moj-purposes.csv") if row["code"] not in WITHHELD}
    existing = {p.code: p for p in Purpose.objects.filter(code__isnull=False)}
    for code in PURPOSE_CODES:
        _sync(Purpose, existing.get(code), code, _purpose_values(listed.get(code)), entries)
    cats = {c.code: c for c in Category.objects.all()}
    for row in _read("moj-categories.csv"):
        _sync(Category, cats.get(row["code"]), row["code"], _category_values(row), entries)
    _flag_special(entries)
    return record_many(actor=None, action=SEED_ACTION, entries=entries)


def art6_basis() -> dict[str, str]:
    """Category code → the PDPA Art. 6 basis that makes it special, e.g. 「個人資料保護法第6條第1項（性生活）」."""
    return {
        row["code"]: f"{row['basis']}（{row['art6_terms']}）"
        for row in _read("pdpa-art6-categories.csv")
        if row["code"]
    }


def art6_basis_for(term: SpecialCategory) -> str:
    """The basis stored when a category is flagged for one of Art. 6's words: 「個人資料保護法第6條第1項（基因）」
    (always in Chinese: it cites the article as promulgated)."""
    with translation.override("zh-hant"):
        return f"{ART6_ARTICLE}（{term.label}）"


def art6_unmapped() -> list[dict[str, Any]]:
    """The Art. 6 words no MOJ category code is mapped to (基因, 犯罪前科), each with why (``note_zh``,
    ``note_en``), its ``source`` and ``labels`` (the words as ``SpecialCategory`` labels, shown in the page's
    language): the data says it is uncertain rather than guessing a code."""
    return [
        {**row, "labels": [SpecialCategory(term).label for term in row["terms"].split()]}
        for row in _read("pdpa-art6-categories.csv")
        if not row["code"]
    ]


def _flag_special(entries: list[Entry]) -> None:
    """Mark the Art. 6 categories special with their basis, whatever their wording status (the law decides,
    not who typed the name). A flag an administrator set on another code is left alone."""
    for code, basis in art6_basis().items():
        category = Category.objects.filter(code=code).first()
        if category is None:
            continue
        values = {"special": True, "special_basis": basis}
        changes = diff({k: getattr(category, k) for k in values}, values)
        if changes:
            Category.objects.filter(pk=category.pk).update(**values)
            entries.append(
                Entry(
                    object_type=Category._meta.label_lower,
                    object_id=str(category.pk),
                    object_repr=code,
                    changes=changes,
                )
            )


def shipped_values(item: Purpose | Category) -> dict[str, Any] | None:
    """The values the seeder gives this code from the shipped transcription (a withheld or unlisted purpose
    code: missing, without a name); None for a code the shipped files do not hold."""
    if isinstance(item, Purpose):
        if item.code not in PURPOSE_CODES:
            return None
        listed = {row["code"]: row for row in _read("moj-purposes.csv") if row["code"] not in WITHHELD}
        return _purpose_values(listed.get(item.code))
    row = next((r for r in _read("moj-categories.csv") if r["code"] == item.code), None)
    return None if row is None else _category_values(row)


def ensure_seeded() -> None:
    if not Purpose.objects.exists():
        seed_moj_codes()
