"""The audit log shows each change as a row (field label, before, after), never a Python dict."""

from __future__ import annotations

from typing import Any

from shouhu.audit.presenters import change_rows
from shouhu.audit.services import record


def test_changes_read_as_labelled_rows(admin_user: Any) -> None:
    rows = change_rows(
        "organization.companyprofile", {"capital_twd": [1000, 5000000], "name": [None, "守護資訊"]}
    )

    assert [(r.label, r.before, r.after) for r in rows] == [
        ("實收資本額（新臺幣）", "1000", "5000000"),
        ("公司名稱", "—", "守護資訊"),
    ]


def test_audit_page_shows_a_change_table_not_a_dict(admin_user: Any, login_as: Any) -> None:
    record(actor=admin_user, action="org.company_saved", object_type="organization.companyprofile",
           changes={"capital_twd": [1000, 5000000]})  # fmt: skip

    html = login_as(admin_user).get("/audit/").content.decode()

    assert 'data-testid="changes"' in html
    assert "實收資本額" in html
    assert "{&#x27;capital_twd&#x27;" not in html
    assert "{'capital_twd'" not in html
