import datetime as dt
import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from shouhu.evidence import services
from shouhu.evidence.models import Evidence, EvidenceBlob

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.fixture
def officer(make_user):
    return make_user("pd_officer")


def test_store_records_sha256_size_name_and_uploader(officer):
    evidence = services.store(actor=officer, file=PDF, filename="報告.pdf")
    import hashlib

    assert evidence.blob.sha256 == hashlib.sha256(PDF).hexdigest()
    assert evidence.blob.size == len(PDF)
    assert evidence.original_name == "報告.pdf"
    assert evidence.uploaded_by == officer


def test_same_content_is_stored_once(officer):
    a = services.store(actor=officer, file=PDF, filename="a.pdf")
    b = services.store(actor=officer, file=PDF, filename="b.pdf")
    assert a.blob_id == b.blob_id
    assert EvidenceBlob.objects.count() == 1
    assert Evidence.objects.count() == 2


def test_default_retention_is_five_years(officer):
    evidence = services.store(actor=officer, file=PDF, filename="a.pdf")
    today = timezone.localdate()
    assert evidence.retention_until == today.replace(year=today.year + 5)


def test_type_is_checked_by_content_not_extension(officer):
    with pytest.raises(services.EvidenceError, match="不符"):
        services.store(actor=officer, file=PDF, filename="偽裝.docx")


def test_executable_content_is_refused(officer):
    with pytest.raises(services.EvidenceError, match="不允許"):
        services.store(actor=officer, file=b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, filename="a.txt")


def test_docx_is_recognised(officer):
    assert services.store(actor=officer, file=docx_bytes(), filename="政策.docx").blob.kind == "docx"


def test_file_over_the_size_limit_is_refused_and_nothing_is_written(officer, settings):
    settings.SHOUHU_EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(services.EvidenceError, match="大小上限"):
        services.store(actor=officer, file=b"a" * 2048, filename="big.txt")
    assert not EvidenceBlob.objects.exists()


def test_deletion_before_retention_is_refused(make_user, officer):
    admin = make_user("admin")
    evidence = services.store(actor=officer, file=PDF, filename="a.pdf")
    with pytest.raises(services.EvidenceError, match="期限前不可刪除"):
        services.delete(actor=admin, evidence=evidence)
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_deletion_under_legal_hold_is_refused_even_after_retention(make_user, officer):
    admin = make_user("admin")
    evidence = services.store(actor=officer, file=PDF, filename="a.pdf")
    Evidence.objects.filter(pk=evidence.pk).update(
        retention_until=timezone.localdate() - dt.timedelta(days=1)
    )
    evidence.refresh_from_db()
    services.set_legal_hold(actor=admin, evidence=evidence, hold=True)
    with pytest.raises(services.EvidenceError, match="訴訟保存"):
        services.delete(actor=admin, evidence=evidence)


def test_deletion_after_retention_removes_the_file(make_user, officer, django_capture_on_commit_callbacks):
    admin = make_user("admin")
    evidence = services.store(actor=officer, file=PDF, filename="a.pdf")
    Evidence.objects.filter(pk=evidence.pk).update(retention_until=timezone.localdate())
    evidence.refresh_from_db()
    key = evidence.blob.storage_key
    with django_capture_on_commit_callbacks(execute=True):
        services.delete(actor=admin, evidence=evidence)
    assert not services.storage().exists(key)


def test_download_records_chain_of_custody(make_user, officer):
    auditor = make_user("auditor")
    evidence = services.store(actor=officer, file=PDF, filename="a.pdf")
    with services.open_for_read(actor=auditor, evidence=evidence) as fh:
        assert fh.read() == PDF
    assert evidence.accesses.get().user == auditor


def test_verify_command_detects_a_changed_file(officer):
    evidence = services.store(actor=officer, file=PDF, filename="a.pdf")
    path = services.storage().path(evidence.blob.storage_key)
    with open(path, "ab") as fh:
        fh.write(b"tampered")
    with pytest.raises(CommandError, match="1 / 1"):
        call_command("evidence", "verify")


def test_staff_upload_via_page_and_auditor_cannot_upload(client, make_user, login_as):
    from django.core.exceptions import PermissionDenied

    auditor = make_user("auditor")
    with pytest.raises(PermissionDenied):
        services.store(actor=auditor, file=PDF, filename="a.pdf")
