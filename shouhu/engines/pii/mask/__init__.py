"""Masking toolkit (隱碼, guideline 附一 6.1.2; moda rule Art. 11 II): pure Python, no Django.

    from shouhu.engines.pii import mask

    policy = mask.Policy(key=key, methods={"tw_national_id": "pseudonym", "birth_date": "generalize"},
                         columns=[mask.ColumnRule("email", "hash")])
    mask.mask_text("王小明 0912-345-678", policy)          # '王○明 0912-***-678'
    mask.mask_file("in.csv", "out.csv", policy)           # CSV/TSV, XLSX, JSONL, SQL dump
    mask.mask_database("sqlite:///a.db", "sqlite:///b.db", policy)

Column picks can be given as structured data instead of ``column=method:category`` text rules (names
taken literally, checked, ``ValueError`` in zh-TW / English naming the bad pick)::

    policy = mask.Policy(key=key, columns=mask.column_rules([
        {"table": "customers", "column": "national_id", "method": "pseudonym", "category": "tw_national_id"},
        {"table": "orders", "column": "note", "method": "remove"},
        {"column": "email", "method": "hash"},          # any table
    ]))
    mask.column_rule("mobile", "partial", "mobile_phone", table="customers")   # one pick
    mask.parse_rules("email=hash\ncust_*=keep")        # the text form, wildcards allowed

Files take the same picks, also as ``columns=`` (checked alike; a bad pick is refused before anything is read)::

    mask.mask_file("customers.csv", "out.csv", policy, columns=[
        {"table": "customers", "column": "national_id", "method": "pseudonym", "category": "tw_national_id"},
    ])
    mask.mask_database("sqlite:///a.db", "sqlite:///b.db", policy, columns=[{"column": "note", "method": "remove"}])

A pick's ``table`` is the database table, the table of each ``INSERT``/``COPY`` in an SQL dump, the sheet of an
XLSX workbook, and for CSV/TSV/JSONL the file's name without its extension (``mask_file(..., table="customers")``
names it otherwise). Names are compared exactly but for case: a column called ``a.b`` or ``cust_*`` is just that.
After a run, ``policy.all_notes()`` lists every rule or pick that matched no column (zh-TW / English).

Methods: ``partial`` (王○明, A12****789), ``pseudonym`` (format-preserving, passes the checksum,
keyed and deterministic), ``hash`` (keyed token), ``generalize`` (birth date → year, address →
district), ``remove``, ``keep``. The key comes from a key file kept apart from the data.
"""

from .core import ColumnRule, Policy, column_rule, column_rules, mask_cell, mask_text, parse_rules
from .methods import METHODS

__all__ = [
    "METHODS",
    "ColumnRule",
    "Policy",
    "column_rule",
    "column_rules",
    "mask_cell",
    "mask_database",
    "mask_file",
    "mask_text",
    "parse_rules",
]


def mask_file(source: str, target: str, policy: Policy, **options: object) -> dict[str, int]:
    """Mask a CSV/TSV, XLSX, JSONL or SQL dump file into ``target``; return counts per category.

    Options: ``kind`` (the file type, default by extension), ``columns`` (structured picks, as
    :func:`column_rules` takes them), ``table`` (the table a CSV/TSV/JSONL file holds, default its name
    without the extension)."""
    from .files import mask_file as run

    return run(source, target, policy, **options)  # type: ignore[arg-type]


def mask_database(source_url: str, target_url: str, policy: Policy, **options: object) -> dict[str, int]:
    """Copy the tables of one database into another with masked values; return counts per category.

    Options: ``tables`` (default: all), ``columns`` (structured picks, as :func:`column_rules` takes them),
    ``progress``, ``row_progress``, ``created`` (see :func:`.database.mask_database`)."""
    from .database import mask_database as run

    return run(source_url, target_url, policy, **options)  # type: ignore[arg-type]
