"""The account list comes in through the shared import framework: preview with row errors in zh-TW, nothing
written before confirmation, Big5 CSV accepted, every upload tied to one open review."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from shouhu.imports import services as imports
from shouhu.people import services

pytestmark = pytest.mark.django_db

CSV = "帳號,姓名,員工編號,電子郵件,權限,最近登入\nwu,吳承翰,E001,,admin,2026-11-20\ntemp01,外包人員,,bad-mail,read,\nWU,重複,,,read,\n"


def _stage(officer, review, text=CSV, encoding="utf-8"):
    return imports.stage_import(actor=officer, kind="people.accounts", filename="accounts.csv",
                                data=text.encode(encoding), params={"review": review.pk})  # fmt: skip


def test_the_preview_names_each_bad_cell_and_writes_nothing(officer, review):
    batch = _stage(officer, review)
    errors = {r["row"]: r["errors"] for r in batch.rows if r["errors"]}
    assert errors == {3: {"電子郵件": ["電子郵件格式不正確。"]}, 4: {"帳號": ["與第 2 列的帳號重複。"]}}
    assert review.accounts.count() == 0


def test_confirming_skipping_bad_rows_adds_the_valid_accounts_matched_to_people(officer, review, staff):
    batch = _stage(officer, review, encoding="cp950")
    assert batch.encoding == "Big5"
    imports.confirm_import(actor=officer, batch=batch, skip_invalid=True)
    wu = review.accounts.get()
    assert (wu.username, wu.person, wu.privileges, str(wu.last_login)) == (
        "wu",
        staff["wu"],
        "admin",
        "2026-11-20",
    )


def test_an_import_needs_its_review(officer):
    with pytest.raises(ValidationError, match="找不到此存取權限審查"):
        imports.stage_import(actor=officer, kind="people.accounts", filename="a.csv", data=CSV.encode())


def test_a_closed_review_takes_no_more_accounts(officer, reviewer, accounts):
    for account in accounts.accounts.all():
        services.decide(actor=reviewer, account=account, decision="keep", reason="職務需要")
    services.close_review(actor=officer, review=accounts)
    with pytest.raises(ValidationError, match="此審查已結案"):
        _stage(officer, accounts)


def test_the_upload_page_goes_back_to_its_review(officer, review, login_as):
    client = login_as(officer)
    url = reverse("imports:upload", args=["people.accounts"]) + f"?review={review.pk}"
    assert reverse("people:review", args=[review.pk]) in client.get(url).content.decode()
    assert client.get(reverse("imports:upload", args=["people.accounts"])).status_code == 404


def test_employees_cannot_import_accounts(reviewer, review, login_as):
    url = reverse("imports:upload", args=["people.accounts"]) + f"?review={review.pk}"
    assert login_as(reviewer).get(url).status_code == 403
