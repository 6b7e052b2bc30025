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


# Models whose field labels may stay Chinese on English pages, each with the reason (none today).
FIELD_LABEL_EXCEPTIONS: dict[str, str] = {}


def _untranslated_model_labels() -> list[str]:
    """Every field label (verbose_name) and model name of Shouhu's models that is still Chinese in English."""
    from django.apps import apps
    from django.utils.translation import gettext

    han = re.compile(r"[\u4e00-\u9fff]")
    found = []
    with translation.override("en"):
        for model in apps.get_models():
            label = model._meta.label
            if not model.__module__.startswith("shouhu.") or label in FIELD_LABEL_EXCEPTIONS:
                continue
            # The audit log looks model names up in the catalogue (labels._model_name) ...
            if han.search(gettext(str(model._meta.verbose_name))):
                found.append(f"{label} (model name)")
            # ... and shows field labels as they are (presenters._label): a plain string is never translated.
            for field in model._meta.get_fields():
                name = getattr(field, "verbose_name", None)
                if name is not None and han.search(str(name)):
                    found.append(f"{label}.{field.name}")
    return found


def test_every_model_field_label_has_an_english_translation() -> None:
    """The audit log on English pages names changed fields by their labels: none may stay Chinese."""
    assert _untranslated_model_labels() == []


def test_english_audit_rows_name_law_fields_in_english() -> None:
    from shouhu.audit.presenters import change_rows

    with translation.override("en"):
        rows = change_rows("law.companyfacts", {"registered_capital": [None, 5000000]})
    with translation.override("zh-hant"):
        rows_zh = change_rows("law.companyfacts", {"registered_capital": [None, 5000000]})

    assert [r.label for r in rows] == ["Registered capital"]
    assert [r.label for r in rows_zh] == ["登記資本額"]


@pytest.mark.parametrize(("language", "shown"), [("en", "Command line"), ("zh-hant", "命令列")])
def test_a_system_actor_is_named_in_words_not_by_its_channel_code(
    make_user: Any, login_as: Any, language: str, shown: str
) -> None:
    from shouhu.audit.services import record
    from shouhu.core import request_context

    with request_context.using(request_context.RequestContext(ip=None, channel="cli")):
        record(actor=None, action="system.backup_created", object_type="system.backup")
    client = login_as(make_user("admin", username="auditactors"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    html = client.get("/audit/?action=system.backup_created").content.decode()
    cells = re.findall(r"<td>([^<]*)</td>", html)

    assert shown in cells
    assert "cli" not in cells
