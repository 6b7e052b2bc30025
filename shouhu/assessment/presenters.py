"""What the answer page shows for each item: options split into text and blank inputs, current values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, gettext_lazy

from shouhu.assessment.models import Answer, Assessment, Result
from shouhu.assessment.rows import BOX, TICK, Row, format_blank, option_text
from shouhu.engines.catalog import Catalogue, ChangedLawNote, Item, Option

_PLACEHOLDER = re.compile(r"(\{b\d+\})")


def dom_key(item_id: str) -> str:
    """An id safe for HTML ids and CSS selectors (``pd-1.1.1`` → ``pd-1_1_1``)."""
    return item_id.replace(".", "_")


@dataclass
class OptionView:
    id: str
    ticked: bool
    parent: bool
    parts: list[dict[str, Any]]
    free_text: bool
    other: str

    @property
    def html(self) -> SafeString:
        """The option's checkbox, printed text and blank inputs (built here: 93 items × options per page)."""
        out = format_html(
            '<label><input type="checkbox" name="ticked" value="{}"{}>',
            self.id,
            " checked" if self.ticked else "",
        )
        for part in self.parts:
            blank = part.get("blank")
            if blank is None:
                out += escape(part["text"])
                continue
            out += format_html(
                '</label><input type="text" class="blank{}" name="{}" value="{}" aria-label="{}" placeholder="{}"'
                ' inputmode="{}"><label>',
                " num" if part["number"] else "",
                part["name"],
                part["value"],
                part["label"],
                part["label"],
                "numeric" if part["number"] else "text",
            )
        out += SafeString("</label>")
        if self.free_text:
            out += format_html(
                '<input type="text" class="other" name="other-{}" value="{}" aria-label="{}" maxlength="500">',
                self.id,
                self.other,
                gettext("其他說明"),
            )
        return out


@dataclass
class ItemView:
    item: Item
    answer: Answer
    key: str
    options: list[OptionView]
    notes: tuple[ChangedLawNote, ...]
    row: Row
    answer_url: str = ""
    evidence_url: str = ""
    previous: Answer | None = None  # last assessment's answer, offered for carrying forward
    prefilled: bool = False  # the form shows the previous answer, not yet saved
    previous_evidence: list[Any] = field(default_factory=list)  # offered with 「修改」, linked on save
    english: bool = False  # the page is read in English: Shouhu's translation, the official text disclosed
    # 不適用 is chosen once, under 適用情形; the result radios hold the three ratings of an applicable item.
    results: list[tuple[str, Any]] = field(
        default_factory=lambda: [c for c in Result.choices if c[0] != Result.NOT_APPLICABLE]
    )

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def title(self) -> str:
        return (self.item.title_en or self.item.title) if self.english else self.item.title

    @property
    def guidance(self) -> str:
        guidance = self.item.guidance or ""
        return (self.item.guidance_en or guidance) if self.english and guidance else guidance

    @property
    def mark(self) -> str:
        return self.item.mark.printed_en if self.english else self.item.mark.printed

    @property
    def legal_basis(self) -> tuple[str, ...]:
        applicability = self.item.applicability
        return (
            applicability.legal_basis_en
            if self.english and applicability.legal_basis_en
            else applicability.legal_basis
        )

    @property
    def official_options(self) -> list[str]:
        """The options as published, for the disclosure beside the English."""
        return [o.printed_text for o in self.item.options if o.printed_text]

    @property
    def readonly_lines(self) -> tuple[str, str]:
        """A locked answer as text in the page's language (the zh-TW one is the printed row)."""
        if not self.english:
            return self.row.applicability_text, self.row.check_text
        applicable, answer = self.row.applicable, self.answer
        first = [f"{TICK if applicable else BOX} {gettext('適用')}"]
        if self.item.applicability.allows_not_applicable:
            first.append(f"{TICK if applicable is False else BOX} {gettext('不適用')}")
            if applicable is False and answer.na_reason:
                first.append(f"{gettext('說明')}: {answer.na_reason}")
        first.extend(self.legal_basis)
        ticked = set(answer.ticked)
        second = [
            f"{'  ' if o.parent else ''}{TICK if o.id in ticked else BOX} {option_text(o, answer, english=True)}"
            for o in self.item.options
        ]
        if answer.explanation:
            second.append(f"{gettext('說明')}: {answer.explanation}")
        if answer.result:
            second.append(f"{gettext('結果')}: {Result(answer.result).label}")
        return "\n".join(first), "\n".join(second)

    @property
    def results_html(self) -> SafeString:
        """The four result radios (built here to keep the 93-item page fast)."""
        out = SafeString("")
        for value, label in self.results:
            out += format_html(
                '<label><input type="radio" name="result" value="{}"{} data-testid="result-{}-{}"> {}</label>',
                value,
                " checked" if self.answer.result == value else "",
                self.item.id,
                value,
                label,
            )
        return out


def _option_view(item: Item, option: Option, answer: Answer, english: bool = False) -> OptionView:
    values = answer.blanks.get(option.id, {})
    parts: list[dict[str, Any]] = []
    text = option.text_en if english and option.text_en is not None else option.text
    for chunk in _PLACEHOLDER.split(text):
        if not chunk:
            continue
        blank = option.blank(chunk[1:-1]) if chunk.startswith("{b") else None
        if blank is None:
            parts.append({"text": chunk})
        else:
            parts.append(
                {
                    "blank": blank,
                    "label": (blank.label_en or blank.label) if english else blank.label,
                    "name": f"blank-{option.id}-{blank.id}",
                    "value": format_blank(values.get(blank.id), english=english)
                    if blank.id in values
                    else "",
                    "number": blank.type.value == "number",
                }
            )
    return OptionView(
        id=option.id,
        ticked=option.id in answer.ticked,
        parent=bool(option.parent),
        parts=parts,
        free_text=option.free_text,
        other=answer.other_text.get(option.id, ""),
    )


def item_view(catalogue: Catalogue, item: Item, answer: Answer) -> ItemView:
    answer_url = reverse("assessment:answer", args=[answer.assessment_id, item.id])
    english = (get_language() or "").startswith("en")
    return ItemView(
        answer_url=answer_url,
        evidence_url=f"{answer_url}evidence/",
        item=item,
        answer=answer,
        key=dom_key(item.id),
        options=[_option_view(item, o, answer, english) for o in item.options],
        notes=catalogue.notes_for(item.id),
        row=Row(item=item, answer=answer),
        english=english,
    )


FILTERS = {
    "unanswered": (gettext_lazy("未作答"), lambda answer: not answer.result),
    "nonconform": (
        gettext_lazy("不符合（含部分符合）"),
        lambda answer: answer.result in (Result.NONCONFORM, Result.PARTIAL),
    ),
}


def section_key(table_id: str, number: str) -> str:
    return f"{table_id}-s{number}"


def item_section_key(catalogue: Catalogue, item: Item) -> str:
    table = catalogue.table(item.table_id)
    section = next(s for s in table.sections if any(i.id == item.id for i in s.all_items))
    return section_key(table.id, section.number)


def sections_view(
    catalogue: Catalogue,
    assessment: Assessment,
    answers: Mapping[str, Answer],
    *,
    show: str | None = None,
    only: str = "",
) -> list[dict[str, Any]]:
    """Tables → sections → item views, in printed order, for the answer page.

    Every section carries its progress; item views are built only for the sections shown: the one
    whose key is ``show`` (all when None), or, with a filter ``only``, the matching items of every section.
    """
    keep = FILTERS[only][1] if only in FILTERS else None
    out = []
    for table_id in assessment.table_ids:
        table = catalogue.table(table_id)
        sections = []
        for section in table.sections:
            key = section_key(table.id, section.number)
            own = [item for item in section.all_items if item.id in answers]
            if keep is not None:
                shown = [item for item in own if keep(answers[item.id])]
            else:
                shown = own if show is None or show == key else []
            sections.append(
                {
                    "section": section,
                    "key": key,
                    "total": len(own),
                    "done": sum(1 for item in own if answers[item.id].result),
                    "items": [item_view(catalogue, item, answers[item.id]) for item in shown],
                }
            )
        out.append({"table": table, "sections": sections})
    return out


def default_section(tables: list[dict[str, Any]]) -> str:
    """The first section with an unanswered item (where the work continues), else the first one."""
    flat = [s for t in tables for s in t["sections"]]
    return next((s["key"] for s in flat if s["done"] < s["total"]), flat[0]["key"] if flat else "")


def answer_data(item: Item, post: Mapping[str, Any], getlist: Any) -> dict[str, Any]:
    """The answer as the service expects it, from the item form's POST fields."""
    applicable_raw = post.get("applicable", "")
    applicable = {"1": True, "0": False}.get(applicable_raw)
    blanks: dict[str, dict[str, str]] = {}
    other: dict[str, str] = {}
    for option in item.options:
        for blank in option.blanks:
            value = post.get(f"blank-{option.id}-{blank.id}", "")
            if value.strip():
                blanks.setdefault(option.id, {})[blank.id] = value
        if option.free_text:
            other[option.id] = post.get(f"other-{option.id}", "")
    return {
        "applicable": applicable,
        "na_reason": post.get("na_reason", ""),
        "ticked": getlist("ticked"),
        "blanks": blanks,
        "other_text": other,
        "explanation": post.get("explanation", ""),
        "result": post.get("result", ""),
    }
