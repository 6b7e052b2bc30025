"""Masking from the web app and the API: TSV, JSONL and SQL dumps (plain, pg_dump -Fc/-Ft) besides CSV/XLSX,
bounded uploads with clear zh-TW/English refusals, and the API that starts a masking job."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from shouhu.accounts.services.tokens import create_token
from shouhu.audit.models import AuditEvent
from shouhu.evidence.models import Evidence
from shouhu.evidence.services import read_bytes_internal
from shouhu.jobs.models import Job
from shouhu.scans.masking import FORMATS, identify, start_mask
from tests.engines.pii.conftest import _fresh_database
from tests.needs import missing

pytestmark = pytest.mark.django_db

RAW = ("王小明", "A123456789", "0912-345-678", "0912345678")
TSV = "姓名\t身分證字號\t手機\n王小明\tA123456789\t0912-345-678\n".encode()
JSONL = '{"姓名": "王小明", "身分證字號": "A123456789", "聯絡": {"手機": "0912345678"}}\n'.encode()
SQL = (
    "CREATE TABLE people (name VARCHAR(20), national_id CHAR(10), mobile VARCHAR(12));\n"
    "INSERT INTO people VALUES ('王小明', 'A123456789', '0912-345-678');\n"
).encode()


def _spooled() -> list[Path]:
    folder = Path(settings.SHOUHU_HOME) / "tmp" / "mask"
    return list(folder.iterdir()) if folder.exists() else []


def _run(officer: Any, capture: Any, data: bytes, filename: str, **kw: Any) -> Job:
    with capture(execute=True):
        job = start_mask(
            actor=officer,
            upload=io.BytesIO(data),
            filename=filename,
            default=kw.get("default", "partial"),
            methods=kw.get("methods", {}),
        )
    job.refresh_from_db()
    return job


def _output(job: Job) -> tuple[str, str]:
    evidence = Evidence.objects.get(pk=job.result["evidence_id"])
    return evidence.original_name, read_bytes_internal(evidence).decode("utf-8")


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("客戶.tsv", TSV, "王○明\tA12****789\t0912-***-678"),
        (
            "客戶.jsonl",
            JSONL,
            '{"姓名": "王○明", "身分證字號": "A12****789", "聯絡": {"手機": "0912-***-678"}}',
        ),
        ("客戶.sql", SQL, "INSERT INTO people VALUES ('王○明', 'A12****789', '0912-***-678');"),
    ],
)
def test_text_formats_are_masked_into_the_same_format(
    make_user: Any, django_capture_on_commit_callbacks: Any, filename: str, data: bytes, expected: str
) -> None:
    job = _run(make_user("pd_officer"), django_capture_on_commit_callbacks, data, filename)
    assert job.status == "succeeded", job.error
    name, text = _output(job)
    assert name == f"遮罩副本_{filename}"
    assert expected in text
    assert not any(raw in text for raw in RAW)
    assert _spooled() == []
    if filename.endswith(".jsonl"):
        assert [json.loads(line) for line in text.splitlines()][0]["聯絡"]["手機"] == "0912-***-678"


@pytest.fixture(scope="module")
def pg_archives(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, bytes]]:
    """The same small table dumped by the real pg_dump as a custom (-Fc) and a tar (-Ft) archive."""
    for tool in ("pg_dump", "psql"):
        if not shutil.which(tool):
            missing(f"{tool} not installed")
    folder = tmp_path_factory.mktemp("pgdump")
    for url in _fresh_database(
        "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
        "postgresql+psycopg://postgres@127.0.0.1:5432/{name}",
    ):
        name = url.rsplit("/", 1)[1]
        base = ["-h", "127.0.0.1", "-U", "postgres"]
        subprocess.run(["psql", *base, "-q", "-v", "ON_ERROR_STOP=1", name], input=SQL, check=True)
        archives = {}
        for fmt in ("-Fc", "-Ft"):
            path = folder / f"shop{fmt}"
            subprocess.run(["pg_dump", *base, "--no-owner", fmt, "-f", str(path), name], check=True)
            archives[fmt] = path.read_bytes()
        yield archives


@pytest.mark.parametrize(
    ("fmt", "filename"), [("-Fc", "shop.dump"), ("-Fc", "shop.sql"), ("-Ft", "shop.tar")]
)
def test_pg_dump_archives_are_masked_into_plain_sql(
    make_user: Any,
    django_capture_on_commit_callbacks: Any,
    pg_archives: dict[str, bytes],
    fmt: str,
    filename: str,
    client: Client,
) -> None:
    if not shutil.which("pg_restore"):
        missing("pg_restore not installed")
    officer = make_user("pd_officer")
    job = _run(officer, django_capture_on_commit_callbacks, pg_archives[fmt], filename)
    assert job.status == "succeeded", job.error
    name, text = _output(job)
    assert name == "遮罩副本_shop.sql"
    assert "COPY public.people" in text  # pg_dump's own COPY block, in plain SQL
    assert "王○明\tA12****789\t0912-***-678" in text
    assert not any(raw in text for raw in RAW)
    started = AuditEvent.objects.get(action="scans.mask_started")
    assert started.changes["format"] == [None, f"pg_dump {fmt}"]
    client.force_login(officer)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "plain SQL" not in page  # zh-TW page: the note in Chinese only
    assert "純文字 SQL" in page.split('data-testid="mask-notes"', 1)[1]


def _refusal(officer: Any, data: bytes, filename: str, language: str = "zh-hant") -> str:
    with translation.override(language), pytest.raises(ValidationError) as info:
        start_mask(actor=officer, upload=io.BytesIO(data), filename=filename, default="partial", methods={})
    assert _spooled() == []  # nothing kept from a refused upload
    assert not Job.objects.exists()
    return " ".join(info.value.message_dict["file"])


@pytest.mark.parametrize(
    ("filename", "data", "zh", "en"),
    [
        ("a.pdf", b"%PDF-1.4", "不支援的檔案格式「.pdf」", "Unsupported file format “.pdf”"),
        ("noext", b"x", "（無副檔名）", "(no extension)"),
        ("a.dump", b"SELECT 1;\n", "這不是 pg_dump 封存檔", "not a pg_dump archive"),
        ("a.xlsx", b"a,b\n1,2\n", "內容不是 XLSX 活頁簿", "not an XLSX workbook"),
        ("a.tsv", bytes(range(1, 256)) * 4, "內容不是文字檔", "not text"),
        ("a.jsonl", b"name,phone\n", "第 1 行不是 JSON", "Line 1 of the JSONL file is not JSON"),
        ("a.csv", b"", "檔案是空的", "The file is empty"),
    ],
)
def test_unknown_or_mismatched_uploads_are_refused_in_both_languages(
    make_user: Any, filename: str, data: bytes, zh: str, en: str
) -> None:
    officer = make_user("pd_officer")
    assert zh in _refusal(officer, data, filename)
    assert en in _refusal(officer, data, filename, "en")


def test_an_upload_over_the_cap_is_refused_and_not_kept(make_user: Any, settings: Any) -> None:
    settings.SHOUHU_MASK_MAX_BYTES = 1024 * 1024  # pytest-django's settings fixture: restored after
    message = _refusal(make_user("pd_officer"), TSV * 40_000, "big.tsv")
    assert "檔案超過 1 MB 上限" in message


def test_only_the_offered_methods_are_accepted(make_user: Any) -> None:
    officer = make_user("pd_officer")
    with pytest.raises(ValidationError) as info:  # "keep" is for command-line column rules only
        start_mask(actor=officer, upload=io.BytesIO(TSV), filename="a.tsv", default="keep", methods={})
    assert "default" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        start_mask(
            actor=officer,
            upload=io.BytesIO(TSV),
            filename="a.tsv",
            default="partial",
            methods={"email": "hash"},
        )
    assert "email" in info.value.message_dict
    assert _spooled() == []


# --- the API --------------------------------------------------------------------------------------------


def _api(user: Any, language: str = "zh-hant") -> Client:
    _, plain = create_token(actor=None, user=user, name="mask")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}", HTTP_ACCEPT_LANGUAGE=language)


def test_api_starts_a_masking_job_and_reports_its_result(
    make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    api = _api(make_user("pd_officer"))
    upload = io.BytesIO(TSV)
    upload.name = "客戶.tsv"
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/scans/mask-jobs", {"file": upload, "default": "pseudonym", "birth_date": "remove"}
        )
    assert response.status_code == 202, response.content
    job = Job.objects.get(pk=response.json()["id"])
    assert (job.kind, job.params["default"], job.params["methods"]) == (
        "scans.mask",
        "pseudonym",
        {"birth_date": "remove", "address": "partial"},
    )
    body = api.get(f"/api/v1/scans/mask-jobs/{job.pk}").json()
    assert body["status"] == "succeeded"
    assert {c["category"] for c in body["counts"]} == {"person_name", "tw_national_id", "mobile_phone"}
    assert body["download"] == reverse("evidence:download", args=[job.result["evidence_id"]])
    _, text = _output(job)
    assert not any(raw in text for raw in RAW)
    assert AuditEvent.objects.filter(action="scans.mask_started", object_id=str(job.pk)).exists()


def test_api_refuses_unknown_formats_with_422_in_the_readers_language(make_user: Any) -> None:
    officer = make_user("pd_officer")
    for language, text in (("zh-hant", "不支援的檔案格式"), ("en", "Unsupported file format")):
        upload = io.BytesIO(b"%PDF-1.4")
        upload.name = "a.pdf"
        response = _api(officer, language).post("/api/v1/scans/mask-jobs", {"file": upload})
        assert response.status_code == 422
        assert text in response.json()["errors"]["file"][0]
    upload = io.BytesIO(TSV)
    upload.name = "a.tsv"
    response = _api(officer).post("/api/v1/scans/mask-jobs", {"file": upload, "default": "keep"})
    assert response.status_code == 422
    assert "default" in response.json()["errors"]
    assert not Job.objects.exists()


def test_api_start_needs_the_masking_permission(make_user: Any) -> None:
    upload = io.BytesIO(TSV)
    upload.name = "a.tsv"
    response = _api(make_user("staff")).post("/api/v1/scans/mask-jobs", {"file": upload})
    assert response.status_code == 403
    assert not Job.objects.exists()
    assert _spooled() == []


# --- the upload check, fuzzed --------------------------------------------------------------------------

HEADS = [b"", b"PGDMP", b"PK\x03\x04", b"\xef\xbb\xbf", b'{"a": ', b"\x00\x00", "姓名,手機\n".encode()]


@hsettings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(FORMATS)), st.sampled_from(HEADS), st.binary(max_size=300))
def test_any_upload_content_is_identified_or_refused_on_the_file_field(
    tmp_path: Path, suffix: str, head: bytes, tail: bytes
) -> None:
    path = tmp_path / f"upload{suffix}"
    path.write_bytes(head + tail)
    refused: dict[str, list[str]] = {}
    try:
        label = identify(path, suffix)
    except ValidationError as exc:
        refused = exc.message_dict
    if refused:
        assert list(refused) == ["file"]
        assert refused["file"][0]
        return
    assert label in {"CSV", "TSV", "XLSX", "JSONL", "SQL", "pg_dump -Fc", "pg_dump -Ft"}
    if FORMATS[suffix][0] == "pg_dump":
        assert label.startswith("pg_dump")
