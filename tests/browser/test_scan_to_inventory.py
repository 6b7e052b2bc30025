"""From a scan result to a new personal-data file in one step (prefilled, count labelled as a lower bound),
in zh-TW and in English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from shouhu.inventory.models import PersonalDataFile
from shouhu.inventory.reference import seed_moj_codes
from shouhu.scans import services
from shouhu.scans.models import ScanRun
from tests.browser.journeys import sign_in
from tests.factories import CompanyFactory, DepartmentFactory
from tests.scans.conftest import CSV_TEXT

pytestmark = pytest.mark.browser

TEXT = {
    "zh-hant": {
        "button": "以掃描結果建立個人資料檔案…",
        "title": "依掃描結果新增個人資料檔案",
        "lower": "筆數是下限估計：",
        "saved": "已依掃描結果新增個人資料檔案：客服匯出",
    },
    "en": {
        "button": "Create a personal-data file from this scan…",
        "title": "New personal-data file from a scan",
        "lower": "The count is a lower bound:",
        "saved": "Personal-data file created from the scan: 客服匯出",
    },
}


@pytest.mark.parametrize("language", ["zh-hant", "en"])
@pytest.mark.django_db(transaction=True)
def test_scan_result_becomes_a_linked_personal_data_file(
    page: Any, make_user: Any, live_server: Any, tmp_path: Path, language: str
) -> None:
    text = TEXT[language]
    seed_moj_codes()
    CompanyFactory()
    DepartmentFactory(name="客服部")
    officer = make_user("pd_officer", username=f"scan-officer-{language}")
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "people.csv").write_text(CSV_TEXT, encoding="utf-8")
    admin = make_user("admin", username=f"scan-admin-{language}")  # only administrators set server paths
    source = services.create_source(
        actor=admin, data={"name": "客服匯出", "kind": "path", "path": str(folder), "max_size_mb": 1}
    )
    run = services.start_run(actor=officer, source=source)  # runs inline when it commits
    assert ScanRun.objects.get(pk=run.pk).status == "succeeded"

    sign_in(page, officer, live_server, language=language)
    page.goto(f"/scans/runs/{run.pk}/")
    page.get_by_role("link", name=text["button"]).click()
    page.wait_for_url(f"**/inventory/files/new/?scan={run.pk}")
    assert page.inner_text("h1") == text["title"]
    assert text["lower"] in page.inner_text("[data-testid=lower-bound]")
    assert page.input_value("[name=records_general]") == "2"
    assert page.input_value("[name=storage_locations]") == f"{folder}\n{folder}/people.csv"
    chosen = page.locator("[data-testid=categories-chosen] button").all_inner_texts()
    assert [c.split()[0] for c in chosen] == (
        ["C〇〇一", "C〇〇三"] if language == "zh-hant" else ["C001", "C003"]
    )

    page.select_option("[name=department]", label="客服部")
    page.locator("[name=data_subjects]").first.check()
    page.locator("[name=legal_bases]").first.check()
    page.fill("[data-testid=purposes-search]", "090")
    page.press("[data-testid=purposes-search]", "Enter")
    page.click("[data-testid=save]")
    page.wait_for_url("**/inventory/files/*/")
    assert text["saved"] in page.inner_text(".messages")

    pd_file = PersonalDataFile.objects.get(name="客服匯出")
    assert (pd_file.records_general, pd_file.count_source) == (2, "scan")
    assert sorted(pd_file.categories.values_list("code", flat=True)) == ["C001", "C003"]
    assert [p.code for p in pd_file.purposes.all()] == ["090"]
    assert list(source.files.all()) == [pd_file]
