"""The calendar names how often and on what extra occasion a duty recurs in the reader's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from shouhu.law import services
from shouhu.law.models import Obligation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "frequency", "occasion"),
    [
        ("zh-hant", "每6個月", "公司資安或個資政策更新時"),
        ("en", "every 6 months", "whenever the company's security or privacy policy is updated"),
    ],
)
def test_frequency_and_extra_occasion_follow_the_page_language(
    officer: Any, client: Client, language: str, frequency: str, occasion: str
) -> None:
    services.sync_calendar(actor=officer)
    client.force_login(officer)
    client.cookies["django_language"] = language
    calendar = client.get("/law/calendar/").content.decode()
    drill = calendar.split('data-key="phishing-drill"', 1)[1].split("</tr>", 1)[0]
    assert f"<td>{frequency}</td>" in drill
    training = Obligation.objects.get(key="training")
    page = client.get(f"/law/calendar/{training.pk}/").content.decode()
    assert occasion.replace("'", "&#x27;") in page
    if language == "en":
        assert "每" not in drill
        assert "公司資安或個資政策更新時" not in page
