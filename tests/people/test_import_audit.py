"""Imported access-review accounts: one chained audit entry per created or updated account (old/new values),
none for an unchanged one, through the shared import confirm step and the API alike."""

from __future__ import annotations

import pytest

from shouhu.audit.models import AuditEvent
from shouhu.audit.services import verify_chain
from shouhu.imports import services as imports

pytestmark = pytest.mark.django_db

HEADER = "帳號,姓名,員工編號,電子郵件,權限,最近登入\n"


def _import(officer, review, lines):
    batch = imports.stage_import(actor=officer, kind="people.accounts", filename="accounts.csv",
                                 data=(HEADER + lines).encode(), params={"review": review.pk})  # fmt: skip
    imports.confirm_import(actor=officer, batch=batch)


def _entries(verb):
    return list(AuditEvent.objects.filter(action=f"people.account.{verb}").order_by("id"))


def test_each_imported_account_is_audited_once_with_its_changes(officer, review, staff):
    _import(officer, review, "wu,吳承翰,E001,,admin,2026-11-20\ntemp01,外包人員,,,read,\n")
    created = _entries("created")
    assert sorted(e.changes["username"][1] for e in created) == ["temp01", "wu"]
    _import(officer, review, "wu,吳承翰,E001,,admin,2026-11-20\ntemp01,外包人員,,,read,\n")
    assert (len(_entries("created")), len(_entries("updated"))) == (2, 0)
    _import(officer, review, "wu,吳承翰,E001,,read,2026-11-20\ntemp01,外包人員,,,read,\n")
    updated = _entries("updated")
    assert [e.object_repr for e in updated] == [str(review.accounts.get(username="wu"))]
    assert updated[0].changes == {"privileges": ["admin", "read"]}
    assert verify_chain().ok


def test_accounts_added_through_the_api_are_audited_per_account(officer, review, staff, login_as):
    response = login_as(officer).post(
        f"/api/v1/people/reviews/{review.pk}/accounts",
        {"accounts": [{"username": "api01", "privileges": "read"}]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert [e.changes["username"] for e in _entries("created")] == [[None, "api01"]]
