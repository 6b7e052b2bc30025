"""The English catalogues translate each message once (a merge once left six login and MFA texts doubled)."""

from __future__ import annotations

import re
from pathlib import Path

import shouhu

STRING = re.compile(r'"(.*)"')


def _entries(path: Path) -> list[tuple[str, str]]:
    found = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', block, re.M)
        if msgid and msgstr:
            found.append(("".join(STRING.findall(msgid[1])), "".join(STRING.findall(msgstr[1]))))
    return found


def test_no_translation_is_written_twice() -> None:
    doubled = [
        f"{path.relative_to(Path(shouhu.__file__).parent)}: {msgid[:30]}"
        for path in sorted(Path(shouhu.__file__).parent.rglob("locale/en/LC_MESSAGES/django.po"))
        for msgid, msgstr in _entries(path)
        if len(msgstr) > 10 and msgstr[: len(msgstr) // 2] * 2 == msgstr
    ]
    assert doubled == []
