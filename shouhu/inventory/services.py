"""Writes to the inventory. Each checks permission (department-scoped where it applies), validates, saves
and audits (``shouhu.audit.records`` for fields, an explicit audit row for links)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from shouhu.accounts.models import User
from shouhu.accounts.permissions import may_link, require, require_for_department
from shouhu.audit.records import create_record, delete_record, update_record
from shouhu.audit.services import record
from shouhu.inventory import notices as notice_text
from shouhu.inventory.models import (
    Category,
    FlowStep,
    Notice,
    NoticeKind,
    PersonalDataFile,
    Purpose,
    RefStatus,
    SpecialCategory,
    System,
    file_natural_key,
)
from shouhu.inventory.reference import art6_basis, art6_basis_for, shipped_values
from shouhu.inventory.validation import file_errors, system_errors
from shouhu.organization.models import Client

SYSTEM_FIELDS = (
    "name",
    "kind",
    "owner",
    "department",
    "location",
    "cloud_provider",
    "region",
    "network_zone",
    "holds_real_data",
    "hosting",
    "notes",
)
FILE_FIELDS = (
    "name",
    "department",
    "business_process",
    "source_forms",
    "role",
    "client",
    "data_subjects",
    "data_subjects_other",
    "legal_bases",
    "special_categories",
    "records_general",
    "records_special",
    "counted_on",
    "count_source",
    "storage_locations",
    "cross_border",
    "countries",
    "retention_period",
    "retention_basis",
    "lifecycle_collection",
    "lifecycle_processing",
    "lifecycle_use",
    "lifecycle_deletion",
    "notice_given",
    "notice_reference",
)
FILE_LINKS = ("purposes", "categories", "systems")
STEP_FIELDS = ("file", "stage", "system", "description", "order")


def _raise(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise ValidationError(dict(errors))


def _ids(items: Iterable[models.Model]) -> list[int]:
    return sorted(int(i.pk) for i in items)


def _set_links(actor: User, instance: models.Model, links: Mapping[str, Iterable[models.Model]]) -> None:
    changes: dict[str, list[list[int]]] = {}
    for name, items in links.items():
        manager = getattr(instance, name)
        before = sorted(manager.values_list("pk", flat=True))
        after = _ids(items)
        if before != after:
            manager.set(after)
            changes[name] = [before, after]
    if changes:
        record(
            actor=actor, action=f"{instance._meta.label_lower}.links_updated", obj=instance, changes=changes
        )


# --- systems -----------------------------------------------------------------------------------------------


def _check_system(data: Mapping[str, Any], clients: list[Client]) -> None:
    _raise(system_errors(data, client_count=len(clients)))


def _system_perm(actor: User, data: Mapping[str, Any]) -> None:
    department = data.get("department")
    require_for_department(actor, "inventory.manage", getattr(department, "pk", None))


@transaction.atomic
def create_system(*, actor: User, data: Mapping[str, Any], clients: Iterable[Client] = ()) -> System:
    _system_perm(actor, data)
    client_list = list(clients)
    _check_system(data, client_list)
    system = create_record(actor=actor, model=System, data=data, fields=SYSTEM_FIELDS)
    _set_links(actor, system, {"clients": client_list})
    return system


@transaction.atomic
def update_system(
    *, actor: User, system: System, data: Mapping[str, Any], clients: Iterable[Client] | None = None
) -> System:
    require_for_department(actor, "inventory.manage", system.department_id)
    _system_perm(actor, data)
    merged = {f: data.get(f, getattr(system, f)) for f in SYSTEM_FIELDS}
    client_list = list(clients) if clients is not None else list(system.clients.all())
    _check_system(merged, client_list)
    system = update_record(actor=actor, instance=system, data=data, fields=SYSTEM_FIELDS)
    if clients is not None:
        _set_links(actor, system, {"clients": client_list})
    return system


def delete_system(*, actor: User, system: System) -> None:
    require_for_department(actor, "inventory.manage", system.department_id)
    try:
        delete_record(actor=actor, instance=system, fields=SYSTEM_FIELDS)
    except ProtectedError as exc:
        raise ValidationError(_("此系統仍被風險評估引用，無法刪除。")) from exc


# --- personal-data files -----------------------------------------------------------------------------------


def _check_file(data: Mapping[str, Any], links: Mapping[str, list[Any]]) -> None:
    purposes = links.get("purposes", [])
    missing = [p for p in purposes if p.status == RefStatus.MISSING]
    errors = file_errors(data, purpose_count=len(purposes), category_count=len(links.get("categories", [])))
    if missing:
        errors.setdefault("purposes", []).append(
            f"特定目的代碼 {'、'.join(p.code for p in missing)} 尚未收錄名稱，請管理者先補登官方文字與來源。"
        )
    _raise(errors)


def _natural_key(data: Mapping[str, Any]) -> str:
    client = data.get("client")
    return file_natural_key(data["department"].name, client.name if client else None, str(data["name"]))


def _duplicate_check(key: str, exclude: int | None = None) -> None:
    qs = PersonalDataFile.objects.filter(natural_key=key)
    if exclude:
        qs = qs.exclude(pk=exclude)
    if qs.exists():
        raise ValidationError({"name": _("同一部門與委託者下已有同名的個人資料檔案。")})


def _links(
    actor: Any, data: Mapping[str, Any], instance: PersonalDataFile | None = None
) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for name in FILE_LINKS:
        if name in data and data[name] is not None:
            out[name] = list(data[name])
        elif instance is not None:
            out[name] = list(getattr(instance, name).all())
        else:
            out[name] = []
    # a system newly linked must be one the actor may read (the API posts ids; pages list readable ones)
    kept = {s.pk for s in instance.systems.all()} if instance is not None else set()
    if any(
        s.pk not in kept and not may_link(actor, "inventory.view", s.department_id) for s in out["systems"]
    ):
        raise ValidationError({"systems": _("所選的系統不存在，或屬於您無權檢視的部門。")})
    return out


@transaction.atomic
def create_file(*, actor: User, data: Mapping[str, Any]) -> PersonalDataFile:
    require_for_department(actor, "inventory.manage", getattr(data.get("department"), "pk", None))
    links = _links(actor, data)
    _check_file(data, links)
    key = _natural_key(data)
    _duplicate_check(key)
    pd_file = create_record(
        actor=actor,
        model=PersonalDataFile,
        data={**data, "natural_key": key},
        fields=(*FILE_FIELDS, "natural_key"),
        past=("counted_on",),
    )
    _set_links(actor, pd_file, links)
    _counted(actor, pd_file.counted_on)
    return pd_file


def _counted(actor: Any, counted_on: Any) -> None:
    """A file's records were counted: the calendar's inventory measure (moda Art. 18) is done that day."""
    if counted_on is not None:
        from shouhu.law.services import complete_from_record
        from shouhu.law.services import note as completion_note

        complete_from_record(actor=actor, key="inventory-count", done_on=counted_on,
                             note=completion_note("inventory_count"))  # fmt: skip


@transaction.atomic
def update_file(*, actor: User, pd_file: PersonalDataFile, data: Mapping[str, Any]) -> PersonalDataFile:
    require_for_department(actor, "inventory.manage", pd_file.department_id)
    counted_before = pd_file.counted_on
    if "department" in data:
        require_for_department(actor, "inventory.manage", getattr(data["department"], "pk", None))
    merged = {f: data[f] if f in data else getattr(pd_file, f) for f in FILE_FIELDS}
    links = _links(actor, data, pd_file)
    _check_file(merged, links)
    key = _natural_key(merged)
    _duplicate_check(key, exclude=pd_file.pk)
    pd_file = update_record(
        actor=actor,
        instance=pd_file,
        data={**data, "natural_key": key},
        fields=(*FILE_FIELDS, "natural_key"),
        past=("counted_on",),
    )
    _set_links(actor, pd_file, {k: v for k, v in links.items() if k in data})
    if pd_file.counted_on != counted_before:
        _counted(actor, pd_file.counted_on)
    return pd_file


def delete_file(*, actor: User, pd_file: PersonalDataFile) -> None:
    require_for_department(actor, "inventory.manage", pd_file.department_id)
    try:
        delete_record(actor=actor, instance=pd_file, fields=FILE_FIELDS)
    except ProtectedError as exc:
        raise ValidationError(_("此個人資料檔案仍被風險評估引用，無法刪除。")) from exc


def add_flow_step(*, actor: User, pd_file: PersonalDataFile, data: Mapping[str, Any]) -> FlowStep:
    require_for_department(actor, "inventory.manage", pd_file.department_id)
    return create_record(actor=actor, model=FlowStep, data={**data, "file": pd_file}, fields=STEP_FIELDS)


def remove_flow_step(*, actor: User, step: FlowStep) -> None:
    require_for_department(actor, "inventory.manage", step.file.department_id)
    delete_record(actor=actor, instance=step, fields=STEP_FIELDS)


# --- notices -----------------------------------------------------------------------------------------------


def _next_version(pd_file: PersonalDataFile) -> int:
    last = pd_file.notices.order_by("-version").values_list("version", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def generate_notice(
    *, actor: User, pd_file: PersonalDataFile, kind: str = NoticeKind.DIRECT, data_source: str = ""
) -> Notice:
    """Generate the Art. 8 (or Art. 9) notice text as a new version."""
    require_for_department(actor, "inventory.manage", pd_file.department_id)
    if kind == NoticeKind.INDIRECT and not data_source.strip():
        raise ValidationError({"data_source": _("間接蒐集（個資法第 9 條）須告知個人資料來源。")})
    text = notice_text.build(pd_file, kind=kind, data_source=data_source)
    return create_record(
        actor=actor,
        model=Notice,
        fields=("file", "version", "kind", "data_source", "text", "generated", "created_by"),
        data={
            "file": pd_file,
            "version": _next_version(pd_file),
            "kind": kind,
            "data_source": data_source,
            "text": text,
            "generated": True,
            "created_by": actor,
        },
    )


@transaction.atomic
def revise_notice(*, actor: User, notice: Notice, text: str) -> Notice:
    """Save an edited text as the next version; the previous versions stay as they were."""
    pd_file = notice.file
    require_for_department(actor, "inventory.manage", pd_file.department_id)
    if not text.strip():
        raise ValidationError({"text": _("告知內容不可空白。")})
    PersonalDataFile.objects.select_for_update().filter(pk=pd_file.pk).first()
    return create_record(
        actor=actor,
        model=Notice,
        fields=("file", "version", "kind", "data_source", "text", "generated", "created_by"),
        data={
            "file": pd_file,
            "version": _next_version(pd_file),
            "kind": notice.kind,
            "data_source": notice.data_source,
            "text": text.strip(),
            "generated": False,
            "created_by": actor,
        },
    )


# --- reference data ----------------------------------------------------------------------------------------


def add_custom_purpose(*, actor: User, name: str) -> Purpose:
    """A free-text purpose where no MOJ code fits (the MOJ list is advisory)."""
    require(
        actor, "inventory.manage", company_wide=True
    )  # the shared list: a department officer may not change it
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("請填寫特定目的說明。")})
    if Purpose.objects.filter(code__isnull=True, name=name).exists():
        raise ValidationError({"name": _("已有相同的自訂特定目的。")})
    return create_record(
        actor=actor,
        model=Purpose,
        data={"code": None, "name": name, "status": RefStatus.CUSTOM},
        fields=("code", "name", "status"),
    )


def set_wording(*, actor: User, item: Purpose | Category, name: str, source: str) -> Purpose | Category:
    """An administrator enters a code's official wording with its source: for a code the shipped
    transcription lacks, or to correct a transcribed one against the MOJ text. The row becomes
    ``ADMIN``, which re-seeding never overwrites; the change is audited with old and new values."""
    require(actor, "accounts.manage")
    if item.status == RefStatus.CUSTOM or not item.code:
        raise ValidationError(_("自訂特定目的沒有法務部代碼，無法填寫官方文字。"))
    name, source = name.strip(), source.strip()
    if not name or not source:
        raise ValidationError({"name": _("請填寫官方名稱與出處。")})
    return update_record(
        actor=actor,
        instance=item,
        data={"name": name, "source": source, "status": RefStatus.ADMIN},
        fields=("name", "source", "status"),
    )


def set_category_special(*, actor: User, category: Category, special: bool, term: str = "") -> Category:
    """An administrator or the privacy chief marks a category as PDPA Art. 6 special data, naming which of
    the article's words it holds (``SpecialCategory``: the basis is stored as 「個人資料保護法第6條第1項（基因）」),
    or takes the mark off again. The categories the law data maps (C111, C112) keep theirs: the seeder would
    put it back. Audited with old and new values."""
    require(actor, "inventory.special")
    if special:
        if term not in SpecialCategory.values:
            raise ValidationError({"term": _("請選擇該類別屬於個資法第6條第1項的哪一種特種個資。")})
        basis = art6_basis_for(SpecialCategory(term))
    else:
        if category.code in art6_basis():
            raise ValidationError(
                _("類別 {code} 依個資法第6條第1項即為特種個資，不可取消標示。").format(code=category.code)
            )
        basis = ""
    return update_record(
        actor=actor,
        instance=category,
        data={"special": special, "special_basis": basis},
        fields=("special", "special_basis"),
    )


def restore_transcribed_wording(*, actor: User, item: Purpose | Category) -> Purpose | Category:
    """Undo an administrator's wording: the code goes back to the shipped transcription (its name, source,
    verification and copies, or 「尚未收錄」 when the transcription lacks it) and to the seeder's care.
    Audited with old and new values, like ``set_wording``."""
    require(actor, "accounts.manage")
    if item.status != RefStatus.ADMIN:
        raise ValidationError(_("此代碼的文字並非管理者填寫，無需還原。"))
    values = shipped_values(item)
    if values is None:
        raise ValidationError(_("系統隨附的轉錄沒有此代碼，無法還原。"))
    return update_record(actor=actor, instance=item, data=values, fields=tuple(values))
