"""Text the system writes and stores (timeline entries, import row errors, job progress, completion notes),
shown in the reader's language.

A stored sentence is kept as a message key plus its facts (JSON) beside the zh-TW text frozen at write time.
The key names a zh-TW template with named placeholders (``{client}``); the template is a gettext msgid, so the
English lives in the .po catalogues like every other UI text. A page renders the key with the facts in the
language it is read in; an unknown key, a missing fact or a broken translation falls back to the frozen zh-TW
text, so a row is never shown empty and never raises.

Facts that are themselves words (a state, a channel, a list of names) are stored as codes or plain values and
turned into words at render time by the message's ``words`` function, so they follow the reader's language
too; a fact the engines hold in both languages is stored as ``{"zh": …, "en": …}`` and picked at render time. Each app registers its messages at import time (``define``), in the module that writes them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, pgettext

from shouhu.core.bilingual import pick

logger = logging.getLogger(__name__)

Facts = Mapping[str, Any]
Words = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Template:
    key: str
    zh: str  # the msgid: zh-TW with named placeholders
    words: Words | None = None  # facts → display values, run in the reader's language
    context: str = ""  # a msgctxt, for a sentence whose msgid means something else elsewhere (a button)


@dataclass(frozen=True)
class Message:
    """A sentence to store: its key, its facts, and its zh-TW text (for the text column and old readers)."""

    key: str
    facts: dict[str, Any] = field(default_factory=dict)
    text: str = ""

    def __str__(self) -> str:
        return self.text


_REGISTRY: dict[str, Template] = {}


def define(key: str, zh: str, words: Words | None = None, *, context: str = "") -> str:
    """Register the template ``zh`` (wrap it in ``gettext_noop`` where it is written, so it is a msgid) under
    ``key``; returns the key. Registering one key twice with different text is a programming error."""
    known = _REGISTRY.get(key)
    if known is not None and (known.zh, known.context) != (zh, context):
        raise ValueError(f"message key {key!r} registered twice with different text")
    _REGISTRY[key] = Template(key, zh, words, context)
    return key


def templates() -> dict[str, tuple[str, str]]:
    """Every registered key, its context and zh-TW template (for the catalogue completeness test)."""
    return {key: (t.context, t.zh) for key, t in _REGISTRY.items()}


def _in_language(value: Any) -> Any:
    """A fact written in both languages (``{"zh": …, "en": …}``, e.g. a law engine title) as the reader's."""
    if isinstance(value, dict) and "zh" in value and set(value) <= {"zh", "en"}:
        return pick(str(value["zh"]), value.get("en"))
    return value


def _render(template: Template, facts: Facts) -> str:
    values = {name: _in_language(value) for name, value in facts.items()}
    if template.words is not None:
        values = template.words(values)
    sentence = pgettext(template.context, template.zh) if template.context else gettext(template.zh)
    return sentence.format(**values)


def compose(key: str, **facts: Any) -> Message:
    """The message ``key`` with ``facts``, its text rendered in the official language (zh-TW)."""
    template = _REGISTRY[key]
    with translation.override(settings.LANGUAGE_CODE):
        text = _render(template, facts)
    return Message(key, dict(facts), text)


def render(key: str, facts: Facts | None, fallback: str) -> str:
    """The stored message in the active language; ``fallback`` (the frozen zh-TW text) when the key is
    unknown or empty, a fact is missing, or the template cannot be filled."""
    template = _REGISTRY.get(key or "")
    if template is None:
        return fallback
    try:
        return _render(template, facts or {})
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        logger.warning("message %s could not be rendered; showing the stored text", key)
        return fallback


def shown(row: Any, field_name: str = "text") -> str:
    """A row's system-written text in the active language: rendered from ``message_key``/``message_facts``
    when it has them, else its ``field_name`` column as stored."""
    fallback = getattr(row, field_name, "") or ""
    return render(getattr(row, "message_key", "") or "", getattr(row, "message_facts", None), fallback)


class Sentence(str):
    """A message as text in the active language that still knows its key and facts (``message``).

    For rules shared by forms and services (which show the text at once, to the person typing) and by imports
    (which store the message and show it later, to whoever reads the preview): a ``str`` everywhere, and
    ``message_of`` finds the message again."""

    message: Message


def sentence(key: str, **facts: Any) -> Sentence:
    """The message ``key`` with ``facts`` as text in the active language (see ``Sentence``)."""
    message = compose(key, **facts)
    out = Sentence(render(key, message.facts, message.text))
    out.message = message
    return out


def message_of(value: Any) -> Message | None:
    """The message behind ``value`` (a ``Message`` or a ``Sentence``), or None for plain text."""
    if isinstance(value, Message):
        return value
    return getattr(value, "message", None) if isinstance(value, Sentence) else None


def both(text: Any) -> dict[str, str]:
    """A translatable fact (a lazy label, or a function giving words in the active language) in both
    languages, picked when the message is read."""
    out = {}
    for name, language in (("zh", settings.LANGUAGE_CODE), ("en", "en")):
        with translation.override(language):
            out[name] = str(text() if callable(text) else text)
    return out


def fixed(text: str) -> str:
    """A fixed sentence stored as its zh-TW text (marked with ``gettext_noop`` where it is written, so it is a
    msgid), in the reader's language; any other text (typed, or from before) as stored."""
    return gettext(text) if text else text


def joined(items: Iterable[Any]) -> str:
    """A list in words: 「甲、乙」 in zh-TW, "A, B" in English."""
    return gettext("、").join(str(i) for i in items)


def labels(**choices: Any) -> Words:
    """A ``words`` function turning the facts named in ``choices`` (stored codes) into the labels of their
    Django choices (a ``TextChoices`` class or ``(code, label)`` pairs) in the reader's language; an unknown
    code stays as stored."""

    def words(values: dict[str, Any]) -> dict[str, Any]:
        out = dict(values)
        for name, options in choices.items():
            pairs = dict(getattr(options, "choices", options))
            if name in out and out[name] in pairs:
                out[name] = str(pairs[out[name]])
        return out

    return words


class Named:
    """A model whose name (``__str__``, and the object's name in the audit log) is a sentence the system
    composes from its own words around the record's data (「REQ-1 製給複製本」, 「系統／洩漏」).

    ``name_parts`` gives the message key and its facts; ``name_message`` composes it in zh-TW for storing
    (the audit log keeps the text and the key + facts, ``audit.services.object_name``); ``name_shown`` renders
    it in the reader's language (which in zh-TW is the same text) for the model's ``__str__``."""

    def name_parts(self) -> tuple[str, dict[str, object]]:
        raise NotImplementedError

    def name_message(self) -> Message:
        key, facts = self.name_parts()
        return compose(key, **facts)

    def name_shown(self) -> str:
        key, facts = self.name_parts()
        return render(key, facts, key)
