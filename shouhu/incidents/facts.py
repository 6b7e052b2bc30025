"""The incident facts that decide whether a legal clock runs, and how their three values read.

Each is yes / no / 尚未判斷 (None, the default for a new incident); the 資安 level is 1–4 or 尚未判斷. The
labels are the law engine's own (``PendingFact.label_zh``), so a deadline's 「待判斷：…」 names the very
question the incident page asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from shouhu.engines.law.pending import INCIDENT_FACT_LABELS

UNKNOWN_ZH = "尚未判斷"
# The four cyber-incident levels as shown (msgids in the shared catalogue).
LEVEL_WORDS = {
    1: gettext_noop("第1級"),
    2: gettext_noop("第2級"),
    3: gettext_noop("第3級"),
    4: gettext_noop("第4級"),
}
UNKNOWN_EN = "not yet decided"
CYBER_LABELS = ("是否同時為資通安全事件", "whether it is also a cyber security incident")
# What a form shows, in the reader's language (display() below stays zh-TW: it is written to the timeline).
_CHOICE_UNKNOWN, _CHOICE_YES, _CHOICE_NO = _("尚未判斷"), _("是"), _("否")
_LEVELS = {1: _("第1級"), 2: _("第2級"), 3: _("第3級"), 4: _("第4級")}


def _in_reader_language(zh: str, en: str) -> str:
    return en[:1].upper() + en[1:] if (get_language() or "").startswith("en") else zh


in_reader_language = lazy(_in_reader_language, str)


@dataclass(frozen=True)
class Fact:
    name: str
    label_zh: str
    label_en: str
    level: bool = False  # the 資安 level (1–4) rather than yes / no

    def choices(self) -> list[tuple[str, Any]]:
        """Form choices: 尚未判斷 first (the default), then the answers."""
        if self.level:
            return [("", _CHOICE_UNKNOWN)] + [(str(n), _LEVELS[n]) for n in (1, 2, 3, 4)]
        return [("", _CHOICE_UNKNOWN), ("yes", _CHOICE_YES), ("no", _CHOICE_NO)]

    @property
    def label(self) -> str:
        """The question in the reader's language (the law engine gives both)."""
        return in_reader_language(self.label_zh, self.label_en)

    def parse(self, raw: Any) -> bool | int | None:
        """A form or API value as the stored value; anything else is refused by the service."""
        if raw is None or raw == "" or raw == "unknown":
            return None
        if self.level:
            return int(raw) if str(raw) in {"1", "2", "3", "4"} else raw
        if raw in (True, "yes", "true", "True"):
            return True
        if raw in (False, "no", "false", "False"):
            return False
        return raw

    def form_value(self, value: bool | int | None) -> str:
        if value is None:
            return ""
        if self.level:
            return str(value)
        return "yes" if value else "no"

    def display(self, value: Any) -> str:
        """The answer in the page's language (尚未判斷 / Not yet decided, 是 / Yes, 第2級 / Level 2)."""
        if value is None:
            return gettext(UNKNOWN_ZH)
        if self.level:
            return gettext(LEVEL_WORDS[value]) if value in LEVEL_WORDS else str(value)
        return gettext("是") if value else gettext("否")

    def is_valid(self, value: Any) -> bool:
        if value is None:
            return True
        if self.level:
            return isinstance(value, int) and not isinstance(value, bool) and value in (1, 2, 3, 4)
        return isinstance(value, bool)

    def removes_clocks(self, value: Any) -> bool:
        """An explicit "no" (never a level): it may remove a clock, so it needs a written reason."""
        return value is False


def _fact(name: str, *, level: bool = False) -> Fact:
    zh, en = INCIDENT_FACT_LABELS[name]
    return Fact(name, zh, en, level)


# In the order the incident page asks them.
FACTS: dict[str, Fact] = {
    f.name: f
    for f in (
        _fact("serious"),
        _fact("caused_by_violation"),
        Fact("cyber", *CYBER_LABELS),
        _fact("level", level=True),
        _fact("ncc_serious"),
    )
}
NAMES = tuple(FACTS)


def label_zh(name: str) -> str:
    fact = FACTS.get(name)
    return fact.label_zh if fact else name
