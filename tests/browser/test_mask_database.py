"""Browser: a database scan source is scanned, then copied into a masked database from its page — the
scan's findings prefill the column rules, the job page shows progress and, per table and column, what was
done — in zh-TW, then the same result page in English. The copy keeps its joins; the source is unchanged."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shouhu.engines.pii.checksums import valid_national_id
from shouhu.scans import services

pytestmark = pytest.mark.browser

RAW = ("王小明", "林美華", "A123456789", "F131104093", "0912345678")


def _crm(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.executescript(
            """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, national_id TEXT UNIQUE, mobile TEXT);
            INSERT INTO customers VALUES (1, '王小明', 'A123456789', '0912345678'),
                                         (2, '林美華', 'F131104093', '0922333444');
            CREATE TABLE orders (id INTEGER PRIMARY KEY, national_id TEXT REFERENCES customers(national_id),
                                 amount INTEGER);
            INSERT INTO orders VALUES (10, 'A123456789', 300), (11, 'F131104093', 7);
            """
        )


def _rows(page: Any, testid: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in page.locator(f"[data-testid={testid}] tbody tr").all()
    ]


def test_scan_then_copy_a_database_masked_in_both_languages(
    mfa_user: Callable[..., Any], browser_login: Callable[[Any], Any], page: Any, tmp_path: Path
) -> None:
    _crm(tmp_path / "crm.db")
    before = hashlib.sha256((tmp_path / "crm.db").read_bytes()).hexdigest()
    admin = mfa_user("admin")
    source = services.create_source(
        actor=admin,
        data={
            "name": "CRM",
            "kind": "database",
            "database_url": f"sqlite:///{tmp_path / 'crm.db'}",
            "sample_rows": 0,
        },
    )
    browser_login(admin)

    page.goto(f"/scans/sources/{source.pk}/")
    page.click("[data-testid=run-scan]")
    page.wait_for_selector("[data-testid=run-status]:has-text('完成')")
    page.goto(f"/scans/sources/{source.pk}/")
    page.click("[data-testid=mask-database]")
    rules = page.input_value("textarea[name=rules]")
    assert "national_id=pseudonym:tw_national_id" in rules.splitlines()
    assert page.input_value("textarea[name=tables]").split() == ["customers", "orders"]
    page.fill("input[name=target_url]", f"sqlite:///{tmp_path / 'masked.db'}")
    page.select_option("select[name=default]", "partial")
    page.click("[data-testid=mask-database-submit]")

    page.wait_for_selector("[data-testid=job-status]:has-text('完成')")
    assert page.get_attribute("#job-progress progress", "value") == "100"
    result = page.inner_text("[data-testid=mask-database-result]")
    assert "遮罩副本結果" in result
    assert "已複製 2 筆" in result
    assert sorted(_rows(page, "mask-table-customers")) == [
        ["mobile", "行動電話", "假名", "2"],
        ["name", "姓名", "假名", "2"],
        ["national_id", "國民身分證統一編號", "假名", "2"],
    ]
    assert _rows(page, "mask-table-orders") == [["national_id", "國民身分證統一編號", "假名", "2"]]
    assert not any(raw in page.content() for raw in RAW)

    job_url = page.url
    page.click("[data-testid=lang-en]")
    page.goto(job_url)
    result = page.inner_text("[data-testid=mask-database-result]")
    assert "Masked copy result" in result
    assert "2 rows copied" in result
    assert page.locator("[data-testid=mask-table-orders] thead th").all_inner_texts() == [
        "Column",
        "Category",
        "Masking method",
        "Masked",
    ]
    assert _rows(page, "mask-table-orders") == [["national_id", "National ID number", "Pseudonym", "2"]]
    page.click("[data-testid=lang-zh]")

    with sqlite3.connect(tmp_path / "masked.db") as conn:
        ids = [r[0] for r in conn.execute("SELECT national_id FROM customers ORDER BY id")]
        joined = conn.execute(
            "SELECT o.id, c.id FROM orders o JOIN customers c ON o.national_id = c.national_id ORDER BY o.id"
        ).fetchall()
    assert all(valid_national_id(i) and i not in RAW for i in ids)
    assert joined == [(10, 1), (11, 2)]
    assert hashlib.sha256((tmp_path / "crm.db").read_bytes()).hexdigest() == before
