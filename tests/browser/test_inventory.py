"""End to end: import an inventory from XLSX, fix a row error in the preview, see totals and the flow diagram."""

from __future__ import annotations

import pytest

from shouhu.inventory.models import PersonalDataFile
from shouhu.inventory.reference import seed_moj_codes
from tests.factories import ClientFactory, CompanyFactory, DepartmentFactory
from tests.inventory.sheets import FILE_HEADERS, file_row, xlsx

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.django_db(transaction=True)
def test_import_fix_row_totals_and_flow(page, mfa_user, browser_login):
    seed_moj_codes()
    CompanyFactory()
    DepartmentFactory(name="資訊部")
    ClientFactory(name="好物商城股份有限公司")
    officer = mfa_user("pd_officer", username="officer")
    data = xlsx(
        FILE_HEADERS,
        [
            file_row("會員資料", **{"一般個資筆數": 6000}),
            file_row("訂單資料", **{"權責部門": "資訊", "一般個資筆數": 2500, "利用方式": "物流出貨"}),
        ],
    )
    browser_login(officer)

    page.goto("/inventory/")
    page.click("[data-testid=import-files]")
    page.set_input_files(
        "input[name=file]", files=[{"name": "個人資料盤點表.xlsx", "mimeType": XLSX, "buffer": data}]
    )
    page.click("[data-testid=upload]")
    page.wait_for_url("**/imports/batches/*/")
    assert page.inner_text("[data-testid=error-rows]") == "1"
    bad = page.locator("[data-testid=error-row][data-row='5']")
    assert "欄位「權責部門」（B 欄）：找不到部門「資訊」" in bad.inner_text()
    assert PersonalDataFile.objects.count() == 0  # nothing written before confirmation

    bad.locator("summary").click()
    bad.locator("input[data-header='權責部門']").fill("資訊部")
    bad.locator("[data-testid=fix-row]").click()
    page.wait_for_url("**/imports/batches/*/")
    assert page.inner_text("[data-testid=error-rows]") == "0"
    page.click("[data-testid=confirm-import]")
    page.wait_for_url("**/inventory/")
    assert "匯入完成：新增 2 筆" in page.inner_text(".messages")

    assert page.inner_text("[data-testid=company-total]") == "8,500"
    assert page.inner_text("[data-testid=client-total]") == "8,500"
    assert page.locator("[data-testid=file-list] tbody tr").count() == 2

    page.click("[data-testid=flows-link]")
    diagram = page.locator("[data-testid=flow-diagram] svg")
    diagram.wait_for()
    labels = page.locator("[data-testid=flow-diagram] g.node text").all_text_contents()
    assert {"會員註冊", "出貨", "物流出貨", "到期刪除"} <= set(labels)
    assert page.locator("[data-testid=flow-diagram] path.edge").count() >= 3


@pytest.mark.django_db(transaction=True)
def test_import_adds_a_missing_column_without_uploading_again(page, mfa_user, browser_login):
    seed_moj_codes()
    CompanyFactory()
    DepartmentFactory(name="資訊部")
    DepartmentFactory(name="人資部")
    ClientFactory(name="好物商城股份有限公司")
    officer = mfa_user("pd_officer", username="officer")
    headers = [h for h in FILE_HEADERS if h != "權責部門"]
    rows = [
        [v for h, v in zip(FILE_HEADERS, file_row(name), strict=True) if h != "權責部門"]
        for name in ("會員資料", "員工資料")
    ]
    browser_login(officer)
    page.goto("/inventory/")
    page.click("[data-testid=import-files]")
    page.set_input_files(
        "input[name=file]", files=[{"name": "盤點.xlsx", "mimeType": XLSX, "buffer": xlsx(headers, rows)}]
    )
    page.click("[data-testid=upload]")
    page.wait_for_url("**/imports/batches/*/")
    assert "檔案缺少必填欄位「權責部門」" in page.inner_text("[data-testid=missing-columns]")
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.test_accessibility import serious

    assert serious(Axe().run(page).response["violations"]) == []

    column = page.locator("[data-testid=add-column][data-column='權責部門']")
    column.locator("details.per-row summary").click()
    column.locator("input[data-row='4']").fill("資訊部")
    column.locator("input[data-row='5']").fill("人資")  # a typo: kept and shown as that row's error
    column.locator("input[data-row='5']").press("Enter")  # Enter saves the per-row values, not the blank one
    page.wait_for_url("**/imports/batches/*/")
    assert page.inner_text("[data-testid=error-rows]") == "1"
    assert "找不到部門「人資」" in page.inner_text("[data-testid=error-row][data-row='5']")
    column = page.locator("[data-testid=add-column][data-column='權責部門']")
    assert column.locator("input[data-row='4']").input_value() == "資訊部"
    assert column.locator("input[data-row='5']").input_value() == "人資"
    assert PersonalDataFile.objects.count() == 0

    bad = page.locator("[data-testid=error-row][data-row='5']")
    bad.locator("summary").click()
    bad.locator("input[data-header='權責部門']").fill("人資部")
    bad.locator("[data-testid=fix-row]").click()
    page.wait_for_url("**/imports/batches/*/")
    assert page.inner_text("[data-testid=error-rows]") == "0"
    assert page.locator("[data-testid=missing-columns]").count() == 0
    page.click("[data-testid=confirm-import]")
    page.wait_for_url("**/inventory/")
    assert dict(PersonalDataFile.objects.values_list("name", "department__name")) == {
        "會員資料": "資訊部",
        "員工資料": "人資部",
    }


@pytest.mark.django_db(transaction=True)
def test_english_import_with_english_headers_adds_a_column_fixes_a_row_and_confirms(
    page, mfa_user, browser_login, live_server
):
    """The same import in English: a file with the English headers, lacking the department column and with a
    bad count; every message and column name on the preview is English; the file imports."""
    from django.conf import settings

    from shouhu.inventory.importing import FILE_ENGLISH
    from tests.import_pages import chinese_ui

    seed_moj_codes()
    CompanyFactory()
    DepartmentFactory(name="資訊部")
    ClientFactory(name="好物商城股份有限公司")
    officer = mfa_user("pd_officer", username="officer")
    headers = [h for h in FILE_HEADERS if h != "權責部門"]
    rows = [
        [
            v
            for h, v in zip(FILE_HEADERS, file_row(name, **{"一般個資筆數": count}), strict=True)
            if h != "權責部門"
        ]
        for name, count in (("會員資料", 1200), ("訂單資料", "many"))
    ]
    data = xlsx([FILE_ENGLISH[h] for h in headers], rows, title="Personal-data inventory")
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    browser_login(officer)

    page.goto("/imports/files/")
    assert page.locator("[data-testid=import-template-en]").count() == 1
    page.set_input_files(
        "input[name=file]", files=[{"name": "inventory.xlsx", "mimeType": XLSX, "buffer": data}]
    )
    page.click("[data-testid=upload]")
    page.wait_for_url("**/imports/batches/*/")
    assert "The file lacks the required column “Responsible department”" in page.inner_text(
        "[data-testid=missing-columns]"
    )
    assert chinese_ui(page.content(), [v for row in rows for v in row]) == set()

    column = page.locator("[data-testid=add-column][data-column='權責部門']")
    column.locator("[data-testid=column-value]").fill("資訊部")
    column.locator("[data-testid=column-all]").click()
    page.wait_for_url("**/imports/batches/*/")
    bad = page.locator("[data-testid=error-row][data-row='5']")
    assert "Column “General records” (column I): " in bad.inner_text()
    assert "is not a number." in bad.inner_text()
    bad.locator("summary").click()
    assert "General records" in bad.locator("label:has(input[data-header='一般個資筆數'])").inner_text()
    bad.locator("input[data-header='一般個資筆數']").fill("2500")
    bad.locator("[data-testid=fix-row]").click()
    page.wait_for_url("**/imports/batches/*/")
    assert page.inner_text("[data-testid=error-rows]") == "0"
    assert chinese_ui(page.content(), [*(v for row in rows for v in row), "資訊部"]) == set()
    page.click("[data-testid=confirm-import]")
    page.wait_for_url("**/inventory/")
    assert "Import done: 2 added" in page.inner_text(".messages")
    assert dict(PersonalDataFile.objects.values_list("name", "records_general")) == {
        "會員資料": 1200,
        "訂單資料": 2500,
    }
