"""實施情形 ZIP: the period's access-review results (locked XLSX and PDF) and offboarding records, listed in
the SHA-256 manifest; a period without them says so in 00_說明.txt."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import timezone

from shouhu.evidence.services import read_bytes_internal
from shouhu.people import services as people
from tests.inventory.conftest import file_data, make_file, org, seeded, system  # noqa: F401
from tests.people.conftest import accounts, officer, review, reviewer, staff  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_zip_holds_the_access_review_results_and_the_offboarding_records(
    officer,  # noqa: F811
    reviewer,  # noqa: F811
    accounts,  # noqa: F811
    staff,  # noqa: F811
    report_zip,
):
    for account in accounts.accounts.all():
        people.decide(actor=reviewer, account=account, decision="keep", reason="職務需要")
    closed = people.close_review(actor=officer, review=accounts)
    offboarding = people.start_offboarding(
        actor=officer, person=staff["lee"], leaving_on=timezone.localdate()
    )
    zf = report_zip(officer, days=30)
    xlsx = f"07_存取權限審查/R-{closed.pk}_會員資料庫.xlsx"
    assert zf.read(xlsx) == read_bytes_internal(closed.report)
    if closed.report_pdf is not None:
        assert zf.read(xlsx.replace(".xlsx", ".pdf")) == read_bytes_internal(closed.report_pdf)
    sums = dict(line.split("  ", 1)[::-1] for line in zf.read("SHA256SUMS.txt").decode().splitlines())
    assert sums[xlsx] == closed.report.blob.sha256
    listed = list(csv.reader(io.StringIO(zf.read("02_實施紀錄/存取權限審查.csv").decode("utf-8-sig"))))
    assert listed[1][:7] == [f"R-{closed.pk}", "會員資料庫", closed.title, listed[1][3], "3", "0", "0"]
    leavers = list(csv.reader(io.StringIO(zf.read("02_實施紀錄/離職檢核.csv").decode("utf-8-sig"))))
    assert [r[0] for r in leavers[1:]] == ["李冠廷"] * offboarding.items.count()
    assert {r[2] for r in leavers[1:]} == {"未完成"}


def test_a_period_without_access_reviews_says_so(officer, report_zip):  # noqa: F811
    zf = report_zip(officer, days=30)
    notes = zf.read("00_說明.txt").decode()
    assert "存取權限審查：期間內無結案之審查。" in notes
    assert "離職檢核：期間內無紀錄。" in notes
    assert not [n for n in zf.namelist() if n.startswith("07_")]
