"""Navigation by PDCA stage. Modules add their entries here; entries whose URL is missing are hidden."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    perm: str


@dataclass(frozen=True)
class NavStage:
    key: str
    label: str
    items: tuple[NavItem, ...]


STAGES: tuple[NavStage, ...] = (
    NavStage("base", "基礎", (
        NavItem("組織與人員", "organization:company", "org.view"),
        NavItem("委託者", "organization:clients", "org.view"),
        NavItem("佐證檔案", "evidence:list", "evidence.view"),
    )),
    NavStage("plan", "規劃 Plan", (
        NavItem("法規與適用", "law:catalogue", "law.view"),
        NavItem("法定期限試算", "law:deadline_preview", "law.view"),
        NavItem("法遵行事曆", "law:calendar", "law.view"),
    )),
    NavStage("do", "執行 Do", (
        NavItem("個資盤點", "inventory:files", "inventory.view"),
        NavItem("系統與資產", "inventory:systems", "inventory.view"),
        NavItem("風險評估清冊", "risk:list", "risk.view"),
        NavItem("個資掃描", "scans:list", "scans.view"),
    )),
    NavStage("check", "檢核 Check", (
        NavItem("自我檢查與稽核", "assessment:list", "assessment.view"),
    )),
    NavStage("act", "改善 Act", (
        NavItem("矯正措施", "assessment:actions", "actions.view"),
        NavItem("個資事故", "incidents:list", "incidents.view"),
    )),
    NavStage("admin", "管理", (
        NavItem("稽核紀錄", "audit:list", "audit.view"),
        NavItem("背景工作", "jobs:list", "jobs.view"),
        NavItem("API 文件", "api-1.0.0:openapi-view", "org.view"),
    )),
)
