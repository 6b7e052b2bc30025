"""What every import shares in English: each column has an English header that names no other column, every
message the import code marks has English, and a choice cell reads the same in either page language."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

import shouhu
from shouhu.core.importing import fields as f
from shouhu.core.importing.base import _SPECS, has_english_headers, header_aliases
from shouhu.core.importing.reader import _columns, _loose
from shouhu.core.messages import render
from shouhu.inventory.models import Role

SOURCES = [
    "core/importing/fields.py",
    "core/importing/reader.py",
    "imports/services.py",
    "imports/views.py",
    "imports/forms.py",
    "inventory/importing.py",
    "inventory/validation.py",
    "risk/importing.py",
    "risk/scoring.py",
    "people/importing.py",
    "training/importing.py",
    "drills/importing.py",
]
MARKERS = {"_", "N_", "gettext", "gettext_lazy", "gettext_noop"}


def _marked(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) in MARKERS
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


def _han(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


@pytest.mark.parametrize("source", SOURCES)
def test_every_message_the_import_code_marks_has_english(source: str) -> None:
    """…and the English names no value in Chinese (a reader on an English page is told English words the
    importer accepts)."""
    messages = [m for m in _marked(Path(shouhu.__file__).parent / source) if _han(m)]
    with translation.override("en"):
        english = {m: translation.gettext(m) for m in messages}
    assert messages
    assert {m: e for m, e in english.items() if e == m or _han(e)} == {}


@pytest.mark.parametrize("kind", sorted(_SPECS))
def test_every_column_has_an_english_header_that_names_no_other_column(kind: str) -> None:
    spec = _SPECS[kind]
    english = spec.english  # type: ignore[attr-defined]
    assert has_english_headers(spec)
    assert len({_loose(english[c]) for c in spec.columns}) == len(spec.columns)
    # A file with every English header (in any order) reads each under its own column.
    header = [english[c] for c in reversed(spec.columns)]
    found = {name: header[index] for index, name in _columns(header, spec.columns, header_aliases(spec))}
    assert found == {c: english[c] for c in spec.columns}


def test_a_choice_reads_the_same_whichever_language_is_active() -> None:
    with translation.override("en"):
        assert f.choice("受託者", Role) == "processor"
        assert f.choice("Controller (our company)", Role) == "controller"
        with pytest.raises(f.CellError) as refused:
            f.choice("某某", Role)
        said = refused.value.message
        assert "Controller (our company), Processor" in render(said.key, said.facts, said.text)
    with translation.override("zh-hant"):
        assert f.choice("processor (pdpa art. 4)", Role) == "processor"
        assert "蒐集者（本公司）、受託者" in render(said.key, said.facts, said.text)
