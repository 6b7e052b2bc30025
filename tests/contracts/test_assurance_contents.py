"""The assurance pack carries the latest self-check's report files (XLSX, and PDF where WeasyPrint works),
and its certificates are picked by searching the evidence store the reader may read."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from shouhu.assessment.models import Result
from shouhu.contracts import assurance
from shouhu.contracts.models import AssurancePack, PackStatus
from shouhu.evidence.services import store
from tests.assessment.conftest import completed_self_check
from tests.factories import DepartmentFactory, RoleAssignmentFactory, UserFactory


def _archive(pack: AssurancePack) -> zipfile.ZipFile:
    pack.refresh_from_db()
    assert pack.status == PackStatus.DONE
    return zipfile.ZipFile(io.BytesIO(_read(pack)))


def _read(pack: AssurancePack) -> bytes:
    from shouhu.evidence.services import open_for_read

    with open_for_read(actor=pack.created_by, evidence=pack.archive) as handle:
        return handle.read()


@pytest.fixture
def completed(officer: Any) -> Any:
    return completed_self_check(officer, {"pd-1.1.1": Result.NONCONFORM})


def test_the_pack_holds_the_latest_self_checks_report_files(
    officer, completed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pack = assurance.request_pack(actor=officer, sections=["selfcheck"])
    archive = _archive(pack)
    reports = sorted(n for n in archive.namelist() if n.startswith(f"{assurance.SELFCHECK_DIR}/"))
    assert reports[0].endswith(".pdf")  # WeasyPrint is installed here
    assert reports[-1].endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(archive.read(reports[-1])))
    assert book.sheetnames  # a real workbook, not a text summary
    summary = archive.read("01_摘要.txt").decode()
    assert "不符合 1 項" in summary
    assert f"報告檔：{reports[0]}、{reports[1]}" in summary


def test_certificates_are_found_by_name_module_and_upload_date(officer, login_as):
    iso = store(actor=officer, file=b"%PDF-1.4\n% ISO\n", filename="ISO27001證書.pdf", check_perm=False)
    store(actor=officer, file=b"%PDF-1.4\n% other\n", filename="會議紀錄.pdf", check_perm=False)
    web = login_as(officer)
    page = web.get(reverse("contracts:packs"), {"q": "ISO27001"}).content.decode()
    assert "ISO27001證書.pdf" in page
    assert "會議紀錄.pdf" not in page
    roc_day = timezone.localtime(iso.uploaded_at).date()
    by_date = web.get(
        reverse("contracts:packs"), {"q": f"{roc_day.year - 1911}/{roc_day.month}/{roc_day.day}"}
    )
    assert "會議紀錄.pdf" in by_date.content.decode()
    empty = web.get(reverse("contracts:packs")).content.decode()
    assert "ISO27001證書.pdf" not in empty  # nothing is offered until the reader searches


def test_the_page_builds_a_pack_with_a_searched_certificate(
    officer, login_as, django_capture_on_commit_callbacks
):
    iso = store(actor=officer, file=b"%PDF-1.4\n% ISO\n", filename="ISO27001證書.pdf", check_perm=False)
    web = login_as(officer)
    with django_capture_on_commit_callbacks(execute=True):
        web.post(
            reverse("contracts:packs") + "?q=ISO",
            {"sections": ["certificates"], "evidence_ids": [str(iso.pk)]},
        )
    pack = AssurancePack.objects.get()
    assert pack.evidence_ids == [iso.pk]
    assert any(n.endswith("ISO27001證書.pdf") for n in _archive(pack).namelist())


def test_a_file_of_another_department_cannot_be_packed_by_a_department_officer(officer):
    it, hr = DepartmentFactory(name="資訊部"), DepartmentFactory(name="人資部")
    scoped = UserFactory(username="it-officer")
    RoleAssignmentFactory(user=scoped, role="pd_officer", department=it)
    hidden = store(
        actor=officer,
        file=b"%PDF-1.4\n% hr\n",
        filename="人資證書.pdf",
        check_perm=False,
        department_id=hr.pk,
    )
    assert assurance.find_certificates(scoped, "人資證書") == []
    with pytest.raises(ValidationError) as caught:
        assurance.request_pack(actor=scoped, sections=["certificates"], evidence_ids=[hidden.pk])
    assert caught.value.message_dict["evidence_ids"] == ["部分檔案不存在，或您無權讀取"]
