"""A refusal (ValidationError, PermissionDenied) reads in the reader's language: its Chinese text is marked for
translation, never a bare literal that shows Chinese on an English page.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u3400-\u9fff]")
REFUSALS = {"ValidationError", "PermissionDenied"}


def _bare_chinese(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(HAN.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and HAN.search(str(v.value)) for v in node.values)
    return False


def unmarked_refusals() -> Counter[str]:
    """Per file, the refusals whose message (or a field's message) is a bare Chinese literal or f-string."""
    found: Counter[str] = Counter()
    for path in sorted((ROOT / "shouhu").rglob("*.py")):
        if "migrations" in path.parts or "engines" in path.parts:  # engines are pure and speak zh-TW data
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in REFUSALS:
                continue
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                values = arg.values if isinstance(arg, ast.Dict) else [arg]
                found[str(path.relative_to(ROOT))] += sum(_bare_chinese(v) for v in values)
    return +found


def test_no_new_refusal_shows_chinese_on_an_english_page() -> None:
    assert dict(unmarked_refusals()) == {}


def test_the_scan_sees_a_bare_chinese_refusal() -> None:
    tree = ast.parse('raise ValidationError({"f": f"第 {n} 版"})\nraise ValidationError(_("已標示"))')
    calls = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "ValidationError"
    ]
    assert [
        any(_bare_chinese(v) for v in c.args[0].values)
        if isinstance(c.args[0], ast.Dict)
        else _bare_chinese(c.args[0])
        for c in calls
    ] == [True, False]


@pytest.mark.django_db
def test_a_training_refusal_reads_in_english(make_user: Any) -> None:
    from shouhu.training import services

    officer = make_user("pd_officer", username="officer")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.create_session(
            actor=officer,
            title="t",
            topics=[],
            held_on=dt.date(2026, 11, 1),
            hours=Decimal("1"),
            trainer="",
            audience="",
        )
    assert refused.value.message_dict["topics"] == ["Choose at least one course topic."]
