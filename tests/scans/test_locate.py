"""Locating one person's values by keyed digest: the latest run's rows, never the value itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from shouhu.scans import selectors
from shouhu.scans.models import ScanRun, ScanSource, ScanValueDigest
from tests.scans.conftest import EMAILS, NATIONAL_IDS, PHONES, RAW_VALUES

RunSource = Callable[[ScanSource], ScanRun]


def _where(identifier: str) -> set[tuple[str, str, str]]:
    return {
        (r.location.rsplit("/", 1)[-1], r.column, r.category)
        for r in selectors.locate(selectors.identifier_digests(identifier))
    }


def test_a_phone_is_found_in_every_file_that_holds_it(path_source: ScanSource, run_source: RunSource) -> None:
    run_source(path_source)
    assert _where(PHONES[1]) == {("people.csv", "手機", "mobile_phone"), ("call.txt", "", "mobile_phone")}


def test_an_id_number_and_an_e_mail_are_found_in_their_columns(
    path_source: ScanSource, run_source: RunSource
) -> None:
    run_source(path_source)
    assert _where(NATIONAL_IDS[0].lower()) == {("people.csv", "身分證字號", "tw_national_id")}
    assert _where(EMAILS[1]) == {("people.csv", "email", "email")}


def test_a_value_nobody_holds_is_not_found(path_source: ScanSource, run_source: RunSource) -> None:
    run_source(path_source)
    assert _where("0911222333") == set()


def test_only_the_latest_run_of_a_source_answers(
    path_source: ScanSource, run_source: RunSource, data_dir: Path
) -> None:
    run_source(path_source)
    (data_dir / "notes" / "call.txt").write_text("已刪除\n", encoding="utf-8")
    run_source(path_source)
    assert _where(PHONES[1]) == {("people.csv", "手機", "mobile_phone")}


def test_digests_are_stored_without_the_values(path_source: ScanSource, run_source: RunSource) -> None:
    run = run_source(path_source)
    stored = list(ScanValueDigest.objects.filter(finding__run=run).values_list("digest", flat=True))
    assert len(stored) == 2 + 2 + 2 + 1 + 2  # ids, phones, e-mails, the phone in call.txt, names
    assert not any(value in digest for digest in stored for value in RAW_VALUES)
    assert all(len(d) == 32 for d in stored)
