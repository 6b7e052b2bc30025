"""Parsers never raise on any input: every line is an event or a counted reject with a known reason."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shouhu.engines.logwatch import FORMATS, REASONS, make_parser, run

LINE = st.one_of(
    st.text(max_size=300),
    st.from_regex(
        r'\A[0-9.:a-f]{1,20} - \S{0,8} \[[^\]]{0,30}\] "[^"]{0,40}" [0-9-]{1,4} [0-9-]{1,6}( "[^"]{0,10}" "[^"]{0,10}")?\Z'
    ),
    st.from_regex(
        r"\A\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,3})? (CST|UTC|\+08) \[\d{1,5}\] [a-z.]{0,6}@[a-z]{0,4} (LOG|FATAL):  .{0,60}\Z"
    ),
    st.from_regex(
        r"\A\d{8} \d\d:\d\d:\d\d,[a-z0-9]{0,4},[a-z]{0,5},[0-9.]{0,15},\d{1,3},\d{1,3},[A-Z_]{1,15},[a-z]{0,4},.{0,30},-?\d{0,4}\Z"
    ),
    st.builds(
        lambda d: __import__("json").dumps(d),
        st.dictionaries(
            st.sampled_from(["timestamp", "user", "ip", "status", "bytes", "rows", "path", "outcome"]),
            st.one_of(
                st.none(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30), st.booleans()
            ),
        ),
    ),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(lines=st.lists(LINE, max_size=12), fmt=st.sampled_from(sorted(FORMATS)))
def test_any_lines_parse_or_are_rejected_with_a_reason(lines, fmt):
    options = {"mapping": {"time": "timestamp"}} if fmt == "csv" else {}
    parser = make_parser(fmt, options)
    rows, rejects = parser.parse(lines, 1)
    assert len(rows) + len(rejects) <= len(lines)  # a CSV header line is neither
    assert all(r.reason in REASONS for r in rejects)
    for row in rows:
        assert len(row) == 14
        assert isinstance(row[0], int)
        assert all("\n" not in str(v) for v in row)


@SETTINGS
@given(data=st.binary(max_size=2000), fmt=st.sampled_from(sorted(FORMATS)))
def test_any_bytes_are_read_without_crashing(data, fmt):
    result = run(io.BytesIO(data), parser=make_parser(fmt), sink=None)
    assert result.end == len(data) or data.startswith(b"\x1f\x8b")
    skipped = sum(n for reason, n in result.rejects.counts.items() if reason != "corrupt")
    assert result.events + skipped <= result.lines


def test_a_broken_gzip_file_is_read_up_to_the_break():
    import gzip

    whole = gzip.compress(b'1.2.3.4 - - [04/May/2026:09:00:00 +0800] "GET / HTTP/1.1" 200 1\n' * 2000)
    result = run(io.BytesIO(whole[: len(whole) // 2]), parser=make_parser("combined"), sink=None)
    assert result.corrupt
    assert result.rejects.counts["corrupt"] == 1
