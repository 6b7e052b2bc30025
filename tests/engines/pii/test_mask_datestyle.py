"""Birth dates masked in the style they were written: the partial mask keeps the year as written (ROC or
Western) and stars the month and day; a pseudonym date is written in the same calendar, order and widths."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shouhu.engines.pii import mask
from shouhu.engines.pii.mask.datestyle import restyle
from shouhu.engines.pii.normalize import fold_width
from shouhu.engines.pii.recognizers.dates import parse_date

KEY = b"k" * 32


@pytest.mark.parametrize(
    ("written", "masked"),
    [
        ("民國80年1月2日", "民國80年*月*日"),
        ("民國80年1月12日", "民國80年*月*日"),  # as many stars for a 12th as for a 2nd
        ("80/01/02", "80/**/**"),
        ("080.01.02", "080.**.**"),
        ("1991/1/2", "1991/*/*"),
        ("1991-01-02", "1991-**-**"),
        ("02/01/1991", "**/**/1991"),
        ("19910102", "1991****"),
        ("0800102", "080****"),
        ("８０．０１．０２", "８０．**．**"),
    ],
)
def test_the_partial_mask_keeps_the_year_as_written(written: str, masked: str) -> None:
    iso = parse_date(fold_width(written))
    assert iso is not None
    assert restyle(written, iso, None) == masked


@pytest.mark.parametrize("written", ["民國八十年一月二日", "Jan 2, 1991", "2 January 1991"])
def test_dates_not_written_in_digits_get_no_style(written: str) -> None:
    assert restyle(written, "1991-01-02", None) is None


def test_a_masked_copy_keeps_each_birth_dates_style(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(
        '姓名,生日\n王小明,民國69年5月17日\n林美華,1991/01/02\n陳大同,"May 17, 1980"\n', encoding="utf-8"
    )
    mask.mask_file(str(source), str(target), mask.Policy(key=KEY))
    rows = [line.split(",", 1)[1] for line in target.read_text(encoding="utf-8").splitlines()[1:]]
    assert rows == ["民國69年*月*日", "1991/**/**", "1980-**-**"]  # no digits in style: the ISO form


_STYLES = [
    lambda d: f"民國{d.year - 1911}年{d.month}月{d.day}日",
    lambda d: f"{d.year - 1911:03d}/{d.month:02d}/{d.day:02d}",
    lambda d: f"{d.year - 1911}.{d.month:02d}.{d.day:02d}",
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}",
    lambda d: f"{d.year}{d.month:02d}{d.day:02d}",
    lambda d: f"{d.year - 1911:03d}{d.month:02d}{d.day:02d}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
]


def _skeleton(text: str) -> str:
    return re.sub(r"[0-9]+", "9", text)


@given(
    # from ROC 32 on, the ROC year is never also a month or a day (ROC 12 of 12/12 is another case below)
    day=st.dates(min_value=dt.date(1943, 1, 1), max_value=dt.date(2025, 12, 31)),
    style=st.sampled_from(range(len(_STYLES))),
    shift=st.integers(min_value=-90, max_value=90),
)
def test_a_pseudonym_date_reads_back_as_itself_in_the_same_style(
    day: dt.date, style: int, shift: int
) -> None:
    written = _STYLES[style](day)
    new = day + dt.timedelta(days=shift)
    restyled = restyle(written, day.isoformat(), new)
    assert restyled is not None
    assert parse_date(restyled) == new.isoformat()
    assert _skeleton(restyled) == _skeleton(written)  # same calendar, order and separators
    if min(day.month, day.day) < 10:  # the written date shows whether it pads: so does the pseudonym
        assert restyled == _STYLES[style](new)


def test_a_roc_year_that_could_be_the_month_gets_no_style() -> None:
    assert restyle("民國12年12月5日", "1923-12-05", None) is None
