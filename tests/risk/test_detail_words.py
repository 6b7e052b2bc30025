"""The risk page names the level and the treatment in words of the reader's language, never as stored codes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from shouhu.inventory.models import System
from shouhu.risk import services
from tests.risk.test_register import system_risk


@pytest.mark.parametrize(
    ("language", "level", "treatment"), [("zh-hant", "（高）", "降低"), ("en", "(High)", "Reduce")]
)
def test_level_and_treatment_shown_in_words(
    officer: Any, system: System, client: Client, language: str, level: str, treatment: str
) -> None:
    risk = services.create_risk(actor=officer, data=system_risk(system))
    client.force_login(officer)
    client.cookies["django_language"] = language
    page = client.get(f"/risk/{risk.pk}/").content.decode()
    inherent = page.split('data-testid="inherent">', 1)[1].split("</dd>", 1)[0]
    assert inherent.endswith(level)
    history = page.split("<tbody", 2)[-1]
    assert f"<td>{treatment}</td>" in history
    assert "<td>reduce</td>" not in page
