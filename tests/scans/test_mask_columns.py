"""Column picks as structured data ({table, column, method, category}) in the Python API and the web API,
beside the text rules: names taken literally, each bad pick refused with a zh-TW / English message naming it,
documented in the OpenAPI schema."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from shouhu.accounts.models import User
from shouhu.engines.pii import mask
from shouhu.engines.pii.checksums import valid_national_id
from tests.scans.test_mask_database import _api, _fill, _source

KEY = b"k" * 32


def _copy(tmp_path: Path, policy: mask.Policy) -> dict[str, list[tuple[Any, ...]]]:
    src, dst = f"sqlite:///{tmp_path / 'crm.db'}", f"sqlite:///{tmp_path / 'masked.db'}"
    _fill(src)
    mask.mask_database(src, dst, policy)
    engine = sa.create_engine(dst)
    with engine.connect() as conn:
        out = {
            "customers": [
                tuple(r) for r in conn.execute(sa.text("SELECT name, national_id FROM customers ORDER BY id"))
            ],
            "orders": [tuple(r) for r in conn.execute(sa.text("SELECT national_id FROM orders ORDER BY id"))],
        }
    engine.dispose()
    return out


def test_structured_picks_mask_the_named_table_column_only(tmp_path: Path) -> None:
    rules = mask.column_rules(
        [
            {"table": "customers", "column": "name", "method": "keep"},
            {
                "table": "customers",
                "column": "national_id",
                "method": "pseudonym",
                "category": "tw_national_id",
            },
            {"column": "national_id", "method": "pseudonym", "category": "tw_national_id"},
        ]
    )
    out = _copy(tmp_path, mask.Policy(key=KEY, default="partial", columns=rules))
    assert [name for name, _ in out["customers"]] == ["王小明", "林美華", "陳大同"]  # kept as picked
    ids = [nid for _, nid in out["customers"]]
    assert all(valid_national_id(i) for i in ids)
    assert "A123456789" not in ids
    assert [nid for (nid,) in out["orders"]] == [ids[0], ids[0], ids[1]]  # joins survive


def test_a_structured_name_is_literal_not_a_wildcard() -> None:
    [rule] = mask.column_rules([{"table": "t", "column": "cust_*", "method": "keep"}])
    policy = mask.Policy(key=KEY, columns=[rule], table="t")
    assert policy.rule_for("cust_name") is None
    assert policy.rule_for("cust_*") == rule
    policy.table = "u"
    assert policy.rule_for("cust_*") is None  # another table's column of that name
    assert mask.column_rule("mobile", "partial", "mobile_phone", table="t") == mask.ColumnRule(
        "mobile", "partial", "mobile_phone", table="t", exact=True
    )


@pytest.mark.parametrize(
    ("picks", "zh", "en"),
    [
        (
            [{"column": "a", "method": "blur"}],
            "第 1 筆欄位規則：未知的遮罩方式「blur」",
            "column rule 1: unknown masking method 'blur'",
        ),
        (
            [{"column": "a", "method": "hash"}, {"column": "b", "method": "hash", "category": "shoe_size"}],
            "第 2 筆欄位規則：未知的類別「shoe_size」",
            "column rule 2: unknown category 'shoe_size'",
        ),
        (
            [{"table": "t", "method": "hash"}],
            "第 1 筆欄位規則缺少欄位名稱",
            "column rule 1 has no column name",
        ),
        ([{"column": "a", "method": "hash", "colour": "red"}], "不認得的鍵：colour", "unknown key: colour"),
        ([{"column": 7, "method": "hash"}], "column 應為文字", "column must be text"),
        (["a=hash"], "應為含 table、column、method、category 的物件", "must be an object"),
        ([{"column": "x" * 129, "method": "hash"}], "過長或含控制字元", "too long"),
    ],
)
def test_bad_picks_are_refused_naming_the_pick(picks: list[Any], zh: str, en: str) -> None:
    with pytest.raises(ValueError, match=re.escape(en)) as caught:
        mask.column_rules(picks)
    assert zh in str(caught.value)


def test_a_policy_refuses_an_unknown_category() -> None:
    with pytest.raises(ValueError, match="unknown category: shoe_size"):
        mask.Policy(key=KEY, columns=[mask.ColumnRule("a", "hash", "shoe_size")])
    with pytest.raises(ValueError, match="unknown category: shoe_size"):
        mask.Policy(key=KEY, methods={"shoe_size": "hash"})


def test_the_text_rules_still_work_beside_the_picks() -> None:
    assert mask.parse_rules("email=hash\ncust_*=keep") == [
        mask.ColumnRule("email", "hash"),
        mask.ColumnRule("cust_*", "keep"),
    ]


@pytest.mark.django_db
def test_the_web_api_takes_column_picks(
    admin: User, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    src, dst = f"sqlite:///{tmp_path / 'crm.db'}", f"sqlite:///{tmp_path / 'masked.db'}"
    _fill(src)
    source = _source(admin, src)
    api = _api(admin, "en")
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/scans/mask-database-jobs",
            {
                "source_id": source.pk,
                "target_url": dst,
                "columns": [
                    {"table": "customers", "column": "name", "method": "keep"},
                    {"column": "national_id", "method": "pseudonym", "category": "tw_national_id"},
                ],
                "rules": ["mobile=remove"],
            },
            content_type="application/json",
        )
    assert response.status_code == 202, response.content
    body = api.get(f"/api/v1/scans/mask-database-jobs/{response.json()['id']}").json()
    assert body["status"] == "succeeded"
    columns = {(t["table"], c["column"]): c["method"] for t in body["tables"] for c in t["columns"]}
    assert columns[("orders", "national_id")] == "pseudonym"
    assert columns[("customers", "mobile")] == "remove"
    assert ("customers", "name") not in columns  # kept: nothing replaced
    engine = sa.create_engine(dst)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT name FROM customers WHERE id = 1")).scalar() == "王小明"
    engine.dispose()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "column rule 2: unknown masking method 'blur'"),
        ("zh-hant", "第 2 筆欄位規則：未知的遮罩方式「blur」"),
    ],
)
def test_the_web_api_refuses_a_bad_pick_in_the_readers_language(
    admin: User, tmp_path: Path, language: str, message: str
) -> None:
    src = f"sqlite:///{tmp_path / 'crm.db'}"
    _fill(src)
    source = _source(admin, src)
    response = _api(admin, language).post(
        "/api/v1/scans/mask-database-jobs",
        {
            "source_id": source.pk,
            "target_url": f"sqlite:///{tmp_path / 'masked.db'}",
            "columns": [{"column": "name", "method": "keep"}, {"column": "mobile", "method": "blur"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]["columns"]
    assert error.startswith(message)
    assert ("column rule" in error) == (language == "en")  # one language, the reader's


@pytest.mark.django_db
def test_the_openapi_schema_documents_the_picks(admin: User) -> None:
    schema = _api(admin, "en").get("/api/v1/openapi.json").json()
    pick = schema["components"]["schemas"]["MaskColumnIn"]
    assert pick["required"] == ["column", "method"]
    assert pick["properties"]["method"]["enum"] == list(mask.METHODS)
    assert "tw_national_id" in pick["properties"]["category"]["enum"]
    body = schema["components"]["schemas"]["MaskDatabaseIn"]["properties"]
    assert "structured" in body["columns"]["description"]
