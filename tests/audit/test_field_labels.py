"""Every change key a service writes to the audit log reads as words in both languages, never as 「sessions_ended」."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation

from shouhu.audit.presenters import change_rows

ROOT = Path(__file__).resolve().parents[2] / "shouhu"
HAN = re.compile(r"[\u3400-\u9fff]")


def written_keys() -> set[str]:
    """The keys of every ``changes={...}`` dict written literally in shouhu/."""
    keys: set[str] = set()
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "changes" and isinstance(node.value, ast.Dict):
                keys.update(
                    k.value
                    for k in node.value.keys
                    if isinstance(k, ast.Constant) and isinstance(k.value, str)
                )
    return keys


def named_by_a_model(key: str) -> bool:
    """Some model has a field ``key`` with a name of its own (the service writes changes of that model's objects)."""
    for model in apps.get_models():
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            continue
        if str(getattr(field, "verbose_name", key)) != key.replace("_", " "):
            return True
    return False


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_every_written_change_key_is_named_in_words(language: str) -> None:
    keys = written_keys()
    assert {"sessions_ended", "filters", "ack"} <= keys  # the scan found the services' records
    with translation.override(language):
        # An object type no model has: only the change key's own name can label it.
        labels = {
            key: change_rows("no.such", {key: [None, 1]})[0].label
            for key in keys
            if not named_by_a_model(key)
        }
    if language == "zh-hant":
        unnamed = sorted(key for key, label in labels.items() if not HAN.search(label))
    else:
        unnamed = sorted(key for key, label in labels.items() if label == key or HAN.search(label))
    assert unnamed == []


def test_a_field_without_a_name_of_its_own_reads_in_the_readers_language() -> None:
    with translation.override("zh-hant"):
        assert change_rows("accounts.user", {"must_change_password": [False, True]})[0].label == "須變更密碼"
    with translation.override("en"):
        assert (
            change_rows("accounts.user", {"must_change_password": [False, True]})[0].label
            == "Must change password"
        )
