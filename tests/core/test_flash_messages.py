"""The one-line messages a page shows after a save (django.contrib.messages) speak the reader's language.

Every ``messages.success/info/warning/error(request, …)`` in the code passes text marked for translation, and
each marked text has English; a bare Chinese literal would show 「已指定負責人。」 on an English page.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils import translation

import shouhu

ROOT = Path(shouhu.__file__).parent
MARKERS = {"_", "gettext", "gettext_lazy", "pgettext", "ngettext"}


def _han(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _message_arguments() -> list[tuple[str, ast.expr]]:
    """(where, the message argument) of every messages.<level>(request, message) call in the code."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "messages"
                and len(node.args) >= 2
            ):
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.args[1]))
    return found


def _marked_text(arg: ast.expr) -> str | None:
    """The msgid of ``_("…")`` or ``_("…").format(…)``; None for anything else."""
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format":
        arg = arg.func.value
    if (
        isinstance(arg, ast.Call)
        and getattr(arg.func, "id", None) in MARKERS
        and arg.args
        and isinstance(arg.args[-1], ast.Constant)
    ):
        return str(arg.args[-1].value)
    return None


def test_no_message_passes_unmarked_chinese() -> None:
    calls = _message_arguments()
    unmarked = [
        where
        for where, arg in calls
        if isinstance(arg, ast.Constant | ast.JoinedStr) and _han(ast.unparse(arg))
    ]
    assert len(calls) > 100
    assert unmarked == []


def test_every_marked_chinese_message_has_english() -> None:
    marked = {
        where: text for where, arg in _message_arguments() if (text := _marked_text(arg)) and _han(text)
    }
    with translation.override("en"):
        untranslated = {w: t for w, t in marked.items() if _han(translation.gettext(t))}
    assert len(marked) > 100
    assert untranslated == {}
