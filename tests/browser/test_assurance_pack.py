"""Browser: the officer searches the evidence store for a certificate, builds an assurance pack with the
latest self-check's report, downloads the ZIP, and every file in it matches its SHA-256 in the manifest."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from typing import Any

import pytest

from shouhu.assessment.models import Result
from shouhu.contracts.assurance import SELFCHECK_DIR
from shouhu.evidence.services import store
from tests.assessment.conftest import completed_self_check
from tests.factories import ClientFactory, CompanyFactory

pytestmark = pytest.mark.browser


def test_build_an_assurance_pack_and_check_its_manifest(
    page: Any, browser_login: Callable[[Any], Any], mfa_user: Callable[..., Any]
) -> None:
    # given a completed self-check, a certificate and an unrelated file in the evidence store
    CompanyFactory(name="守護資訊股份有限公司")
    client = ClientFactory(name="甲電商股份有限公司")
    officer = mfa_user("pd_officer", username="officer")
    completed_self_check(officer, {"pd-1.1.1": Result.NONCONFORM})
    store(actor=officer, file=b"%PDF-1.4\n% ISO 27001\n", filename="ISO27001證書.pdf", check_perm=False)
    store(actor=officer, file=b"%PDF-1.4\n% minutes\n", filename="會議紀錄.pdf", check_perm=False)
    browser_login(officer)

    # when the officer searches for the certificate and builds a pack for the client
    page.goto("/contracts/packs/")
    page.fill("input[name=q]", "ISO27001")
    page.click("[data-testid=pack-search] button")
    certificates = page.locator("[data-testid=pack-certificates]")
    assert "ISO27001證書.pdf" in certificates.inner_text()
    assert "會議紀錄.pdf" not in certificates.inner_text()
    certificates.locator("input[name=evidence_ids]").check()
    page.select_option("select[name=client]", str(client.pk))
    page.check("input[name=sections][value=selfcheck]")
    page.check("input[name=sections][value=certificates]")
    page.click("[data-testid=pack-submit]")

    # then the pack is listed, and its ZIP downloads with a manifest every file matches
    page.goto("/contracts/packs/")
    with page.expect_download() as info:
        page.click("[data-testid=pack-download]")
    with zipfile.ZipFile(info.value.path()) as archive:
        names = set(archive.namelist())
        sums = archive.read("SHA256SUMS.txt").decode().splitlines()
        listed = {}
        for line in sums:
            digest, path = line.split("  ", 1)
            listed[path] = digest
            assert hashlib.sha256(archive.read(path)).hexdigest() == digest
        assert set(listed) == names - {"SHA256SUMS.txt"}
        assert any(n.startswith(f"{SELFCHECK_DIR}/") and n.endswith(".xlsx") for n in names)
        assert any(n.endswith("ISO27001證書.pdf") for n in names)
        assert not any(n.endswith("會議紀錄.pdf") for n in names)
        assert "提供對象：甲電商股份有限公司" in archive.read("01_摘要.txt").decode()
