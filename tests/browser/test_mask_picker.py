"""The masked database copy's table and column picker in Chromium, in zh-TW and English: the page's own
script (no inline script under the CSP) greys out a table left out and shows the new database's name only
when one is created; the pick runs a copy of just the ticked table with the chosen methods."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from django.conf import settings

from shouhu.jobs.models import Job
from shouhu.scans import services
from tests.browser.journeys import sign_in
from tests.scans.test_mask_database import _fill

pytestmark = pytest.mark.browser

TEXT = {
    "zh-hant": {
        "inspect": "連線來源，列出資料表與欄位",
        "rows": "3 筆",
        "category": "國民身分證統一編號",
        "status": "已選 1／2 個資料表",
        "new": "建立新資料庫",
        "partial": "部分遮罩",
    },
    "en": {
        "inspect": "Connect to the source and list its tables and columns",
        "rows": "3 rows",
        "category": "National ID number",
        "status": "1 of 2 tables chosen",
        "new": "Create a new database",
        "partial": "Partial masking",
    },
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_pick_tables_and_methods_then_copy(
    page: Any, make_user: Any, live_server: Any, tmp_path: Path, language: str
) -> None:
    text = TEXT[language]
    src = f"sqlite:///{tmp_path / 'crm.db'}"
    _fill(src)
    admin = make_user("admin", username=f"mask-admin-{language}")
    source = services.create_source(
        actor=admin, data={"name": "CRM", "kind": "database", "database_url": src, "sample_rows": 0}
    )
    blocked: list[str] = []
    page.on(
        "console", lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    sign_in(page, admin, live_server, language=language)
    page.goto(f"/scans/sources/{source.pk}/mask/")

    new_name = page.locator(".js-new-only")
    assert new_name.is_hidden()  # shown only when a new database is made
    page.get_by_role("link", name=text["inspect"]).click()
    page.wait_for_url("**/mask/?inspect=1")
    customers = page.locator("[data-testid=pick-table-customers]")
    assert text["rows"] in customers.locator("h2").inner_text()
    assert page.inner_text("[data-testid=category-customers-national_id]") == text["category"]

    page.locator("[data-testid=pick-table-orders] input[name=pick_table]").uncheck()
    assert page.inner_text(".js-pick-status") == text["status"]
    assert page.locator("[data-testid=method-orders-national_id]").is_disabled()  # greyed out, not sent
    page.select_option("[data-testid=method-customers-name]", label=text["partial"])
    page.get_by_label(text["new"]).check()
    assert new_name.is_visible()
    copy_name = "picked_" + language.replace("-", "_")
    page.fill("[name=new_name]", copy_name)
    page.click("[data-testid=mask-database-submit]")
    page.wait_for_url("**/jobs/*/")

    job = Job.objects.get(kind="scans.mask_database")
    assert (job.status, job.error) == ("succeeded", "")
    picked = [(r.get("table"), r["pattern"], r["method"], r["category"]) for r in job.params["picked"]]
    assert ("customers", "name", "partial", "person_name") in picked
    copy = sa.create_engine(f"sqlite:///{Path(settings.SHOUHU_HOME) / 'masked-copies' / copy_name}.sqlite3")
    with copy.connect() as conn:
        assert sa.inspect(conn).get_table_names() == ["customers"]
        names = conn.execute(sa.text("SELECT name FROM customers ORDER BY id")).scalars().all()
    copy.dispose()
    assert names == ["王○明", "林○華", "陳○同"]
    assert blocked == []
