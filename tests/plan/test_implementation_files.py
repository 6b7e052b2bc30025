"""實施情形 ZIP: the self-check reports and the incidents' 函復主管機關資料 of the period, or what is missing."""

from __future__ import annotations

import hashlib

import pytest

from shouhu.evidence.services import read_bytes_internal
from shouhu.incidents import package
from tests.assessment.conftest import completed_self_check
from tests.incidents.conftest import chief, client_a, company, facts, incident, now, officer  # noqa: F401
from tests.incidents.test_package import LETTER

pytestmark = pytest.mark.django_db


def test_the_zip_holds_the_self_check_report_and_the_incident_package_under_the_manifest(
    officer,  # noqa: F811
    incident,  # noqa: F811
    report_zip,
):
    done = completed_self_check(officer, {})
    pkg = package.build(actor=officer, incident=incident, letter=LETTER, with_pdf=False)
    zf = report_zip(officer)
    names = set(zf.namelist())
    reports = sorted(n for n in names if n.startswith(f"05_自我檢查報告/A-{done.pk}_"))
    assert reports[-1].endswith(".xlsx")  # the PDF too when WeasyPrint is installed
    assert zf.read(reports[-1])[:2] == b"PK"
    packaged = f"06_事故函復資料/I-{incident.pk}_{pkg.archive.original_name}"
    assert zf.read(packaged) == read_bytes_internal(pkg.archive)
    sums = dict(line.split("  ", 1)[::-1] for line in zf.read("SHA256SUMS.txt").decode().splitlines())
    assert {packaged, *reports} <= set(sums)
    assert all(hashlib.sha256(zf.read(p)).hexdigest() == sums[p] for p in (packaged, *reports))
    assert "尚未產生函復主管機關資料" not in zf.read("00_說明.txt").decode()


def test_an_incident_without_its_package_and_a_period_without_a_self_check_are_listed_as_missing(
    officer,  # noqa: F811
    incident,  # noqa: F811
    report_zip,
):
    zf = report_zip(officer)
    text = zf.read("00_說明.txt").decode()
    assert f"事故 I-{incident.pk}：尚未產生函復主管機關資料（附錄三）" in text
    assert "自我檢查報告：期間內無完成之自我檢查或內部稽核。" in text
    assert not [n for n in zf.namelist() if n.startswith(("05_", "06_"))]
