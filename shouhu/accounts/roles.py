"""Roles and the permissions each grants (least privilege). Checked in services, not only in templates."""

from __future__ import annotations

from django.db import models
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
    "documents.acknowledge",
    "requests.view",
    "thirdparties.view",
    "contracts.view",
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
            "risk.manage",
            "logwatch.triage",
            "plan.manage",
            "documents.manage",
            "training.manage",
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
            "requests.manage",
            "thirdparties.manage",
            "contracts.manage",
        }
    ),
    Role.AUDITOR: frozenset(VIEW_ALL | {"audit.export", "findings.create"}),
    Role.STAFF: frozenset({"org.view", "incidents.report", "evidence.upload", "documents.acknowledge"}),
}

# Permissions that a per-department 個資管理專員 holds only within the departments assigned.
DEPARTMENT_SCOPED = frozenset({"inventory.manage", "risk.manage"})
