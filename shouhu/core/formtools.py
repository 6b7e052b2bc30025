"""Tie forms to services: form validation for input shape, services for the rules, errors back on the form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

T = TypeVar("T")

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME = "%Y-%m-%dT%H:%M"


class IsoDateInput(forms.DateInput):
    """<input type=date> with an ISO value in every language.

    A browser's date input only understands YYYY-MM-DD; Django would otherwise fill it with the
    language's first input format (「2026/11/27」 in zh-TW), which the browser drops, so saving the
    form unchanged would erase the date. Dates shown as text stay ROC (the |roc filter).
    """

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATE)


class IsoDateTimeInput(forms.DateTimeInput):
    """<input type=datetime-local> with an ISO local time (Asia/Taipei, the current time zone)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATETIME)


def _iso_widget(field: forms.Field) -> forms.Widget | None:
    old = field.widget
    attrs = {k: v for k, v in old.attrs.items() if k != "type"}
    new: forms.Widget
    if isinstance(field, forms.DateTimeField):
        new = IsoDateTimeInput(attrs)
    elif isinstance(field, forms.DateField):
        new = IsoDateInput(attrs)
    else:
        return None
    new.is_required = old.is_required
    return new


class IsoDatesMixin:
    """Put first in a form's bases: every date and datetime field gets the ISO widgets above.

    A datetime-local input shows minutes only; a stored time with seconds that comes back unchanged
    to the minute keeps its seconds, so saving a form unchanged never moves a recorded time.
    """

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = _iso_widget(field)
            if widget is not None:
                field.widget = widget

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        for name, field in self.fields.items():
            if not isinstance(field, forms.DateTimeField) or name not in cleaned:
                continue
            # The form's own initial (the stored value), not get_initial_for_field(), which drops microseconds.
            initial = self.initial.get(name, field.initial)  # type: ignore[attr-defined]
            value = cleaned[name]
            if (
                isinstance(initial, dt.datetime)
                and isinstance(value, dt.datetime)
                and (initial.tzinfo is None) == (value.tzinfo is None)
                and initial.replace(second=0, microsecond=0) == value.replace(second=0, microsecond=0)
            ):
                cleaned[name] = initial
        return cleaned


def call_service(form: forms.BaseForm, fn: Callable[[], T]) -> T | None:
    """Run a service; on ValidationError put its messages on the form and return None."""
    try:
        return fn()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                target = field if field in form.fields else None
                for message in errors:
                    form.add_error(target, message)
        else:
            for message in exc.messages:
                form.add_error(None, message)
        return None
    except PermissionDenied:
        raise


def paginate(request: HttpRequest, qs: QuerySet[Any], per_page: int = 50) -> Page[Any]:
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def flash_form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """Show every error of a form as a message (for forms posted from another page)."""
    from django.contrib import messages

    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))


def out_of_scope(what: str) -> str:
    """A posted choice outside what the reader may read, naming the kind of record."""
    return _("所選的%(what)s不存在，或屬於您無權檢視的部門。") % {"what": what}


def limit_choices(
    form: forms.BaseForm, name: str, queryset: QuerySet[Any], what: str, *, keep: Any = None
) -> None:
    """Narrow the model choice field ``name`` to ``queryset`` (the records the user may read, from the
    owner's selector); a posted id outside it is refused with a zh-TW message naming ``what``
    (「系統」, 「個人資料檔案」 …), never accepted and never a 500. ``keep`` (a record or records already
    linked to the edited one) stays choosable, so editing never drops a link the editor cannot see."""
    field = form.fields[name]
    kept = [k.pk for k in (keep if isinstance(keep, list | tuple) else [keep]) if k is not None]
    if kept:
        queryset = queryset.model.objects.filter(Q(pk__in=queryset.order_by().values("pk")) | Q(pk__in=kept))
    field.queryset = queryset  # type: ignore[attr-defined]
    message = out_of_scope(what)
    field.error_messages["invalid_choice"] = message
    field.error_messages["invalid_pk_value"] = message


def limit_id_choices(form: forms.BaseForm, name: str, choices: list[tuple[Any, str]], what: str) -> None:
    """The same for a plain (typed) choice field listing ids and names."""
    field = form.fields[name]
    field.choices = choices  # type: ignore[attr-defined]
    field.error_messages["invalid_choice"] = out_of_scope(what)
