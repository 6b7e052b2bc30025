"""Temporary files that may hold personal data stay under SHOUHU_HOME, owner-only, and do not outlive a crash."""

import os
import stat
import subprocess
import sys
import time

from django.core.files.uploadedfile import TemporaryUploadedFile

from shouhu.core import tmpfiles


def test_large_uploads_are_spooled_owner_only_under_the_home(settings):
    upload = TemporaryUploadedFile("證據.pdf", "application/pdf", 0, None)
    try:
        path = upload.temporary_file_path()
        assert path.startswith(str(settings.SHOUHU_HOME / "tmp" / "uploads"))
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
    finally:
        upload.close()


def test_clean_stale_removes_old_uploads_and_dead_processes_staging(settings):
    old_upload = tmpfiles.uploads_dir() / "tmpold.upload.pdf"
    old_upload.write_bytes(b"evidence")
    os.utime(old_upload, (time.time() - 7 * 3600,) * 2)
    new_upload = tmpfiles.uploads_dir() / "tmpnew.upload.pdf"
    new_upload.write_bytes(b"in progress")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_dir = tmpfiles.tmp_root() / f"backup-{dead.stdout.strip()}-abc"
    dead_dir.mkdir()
    (dead_dir / "database.sqlite3").write_bytes(b"plaintext")
    with tmpfiles.staging_dir("backup") as live:
        tmpfiles.clean_stale()
        assert live.exists()  # this process is alive: its staging folder stays
    assert not old_upload.exists()
    assert new_upload.exists()
    assert not dead_dir.exists()
    new_upload.unlink()
