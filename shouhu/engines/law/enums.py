"""Enumerations shared by the catalogue, the applicability engine and the deadline engine."""

from __future__ import annotations

from enum import StrEnum


class VersionStatus(StrEnum):
    """Status of one version of a law or regulation."""

    IN_FORCE = "in_force"
    SUPERSEDED = "superseded"  # an older text of a law still in force
    REPEALED = "repealed"
    PROMULGATED_NOT_IN_FORCE = "promulgated_not_in_force"
    DRAFT = "draft"

    @property
    def label_zh(self) -> str:
        return _STATUS_ZH[self]

    @property
    def label_en(self) -> str:
        return _STATUS_EN[self]

    @property
    def has_effect(self) -> bool:
        """True when the version was or is law for some interval of dates."""
        return self in (VersionStatus.IN_FORCE, VersionStatus.SUPERSEDED, VersionStatus.REPEALED)


_STATUS_ZH = {
    VersionStatus.IN_FORCE: "現行有效",
    VersionStatus.SUPERSEDED: "已修正（舊版）",
    VersionStatus.REPEALED: "已廢止",
    VersionStatus.PROMULGATED_NOT_IN_FORCE: "已公布尚未施行",
    VersionStatus.DRAFT: "草案",
}
_STATUS_EN = {
    VersionStatus.IN_FORCE: "in force",
    VersionStatus.SUPERSEDED: "amended (earlier text)",
    VersionStatus.REPEALED: "repealed",
    VersionStatus.PROMULGATED_NOT_IN_FORCE: "promulgated, not yet in force",
    VersionStatus.DRAFT: "draft",
}


class Anchor(StrEnum):
    """The event a legal clock starts from."""

    OCCURRED = "occurred"
    DISCOVERED = "discovered"
    AWARE = "aware"
    CONFIRMED = "confirmed"
    RECOVERED = "recovered"
    HANDLING_ENDED = "handling_ended"
    AUTHORITY_NOTICE = "authority_notice"
    REQUEST_RECEIVED = "request_received"
    CORRECTED = "corrected"
    INSTRUCTION_RECEIVED = "instruction_received"

    @property
    def label_zh(self) -> str:
        return _ANCHOR_ZH[self]

    @property
    def label_en(self) -> str:
        return _ANCHOR_EN[self]


_ANCHOR_ZH = {
    Anchor.OCCURRED: "發生",
    Anchor.DISCOVERED: "發現",
    Anchor.AWARE: "知悉",
    Anchor.CONFIRMED: "查明",
    Anchor.RECOVERED: "完成損害控制或復原",
    Anchor.HANDLING_ENDED: "處理結束",
    Anchor.AUTHORITY_NOTICE: "主管機關通知",
    Anchor.REQUEST_RECEIVED: "受理",
    Anchor.CORRECTED: "更正或補充完成",
    Anchor.INSTRUCTION_RECEIVED: "收到指示",
}
_ANCHOR_EN = {
    Anchor.OCCURRED: "occurrence",
    Anchor.DISCOVERED: "discovery",
    Anchor.AWARE: "awareness",
    Anchor.CONFIRMED: "confirmation",
    Anchor.RECOVERED: "containment or recovery",
    Anchor.HANDLING_ENDED: "end of handling",
    Anchor.AUTHORITY_NOTICE: "notice from the authority",
    Anchor.REQUEST_RECEIVED: "receipt of the request",
    Anchor.CORRECTED: "completed correction or supplement",
    Anchor.INSTRUCTION_RECEIVED: "receipt of the instruction",
}


class Unit(StrEnum):
    """Unit of a legal duration."""

    HOURS = "hours"
    DAYS = "days"
    MONTHS = "months"
    IMMEDIATELY = "immediately"  # 立即／應即／即時
    UNSPECIFIED = "unspecified"  # the text sets no time limit
    CONTRACT = "contract"  # the time limit is whatever the contract agreed


class Trigger(StrEnum):
    """What starts a deadline rule."""

    INCIDENT = "incident"
    REQUEST_ACCESS = "request_access"  # PDPA Art. 10 requests
    REQUEST_CORRECTION = "request_correction"  # PDPA Art. 11 requests
    MARKETING_REFUSAL = "marketing_refusal"
    DATA_CORRECTED = "data_corrected"
    UNLAWFUL_INSTRUCTION = "unlawful_instruction"


class PartyRole(StrEnum):
    """Whose duty a rule states."""

    HOLDER = "holder"  # the party holding the data (our company or a client)
    VENDOR_TO_CLIENT = "vendor_to_client"  # our company's duty towards a client


class Requirement(StrEnum):
    """Incident or event facts a deadline rule requires."""

    PERSONAL_DATA = "personal_data"
    CYBER = "cyber"
    SERIOUS = "serious"  # 危及正常營運或大量當事人權益
    NCC_SERIOUS = "ncc_serious"
    AUTHORITY_NOTICE = "authority_notice"
    VIOLATION = "violation"
    AT_FAULT = "at_fault"


class Coverage(StrEnum):
    """Whether the catalogue knows the text of a law on a given date."""

    IN_FORCE = "in_force"  # a collected version is in force
    NOT_YET = "not_yet"  # the law did not exist yet, or has only draft / not-yet-effective versions
    ENDED = "ended"  # after the law was repealed
    NOT_COLLECTED = "not_collected"  # before the earliest collected version; earlier texts missing
    GAP = "gap"  # between collected versions, or after a superseded one without its successor

    @property
    def is_data_gap(self) -> bool:
        """True when the law was (probably) in force but the catalogue lacks that text."""
        return self in (Coverage.NOT_COLLECTED, Coverage.GAP)
