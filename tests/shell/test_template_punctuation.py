"""English pages use English punctuation: a template never puts full-width 「（」「，」「、」… around values outside
translated text (an English page showed 「Security awareness（overdue，115/11/30）」). Official documents — the
forms and PDFs issued in Traditional Chinese — keep theirs."""

from __future__ import annotations

import re
from pathlib import Path

import shouhu

ROOT = Path(shouhu.__file__).parent
# Translated text (a whole blocktranslate, a translate tag), other tags, values and comments: what is left is
# the template's own text.
TEMPLATE_PARTS = re.compile(
    r"\{%\s*blocktranslate.*?%\}.*?\{%\s*endblocktranslate\s*%\}|\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S
)
FULL_WIDTH = re.compile(r"[（），；、：]")
HAN = re.compile(r"[\u3400-\u9fff]")


def _official(path: Path) -> bool:
    """Documents issued in the official language (PDF/DOCX sources and printed forms)."""
    name = path.name
    return "pdf" in path.parts or name.endswith("_pdf.html") or name.endswith("document.html")


def test_no_full_width_punctuation_outside_translated_text_on_pages() -> None:
    found = []
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        if _official(path):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            own = TEMPLATE_PARTS.sub("", line)
            if FULL_WIDTH.search(own) and not HAN.search(own):
                found.append(f"{path.relative_to(ROOT)}:{number}: {''.join(FULL_WIDTH.findall(own))}")
    assert found == []
