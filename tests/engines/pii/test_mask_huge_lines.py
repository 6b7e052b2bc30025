"""Huge lines and cells in masked files: a 10 MB CSV cell is masked; a line past the limit (16 MB) is refused with a
zh-TW/English message naming it and leaves no partial output, before it is read whole into memory; long files
report their progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shouhu.engines.pii import mask
from shouhu.engines.pii.mask import files

KEY = b"k" * 32


def test_a_ten_megabyte_csv_cell_is_masked(tmp_path: Path) -> None:
    source, target = tmp_path / "big.csv", tmp_path / "out.csv"
    cell = "x" * (10 * 1024 * 1024) + " A123456789"
    source.write_text(f'備註,姓名\n"{cell}",王小明\n', encoding="utf-8")
    mask.mask_file(str(source), str(target), mask.Policy(key=KEY))
    out = target.read_bytes().decode("utf-8")
    assert out.endswith(" A12****789,王○明\r\n")
    assert len(out) > 10 * 1024 * 1024


def test_a_line_past_the_default_limit_is_refused_without_output(tmp_path: Path) -> None:
    source, target = tmp_path / "big.jsonl", tmp_path / "out.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"n": 1}) + "\n")
        handle.write(json.dumps({"note": "y" * (files.MAX_LINE + 10)}) + "\n")
    with pytest.raises(ValueError, match=r"第 2 行超過 16 MB 上限.* / line 2 is longer than the 16 MB limit"):
        mask.mask_file(str(source), str(target), mask.Policy(key=KEY))
    assert not target.exists()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.csv", "姓名,備註\n王小明,short\n林美華," + "z" * 3000 + "\n"),
        ("a.csv", '姓名,備註\n王小明,"' + "quoted over lines\n" * 200 + '"\n'),
        ("a.tsv", "姓名\t備註\n王小明\t" + "z" * 3000 + "\n"),
        ("a.jsonl", '{"姓名": "王小明"}\n{"備註": "' + "z" * 3000 + '"}\n'),
        ("a.sql", "INSERT INTO t VALUES ('王小明');\nINSERT INTO t VALUES ('" + "z" * 3000 + "');\n"),
    ],
)
def test_every_text_format_refuses_a_long_line_or_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str
) -> None:
    monkeypatch.setattr(files, "MAX_LINE", 1024)
    source, target = tmp_path / name, tmp_path / ("out-" + name)
    source.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="line [0-9]+ is longer than the 0.000977 MB limit"):
        mask.mask_file(str(source), str(target), mask.Policy(key=KEY))
    assert not target.exists()


def test_an_existing_target_untouched_by_a_refusal_is_kept(tmp_path: Path) -> None:
    source, target = tmp_path / "a.txt", tmp_path / "keep.csv"
    source.write_text("x", encoding="utf-8")
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match="unsupported file type"):
        mask.mask_file(str(source), str(target), mask.Policy(key=KEY))
    assert target.read_text(encoding="utf-8") == "mine"


def test_progress_is_reported_while_a_long_file_is_read(tmp_path: Path) -> None:
    source, target = tmp_path / "long.csv", tmp_path / "out.csv"
    source.write_text("備註\n" + ("plain text row of no interest\n" * 120_000), encoding="utf-8")
    seen: list[tuple[int, int]] = []
    mask.mask_file(
        str(source),
        str(target),
        mask.Policy(key=KEY),
        progress=lambda done, total: seen.append((done, total)),
    )
    total = source.stat().st_size
    assert len(seen) >= 2
    assert all(t == total for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert 0 < seen[-1][0] <= total
