"""Sane ranges for every date and datetime a service writes (issue 11 High #2).

One employee typing ``0071-01-01`` must not be stored: every later page that shows it in ROC years and every
scheduled job that formats it would fail. Services check each date field here before saving, with a zh-TW
message that names the field; readers of rows written before this check use ``is_sane`` to skip (and count)
a bad row instead of failing on it.

Two spans:
- ``PAST`` — something that happened (發現時間, 評估日期, 完成日): 1912-01-01 … now + 1 year. The year of slack
  covers clock skew and a date typed a little ahead; the services that need "not in the future" say so
  themselves, more strictly.
- ``PLAN`` — a date set for the future (完成期限, 下次檢視日期, 保存至): 1912-01-01 … now + 100 years.
1912-01-01 is 民國元年: official forms show ROC dates, so nothing earlier can be printed on them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

TAIPEI = ZoneInfo("Asia/Taipei")
EARLIEST = dt.date(1912, 1, 1)


class Span(StrEnum):
    PAST = "past"
    PLAN = "plan"


_AHEAD = {Span.PAST: dt.timedelta(days=366), Span.PLAN: dt.timedelta(days=36525)}


def bounds(span: Span = Span.PAST, *, now: dt.datetime | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day (Asia/Taipei) a value in ``span`` may have."""
    now = now or timezone.now()
    return EARLIEST, (now + _AHEAD[span]).astimezone(TAIPEI).date()


def _day(value: dt.date | dt.datetime) -> dt.date:
    """The calendar day of a value; aware datetimes in Asia/Taipei, without overflowing at year 1."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.date()
        try:
            return value.astimezone(TAIPEI).date()
        except OverflowError:
            return value.date()
    return value


def date_error(
    value: dt.date | dt.datetime | None, *, label: str, span: Span = Span.PAST, now: dt.datetime | None = None
) -> str | None:
    """The zh-TW message for a value outside its span, or None when it is fine (None values are fine)."""
    if value is None:
        return None
    if not isinstance(value, dt.date):
        return _("%(label)s不是有效的日期") % {"label": label}
    first, last = bounds(span, now=now)
    day = _day(value)
    if first <= day <= last:
        return None
    return _("%(label)s（%(value)s）不在合理範圍內：須介於 %(first)s 與 %(last)s 之間") % {
        "label": label,
        "value": f"{day.year:04d}-{day.month:02d}-{day.day:02d}",
        "first": first.isoformat(),
        "last": last.isoformat(),
    }


def is_sane(value: dt.date | dt.datetime | None, span: Span = Span.PLAN) -> bool:
    """For readers of stored rows: False when the value could not have passed ``date_error``.

    The default span is the wide one: a row is only skipped when no service would ever have written it.
    """
    return date_error(value, label="", span=span) is None


def check_dates(
    values: Mapping[str, tuple[str, dt.date | dt.datetime | None]],
    *,
    span: Span = Span.PAST,
    now: dt.datetime | None = None,
) -> None:
    """``{field: (label, value)}``: raise one ValidationError naming every field out of range."""
    errors = {}
    for field, (label, value) in values.items():
        message = date_error(value, label=label, span=span, now=now)
        if message:
            errors[field] = [message]
    if errors:
        raise ValidationError(errors)


def _parse(field: Any, text: str) -> dt.date | dt.datetime | None:
    """An ISO string as the field's value; naive datetimes are read in the current time zone (Asia/Taipei)."""
    value = field.to_python(text.strip()) if text.strip() else None
    if isinstance(value, dt.datetime) and timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _is_date_field(field: Any) -> bool:
    return isinstance(field, models.DateField)  # DateTimeField is a DateField


def check_instance(
    instance: models.Model,
    fields: Iterable[str] | None = None,
    *,
    past: Iterable[str] = (),
    now: dt.datetime | None = None,
) -> None:
    """Check the date fields of ``instance`` named in ``fields`` (all when None) before it is saved.

    Fields in ``past`` are events (``Span.PAST``); the others get the wide ``Span.PLAN``, so even a field
    nobody classified cannot hold a year-71 date. Labels are the model fields' verbose names.
    """
    names = None if fields is None else set(fields)
    past = set(past)
    errors: dict[str, list[str]] = {}
    for field in instance._meta.concrete_fields:
        # A field named in the write that cannot hold NULL (an API ``null``): full_clean skips blank=True
        # fields whose value is None, and the database would refuse the row with an error page.
        if names is not None and field.name in names and not field.null and not field.primary_key:
            if getattr(instance, field.attname) is None:
                errors[field.name] = [_("%(label)s不可為空值") % {"label": str(field.verbose_name)}]
    for field in instance._meta.concrete_fields:
        if (
            field.name in errors
            or not _is_date_field(field)
            or (names is not None and field.name not in names)
        ):
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        span = Span.PAST if field.name in past else Span.PLAN
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            # Services also take ISO strings (API payloads, scripts): parse them as the field would on save.
            try:
                value = _parse(field, value)
            except ValidationError:
                errors[field.name] = [_("%(label)s不是有效的日期") % {"label": str(field.verbose_name)}]
                continue
            setattr(instance, field.attname, value)
        message = date_error(value, label=str(field.verbose_name), span=span, now=now)
        if message:
            errors[field.name] = [message]
    if errors:
        raise ValidationError(errors)
