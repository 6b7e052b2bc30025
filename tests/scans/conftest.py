"""Fixtures for the scan tests: a labelled data folder, users, and a linked personal-data file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shouhu.accounts.models import User
from shouhu.inventory import services as inventory
from shouhu.inventory.models import Category, PersonalDataFile, Purpose
from shouhu.inventory.reference import seed_moj_codes
from shouhu.scans import services
from shouhu.scans.models import ScanRun, ScanSource
from tests.factories import DepartmentFactory

# Raw values in the fixtures: none of them may reach a row, a log, a page or an API answer.
NATIONAL_IDS = ("A123456789", "B123450000")
PHONES = ("0912345678", "0987654321")
EMAILS = ("ming.wang@example.com", "hua.lee@example.org")
NAMES = ("王小明", "李大華")
RAW_VALUES = (*NATIONAL_IDS, *PHONES, *EMAILS)
CSV_TEXT = (
    "姓名,身分證字號,手機,email\n"
    f"{NAMES[0]},{NATIONAL_IDS[0]},{PHONES[0]},{EMAILS[0]}\n"
    f"{NAMES[1]},{NATIONAL_IDS[1]},{PHONES[1]},{EMAILS[1]}\n"
    f"{NAMES[0]},{NATIONAL_IDS[0]},{PHONES[0]},{EMAILS[0]}\n"
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """``people.csv`` (3 rows, 2 people), ``notes/call.txt`` (a phone seen in the CSV), ``big.log``."""
    root = tmp_path / "exports"
    (root / "notes").mkdir(parents=True)
    (root / "people.csv").write_text(CSV_TEXT, encoding="utf-8")
    (root / "notes" / "call.txt").write_text(f"客戶來電，聯絡電話 {PHONES[1]}。\n", encoding="utf-8")
    (root / "big.log").write_bytes(b"x" * (2 * 1024 * 1024))
    return root


@pytest.fixture
def admin(make_user: Callable[..., User]) -> User:
    return make_user("admin", username="scanadmin")


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    return make_user("pd_officer", username="officer")


@pytest.fixture
def auditor(make_user: Callable[..., User]) -> User:
    return make_user("auditor", username="auditor")


@pytest.fixture
def path_source(admin: User, data_dir: Path) -> ScanSource:
    return services.create_source(
        actor=admin,
        data={"name": "匯出檔", "kind": "path", "path": str(data_dir), "max_size_mb": 1, "sample_rows": 1000},
    )


@pytest.fixture
def run_source(admin: User, django_capture_on_commit_callbacks: Any) -> Callable[[ScanSource], ScanRun]:
    """Start a run; the inline job backend runs it when the transaction commits."""

    def run(source: ScanSource) -> ScanRun:
        with django_capture_on_commit_callbacks(execute=True):
            started = services.start_run(actor=admin, source=source)
        return ScanRun.objects.select_related("job").get(pk=started.pk)

    return run


@pytest.fixture
def pd_file(db: Any, admin: User) -> PersonalDataFile:
    seed_moj_codes()
    return inventory.create_file(
        actor=admin,
        data={
            "name": "會員資料",
            "department": DepartmentFactory(name="資訊部"),
            "role": "controller",
            "data_subjects": ["consumer"],
            "legal_bases": ["2"],
            "records_general": 500,
            "counted_on": dt.date(2025, 1, 2),
            "purposes": [Purpose.objects.get(code="090")],
            "categories": [Category.objects.get(code="C001")],
        },
    )
