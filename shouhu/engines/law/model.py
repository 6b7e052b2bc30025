"""Typed records of the law catalogue: laws, their versions, deadline rules, recurring obligations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .enums import Anchor, Coverage, PartyRole, Requirement, Trigger, Unit, VersionStatus


@dataclass(frozen=True)
class LawVersion:
    """One text of a law, in force over [effective_from, effective_to] (inclusive, Asia/Taipei days).

    ``effective_from`` None means the research does not give a start date; the version then covers
    every earlier date. ``effective_to`` None means open-ended.
    """

    id: str
    label_zh: str
    status: VersionStatus
    effective_from: date | None
    effective_to: date | None
    promulgated_on: date | None
    verified: bool
    unverified: tuple[str, ...]
    notes_zh: str
    name_zh: str | None  # set when the version renamed the law
    label_en: str = ""  # English texts come from data/english.toml (see catalogue.py)
    name_en: str = ""
    notes_en: str = ""

    def in_force_on(self, day: date) -> bool:
        """True when this version was law on ``day``."""
        if not self.status.has_effect:
            return False
        if self.effective_from is not None and day < self.effective_from:
            return False
        return self.effective_to is None or day <= self.effective_to


@dataclass(frozen=True)
class Law:
    """An act or regulation with its versions."""

    id: str
    pcode: str | None
    name_zh: str | None
    short_name_zh: str
    name_en: str | None
    kind: str
    competent_authority_zh: str | None
    source_url: str | None
    unverified: tuple[str, ...]
    notes_zh: str
    versions: tuple[LawVersion, ...]
    # The first day the law itself was in force (its original enactment). Before it the law did not
    # exist; None means not recorded, so a date before the earliest collected version is a data gap.
    first_effective_on: date | None = None
    short_name_en: str = ""
    competent_authority_en: str = ""
    notes_en: str = ""

    def version(self, version_id: str) -> LawVersion:
        """The version with this id (KeyError if absent)."""
        for candidate in self.versions:
            if candidate.id == version_id:
                return candidate
        raise KeyError(f"{self.id}@{version_id}")

    def version_on(self, day: date) -> LawVersion | None:
        """The version in force on ``day``, or None."""
        for candidate in self.versions:
            if candidate.in_force_on(day):
                return candidate
        return None

    def coverage_on(self, day: date) -> Coverage:
        """Whether the catalogue knows this law's text on ``day`` (see ``Coverage``)."""
        if self.version_on(day) is not None:
            return Coverage.IN_FORCE
        effective = [v for v in self.versions if v.status.has_effect]
        if not effective or (self.first_effective_on is not None and day < self.first_effective_on):
            return Coverage.NOT_YET
        starts = [v.effective_from for v in effective]
        if all(start is not None and day < start for start in starts):
            return Coverage.NOT_COLLECTED
        later = [v for v in effective if v.effective_from is None or v.effective_from <= day]
        last = max(later, key=lambda v: v.effective_from or date.min)
        if last.status is VersionStatus.REPEALED and not any(
            v.effective_from is not None and v.effective_from > day for v in effective
        ):
            return Coverage.ENDED
        return Coverage.GAP

    def display_name(self, version: LawVersion | None = None) -> str:
        """The name to show: the version's name if it renamed the law, else the official name."""
        if version is not None and version.name_zh:
            return version.name_zh
        return self.name_zh or self.short_name_zh

    def display_name_en(self, version: LawVersion | None = None) -> str:
        """The English name to show (the version's if it renamed the law)."""
        if version is not None and version.name_en:
            return version.name_en
        return self.name_en or self.short_name_en


@dataclass(frozen=True)
class Citation:
    """A law id and an article, e.g. ("pdpa-er", "第22條")."""

    law: str
    article: str


@dataclass(frozen=True)
class RuleVersion:
    """The law version whose text a deadline rule encodes, with its article and verification.

    ``no_obligation``: that version of the law sets no such clock (or sets it in another rule, e.g. a
    3-day duty later replaced by a 72-hour one); the engine then computes nothing for it and does not
    warn that the version is missing. ``notes_zh`` must say why.
    """

    law_version: str
    article: str | None
    verified: bool
    notes_zh: str
    no_obligation: bool = False
    notes_en: str = ""  # from data/english_notes.toml


@dataclass(frozen=True)
class DeadlineRule:
    """A legal clock: trigger, anchor, duration, recipient, content and legal basis."""

    id: str
    title_zh: str
    title_en: str
    trigger: Trigger
    law: str
    anchor: Anchor
    duration: int | None
    unit: Unit
    max_extension: int | None
    extension_note_zh: str
    party: PartyRole
    applies_if: str
    requires: frozenset[Requirement]
    level_in: frozenset[int]
    conservative_if_level_unknown: bool
    conservative_anchor: bool
    recipient_zh: str
    content_zh: str
    form_zh: str
    verified: bool
    unverified: tuple[str, ...]
    notes_zh: str
    also_cites: tuple[Citation, ...]
    versions: tuple[RuleVersion, ...]
    content_en: str = ""
    form_en: str = ""
    notes_en: str = ""  # notes_en and extension_note_en: from data/english_notes.toml
    extension_note_en: str = ""

    def version_for(self, law_version_id: str) -> RuleVersion | None:
        """The rule version encoding ``law_version_id``, or None."""
        for candidate in self.versions:
            if candidate.law_version == law_version_id:
                return candidate
        return None


@dataclass(frozen=True)
class RecurringObligation:
    """A recurring compliance task for the calendar."""

    id: str
    title_zh: str
    title_en: str
    frequency: str | None  # "P1Y", "P6M", "P90D"; None for event-driven items
    frequency_is_default: bool
    also_when_zh: str
    source_zh: str
    condition: str  # "always" or an applicability rule id
    notes_zh: str
    # Record kinds that also complete this item: another obligation's key (a training held completes
    # "training" and every item listing "training" here) or a record kind no item has ("inventory-count").
    completed_by: tuple[str, ...] = ()
    source_en: str = ""
    also_when_en: str = ""  # the English of also_when_zh (an unofficial translation)
    notes_en: str = ""  # from data/english_notes.toml


@dataclass(frozen=True)
class CodeName:
    """An industry (行業統計分類) or business-item (營業項目) code with its name."""

    code: str
    name_zh: str
    verified: bool
    notes_zh: str
    name_en: str = ""
    notes_en: str = ""  # from data/english_notes.toml


@dataclass(frozen=True)
class RetentionRule:
    """A minimum retention period for a class of records."""

    id: str
    title_zh: str
    title_en: str
    law: str
    article: str | None
    period: str  # "P5Y", "P6M"
    start: str  # record_created, business_terminated, damage_occurred
    applies_if: str
    records_zh: str
    verified: bool
    unverified: tuple[str, ...]
    notes_zh: str
    notes_en: str = ""  # notes_en and records_en: from data/english_notes.toml
    records_en: str = ""
