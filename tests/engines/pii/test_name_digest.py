"""A name's keyed hash is the hash of its canonical form, however the name was written."""

from __future__ import annotations

import pytest

from shouhu.engines.pii import normalize_value, scan_text, value_digest

KEY = b"name-digest-test"


def _name_findings(text: str) -> list[tuple[str, str]]:
    """(masked, digest) of every person name found in ``text``."""
    return [(f.masked, f.digest) for f in scan_text(text, key=KEY) if f.category == "person_name"]


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("Attn: CHEN, Chia-hao", "CHEN, Chia-hao"),
        ("Contact: Chen Chia-hao", "Chen Chia-hao"),
        ("Contact: Chia-hao Chen", "Chia-hao Chen"),
        ("看護 移工 Grace Kao", "Grace Kao"),
        ("聯絡人：王小明", "王小明"),
    ],
)
def test_a_found_name_hashes_like_normalize_value_of_its_written_form(line: str, written: str) -> None:
    # the benchmark, look-ups by value and the masking toolkit hash normalize_value(written form):
    # a scan must give that same digest, or one person counts as two
    [(_, digest)] = _name_findings(line)
    assert digest == value_digest(KEY, "person_name", normalize_value("person_name", written))


def test_one_romanised_person_hashes_alike_in_every_spelling() -> None:
    # passport style with a comma, upper-case surname, given name first: one person, one digest
    lines = [
        "Attn: CHEN, Chia-hao",
        "Contact: Chen Chia-Hao",
        "Contact: Chia-hao Chen",
        "Dear Chen Chia-hao,",
    ]
    digests = {digest for line in lines for _, digest in _name_findings(line)}
    assert len(digests) == 1
    assert digests == {value_digest(KEY, "person_name", "ChenChia-hao")}


def test_a_chinese_name_keeps_its_characters_and_loses_only_spaces() -> None:
    assert normalize_value("person_name", " 王 小明 ") == "王小明"
    assert normalize_value("person_name", "歐陽 娜娜") == "歐陽娜娜"
