"""Masked database copies from the web app and the API: a database scan source copied into a target
database by a background job, on real SQLite, PostgreSQL and MariaDB (types intact, joins consistent on
pseudonymised keys, the source unchanged), with a per-table/column report, failures reported and cleaned up,
and the target's password never kept, shown or audited."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from shouhu.accounts.models import User
from shouhu.accounts.services.tokens import create_token
from shouhu.audit.models import AuditEvent
from shouhu.engines.pii.checksums import valid_national_id
from shouhu.jobs.models import Job
from shouhu.scans import services
from shouhu.scans.dbmasking import start_database_mask
from shouhu.scans.models import ScanRun, ScanSource
from tests.engines.pii.conftest import _fresh_database

pytestmark = pytest.mark.django_db

PEOPLE = [
    (1, "王小明", "A123456789", "0912345678", dt.date(1980, 5, 17), decimal.Decimal("1200.50")),
    (2, "林美華", "F131104093", "0922333444", dt.date(1991, 1, 2), decimal.Decimal("0.00")),
    (3, "陳大同", "B123450000", "0933111222", dt.date(1975, 12, 31), decimal.Decimal("99.90")),
]
RAW = ("王小明", "A123456789", "0912345678", "F131104093")


def english_error(job: Any) -> str:
    """The job's error as an English page shows it (it is stored in zh-TW, with its message key)."""
    with translation.override("en"):
        return str(job.error_shown)


def _fill(url: str) -> None:
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    customers = sa.Table(
        "customers",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(40)),
        sa.Column("national_id", sa.String(10), unique=True),
        sa.Column("mobile", sa.String(12)),
        sa.Column("birthday", sa.Date),
        sa.Column("balance", sa.Numeric(10, 2)),
    )
    orders = sa.Table(
        "orders",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("national_id", sa.String(10), sa.ForeignKey("customers.national_id")),
        sa.Column("amount", sa.Integer),
    )
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            customers.insert(),
            [
                dict(zip(("id", "name", "national_id", "mobile", "birthday", "balance"), p, strict=True))
                for p in PEOPLE
            ],
        )
        conn.execute(
            orders.insert(),
            [
                {"id": 10, "national_id": "A123456789", "amount": 300},
                {"id": 11, "national_id": "A123456789", "amount": 20},
                {"id": 12, "national_id": "F131104093", "amount": 7},
            ],
        )
    engine.dispose()


def _read(url: str) -> tuple[list[Any], list[Any]]:
    engine = sa.create_engine(url)
    customers = sa.Table("customers", sa.MetaData(), autoload_with=engine)  # typed values, as reflected
    with engine.connect() as conn:
        people = conn.execute(sa.select(customers).order_by(customers.c.id)).all()
        joined = conn.execute(
            sa.text(
                "SELECT o.id, c.id FROM orders o JOIN customers c ON o.national_id = c.national_id ORDER BY o.id"
            )
        ).all()
    engine.dispose()
    return [tuple(r) for r in people], [tuple(r) for r in joined]


def _digest(url: str) -> str:
    return hashlib.sha256(json.dumps(_read(url), default=str).encode()).hexdigest()


@pytest.fixture(params=["sqlite", "postgresql", "mariadb"])
def pair(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(source URL, target URL) of two fresh databases of one kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'crm.db'}", f"sqlite:///{tmp_path / 'masked.db'}"
        return
    if request.param == "postgresql":
        admin = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
        make = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    else:
        admin = "mysql+pymysql://root@127.0.0.1:3306/"
        make = "mysql+pymysql://root@127.0.0.1:3306/{name}?charset=utf8mb4"
    for src in _fresh_database(admin, make):
        for dst in _fresh_database(admin, make):
            yield src, dst


def _source(admin: User, url: str) -> ScanSource:
    return services.create_source(
        actor=admin, data={"name": "CRM", "kind": "database", "database_url": url, "sample_rows": 0}
    )


def _copy(admin: User, source: ScanSource, target: str, capture: Any, **kwargs: Any) -> Job:
    from shouhu.scans.dbmasking import proposed_rules, proposed_tables

    options = {"tables": proposed_tables(source), "rules": proposed_rules(source), **kwargs}
    with capture(execute=True):
        job = start_database_mask(actor=admin, source=source, target_url=target, **options)
    job.refresh_from_db()
    return job


def test_copy_keeps_types_and_joins_and_reports_each_column(
    admin: User,
    pair: tuple[str, str],
    run_source: Callable[[ScanSource], ScanRun],
    django_capture_on_commit_callbacks: Any,
) -> None:
    src, dst = pair
    _fill(src)
    source = _source(admin, src)
    assert run_source(source).status == "succeeded"
    before = _digest(src)

    job = _copy(admin, source, dst, django_capture_on_commit_callbacks)

    assert (job.status, job.error, job.percent) == ("succeeded", "", 100)
    assert (
        job.message == "已複製 2/2 個資料表（orders）"
    )  # progress per table, customers first (orders refers to it)
    people, joined = _read(dst)
    assert joined == _read(src)[1]  # every order still finds its customer through the pseudonymised key
    assert [p[0] for p in people] == [1, 2, 3]
    assert all(valid_national_id(p[2]) and p[2] not in RAW for p in people)  # pseudonyms pass the checksum
    assert [p[4] for p in people] == [dt.date(1980, 1, 1), dt.date(1991, 1, 1), dt.date(1975, 1, 1)]
    target = sa.create_engine(dst)
    columns = {c["name"]: c["type"] for c in sa.inspect(target).get_columns("customers")}
    target.dispose()
    assert isinstance(columns["birthday"], sa.Date)
    assert isinstance(columns["balance"], sa.Numeric)
    assert isinstance(columns["id"], sa.Integer)
    assert columns["national_id"].length == 10
    assert [decimal.Decimal(str(p[5])) for p in people] == [p[5] for p in PEOPLE]  # numbers untouched
    assert not any(raw in json.dumps(people, default=str, ensure_ascii=False) for raw in RAW)
    assert _digest(src) == before  # the source is only read
    report = {(c[0], c[1], c[2]): c[3] for c in job.result["columns"]}
    assert report == {
        ("customers.name", "person_name", "pseudonym"): 3,
        ("customers.national_id", "tw_national_id", "pseudonym"): 3,
        ("customers.mobile", "mobile_phone", "pseudonym"): 3,
        ("customers.birthday", "birth_date", "generalize"): 3,
        ("orders.national_id", "tw_national_id", "pseudonym"): 3,
    }
    assert job.result["rows"] == {"customers": 3, "orders": 3}
    assert "target_encrypted" not in job.params  # the target's credentials do not outlive the job


def test_failure_leaves_both_databases_as_they_were_and_says_so(
    admin: User,
    pair: tuple[str, str],
    run_source: Callable[[ScanSource], ScanRun],
    django_capture_on_commit_callbacks: Any,
) -> None:
    src, dst = pair
    _fill(src)
    source = _source(admin, src)
    run_source(source)
    engine = sa.create_engine(dst)
    with engine.begin() as conn:  # the target already has an "orders" table of its own
        conn.execute(sa.text("CREATE TABLE orders (id INTEGER PRIMARY KEY, note VARCHAR(20))"))
        conn.execute(sa.text("INSERT INTO orders VALUES (1, 'mine')"))
    before = _digest(src)

    job = _copy(admin, source, dst, django_capture_on_commit_callbacks)

    assert job.status == "failed"
    assert "target already has tables: orders" in english_error(job)
    assert "目的資料庫已有同名資料表" in job.error
    with engine.connect() as conn:
        assert sa.inspect(conn).get_table_names() == ["orders"]
        assert conn.execute(sa.text("SELECT note FROM orders")).scalar() == "mine"
    engine.dispose()
    assert _digest(src) == before
    assert "target_encrypted" not in Job.objects.get(pk=job.pk).params


def test_a_copy_that_breaks_midway_drops_what_it_created(
    admin: User, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    src, dst = f"sqlite:///{tmp_path / 'crm.db'}", f"sqlite:///{tmp_path / 'masked.db'}"
    _fill(src)
    source = _source(admin, src)
    # partial masking is not one-to-one: three IDs read as addresses collide as ○ in a UNIQUE column
    job = _copy(
        admin, source, dst, django_capture_on_commit_callbacks, rules="national_id=partial:address", tables=""
    )
    assert job.status == "failed"
    assert "the tables this run created were dropped" in english_error(job)
    engine = sa.create_engine(dst)
    with engine.connect() as conn:
        assert sa.inspect(conn).get_table_names() == []
    engine.dispose()


def test_target_password_is_never_kept_shown_or_audited(admin: User, tmp_path: Path, login_as: Any) -> None:
    src = f"sqlite:///{tmp_path / 'crm.db'}"
    _fill(src)
    source = _source(admin, src)
    target = "postgresql+psycopg://postgres:Hidden-PW@127.0.0.1:1/masked"
    job = start_database_mask(actor=admin, source=source, target_url=target)  # not run: no commit
    assert job.params["target"] == "postgresql+psycopg://postgres:***@127.0.0.1:1/masked"
    assert "Hidden-PW" not in json.dumps(job.params)
    audit = AuditEvent.objects.get(action="scans.mask_database_started", object_id=str(job.pk))
    assert "Hidden-PW" not in json.dumps(audit.changes)
    page = login_as(admin).get(reverse("jobs:detail", args=[job.pk]))
    assert page.status_code == 200
    assert "Hidden-PW" not in page.content.decode()


def test_unreachable_target_fails_clearly_without_the_password(
    admin: User, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    src = f"sqlite:///{tmp_path / 'crm.db'}"
    _fill(src)
    job = _copy(
        admin,
        _source(admin, src),
        "postgresql+psycopg://postgres:Hidden-PW@127.0.0.1:1/masked",
        django_capture_on_commit_callbacks,
    )
    assert job.status == "failed"
    assert job.error.startswith(
        "遮罩副本失敗，來源資料庫未變更，本次建立的資料表已刪除：無法連線或寫入資料庫"
    )
    assert "Hidden-PW" not in job.error
    with translation.override("en"):
        english = job.error_shown
    assert english.startswith(
        "The masked copy failed; the source database was not changed and the tables this run created were "
        "dropped: Cannot connect to or write a database"
    )
    assert "Hidden-PW" not in english
    assert not re.search(r"[\u4e00-\u9fff]", english)


def test_checks_refuse_before_anything_runs(admin: User, make_user: Any, tmp_path: Path) -> None:
    src = f"sqlite:///{tmp_path / 'crm.db'}"
    _fill(src)
    source = _source(admin, src)
    with pytest.raises(PermissionDenied):
        start_database_mask(actor=make_user("staff"), source=source, target_url=f"sqlite:///{tmp_path}/x.db")
    with pytest.raises(ValidationError) as same:
        start_database_mask(actor=admin, source=source, target_url=src)
    with pytest.raises(ValidationError) as server_file:  # only administrators may name a server file
        start_database_mask(
            actor=make_user("pd_officer"), source=source, target_url=f"sqlite:///{tmp_path}/x.db"
        )
    with pytest.raises(ValidationError) as rules:
        start_database_mask(
            actor=admin, source=source, target_url=f"sqlite:///{tmp_path}/x.db", rules="email=shred"
        )
    assert same.value.message_dict == {"target_url": ["目的資料庫不可與來源相同。"]}
    assert list(server_file.value.message_dict) == ["target_url"]
    assert rules.value.message_dict == {"rules": ["第 1 行：未知的遮罩方式"]}
    assert not Job.objects.exists()


def test_page_proposes_rules_from_the_scan_and_shows_the_report_in_english(
    admin: User,
    tmp_path: Path,
    login_as: Any,
    run_source: Callable[[ScanSource], ScanRun],
    django_capture_on_commit_callbacks: Any,
) -> None:
    src, dst = f"sqlite:///{tmp_path / 'crm.db'}", f"sqlite:///{tmp_path / 'masked.db'}"
    _fill(src)
    source = _source(admin, src)
    run_source(source)
    client = login_as(admin)
    page = client.get(reverse("scans:mask_database", args=[source.pk])).content.decode()
    assert "national_id=pseudonym:tw_national_id" in page
    assert "birthday=generalize:birth_date" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("scans:mask_database", args=[source.pk]),
            {
                "target_url": dst,
                "tables": "customers\norders",
                "default": "pseudonym",
                "birth_date": "generalize",
                "address": "generalize",
                "rules": "national_id=pseudonym:tw_national_id\nname=partial",
            },
        )
    job = Job.objects.get(kind="scans.mask_database")
    assert response.url == reverse("jobs:detail", args=[job.pk])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(response.url).content.decode()
    assert "Masked copy result" in html
    assert "Copied 2/2 tables (orders)" in html  # the worker's progress text, in the reader's language
    assert "3 rows copied" in html
    assert "National ID" in html
    assert "Partial masking" in html
    assert not any(raw in html for raw in RAW)


def _api(user: Any, language: str = "zh-hant") -> Client:
    _, plain = create_token(actor=None, user=user, name="mask")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}", HTTP_ACCEPT_LANGUAGE=language)


def test_api_starts_a_copy_and_reports_per_table_and_column(
    admin: User, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    src, dst = f"sqlite:///{tmp_path / 'crm.db'}", f"sqlite:///{tmp_path / 'masked.db'}"
    _fill(src)
    source = _source(admin, src)
    api = _api(admin, "en")
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/scans/mask-database-jobs",
            {"source_id": source.pk, "target_url": dst, "rules": ["national_id=pseudonym:tw_national_id"]},
            content_type="application/json",
        )
    assert response.status_code == 202, response.content
    body = api.get(f"/api/v1/scans/mask-database-jobs/{response.json()['id']}").json()
    assert (body["status"], body["target"]) == ("succeeded", dst)
    tables = {t["table"]: t for t in body["tables"]}
    assert (tables["customers"]["rows"], tables["orders"]["rows"]) == (3, 3)
    ids = [c for c in tables["orders"]["columns"] if c["column"] == "national_id"]
    assert ids == [
        {
            "column": "national_id",
            "category": "tw_national_id",
            "label": "National ID number",
            "method": "pseudonym",
            "count": 3,
        }
    ]
    refused = api.post(
        "/api/v1/scans/mask-database-jobs",
        {"source_id": source.pk, "target_url": src},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "The target database must differ from the source." in refused.content.decode()
