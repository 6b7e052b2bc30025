"""The compiled prefilter gives the same findings as the plain regex path, only faster."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shouhu.engines.pii import ScanOptions, prefilter
from shouhu.engines.pii.engine import _scan_text, scan_block
from shouhu.engines.pii.files import scan_file
from tests.needs import missing


@pytest.fixture(autouse=True)
def _hyperscan() -> None:
    if not prefilter.AVAILABLE:
        missing("hyperscan is not installed (pip install hyperscan)")


#: Fragments that exercise every recognizer family, hard negatives and full-width forms.
FRAGMENTS = [
    "客戶王小明來電，手機 0912-345-678。",
    "姓名：陳美惠　身分證字號：A123456789",
    "身分證 ａ１２３４５６７８９",
    "台北市大安區信義路三段134巷5弄7號3樓",
    "地址：大安區信義路三段134巷5弄7號",
    "amy.chen88@gmail.com",
    "卡號 4111 1111 1111 1111",
    "電話（02）2345-6789#123",
    "(0912)345-678",
    "生日：民國69年5月17日",
    "DOB 17/05/1980",
    "張簡大同於昨日來電",
    "昨天劉峰來電詢問",
    "name: 李大華",
    "訂單編號 4111111111111111",
    "版本 1.2.3.4",
    "203.0.113.45",
    "車牌 ABC-1235",
    "統編 04595252",
    "本週系統維護將於週六凌晨進行。",
    "The deployment finished without errors.",
    "李豪 0972770619",
    "姓名：闞諺雅",
    "冷淑芬小姐",
    "戚家豪,0917645271",
    "陳峰表示",
    "顏怡｜0942-186224",
    "台中市 豐原區 仁愛路 12 號",
    "大安區 信義路 3 號",
    "請寄到大安區信義路三段134巷5弄7號",
    "顏玲抱怨",
    "范姜志建回覆",
    "Attn: Wu Wei-chen",
    "Requested by 高品 ",
    "Dear 王小明,",
    "c/o 林大同,",
    "Ship to: 陳美玲 ",
    "【出貨單】訂購人 高翰｜",
    "收件者：陳冠廷",
    "新進人員 楊建，",
    "何怡（08:45）：收到",
    "[08:45] 何怡 > 好的",
    "（外籍配偶 彭涵）",
    "邱建 投保日期 ",
    "訂位代號 4539578763621486",
    "Lot No. A123456789",
    "車號 zrp-1485",
    "車牌5863HM",
    "yfan21 [at] outlook.com",
    "email=yfan21%40outlook.com",
    "護照 C4208015",
    "賣方 04595252",
    "身分證字號：D18l898673",
    "行動電話：09l8200594",
    "居留證 H-A90214687",
    "蕭鈞傑 資安工程師 | 宏碩",
    "From: 宋怡 <csung97@hongshuo.com.tw>",
    "出席：宋冠辰、楊承豪",
    "<th>姓名</th><td>趙家秀</td>",
    "\r",
    " ",
    "，",
]


def _plain(text: str) -> list[tuple[int, str, str, float]]:
    return [(n, m.category, m.normalized, m.confidence) for n, m in _scan_text(text, 1, frozenset(), 0.5)]


def _fast(text: str) -> list[tuple[int, str, str, float]]:
    return [(n, m.category, m.normalized, m.confidence) for n, m in scan_block(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=4).map("".join), max_size=12).map("\n".join))
def test_prefilter_and_regex_paths_find_the_same(text: str) -> None:
    assert _fast(text) == _plain(text)


def test_prefilter_skips_lines_without_candidates() -> None:
    data = "本週系統維護將於週六凌晨進行。\n手機 0912345678\nThe deployment finished.\n".encode()
    assert [(lo, hi) for lo, hi, _ in prefilter.hit_ranges(data)] == [
        (data.index("手機".encode()), data.index(b"The"))
    ]


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _findings(path: str, opts: ScanOptions | None = None) -> list[tuple[object, ...]]:
    result = scan_file(path, b"k", opts or ScanOptions())
    return [(f.line, f.category, f.digest) for f in result.findings] + [(s.reason,) for s in result.skipped]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.txt", "無\n手機0912345678\n".encode() * 50),
        ("bom.log", b"\xef\xbb\xbf" + "身分證A123456789\n".encode()),
        ("crlf.txt", "x\r\n手機0912345678\r\n".encode()),
        ("cr.txt", "x\r手機0912345678\r".encode()),  # bare CR: the regular reader handles it
        ("big5.txt", "姓名：王小明\n手機0912345678\n".encode("cp950")),
        ("nolf.txt", "手機0912345678".encode()),
    ],
)
def test_text_files_give_the_same_findings_with_and_without_the_prefilter(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = _write(tmp_path, name, data)
    code = (
        "import sys; from shouhu.engines.pii import ScanOptions; from shouhu.engines.pii.files import scan_file\n"
        "r = scan_file(sys.argv[1], b'k', ScanOptions())\n"
        "print(sorted((f.line, f.category, f.digest) for f in r.findings))"
    )
    env = dict(os.environ, SHOUHU_PII_PREFILTER="0")
    plain = subprocess.run(
        [sys.executable, "-c", code, path], env=env, capture_output=True, text=True, check=True
    )
    assert str(sorted(_findings(path))) + "\n" == plain.stdout


def test_a_line_over_the_limit_is_still_skipped_with_its_line_number(tmp_path: Path) -> None:
    path = _write(tmp_path, "long.txt", b"ok\n" + b"x" * 300 + b"\n")
    assert _findings(path, ScanOptions(max_line_chars=100)) == [
        ("第 2 行過長 / line 2 longer than 100 characters",)
    ]


def test_a_dense_piece_is_handed_over_whole_and_gives_the_same_findings() -> None:
    text = "手機 0912345678 身分證 A123456789 卡號 4111111111111111\n" * 200
    data = text.encode()
    assert list(prefilter.hit_ranges(data)) == [(0, len(data), prefilter.ALL)]
    assert _fast(text) == _plain(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=80).map("\n".join))
def test_pieces_split_at_line_ends_give_the_same_findings(text: str) -> None:
    # tiny pieces: every piece boundary and the dense hand-over are exercised on short texts
    saved = prefilter.PIECE
    prefilter.PIECE = 40  # type: ignore[misc]
    try:
        assert _fast(text) == _plain(text)
    finally:
        prefilter.PIECE = saved  # type: ignore[misc]


def test_a_piece_with_a_dense_head_is_handed_over_whole_without_scanning_the_rest() -> None:
    head = "手機 0912345678 身分證 A123456789\n" * 200  # > SAMPLE bytes, a hit every ~20 bytes
    tail = "本週系統維護將於週六凌晨進行。\n" * 600
    data = (head + tail).encode()
    assert len(data) >= 4 * prefilter.SAMPLE
    assert prefilter._dense_head(data, 0, len(data))
    assert list(prefilter.hit_ranges(data)) == [(0, len(data), prefilter.ALL)]
    assert _fast(head + tail) == _plain(head + tail)


def test_sparse_text_is_not_taken_for_dense_by_its_head() -> None:
    data = ("本週系統維護將於週六凌晨進行。\n" * 400 + "手機 0912345678\n").encode()
    assert not prefilter._dense_head(data, 0, len(data))
    start = data.index("手機".encode())
    assert list(prefilter.hit_ranges(data)) == [(start, len(data), prefilter.TOKENS)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=120).map("\n".join))
def test_sampled_heads_give_the_same_findings(text: str) -> None:
    # small pieces and samples: the head test, dense runs and sparse pieces after them on short texts
    saved = prefilter.PIECE, prefilter.SAMPLE
    prefilter.PIECE, prefilter.SAMPLE = 400, 60  # type: ignore[misc]
    try:
        assert _fast(text) == _plain(text)
    finally:
        prefilter.PIECE, prefilter.SAMPLE = saved  # type: ignore[misc]


_CACHE_PROBE = (
    "import sys; from shouhu.engines.pii import prefilter, scan_text\n"
    "print(sorted((f.category, f.digest) for f in scan_text(sys.argv[1], key=b'k')))"
)


def test_the_compiled_database_is_cached_and_a_damaged_cache_is_compiled_again(tmp_path: Path) -> None:
    env = dict(os.environ, SHOUHU_PII_CACHE=str(tmp_path))
    text = "客戶王小明來電，手機 0912-345-678，身分證 A123456789"

    def run() -> str:
        args = [sys.executable, "-c", _CACHE_PROBE, text]
        return subprocess.run(args, env=env, capture_output=True, text=True, check=True).stdout

    first = run()
    [cached] = list(tmp_path.glob("pii-prefilter-*.hsdb"))
    assert "mobile_phone" in first
    assert "tw_national_id" in first
    assert run() == first  # loaded from the cache
    cached.write_bytes(cached.read_bytes()[:1000])  # truncated file: the checksum fails
    assert run() == first
    assert len(cached.read_bytes()) > 1000  # compiled and stored again


@functools.cache
def _hs_database(pattern: bytes) -> Any:
    import hyperscan

    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=[pattern], ids=[0], elements=1, flags=[0])
    return db


def _hs_matches(pattern: bytes, data: bytes) -> bool:
    db = _hs_database(pattern)
    hits: list[int] = []
    db.scan(data, match_event_handler=lambda *args: hits.append(1))
    return bool(hits)


_LINE_PIECES = [
    "王", "陳", "張簡", "歐陽", "冷", "小", "明", "大", "同", "表示", "來電", "回覆", "說", "於", "昨日", "上週",
    "112", "（", "(", "10:32", "）", "：", " ", "客戶", "的電話", "謝謝", "a",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINE_PIECES), max_size=12))
def test_a_loose_prefilter_pattern_fires_wherever_its_exact_pattern_matches(pieces: list[str]) -> None:
    # the exact form runs in Python's re only on lines the loose form marked: it must find what
    # Hyperscan would find with the exact form, and the loose form must fire on every such line
    line = "".join(pieces).encode()
    loose = dict(enumerate(p for p, _, _ in prefilter._patterns()))
    exact = prefilter._exact_patterns()
    assert exact  # the verb, 於 and chat-time patterns
    for index, pattern in exact.items():
        found = _hs_matches(pattern, line)
        assert (prefilter.re.search(pattern, line) is not None) == found
        if found:
            assert _hs_matches(loose[index], line)


def test_loose_hits_without_the_exact_pattern_mark_no_line() -> None:
    # 說明 is a verb, but no surname stands before it: the loose hit is not confirmed
    data = "系統說明已更新。\n".encode() * 50
    assert list(prefilter.hit_ranges(data)) == []
    data = "系統說明已更新。\n王小明說明原因。\n".encode() * 50
    assert {families for _, _, families in prefilter.hit_ranges(data)} == {prefilter.NAMES}


def test_a_hit_of_any_pattern_index_wakes_that_patterns_family(monkeypatch: pytest.MonkeyPatch) -> None:
    # a database with more than 32 patterns: the hit of the last one must carry its own family
    # (a 5-bit index read pattern 40 as pattern 8, a plate pattern, and woke the token family)
    real = prefilter._exact_list()
    fillers = [(b"qzqzq%02d" % i, 0, prefilter.TOKENS, None) for i in range(40 - len(real))]
    wide = [*real, *fillers, (rb"zzmarkzz", 0, prefilter.BIRTH, None)]
    monkeypatch.setenv("SHOUHU_PII_CACHE", "")
    monkeypatch.setattr(prefilter, "_exact_list", lambda: wide)
    for name, fresh in (("_DB", None), ("_FAMILIES", []), ("_CONFIRM", []), ("_LOOSE_BITS", 0)):
        monkeypatch.setattr(prefilter, name, fresh)
    for name in ("_INDEX_BITS", "_INDEX_MASK"):
        monkeypatch.setattr(prefilter, name, 1, raising=False)
    data = "本週系統維護。\nzzmarkzz\n系統說明已更新。\n手機 0912-345-678\n".encode()
    marked = {data[lo:hi]: families for lo, hi, families in prefilter.hit_ranges(data)}
    assert marked == {b"zzmarkzz\n": prefilter.BIRTH, "手機 0912-345-678\n".encode(): prefilter.TOKENS}
