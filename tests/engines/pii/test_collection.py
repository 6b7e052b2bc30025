"""The collector's thresholds are raised while a scan runs and put back as they were found afterwards,
however scans nest or overlap in threads; a collector switched off stays off."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from shouhu.engines.pii import scan_path
from shouhu.engines.pii.collection import SCAN_THRESHOLDS, fewer_collections


@pytest.fixture(autouse=True)
def _default_thresholds() -> Iterator[None]:
    found, enabled = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(700, 10, 10)
    gc.enable()
    yield
    gc.set_threshold(*found)
    if not enabled:
        gc.disable()


def test_thresholds_are_raised_inside_and_put_back_after() -> None:
    with fewer_collections():
        assert gc.get_threshold() == SCAN_THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_threshold_set_by_the_application_is_kept() -> None:
    gc.set_threshold(500_000, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == (500_000, 50, 1_000)
    assert gc.get_threshold() == (500_000, 10, 10)


def test_nested_scans_put_the_thresholds_back_only_when_the_outer_one_ends() -> None:
    with fewer_collections():
        with fewer_collections():
            pass
        assert gc.get_threshold() == SCAN_THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)


def test_overlapping_scans_in_threads_put_back_what_the_first_found_whichever_ends_first() -> None:
    first_in, first_may_end = threading.Event(), threading.Event()

    def first() -> None:
        with fewer_collections():
            first_in.set()
            first_may_end.wait(5)

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with fewer_collections():
        first_may_end.set()
        thread.join(5)
        assert gc.get_threshold() == SCAN_THRESHOLDS  # the first ended, this one still runs
    assert gc.get_threshold() == (700, 10, 10)


def test_a_collector_switched_off_stays_off() -> None:
    gc.disable()
    with fewer_collections():
        assert not gc.isenabled()
        assert gc.get_threshold() == (700, 10, 10)
    gc.set_threshold(0)
    with fewer_collections():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold()[0] == 0


def test_a_scan_leaves_the_thresholds_as_it_found_them(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("身分證字號 A123456789\n", encoding="utf-8")
    result = scan_path(str(tmp_path), key=b"k")
    assert [f.category for f in result.findings] == ["tw_national_id"]
    assert gc.get_threshold() == (700, 10, 10)
