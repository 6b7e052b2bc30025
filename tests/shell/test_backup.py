import gzip
import hashlib
import io
import json
import os
import stat
import subprocess
import sys
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from shouhu.evidence import services as evidence
from shouhu.organization.models import Department
from shouhu.shell.backup import (
    BackupError,
    KeyMismatch,
    create_backup,
    export_keys,
    restore_backup,
    verify_archive,
)
from tests.processes import ROOT, process_env, shouhu

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n%%EOF\n"


def rewrite(src, dst, edit):
    """Repack an archive member by member, letting ``edit(name, data)`` change contents."""
    with tarfile.open(src) as old, tarfile.open(dst, "w:gz") as new:
        for member in old.getmembers():
            data = edit(member.name, old.extractfile(member).read())
            if data is None:
                continue
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))
    return dst


def test_backup_contains_database_evidence_and_a_verified_manifest(tmp_path, make_user):
    user = make_user("admin")
    evidence.store(actor=user, file=PDF, filename="a.pdf")
    result = create_backup(tmp_path / "b.tar.gz")
    manifest = verify_archive(result.path)
    assert result.files == 1
    assert any(name.startswith("evidence/") for name in manifest["files"])


def test_tampered_member_is_refused_before_restore(tmp_path, make_user):
    make_user("admin")
    result = create_backup(tmp_path / "b.tar.gz")
    bad = rewrite(
        result.path,
        tmp_path / "bad.tar.gz",
        lambda name, data: data[:-10] + b"0123456789" if name.startswith("database/") else data,
    )
    with pytest.raises(BackupError, match="雜湊不符"):
        verify_archive(bad)


def test_edited_archive_with_a_recomputed_manifest_is_refused(tmp_path, make_user):
    make_user("admin")
    result = create_backup(tmp_path / "b.tar.gz")
    forged = {}

    def edit(name, data):
        if name.startswith("database/"):
            data = data[:-10] + b"0123456789"
            forged[name] = hashlib.sha256(data).hexdigest()
        if name == "manifest.json":
            manifest = json.loads(data)
            for member, digest in forged.items():
                manifest["files"][member]["sha256"] = digest
            data = json.dumps(manifest).encode()
        return data

    bad = rewrite(result.path, tmp_path / "forged.tar.gz", edit)
    with pytest.raises(BackupError, match="簽章不符"):
        verify_archive(bad)


def test_archive_without_signature_is_refused_unless_allowed(tmp_path, make_user):
    make_user("admin")
    result = create_backup(tmp_path / "b.tar.gz")
    bad = rewrite(
        result.path, tmp_path / "u.tar.gz", lambda name, data: None if name == "manifest.sig" else data
    )
    with pytest.raises(BackupError, match="沒有簽章"):
        verify_archive(bad)
    assert verify_archive(bad, allow_unsigned=True)["files"]


def test_corrupt_gzip_trailer_is_refused(tmp_path, make_user):
    make_user("admin")
    result = create_backup(tmp_path / "b.tar.gz")
    data = bytearray(result.path.read_bytes())
    data[-8] ^= 0xFF  # the CRC-32 of the uncompressed data
    result.path.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="壓縮資料校驗失敗"):
        verify_archive(result.path)


def test_truncated_archive_gives_one_clear_line(tmp_path, make_user):
    make_user("admin")
    result = create_backup(tmp_path / "b.tar.gz")
    data = result.path.read_bytes()
    result.path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CommandError, match="截斷"):
        call_command("restore", str(result.path), "--yes", stdout=io.StringIO())


def test_restore_brings_back_deleted_rows(tmp_path, admin_user):
    Department.objects.create(name="資訊部")
    result = create_backup(tmp_path / "b.tar.gz")
    Department.objects.all().delete()
    restore_backup(result.path)
    assert Department.objects.filter(name="資訊部").exists()


def test_restore_into_an_installation_with_other_keys_says_so(tmp_path, admin_user, settings):
    Department.objects.create(name="資訊部")
    result = create_backup(tmp_path / "b.tar.gz")
    settings.SHOUHU_FIELD_KEY = "another-installations-field-key"
    with pytest.raises(KeyMismatch, match="欄位加密金鑰"):
        restore_backup(result.path)
    assert Department.objects.filter(name="資訊部").exists()  # nothing was touched


def test_restore_with_the_key_file_of_the_original_installation(tmp_path, admin_user, settings, monkeypatch):
    Department.objects.create(name="資訊部")
    result = create_backup(tmp_path / "b.tar.gz")
    keys = export_keys(tmp_path / "keys.json")
    assert stat.S_IMODE(os.stat(keys).st_mode) == 0o600
    Department.objects.all().delete()
    monkeypatch.setenv("SHOUHU_BACKUP_KEY", "this-installation-has-another-signing-key")
    with pytest.raises(KeyMismatch, match="--keys"):
        verify_archive(result.path)
    restore_backup(result.path, keys=keys)
    assert Department.objects.filter(name="資訊部").exists()


def test_backup_files_are_owner_only_and_staged_under_the_home(tmp_path, admin_user, settings):
    result = create_backup(tmp_path / "b.tar.gz")
    assert stat.S_IMODE(os.stat(result.path).st_mode) == 0o600
    assert list(tmp_path.iterdir()) == [result.path]  # no temporary file left beside it
    assert stat.S_IMODE(os.stat(settings.SHOUHU_HOME / "tmp").st_mode) == 0o700


KILL_DURING_BACKUP = """
import os, signal, sys, django
django.setup()
from django.core.management import call_command
from shouhu.shell import backup
def killed(path):
    os.kill(os.getpid(), signal.SIGKILL)  # kill -9 while the plaintext snapshot is on disk
backup._sha256_file = killed
call_command("backup", sys.argv[1])
"""


def test_killed_backup_keeps_the_previous_one_and_no_plaintext_in_tmp(process_home, tmp_path):
    systmp = tmp_path / "systmp"
    systmp.mkdir()
    env = process_env(process_home, TMPDIR=str(systmp))
    target = tmp_path / "backups" / "shouhu.tar.gz"
    shouhu(process_home, "backup", str(target), env=env)
    before = target.read_bytes()
    killed = subprocess.run(
        [sys.executable, "-c", KILL_DURING_BACKUP, str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=False,
    )
    assert killed.returncode == -9
    assert target.read_bytes() == before  # the previous backup is intact
    assert list(systmp.iterdir()) == []  # nothing in the system's temporary folder
    leftovers = [p for p in (process_home / "tmp").rglob("*") if p.is_file()]
    assert leftovers, "the snapshot is staged under SHOUHU_HOME/tmp"
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in leftovers)
    assert stat.S_IMODE((process_home / "tmp").stat().st_mode) == 0o700
    # The next backup removes what the killed one left, beside the target and under the home.
    shouhu(process_home, "backup", str(target), env=env)
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    assert [p for p in (process_home / "tmp").rglob("*") if p.is_file()] == []
    with gzip.open(target) as fh:
        assert fh.read()


def test_restoring_an_older_backup_leaves_a_verifiable_audit_chain(tmp_path, admin_user):
    from shouhu.audit.services import record, verify_and_checkpoint, verify_chain

    result = create_backup(tmp_path / "b.tar.gz")
    record(actor=None, action="test.after_backup")
    assert verify_and_checkpoint()[1] is not None  # a checkpoint newer than the backup
    restore_backup(result.path)
    assert verify_chain().ok
