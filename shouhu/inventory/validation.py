"""Rules for systems and personal-data files, shared by the services, the API and the importer.

Each function returns ``{field: [message, ...]}`` so the importer can report by column and the services can
raise one ``ValidationError`` with a field dict. Each message is a ``core.messages`` Sentence: text in the
active language for a form, and a key with facts that an import's preview stores and shows in its reader's
language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from shouhu.core.messages import both, define, joined, sentence
from shouhu.inventory.models import (
    DataSubject,
    Hosting,
    LegalBasis,
    Location,
    NetworkZone,
    Role,
    SpecialCategory,
    SystemKind,
)

Errors = dict[str, list[str]]  # each a core.messages Sentence where a rule wrote it

# TextChoices rebuild .values/.labels on every access; these are read once per imported row.
KINDS, LOCATIONS, ZONES, HOSTINGS = (
    frozenset(c.values) for c in (SystemKind, Location, NetworkZone, Hosting)
)
ROLES, SUBJECTS, BASES, SPECIAL = (
    frozenset(c.values) for c in (Role, DataSubject, LegalBasis, SpecialCategory)
)


def _values(f: dict[str, Any]) -> dict[str, Any]:
    return {**f, "values": joined(f["values"])}


# The rules' sentences (core.messages): a form shows them at once, an import's preview stores them.
NAME = define("inventory.rule.name", N_("請填寫系統名稱。"))
KIND = define("inventory.rule.kind", N_("類型須為：{choices}"))
LOCATION = define("inventory.rule.location", N_("位置須為：{choices}"))
NETWORK_ZONE = define("inventory.rule.network_zone", N_("網段須為：{choices}"))
HOSTING = define("inventory.rule.hosting", N_("代管責任須為：{choices}"))
HOLDS_REAL_DATA = define(
    "inventory.rule.holds_real_data",
    N_("測試區的系統不得存放真實個人資料（指引：測試平台應使用假資料或去識別化資料）。"),
)
CLOUD_PROVIDER = define("inventory.rule.cloud_provider", N_("位於第三方雲端時，請填寫雲端服務商。"))
REGION = define("inventory.rule.region", N_("位於第三方雲端時，請填寫區域（例如 asia-east1、日本東京）。"))
CLIENTS = define("inventory.rule.clients", N_("儲存客戶之消費者個資之系統或設備，須連結至少一個委託者。"))
FILE_NAME = define("inventory.rule.file_name", N_("請填寫個人資料檔案名稱。"))
DEPARTMENT = define("inventory.rule.department", N_("請選擇權責部門。"))
ROLE = define("inventory.rule.role", N_("本公司角色須為「蒐集者」或「受託者」。"))
CLIENT = define("inventory.rule.client", N_("受託處理（個資法第 4 條）時，請指定委託者。"))
NO_CLIENT = define(
    "inventory.rule.no_client", N_("本公司為蒐集者時不應指定委託者；若為受託處理，請將角色改為「受託者」。")
)
DATA_SUBJECTS = define("inventory.rule.data_subjects", N_("請至少選擇一種當事人類型。"))
DATA_SUBJECTS_OTHER = define("inventory.rule.data_subjects_other", N_("選擇「其他」當事人時，請說明。"))
LEGAL_BASES = define("inventory.rule.legal_bases", N_("請至少選擇一款個資法第 19 條蒐集依據。"))
SPECIAL_CATEGORIES = define(
    "inventory.rule.special_categories", N_("有特種個資筆數時，請勾選個資法第 6 條特種個資類別。")
)
COUNTED_ON = define("inventory.rule.counted_on", N_("填寫筆數時，請一併填寫筆數計算日期。"))
COUNTED_FUTURE = define("inventory.rule.counted_future", N_("筆數計算日期不可晚於今天。"))
COUNTRIES = define("inventory.rule.countries", N_("有跨境傳輸時，請填寫傳輸的國家或地區（個資法第 21 條）。"))
CROSS_BORDER = define("inventory.rule.cross_border", N_("已填寫傳輸國家或地區，請勾選「跨境傳輸」。"))
PURPOSES = define("inventory.rule.purposes", N_("請至少選擇一個特定目的。"))
CATEGORIES = define("inventory.rule.categories", N_("請至少選擇一個個人資料類別。"))
SUBJECTS_UNKNOWN = define("inventory.rule.subjects_unknown", N_("未知的當事人類型：{values}"), _values)
BASES_UNKNOWN = define("inventory.rule.bases_unknown", N_("個資法第 19 條沒有第 {values} 款。"), _values)
SPECIAL_UNKNOWN = define("inventory.rule.special_unknown", N_("未知的特種個資類別：{values}"), _values)
RECORDS = define("inventory.rule.records", N_("筆數須為 0 以上的整數。"))


def _add(errors: Errors, field: str, key: str, **facts: Any) -> None:
    errors.setdefault(field, []).append(sentence(key, **facts))


def _choices(choices: Any) -> dict[str, str]:
    return both(lambda: joined(str(label) for label in choices.labels))


def _unknown(values: Iterable[str], allowed: Iterable[str]) -> list[str]:
    allowed_set = set(allowed)
    return [v for v in values if v not in allowed_set]


def system_errors(data: Mapping[str, Any], *, client_count: int) -> Errors:
    errors: Errors = {}
    if not str(data.get("name") or "").strip():
        _add(errors, "name", NAME)
    if data.get("kind") not in KINDS:
        _add(errors, "kind", KIND, choices=_choices(SystemKind))
    if data.get("location") not in LOCATIONS:
        _add(errors, "location", LOCATION, choices=_choices(Location))
    if data.get("network_zone") not in ZONES:
        _add(errors, "network_zone", NETWORK_ZONE, choices=_choices(NetworkZone))
    if data.get("hosting", Hosting.SELF) not in HOSTINGS:
        _add(errors, "hosting", HOSTING, choices=_choices(Hosting))
    if data.get("network_zone") == NetworkZone.TEST and data.get("holds_real_data"):
        _add(errors, "holds_real_data", HOLDS_REAL_DATA)
    if data.get("location") == Location.CLOUD:
        if not str(data.get("cloud_provider") or "").strip():
            _add(errors, "cloud_provider", CLOUD_PROVIDER)
        if not str(data.get("region") or "").strip():
            _add(errors, "region", REGION)
    if data.get("kind") == SystemKind.CLIENT_STORE and client_count == 0:
        _add(errors, "clients", CLIENTS)
    return errors


def file_errors(
    data: Mapping[str, Any], *, purpose_count: int, category_count: int, today: dt.date | None = None
) -> Errors:
    """Validate the scalar fields of a personal-data file plus how many purposes/categories it has."""
    errors: Errors = {}
    today = today or timezone.localdate()
    if not str(data.get("name") or "").strip():
        _add(errors, "name", FILE_NAME)
    if data.get("department") is None:
        _add(errors, "department", DEPARTMENT)
    role = data.get("role")
    if role not in ROLES:
        _add(errors, "role", ROLE)
    elif role == Role.PROCESSOR and data.get("client") is None:
        _add(errors, "client", CLIENT)
    elif role == Role.CONTROLLER and data.get("client") is not None:
        _add(errors, "client", NO_CLIENT)
    subjects = list(data.get("data_subjects") or [])
    if not subjects:
        _add(errors, "data_subjects", DATA_SUBJECTS)
    elif bad := _unknown(subjects, SUBJECTS):
        _add(errors, "data_subjects", SUBJECTS_UNKNOWN, values=bad)
    elif DataSubject.OTHER in subjects and not str(data.get("data_subjects_other") or "").strip():
        _add(errors, "data_subjects_other", DATA_SUBJECTS_OTHER)
    if DataSubject.CONSUMER in subjects and role == Role.CONTROLLER:
        pass  # our own consumers (e.g. a SaaS we run ourselves) are allowed
    if bad := _unknown(data.get("legal_bases") or [], BASES):
        _add(errors, "legal_bases", BASES_UNKNOWN, values=bad)
    elif not data.get("legal_bases"):
        _add(errors, "legal_bases", LEGAL_BASES)
    special = list(data.get("special_categories") or [])
    if bad := _unknown(special, SPECIAL):
        _add(errors, "special_categories", SPECIAL_UNKNOWN, values=bad)
    general, special_count = data.get("records_general") or 0, data.get("records_special") or 0
    for field, value in (("records_general", general), ("records_special", special_count)):
        if not isinstance(value, int) or value < 0:
            _add(errors, field, RECORDS)
    if isinstance(special_count, int) and special_count > 0 and not special:
        _add(errors, "special_categories", SPECIAL_CATEGORIES)
    counted_on = data.get("counted_on")
    if (general or special_count) and counted_on is None:
        _add(errors, "counted_on", COUNTED_ON)
    if isinstance(counted_on, dt.date) and counted_on > today:
        _add(errors, "counted_on", COUNTED_FUTURE)
    countries = list(data.get("countries") or [])
    if data.get("cross_border") and not countries:
        _add(errors, "countries", COUNTRIES)
    if not data.get("cross_border") and countries:
        _add(errors, "cross_border", CROSS_BORDER)
    if purpose_count == 0:
        _add(errors, "purposes", PURPOSES)
    if category_count == 0:
        _add(errors, "categories", CATEGORIES)
    return errors
