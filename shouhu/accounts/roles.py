"""Roles and the permissions each grants (least privilege). Checked in services, not only in templates."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("系統管理員")
    PD_CHIEF = "pd_chief", _("個資保護總負責人")
    IS_CHIEF = "is_chief", _("資安總負責人")
    PD_OFFICER = "pd_officer", _("個資管理專員")
    AUDITOR = "auditor", _("稽核人員")
    STAFF = "staff", _("一般員工")


# Roles that must use MFA (issue: administrator and 總負責人).
MFA_REQUIRED_ROLES = frozenset({Role.ADMIN, Role.PD_CHIEF, Role.IS_CHIEF})

VIEW_ALL = {
    "org.view",
    "org.contacts",  # colleagues' e-mail and phone (一般員工 see names, departments and titles only)
    "audit.view",
    "evidence.view",
    "jobs.view",
    "law.view",
    "inventory.view",
    "risk.view",
    "assessment.view",
    "actions.view",
    "incidents.view",
    "scans.view",
    "logwatch.view",
    "plan.view",
    "documents.view",
    "training.view",
    "training.attend",
    "drills.view",
    "documents.acknowledge",
    "requests.view",
    "thirdparties.view",
    "contracts.view",
    "people.view",
    "people.review",
}

# Later modules add their permission codes here, next to the roles that hold them.
PERMISSIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(
        VIEW_ALL
        | {
            "org.manage",
            "accounts.manage",
            "audit.export",
            "evidence.upload",
            "evidence.hold",
            "jobs.run",
            "law.manage",
            "inventory.manage",
            "inventory.special",
            "risk.manage",
            "assessment.manage",
            "assessment.review",
            "actions.manage",
            "incidents.manage",
            "incidents.report",
            "scans.manage",
            "findings.create",
            "logwatch.manage",
            "logwatch.ingest",
            "logwatch.triage",
            "plan.manage",
            "documents.manage",
            "training.manage",
            "drills.manage",
            "people.manage",
            "requests.manage",
            "thirdparties.manage",
            "contracts.manage",
        }
    ),
    Role.PD_CHIEF: frozenset(
        VIEW_ALL
        | {
            "org.manage",
            "audit.export",
            "evidence.upload",
            "evidence.hold",
            "assessment.review",
            "actions.manage",
            "incidents.manage",
            "incidents.report",
            "law.manage",
            "inventory.special",  # marking a data category as PDPA Art. 6 special data is the chief's call
            "risk.manage",
            "logwatch.triage",
            "plan.manage",
            "documents.manage",
            "training.manage",
            "drills.manage",
            "people.manage",
            "plan.approve",
            "documents.approve",
            "requests.manage",
            "thirdparties.manage",
            "contracts.manage",
        }
    ),
    Role.IS_CHIEF: frozenset(
        VIEW_ALL
        | {
            "org.manage",
            "audit.export",
            "evidence.upload",
            "evidence.hold",
            "assessment.review",
            "actions.manage",
            "incidents.manage",
            "incidents.report",
            "scans.manage",
            "risk.manage",
            "logwatch.manage",
            "logwatch.ingest",
            "logwatch.triage",
            "documents.manage",
            "training.manage",
            "drills.manage",
            "people.manage",
            "documents.approve",
            "contracts.manage",
        }
    ),
    Role.PD_OFFICER: frozenset(
        VIEW_ALL - {"audit.view"}
        | {
            "org.manage",
            "evidence.upload",
            "jobs.run",
            "law.manage",
            "inventory.manage",
            "risk.manage",
            "assessment.manage",
            "actions.manage",
            "incidents.manage",
            "incidents.report",
            "scans.manage",
            "logwatch.manage",
            "logwatch.ingest",
            "logwatch.triage",
            "plan.manage",
            "documents.manage",
            "training.manage",
            "drills.manage",
            "people.manage",
            "requests.manage",
            "thirdparties.manage",
            "contracts.manage",
        }
    ),
    Role.AUDITOR: frozenset(VIEW_ALL | {"audit.export", "findings.create"}),
    Role.STAFF: frozenset(
        {
            "org.view",
            "incidents.report",
            "evidence.upload",
            "documents.acknowledge",
            "people.review",
            "training.attend",
        }
    ),
}

# Permissions that a per-department 個資管理專員 holds only within the departments assigned.
DEPARTMENT_SCOPED = frozenset({"inventory.manage", "risk.manage"})

# Reads that a per-department 個資管理專員 makes only within the departments assigned, plus the records of
# the whole company (without a department): personal-data files and systems, risks, scan sources with
# their results, evidence files. Company-wide roles and auditors read everything (``readable_departments``).
DEPARTMENT_SCOPED_READS = frozenset({"inventory.view", "risk.view", "scans.view", "evidence.view"})

# What each permission lets a user do, in words, for messages such as 「您沒有管理個資檔案的權限。」: users
# never see the internal code. Every code in PERMISSIONS has one (tests/accounts/test_permissions.py).
PERM_LABELS: dict[str, str | Promise] = {
    "accounts.manage": _("管理帳號與角色"),
    "actions.manage": _("管理改善措施"),
    "actions.view": _("檢視改善措施"),
    "assessment.manage": _("管理自我檢查與稽核"),
    "assessment.review": _("審查自我檢查結果"),
    "assessment.view": _("檢視自我檢查與稽核"),
    "audit.export": _("匯出稽核紀錄"),
    "audit.view": _("檢視稽核紀錄"),
    "contracts.manage": _("管理委託者契約與稽核"),
    "contracts.view": _("檢視委託者契約與稽核"),
    "documents.acknowledge": _("確認已閱讀文件"),
    "documents.approve": _("核准文件"),
    "documents.manage": _("管理文件"),
    "documents.view": _("檢視文件"),
    "evidence.hold": _("設定佐證檔案的訴訟保存"),
    "evidence.upload": _("上傳佐證檔案"),
    "evidence.view": _("檢視佐證檔案"),
    "findings.create": _("登錄稽核發現"),
    "incidents.manage": _("管理資安與個資事件"),
    "incidents.report": _("通報事件或疑似事件"),
    "incidents.view": _("檢視事件"),
    "inventory.manage": _("管理個資檔案"),
    "inventory.special": _("標示特種個資類別"),
    "inventory.view": _("檢視個資盤點"),
    "jobs.run": _("執行背景工作"),
    "jobs.view": _("檢視背景工作"),
    "law.manage": _("管理法規適用"),
    "law.view": _("檢視法規適用"),
    "logwatch.ingest": _("匯入日誌"),
    "logwatch.manage": _("管理日誌監控"),
    "logwatch.triage": _("處理日誌警示"),
    "logwatch.view": _("檢視日誌監控"),
    "org.contacts": _("檢視同仁的聯絡資料"),
    "org.manage": _("管理組織資料"),
    "org.view": _("檢視組織資料"),
    "people.manage": _("管理人員及存取權限"),
    "people.review": _("審查存取權限"),
    "people.view": _("檢視人員及存取權限"),
    "plan.approve": _("核定安全維護計畫"),
    "plan.manage": _("管理安全維護計畫"),
    "plan.view": _("檢視安全維護計畫"),
    "requests.manage": _("處理當事人權利行使"),
    "requests.view": _("檢視當事人權利行使"),
    "risk.manage": _("管理風險評估"),
    "risk.view": _("檢視風險評估"),
    "scans.manage": _("管理個資掃描"),
    "scans.view": _("檢視個資掃描結果"),
    "thirdparties.manage": _("管理委外與傳輸"),
    "thirdparties.view": _("檢視委外與傳輸"),
    "training.attend": _("查看自己的教育訓練及教材"),
    "training.manage": _("管理教育訓練"),
    "drills.manage": _("管理社交工程演練"),
    "drills.view": _("檢視社交工程演練"),
    "training.view": _("檢視教育訓練"),
}
