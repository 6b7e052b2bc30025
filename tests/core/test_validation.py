"""The shared date validator: the sane range, the span, the zh-TW message naming the field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from shouhu.core.validation import Span, check_dates, date_error, is_sane

NOW = dt.datetime(2026, 11, 27, 4, 0, tzinfo=dt.UTC)  # 2026-11-27 12:00 in Taipei
TPE = dt.timezone(dt.timedelta(hours=8))


@pytest.mark.parametrize(
    ("value", "span", "ok"),
    [
        (dt.date(71, 1, 1), Span.PAST, False),  # the 0071-01-01
        (dt.datetime(71, 1, 1, tzinfo=TPE), Span.PAST, False),
        (dt.datetime(1, 1, 1, tzinfo=TPE), Span.PAST, False),  # would overflow when moved to UTC
        (dt.date(1911, 12, 31), Span.PAST, False),  # the day before 民國元年
        (dt.date(1912, 1, 1), Span.PAST, True),
        (dt.datetime(1912, 1, 1, 0, 0, tzinfo=TPE), Span.PAST, True),
        (dt.date(2027, 11, 28), Span.PAST, True),  # now + 366 days
        (dt.date(2027, 11, 29), Span.PAST, False),
        (dt.date(2027, 11, 29), Span.PLAN, True),  # a due date next year is fine
        (dt.date(2126, 11, 27), Span.PLAN, True),
        (dt.date(2126, 12, 1), Span.PLAN, False),
        (dt.date(9999, 12, 31), Span.PLAN, False),
        (None, Span.PAST, True),
    ],
)
def test_range(value: dt.date | None, span: Span, ok: bool) -> None:
    assert (date_error(value, label="發現時間", span=span, now=NOW) is None) is ok


def test_message_names_the_field_and_the_range() -> None:
    message = date_error(dt.date(71, 1, 1), label="發現時間", now=NOW)
    assert message == "發現時間（0071-01-01）不在合理範圍內：須介於 1912-01-01 與 2027-11-28 之間"


def test_check_dates_reports_every_bad_field_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        check_dates(
            {
                "discovered_at": ("發現時間", dt.datetime(71, 1, 1, tzinfo=TPE)),
                "aware_at": ("知悉時間", NOW),
                "occurred_at": ("發生時間", dt.datetime(1900, 1, 1, tzinfo=TPE)),
            },
            now=NOW,
        )
    assert set(caught.value.message_dict) == {"discovered_at", "occurred_at"}
    assert caught.value.message_dict["occurred_at"][0].startswith("發生時間（1900-01-01）")


def test_readers_only_skip_what_no_service_would_write() -> None:
    assert is_sane(dt.date(2040, 1, 1))  # a plan date is not "bad" for a reader
    assert not is_sane(dt.date(71, 1, 1))


@pytest.mark.parametrize(
    "value", [dt.date(71, 1, 1), dt.datetime(71, 1, 1, tzinfo=TPE), dt.datetime(1, 1, 1, tzinfo=dt.UTC)]
)
def test_pages_show_a_stored_bad_date_instead_of_failing(value: dt.date) -> None:
    from shouhu.core.templatetags.shouhu import roc, taipei

    assert roc(value).endswith("（日期異常）")
    if isinstance(value, dt.datetime):
        assert taipei(value).endswith("（日期異常）")


@pytest.mark.django_db
def test_check_instance_parses_an_iso_string_as_the_field_would() -> None:
    from shouhu.assessment.models import Assessment
    from shouhu.core.validation import check_instance

    assessment = Assessment(assessed_on="2026-11-20")
    check_instance(assessment, ["assessed_on"], past={"assessed_on"}, now=NOW)
    assert assessment.assessed_on == dt.date(2026, 11, 20)


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["2026-13-01", "not a date"])
def test_check_instance_names_the_field_of_an_unparseable_string(text: str) -> None:
    from shouhu.assessment.models import Assessment
    from shouhu.core.validation import check_instance

    with pytest.raises(ValidationError) as caught:
        check_instance(Assessment(assessed_on=text), ["assessed_on"], now=NOW)
    assert caught.value.message_dict["assessed_on"] == ["檢查時間不是有效的日期"]
