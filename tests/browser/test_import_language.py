"""A bad inventory file uploaded on a zh-TW page, its preview (the row-fix page) then opened in English: every
row error reads in English, and the row can be fixed and the import confirmed there."""

from __future__ import annotations

import pytest
from django.conf import settings

from shouhu.inventory.models import PersonalDataFile
from shouhu.inventory.reference import seed_moj_codes
from tests.browser.journeys import shot
from tests.factories import ClientFactory, CompanyFactory, DepartmentFactory
from tests.inventory.sheets import FILE_HEADERS, file_row, xlsx

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.django_db(transaction=True)
def test_row_errors_uploaded_in_chinese_read_in_english(page, mfa_user, browser_login, live_server):
    seed_moj_codes()
    CompanyFactory()
    DepartmentFactory(name="資訊部")
    ClientFactory(name="好物商城股份有限公司")
    officer = mfa_user("pd_officer", username="officer")
    data = xlsx(
        FILE_HEADERS,
        [file_row("會員資料"), file_row("訂單資料", **{"權責部門": "資訊", "一般個資筆數": "many"})],
    )
    browser_login(officer)
    # given: uploaded on the zh-TW page
    page.goto("/inventory/")
    page.click("[data-testid=import-files]")
    page.set_input_files("input[name=file]", files=[{"name": "盤點.xlsx", "mimeType": XLSX, "buffer": data}])
    page.click("[data-testid=upload]")
    page.wait_for_url("**/imports/batches/*/")
    bad = page.locator("[data-testid=error-row][data-row='5']")
    assert "找不到部門「資訊」" in bad.inner_text()
    # when: the same preview is opened in English
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    page.reload()
    errors = bad.locator(".import-errors").inner_text()
    shot(page, "import-language", "preview-en")
    # then: the errors read in English, with the columns' English names
    assert (
        "Department “資訊” not found; the departments are: 資訊部 (add a new one under Organisation first)."
        in errors
    )
    assert '"many" is not a number.' in errors
    assert "Responsible department" in errors
    assert "找不到" not in errors
    assert "不是數字" not in errors
    # and the row is fixed and confirmed on the English page
    bad.locator("summary").click()
    bad.locator("input[data-header='權責部門']").fill("資訊部")
    bad.locator("input[data-header='一般個資筆數']").fill("2500")
    bad.locator("[data-testid=fix-row]").click()
    page.wait_for_url("**/imports/batches/*/")
    assert page.inner_text("[data-testid=error-rows]") == "0"
    page.click("[data-testid=confirm-import]")
    page.wait_for_url("**/inventory/")
    assert PersonalDataFile.objects.count() == 2
