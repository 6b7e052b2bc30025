"""Scan sources: validation (zh-TW), safe defaults for server paths, encrypted database URLs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouhu.accounts.models import User
from shouhu.audit.models import AuditEvent
from shouhu.scans import services
from shouhu.scans.models import ScanSource

PG = "postgresql+psycopg://scanner:Sup3r-Secret@db.example:5432/crm"


@pytest.fixture(autouse=True)
def _db_example_allowed(settings: Any) -> None:
    settings.SHOUHU_SCAN_DB_HOSTS = ["db.example"]


def _path(path: str, **extra: Any) -> dict[str, Any]:
    return {"name": "來源", "kind": "path", "path": path, "max_size_mb": 10, "sample_rows": 0, **extra}


def _db(url: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": "CRM",
        "kind": "database",
        "database_url": url,
        "max_size_mb": 10,
        "sample_rows": 100,
        **extra,
    }


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_admin_defines_a_path_source(admin: User, data_dir: Path) -> None:
    source = services.create_source(actor=admin, data=_path(str(data_dir), include="*.csv\n*.txt\n"))
    assert source.target == str(data_dir)
    assert source.globs("include") == ("*.csv", "*.txt")
    assert AuditEvent.objects.filter(action="scans.source_created", object_id=str(source.pk)).exists()


def test_missing_path_is_refused_in_chinese(admin: User, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as exc:
        services.create_source(actor=admin, data=_path(str(tmp_path / "nope")))
    assert _errors(exc)["path"] == ["伺服器上找不到這個路徑。"]


def test_relative_path_is_refused(admin: User) -> None:
    with pytest.raises(ValidationError) as exc:
        services.create_source(actor=admin, data=_path("exports"))
    assert "絕對路徑" in _errors(exc)["path"][0]


def test_only_admins_may_define_server_paths_by_default(officer: User, data_dir: Path) -> None:
    with pytest.raises(ValidationError) as exc:
        services.create_source(actor=officer, data=_path(str(data_dir)))
    assert "只有系統管理員" in _errors(exc)["path"][0]


def test_more_roles_may_be_allowed_paths_by_setting(officer: User, data_dir: Path, settings: Any) -> None:
    settings.SHOUHU_SCAN_PATH_ROLES = ("admin", "pd_officer")
    assert services.create_source(actor=officer, data=_path(str(data_dir))).kind == "path"


def test_path_outside_the_allowed_base_directories_is_refused(
    admin: User, data_dir: Path, tmp_path: Path, settings: Any
) -> None:
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    settings.SHOUHU_SCAN_BASE_DIRS = [str(allowed)]
    with pytest.raises(ValidationError) as exc:
        services.create_source(actor=admin, data=_path(str(data_dir)))
    assert "不在允許掃描的目錄內" in _errors(exc)["path"][0]


def test_symlink_escaping_the_base_directory_is_refused(
    admin: User, data_dir: Path, tmp_path: Path, settings: Any
) -> None:
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (allowed / "link").symlink_to(data_dir)
    settings.SHOUHU_SCAN_BASE_DIRS = [str(allowed)]
    with pytest.raises(ValidationError):
        services.create_source(actor=admin, data=_path(str(allowed / "link")))


def test_unreadable_path_is_refused(admin: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shouhu.scans.validation.os.access", lambda *_a: False)
    with pytest.raises(ValidationError) as exc:
        services.create_source(actor=admin, data=_path(str(tmp_path)))
    assert _errors(exc)["path"] == ["伺服器沒有讀取這個路徑的權限。"]


@pytest.mark.parametrize("url", ["redis://h:6379/0", "mssql://u:p@h/db", "/etc/passwd", "postgres://u@h/db"])
def test_unsupported_url_scheme_is_refused(admin: User, url: str) -> None:
    with pytest.raises(ValidationError) as exc:
        services.create_source(actor=admin, data=_db(url))
    assert "postgresql://" in _errors(exc)["database_url"][0]


def test_sqlite_url_is_a_server_path_and_needs_an_admin(officer: User, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    db.write_bytes(b"")
    with pytest.raises(ValidationError) as exc:
        services.create_source(actor=officer, data=_db(f"sqlite:///{db}"))
    assert "只有系統管理員" in _errors(exc)["database_url"][0]


def test_database_url_is_stored_encrypted_and_shown_masked(officer: User) -> None:
    source = services.create_source(actor=officer, data=_db(PG))
    row = ScanSource.objects.filter(pk=source.pk).values().get()
    assert all("Sup3r-Secret" not in str(v) for v in row.values())
    assert source.url_masked == "postgresql+psycopg://scanner:***@db.example:5432/crm"
    assert services.source_url(source) == PG
    audit = list(AuditEvent.objects.filter(object_type="scans.scansource").values_list("changes", flat=True))
    assert audit
    assert "Sup3r-Secret" not in str(audit)


def test_blank_url_on_edit_keeps_the_stored_credentials(officer: User) -> None:
    source = services.create_source(actor=officer, data=_db(PG))
    services.update_source(actor=officer, source=source, data=_db("", name="CRM 正式"))
    source.refresh_from_db()
    assert source.name == "CRM 正式"
    assert services.source_url(source) == PG


def test_new_url_on_edit_replaces_the_credentials(officer: User) -> None:
    source = services.create_source(actor=officer, data=_db(PG))
    services.update_source(actor=officer, source=source, data=_db(PG.replace("Sup3r-Secret", "n3w-pw")))
    source.refresh_from_db()
    assert services.source_url(source) == PG.replace("Sup3r-Secret", "n3w-pw")
    event = AuditEvent.objects.filter(action="scans.source_updated").get()
    assert "n3w-pw" not in str(event.changes)


def test_database_source_needs_a_url(officer: User) -> None:
    with pytest.raises(ValidationError) as exc:
        services.create_source(actor=officer, data=_db(""))
    assert _errors(exc)["database_url"] == ["請填寫資料庫連線網址。"]


@pytest.mark.parametrize("role", ["auditor", "staff", "pd_chief"])
def test_roles_without_scans_manage_cannot_define_sources(make_user: Any, role: str) -> None:
    with pytest.raises(PermissionDenied):
        services.create_source(actor=make_user(role), data=_db(PG))


def test_delete_source_is_audited(officer: User) -> None:
    source = services.create_source(actor=officer, data=_db(PG))
    services.delete_source(actor=officer, source=source)
    assert not ScanSource.objects.exists()
    assert AuditEvent.objects.filter(action="scans.source_deleted").count() == 1
