"""Audit action codes are shown as words on pages (zh-TW and English), never as raw codes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation

from shouhu.audit.labels import ACTIONS, action_label

SOURCE = Path(__file__).resolve().parents[2] / "shouhu"
# A literal code handed to audit.services.record (action="app.verb"); f-strings are listed in ACTIONS by hand.
LITERAL = re.compile(r"""action=(?:"|')([a-z_]+\.[a-z_.]+)(?:"|')""")
NOT_AUDIT = {"shouhu/logwatch"}  # its events carry a log line's own action (GET, SELECT), not an audit code


def codes_in_source() -> set[str]:
    found = set()
    for path in SOURCE.rglob("*.py"):
        if any(part in str(path) for part in NOT_AUDIT) and "services" not in path.name:
            continue
        found.update(LITERAL.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_action_code_written_in_the_source_has_a_label() -> None:
    codes = codes_in_source()

    assert len(codes) > 100
    unlabelled = sorted(c for c in codes if action_label(c) == c)
    assert unlabelled == [], (
        "add the words for these codes to ACTIONS in shouhu/audit/labels.py (and English)"
    )


def test_a_model_record_write_is_named_with_the_models_own_name() -> None:
    with translation.override("zh-hant"):
        assert action_label("inventory.personaldatafile.updated") == "修改個人資料檔案"
    with translation.override("en"):
        assert action_label("inventory.personaldatafile.updated") == "Edited personal-data file"


def test_every_label_has_an_english_translation() -> None:
    with translation.override("en"):
        untranslated = [code for code in ACTIONS if re.search(r"[\u4e00-\u9fff]", action_label(code))]

    assert untranslated == []


@pytest.mark.parametrize(("language", "shown", "hidden"), [("zh-hant", "新增個人資料檔案", "inventory.personaldatafile.created"), ("en", "Created personal-data file", "inventory.personaldatafile.created")])  # fmt: skip
def test_audit_log_page_shows_words_not_codes(
    make_user: Any, login_as: Any, language: str, shown: str, hidden: str
) -> None:
    from django.core.management import call_command

    call_command("demo", verbosity=0)
    client = login_as(make_user("admin", username="auditlabels"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    html = client.get("/audit/?object_type=inventory.personaldatafile").content.decode()
    cells = re.findall(r"<td title=\"[^\"]+\">([^<]+)</td>", html)

    assert shown in cells
    assert hidden not in cells


def test_demo_actions_all_have_labels(db: Any) -> None:
    from django.core.management import call_command

    from shouhu.audit.models import AuditEvent

    call_command("demo", verbosity=0)

    codes = set(AuditEvent.objects.values_list("action", flat=True))
    assert sorted(c for c in codes if action_label(c) == c) == []
