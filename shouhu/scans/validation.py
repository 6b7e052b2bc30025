"""Rules for scan sources: which server paths may be read and which database URLs are accepted.

Defaults are safe: only the roles in ``SHOUHU_SCAN_PATH_ROLES`` (default: administrators) may point a
scan at a server path (a SQLite URL is a server path too), and when ``SHOUHU_SCAN_BASE_DIRS`` is set the
path must lie under one of those directories. Messages are zh-TW and never repeat a password.

Database hosts (server-side request forgery): only administrators may point a scan at any host. Other
users may use only the hosts listed in ``SHOUHU_SCAN_DB_HOSTS`` (names, IP addresses or networks; empty by
default), never a local socket, a loopback, link-local or cloud-metadata address, and only the plain
connection options in ``_USER_OPTIONS``. Driver options that read or write server files or run commands
at connect time (``local_infile``, ``init_command`` …) are refused for everyone.

A host name is resolved (``socket.getaddrinfo``, which also turns ``2130706433`` or ``127.1`` into
127.0.0.1): every address it resolves to must be outside those ranges, and the name is allowed when it is
listed itself or every address lies in a listed network. The check runs when the source is saved and
again just before the scan connects (``connect_url``), which then connects to the address it checked, so
a name that starts resolving elsewhere (DNS rebinding) does not reach a local service; the name stays the
one TLS verifies (PostgreSQL ``hostaddr``; MySQL/MariaDB through pymysql the same ``hostaddr``, read by the
scan engine).
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
from collections.abc import Mapping
from typing import Any

from django.conf import settings

from shouhu.accounts.permissions import user_roles
from shouhu.scans.models import SourceKind

Errors = dict[str, list[str]]
ALLOWED_SCHEMES = ("postgresql", "mysql", "mariadb", "sqlite")
ADMIN_ROLE = "admin"
# Options that load server files or run statements when connecting: refused for everyone.
_FORBIDDEN_OPTIONS = frozenset(
    {
        "local_infile",
        "allow_local_infile",
        "allow_local_infile_in_path",
        "init_command",
        "read_default_file",
        "read_default_group",
        "client_flag",
        "plugin_dir",
        "sslkeylogfile",
    }
)
# Options non-administrators may set: TLS mode, timeouts, names and credentials (no file paths, no
# host overrides such as ``host=/run/postgresql`` or ``unix_socket=``, no ``options=-c …``).
_USER_OPTIONS = frozenset(
    {
        "sslmode",
        "ssl_mode",
        "sslnegotiation",
        "gssencmode",
        "connect_timeout",
        "application_name",
        "client_encoding",
        "charset",
        "target_session_attrs",
        "password",
        "passwd",
        "pwd",
    }
)
# Never reachable by non-administrators, even when listed: loopback, link-local, metadata, unspecified.
_LOCAL_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in ("127.0.0.0/8", "0.0.0.0/8", "169.254.0.0/16", "::1/128", "::/128", "fe80::/10", "fd00::/8")
)
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
_SCHEME = re.compile(r"^([a-z][a-z0-9]*)(\+[a-z0-9_]+)?://", re.IGNORECASE)


def path_roles() -> frozenset[str]:
    return frozenset(getattr(settings, "SHOUHU_SCAN_PATH_ROLES", ("admin",)))


def allowed_db_hosts() -> list[str]:
    return [h.strip().lower() for h in getattr(settings, "SHOUHU_SCAN_DB_HOSTS", ()) if h.strip()]


def may_use_any_db_host(user: Any) -> bool:
    return ADMIN_ROLE in user_roles(user)


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
    return db_target_errors(url.strip(), user=user)


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def _listed(host: str, ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
    for entry in allowed_db_hosts():
        if entry == host:
            return True
        if ip is not None:
            try:
                if ip in ipaddress.ip_network(entry, strict=False):
                    return True
            except ValueError:
                continue
    return False


def _is_local(host: str, ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
    if host.rstrip(".") in _LOCAL_NAMES or host.rstrip(".").endswith(".localhost") or host.startswith("/"):
        return True
    if ip is None:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip in net for net in _LOCAL_NETWORKS if net.version == ip.version)


IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def resolve(host: str) -> list[IpAddress]:
    """Every address ``host`` resolves to (an IP literal is itself); empty when it does not resolve."""
    literal = _ip(host)
    if literal is not None:
        return [literal]
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    out: list[IpAddress] = []
    for info in infos:
        ip = _ip(str(info[4][0]))
        if ip is not None and ip not in out:
            out.append(ip)
    return out


def _in_listed_network(ip: IpAddress) -> bool:
    for entry in allowed_db_hosts():
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


_LOCAL_MESSAGE = "只有系統管理員可以掃描本機、內部連結或雲端中繼資料位址的資料庫。"


def _host_errors(host: str, addresses: list[IpAddress]) -> Errors:
    """The allow-list and forbidden-range check of one host for a non-administrator."""
    ip = _ip(host)
    if _is_local(host, ip) or any(_is_local(str(a), a) for a in addresses):
        return {"database_url": [_LOCAL_MESSAGE]}
    listed = "," not in host and (
        _listed(host, ip) or (bool(addresses) and all(_in_listed_network(a) for a in addresses))
    )
    if not listed:
        return {
            "database_url": [
                f"只有系統管理員可以掃描允許清單（SHOUHU_SCAN_DB_HOSTS）以外的主機：{host}。"
                "請系統管理員將主機加入清單或代為設定。"
            ]
        }
    return {}


class TargetRefused(ValueError):
    """The database target may not be reached at connect time; the message is safe to show."""


def connect_url(url: str) -> str:
    """``url`` checked again just before a scan connects, for a target set by a non-administrator: the host
    is resolved now, every address checked, and the URL returned connects to the checked address (so the
    name cannot resolve elsewhere between the check and the connection). Raises ``TargetRefused``."""
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return url
    host = (parsed.host or "").strip().lower()
    addresses = resolve(host)
    if not addresses:
        raise TargetRefused(f"無法解析資料庫主機名稱：{host}。")
    errors = _host_errors(host, addresses)
    if errors:
        raise TargetRefused(errors["database_url"][0])
    pinned = str(addresses[0])
    if _ip(host) is not None:
        return url
    # Connect to the checked address and keep the name for TLS (SNI, certificate verification) and
    # authentication: libpq reads hostaddr itself; for MySQL/MariaDB through pymysql the scan engine opens the
    # socket to hostaddr and pymysql verifies the name (engines.pii.db._mysql_pinned).
    if parsed.get_backend_name() == "postgresql" or (
        parsed.get_backend_name() in ("mysql", "mariadb") and parsed.get_driver_name() == "pymysql"
    ):
        return parsed.update_query_dict({"hostaddr": pinned}).render_as_string(hide_password=False)
    return parsed.set(host=pinned).render_as_string(hide_password=False)  # another driver: by address


def db_target_errors(url: str, *, user: Any) -> Errors:
    """Host and driver options of a server database URL: see the module docstring."""
    import sqlalchemy as sa

    try:
        parsed = sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        return {"database_url": ["無法辨識資料庫連線網址的格式，請確認密碼中的特殊字元已經過百分比編碼。"]}
    options = {k.lower() for k in parsed.query}
    forbidden = sorted(options & _FORBIDDEN_OPTIONS)
    if forbidden:
        return {
            "database_url": ["連線參數不允許使用（可能讀寫伺服器檔案或執行指令）：" + "、".join(forbidden)]
        }
    host = (parsed.host or "").strip().lower()
    if not host:
        return {"database_url": ["請在連線網址中填寫主機（例如 user:密碼@db.example:5432/資料庫）。"]}
    if may_use_any_db_host(user):
        return {}
    extra = sorted(options - _USER_OPTIONS)
    if extra:
        return {"database_url": ["只有系統管理員可以使用這些連線參數：" + "、".join(extra)]}
    # A name that does not resolve now is judged by the list alone; the scan checks it again on connecting.
    return _host_errors(host, resolve(host) if "," not in host else [])


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
