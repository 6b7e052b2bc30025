"""Scan endpoints: list sources, start a run, read a run's status and its aggregated results.

Only masked URLs, masked samples and counts are returned; never a password or a scanned value.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import translation
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from shouhu.accounts.permissions import require
from shouhu.engines.pii.categories import CATEGORIES
from shouhu.engines.pii.mask.methods import METHODS
from shouhu.jobs.models import Job
from shouhu.jobs.services import as_seen
from shouhu.scans import dbmasking, masking, selectors, services
from shouhu.scans.models import ScanRun, ScanSource

router = Router(tags=["scans"])


class ScanSourceOut(Schema):
    id: int
    name: str
    kind: str
    target: str
    include: str
    exclude: str
    max_size_mb: int
    sample_rows: int
    file_ids: list[int]
    system_id: int | None

    @staticmethod
    def resolve_file_ids(obj: ScanSource) -> list[int]:
        return sorted(f.pk for f in obj.files.all())


class RunOut(Schema):
    id: int
    source_id: int
    job_id: int | None
    status: str
    target: str
    progress: int
    total: int
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    units: int
    findings_total: int
    estimated_records: int
    totals: dict[str, dict[str, int]]
    skipped: list[dict[str, str]]
    error: str
    applied_at: dt.datetime | None

    @staticmethod
    def resolve_progress(obj: ScanRun) -> int:
        return int(obj.job.progress) if obj.job else 0

    @staticmethod
    def resolve_total(obj: ScanRun) -> int:
        return int(obj.job.total) if obj.job else 0


class ScanFindingOut(Schema):
    location: str
    sheet: str
    column: str
    category: str
    moj_codes: list[str]
    personal: bool
    count: int
    distinct: int
    samples: list[str]
    confidence_min: float
    confidence_avg: float
    confidence_max: float


def _run(request: HttpRequest, run_id: int) -> ScanRun:
    run = selectors.run_by_pk(run_id, actor=request.user)
    if run is None:  # also another department's run: not found for this reader
        raise Http404
    return run


@router.get("/sources", response=list[ScanSourceOut], summary="掃描來源")
def list_sources(request: HttpRequest) -> Any:
    require(request.user, "scans.view")
    return list(selectors.sources(actor=request.user))


@router.post("/sources/{source_id}/runs", response={202: RunOut}, summary="開始掃描（背景工作）")
def start_run(request: HttpRequest, source_id: int) -> Any:
    source = selectors.source_by_pk(source_id, actor=request.user)
    if source is None:
        raise Http404
    run = services.start_run(actor=request.user, source=source)
    return Status(202, _run(request, run.pk))


@router.get("/runs/{run_id}", response=RunOut, summary="掃描狀態與統計")
def get_run(request: HttpRequest, run_id: int) -> Any:
    require(request.user, "scans.view")
    return _run(request, run_id)


@router.get(
    "/runs/{run_id}/findings", response=list[ScanFindingOut], summary="掃描結果（依位置、欄位、類別彙總）"
)
def run_findings(request: HttpRequest, run_id: int, location: str = "") -> Any:
    require(request.user, "scans.view")
    run = _run(request, run_id)
    qs = run.findings.all()
    if location:
        qs = qs.filter(location=location)
    return list(qs)


class MaskCountOut(Schema):
    category: str
    label: str
    count: int


class MaskUnmaskedOut(Schema):
    column: str
    count: int


class MaskJobOut(Schema):
    id: int
    status: str
    percent: int
    error: str = Field(description="Why the job failed, in Traditional Chinese (the official language)")
    error_en: str = Field(description="The same in English (the Chinese when the error has no English)")
    masked: int
    download: str
    counts: list[MaskCountOut]
    unmasked_numbers: list[MaskUnmaskedOut]
    unmasked_total: int
    notes: list[str]


def _errors(job: Job) -> dict[str, str]:
    """A failed job's error in zh-TW as stored and in English (rendered from its message key when it has one)."""
    with translation.override("en"):
        english = job.error_shown
    return {"error": job.error, "error_en": english}


def _mask_job(job_id: int) -> dict[str, Any]:
    job = Job.objects.filter(pk=job_id, kind=masking.JOB_KIND).first()
    if job is None:
        raise Http404
    job = as_seen(job)
    done = job.status == Job.Status.SUCCEEDED
    result = masking.summary(job.result if done else {})
    return {"id": job.pk, "status": job.status, "percent": job.percent, **_errors(job), **result}


@router.post(
    "/mask-jobs",
    response={202: MaskJobOut},
    summary="開始遮罩工作（multipart 上傳 CSV、TSV、XLSX、JSONL、SQL 傾印檔或 pg_dump -Fc/-Ft；檢查同網頁）",
)
def start_mask_job(
    request: HttpRequest,
    file: File[UploadedFile],
    default: Form[str] = "partial",
    birth_date: Form[str] = "generalize",
    address: Form[str] = "partial",
    rules: Form[str] = "",
    columns: Form[str] = "",
) -> Any:
    """Upload a file to mask, as on the web page: the same formats, size cap (``SHOUHU_MASK_MAX_BYTES``),
    methods, column rules and permission (``scans.manage``). ``rules``: column rules as text, one per line,
    ``COLUMN=METHOD`` or ``COLUMN=METHOD:CATEGORY`` (wildcards ``*``). ``columns``: column picks as a JSON array
    of ``{table, column, method, category}`` objects (names taken literally; ``table`` is the SQL dump table,
    the XLSX sheet, or for CSV/TSV/JSONL the uploaded file's name without its extension; empty: any table),
    applied before ``rules``. Picks and rules that match no column are listed in the job's ``notes``.
    Answers 202 with the job (poll ``GET /mask-jobs/{id}``), or 422 naming the field (``file``, ``default``,
    ``rules``, ``columns``; messages in the language of ``Accept-Language``)."""
    job = masking.start_mask(
        actor=request.user,
        upload=file,
        filename=file.name or "",
        default=default,
        methods={"birth_date": birth_date, "address": address},
        rules=rules,
        columns=masking.picks_from_json(columns),
    )
    return Status(202, _mask_job(job.pk))


@router.get("/mask-jobs/{job_id}", response=MaskJobOut, summary="遮罩工作結果：各類別遮罩數與未遮罩的長整數")
def mask_job(request: HttpRequest, job_id: int) -> Any:
    """A masking job's progress and result: counts per category and, per column, the integers of
    seven or more digits no rule or recognizer masked (they may be identifiers); notes on the output
    (a pg_dump archive is written as plain SQL)."""
    require(request.user, "scans.manage")
    return _mask_job(job_id)


class MaskColumnIn(Schema):
    """One column's pick (names taken literally, no wildcards)."""

    table: str = Field(
        "", description="The table (empty: the column of that name in every copied table)", max_length=128
    )
    column: str = Field(description="The column, exactly as named in the source", max_length=128)
    method: str = Field(
        description="Masking method: partial (王○明, A12****789), pseudonym (format-preserving, keyed), hash "
        "(keyed token), generalize (birth date → year, address → district), remove (NULL; in a NOT NULL "
        "text or number column empty text or 0; refused for a NOT NULL date or time column), keep",
        json_schema_extra={"enum": list(METHODS)},
    )
    category: str = Field(
        "",
        description="What the column holds when its values alone do not tell (empty: decided by the values)",
        json_schema_extra={"enum": ["", *CATEGORIES]},
    )


class MaskDatabaseIn(Schema):
    source_id: int
    #: the target database; may be left out when ``create_database`` with ``new_name``
    target_url: str = ""
    #: create the target database (never over an existing one): the one ``target_url`` names, or
    #: ``new_name`` beside the source (same server and account; an SQLite source: under SHOUHU_HOME)
    create_database: bool = False
    new_name: str = ""
    tables: list[str] = []
    default: str = "pseudonym"
    birth_date: str = "generalize"
    address: str = "generalize"
    #: column rules, each ``column=method`` or ``column=method:category``
    rules: list[str] = Field(
        [],
        description="Column rules as text, each COLUMN=METHOD or COLUMN=METHOD:CATEGORY (wildcards * allowed)",
    )
    columns: list[MaskColumnIn] = Field(
        [],
        description="Column picks as structured data, applied before `rules`; a bad pick is refused with 422 "
        "naming it under errors.columns (in the language of Accept-Language)",
    )


class MaskColumnOut(Schema):
    column: str
    category: str
    label: str
    method: str
    count: int


class MaskTableOut(Schema):
    table: str
    rows: int
    columns: list[MaskColumnOut]


class MaskDatabaseJobOut(Schema):
    id: int
    status: str
    percent: int
    message: str
    error: str = Field(description="Why the job failed, in Traditional Chinese (the official language)")
    error_en: str = Field(description="The same in English (the Chinese when the error has no English)")
    source: str
    target: str
    masked: int
    tables: list[MaskTableOut]
    unmasked_numbers: list[MaskUnmaskedOut]
    notes: list[str]


def _mask_database_job(job_id: int) -> dict[str, Any]:
    job = Job.objects.filter(pk=job_id, kind=dbmasking.JOB_KIND).first()
    if job is None:
        raise Http404
    job = as_seen(job)
    done = job.status == Job.Status.SUCCEEDED
    result = dbmasking.summary(job.params, job.result if done else {})
    return {
        "id": job.pk,
        "status": job.status,
        "percent": job.percent,
        "message": job.message,
        **_errors(job),
        **result,
    }


@router.post(
    "/mask-database-jobs",
    response={202: MaskDatabaseJobOut},
    summary="開始遮罩副本資料庫工作（資料庫掃描來源 → 目的資料庫；檢查同網頁）",
)
def start_mask_database_job(request: HttpRequest, payload: MaskDatabaseIn) -> Any:
    """Copy a database scan source into ``target_url`` with masked values, as on the source's page: the same
    checks of the target (only administrators may name a server file or any host), methods, column rules and
    permission (``scans.manage``). The target URL is never returned (only masked). Answers 202 with the job
    (poll ``GET /mask-database-jobs/{id}``), or 422 naming the field."""
    source = selectors.source_by_pk(payload.source_id, actor=request.user)
    if source is None:
        raise Http404
    job = dbmasking.start_database_mask(
        actor=request.user,
        source=source,
        target_url=payload.target_url,
        create=payload.create_database,
        new_name=payload.new_name,
        tables="\n".join(payload.tables),
        default=payload.default,
        methods={"birth_date": payload.birth_date, "address": payload.address},
        rules="\n".join(payload.rules),
        columns=[pick.dict() for pick in payload.columns],
    )
    return Status(202, _mask_database_job(job.pk))


@router.get(
    "/mask-database-jobs/{job_id}",
    response=MaskDatabaseJobOut,
    summary="遮罩副本資料庫工作：進度，以及各資料表、欄位的遮罩結果",
)
def mask_database_job(request: HttpRequest, job_id: int) -> Any:
    """A masked database copy's progress (``percent``, ``message``) and result: rows copied per table and,
    per column, the category found, the method used and how many values it replaced."""
    require(request.user, "scans.manage")
    return _mask_database_job(job_id)
