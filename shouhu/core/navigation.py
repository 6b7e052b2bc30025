"""Navigation by PDCA stage. Modules add their entries here; entries whose URL is missing are hidden."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: object
    url_name: str
    perm: str


@dataclass(frozen=True)
class NavStage:
    key: str
    label: object
    items: tuple[NavItem, ...]


STAGES: tuple[NavStage, ...] = (
    NavStage(
        "base",
        _("基礎"),
        (
            NavItem(_("組織與人員"), "organization:company", "org.view"),
            NavItem(_("委託者"), "organization:clients", "org.view"),
            NavItem(_("佐證檔案"), "evidence:list", "evidence.view"),
        ),
    ),
    NavStage(
        "plan",
        _("規劃 Plan"),
        (
            NavItem(_("法規與適用"), "law:catalogue", "law.view"),
            NavItem(_("法定期限試算"), "law:deadline_preview", "law.view"),
            NavItem(_("法遵行事曆"), "law:calendar", "law.view"),
        ),
    ),
    NavStage(
        "do",
        _("執行 Do"),
        (
            NavItem(_("個資盤點"), "inventory:files", "inventory.view"),
            NavItem(_("系統與資產"), "inventory:systems", "inventory.view"),
            NavItem(_("風險評估清冊"), "risk:list", "risk.view"),
            NavItem(_("個資掃描"), "scans:list", "scans.view"),
        ),
    ),
    NavStage("check", _("檢核 Check"), (NavItem(_("自我檢查與稽核"), "assessment:list", "assessment.view"),)),
    NavStage(
        "act",
        _("改善 Act"),
        (
            NavItem(_("矯正措施"), "assessment:actions", "actions.view"),
            NavItem(_("個資事故"), "incidents:list", "incidents.view"),
        ),
    ),
    NavStage(
        "admin",
        _("管理"),
        (
            NavItem(_("稽核紀錄"), "audit:list", "audit.view"),
            NavItem(_("背景工作"), "jobs:list", "jobs.view"),
            NavItem(_("登入鎖定"), "accounts:locks", "accounts.manage"),
            NavItem(_("API 文件"), "api-1.0.0:openapi-view", "org.view"),
        ),
    ),
)
