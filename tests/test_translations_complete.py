"""Every text the code marks for translation reads in English on English pages.

The catalogues are extracted afresh from the code (``scripts/messages.sh`` on a copy of the checkout) and each
message with Chinese in it is looked up the way a page does: a message left untranslated in the catalogue that
extraction put it in, or translated only as msgmerge's fuzzy guess, shows its Chinese on an English page.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

from tests.needs import missing

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u3400-\u9fff]")
FIELDS = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$')


def parse(po_text: str) -> list[dict[str, str]]:
    """The entries of a .po file (obsolete ``#~`` entries left out) as {field: text}."""
    entries: list[dict[str, str]] = []
    for block in po_text.split("\n\n"):
        entry: dict[str, str] = {}
        field = ""
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = FIELDS.match(line)
            if match:
                field = match.group(1)
                entry[field] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and field:
                entry[field] += ast.literal_eval(line)
        if entry.get("msgid"):
            entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        missing("找不到 gettext 工具（xgettext、msgmerge）：apt-get install gettext")
    copy = tmp_path_factory.mktemp("messages") / "checkout"
    shutil.copytree(ROOT / "shouhu", copy / "shouhu", ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copytree(ROOT / "scripts", copy / "scripts")
    result = subprocess.run(
        ["sh", str(copy / "scripts/messages.sh")],
        cwd=copy,
        env={**os.environ, "SHOUHU": str(Path(sys.executable).with_name("shouhu"))},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    entries = []
    for po in sorted(copy.glob("shouhu/**/locale/en/LC_MESSAGES/django.po")):
        entries.extend(parse(po.read_text(encoding="utf-8")))
    return entries


def english(entry: dict[str, str]) -> str:
    with translation.override("en"):
        if "msgid_plural" in entry:
            return ngettext(entry["msgid"], entry["msgid_plural"], 1)
        if "msgctxt" in entry:
            return pgettext(entry["msgctxt"], entry["msgid"])
        return gettext(entry["msgid"])


def test_the_parser_reads_contexts_plurals_and_continued_lines() -> None:
    text = 'msgctxt "c"\nmsgid ""\n"甲"\n"乙"\nmsgstr "AB"\n\n#~ msgid "舊"\n#~ msgstr "old"\n'
    assert parse(text) == [{"msgctxt": "c", "msgid": "甲乙", "msgstr": "AB"}]


def test_every_chinese_text_marked_for_translation_has_english(extracted: list[dict[str, str]]) -> None:
    chinese = [entry for entry in extracted if HAN.search(entry["msgid"])]
    assert len(chinese) > 1000  # the extraction really ran over the code

    without = sorted({entry["msgid"] for entry in chinese if english(entry) == entry["msgid"]})

    assert without == []
