import pytest
from django.test import RequestFactory

from shouhu.core.context_processors import navigation

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
