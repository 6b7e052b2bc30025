"""A masked copy into a database the job creates (PostgreSQL, MariaDB: CREATE DATABASE; SQLite: a new
file), on real servers: created beside the source or where a URL says, never over an existing one, refused
clearly without the right, and dropped again when the copy fails."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from django.core.exceptions import ValidationError
from django.utils import translation

from shouhu.accounts.models import User
from shouhu.jobs.models import Job
from shouhu.scans.dbmasking import start_database_mask
from tests.engines.pii.conftest import _fresh_database
from tests.scans.test_mask_database import _fill, _read, _source

pytestmark = pytest.mark.django_db

SERVERS = {
    "postgresql": (
        "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
        "postgresql+psycopg://postgres@127.0.0.1:5432/{name}",
    ),
    "mariadb": (
        "mysql+pymysql://root@127.0.0.1:3306/",
        "mysql+pymysql://root@127.0.0.1:3306/{name}?charset=utf8mb4",
    ),
}


def english_error(job: Any) -> str:
    """The job's error as an English page shows it (it is stored in zh-TW, with its message key)."""
    with translation.override("en"):
        return str(job.error_shown)


def _databases(kind: str) -> set[str]:
    admin = sa.create_engine(SERVERS[kind][0])
    query = "SELECT datname FROM pg_database" if kind == "postgresql" else "SHOW DATABASES"
    with admin.connect() as conn:
        names = {str(r[0]) for r in conn.exec_driver_sql(query)}
    admin.dispose()
    return names


def _drop(kind: str, name: str) -> None:
    admin = sa.create_engine(SERVERS[kind][0], isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql", "mariadb"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """(kind, source URL, a fresh name for a database that does not exist yet); whatever a test made
    under that name is dropped after it."""
    name = f"masked_{uuid.uuid4().hex[:10]}"
    if request.param == "sqlite":
        yield "sqlite", f"sqlite:///{tmp_path / 'crm.db'}", name
        return
    for src in _fresh_database(*SERVERS[request.param]):
        try:
            yield request.param, src, name
        finally:
            _drop(request.param, name)


def _run(admin: User, capture: Any, **kwargs: Any) -> Job:
    with capture(execute=True):
        job = start_database_mask(actor=admin, **kwargs)
    job.refresh_from_db()
    return job


def _new_url(kind: str, src: str, name: str, home: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{home / 'masked-copies' / (name + '.sqlite3')}"
    return str(sa.make_url(src).set(database=name).render_as_string(hide_password=False))


def test_creates_a_new_database_beside_the_source_and_copies_into_it(
    admin: User, server: tuple[str, str, str], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    kind, src, name = server
    _fill(src)
    source = _source(admin, src)

    job = _run(admin, django_capture_on_commit_callbacks, source=source, create=True, new_name=name)

    assert (job.status, job.error) == ("succeeded", "")
    assert job.params["created_database"] is True
    assert "target_encrypted" not in job.params
    people, joined = _read(_new_url(kind, src, name, Path(settings.SHOUHU_HOME)))
    assert [p[0] for p in people] == [1, 2, 3]
    assert joined == _read(src)[1]
    assert "王小明" not in str(people)


def test_never_takes_over_an_existing_database(
    admin: User, server: tuple[str, str, str], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    kind, src, name = server
    _fill(src)
    source = _source(admin, src)
    existing = _new_url(kind, src, name, Path(settings.SHOUHU_HOME))
    if kind == "sqlite":
        Path(existing.removeprefix("sqlite:///")).parent.mkdir(exist_ok=True)
    else:
        admin_engine = sa.create_engine(SERVERS[kind][0], isolation_level="AUTOCOMMIT")
        with admin_engine.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        admin_engine.dispose()
    mine = sa.create_engine(existing)
    with mine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE notes (id INTEGER PRIMARY KEY, note VARCHAR(20))"))
        conn.execute(sa.text("INSERT INTO notes VALUES (1, 'mine')"))

    if kind == "sqlite":  # a file is checked before the job starts: the form says so on the field
        with pytest.raises(ValidationError) as refused:
            start_database_mask(actor=admin, source=source, create=True, new_name=name)
        assert refused.value.message_dict == {"new_name": ["目的檔案已存在，不會覆寫；請改用其他名稱。"]}
        assert not Job.objects.exists()
    else:
        job = _run(admin, django_capture_on_commit_callbacks, source=source, create=True, new_name=name)
        assert job.status == "failed"
        assert f"目的資料庫「{name}」已存在，不會覆寫" in job.error
        assert f"the target database {name} already exists and is not overwritten" in english_error(job)
        assert "created_database" not in job.params
        assert "target_encrypted" not in job.params
    with mine.connect() as conn:
        assert sa.inspect(conn).get_table_names() == ["notes"]
        assert conn.execute(sa.text("SELECT note FROM notes")).scalar() == "mine"
    mine.dispose()
    if kind != "sqlite":
        assert name in _databases(kind)


@pytest.fixture
def restricted(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """(kind, URL of a server account that may log in but not create databases)."""
    kind = request.param
    user = f"nocreate_{uuid.uuid4().hex[:8]}"
    admin_engine = sa.create_engine(SERVERS[kind][0], isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        if kind == "postgresql":
            conn.exec_driver_sql(f"CREATE ROLE {user} LOGIN NOCREATEDB")
            url = f"postgresql+psycopg://{user}@127.0.0.1:5432/{{name}}"
        else:
            conn.exec_driver_sql(f"CREATE USER '{user}'@'127.0.0.1'")
            conn.exec_driver_sql(f"CREATE USER '{user}'@'localhost'")
            url = f"mysql+pymysql://{user}@127.0.0.1:3306/{{name}}"
    try:
        yield kind, url
    finally:
        with admin_engine.connect() as conn:
            if kind == "postgresql":
                conn.exec_driver_sql(f"DROP ROLE {user}")
            else:
                conn.exec_driver_sql(f"DROP USER '{user}'@'127.0.0.1'")
                conn.exec_driver_sql(f"DROP USER '{user}'@'localhost'")
        admin_engine.dispose()


@pytest.mark.parametrize("restricted", ["postgresql", "mariadb"], indirect=True)
def test_an_account_without_the_right_gets_a_clear_refusal(
    admin: User, restricted: tuple[str, str], tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    kind, url = restricted
    src = f"sqlite:///{tmp_path / 'crm.db'}"
    _fill(src)
    name = f"masked_{uuid.uuid4().hex[:10]}"
    try:
        job = _run(
            admin,
            django_capture_on_commit_callbacks,
            source=_source(admin, src),
            target_url=url.format(name=name),
            create=True,
        )
    finally:
        _drop(kind, name)
    assert job.status == "failed"
    assert job.error.startswith("未建立目的資料庫，未複製任何資料")
    assert "目的伺服器的帳號沒有建立資料庫的權限" in job.error
    assert (
        f"the account on the target server may not create databases, so {name} was not created"
        in english_error(job)
    )


def test_a_copy_that_fails_drops_the_database_it_created(
    admin: User, server: tuple[str, str, str], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    kind, src, name = server
    _fill(src)
    source = _source(admin, src)
    # three IDs read as addresses all become ○: the UNIQUE column of the copy refuses the second row
    job = _run(
        admin,
        django_capture_on_commit_callbacks,
        source=source,
        create=True,
        new_name=name,
        rules="national_id=partial:address",
    )
    assert job.status == "failed"
    assert "本次建立的目的資料庫已刪除" in job.error
    assert "the database this run created was dropped" in english_error(job)
    assert job.params["created_database"] is False
    if kind == "sqlite":
        assert not (Path(settings.SHOUHU_HOME) / "masked-copies" / f"{name}.sqlite3").exists()
    else:
        assert name not in _databases(kind)


@pytest.mark.parametrize(
    ("new_name", "field"),
    [
        ("1abc", "new_name"),
        ("a-b", "new_name"),
        ("x" * 64, "new_name"),
        ('a"; DROP', "new_name"),
        ("", "new_name"),
    ],
)
def test_bad_names_are_refused_on_the_field(admin: User, tmp_path: Path, new_name: str, field: str) -> None:
    src = f"sqlite:///{tmp_path / 'crm.db'}"
    _fill(src)
    with pytest.raises(ValidationError) as refused:
        start_database_mask(actor=admin, source=_source(admin, src), create=True, new_name=new_name)
    assert list(refused.value.message_dict) == [field]
    assert not Job.objects.exists()


def test_a_server_url_naming_an_unusable_database_is_refused(admin: User, tmp_path: Path) -> None:
    src = f"sqlite:///{tmp_path / 'crm.db'}"
    _fill(src)
    with pytest.raises(ValidationError) as refused:
        start_database_mask(
            actor=admin,
            source=_source(admin, src),
            target_url="postgresql+psycopg://postgres@127.0.0.1:5432/bad-name",
            create=True,
        )
    assert refused.value.message_dict == {
        "target_url": ["新資料庫名稱只能使用英文字母、數字與底線，且不可以數字開頭（最多 63 字）。"]
    }


def test_the_api_creates_a_new_database_or_names_the_field_it_refuses(
    admin: User, tmp_path: Path, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from tests.scans.test_mask_database import _api

    src = f"sqlite:///{tmp_path / 'crm.db'}"
    _fill(src)
    source = _source(admin, src)
    api = _api(admin, "en")
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/scans/mask-database-jobs",
            {"source_id": source.pk, "create_database": True, "new_name": "api_copy"},
            content_type="application/json",
        )
    assert response.status_code == 202, response.content
    body = api.get(f"/api/v1/scans/mask-database-jobs/{response.json()['id']}").json()
    assert body["status"] == "succeeded"
    assert body["target"].endswith("/masked-copies/api_copy.sqlite3")
    assert [p[0] for p in _read(body["target"])[0]] == [1, 2, 3]
    again = api.post(
        "/api/v1/scans/mask-database-jobs",
        {"source_id": source.pk, "create_database": True, "new_name": "api_copy"},
        content_type="application/json",
    )
    assert again.status_code == 422
    assert "The target file already exists and is not overwritten" in again.content.decode()


def test_the_api_gives_a_failed_copys_error_in_chinese_and_in_english(
    admin: User, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    import sqlalchemy as sa

    from tests.scans.test_mask_database import _api

    src, dst = f"sqlite:///{tmp_path / 'crm.db'}", f"sqlite:///{tmp_path / 'taken.db'}"
    _fill(src)
    source = _source(admin, src)
    engine = sa.create_engine(dst)
    with engine.begin() as conn:  # the target already has an "orders" table of its own
        conn.execute(sa.text("CREATE TABLE orders (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    api = _api(admin, "zh-hant")
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/scans/mask-database-jobs",
            {"source_id": source.pk, "target_url": dst},
            content_type="application/json",
        )
    assert response.status_code == 202, response.content
    body = api.get(f"/api/v1/scans/mask-database-jobs/{response.json()['id']}").json()
    assert body["status"] == "failed"
    assert body["error"].startswith("遮罩副本失敗，來源資料庫未變更")
    assert body["error_en"].startswith("The masked copy failed; the source database was not changed")
    assert "orders" in body["error_en"]
