"""Transfers (Art. 21 check), retention periods and purge-due lists, disposal records with locked proof,
and the end-of-contract deletion certificate."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from docx import Document

from shouhu.evidence.services import read_bytes_internal
from shouhu.thirdparties import selectors, services

PROOF = b"%PDF-1.4\n% proof\n"


def _transfer(officer: Any, **extra: Any) -> Any:
    data = {
        "data_description": "會員資料備份",
        "recipient": "雲端備份商",
        "country": "新加坡",
        "purpose": "災害復原",
        "legal_basis": "contract",
        **extra,
    }
    return services.save_transfer(actor=officer, data=data)


def _disposal(officer: Any, **extra: Any) -> Any:
    data = {
        "kind": "destruction",
        "data_description": "會員申請書紙本",
        "method": "碎紙機銷毀",
        "performed_at": timezone.now() - dt.timedelta(days=1),
        "place": "總部文件室",
        "performed_by": "林專員",
        **extra,
    }
    return services.record_disposal(actor=officer, data=data, proof=PROOF, proof_name="紀錄.pdf")


def test_a_transfer_starts_unchecked_and_lists_its_country(officer):
    transfer = _transfer(officer)
    assert transfer.art21_result == "unknown"
    assert list(selectors.unchecked_transfers()) == [transfer]
    assert selectors.transfer_countries() == ["新加坡"]


def test_a_check_result_needs_its_date(officer):
    with pytest.raises(ValidationError) as exc:
        _transfer(officer, art21_result="clear")
    assert "art21_checked_on" in exc.value.message_dict


def test_a_recent_clear_check_leaves_the_unchecked_list(officer):
    _transfer(officer, art21_result="clear", art21_checked_on=timezone.localdate() - dt.timedelta(days=10))
    assert not selectors.unchecked_transfers().exists()


def test_a_check_older_than_a_year_is_due_again(officer):
    _transfer(officer, art21_result="clear", art21_checked_on=timezone.localdate() - dt.timedelta(days=400))
    assert selectors.unchecked_transfers().count() == 1


def test_an_auditor_cannot_register_a_transfer(auditor):
    with pytest.raises(PermissionDenied):
        _transfer(auditor)


@pytest.mark.parametrize(
    ("start", "amount", "unit", "due"),
    [
        (dt.date(2024, 1, 31), 1, "months", dt.date(2024, 2, 29)),
        (dt.date(2024, 2, 29), 1, "years", dt.date(2025, 2, 28)),
        (dt.date(2024, 11, 15), 3, "months", dt.date(2025, 2, 15)),
        (dt.date(2024, 1, 1), 30, "days", dt.date(2024, 1, 31)),
        (dt.date(2020, 6, 30), 5, "years", dt.date(2025, 6, 30)),
    ],
)
def test_a_period_is_added_in_calendar_units(start, amount, unit, due):
    assert services.add_period(start, amount, unit) == due


def test_a_batch_due_within_thirty_days_is_on_the_purge_list_until_disposed(officer):
    rule = services.save_rule(
        actor=officer,
        data={
            "name": "客服錄音",
            "duration": 6,
            "unit": "months",
            "basis": "作業規範",
            "start_event": "collected",
        },
    )
    today = timezone.localdate()
    soon = services.start_batch(
        actor=officer, rule=rule, label="上半年", started_on=today - dt.timedelta(days=170)
    )
    services.start_batch(actor=officer, rule=rule, label="本月", started_on=today)
    assert list(selectors.purge_due()) == [soon]
    disposal = services.record_disposal(
        actor=officer,
        data={
            "kind": "deletion",
            "data_description": "客服錄音",
            "method": "系統刪除並清除備份",
            "performed_at": timezone.now(),
            "place": "錄音主機",
            "performed_by": "林工程師",
        },
        proof=PROOF,
        proof_name="刪除報告.pdf",
        batches=[soon],
    )
    assert not selectors.purge_due().exists()
    soon.refresh_from_db()
    assert soon.disposed == disposal


def test_a_disposals_proof_is_locked_for_five_years(officer):
    disposal = _disposal(officer)
    assert disposal.proof.locked
    assert disposal.proof.retention_until >= timezone.localdate() + dt.timedelta(days=5 * 365)


def test_a_transfer_record_needs_the_recipient_and_its_basis(officer):
    with pytest.raises(ValidationError) as exc:
        _disposal(officer, kind="transfer")
    assert set(exc.value.message_dict) == {"recipient", "recipient_basis"}


def test_the_certificate_lists_the_clients_records(officer, client_a):
    record = _disposal(officer, client=client_a, data_description="甲公司會員資料庫")
    cert = services.issue_certificate(
        actor=officer, client=client_a, contract_ended_on=timezone.localdate(), records=[record]
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(read_bytes_internal(cert.document))).paragraphs)
    assert "甲電商股份有限公司" in text
    assert "甲公司會員資料庫" in text
    assert "碎紙機銷毀" in text
    assert cert.document.locked


def test_the_certificate_refuses_another_clients_records(officer, client_a):
    other = _disposal(officer)
    with pytest.raises(ValidationError):
        services.issue_certificate(
            actor=officer, client=client_a, contract_ended_on=timezone.localdate(), records=[other]
        )


def test_the_files_notice_names_the_countries_of_its_registered_transfers(officer, admin_user):
    import datetime as dt

    from shouhu.inventory import services as inventory
    from shouhu.inventory.models import Category, Purpose
    from shouhu.inventory.notices import build
    from shouhu.inventory.reference import seed_moj_codes
    from tests.factories import DepartmentFactory

    seed_moj_codes()
    pd_file = inventory.create_file(
        actor=admin_user,
        data={
            "name": "會員資料",
            "department": DepartmentFactory(name="資訊部"),
            "role": "controller",
            "data_subjects": ["consumer"],
            "legal_bases": ["2"],
            "records_general": 500,
            "counted_on": dt.date(2025, 1, 2),
            "purposes": [Purpose.objects.get(code="090")],
            "categories": [Category.objects.get(code="C001")],
        },
    )
    _transfer(officer, file=pd_file, country="日本")
    _transfer(officer, country="美國")  # another file's transfer
    text = build(pd_file)
    assert "中華民國境內，以及日本" in text
    assert "美國" not in text


def test_the_certificate_is_named_in_the_readers_language(officer, client_a):
    from django.utils import translation

    record = _disposal(officer, client=client_a, data_description="甲公司會員資料庫")
    day = timezone.localdate().isoformat()
    cert = services.issue_certificate(actor=officer, client=client_a, contract_ended_on=timezone.localdate(),
                                      records=[record])  # fmt: skip
    assert cert.document.original_name == f"甲電商股份有限公司_資料刪除證明書_{day}.docx"
    with translation.override("en"):
        assert cert.document.display_name == f"甲電商股份有限公司_data-deletion-certificate_{day}.docx"
        assert cert.document.download_name == cert.document.display_name
