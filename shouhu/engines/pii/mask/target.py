"""The target of a masked database copy: create a new database for it, and clean up after a failed copy.

``create_database(url)`` makes the database ``url`` names: on PostgreSQL and MariaDB/MySQL with
``CREATE DATABASE`` on that server (the URL's account needs the right to), for SQLite as a new, empty file.
It never takes over a database that exists already. ``drop_tables`` and ``drop_database`` undo what a copy
made (only the names the caller says the copy made).

A caller that may die between ``CREATE DATABASE`` and writing down that it made the database (a worker
killed then) passes a ``token`` it recorded before: the new database then carries a mark of that token
from the moment it exists, and :func:`drop_marked_database` drops it only when it carries the mark, never
a database of that name someone else made. PostgreSQL: created under a name made of the token, commented
with the mark, then renamed (the comment goes with it); MariaDB: ``CREATE DATABASE … COMMENT`` (one
statement; MySQL has no database comments, so there nothing unconfirmed is dropped); SQLite: the file is
made under a name made of the token and linked to its name, the first link kept until
:func:`settle_marked_database` (the two names are one file only if this run made it). Every refusal is a :class:`TargetError` whose message
is bilingual and carries no value or password.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Final

#: Names a new database may take: letters, digits and ``_``, not starting with a digit (no quoting games).
DATABASE_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
#: SQLSTATE / MySQL error numbers meaning "not allowed" and "exists already".
_PG_DENIED, _PG_EXISTS = frozenset({"42501"}), frozenset({"42P04"})
_MY_DENIED, _MY_EXISTS = frozenset({1044, 1045, 1142, 1227}), frozenset({1007})
_MY_SYNTAX: Final = 1064
TOKEN: Final = re.compile(r"[0-9a-f]{16}")


class TargetError(ValueError):
    """The target database cannot be created or cleaned up; the message is safe to show."""


class TargetExists(TargetError):
    pass


class TargetNotPermitted(TargetError):
    pass


def valid_database_name(name: str) -> bool:
    """Whether ``name`` may be used for a new database (a conservative subset every server accepts)."""
    return DATABASE_NAME.fullmatch(name) is not None


def _exists(name: str) -> TargetExists:
    return TargetExists(
        f"目的資料庫「{name}」已存在，不會覆寫；請改用其他名稱 / the target database {name} already exists "
        "and is not overwritten: choose another name"
    )


def _denied(name: str) -> TargetNotPermitted:
    return TargetNotPermitted(
        f"目的伺服器的帳號沒有建立資料庫的權限，無法建立「{name}」；請向資料庫管理者申請權限（CREATEDB／CREATE）"
        f"或先建立空的資料庫 / the account on the target server may not create databases, so {name} was "
        "not created: ask its administrator for the right (CREATEDB / CREATE) or create an empty database first"
    )


def _name_of(url: Any) -> str:
    name = str(url.database or "")
    if not valid_database_name(name):
        raise TargetError(
            "新資料庫名稱只能使用英文字母、數字與底線，且不可以數字開頭（最多 63 字）/ a new database's name "
            "may hold letters, digits and underscores only, not start with a digit, at most 63 characters"
        )
    return name


def _server(url: Any) -> Any:
    """An autocommit engine on the server of ``url`` (PostgreSQL: its ``postgres`` database)."""
    import sqlalchemy as sa

    from ..db import writable_engine

    backend = url.get_backend_name()
    server = sa.engine.URL.create(  # ``URL.set(database=None)`` would keep the database
        url.drivername,
        username=url.username,
        password=url.password,
        host=url.host,
        port=url.port,
        database="postgres" if backend == "postgresql" else None,
        query=url.query,
    )
    return writable_engine(server.render_as_string(hide_password=False)).execution_options(
        isolation_level="AUTOCOMMIT"
    )


def _codes(exc: Any) -> set[Any]:
    """The SQLSTATE and (MySQL) error number of a driver error."""
    orig = getattr(exc, "orig", None)
    args = getattr(orig, "args", ())
    return {getattr(orig, "sqlstate", None), getattr(orig, "pgcode", None), args[0] if args else None}


def sqlite_path(url: str) -> Path | None:
    """The file an SQLite URL names (``None`` for another kind of database or an in-memory one)."""
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def marker(token: str) -> str:
    """The mark a database created with ``token`` carries (PostgreSQL and MariaDB: its comment)."""
    if TOKEN.fullmatch(token) is None:
        raise ValueError("token must be 16 lower-case hex digits")
    return f"shouhu masked copy {token}"


def _staging_name(token: str) -> str:
    return f"shouhu_new_{token}"


def _staging_path(path: Path, token: str) -> Path:
    return path.with_name(f".{path.name}.{token}.creating")


def create_database(url: str, *, token: str | None = None) -> None:
    """Create the database ``url`` names; refuse one that exists (nothing is taken over). With ``token``
    (16 hex digits the caller recorded first) the database is marked as made with it (see the module)."""
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    backend = parsed.get_backend_name()
    mark = marker(token) if token is not None else None
    if backend == "sqlite":
        _create_sqlite(sqlite_path(url), token)
        return
    name = _name_of(parsed)
    engine = _server(parsed)
    quote = engine.dialect.identifier_preparer.quote_identifier
    try:
        with engine.connect() as conn:
            if backend == "postgresql":
                taken = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            else:
                taken = conn.execute(
                    sa.text("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = :n"), {"n": name}
                )
            if taken.first() is not None:
                raise _exists(name)
            if backend == "postgresql":
                _create_postgresql(conn, quote, name, token)
            else:
                _create_mysql(conn, quote, name, mark)
    except sa.exc.DBAPIError as exc:
        codes = _codes(exc)
        if codes & (_PG_EXISTS | _MY_EXISTS):
            raise _exists(name) from None
        if codes & (_PG_DENIED | _MY_DENIED):
            raise _denied(name) from None
        raise
    finally:
        engine.dispose()


def _create_postgresql(conn: Any, quote: Any, name: str, token: str | None) -> None:
    if token is None:
        conn.exec_driver_sql(f"CREATE DATABASE {quote(name)}")
        return
    staging = quote(_staging_name(token))  # a name no one else takes: if it exists, this run made it
    conn.exec_driver_sql(f"CREATE DATABASE {staging}")
    try:
        conn.exec_driver_sql(f"COMMENT ON DATABASE {staging} IS '{marker(token)}'")
        conn.exec_driver_sql(f"ALTER DATABASE {staging} RENAME TO {quote(name)}")  # fails if name was taken
    except BaseException:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {staging}")
        raise


def _create_mysql(conn: Any, quote: Any, name: str, mark: str | None) -> None:
    import sqlalchemy as sa

    create = f"CREATE DATABASE {quote(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    if mark is None:
        conn.exec_driver_sql(create)
        return
    try:
        conn.exec_driver_sql(f"{create} COMMENT '{mark}'")
    except sa.exc.ProgrammingError as exc:
        if _MY_SYNTAX not in _codes(exc):
            raise
        conn.exec_driver_sql(create)  # MySQL: no database comments (an unconfirmed copy is then kept)


def _create_sqlite(path: Path | None, token: str | None = None) -> None:
    if path is None or not path.is_absolute():
        raise TargetError("SQLite 目的資料庫須為絕對路徑 / an SQLite target must be an absolute path")
    made = _staging_path(path, token) if token is not None else path
    try:
        fd = os.open(made, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise _exists(path.name) from None
    except FileNotFoundError:
        raise TargetError(
            f"資料夾不存在：{path.parent.name} / the folder for the new SQLite file does not exist"
        ) from None
    except PermissionError:
        raise _denied(path.name) from None
    os.close(fd)  # an empty file is an empty SQLite database
    if made != path:
        try:
            os.link(made, path)  # never replaces a file that is there
        except FileExistsError:
            made.unlink()
            raise _exists(path.name) from None
        except OSError:
            made.unlink()
            raise


def settle_marked_database(url: str, token: str) -> None:
    """The caller has written down that it made the database: SQLite's first name is no longer needed."""
    path = sqlite_path(url)
    if path is not None:
        _staging_path(path, token).unlink(missing_ok=True)


def drop_marked_database(url: str, token: str) -> bool:
    """Drop the database ``url`` names if it carries the mark of ``token`` (this caller made it, see the
    module), and what is left of a creation cut short; a database of that name without the mark is left
    alone. Returns whether a database was dropped."""
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    backend = parsed.get_backend_name()
    mark = marker(token)
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is None:
            return False
        staging = _staging_path(path, token)
        ours = staging.exists() and path.exists() and os.path.samefile(staging, path)
        if ours:
            drop_database(url)
        staging.unlink(missing_ok=True)
        return ours
    name = _name_of(parsed)
    engine = _server(parsed)
    quote = engine.dialect.identifier_preparer.quote_identifier
    dropped = False
    try:
        with engine.connect() as conn:
            if backend == "postgresql":
                first = _staging_name(token)
                rows = conn.execute(
                    sa.text(
                        "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database "
                        "WHERE datname IN (:n, :s)"
                    ),
                    {"n": name, "s": first},
                ).all()
                for found, comment in rows:
                    if found == first or comment == mark:
                        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {quote(found)} WITH (FORCE)")
                        dropped = dropped or found == name
            else:
                comment = conn.execute(
                    sa.text("SELECT SCHEMA_COMMENT FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = :n"),
                    {"n": name},
                ).scalar()
                if comment == mark:
                    conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {quote(name)}")
                    dropped = True
    finally:
        engine.dispose()
    return dropped


def drop_database(url: str) -> None:
    """Drop the database ``url`` names (a copy created it and failed): the server's database, or the file."""
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            for leftover in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
        return
    name = _name_of(parsed)
    engine = _server(parsed)
    quote = engine.dialect.identifier_preparer.quote_identifier
    force = " WITH (FORCE)" if backend == "postgresql" else ""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {quote(name)}{force}")
    finally:
        engine.dispose()


def drop_tables(url: str, names: list[str]) -> list[str]:
    """Drop those of ``names`` that exist in ``url`` (tables a copy created), dependants first; returns
    the names dropped."""
    import sqlalchemy as sa

    from ..db import writable_engine

    engine = writable_engine(url)
    try:
        present = sorted(set(names) & set(sa.inspect(engine).get_table_names()))
        if present:
            meta = sa.MetaData()
            meta.reflect(bind=engine, only=present)
            meta.drop_all(engine, tables=[meta.tables[n] for n in present])  # not what they refer to
        return present
    finally:
        engine.dispose()
