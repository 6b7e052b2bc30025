"""Transfer and retention pages and API."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from shouhu.thirdparties.models import DisposalRecord, Transfer


def test_the_transfer_form_registers_a_transfer(login_as, officer):
    web = login_as(officer)
    response = web.post(
        reverse("thirdparties:transfer_new"),
        {
            "data_description": "會員資料備份",
            "recipient": "雲端備份商",
            "country": "日本",
            "purpose": "災害復原",
            "legal_basis": "contract",
            "art21_result": "unknown",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert Transfer.objects.get().country == "日本"
    assert "日本" in web.get(reverse("thirdparties:transfers")).content.decode()


def test_the_disposal_form_stores_the_proof(login_as, officer):
    web = login_as(officer)
    web.post(
        reverse("thirdparties:disposal_new"),
        {
            "kind": "destruction",
            "data_description": "舊申請書",
            "method": "碎紙",
            "performed_at": (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "place": "文件室",
            "performed_by": "林專員",
            "proof": SimpleUploadedFile("紀錄.pdf", b"%PDF-1.4\n% proof\n"),
        },
    )
    record = DisposalRecord.objects.get()
    assert record.proof.original_name == "紀錄.pdf"
    assert web.get(reverse("thirdparties:proof", args=[record.pk])).status_code == 200


def test_the_api_lists_transfers_and_countries(login_as, officer):
    web = login_as(officer)
    created = web.post(
        "/api/v1/thirdparties/transfers",
        {
            "data_description": "帳務資料",
            "recipient": "母公司",
            "country": "美國",
            "purpose": "集團財務",
            "legal_basis": "law",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    assert web.get("/api/v1/thirdparties/transfers/countries").json() == ["美國"]


def test_an_auditor_reads_but_cannot_open_the_forms(login_as, auditor):
    web = login_as(auditor)
    assert web.get(reverse("thirdparties:retention")).status_code == 200
    assert web.get(reverse("thirdparties:transfer_new")).status_code == 403
