"""The account list comes in through the shared import framework: preview with row errors in zh-TW, nothing
written before confirmation, Big5 CSV accepted, every upload tied to one open review."""

from __future__ import annotations

import io

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


# Header rows as the systems write them (values made up): Microsoft Entra ID's 「下載使用者」 CSV, Google
# Workspace's 「下載使用者」 CSV, and util-linux ``lslogins --output=USER,UID,GECOS,SUPP-GROUPS,LAST-LOGIN,PWD-LOCK
# --time-format=iso`` turned into CSV.
ENTRA = (
    "userPrincipalName,displayName,surname,mail,givenName,id,userType,jobTitle,department,accountEnabled,"
    "usageLocation,streetAddress,state,country,physicalDeliveryOfficeName,city,postalCode,telephoneNumber,"
    "mobile,alternateEmailAddress,ageGroup,consentProvidedForMinor,legalAgeGroupClassification,companyName,"
    "creationType,directorySynced,invitationState,identityIssuer,createdDateTime\n"
    "wu.ch@contoso.tw,吳承翰,吳,wu@example.tw,承翰,4f1c2d9e-0000-4000-8000-000000000001,Member,工程師,資訊部,"
    "True,TW,,臺北市,Taiwan,,,,,,,,,,,,,,contoso.onmicrosoft.com,2024-03-01T02:00:00Z\n"
    "old.vendor@contoso.tw,外包廠商,,,,4f1c2d9e-0000-4000-8000-000000000002,Guest,,,False,,,,,,,,,,,,,,,"
    "Invitation,,Accepted,ExternalAzureAD,2023-05-02T02:00:00Z\n"
)
GOOGLE = (
    "First Name [Required],Last Name [Required],Email Address [Required],Password [Required],"
    "Password Hash Function [UPLOAD ONLY],Org Unit Path [Required],New Primary Email [UPLOAD ONLY],"
    "Status [READ ONLY],Last Sign In [READ ONLY],Email Usage [READ ONLY],Employee ID,Employee Type,"
    "Employee Title,Manager Email,Department,2sv Enrolled [READ ONLY],2sv Enforced [READ ONLY]\n"
    "冠廷,李,lee@example.tw,****,,/人資部,,Active,2026/11/20 09:15:33,0.1GB,E002,,專員,wu@example.tw,人資部,"
    "True,False\n"
    "Mei,Chen,mei@example.tw,****,,/,,Suspended,Never logged in,0GB,,,,,,False,False\n"
)
LINUX = (
    "USER,UID,GECOS,SUPP-GROUPS,LAST-LOGIN,PWD-LOCK\n"
    'wu,1001,吳承翰,"sudo,adm",2026-11-19T23:30:00+00:00,0\n'
    "backup,1002,備份帳號,backup,,1\n"
)


def _accounts(review):
    return {a.username: a for a in review.accounts.all()}


def test_an_entra_id_user_export_is_read_by_its_english_headers(officer, review, staff):
    batch = _stage(officer, review, ENTRA)
    assert [r["errors"] for r in batch.rows] == [{}, {}]
    imports.confirm_import(actor=officer, batch=batch)
    accounts = _accounts(review)
    wu = accounts["wu.ch@contoso.tw"]
    assert (wu.display_name, wu.email, wu.enabled, wu.person) == (
        "吳承翰",
        "wu@example.tw",
        True,
        staff["wu"],
    )
    assert accounts["old.vendor@contoso.tw"].enabled is False


def test_a_google_workspace_export_takes_the_login_from_the_email_address(officer, review, staff):
    batch = _stage(officer, review, GOOGLE)
    assert [r["errors"] for r in batch.rows] == [{}, {}]
    imports.confirm_import(actor=officer, batch=batch)
    lee, mei = _accounts(review)["lee@example.tw"], _accounts(review)["mei@example.tw"]
    assert (lee.email, lee.display_name, str(lee.last_login), lee.enabled, lee.person) == (
        "lee@example.tw", "李冠廷", "2026-11-20", True, staff["lee"],
    )  # fmt: skip
    assert (mei.display_name, mei.last_login, mei.enabled) == ("Mei Chen", None, False)


def test_a_linux_listing_reads_groups_lock_and_last_login_in_taipei_time(officer, review):
    imports.confirm_import(actor=officer, batch=_stage(officer, review, LINUX))
    wu, backup = _accounts(review)["wu"], _accounts(review)["backup"]
    assert (wu.privileges, str(wu.last_login), wu.enabled) == ("sudo,adm", "2026-11-20", True)
    assert backup.enabled is False


def test_an_account_status_word_nobody_knows_is_a_row_error(officer, review):
    batch = _stage(officer, review, "username,status\nwu,pending-approval\n")
    assert batch.rows[0]["errors"] == {
        "帳號狀態": [
            "看不懂帳號狀態「pending-approval」；請填啟用／停用（或 Active、Suspended、True、False）。"
        ]
    }


def test_chinese_headers_still_win_over_english_ones(officer, review):
    batch = _stage(officer, review, "帳號,username,電子郵件\nwu,someone-else,wu@example.tw\n")
    assert batch.rows[0]["values"]["帳號"] == "wu"


def test_the_template_lists_the_english_headers_beside_the_chinese_ones(officer, login_as):
    from openpyxl import load_workbook

    response = login_as(officer).get(reverse("imports:template", args=["people.accounts"]))
    guide = {row[0]: row[3] for row in load_workbook(io.BytesIO(response.content))["填寫說明"].iter_rows(
        min_row=2, values_only=True)}  # fmt: skip
    assert "username" in guide["帳號"]
    assert "userPrincipalName" in guide["帳號"]
    assert "last sign in" in guide["最近登入"]


def test_row_errors_uploaded_in_chinese_read_in_english(officer, review):
    from django.utils import translation

    from shouhu.core.importing.reader import shown

    batch = _stage(officer, review)
    with translation.override("en"):
        read = {r["row"]: shown(r["errors"], r.get("error_keys")) for r in batch.rows if r["errors"]}
    assert read == {3: {"電子郵件": ["Not a valid e-mail address."]}, 4: {"帳號": ["Same account as row 2."]}}
