"""Issue 12: the clock table's due column shows one date, in the page language's style, once."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from shouhu.core.rocdate import format_roc_date
from shouhu.incidents.models import Incident


def _due_cells(client: Any, incident: Incident, language: str) -> list[str]:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    return [c.strip() for c in re.findall(r'<td data-testid="due-at">(.*?)</td>', html, flags=re.S)]


def test_english_due_column_shows_the_iso_date_and_time_once(
    incident: Incident, officer: Any, login_as: Any
) -> None:
    expected = sorted(
        timezone.localtime(d.due_at).strftime("%Y-%m-%d %H:%M")
        for d in incident.deadlines.filter(active=True)
    )

    cells = _due_cells(login_as(officer), incident, "en")

    assert expected
    assert sorted(cells) == expected


def test_chinese_due_column_shows_the_roc_date_and_time_once(
    incident: Incident, officer: Any, login_as: Any
) -> None:
    expected = sorted(
        format_roc_date(d.due_at, with_time=True) for d in incident.deadlines.filter(active=True)
    )

    cells = _due_cells(login_as(officer), incident, "zh-hant")

    assert expected
    assert sorted(cells) == expected
    assert all(re.fullmatch(r"民國\d{3}年\d{1,2}月\d{1,2}日\d{1,2}時\d{2}分", c) for c in cells), cells
