"""Session-authenticated API calls pass exactly the gates web pages pass; tokens are unaffected."""

import time

import pytest
from django.test import Client

from shouhu.accounts.services.tokens import create_token
from shouhu.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_session_without_required_mfa_enrolment_is_refused(client, make_user):
    client.force_login(make_user("admin"))  # admins must enrol MFA; no device yet
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert "MFA" in response.json()["detail"]


def test_session_write_without_mfa_is_refused(client, make_user):
    client.force_login(make_user("admin"))
    response = client.post("/api/v1/org/departments", {"name": "資訊部"}, content_type="application/json")
    assert response.status_code == 403
    from shouhu.organization.models import Department

    assert not Department.objects.exists()


def test_session_with_forced_password_change_is_refused(client, make_user, login_as):
    login_as(make_user("staff", must_change_password=True))
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert "密碼" in response.json()["detail"]


def test_idle_session_is_ended_by_an_api_call(client, make_user, login_as):
    login_as(make_user("staff"))
    assert client.get("/api/v1/me").status_code == 200
    session = client.session
    session["last_seen"] = int(time.time()) - 15 * 60 - 1
    session.save()
    assert client.get("/api/v1/me").status_code == 401
    assert AuditEvent.objects.filter(action="auth.logout", changes__reason="idle").exists()
    assert client.get("/api/v1/me").status_code == 401  # the session is gone, not just refused once


def test_token_is_not_subject_to_session_gates(make_user):
    user = make_user("admin", must_change_password=True)  # no MFA device, password change due
    _, plain = create_token(actor=None, user=user, name="ci")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {plain}").get("/api/v1/me").status_code == 200


def test_invalid_token_does_not_bypass_the_session_gate(client, make_user):
    client.force_login(make_user("admin"))
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer shu_not-a-token")
    assert response.status_code == 403


def test_openapi_document_requires_sign_in(client):
    assert client.get("/api/v1/openapi.json").status_code == 401


def test_docs_page_sends_anonymous_visitors_to_sign_in(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_openapi_document_with_a_token(make_user):
    _, plain = create_token(actor=None, user=make_user("staff"), name="t")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {plain}").get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/me" in response.json()["paths"]


def test_docs_page_for_a_signed_in_user(client, make_user, login_as):
    login_as(make_user("staff"))
    assert b"swagger" in client.get("/api/v1/docs").content.lower()


def test_openapi_document_refused_while_mfa_enrolment_is_due(client, make_user):
    client.force_login(make_user("admin"))
    assert client.get("/api/v1/openapi.json").status_code == 403
