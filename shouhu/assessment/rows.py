"""The filled table as rows of printed text, shared by the page, DOCX, XLSX and PDF reports."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from shouhu.assessment.models import Answer, Assessment, Result
from shouhu.engines.catalog import Catalogue, Item, Option, Section, Table

TICK, BOX = "☑", "☐"
UNIT_WORDS = {"year": "年", "half_year": "半年", "quarter": "季", "month": "月", "week": "週", "day": "日"}


UNIT_WORDS_EN = {"year": "year", "half_year": "half-year", "quarter": "quarter", "month": "month", "week": "week",
                 "day": "day"}  # fmt: skip


def format_blank(value: Any, *, english: bool = False) -> str:
    """A stored blank value as text; frequencies as 「每年 2 次」 or 「每 2 年 1 次」 (parsable again), or for
    an English page 「2 times every year」 / 「1 times every 2 years」-style words."""
    if isinstance(value, Mapping) and english:
        unit = UNIT_WORDS_EN.get(str(value.get("unit")), str(value.get("unit")))
        every = value.get("every", 1)
        per = f"every {unit}" if every == 1 else f"every {every} {unit}s"
        return f"{value.get('times')} time(s) {per}"
    if isinstance(value, Mapping):
        unit = UNIT_WORDS.get(str(value.get("unit")), str(value.get("unit")))
        every = value.get("every", 1)
        prefix = f"每{unit}" if every == 1 else f"每 {every} {unit}"
        return f"{prefix} {value.get('times')} 次"
    return "" if value is None else str(value)


def option_text(option: Option, answer: Answer | None, *, english: bool = False) -> str:
    """The option as printed (or in Shouhu's English), with the answer's blank values and 「其他」 text filled
    in."""
    stored = answer.blanks.get(option.id, {}) if answer else {}
    values = {key: format_blank(v, english=english) for key, v in stored.items()}
    text = option.render_en(values) if english else option.render(values)
    if option.free_text and answer and answer.other_text.get(option.id):
        text = f"{text}{answer.other_text[option.id]}"
    return text


@dataclass(frozen=True)
class Row:
    """One printed row: a section or subsection heading (``heading``) or an item."""

    heading: str = ""
    item: Item | None = None
    answer: Answer | None = None

    @property
    def number(self) -> str:
        return self.item.number if self.item else ""

    @property
    def title_text(self) -> str:
        if not self.item:
            return self.heading
        return f"{self.item.title}\n{self.item.guidance}" if self.item.guidance else self.item.title

    @property
    def mark(self) -> str:
        return self.item.mark.printed if self.item else ""

    @property
    def applicable(self) -> bool | None:
        """Whether the item applies as printed: the recorded choice; else a recorded result other than
        不適用 means it applies (an item rated 符合 was evidently applicable), 不適用 means it does not."""
        answer = self.answer
        if answer is None:
            return None
        if answer.applicable is not None:
            return answer.applicable
        if answer.result == Result.NOT_APPLICABLE:
            return False
        return True if answer.result else None

    @property
    def applicability_text(self) -> str:
        if not self.item:
            return ""
        applicability = self.item.applicability
        applicable = self.applicable
        parts = [f"{TICK if applicable else BOX} 適用"]
        if applicability.allows_not_applicable:
            reason = self.answer.na_reason if self.answer and applicable is False else ""
            parts.append(f"{TICK if applicable is False else BOX} 不適用")
            parts.append(f"說明：{reason}")
        parts.extend(applicability.legal_basis)
        return "\n".join(parts)

    @property
    def option_lines(self) -> list[str]:
        if not self.item:
            return []
        ticked = set(self.answer.ticked) if self.answer else set()
        return [
            f"{'　' if option.parent else ''}{TICK if option.id in ticked else BOX} {option_text(option, self.answer)}"
            for option in self.item.options
        ]

    @property
    def check_text(self) -> str:
        lines = list(self.option_lines)
        answer = self.answer
        if answer and answer.explanation:
            lines.append(f"說明：{answer.explanation}")
        if answer and answer.result:
            lines.append(f"檢查結果：{Result(answer.result).label}")
        evidence = list(answer.evidence.all()) if answer and answer.pk else []
        if evidence:
            lines.append("佐證：" + "、".join(e.original_name for e in evidence))
        return "\n".join(lines)


def rows_for_table(table: Table, answers: Mapping[str, Answer]) -> Iterator[Row]:
    for section in table.sections:
        yield from _section_rows(section, answers)


def _section_rows(section: Section, answers: Mapping[str, Answer]) -> Iterator[Row]:
    yield Row(heading=f"{section.number}. {section.title}")
    for item in section.items:
        yield Row(item=item, answer=answers.get(item.id))
    for sub in section.subsections:
        yield Row(heading=f"{sub.number} {sub.title}")
        for item in sub.items:
            yield Row(item=item, answer=answers.get(item.id))


def table_rows(
    catalogue: Catalogue, assessment: Assessment, answers: Mapping[str, Answer]
) -> list[tuple[Table, list[Row]]]:
    return [
        (catalogue.table(t), list(rows_for_table(catalogue.table(t), answers))) for t in assessment.table_ids
    ]


def _person_name(user: Any) -> str:
    """The person's name on printed forms; the account name only when no person or full name is known."""
    person = getattr(user, "person", None)
    return (person.name if person else "") or user.get_full_name() or user.username


def assessor_names(assessment: Assessment) -> str:
    names = [_person_name(u) for u in assessment.assessors.all()]
    if assessment.external_assessors:
        names.append(assessment.external_assessors)
    return "、".join(names)
