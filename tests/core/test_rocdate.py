import datetime as dt

import pytest

from shouhu.core.rocdate import TAIPEI, RocDateError, format_roc_date, format_roc_short, parse_date


def test_roc_date_of_2026_11_26():
    assert format_roc_date(dt.date(2026, 11, 26)) == "民國115年11月26日"


def test_roc_datetime_is_shown_in_taipei_time():
    utc = dt.datetime(2026, 11, 26, 20, 5, tzinfo=dt.UTC)
    assert format_roc_date(utc, with_time=True) == "民國115年11月27日4時05分"


def test_naive_datetime_is_refused():
    with pytest.raises(RocDateError):
        format_roc_date(dt.datetime(2026, 1, 1), with_time=True)  # noqa: DTZ001


@pytest.mark.parametrize(
    "text", ["2026-11-26", "115/11/26", "民國115年11月26日", "115年11月26日", "1151126", "115.11.26"]
)
def test_parse_date_accepts_iso_and_roc_forms(text):
    assert parse_date(text) == dt.date(2026, 11, 26)


@pytest.mark.parametrize("text", ["115/02/30", "tomorrow", "26/11/2026"])
def test_parse_date_refuses_bad_input_in_zh(text):
    with pytest.raises(RocDateError):
        parse_date(text)


def test_short_form():
    assert format_roc_short(dt.date(2026, 1, 5)) == "115/01/05"


def test_taipei_is_utc_plus_8():
    assert dt.datetime(2026, 1, 1, tzinfo=TAIPEI).utcoffset() == dt.timedelta(hours=8)
