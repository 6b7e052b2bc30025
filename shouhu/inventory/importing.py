"""Import specs for systems and assets and for the 個人資料盤點表. Column headers are the export headers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from shouhu.accounts.permissions import has_perm
from shouhu.audit import services as audit
from shouhu.core.importing import fields as f
from shouhu.core.importing.base import (
    DONE,
    Params,
    Progress,
    add_error,
    cell,
    map_errors,
    register,
    update_rows,
)
from shouhu.core.importing.base import attnames as base_attnames
from shouhu.core.importing.reader import Row
from shouhu.core.messages import Message, compose, define, joined, render
from shouhu.inventory.models import (
    Category,
    CountSource,
    DataSubject,
    Hosting,
    Location,
    NetworkZone,
    PersonalDataFile,
    Purpose,
    RefStatus,
    Role,
    SpecialCategory,
    System,
    SystemKind,
    file_natural_key,
)
from shouhu.inventory.validation import BASES, file_errors, system_errors
from shouhu.organization.models import Client, Department

ADDING_FILES = define("inventory.import_adding", gettext_noop("新增個人資料檔案"), context="progress")


def _problems(f: dict[str, Any]) -> dict[str, Any]:
    return {"problems": gettext("；").join(render(str(k), facts, "") for k, facts in f["problems"])}


# Row errors, stored as messages so the preview reads in the language of whoever opens it.
NO_PERMISSION = define(
    "inventory.import.no_permission", gettext_noop("您沒有「{department}」的個資盤點管理權限。")
)
# Rows stored before NO_DEPARTMENT_KNOWN below keep reading with these two.
NO_DEPARTMENT = define("inventory.import.no_department", gettext_noop("找不到部門「{department}」。"))
NO_DEPARTMENT_ADD = define(
    "inventory.import.no_department_add", gettext_noop("找不到部門「{department}」（請先在組織資料新增）。")
)
# An unknown department names the ones there are.
NO_DEPARTMENT_KNOWN = define(
    "inventory.import.no_department_known",
    gettext_noop("找不到部門「{department}」；現有部門：{known}（新部門請先在組織資料新增）。"),
    lambda f: {**f, "known": joined(f["known"])},
)
NO_DEPARTMENTS_YET = define(
    "inventory.import.no_departments_yet",
    gettext_noop("找不到部門「{department}」：尚未建立任何部門，請先在組織資料新增。"),
)
NO_CLIENT = define("inventory.import.no_client", gettext_noop("找不到委託者「{client}」。"))
KNOWN_LISTED = 30  # departments named in the message; a company with more gets the first ones and 「…」


def _unknown_department(name: str, departments: dict[str, Department]) -> Message:
    """The row error for a department that does not exist, naming those that do."""
    known = sorted(d.name for d in departments.values())
    if not known:
        return compose(NO_DEPARTMENTS_YET, department=name)
    listed = known[:KNOWN_LISTED] + (["…"] if len(known) > KNOWN_LISTED else [])
    return compose(NO_DEPARTMENT_KNOWN, department=name, known=listed)


def _example_department(prefer: tuple[str, ...], fallback: str) -> str:
    """A department of this company for a template's example row (one whose name has a word of ``prefer``
    first), so the example imports as it stands; ``fallback`` before any department exists."""
    names = list(Department.objects.order_by("pk").values_list("name", flat=True))
    for word in prefer:
        for name in names:
            if word in name:
                return name
    return names[0] if names else fallback


SAME_SYSTEM = define("inventory.import.same_system", gettext_noop("與第 {row} 列的系統名稱重複。"))
SAME_FILE = define(
    "inventory.import.same_file", gettext_noop("與第 {row} 列重複（相同部門、委託者與檔案名稱）。")
)
PURPOSE_PROBLEMS = define("inventory.import.purposes", gettext_noop("{problems}。"), _problems)
PURPOSE_UNKNOWN = define(
    "inventory.import.purpose_unknown", gettext_noop("代碼 {code} 不在法務部特定目的清單（001–182）")
)
PURPOSE_UNNAMED = define(
    "inventory.import.purpose_unnamed", gettext_noop("代碼 {code} 尚未收錄名稱（請管理者補登官方文字）")
)
PURPOSE_NOT_CODE = define(
    "inventory.import.purpose_not_code",
    gettext_noop("「{value}」不是特定目的代碼，也不是已新增的自訂特定目的"),
)
CATEGORY_UNKNOWN = define(
    "inventory.import.category_unknown",
    gettext_noop("未知的個資類別代碼：{codes}（格式如 C001）。"),
    lambda f: {"codes": joined(f["codes"])},
)
BASIS_UNKNOWN = define(
    "inventory.import.basis_unknown", gettext_noop("「{value}」不是個資法第 19 條第 1 項的款次（一至八）。")
)
CLIENTS = gettext_lazy("委託者")
SYSTEMS = gettext_lazy("系統（請先匯入系統與資產）")

BATCH = 500

# Each imported row gets its own audit entry with old and new values: every field a person fills in (not
# the keys and timestamps), foreign keys by id and links as sorted id lists.
FILE_LINKS = ("purposes", "categories", "systems")


def _audit_fields(model: type[Model], links: Iterable[str]) -> tuple[str, ...]:
    skip = {"id", "natural_key", "created_at", "updated_at"}
    names = [field.name for field in model._meta.concrete_fields if field.name not in skip]
    return (*names, *links)


def _values(model: type[Model], pks: list[int], links: Iterable[str]) -> dict[int, dict[str, Any]]:
    """``{pk: {field: value}}`` of ``pks`` (foreign keys by id, many-to-many links as sorted id lists)."""
    scalars = [
        field
        for field in model._meta.concrete_fields
        if field.name not in {"natural_key", "created_at", "updated_at"}
    ]
    out: dict[int, dict[str, Any]] = {}
    for i in range(0, len(pks), 5000):
        chunk = pks[i : i + 5000]
        for row in model._default_manager.filter(pk__in=chunk).values(*(c.attname for c in scalars)):
            out[row["id"]] = {c.name: row[c.attname] for c in scalars if c.name != "id"}
        for name in links:
            through = getattr(model, name).through
            source = f"{model._meta.model_name}_id"
            target = next(c.attname for c in through._meta.concrete_fields if c.attname not in {"id", source})
            for pk in chunk:
                if pk in out:
                    out[pk][name] = []
            for pk, other in through.objects.filter(**{f"{source}__in": chunk}).values_list(source, target):
                out[pk][name].append(other)
    for values in out.values():
        for name in links:
            values[name] = sorted(values[name])
    return out


def _system_values(pks: list[int]) -> dict[int, dict[str, Any]]:
    return _values(System, pks, ["clients"])


def _file_values(pks: list[int]) -> dict[int, dict[str, Any]]:
    return _values(PersonalDataFile, pks, FILE_LINKS)


def _entry(
    model: type[Model], pk: int, after: dict[str, Any], before: dict[str, Any], fields: Iterable[str]
) -> audit.Entry:
    """The audit entry of one imported row: ``{field: [old, new]}`` for the fields that changed."""
    changes = audit.diff({k: before[k] for k in fields if k in before}, {k: after.get(k) for k in fields})
    return audit.Entry(model._meta.label_lower, str(pk), str(after.get("name", ""))[:200], changes)


SYSTEM_COLUMNS: dict[str, str] = {
    "名稱": "name",
    "類型": "kind",
    "負責人": "owner",
    "權責部門": "department",
    "位置": "location",
    "雲端服務商": "cloud_provider",
    "區域": "region",
    "網段": "network_zone",
    "存放真實個資": "holds_real_data",
    "代管責任": "hosting",
    "相關委託者": "clients",
    "備註": "notes",
}
FILE_COLUMNS: dict[str, str] = {
    "個人資料檔案名稱": "name",
    "權責部門": "department",
    "業務流程": "business_process",
    "來源表單與紀錄": "source_forms",
    "本公司角色": "role",
    "委託者": "client",
    "當事人類型": "data_subjects",
    "其他當事人": "data_subjects_other",
    "特定目的": "purposes",
    "個資類別": "categories",
    "蒐集依據(個資法第19條)": "legal_bases",
    "特種個資(個資法第6條)": "special_categories",
    "一般個資筆數": "records_general",
    "特種個資筆數": "records_special",
    "筆數計算日期": "counted_on",
    "系統": "systems",
    "儲存位置": "storage_locations",
    "跨境傳輸": "cross_border",
    "傳輸國家或地區": "countries",
    "保存期限": "retention_period",
    "保存依據": "retention_basis",
    "蒐集方式": "lifecycle_collection",
    "處理方式": "lifecycle_processing",
    "利用方式": "lifecycle_use",
    "刪除方式": "lifecycle_deletion",
    "已告知": "notice_given",
    "告知文件": "notice_reference",
}
# Each column's English header: shown on English pages and accepted on upload (the zh-TW headers, the
# guideline's 個人資料盤點表 layout, stay the default). Named like the English form labels.
SYSTEM_ENGLISH: dict[str, str] = {
    "名稱": "Name",
    "類型": "Type",
    "負責人": "Owner",
    "權責部門": "Responsible department",
    "位置": "Location",
    "雲端服務商": "Cloud provider",
    "區域": "Region",
    "網段": "Network zone",
    "存放真實個資": "Holds real personal data",
    "代管責任": "Hosting duty",
    "相關委託者": "Related clients",
    "備註": "Notes",
}
FILE_ENGLISH: dict[str, str] = {
    "個人資料檔案名稱": "Personal-data file name",
    "權責部門": "Responsible department",
    "業務流程": "Business process",
    "來源表單與紀錄": "Source forms and records",
    "本公司角色": "Our role",
    "委託者": "Client",
    "當事人類型": "Kinds of data subjects",
    "其他當事人": "Other data subjects",
    "特定目的": "Specific purposes",
    "個資類別": "Data categories",
    "蒐集依據(個資法第19條)": "Legal basis (PDPA Art. 19)",
    "特種個資(個資法第6條)": "Special categories (PDPA Art. 6)",
    "一般個資筆數": "General records",
    "特種個資筆數": "Special-category records",
    "筆數計算日期": "Counted on",
    "系統": "Systems",
    "儲存位置": "Storage location",
    "跨境傳輸": "Cross-border transfer",
    "傳輸國家或地區": "Countries or regions transferred to",
    "保存期限": "Retention period",
    "保存依據": "Retention basis",
    "蒐集方式": "How collected",
    "處理方式": "How processed",
    "利用方式": "How used",
    "刪除方式": "How deleted",
    "已告知": "Notice given",
    "告知文件": "Notice document",
}
ROMAN = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8"}
CODE = re.compile(r"^\s*(\d{1,3}|[Cc]\d{3})(?:\s|$|[、：:])")


def _by_name(model: type[Model], attr: str = "name") -> dict[str, int]:
    return {str(name).casefold(): pk for pk, name in model.objects.values_list("pk", attr)}  # type: ignore[attr-defined]


def _links(through: Any, source: str, target: str, pairs: Iterable[tuple[int, int]]) -> None:
    """Insert link rows with one executemany: model instances for 40,000 links cost seconds."""
    table = connection.ops.quote_name(through._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in (source, target))
    rows = list(pairs)
    with connection.cursor() as cursor:
        for i in range(0, len(rows), 5000):
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES (%s, %s)", rows[i : i + 5000])  # noqa: S608


def _department_perm(
    actor: Any, row: Row, header: str, department: Department | None, cache: dict[int, bool]
) -> None:
    if department is None:
        return
    if department.pk not in cache:
        cache[department.pk] = has_perm(actor, "inventory.manage", department_id=department.pk)
    if not cache[department.pk]:
        add_error(row, header, compose(NO_PERMISSION, department=department.name))


class SystemsSpec:
    kind = "systems"
    title = gettext_lazy("系統與資產")
    permission = "inventory.manage"
    list_url = "inventory:systems"
    columns = tuple(SYSTEM_COLUMNS)
    required = ("名稱", "類型")
    english = SYSTEM_ENGLISH
    # The downloadable template's example row (replace it with your own); 權責部門 is one of the company's.
    example_row = {
        "名稱": "會員系統資料庫",
        "類型": "內部資訊系統",
        "負責人": "王小明",
        "權責部門": "資訊部",
        "位置": "公司內部",
        "網段": "資料庫區",
        "存放真實個資": "是",
        "代管責任": "本公司",
        "備註": "PostgreSQL 16",
    }

    @property
    def example(self) -> dict[str, str]:
        return {**self.example_row, "權責部門": _example_department(("資訊",), self.example_row["權責部門"])}

    def validate(self, rows: list[Row], *, actor: Any, params: Params) -> list[Any]:
        departments = {d.name.casefold(): d for d in Department.objects.all()}
        clients = _by_name(Client)
        seen: dict[str, int] = {}
        perms: dict[int, bool] = {}
        out: list[Any] = []
        for row in rows:
            v = row.values
            name = v.get("名稱", "")
            dep_name = v.get("權責部門", "")
            department = departments.get(dep_name.casefold()) if dep_name else None
            if dep_name and department is None:
                add_error(row, "權責部門", _unknown_department(dep_name, departments))
            _department_perm(actor, row, "權責部門", department, perms)
            data = {
                "name": name,
                "owner": v.get("負責人", ""),
                "department": department,
                "cloud_provider": v.get("雲端服務商", ""),
                "region": v.get("區域", ""),
                "notes": v.get("備註", ""),
                "kind": cell(row, "類型", lambda s: f.choice(s, SystemKind)),
                "location": cell(row, "位置", lambda s: f.choice(s, Location)),
                "network_zone": cell(row, "網段", lambda s: f.choice(s, NetworkZone)),
                "hosting": cell(
                    row, "代管責任", lambda s: f.choice(s, Hosting, required=False) or Hosting.SELF
                ),
                "holds_real_data": cell(row, "存放真實個資", f.boolean, False),
            }
            client_ids = cell(row, "相關委託者", lambda s: f.lookup(f.multi(s), clients, CLIENTS), [])
            map_errors(
                row,
                system_errors(
                    {k: v for k, v in data.items() if v is not None}, client_count=len(client_ids or [])
                ),
                SYSTEM_COLUMNS,
            )
            key = name.strip().casefold()
            if key in seen:
                add_error(row, "名稱", compose(SAME_SYSTEM, row=seen[key]))
            seen.setdefault(key, row.number)
            out.append(None if row.errors else {**data, "clients": client_ids})
        return out

    def commit(self, records: list[Any], *, actor: Any, progress: Progress, params: Params) -> dict[str, Any]:
        existing = {n.casefold(): pk for pk, n in System.objects.values_list("pk", "name")}
        now = timezone.now()
        audited = _audit_fields(System, ["clients"])
        scalars = (
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
        new, changed = [], []
        before = _system_values(
            [existing[k] for k in (r["name"].strip().casefold() for r in records) if k in existing]
        )
        for rec in records:
            obj = System(**{k: rec[k] for k in scalars}, updated_at=now)
            pk = existing.get(rec["name"].strip().casefold())
            if pk:
                obj.pk = pk
                changed.append(obj)
            else:
                new.append(obj)
        System.objects.bulk_create(new, batch_size=BATCH)
        System.objects.bulk_update(changed, [*scalars, "updated_at"], batch_size=BATCH)
        ids = {n.casefold(): pk for pk, n in System.objects.values_list("pk", "name")}
        through = System.clients.through
        through.objects.filter(system_id__in=[o.pk for o in changed]).delete()
        _links(
            through,
            "system_id",
            "client_id",
            ((ids[r["name"].strip().casefold()], c) for r in records for c in r["clients"]),
        )
        after = _system_values([ids[r["name"].strip().casefold()] for r in records])
        audit.record_many(
            actor=actor,
            action="inventory.system.created",
            entries=(
                _entry(System, pk, after[pk], {}, audited)
                for pk in (ids[o.name.strip().casefold()] for o in new)
            ),
        )
        audit.record_many(
            actor=actor,
            action="inventory.system.updated",
            entries=(
                entry
                for entry in (
                    _entry(System, int(o.pk), after[int(o.pk)], before[int(o.pk)], audited) for o in changed
                )
                if entry.changes
            ),
        )
        progress(len(records), len(records), "")
        return {
            "created": len(new),
            "updated": len(changed),
            "created_ids": sorted(ids[o.name.strip().casefold()] for o in new),
            "updated_ids": sorted(int(o.pk) for o in changed),
        }


def _purpose_ids(
    value: str, codes: dict[str, tuple[int, str]], custom: dict[str, int], names: dict[str, str]
) -> list[int]:
    ids: list[int] = []
    problems: list[tuple[str, dict[str, str]]] = []
    for part in f.coded_list(value, names):
        match = CODE.match(part)
        if match and match.group(1).isdigit():
            code = match.group(1).zfill(3)
            found = codes.get(code)
            if found is None:
                problems.append((PURPOSE_UNKNOWN, {"code": code}))
            elif found[1] == RefStatus.MISSING:
                problems.append((PURPOSE_UNNAMED, {"code": code}))
            elif found[0] not in ids:
                ids.append(found[0])
        else:
            name = part.removeprefix("自訂：").removeprefix("自訂:").strip()
            pk = custom.get(name.casefold())
            if pk is None:
                problems.append((PURPOSE_NOT_CODE, {"value": part}))
            elif pk not in ids:
                ids.append(pk)
    if problems:
        raise f.CellError(compose(PURPOSE_PROBLEMS, problems=[list(p) for p in problems]))
    return ids


def _category_ids(value: str, codes: dict[str, int], names: dict[str, str]) -> list[int]:
    ids, unknown = [], []
    for part in f.coded_list(value, names):
        match = CODE.match(part)
        code = match.group(1).upper() if match else part.upper()
        pk = codes.get(code)
        if pk is None:
            unknown.append(part)
        elif pk not in ids:
            ids.append(pk)
    if unknown:
        raise f.CellError(compose(CATEGORY_UNKNOWN, codes=unknown))
    return ids


def _legal_bases(value: str) -> list[str]:
    out = []
    for part in f.multi(value):
        p = part.replace("第", "").replace("款", "").strip()
        p = ROMAN.get(p[:1], p[:1]) if p else p
        if p not in BASES:
            raise f.CellError(compose(BASIS_UNKNOWN, value=part))
        if p not in out:
            out.append(p)
    return out


class FilesSpec:
    kind = "files"
    title = gettext_lazy("個人資料盤點表")
    permission = "inventory.manage"
    list_url = "inventory:files"
    columns = tuple(FILE_COLUMNS)
    required = ("個人資料檔案名稱", "權責部門")
    english = FILE_ENGLISH
    # The downloadable template's example row (replace it with your own); 權責部門 is one of the company's.
    example_row = {
        "個人資料檔案名稱": "員工人事資料",
        "權責部門": "人資部",
        "業務流程": "員工任用與薪資",
        "本公司角色": "蒐集者（本公司）",
        "當事人類型": "員工",
        "特定目的": "002 人事管理、031",
        "個資類別": "C001、C003",
        "蒐集依據(個資法第19條)": "二",
        "一般個資筆數": "85",
        "筆數計算日期": "2026-11-01",
        "儲存位置": "人事系統；紙本人事卡（人資部檔案櫃）",
        "保存期限": "離職後 5 年",
        "蒐集方式": "到職時填寫人事資料表",
        "利用方式": "薪資發放、勞健保加保",
        "刪除方式": "屆期以碎紙機銷毀並刪除系統資料",
        "已告知": "是",
    }

    @property
    def example(self) -> dict[str, str]:
        department = _example_department(("人力資源", "人資", "人事"), self.example_row["權責部門"])
        return {**self.example_row, "權責部門": department}

    def validate(self, rows: list[Row], *, actor: Any, params: Params) -> list[Any]:
        departments = {d.name.casefold(): d for d in Department.objects.all()}
        clients = {c.name.casefold(): c for c in Client.objects.all()}
        purposes = {str(p.code): (p.pk, p.status) for p in Purpose.objects.filter(code__isnull=False)}
        custom = {p.name.casefold(): p.pk for p in Purpose.objects.filter(code__isnull=True)}
        categories = {c.code.upper(): c.pk for c in Category.objects.all()}
        purpose_names = {str(p.code): p.name for p in Purpose.objects.filter(code__isnull=False)}
        category_names = {c.code.upper(): c.name for c in Category.objects.all()}
        systems = _by_name(System)
        today = timezone.localdate()
        perms: dict[int, bool] = {}
        seen: dict[str, int] = {}
        out: list[Any] = []
        for row in rows:
            v = row.values
            dep_name, client_name = v.get("權責部門", ""), v.get("委託者", "")
            department = departments.get(dep_name.casefold()) if dep_name else None
            if dep_name and department is None:
                add_error(row, "權責部門", _unknown_department(dep_name, departments))
            _department_perm(actor, row, "權責部門", department, perms)
            client = clients.get(client_name.casefold()) if client_name else None
            if client_name and client is None:
                add_error(row, "委託者", compose(NO_CLIENT, client=client_name))
            data: dict[str, Any] = {
                "name": v.get("個人資料檔案名稱", ""),
                "department": department,
                "client": client,
                "business_process": v.get("業務流程", ""),
                "source_forms": v.get("來源表單與紀錄", ""),
                "data_subjects_other": v.get("其他當事人", ""),
                "storage_locations": v.get("儲存位置", ""),
                "retention_period": v.get("保存期限", ""),
                "retention_basis": v.get("保存依據", ""),
                "lifecycle_collection": v.get("蒐集方式", ""),
                "lifecycle_processing": v.get("處理方式", ""),
                "lifecycle_use": v.get("利用方式", ""),
                "lifecycle_deletion": v.get("刪除方式", ""),
                "notice_reference": v.get("告知文件", ""),
                "count_source": CountSource.MANUAL,
                "role": cell(row, "本公司角色", lambda s: f.choice(s or "蒐集者", Role)),
                "data_subjects": cell(row, "當事人類型", lambda s: f.choices(s, DataSubject), []),
                "legal_bases": cell(row, "蒐集依據(個資法第19條)", _legal_bases, []),
                "special_categories": cell(
                    row, "特種個資(個資法第6條)", lambda s: f.choices(s, SpecialCategory), []
                ),
                "records_general": cell(row, "一般個資筆數", f.integer, 0),
                "records_special": cell(row, "特種個資筆數", f.integer, 0),
                "counted_on": cell(row, "筆數計算日期", f.date),
                "cross_border": cell(row, "跨境傳輸", f.boolean, False),
                "countries": f.multi(v.get("傳輸國家或地區", "")),
                "notice_given": cell(row, "已告知", f.boolean, False),
            }
            purpose_ids = cell(row, "特定目的", lambda s: _purpose_ids(s, purposes, custom, purpose_names))
            category_ids = cell(row, "個資類別", lambda s: _category_ids(s, categories, category_names))
            system_ids = cell(row, "系統", lambda s: f.lookup(f.multi(s), systems, SYSTEMS), [])
            errors = file_errors(
                data,
                purpose_count=len(purpose_ids or []) if purpose_ids is not None else 1,
                category_count=len(category_ids or []) if category_ids is not None else 1,
                today=today,
            )
            for field_name in (
                ("department", "client") if "權責部門" in row.errors or "委託者" in row.errors else ()
            ):
                errors.pop(field_name, None)
            map_errors(row, errors, FILE_COLUMNS)
            if department is not None and data["name"]:
                key = file_natural_key(department.name, client.name if client else None, data["name"])
                if key in seen:
                    add_error(row, "個人資料檔案名稱", compose(SAME_FILE, row=seen[key]))
                seen.setdefault(key, row.number)
                data["natural_key"] = key
            out.append(
                None
                if row.errors
                else {**data, "purposes": purpose_ids, "categories": category_ids, "systems": system_ids}
            )
        return out

    def commit(self, records: list[Any], *, actor: Any, progress: Progress, params: Params) -> dict[str, Any]:
        """Insert new files, update only rows whose values or links differ (a re-import of the same file
        writes nothing), and replace the links of those rows."""
        links = {"purposes": "purpose_id", "categories": "category_id", "systems": "system_id"}
        scalars = [k for k in records[0] if k not in links] if records else []
        attnames = base_attnames(PersonalDataFile, scalars)
        keys = [r["natural_key"] for r in records]
        current: dict[str, dict[str, Any]] = {}
        for i in range(0, len(keys), 5000):
            for row in PersonalDataFile.objects.filter(natural_key__in=keys[i : i + 5000]).values(
                "pk", *attnames
            ):
                current[row["natural_key"]] = row
        current_links: dict[str, dict[int, set[int]]] = {name: {} for name in links}
        ids_by_pk = [row["pk"] for row in current.values()]
        for name, target in links.items():
            through = getattr(PersonalDataFile, name).through
            for i in range(0, len(ids_by_pk), 5000):
                pairs = through.objects.filter(personaldatafile_id__in=ids_by_pk[i : i + 5000]).values_list(
                    "personaldatafile_id", target
                )
                for pk, other in pairs:
                    current_links[name].setdefault(pk, set()).add(other)
        now = timezone.now()
        new: list[PersonalDataFile] = []
        new_recs: list[dict[str, Any]] = []
        changed: list[tuple[int, dict[str, Any]]] = []
        relink: list[tuple[int, dict[str, Any]]] = []
        for rec in records:
            values = {
                att: getattr(rec[k], "pk", rec[k]) if k in ("department", "client") else rec[k]
                for k, att in zip(scalars, attnames, strict=True)
            }
            row = current.get(rec["natural_key"])
            if row is None:
                new.append(PersonalDataFile(**{k: rec[k] for k in scalars}, updated_at=now))
                new_recs.append(rec)
                continue
            pk = row["pk"]
            if any(row[att] != values[att] for att in attnames):
                changed.append((pk, values))
            if any(current_links[name].get(pk, set()) != set(rec[name]) for name in links):
                relink.append((pk, rec))
        total = len(records)
        touched_pks = sorted({pk for pk, _ in changed} | {pk for pk, _ in relink})
        audited = _audit_fields(PersonalDataFile, FILE_LINKS)
        before = _file_values(touched_pks)  # old values, for one audit entry per updated row
        for i in range(0, len(new), BATCH):
            PersonalDataFile.objects.bulk_create(new[i : i + BATCH])
            progress(i + BATCH, total, compose(ADDING_FILES))
        update_rows(PersonalDataFile, [(pk, {**v, "updated_at": now}) for pk, v in changed])
        created: dict[str, int] = {}
        new_keys = [o.natural_key for o in new]
        for i in range(0, len(new_keys), 5000):
            chunk = PersonalDataFile.objects.filter(natural_key__in=new_keys[i : i + 5000])
            created.update(chunk.values_list("natural_key", "pk"))
        relinked = [pk for pk, _ in relink]
        for name, target in links.items():
            through = getattr(PersonalDataFile, name).through
            for i in range(0, len(relinked), 5000):
                through.objects.filter(personaldatafile_id__in=relinked[i : i + 5000]).delete()
            pairs = [(pk, t) for pk, rec in relink for t in rec[name]]
            pairs += [(created[rec["natural_key"]], t) for rec in new_recs for t in rec[name]]
            _links(through, "personaldatafile_id", target, pairs)
        after = _file_values([*created.values(), *touched_pks])
        audit.record_many(
            actor=actor,
            action="inventory.personaldatafile.created",
            entries=(_entry(PersonalDataFile, pk, after[pk], {}, audited) for pk in created.values()),
        )
        updates = (_entry(PersonalDataFile, pk, after[pk], before[pk], audited) for pk in touched_pks)
        audit.record_many(
            actor=actor,
            action="inventory.personaldatafile.updated",
            entries=(e for e in updates if e.changes),
        )
        progress(total, total, compose(DONE))
        counted = [rec["counted_on"] for rec in records if rec.get("counted_on")]
        if counted:
            from shouhu.law.services import complete_from_record
            from shouhu.law.services import note as completion_note

            complete_from_record(actor=actor, key="inventory-count", done_on=max(counted),
                                 note=completion_note("inventory_import", count=len(counted)))  # fmt: skip
        touched = sorted({pk for pk, _ in changed} | set(relinked))
        return {
            "created": len(new),
            "updated": len(touched),
            "unchanged": total - len(new) - len(touched),
            "created_ids": sorted(created.values()),
            "updated_ids": touched,
        }


register(SystemsSpec())
register(FilesSpec())
