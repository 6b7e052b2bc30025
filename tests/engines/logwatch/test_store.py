"""The Parquet store: a batch written twice is replaced, never doubled; months are separate partitions."""

from __future__ import annotations

import datetime as dt

from shouhu.engines.logwatch.store import ParquetStore, month_bounds, month_of
from shouhu.engines.logwatch.timeparse import TAIPEI, to_ms


def row(when: str, line: int, account: str = "wang.mei"):
    ts = to_ms(dt.datetime.fromisoformat(when).replace(tzinfo=TAIPEI))
    return (ts, "http", "61.220.14.7", account, "GET", "/a\tb", 200, "", 10, -1, "ua", "", "", line)


def test_batches_are_idempotent_and_split_by_month(tmp_path):
    store = ParquetStore(tmp_path)
    rows = [row("2026-04-30T23:59:00", 1), row("2026-05-01T00:01:00", 2), row("2026-05-01T10:00:00", 3, "")]
    for _ in range(2):
        w = store.writer(5, "f1-o0")
        w.write(rows, ["TW", "TW", "TW"])
        assert w.commit() == 3
    assert store.count(5) == 3
    assert sorted(p.parent.name for p in store.source_dir(5).glob("*/*.parquet")) == [
        "month=2026-04",
        "month=2026-05",
    ]
    days = store.daily(5, *month_bounds("2026-05"))
    assert [(d.day, d.events, d.bytes, d.accounts) for d in days] == [(dt.date(2026, 5, 1), 2, 20, 1)]
    (found,) = store.events(5, start_ms=0, end_ms=2**62, lines=(2,))
    assert (found["target"], found["country"]) == ("/a b", "TW")


def test_month_of_uses_taiwan_time():
    assert month_of(to_ms(dt.datetime(2026, 4, 30, 16, 30, tzinfo=dt.UTC))) == "2026-05"
