import re

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


def _labels_in(language):
    from django.utils import translation

    from shouhu.core.navigation import stages

    with translation.override(language):
        return [str(s.label) for s in stages()] + [str(i.label) for s in stages() for i in s.items]


def test_english_menu_labels_are_short_menu_items():
    """ "Assessments: list, scores, export (docx, xlsx, pdf, oscal)." was a note, not a menu item."""
    long_or_note = [
        label for label in _labels_in("en") if len(label.split()) > 4 or any(c in label for c in ":.()")
    ]

    assert long_or_note == []


def test_every_menu_label_has_its_english():
    untranslated = [label for label in _labels_in("en") if re.search(r"[\u3400-\u9fff]", label)]

    assert untranslated == []


def test_chinese_menu_labels_carry_no_english_subtitle():
    """「規劃 Plan」 put the English beside the Chinese; the English page has its own label."""
    doubled = [
        label for label in _labels_in("zh-hant") if re.search(r"[A-Za-z]{2,}", label.replace("API", ""))
    ]

    assert doubled == []
