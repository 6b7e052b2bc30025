"""The clock-deciding facts' answers read in the page's language: an unknown answer is "Not yet decided" on an
English page (not 尚未判斷), a yes is "Yes", a level "Level 2"; the zh-TW page keeps 尚未判斷 / 是 / 第2級."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.utils import translation

from shouhu.incidents.facts import FACTS
from shouhu.incidents.models import Incident


def _facts_table(client: Any, incident: Incident, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(f"/incidents/{incident.pk}/").content.decode()


@pytest.mark.django_db
def test_an_unknown_fact_reads_not_yet_decided_on_the_english_page(
    incident: Incident, officer: Any, login_as: Any
) -> None:
    unknown = [name for name in FACTS if getattr(incident, name) is None]
    assert unknown, "the fixture incident leaves some deciding facts unanswered"
    client = login_as(officer)
    english = _facts_table(client, incident, "en")
    assert '<span class="badge warn">Not yet decided</span>' in english
    assert '<span class="badge warn">尚未判斷</span>' not in english
    chinese = _facts_table(client, incident, "zh-hant")
    assert '<span class="badge warn">尚未判斷</span>' in chinese


@pytest.mark.parametrize(("language", "yes", "level"), [("en", "Yes", "Level 2"), ("zh-hant", "是", "第2級")])
def test_answers_and_levels_follow_the_active_language(language: str, yes: str, level: str) -> None:
    boolean = next(f for f in FACTS.values() if not f.level)
    leveled = next(f for f in FACTS.values() if f.level)
    with translation.override(language):
        assert boolean.display(True) == yes
        assert leveled.display(2) == level
