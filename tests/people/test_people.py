"""Per person: confidentiality undertakings (evidence kept), and whether they handle personal data —
derived from the inventory, unknown when the inventory cannot tell."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from shouhu.people import selectors, services
from tests.factories import PersonFactory
from tests.people.conftest import PDF

pytestmark = pytest.mark.django_db


def test_an_undertaking_keeps_the_signed_copy_in_the_evidence_store(officer, staff):
    signed = timezone.localdate() - dt.timedelta(days=3)
    u = services.record_undertaking(actor=officer, person=staff["wu"], signed_on=signed, file=PDF,
                                    filename="切結書.pdf")  # fmt: skip
    assert u.file.locked
    assert u.file.context == f"people.undertaking:{staff['wu'].pk}"
    assert selectors.current_undertaking(staff["wu"]) == u


def test_an_undertaking_past_the_companys_own_term_is_no_longer_current(officer, staff):
    today = timezone.localdate()
    services.record_undertaking(actor=officer, person=staff["wu"], signed_on=today - dt.timedelta(days=400),
                                valid_until=today - dt.timedelta(days=1), file=PDF, filename="a.pdf")  # fmt: skip
    assert selectors.current_undertaking(staff["wu"]) is None


def test_an_undertaking_cannot_be_signed_in_the_future(officer, staff):
    with pytest.raises(ValidationError, match="簽署日不可晚於今天"):
        services.record_undertaking(actor=officer, person=staff["wu"], file=PDF, filename="a.pdf",
                                    signed_on=timezone.localdate() + dt.timedelta(days=1))  # fmt: skip


def test_staff_cannot_record_undertakings(reviewer, staff):
    with pytest.raises(PermissionDenied):
        services.record_undertaking(actor=reviewer, person=staff["wu"], signed_on=timezone.localdate(),
                                    file=PDF, filename="a.pdf")  # fmt: skip


def test_handling_is_unknown_while_the_inventory_is_empty(org):
    person = PersonFactory(name="王小明", department=org["it"])
    assert selectors.handles_personal_data(person).value is None


def test_a_person_whose_department_keeps_a_file_handles_personal_data(make_file, staff):
    make_file()
    handling = selectors.handles_personal_data(staff["wu"])
    assert handling.value is True
    assert handling.reasons == ["所屬部門「資訊部」為 1 個個人資料檔案之權責部門"]


def test_an_account_on_a_system_holding_personal_data_counts(make_file, accounts, staff):
    make_file()
    handling = selectors.handles_personal_data(staff["lee"])  # 人資部 keeps no file, but has an account
    assert handling.reasons == ["於存有個資之系統「會員資料庫」有帳號 lee.k"]


def test_a_person_with_no_link_to_the_inventory_does_not_handle_it(make_file, staff):
    make_file()
    assert selectors.handles_personal_data(staff["lee"]).value is False


def test_the_person_page_shows_undertaking_handling_and_accounts(
    officer, make_file, accounts, staff, login_as
):
    make_file()
    services.record_undertaking(actor=officer, person=staff["wu"], signed_on=timezone.localdate(), file=PDF,
                                filename="切結書.pdf")  # fmt: skip
    page = login_as(officer).get(reverse("people:person", args=[staff["wu"].pk])).content.decode()
    assert "切結書.pdf" in page
    assert "所屬部門「資訊部」為 1 個個人資料檔案之權責部門" in page
    assert "會員資料庫 115 年下半年權限審查" not in page  # the review is linked by its system's name
    assert ">會員資料庫</a>" in page


def test_employees_cannot_open_the_people_pages(reviewer, staff, login_as):
    client = login_as(reviewer)
    assert client.get(reverse("people:index")).status_code == 403
    assert client.get(reverse("people:person", args=[staff["wu"].pk])).status_code == 403
