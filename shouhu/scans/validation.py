"""Rules for scan sources: which server paths may be read and which database URLs are accepted.

Defaults are safe: only the roles in ``SHOUHU_SCAN_PATH_ROLES`` (default: administrators) may point a
scan at a server path (a SQLite URL is a server path too), and when ``SHOUHU_SCAN_BASE_DIRS`` is set the
path must lie under one of those directories. Messages are zh-TW and never repeat a password.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings

from shouhu.accounts.permissions import user_roles
from shouhu.scans.models import SourceKind

Errors = dict[str, list[str]]
ALLOWED_SCHEMES = ("postgresql", "mysql", "mariadb", "sqlite")
_SCHEME = re.compile(r"^([a-z][a-z0-9]*)(\+[a-z0-9_]+)?://", re.IGNORECASE)


def path_roles() -> frozenset[str]:
    return frozenset(getattr(settings, "SHOUHU_SCAN_PATH_ROLES", ("admin",)))


def base_dirs() -> list[str]:
    return [os.path.realpath(d) for d in getattr(settings, "SHOUHU_SCAN_BASE_DIRS", ())]


def may_use_server_paths(user: Any) -> bool:
    return bool(user_roles(user) & path_roles())


def path_errors(path: str, *, user: Any, field: str = "path") -> Errors:
    """Check a server path: allowed for this user, absolute, inside a base directory, readable."""
    if not may_use_server_paths(user):
        return {field: ["只有系統管理員可以設定伺服器上的路徑（SHOUHU_SCAN_PATH_ROLES）。"]}
    if not path.strip():
        return {field: ["請填寫伺服器上的路徑。"]}
    if not os.path.isabs(path):
        return {field: ["請填寫絕對路徑（例如 /srv/exports）。"]}
    real = os.path.realpath(path)
    bases = base_dirs()
    if bases and not any(os.path.commonpath([real, b]) == b for b in bases):
        return {field: ["路徑不在允許掃描的目錄內（SHOUHU_SCAN_BASE_DIRS）：" + "、".join(bases)]}
    if not os.path.exists(real):
        return {field: ["伺服器上找不到這個路徑。"]}
    if not (os.path.isdir(real) or os.path.isfile(real)):
        return {field: ["路徑必須是目錄或一般檔案。"]}
    mode = os.R_OK | (os.X_OK if os.path.isdir(real) else 0)
    if not os.access(real, mode):
        return {field: ["伺服器沒有讀取這個路徑的權限。"]}
    return {}


def sqlite_file(url: str) -> str | None:
    """The database file of a ``sqlite:///…`` URL (``None`` for in-memory)."""
    rest = url.split("://", 1)[1]
    path = rest[1:] if rest.startswith("/") else rest
    path = path.split("?", 1)[0]
    return path or None


def url_errors(url: str, *, user: Any) -> Errors:
    m = _SCHEME.match(url.strip())
    if not m or m.group(1).lower() not in ALLOWED_SCHEMES:
        return {
            "database_url": ["資料庫連線網址須以 postgresql://、mysql://、mariadb:// 或 sqlite:/// 開頭。"]
        }
    if m.group(1).lower() == "sqlite":
        path = sqlite_file(url.strip())
        if path is None:
            return {"database_url": ["SQLite 須指定伺服器上的資料庫檔案。"]}
        errors = path_errors(path, user=user, field="database_url")
        if not errors and not os.path.isfile(path):
            errors = {"database_url": ["SQLite 資料庫必須是檔案。"]}
        return errors
    host = url.split("://", 1)[1].rsplit("@", 1)[-1].split("/", 1)[0]
    if not host:
        return {"database_url": ["請在連線網址中填寫主機（例如 user:密碼@db.example:5432/資料庫）。"]}
    return {}


def source_errors(data: Mapping[str, Any], *, user: Any, has_stored_url: bool) -> Errors:
    errors: Errors = {}
    if not str(data.get("name") or "").strip():
        errors["name"] = ["請填寫名稱。"]
    kind = data.get("kind")
    if kind == SourceKind.PATH:
        errors.update(path_errors(str(data.get("path") or ""), user=user))
        if not data.get("max_size_mb"):
            errors["max_size_mb"] = ["單檔大小上限須大於 0 MB。"]
    elif kind == SourceKind.DATABASE:
        url = str(data.get("database_url") or "")
        if url:
            errors.update(url_errors(url, user=user))
        elif not has_stored_url:
            errors["database_url"] = ["請填寫資料庫連線網址。"]
    else:
        errors["kind"] = ["類型須為「伺服器路徑」或「資料庫」。"]
    return errors
