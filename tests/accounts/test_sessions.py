import time

import pytest

from shouhu.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_idle_session_is_logged_out_after_15_minutes(client, make_user, login_as):
    user = make_user("staff")
    login_as(user)
    assert client.get("/").status_code == 200
    session = client.session
    session["last_seen"] = int(time.time()) - 15 * 60 - 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(action="auth.logout", changes__reason="idle").exists()


def test_active_session_within_15_minutes_stays(client, make_user, login_as):
    login_as(make_user("staff"))
    client.get("/")
    session = client.session
    session["last_seen"] = int(time.time()) - 14 * 60
    session.save()
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated


def test_expired_password_forces_the_change_page(client, make_user, login_as):
    user = make_user("staff", must_change_password=True)
    login_as(user)
    response = client.get("/organization/")
    assert response["Location"] == "/accounts/password/"


def test_security_headers_on_every_page(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"


def test_session_and_csrf_cookies_are_httponly_and_samesite(settings):
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_post_without_csrf_token_is_refused(make_user, password):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"username": "x", "password": password})
    assert response.status_code == 403


def test_password_reset_link_works_once(client, make_user, mailoutbox):
    import re

    user = make_user("staff", email="reset@example.com")
    client.post("/accounts/reset/", {"email": "reset@example.com"})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    new = "Another-Passw0rd!"
    assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    again = client.get(link, follow=True)
    assert "已失效" in again.content.decode()


def test_every_response_reports_its_server_time(client):
    timing = client.get("/accounts/login/")["Server-Timing"]
    assert timing.startswith("app;dur=")
    assert float(timing.split("=")[1]) >= 0
