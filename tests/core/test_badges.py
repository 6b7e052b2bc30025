"""Status badges draw their sign from app.css (✓ ⚠ ✕); a template that writes one too shows it twice."""

from __future__ import annotations

import re
from pathlib import Path

import shouhu

SIGN_IN_BADGE = re.compile(r"""class="badge (?:ok|warn|bad)"[^>]*>\s*[✓✔✗✕⚠!]""")


def test_no_template_writes_a_sign_inside_a_status_badge() -> None:
    root = Path(shouhu.__file__).parent
    doubled = [
        f"{path.relative_to(root)}:{text[: m.start()].count(chr(10)) + 1}"
        for path in sorted(root.rglob("*.html"))
        for text in [path.read_text(encoding="utf-8")]
        for m in SIGN_IN_BADGE.finditer(text)
    ]
    assert doubled == []
