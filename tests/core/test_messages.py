"""Stored system text (``core.messages``): kept as a key and facts beside its zh-TW text, read in the reader's
language, and never lost when the key or a fact is missing."""

from __future__ import annotations

import importlib
import re

import pytest
from django.utils import translation

from shouhu.core import messages

HAN = re.compile(r"[\u3400-\u9fff]")
# Every module that registers messages (imported so the registry is complete whatever the test order).
REGISTERING = (
    "shouhu.incidents.timeline_text",
    "shouhu.law.services",
    "shouhu.training.selectors",
    "shouhu.assessment.blank_text",
    "shouhu.core.importing.reader",
    "shouhu.core.importing.base",
    "shouhu.inventory.importing",
    "shouhu.inventory.validation",
    "shouhu.core.importing.fields",
    "shouhu.imports.services",
    "shouhu.risk.scoring",
    "shouhu.risk.importing",
    "shouhu.training.importing",
    "shouhu.people.importing",
    "shouhu.drills.importing",
    "shouhu.jobs.builtin",
    "shouhu.scans.dbmasking",
    "shouhu.scans.jobs",
    "shouhu.scans.masking",
    "shouhu.jobs.services",
    "shouhu.incidents.package",
    "shouhu.incidents.jobs",
    "shouhu.law.tasks",
    "shouhu.thirdparties.reminders",
    "shouhu.thirdparties.services",
    "shouhu.plan.implementation",
    "shouhu.plan.jobs",
    "shouhu.contracts.assurance",
    "shouhu.logwatch.jobs",
    "shouhu.logwatch.summaries",
    "shouhu.logwatch.drills",
    "shouhu.assessment.services",
    "shouhu.assessment.demo",
    "shouhu.drills.services",
    "shouhu.people.services",
)


def test_compose_keeps_the_zh_text_whatever_language_the_request_reads() -> None:
    with translation.override("en"):
        said = messages.compose("incidents.state", old="open", new="closed")
    assert said.key == "incidents.state"
    assert said.facts == {"old": "open", "new": "closed"}
    assert said.text == "狀態變更：處理中 → 處理結束"


def test_render_uses_the_readers_language() -> None:
    said = messages.compose("incidents.state", old="open", new="closed")
    with translation.override("en"):
        assert messages.render(said.key, said.facts, said.text) == "Status changed: Open → Handling ended"
    with translation.override("zh-hant"):
        assert messages.render(said.key, said.facts, said.text) == said.text


def test_an_unknown_key_shows_the_stored_text() -> None:
    with translation.override("en"):
        assert messages.render("nobody.defined.this", {"x": 1}, "原文") == "原文"
        assert messages.render("", {}, "手寫的紀錄") == "手寫的紀錄"


def test_a_missing_or_broken_fact_shows_the_stored_text() -> None:
    with translation.override("en"):
        assert messages.render("incidents.task_done", {}, "完成工作：止血") == "完成工作：止血"
        assert messages.render("incidents.report", {"sequence": "x"}, "產生主管機關通報表（初報）") == (
            "產生主管機關通報表（初報）"
        )


def test_a_fact_held_in_both_languages_is_picked_by_the_reader() -> None:
    said = messages.compose(
        "incidents.deadline_met", deadline={"zh": "通報主管機關", "en": "Report to the authority"},
        document="表2", late=True,
    )  # fmt: skip
    assert said.text == "完成期限「通報主管機關」：表2（已逾期）"
    with translation.override("en"):
        assert messages.render(said.key, said.facts, said.text) == (
            "Deadline “Report to the authority” met: 表2 (overdue)"
        )


def test_a_sentence_with_a_context_falls_back_to_its_context_less_english() -> None:
    # What scripts/messages.sh keeps: extraction sees define()'d templates without their context.
    messages.define("tests.context_fallback", "矯正措施結案", context="no-such-context")
    with translation.override("en"):
        assert messages.render("tests.context_fallback", {}, "矯正措施結案") == "Corrective action closed"


def test_one_key_cannot_name_two_sentences() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        messages.define("incidents.state", "另一句話")


def test_every_registered_message_has_english() -> None:
    for module in REGISTERING:
        importlib.import_module(module)
    templates = messages.templates()
    with translation.override("en"):
        untranslated = {
            key: zh for key, (_context, zh) in templates.items() if HAN.search(messages.template_text(key))
        }
    assert {key.split(".")[0] for key in templates} >= {
        "incidents",
        "law",
        "training",
        "catalog",
        "xlsx",
        "jobs",
        "scans",
        "imports",
    }
    assert untranslated == {}
