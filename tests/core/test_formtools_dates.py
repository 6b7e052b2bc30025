"""Date inputs carry ISO values in every language; unchanged datetimes keep their seconds."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import translation

import shouhu
from shouhu.core.formtools import IsoDateInput, IsoDatesMixin, IsoDateTimeInput, _iso_widget

TAIPEI = ZoneInfo("Asia/Taipei")


class _Form(IsoDatesMixin, forms.Form):
    on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date", "class": "x"}))
    at = forms.DateTimeField(required=False)


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for info in pkgutil.iter_modules(shouhu.__path__):
        try:
            module = importlib.import_module(f"shouhu.{info.name}.forms")
        except ModuleNotFoundError:
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_date_input_value_is_iso_in_every_language(language):
    with translation.override(language):
        html = str(_Form(initial={"on": dt.date(2026, 11, 27)})["on"])
    assert 'value="2026-11-27"' in html
    assert 'type="date"' in html


def test_mixin_keeps_other_widget_attributes():
    form = _Form()
    assert isinstance(form.fields["on"].widget, IsoDateInput)
    assert form.fields["on"].widget.attrs["class"] == "x"


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_datetime_input_value_is_iso_local_time_in_taipei(language):
    stored = dt.datetime(2026, 11, 27, 2, 5, tzinfo=dt.UTC)  # 10:05 in Taipei
    with translation.override(language):
        html = str(_Form(initial={"at": stored})["at"])
    assert 'value="2026-11-27T10:05"' in html
    assert 'type="datetime-local"' in html


def test_unchanged_datetime_keeps_its_seconds():
    stored = dt.datetime(2026, 11, 27, 2, 5, 42, tzinfo=dt.UTC)
    form = _Form(data={"at": "2026-11-27T10:05"}, initial={"at": stored})
    assert form.is_valid()
    assert form.cleaned_data["at"] == stored


def test_changed_datetime_takes_the_new_minute():
    stored = dt.datetime(2026, 11, 27, 2, 5, 42, tzinfo=dt.UTC)
    form = _Form(data={"at": "2026-11-27T10:06"}, initial={"at": stored})
    assert form.is_valid()
    assert form.cleaned_data["at"] == dt.datetime(2026, 11, 27, 10, 6, tzinfo=TAIPEI)


def test_every_form_with_a_date_field_uses_the_iso_widgets():
    offenders = []
    for cls in _form_classes():
        for name, field in cls.base_fields.items():
            dated = isinstance(field, forms.DateField | forms.DateTimeField) or isinstance(
                field.widget, forms.DateInput | forms.DateTimeInput
            )
            if dated and not issubclass(cls, IsoDatesMixin):
                offenders.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert offenders == []


def test_the_mixin_gives_every_date_field_its_iso_widget():
    for cls in _form_classes():
        if not issubclass(cls, IsoDatesMixin):
            continue
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.DateTimeField):
                assert type(_iso_widget(field)) is IsoDateTimeInput, name
            elif isinstance(field, forms.DateField):
                assert type(_iso_widget(field)) is IsoDateInput, name
