"""Masked copies from the web app: upload, background job with progress, masked file in the evidence store."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shouhu.evidence.models import Evidence
from shouhu.evidence.services import read_bytes_internal
from shouhu.jobs.models import Job
from shouhu.scans.masking import start_mask

pytestmark = pytest.mark.django_db

CSV = "姓名,手機,生日\n王小明,0912-345-678,1980-05-17\n".encode()


def _spooled() -> list[Path]:
    folder = Path(settings.SHOUHU_HOME) / "tmp" / "mask"
    return list(folder.iterdir()) if folder.exists() else []


def test_job_stores_only_the_masked_copy(make_user, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    officer = make_user("pd_officer")
    with django_capture_on_commit_callbacks(execute=True):
        job = start_mask(
            actor=officer,
            upload=io.BytesIO(CSV),
            filename="客戶.csv",
            default="partial",
            methods={"birth_date": "generalize"},
        )
    job.refresh_from_db()
    evidence = Evidence.objects.get(pk=job.result["evidence_id"])
    rows = list(csv.reader(io.StringIO(read_bytes_internal(evidence).decode("utf-8"))))
    assert (job.status, job.percent, evidence.original_name) == ("succeeded", 100, "masked-客戶.csv")
    assert rows == [["姓名", "手機", "生日"], ["王○明", "0912-***-678", "1980"]]
    assert _spooled() == []  # the original is gone
    assert Evidence.objects.count() == 1


def test_other_file_types_are_refused(make_user) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        start_mask(
            actor=make_user("pd_officer"),
            upload=io.BytesIO(b"x"),
            filename="a.pdf",
            default="partial",
            methods={},
        )


def test_staff_may_not_start_masking(make_user) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        start_mask(
            actor=make_user("staff"), upload=io.BytesIO(CSV), filename="a.csv", default="partial", methods={}
        )


def test_page_uploads_and_redirects_to_the_job(client, make_user, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    client.force_login(make_user("pd_officer"))
    assert client.get(reverse("scans:mask")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("scans:mask"),
            {
                "file": SimpleUploadedFile("a.csv", CSV),
                "default": "pseudonym",
                "birth_date": "generalize",
                "address": "partial",
            },
        )
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert reverse("evidence:download", args=[job.result["evidence_id"]]) in page


def test_mask_command_uses_the_installation_masking_key_kept_apart(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    (tmp_path / "in.csv").write_bytes("身分證字號\nA123456789\n".encode())
    env = dict(
        os.environ, SHOUHU_HOME=str(tmp_path / "home"), DJANGO_SETTINGS_MODULE="shouhu.config.settings"
    )
    env.pop("SHOUHU_PII_MASK_KEY", None)
    outputs = []
    for name in ("a.csv", "b.csv"):
        subprocess.run(
            [sys.executable, "-m", "shouhu.cli", "mask", str(tmp_path / "in.csv"), str(tmp_path / name),
             "--default", "pseudonym"],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        outputs.append((tmp_path / name).read_text(encoding="utf-8"))
    key = tmp_path / "home" / "keys" / "pii-mask-key"
    assert outputs[0] == outputs[1]  # the same key both times: pseudonyms agree between runs
    assert "A123456789" not in outputs[0]
    assert oct(key.stat().st_mode & 0o777) == "0o600"
