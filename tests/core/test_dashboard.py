import pytest
from django.test import RequestFactory

from shouhu.audit.services import record
from shouhu.core import dashboard as registry
from shouhu.core.dashboard import Panel
from shouhu.shell import dashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def counting_panel(monkeypatch, settings):
    from django.core.cache import cache

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    cache.clear()
    calls = []

    def fn(request):
        calls.append(1)
        return Panel("測試", "core/panels/jobs.html", {"jobs": []})

    monkeypatch.setattr(registry, "_PANELS", [(fn, False)])
    return calls


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_unchanged_data_is_rendered_once(counting_panel, make_user):
    user = make_user("admin")
    dashboard.panels_for(request_for(user))
    dashboard.panels_for(request_for(user))
    assert len(counting_panel) == 1


def test_any_audited_write_invalidates_the_cached_panels(counting_panel, make_user):
    user = make_user("admin")
    dashboard.panels_for(request_for(user))
    record(actor=user, action="test.changed")
    dashboard.panels_for(request_for(user))
    assert len(counting_panel) == 2


def test_panels_are_cached_per_user(counting_panel, make_user):
    dashboard.panels_for(request_for(make_user("admin")))
    dashboard.panels_for(request_for(make_user("auditor")))
    assert len(counting_panel) == 2


def test_dashboard_page_shows_every_permitted_panel(client, make_user, login_as):
    login_as(make_user("admin"))
    body = client.get("/").content.decode()
    assert "組織概況" in body
    assert "最近的稽核紀錄" in body


def test_cached_value_is_recomputed_after_a_write(settings, make_user):
    from django.core.cache import cache

    from shouhu.audit.datacache import cached

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "d"}
    }
    cache.clear()
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached("t", compute) == 1
    assert cached("t", compute) == 1
    record(actor=make_user("admin"), action="test.changed")
    assert cached("t", compute) == 2
