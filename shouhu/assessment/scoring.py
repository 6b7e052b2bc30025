"""Scores of an assessment, per section, per table and overall, basic items and ◎ items apart.

Rule (shown on the score page): 符合 = 1 point, 部分符合 = 0.5, 不符合 = 0; 不適用 and unanswered items are left
out. A score is earned points ÷ counted items × 100. An item marked ◎ (also the partial 「◎（隱碼機制）」) counts
among the 系統商進階 items, every other item among the basic items.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy

from shouhu.engines.catalog import Catalogue, Item

POINTS: dict[str, float] = {"conform": 1.0, "partial": 0.5, "nonconform": 0.0}
RANK: dict[str, int] = {"conform": 3, "partial": 2, "nonconform": 1}
LABELS: dict[str, str | Promise] = {
    "conform": gettext_lazy("符合"),
    "partial": gettext_lazy("部分符合"),
    "nonconform": gettext_lazy("不符合"),
    "na": gettext_lazy("不適用"),
    "": gettext_lazy("未作答"),
}
RULE_TEXT = gettext_lazy(
    "計分方式：符合 = 1 分、部分符合 = 0.5 分、不符合 = 0 分；不適用及未作答的項目不計入。"
    "得分率 = 得分 ÷ 計分項目數 × 100%。標示 ◎（含「◎（隱碼機制）」）者列為系統商進階項目，其餘為基本項目。"
)


@dataclass
class Score:
    """Points earned over counted items; ``na`` and ``unanswered`` are shown beside, never counted."""

    earned: float = 0.0
    counted: int = 0
    na: int = 0
    unanswered: int = 0
    conform: int = 0
    partial: int = 0
    nonconform: int = 0

    def add(self, result: str) -> None:
        if result in POINTS:
            self.earned += POINTS[result]
            self.counted += 1
            setattr(self, result, getattr(self, result) + 1)
        elif result == "na":
            self.na += 1
        else:
            self.unanswered += 1

    @property
    def percent(self) -> float | None:
        return round(self.earned / self.counted * 100, 1) if self.counted else None

    @property
    def total(self) -> int:
        return self.counted + self.na + self.unanswered


@dataclass
class Part:
    """Scores of one section, table or the whole assessment."""

    key: str
    label: str
    all: Score = field(default_factory=Score)
    basic: Score = field(default_factory=Score)
    advanced: Score = field(default_factory=Score)

    def add(self, item: Item, result: str) -> None:
        self.all.add(result)
        (self.advanced if item.mark.advanced else self.basic).add(result)


@dataclass
class Scorecard:
    overall: Part
    tables: list[Part]
    sections: dict[str, list[Part]]


def score(catalogue: Catalogue, table_ids: Sequence[str], results: Mapping[str, str]) -> Scorecard:
    """Score the answers ``results`` (item id → result code, "" when unanswered)."""
    english = (get_language() or "").startswith("en")  # labels in Shouhu's English on English pages
    overall = Part("all", str(gettext_lazy("整體")))
    tables: list[Part] = []
    sections: dict[str, list[Part]] = {}
    for table_id in table_ids:
        table = catalogue.table(table_id)
        if english and table.title_en:
            table_label = f"{table.appendix_en} {table.title_en}"
        else:
            table_label = f"{table.appendix} {table.title}"
        table_part = Part(table.id, table_label)
        tables.append(table_part)
        sections[table.id] = []
        for section in table.sections:
            title = (section.title_en or section.title) if english else section.title
            part = Part(f"{table.id}-{section.number}", f"{section.number}. {title}")
            sections[table.id].append(part)
            for item in section.all_items:
                result = results.get(item.id, "")
                for target in (part, table_part, overall):
                    target.add(item, result)
    return Scorecard(overall=overall, tables=tables, sections=sections)


@dataclass(frozen=True)
class Change:
    item: Item
    before: str
    after: str

    @property
    def before_label(self) -> str:
        return str(LABELS.get(self.before, self.before))

    @property
    def after_label(self) -> str:
        return str(LABELS.get(self.after, self.after))


def compare(
    catalogue: Catalogue, current: Mapping[str, str], previous: Mapping[str, str]
) -> tuple[list[Change], list[Change]]:
    """Items that got better and worse between two assessments (only items rated in both)."""
    better: list[Change] = []
    worse: list[Change] = []
    for item_id, after in current.items():
        before = previous.get(item_id, "")
        if after in RANK and before in RANK and RANK[after] != RANK[before] and catalogue.has_item(item_id):
            change = Change(catalogue.item(item_id), before, after)
            (better if RANK[after] > RANK[before] else worse).append(change)
    return better, worse
