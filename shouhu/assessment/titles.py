"""Titles the system composes for findings and corrective actions, in the reader's language.

A finding raised from a 不符合／部分符合 answer is titled with its checklist item (「附錄一第 5.2.2 項：…」), and a
corrective action is proposed for a finding as 「矯正：{finding}」. Both are stored in zh-TW, the language of the
record (an auditor's copy, the plan report), and both stay editable. While a stored title is exactly the
composed one, pages, forms and exports show it in the reader's language (the item in Shouhu's English on an
English page); once the user has changed it, it is their text and is shown as written. A composed title sent
back unchanged from an English form is stored as the zh-TW composition, so a save changes nothing.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import get_language, gettext

from shouhu.assessment.models import CorrectiveAction, Finding
from shouhu.engines.catalog import Item, load_catalogue

LIMIT = 300  # both title fields' max_length


def _english(english: bool | None) -> bool:
    return (get_language() or "").startswith("en") if english is None else english


def _item(finding: Finding) -> Item | None:
    """The checklist item a finding from an answer was titled with, or None."""
    assessment = finding.assessment if finding.assessment_id is not None else None
    if finding.source != Finding.Source.ANSWER or not finding.item_id or assessment is None:
        return None
    catalogue = load_catalogue(assessment.catalogue_version)
    return catalogue.item(finding.item_id) if catalogue.has_item(finding.item_id) else None


def finding_title_zh(item: Item) -> str:
    """The stored title of a finding raised from an answer on ``item``."""
    return f"{item.display_number}：{item.title}"[:LIMIT]


def _finding_title_en(item: Item) -> str:
    return f"{item.display_number_en}: {item.title_en or item.title}"[:LIMIT]


def finding_title(finding: Finding, *, english: bool | None = None) -> str:
    """The finding's title in the reader's language (a user's own title as written)."""
    if _english(english):
        item = _item(finding)
        if item is not None and finding.title == finding_title_zh(item):
            return _finding_title_en(item)
    return finding.title


def action_title_zh(finding: Finding) -> str:
    """The title proposed for a corrective action of ``finding``, as stored."""
    return f"矯正：{finding.title}"[:LIMIT]


def _action_title_en(finding: Finding) -> str:
    with translation.override("en"):
        return gettext("矯正：{title}").format(title=finding_title(finding, english=True))[:LIMIT]


def proposed_action_title(finding: Finding, *, english: bool | None = None) -> str:
    """The title a new corrective action form proposes, in the reader's language."""
    return _action_title_en(finding) if _english(english) else action_title_zh(finding)


def action_title(action: CorrectiveAction, *, english: bool | None = None) -> str:
    """The corrective action's title in the reader's language (a user's own title as written)."""
    if _english(english) and action.title == action_title_zh(action.finding):
        return _action_title_en(action.finding)
    return action.title


def stored_action_title(finding: Finding, title: str) -> str:
    """The title to store for ``title`` sent from a form: the English composition becomes the zh-TW one."""
    return action_title_zh(finding) if title == _action_title_en(finding) else title


def finding_name_facts(finding: Finding) -> dict[str, object] | None:
    """The facts of a finding's composed title in both languages (for ``Finding.name_parts``), or None when
    the title is not the composed one."""
    item = _item(finding)
    if item is None or finding.title != finding_title_zh(item):
        return None
    return {
        "number": {"zh": item.display_number, "en": item.display_number_en},
        "title": {"zh": item.title, "en": item.title_en or item.title},
    }


def action_name_facts(action: CorrectiveAction) -> dict[str, object] | None:
    """The facts of a corrective action's proposed title in both languages, or None when the user changed it."""
    finding = action.finding
    if action.title != action_title_zh(finding):
        return None
    return {"finding": {"zh": finding.title, "en": finding_title(finding, english=True)}}
