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
    assert (job.status, job.percent, evidence.original_name) == ("succeeded", 100, "遮罩副本_客戶.csv")
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


UNMASKED_CSV = "姓名,會員編號\n王小明,9876543210\n林美華,9876543211\n".encode()


def _table(page: str, testid: str) -> list[list[str]]:
    """The body cells of the table marked ``data-testid=testid``, as text."""
    import re

    block = page.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    body = block.split("<tbody>", 1)[1]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def _finished_job(officer, capture) -> Job:  # type: ignore[no-untyped-def]
    with capture(execute=True):
        job = start_mask(
            actor=officer, upload=io.BytesIO(UNMASKED_CSV), filename="會員.csv", default="partial", methods={}
        )
    job.refresh_from_db()
    return job


def test_job_page_lists_long_integers_left_unmasked_per_column(
    client, make_user, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    officer = make_user("pd_officer")
    job = _finished_job(officer, django_capture_on_commit_callbacks)
    client.force_login(officer)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert _table(page, "mask-unmasked-table") == [["會員編號", "2"]]
    assert _table(page, "mask-counts") == [["姓名", "2"]]
    assert "<pre>" not in page  # tables, not the printed result dict


def test_job_page_in_english_labels_the_categories_in_english(
    client, make_user, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    officer = make_user("pd_officer")
    job = _finished_job(officer, django_capture_on_commit_callbacks)
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Integers of 7 or more digits left unmasked: 2" in page
    assert _table(page, "mask-counts") == [["Name", "2"]]
    assert "遮罩" not in page.split('data-testid="mask-result"', 1)[1].split("</section>", 1)[0]


def test_api_returns_the_unmasked_integers_per_column(make_user, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from shouhu.accounts.services.tokens import create_token

    officer = make_user("pd_officer")
    job = _finished_job(officer, django_capture_on_commit_callbacks)
    _, plain = create_token(actor=None, user=officer, name="mask")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    body = api.get(f"/api/v1/scans/mask-jobs/{job.pk}").json()
    assert body["status"] == "succeeded"
    assert body["unmasked_numbers"] == [{"column": "會員編號", "count": 2}]
    assert body["unmasked_total"] == 2
    assert body["counts"] == [{"category": "person_name", "label": "姓名", "count": 2}]
    assert body["download"] == reverse("evidence:download", args=[job.result["evidence_id"]])


def test_api_mask_result_needs_the_masking_permission(make_user, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from shouhu.accounts.services.tokens import create_token

    job = _finished_job(make_user("pd_officer"), django_capture_on_commit_callbacks)
    _, plain = create_token(actor=None, user=make_user("staff"), name="mask")
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {plain}").get(f"/api/v1/scans/mask-jobs/{job.pk}").status_code
        == 403
    )
