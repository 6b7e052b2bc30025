import pytest
from django.test import Client

from shouhu.accounts.services.tokens import create_token

pytestmark = pytest.mark.django_db


def api_client(user):
    _, plain = create_token(actor=None, user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}")


def test_openapi_schema_is_served(make_user):
    schema = api_client(make_user("staff")).get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "守護 Shouhu API"
    assert "/api/v1/org/people" in schema["paths"]


def test_request_without_token_is_401(client):
    assert client.get("/api/v1/org/people").status_code == 401


def test_token_authenticates_and_lists_people(make_user):
    user = make_user("pd_officer")
    c = api_client(user)
    c.post("/api/v1/org/people", {"name": "王小明"}, content_type="application/json")
    body = c.get("/api/v1/org/people").json()
    assert body["count"] == 1
    assert body["items"][0]["name"] == "王小明"


def test_staff_token_cannot_create_people(make_user):
    c = api_client(make_user("staff"))
    response = c.post("/api/v1/org/people", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert "權限" in response.json()["detail"]


def test_invalid_ubn_via_api_returns_422_with_field_error(make_user):
    c = api_client(make_user("admin"))
    response = c.put(
        "/api/v1/org/company", {"name": "公司", "ubn": "12345678"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "ubn" in response.json()["errors"]


def test_revoked_token_is_refused(make_user):
    from shouhu.accounts.models import ApiToken

    user = make_user("admin")
    c = api_client(user)
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    assert c.get("/api/v1/me").status_code == 401


def test_only_the_token_hash_is_stored(make_user):
    from shouhu.accounts.models import ApiToken

    _, plain = create_token(actor=None, user=make_user("staff"), name="t")
    assert not ApiToken.objects.filter(token_hash=plain).exists()
    assert plain not in str(list(ApiToken.objects.values()))
