"""An organisation's contact data is not listed as personal data; a person's contact data at work is."""

from __future__ import annotations

from pathlib import Path

import pytest

from shouhu.engines.pii import mask, scan_path, scan_text

KEY = b"k" * 32


def categories(text: str) -> list[str]:
    return [f.category for f in scan_text(text, key=KEY)]


@pytest.mark.parametrize("box", ["service", "billing", "noreply", "it-admin", "SALES", "support+tw"])
def test_a_role_mailbox_is_not_personal(box: str) -> None:
    assert "email" not in categories(f"To: {box}@hongshuo.com.tw")


@pytest.mark.parametrize("box", ["amy.chen", "service.wang", "info2", "hr.lin", "sales-amy"])
def test_a_persons_mailbox_at_work_is_personal(box: str) -> None:
    assert categories(f"From: {box}@hongshuo.com.tw") == ["email"]


@pytest.mark.parametrize(
    "text",
    [
        "公司地址：新竹市東區公益路四段4號16樓　統一編號：12345675",
        "公司地址：50021彰化縣彰化市育英街93巷19號5F",
        "營業地址 臺南市新營區光復路二段204之7號",
        "北辰系統整合股份有限公司 總機 (06)578-0123 300新竹市東區公益路四段4號16樓",
        "寄件：宏碩資訊股份有限公司 臺南市新營區光復路二段204之7號 客服專線 0800-214-006",
    ],
)
def test_an_organisations_address_is_not_personal(text: str) -> None:
    assert "address" not in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "地址：新竹市東區公益路四段4號16樓",
        "收件地址 臺南市新營區光復路二段204之7號",
        "北辰系統整合股份有限公司 聯絡人 王小明 臺南市新營區光復路二段204之7號",
        "北辰系統整合股份有限公司 王小明 臺南市新營區光復路二段204之7號",
        "客戶王小明 任職於宏碩資訊股份有限公司 住址 臺南市新營區光復路二段204之7號",
    ],
)
def test_a_persons_address_stays_personal_on_a_line_that_names_a_company(text: str) -> None:
    assert "address" in categories(text)


@pytest.mark.parametrize(
    "text",
    ["匯入 帳號 668047686172（公司戶）", "保險公司匯出帳戶：668047686172", "法人帳戶 668047686172"],
)
def test_a_company_account_is_not_personal(text: str) -> None:
    assert "bank_account" not in categories(text)


def test_a_persons_account_stays_personal() -> None:
    assert categories("退款帳號 668047686172（本人戶）") == ["bank_account"]


def test_a_switchboard_is_still_reported_as_a_landline() -> None:
    # whose line an office number is cannot be read from the text (organisations.CONTACT)
    assert categories("北辰系統整合股份有限公司 總機 (06)578-0123") == ["landline_phone"]


def test_columns_named_for_the_company_are_not_personal_and_the_others_are(tmp_path: Path) -> None:
    (tmp_path / "vendors.csv").write_text(
        "廠商名稱,公司地址,匯款帳號(公司戶),聯絡人,窗口手機,窗口地址\n"
        "北辰系統整合股份有限公司,新竹市東區公益路四段4號16樓,668047686172,王小明,0912-345-678,"
        "臺南市新營區光復路二段204之7號\n",
        encoding="utf-8",
    )
    found = {(f.column, f.category) for f in scan_path(str(tmp_path), key=KEY).findings}
    assert found == {("聯絡人", "person_name"), ("窗口手機", "mobile_phone"), ("窗口地址", "address")}


def test_a_masked_copy_keeps_the_company_columns_the_scanner_does_not_report(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text(
        "聯絡人,公司地址,地址\n王小明,新竹市東區公益路四段4號16樓,臺南市新營區光復路二段204之7號\n",
        encoding="utf-8",
    )
    mask.mask_file(str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), mask.Policy(key=KEY))
    row = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()[1].split(",")
    assert row[1] == "新竹市東區公益路四段4號16樓"
    assert row[0] != "王小明"
    assert row[2] != "臺南市新營區光復路二段204之7號"


def test_a_column_rule_still_masks_a_company_column_when_asked(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("公司地址\n新竹市東區公益路四段4號16樓\n", encoding="utf-8")
    rules = [mask.ColumnRule("公司地址", "remove", None)]
    mask.mask_file(str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), mask.Policy(key=KEY, columns=rules))
    assert "公益路" not in (tmp_path / "out.csv").read_text(encoding="utf-8")
