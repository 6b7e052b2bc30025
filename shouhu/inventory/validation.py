"""Rules for systems and personal-data files, shared by the services, the API and the importer.

Each function returns ``{field: [message, ...]}`` (in the active language) so the importer can report by column and the
services can raise one ``ValidationError`` with a field dict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

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

Errors = dict[str, list[str]]

# TextChoices rebuild .values/.labels on every access; these are read once per imported row.
KINDS, LOCATIONS, ZONES, HOSTINGS = (
    frozenset(c.values) for c in (SystemKind, Location, NetworkZone, Hosting)
)
ROLES, SUBJECTS, BASES, SPECIAL = (
    frozenset(c.values) for c in (Role, DataSubject, LegalBasis, SpecialCategory)
)


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _choices(choices: Any) -> str:
    return _("、").join(str(label) for label in choices.labels)


def _unknown(values: Iterable[str], allowed: Iterable[str]) -> list[str]:
    allowed_set = set(allowed)
    return [v for v in values if v not in allowed_set]


def system_errors(data: Mapping[str, Any], *, client_count: int) -> Errors:
    errors: Errors = {}
    if not str(data.get("name") or "").strip():
        _add(errors, "name", _("請填寫系統名稱。"))
    if data.get("kind") not in KINDS:
        _add(errors, "kind", _("類型須為：{choices}").format(choices=_choices(SystemKind)))
    if data.get("location") not in LOCATIONS:
        _add(errors, "location", _("位置須為：{choices}").format(choices=_choices(Location)))
    if data.get("network_zone") not in ZONES:
        _add(errors, "network_zone", _("網段須為：{choices}").format(choices=_choices(NetworkZone)))
    if data.get("hosting", Hosting.SELF) not in HOSTINGS:
        _add(errors, "hosting", _("代管責任須為：{choices}").format(choices=_choices(Hosting)))
    if data.get("network_zone") == NetworkZone.TEST and data.get("holds_real_data"):
        _add(
            errors,
            "holds_real_data",
            _("測試區的系統不得存放真實個人資料（指引：測試平台應使用假資料或去識別化資料）。"),
        )
    if data.get("location") == Location.CLOUD:
        if not str(data.get("cloud_provider") or "").strip():
            _add(errors, "cloud_provider", _("位於第三方雲端時，請填寫雲端服務商。"))
        if not str(data.get("region") or "").strip():
            _add(errors, "region", _("位於第三方雲端時，請填寫區域（例如 asia-east1、日本東京）。"))
    if data.get("kind") == SystemKind.CLIENT_STORE and client_count == 0:
        _add(errors, "clients", _("儲存客戶之消費者個資之系統或設備，須連結至少一個委託者。"))
    return errors


def file_errors(
    data: Mapping[str, Any], *, purpose_count: int, category_count: int, today: dt.date | None = None
) -> Errors:
    """Validate the scalar fields of a personal-data file plus how many purposes/categories it has."""
    errors: Errors = {}
    today = today or timezone.localdate()
    if not str(data.get("name") or "").strip():
        _add(errors, "name", _("請填寫個人資料檔案名稱。"))
    if data.get("department") is None:
        _add(errors, "department", _("請選擇權責部門。"))
    role = data.get("role")
    if role not in ROLES:
        _add(errors, "role", _("本公司角色須為「蒐集者」或「受託者」。"))
    elif role == Role.PROCESSOR and data.get("client") is None:
        _add(errors, "client", _("受託處理（個資法第 4 條）時，請指定委託者。"))
    elif role == Role.CONTROLLER and data.get("client") is not None:
        _add(errors, "client", _("本公司為蒐集者時不應指定委託者；若為受託處理，請將角色改為「受託者」。"))
    subjects = list(data.get("data_subjects") or [])
    if not subjects:
        _add(errors, "data_subjects", _("請至少選擇一種當事人類型。"))
    elif bad := _unknown(subjects, SUBJECTS):
        _add(errors, "data_subjects", _("未知的當事人類型：{values}").format(values=_("、").join(bad)))
    elif DataSubject.OTHER in subjects and not str(data.get("data_subjects_other") or "").strip():
        _add(errors, "data_subjects_other", _("選擇「其他」當事人時，請說明。"))
    if DataSubject.CONSUMER in subjects and role == Role.CONTROLLER:
        pass  # our own consumers (e.g. a SaaS we run ourselves) are allowed
    if bad := _unknown(data.get("legal_bases") or [], BASES):
        _add(errors, "legal_bases", _("個資法第 19 條沒有第 {values} 款。").format(values=_("、").join(bad)))
    elif not data.get("legal_bases"):
        _add(errors, "legal_bases", _("請至少選擇一款個資法第 19 條蒐集依據。"))
    special = list(data.get("special_categories") or [])
    if bad := _unknown(special, SPECIAL):
        _add(errors, "special_categories", _("未知的特種個資類別：{values}").format(values=_("、").join(bad)))
    general, special_count = data.get("records_general") or 0, data.get("records_special") or 0
    for field, value in (("records_general", general), ("records_special", special_count)):
        if not isinstance(value, int) or value < 0:
            _add(errors, field, _("筆數須為 0 以上的整數。"))
    if isinstance(special_count, int) and special_count > 0 and not special:
        _add(errors, "special_categories", _("有特種個資筆數時，請勾選個資法第 6 條特種個資類別。"))
    counted_on = data.get("counted_on")
    if (general or special_count) and counted_on is None:
        _add(errors, "counted_on", _("填寫筆數時，請一併填寫筆數計算日期。"))
    if isinstance(counted_on, dt.date) and counted_on > today:
        _add(errors, "counted_on", _("筆數計算日期不可晚於今天。"))
    countries = list(data.get("countries") or [])
    if data.get("cross_border") and not countries:
        _add(errors, "countries", _("有跨境傳輸時，請填寫傳輸的國家或地區（個資法第 21 條）。"))
    if not data.get("cross_border") and countries:
        _add(errors, "cross_border", _("已填寫傳輸國家或地區，請勾選「跨境傳輸」。"))
    if purpose_count == 0:
        _add(errors, "purposes", _("請至少選擇一個特定目的。"))
    if category_count == 0:
        _add(errors, "categories", _("請至少選擇一個個人資料類別。"))
    return errors
