"""API inputs outside their bounds are refused with 4xx answers, never a server error."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from shouhu.accounts.models import User
from shouhu.accounts.services.tokens import create_token
from tests.factories import PersonFactory


@pytest.fixture
def api(admin_user: User) -> Client:
    _, plain = create_token(actor=None, user=admin_user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}")


def _send(api: Client, method: str, path: str, body: Any) -> int:
    return getattr(api, method)(path, data=json.dumps(body), content_type="application/json").status_code


@pytest.mark.parametrize("field", ["name", "employee_no", "email", "phone", "job_title", "active"])
def test_null_for_a_required_person_field_is_refused(api: Client, field: str) -> None:
    person = PersonFactory()
    assert _send(api, "patch", f"/api/v1/org/people/{person.pk}", {field: None}) == 422


def test_null_title_of_an_incident_is_refused(api: Client) -> None:
    created = api.post(
        "/api/v1/incidents/",
        data=json.dumps({"title": "外洩", "discovered_at": "2026-01-02T03:04:05+08:00"}),
        content_type="application/json",
    ).json()
    assert _send(api, "patch", f"/api/v1/incidents/{created['id']}", {"title": None}) == 422


@pytest.mark.parametrize("body", [5, "text", [1, 2], None, True])
@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/api/v1/incidents/"), ("post", "/api/v1/org/people"), ("post", "/api/v1/risk/risks")],
)
def test_a_body_that_is_not_an_object_is_refused(api: Client, method: str, path: str, body: Any) -> None:
    assert _send(api, method, path, body) in (400, 422)


@pytest.mark.parametrize("pk", [2**63, 2**70, 0, -1])
def test_huge_or_negative_ids_are_not_found(api: Client, pk: int) -> None:
    for path in ("/api/v1/org/people/{}", "/api/v1/assessments/{}/oscal", "/api/v1/incidents/{}"):
        assert api.get(path.format(pk)).status_code in (404, 422), path


@pytest.mark.django_db
@pytest.mark.parametrize("pk", [-2486998252545822425088, 2**63, 2**70])
def test_an_id_in_a_list_beyond_what_the_database_holds_is_refused_not_a_server_error(
    api: Client, pk: int
) -> None:
    body = {"company_name": "公司", "assessed_on": "2026-11-28", "assessor_ids": [pk]}
    response = api.post("/api/v1/assessments", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 422  # SQLite: out of range; PostgreSQL: no such assessor
