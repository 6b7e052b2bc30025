import tarfile

import pytest

from shouhu.core.backup import BackupError, create_backup, restore_backup, verify_archive
from shouhu.evidence import services as evidence
from shouhu.organization.models import Department

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n%%EOF\n"


def test_backup_contains_database_evidence_and_a_verified_manifest(tmp_path, make_user):
    user = make_user("admin")
    evidence.store(actor=user, file=PDF, filename="a.pdf")
    result = create_backup(tmp_path / "b.tar.gz")
    manifest = verify_archive(result.path)
    assert result.files == 1
    assert any(name.startswith("evidence/") for name in manifest["files"])


def test_tampered_archive_is_refused_before_restore(tmp_path, make_user):
    make_user("admin")
    result = create_backup(tmp_path / "b.tar.gz")
    with tarfile.open(result.path) as src, tarfile.open(tmp_path / "bad.tar.gz", "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.startswith("database/"):
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            import io

            dst.addfile(member, io.BytesIO(data))
    with pytest.raises(BackupError, match="雜湊不符"):
        verify_archive(tmp_path / "bad.tar.gz")


def test_restore_brings_back_deleted_rows(tmp_path, admin_user):
    Department.objects.create(name="資訊部")
    result = create_backup(tmp_path / "b.tar.gz")
    Department.objects.all().delete()
    restore_backup(result.path)
    assert Department.objects.filter(name="資訊部").exists()
