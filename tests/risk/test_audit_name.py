"""A risk's name in the audit log (「會員資料庫／洩漏」) reads in the reader's language: the threat is a
system word, the system's name is the user's (issue 12)."""

from __future__ import annotations

from typing import Any

from django.test import Client

from shouhu.audit.models import AuditEvent
from shouhu.inventory.models import System
from shouhu.risk import services
from tests.risk.test_register import system_risk


def test_the_audit_log_names_a_risk_in_the_readers_language(
    officer: Any, system: System, client: Client, make_user: Any
) -> None:
    risk = services.create_risk(actor=officer, data=system_risk(system))
    event = AuditEvent.objects.filter(action="risk.risk.created", object_id=str(risk.pk)).get()
    assert event.object_repr == "會員資料庫／洩漏"
    client.force_login(make_user("auditor"))
    client.cookies["django_language"] = "en"
    page = client.get("/audit/?object_type=risk.risk").content.decode()
    assert "會員資料庫 / Disclosure" in page
    assert "會員資料庫／洩漏" not in page
