"""The audit log as people read it: each change as a row (what, before, after), never a Python dict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from shouhu.audit.field_labels import CHANGE_LABELS
from shouhu.audit.services import MESSAGE_COLUMNS, MESSAGE_TEXT
from shouhu.core.messages import render

EMPTY = "—"
# A record that keeps a system sentence as ``message_key``/``message_facts`` beside its zh-TW text
# (``core.messages``: a calendar completion's note, a timeline entry, a job's progress, a training assigned
# for a drill's result) is audited with all
# three (``audit.services.MESSAGE_COLUMNS``/``MESSAGE_TEXT``; a change of its facts only keeps the unchanged
# key on both sides); the log shows the text in the reader's language and leaves the two internal columns out.


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str


def _label(object_type: str, name: str) -> str:
    """The field's own label (verbose_name) when the object's model gives one; else the change key's name in
    ``field_labels``; else the key itself."""
    try:
        field = apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        field = None
    own = getattr(field, "verbose_name", None)
    if own is not None and str(own) != name.replace("_", " "):  # Django's default is the name itself
        return str(own)
    return str(CHANGE_LABELS[name]) if name in CHANGE_LABELS else name


def _text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if value is True:
        return _("是")
    if value is False:
        return _("否")
    if isinstance(value, list | tuple):
        return "、".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{_text(v)}" for k, v in value.items())
    return str(value)


def _pair(value: Any) -> tuple[Any, Any]:
    if isinstance(value, list | tuple) and len(value) == 2:
        return value[0], value[1]
    return None, value


def _said(changes: dict[str, Any]) -> dict[str, Any]:
    """``changes`` with a system sentence's text (kept as a message) in the reader's language and the
    message's internal columns left out."""
    if not any(name in changes for name in MESSAGE_COLUMNS):
        return changes
    keys = _pair(changes.get("message_key"))
    facts = _pair(changes.get("message_facts"))
    out = {name: value for name, value in changes.items() if name not in MESSAGE_COLUMNS}
    for name in MESSAGE_TEXT:
        if name in out:
            texts = _pair(out[name])
            out[name] = [_message(keys[i], facts[i], texts[i]) for i in (0, 1)]
            break
    return out


def _message(key: Any, facts: Any, text: Any) -> Any:
    """One side (before or after) of a message text: rendered when that side has a key (and facts), else
    the text as stored. An entry written before ``audit.services.diff`` kept an unchanged key has no key
    when only the facts changed: both sides then show as stored."""
    if isinstance(key, str) and key and isinstance(facts, dict):
        return render(key, facts, str(text or ""))
    return text


def change_rows(object_type: str, changes: Any) -> list[ChangeRow]:
    """``{field: [old, new]}`` (or ``{field: value}``) as rows; anything else as one row of text."""
    if not isinstance(changes, dict):
        return [] if changes in (None, "") else [ChangeRow("", EMPTY, _text(changes))]
    rows = []
    for name, value in _said(changes).items():
        before, after = _pair(value)
        rows.append(ChangeRow(_label(object_type, str(name)), _text(before), _text(after)))
    return rows
