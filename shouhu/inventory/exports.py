"""「個人資料盤點表」 and systems-and-assets workbooks, laid out for printing (A4 landscape, fit to width,
header rows repeated, page numbers). Headers equal the import headers, so an export can be re-imported."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from shouhu.core.exports import csv_bytes, printable, xlsx_bytes
from shouhu.core.official import in_official_language
from shouhu.core.rocdate import format_roc_date
from shouhu.inventory.importing import FILE_COLUMNS, SYSTEM_COLUMNS
from shouhu.inventory.models import LegalBasis, PersonalDataFile, System

SEP = "、"


def file_rows(files: Iterable[PersonalDataFile]) -> Iterable[Sequence[Any]]:
    bases = {b.value: b.value for b in LegalBasis}
    for p in files:
        yield [
            p.name,
            p.department.name,
            p.business_process,
            p.source_forms,
            p.get_role_display(),
            p.client.name if p.client else "",
            SEP.join(p.subject_labels()),
            p.data_subjects_other,
            SEP.join(x.code if x.code else f"自訂：{x.name}" for x in p.purposes.all()),
            SEP.join(c.code for c in p.categories.all()),
            SEP.join(bases.get(b, b) for b in p.legal_bases),
            SEP.join(p.special_labels()),
            p.records_general,
            p.records_special,
            p.counted_on,
            SEP.join(s.name for s in p.systems.all()),
            p.storage_locations,
            p.cross_border,
            SEP.join(p.countries),
            p.retention_period,
            p.retention_basis,
            p.lifecycle_collection,
            p.lifecycle_processing,
            p.lifecycle_use,
            p.lifecycle_deletion,
            p.notice_given,
            p.notice_reference,
        ]


def system_rows(systems: Iterable[System]) -> Iterable[Sequence[Any]]:
    for s in systems:
        yield [
            s.name,
            s.get_kind_display(),
            s.owner,
            s.department.name if s.department else "",
            s.get_location_display(),
            s.cloud_provider,
            s.region,
            s.get_network_zone_display(),
            s.holds_real_data,
            s.get_hosting_display(),
            SEP.join(c.name for c in s.clients.all()),
            s.notes,
        ]


def _files(qs: QuerySet[PersonalDataFile]) -> QuerySet[PersonalDataFile]:
    return qs.select_related("department", "client").prefetch_related("purposes", "categories", "systems")


@in_official_language
def inventory_xlsx(qs: QuerySet[PersonalDataFile]) -> bytes:
    today = format_roc_date(timezone.localdate())
    data = xlsx_bytes(
        {"個人資料盤點表": (list(FILE_COLUMNS), file_rows(_files(qs).iterator(chunk_size=2000)))},
        title=f"個人資料盤點表（{today}）",
    )
    return printable(data, footer=f"個人資料盤點表 {today}")


@in_official_language
def inventory_csv(qs: QuerySet[PersonalDataFile]) -> bytes:
    return csv_bytes(list(FILE_COLUMNS), file_rows(_files(qs).iterator(chunk_size=2000)))


@in_official_language
def systems_xlsx(qs: QuerySet[System]) -> bytes:
    today = format_roc_date(timezone.localdate())
    rows = system_rows(qs.select_related("department").prefetch_related("clients"))
    return printable(
        xlsx_bytes({"系統與資產": (list(SYSTEM_COLUMNS), rows)}, title=f"系統與資產清冊（{today}）"),
        footer=f"系統與資產清冊 {today}",
    )
