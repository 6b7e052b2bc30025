"""Who may see and change what in the law module."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from shouhu.law import services
from tests.law.conftest import client_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["law:catalogue", "law:company_facts", "law:deadline_preview", "law:calendar"]
)
def test_staff_without_law_view_is_refused(make_user: Any, login_as: Any, url: str) -> None:
    staff = make_user("staff")
    assert login_as(staff).get(reverse(url)).status_code == 403


@pytest.mark.parametrize(
    "url", ["law:catalogue", "law:company_facts", "law:deadline_preview", "law:calendar"]
)
def test_auditor_can_read(auditor: Any, login_as: Any, url: str) -> None:
    assert login_as(auditor).get(reverse(url)).status_code == 200


def test_auditor_cannot_change_facts(auditor: Any, client_row: Any, login_as: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.save_client_facts(actor=auditor, client=client_row, data=client_data())
    page = login_as(auditor).get(reverse("law:client_facts", args=[client_row.pk]))
    assert 'data-testid="facts-form"' not in page.content.decode()
    post = login_as(auditor).post(reverse("law:client_facts", args=[client_row.pk]), {"hospital_beds": "1"})
    assert post.status_code == 403


def test_api_needs_permissions(make_user: Any, auditor: Any, client_row: Any, login_as: Any) -> None:
    staff = login_as(make_user("staff"))
    assert (
        staff.post("/api/v1/deadlines/preview", data={}, content_type="application/json").status_code == 403
    )
    assert staff.get("/api/v1/law/catalogue").status_code == 403
    reader = login_as(auditor)
    put = reader.put(f"/api/v1/law/facts/clients/{client_row.pk}", data={}, content_type="application/json")
    assert put.status_code == 403


def test_anonymous_is_sent_to_login(client: Any) -> None:
    response = client.get(reverse("law:catalogue"))
    assert response.status_code == 302
    assert "/accounts/login" in response["Location"]


def test_feed_for_another_user_needs_manage(auditor: Any, officer: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.issue_feed_token(actor=auditor, user=officer)
    assert services.issue_feed_token(actor=officer, user=auditor)
