"""The audit log as people read it: each change as a row (what, before, after), never a Python dict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

EMPTY = "—"


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str


def _label(object_type: str, name: str) -> str:
    """The field's own label (verbose_name) when the object's model knows it, else its name."""
    try:
        field = apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name
    return str(getattr(field, "verbose_name", name))


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


def change_rows(object_type: str, changes: Any) -> list[ChangeRow]:
    """``{field: [old, new]}`` (or ``{field: value}``) as rows; anything else as one row of text."""
    if not isinstance(changes, dict):
        return [] if changes in (None, "") else [ChangeRow("", EMPTY, _text(changes))]
    rows = []
    for name, value in changes.items():
        if isinstance(value, list | tuple) and len(value) == 2:
            before, after = value
        else:
            before, after = None, value
        rows.append(ChangeRow(_label(object_type, str(name)), _text(before), _text(after)))
    return rows
