"""What a SQL statement does, in words a rule can use: its verb, the object it touches, and whether it
creates or elevates an account. Only the verb and object names are kept, never literals (they may hold
personal data)."""

from __future__ import annotations

import re

_VERB = re.compile(r"\s*(?:/\*.*?\*/\s*)*([A-Za-z]+)(?:\s+([A-Za-z]+))?", re.S)
_OBJECT = re.compile(
    r"\b(?:FROM|INTO|UPDATE|TABLE|JOIN|COPY)\s+((?:[`\"]?[\w$]+[`\"]?\.)?[`\"]?[\w$]+[`\"]?)", re.I
)
_PRIVILEGED = re.compile(
    r"\b(SUPERUSER|CREATEROLE|ALL\s+PRIVILEGES|GRANT\s+OPTION|SUPER\b|pg_read_all_data|pg_write_all_data|"
    r"rds_superuser|azure_pg_admin|cloudsqlsuperuser|DBA\b|admin\b)",
    re.I,
)
_COMPOUND = {"CREATE", "ALTER", "DROP"}
_ACCOUNT_OBJECTS = {"USER", "ROLE"}


def describe(statement: str) -> tuple[str, str]:
    """("SELECT", "public.customers"), ("GRANT", ""), ("CREATE USER", "") …"""
    m = _VERB.match(statement[:2000])
    if m is None:
        return "", ""
    verb = m.group(1).upper()
    second = (m.group(2) or "").upper()
    if verb in _COMPOUND and second in _ACCOUNT_OBJECTS | {"TABLE", "DATABASE", "SCHEMA", "INDEX", "VIEW"}:
        verb = f"{verb} {second}"
    obj = _OBJECT.search(statement[:4000])
    target = obj.group(1).replace('"', "").replace("`", "") if obj else ""
    return verb[:32], target[:200]


def is_privilege_change(verb: str, statement: str) -> bool:
    """A statement that creates an account or gives one more power (GRANT …, ALTER ROLE … SUPERUSER)."""
    if verb in ("CREATE USER", "CREATE ROLE"):
        return True
    if verb == "GRANT" or verb in ("ALTER USER", "ALTER ROLE"):
        return verb == "GRANT" or bool(_PRIVILEGED.search(statement[:2000]))
    return False
