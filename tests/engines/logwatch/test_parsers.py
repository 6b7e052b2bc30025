"""Each format parsed from a realistic sample: the events it yields and the lines it skips, with why."""

from __future__ import annotations

import datetime as dt
import gzip
import io
from pathlib import Path

import pytest

from shouhu.engines.logwatch import Col, make_parser, run
from shouhu.engines.logwatch.timeparse import from_ms

SAMPLES = Path(__file__).parent / "samples"


def read(name: str, fmt: str, **options: object):
    parser = make_parser(fmt, options)
    result = run(io.BytesIO((SAMPLES / name).read_bytes()), parser=parser, sink=None)
    rows: list = []

    class Keep:
        def write(self, r, c):
            rows.extend(r)

    run(io.BytesIO((SAMPLES / name).read_bytes()), parser=make_parser(fmt, options), sink=Keep())
    return rows, result


def taipei(ms: int) -> str:
    return (from_ms(ms) + dt.timedelta(hours=8)).strftime("%Y-%m-%d %H:%M:%S")


def test_nginx_combined_reads_fields_and_drops_the_query_string():
    rows, result = read("nginx_combined.log", "combined")
    first = rows[0]
    assert (taipei(first[Col.TS]), first[Col.IP], first[Col.ACCOUNT], first[Col.ACTION]) == (
        "2026-05-04 09:12:01", "61.220.14.7", "wang.mei", "GET",
    )  # fmt: skip
    assert (first[Col.TARGET], first[Col.STATUS], first[Col.BYTES], first[Col.DOMAIN]) == (
        "/api/customers/1024", 200, 1834, "crm.example.com.tw",
    )  # fmt: skip
    assert rows[1][Col.TARGET] == "/api/orders"
    assert rows[-1][Col.LINE] == 9
    assert rows[-1][Col.BYTES] == 52428800


def test_nginx_counts_skipped_lines_by_reason_without_crashing():
    rows, result = read("nginx_combined.log", "combined")
    assert len(rows) == 6  # the TLS-handshake request is a real (odd) event
    assert dict(result.rejects.counts) == {"format": 1, "time": 1, "empty": 1}
    assert result.rejects.examples["time"] == [7]
    assert result.rejects.malformed == 2


def test_apache_common_has_no_referrer_and_reads_escaped_quotes():
    rows, result = read("apache_common.log", "common")
    assert len(rows) == 4
    assert not result.rejects.counts
    assert rows[3][Col.TARGET] == "/search"
    assert rows[3][Col.BYTES] == -1
    assert rows[0][Col.AGENT] == ""
    assert rows[0][Col.ACCOUNT] == "lin.hr"


def test_gzip_file_is_read_like_the_plain_one():
    plain = (SAMPLES / "nginx_combined.log").read_bytes()
    rows: list = []

    class Keep:
        def write(self, r, c):
            rows.extend(r)

    run(io.BytesIO(gzip.compress(plain)), parser=make_parser("combined"), sink=Keep())
    assert len(rows) == 6
    assert rows[0][Col.ACCOUNT] == "wang.mei"


def test_json_lines_with_default_names():
    rows, result = read("app.jsonl", "jsonl")
    assert len(rows) == 3
    assert (taipei(rows[0][Col.TS]), rows[0][Col.ROWS], rows[0][Col.ACTION]) == (
        "2026-05-04 09:13:07",
        5000,
        "export",
    )
    assert rows[1][Col.TARGET] == "/api/customers/7"
    assert (rows[2][Col.IP], rows[2][Col.OUTCOME], rows[2][Col.STATUS]) == ("2001:b000:1a2::5", "fail", 401)
    assert dict(result.rejects.counts) == {"time": 1, "json": 1, "missing_time": 1, "number": 1}


def test_csv_with_a_mapping_and_thousands_separators():
    mapping = {
        "time": "時間",
        "account": "帳號",
        "ip": "來源IP",
        "action": "動作",
        "target": "資料表",
        "rows": "筆數",
    }
    rows, result = read("db_export.csv", "csv", mapping=mapping, kind="db")
    assert [(r[Col.ACCOUNT], r[Col.TARGET], r[Col.ROWS], r[Col.KIND]) for r in rows] == [
        ("wang.mei", "crm.customers", 120, "db"),
        ("chen.ops", "crm.customers", 12000, "db"),
    ]
    assert dict(result.rejects.counts) == {"columns": 1}
    assert result.parser_state == {"header": ["時間", "帳號", "來源ip", "動作", "資料表", "筆數"]}


def test_csv_resumed_read_uses_the_saved_header():
    parser = make_parser(
        "csv", {"mapping": {"time": "時間", "account": "帳號"}}, {"header": ["時間", "帳號"]}
    )
    rows, rejects = parser.parse(["2026-05-04 09:00:00,wang.mei"], 10)
    assert rows[0][Col.ACCOUNT] == "wang.mei"
    assert rows[0][Col.LINE] == 10
    assert not rejects


def test_postgres_statements_logins_privileges_and_pgaudit():
    rows, result = read("postgres.log", "postgres")
    got = [(r[Col.KIND], r[Col.ACCOUNT], r[Col.ACTION], r[Col.TARGET], r[Col.OUTCOME]) for r in rows]
    assert got == [
        ("auth", "wang.mei", "LOGIN", "", "ok"),
        ("db", "wang.mei", "SELECT", "public.customers", "ok"),
        ("db", "wang.mei", "SELECT", "", "ok"),  # the FROM is on a continuation line
        ("db", "dba", "PRIVILEGE", "CREATE ROLE", "ok"),
        ("db", "dba", "PRIVILEGE", "ALTER ROLE", "ok"),
        ("auth", "postgres", "LOGIN", "", "fail"),
        ("db", "wang.mei", "SELECT", "public.customers", "ok"),
    ]
    assert taipei(rows[0][Col.TS]) == "2026-05-04 09:00:01"  # CST read as Taiwan time
    assert dict(result.rejects.counts) == {"continuation": 2, "ignored": 1, "format": 1}


def test_mysql_general_log_keeps_the_connection_account():
    rows, result = read("mysql_general.log", "mysql_general")
    got = [(r[Col.KIND], r[Col.ACCOUNT], r[Col.ACTION], r[Col.TARGET], r[Col.OUTCOME]) for r in rows]
    assert got == [
        ("auth", "wang.mei", "LOGIN", "", "ok"),
        ("db", "wang.mei", "SELECT", "customers", "ok"),
        ("auth", "root", "LOGIN", "", "fail"),
        ("db", "wang.mei", "PRIVILEGE", "GRANT", "ok"),
        ("auth", "lin.hr", "LOGIN", "", "ok"),
        ("db", "lin.hr", "SELECT", "employees", "ok"),
    ]
    assert taipei(rows[-1][Col.TS]) == "2026-05-04 09:10:01"
    assert result.parser_state["connections"]["12"] == ["wang.mei", "61.220.14.7"]
    assert dict(result.rejects.counts) == {"ignored": 3}


def test_mariadb_audit_plugin_lines():
    rows, result = read("mariadb_audit.log", "mariadb_audit")
    got = [(r[Col.ACCOUNT], r[Col.ACTION], r[Col.TARGET], r[Col.OUTCOME]) for r in rows]
    assert got == [
        ("wang.mei", "LOGIN", "crm", "ok"),
        ("wang.mei", "SELECT", "customers", "ok"),
        ("wang.mei", "READ", "crm.customers", "ok"),
        ("root", "LOGIN", "", "fail"),
        ("dba", "PRIVILEGE", "GRANT", "ok"),
    ]
    assert dict(result.rejects.counts) == {"ignored": 1}


@pytest.mark.parametrize("fmt", ["combined", "jsonl", "postgres", "mysql_general", "mariadb_audit"])
def test_a_line_longer_than_64_kb_is_skipped(fmt):
    parser = make_parser(fmt)
    rows, rejects = parser.parse(["x" * 70_000], 1)
    assert rows == []
    assert rejects[0].reason in {"too_long", "continuation", "ignored"}
