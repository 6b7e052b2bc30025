import pytest
from django.test import RequestFactory

from shouhu.shell.context_processors import navigation

pytestmark = pytest.mark.django_db


def active_labels(user, path):
    request = RequestFactory().get(path)
    request.user = user
    return [str(i["label"]) for s in navigation(request)["nav_stages"] for i in s["items"] if i["active"]]


def test_only_the_longest_matching_entry_is_highlighted(make_user):
    assert active_labels(make_user("admin"), "/law/calendar/") == ["法遵行事曆"]


def test_entries_follow_permissions(make_user):
    request = RequestFactory().get("/")
    request.user = make_user("staff")
    labels = [str(i["label"]) for s in navigation(request)["nav_stages"] for i in s["items"]]
    assert "稽核紀錄" not in labels
    assert "組織與人員" in labels


def test_registering_an_entry_twice_keeps_one_menu_item():
    from django.utils.translation import gettext_lazy as _

    from shouhu.core.navigation import NavItem, register, stages

    register("admin", NavItem(_("稽核紀錄"), "audit:list", "audit.view"))
    entries = [i.url_name for s in stages() for i in s.items]
    assert entries.count("audit:list") == 1


def test_unknown_stage_is_refused():
    from shouhu.core.navigation import NavItem, register

    with pytest.raises(ValueError, match="unknown navigation stage"):
        register("nowhere", NavItem("x", "core:dashboard", "org.view"))
