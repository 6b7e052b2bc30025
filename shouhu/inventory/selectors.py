"""Reads for the inventory, including the consumer-record totals the law module uses."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Min, Q, QuerySet, Sum

from shouhu.accounts.permissions import readable_departments, scope_reads
from shouhu.inventory.models import Category, DataSubject, Notice, PersonalDataFile, Purpose, Role, System


def files(
    *,
    actor: Any = None,
    q: str = "",
    department_id: int | None = None,
    role: str = "",
    client_id: int | None = None,
    process: str = "",
) -> QuerySet[PersonalDataFile]:
    # natural_key is department|client|name (case-folded) and unique, so this order uses its index
    qs = PersonalDataFile.objects.select_related("department", "client").order_by("natural_key")
    if actor is not None:  # a page, an export or the API asking for a user: only what they may read
        qs = scope_reads(qs, actor, "inventory.view")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(business_process__icontains=q) | Q(source_forms__icontains=q))
    if department_id:
        qs = qs.filter(department_id=department_id)
    if role:
        qs = qs.filter(role=role)
    if client_id:
        qs = qs.filter(client_id=client_id)
    if process:
        qs = qs.filter(business_process=process)
    return qs


def systems(*, actor: Any = None, q: str = "") -> QuerySet[System]:
    # ``file_count`` counts only the files the reader may read (a shared system holds other departments' too)
    departments = None if actor is None else readable_departments(actor, "inventory.view")
    counted = None if departments is None else Q(pd_files__department__in=departments)
    qs = (
        System.objects.select_related("department")
        .annotate(file_count=Count("pd_files", distinct=True, filter=counted))
        .order_by("name")
    )
    if actor is not None:
        qs = scope_reads(qs, actor, "inventory.view")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(owner__icontains=q) | Q(cloud_provider__icontains=q))
    return qs


@dataclass(frozen=True)
class ClientTotal:
    client_id: int
    client_name: str
    records: int
    files: int
    oldest_count: dt.date | None


@dataclass(frozen=True)
class ConsumerTotals:
    """Consumer records (當事人為消費者) summed over personal-data files.

    ``own`` counts files where we are the controller; ``per_client`` those we process for each client
    (PDPA Art. 4); ``company`` is the sum of both. The same person may appear in several files, so these
    are upper bounds; ``uncounted_files`` lists how many consumer files have no count date yet.
    """

    own: int
    company: int
    per_client: list[ClientTotal] = field(default_factory=list)
    uncounted_files: int = 0
    # True when summed over a department-scoped reader's files only (their departments and the files of
    # the whole company), not over the company: pages then say so instead of 「全公司」.
    scoped: bool = False


def _consumer_files(actor: Any = None) -> QuerySet[PersonalDataFile]:
    # JSON "contains" is not portable to SQLite, so match the serialised list element instead.
    qs = PersonalDataFile.objects.filter(data_subjects__icontains=f'"{DataSubject.CONSUMER.value}"')
    return qs if actor is None else scope_reads(qs, actor, "inventory.view")


def consumer_record_totals(*, actor: Any = None) -> ConsumerTotals:
    """Totals of consumer records per client and for the company (the law module's company-wide figure,
    without ``actor``); with ``actor``, over the files that reader may read (``scoped`` says whether that
    is less than the whole company)."""
    base = _consumer_files(actor).annotate(total=F("records_general") + F("records_special"))
    own = base.filter(role=Role.CONTROLLER).aggregate(s=Sum("total"))["s"] or 0
    rows = (
        base.filter(role=Role.PROCESSOR, client__isnull=False)
        .values("client_id", "client__name")
        .annotate(records=Sum("total"), n=Count("id"), oldest=Min("counted_on"))
        .order_by("-records", "client__name")
    )
    per_client = [
        ClientTotal(r["client_id"], r["client__name"], int(r["records"] or 0), r["n"], r["oldest"])
        for r in rows
    ]
    uncounted = _consumer_files(actor).filter(counted_on__isnull=True).count()
    return ConsumerTotals(
        own=int(own),
        company=int(own) + sum(c.records for c in per_client),
        per_client=per_client,
        uncounted_files=uncounted,
        scoped=actor is not None and readable_departments(actor, "inventory.view") is not None,
    )


def business_processes(*, actor: Any = None) -> list[tuple[str, int]]:
    qs = (
        PersonalDataFile.objects.all()
        if actor is None
        else scope_reads(PersonalDataFile.objects.all(), actor, "inventory.view")
    )
    rows = (
        qs.exclude(business_process="")
        .values("business_process")
        .annotate(n=Count("id"))
        .order_by("business_process")
    )
    return [(r["business_process"], r["n"]) for r in rows]


def system_by_pk(pk: int, *, actor: Any = None) -> System | None:
    """One system (with its department), or None (also when ``actor`` may not read it)."""
    qs = System.objects.select_related("department").filter(pk=pk)
    return (qs if actor is None else scope_reads(qs, actor, "inventory.view")).first()


def file_by_pk(pk: int, *, actor: Any = None) -> PersonalDataFile | None:
    """One personal-data file (with its department and client), or None (also when ``actor`` may not read
    it)."""
    qs = PersonalDataFile.objects.select_related("department", "client").filter(pk=pk)
    return (qs if actor is None else scope_reads(qs, actor, "inventory.view")).first()


def notice_by_pk(pk: int, *, actor: Any) -> Notice | None:
    """One notice version, or None when it does not exist or ``actor`` may not read its file."""
    qs = Notice.objects.select_related("file", "created_by").filter(pk=pk)
    return scope_reads(qs, actor, "inventory.view", field="file__department").first()


def systems_by_name() -> dict[str, System]:
    """Every system by case-folded name (names are unique), for matching imported rows."""
    return {s.name.casefold(): s for s in System.objects.select_related("department")}


def files_by_department_and_name() -> dict[tuple[str, str], list[PersonalDataFile]]:
    """Personal-data files by (case-folded department name, case-folded file name), for matching imported
    rows; a list because the same name may exist once per client."""
    out: dict[tuple[str, str], list[PersonalDataFile]] = {}
    for pd_file in PersonalDataFile.objects.select_related("department").only(
        "id", "name", "department__name"
    ):
        out.setdefault((pd_file.department.name.casefold(), pd_file.name.casefold()), []).append(pd_file)
    return out


_LOCATION_SPLIT = re.compile(r"[\s,，、;；]+")
_TABLE = re.compile(r"^[A-Za-z_][\w$]*\.[A-Za-z_][\w$]*$")


@dataclass(frozen=True)
class PersonalDataLocation:
    """A URL path (``/api/customers``) or a ``schema.table`` written in a personal-data file's storage
    locations: where log monitoring treats access as access to personal data."""

    pattern: str
    file_name: str
    file_id: int


def personal_data_locations(*, system_id: int | None = None) -> list[PersonalDataLocation]:
    """Endpoints and tables holding personal data, read from the files' 儲存位置 (of one system, or all)."""
    qs = PersonalDataFile.objects.order_by("name", "pk")
    if system_id is not None:
        qs = qs.filter(systems__id=system_id)
    out: list[PersonalDataLocation] = []
    seen: set[str] = set()
    for pk, name, text in qs.values_list("pk", "name", "storage_locations"):
        for token in _LOCATION_SPLIT.split(text or ""):
            token = token.strip().rstrip("/") or token.strip()
            if not token or token in seen:
                continue
            if (token.startswith("/") and len(token) > 1) or _TABLE.match(token):
                seen.add(token)
                out.append(PersonalDataLocation(token, name, pk))
    return out


@dataclass(frozen=True)
class HoldingSystem:
    """A system linked to a personal-data file or marked as holding real personal data."""

    id: int
    name: str
    owner: str
    department_id: int | None
    files: int


@dataclass(frozen=True)
class PersonalDataHolders:
    """Where personal data is kept, for deciding who handles it (people and access): files per 權責部門, the
    systems holding personal data, and how many files exist at all (none: nobody can be judged yet)."""

    files_per_department: dict[int, int]
    systems: list[HoldingSystem]
    files_total: int


def personal_data_holders() -> PersonalDataHolders:
    per_department = dict(
        PersonalDataFile.objects.values("department_id")
        .annotate(n=Count("id"))
        .values_list("department_id", "n")
    )
    systems = [
        HoldingSystem(s.pk, s.name, s.owner, s.department_id, s.file_count)
        for s in System.objects.annotate(file_count=Count("pd_files", distinct=True))
        .filter(Q(file_count__gt=0) | Q(holds_real_data=True))
        .order_by("name")
    ]
    return PersonalDataHolders(per_department, systems, sum(per_department.values()))


def reference_purposes() -> QuerySet[Purpose]:
    """Every specific purpose (MOJ codes, then the company's own), in code order."""
    return Purpose.objects.all()


def reference_categories() -> QuerySet[Category]:
    """Every data category, in code order."""
    return Category.objects.all()
