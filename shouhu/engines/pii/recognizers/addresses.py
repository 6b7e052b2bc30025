"""Taiwanese addresses: 縣市 → 鄉鎮市區 → 村里 → 鄰 → 路街 → 段 → 巷 → 弄 → 號 → 樓."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from ..gate import GateSet
from ..normalize import normalize_address
from .base import Match, new_match

_CITY: Final = (
    r"(?:(?:[臺台][北中南]|新北|桃園|高雄|基隆|新竹|嘉義)市"
    r"|(?:新竹|苗栗|彰化|南投|雲林|嘉義|屏東|宜蘭|花蓮|[臺台]東|澎湖|金門|連江|[臺台]北|桃園|[臺台][中南]|高雄)縣)"
)
_C: Final = r"[\u4e00-\u9fff]"
_N: Final = r"[0-9一二三四五六七八九十]"
#: A floor or a 之 number in digits or Chinese numerals (12樓之3, 十二樓之三, 五樓, B1樓, 地下一樓), a
#: basement (地下室, 地下2層, B1, B2F) and a floor written the English way (7F, 12F-3, 3F之2).
_FLOOR: Final = (
    r"(?:(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3}|B[0-9]|地下[0-9一二三四五])[ \u3000]?樓"
    r"(?:之(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3}))?|地下[0-9一二三四五]層|地下室"
    r"|(?:B[0-9]{1,2}F?|[0-9]{1,3}F(?:[-之][0-9]{1,2})?)(?![0-9A-Za-z])|之[0-9]{1,3})"
)
#: A section with an optional direction before its number (一段, 東一段 as in 光明六路東一段).
_SECTION: Final = r"[東西南北]?[0-9一二三四五六七八九十]{1,2}"
#: A room after the floor or the number (13樓1304室, 5樓之2 502室, 7號302室).
_ROOM: Final = r"(?:[ \u3000]?[0-9]{1,5}[ \u3000]?室)?"
#: One optional space between the parts, as people type into forms (台中市 豐原區 仁愛路 12 號).
_S: Final = r"[ \u3000]?"
_BODY: Final = (
    rf"(?:{_S}(?P<dist>{_C}{{1,3}}?[鄉鎮市區]))?"
    rf"(?:{_S}(?P<vil>{_C}{{1,3}}?[村里]))?"
    rf"(?:{_S}[0-9]{{1,3}}鄰)?"
    rf"(?:{_S}(?P<road>{_C}{{1,6}}?(?:大道|路|街))(?:{_S}{_SECTION}{_S}段)?)?"
    rf"(?:{_S}[0-9]{{1,4}}{_S}巷)?(?:{_S}[0-9]{{1,4}}{_S}[弄衖])?"
    rf"{_S}[0-9]{{1,5}}(?:[-之][0-9]{{1,3}})?{_S}號"
    rf"(?:{_S}{_FLOOR})?"
    rf"{_ROOM}"
)
#: Without a county or city and without a label: a district, a road and a number (大安區信義路
#: 三段134巷5弄7號). 市 is left out (竹北市 … also ends many words).
DISTRICT_LED: Final = re.compile(
    rf"(?P<dist>{_C}{{1,2}}[區鄉鎮])(?P<road>{_S}{_C}{{1,6}}?(?:大道|路|街))(?:{_S}{_SECTION}{_S}段)?"
    rf"(?:{_S}[0-9]{{1,4}}{_S}巷)?(?:{_S}[0-9]{{1,4}}{_S}[弄衖])?{_S}[0-9]{{1,5}}(?:[-之][0-9]{{1,3}})?{_S}號"
    rf"(?:{_S}{_FLOOR})?"
    rf"{_ROOM}"
)
CITY: Final = re.compile(_CITY)
_SHI: Final = frozenset(
    {"臺北", "台北", "臺中", "台中", "臺南", "台南", "新北", "桃園", "高雄", "基隆", "新竹", "嘉義"}
)
_XIAN: Final = frozenset(
    {"新竹", "苗栗", "彰化", "南投", "雲林", "嘉義", "屏東", "宜蘭", "花蓮", "臺東", "台東", "澎湖", "金門", "連江",
     "臺北", "台北", "桃園", "臺中", "台中", "臺南", "台南", "高雄"}
)  # fmt: skip
#: Every county and city name the recognizer starts an address at (both 臺 and 台).
CITY_NAMES: Final = (*sorted(f"{n}市" for n in _SHI), *sorted(f"{n}縣" for n in _XIAN))
_SHI_RE: Final = re.compile("市")
_XIAN_RE: Final = re.compile("縣")
FULL: Final = re.compile(rf"(?P<city>{_CITY}){_BODY}")
RELAXED: Final = re.compile(rf"(?:[0-9]{{3,6}}[ \t]?)?(?P<city>{_CITY})?{_BODY}")
CONTEXT_WORDS: Final = ("地址", "住址", "住所", "戶籍", "通訊處", "寄送", "送貨", "居住", "address")
_CONTEXT: Final = re.compile("|".join(CONTEXT_WORDS), re.IGNORECASE)
#: Label words in Chinese (the prefilter adds "address" without case).
LABEL_WORDS: Final = tuple(w for w in CONTEXT_WORDS if not w.isascii())
_LABELLED: Final = re.compile(
    r"(?:地址|住址|住所|戶籍地|通訊處|通訊地址|送貨地址|address)[ \t\u3000]*[:：=]?[ \t\u3000]*",
    re.IGNORECASE,
)
#: The same searches without the English word and without IGNORECASE: every branch then starts
#: with a literal character and ``re`` scans a block for them quickly. Used on text that cannot
#: hold "address" in any case (see :func:`_maybe_english`), where they find exactly the same.
_CONTEXT_ZH: Final = re.compile("|".join(LABEL_WORDS))
_LABELLED_ZH: Final = re.compile(
    r"(?:地址|住址|住所|戶籍地|通訊處|通訊地址|送貨地址)[ \t\u3000]*[:：=]?[ \t\u3000]*"
)


#: "address" in any case as re's IGNORECASE matches it (s also matches ſ, U+017F); it starts with
#: a class, which ``re`` scans for quickly.
_ADDRESS_ANY_CASE: Final = re.compile("[Aa][Dd][Dd][Rr][Ee][Ss\\u017f][Ss\\u017f]")


#: The same search for Hyperscan (:class:`gate.GateSet`): it answers for a whole block in one scan
#: that several recognizers share the encoding of.
_GATES: Final = GateSet(["[Aa][Dd][Dd][Rr][Ee](?:[Ss]|\u017f)(?:[Ss]|\u017f)"])


def _maybe_english(text: str) -> bool:
    """Whether ``text`` holds "address" in some case: false means the Chinese-only searches are exact."""
    return bool(_GATES.present(text) & 1) and _ADDRESS_ANY_CASE.search(text) is not None


def _confidence(m: re.Match[str]) -> float:
    if m.group("road") is None and m.group("vil") is None:
        return 0.0
    return 0.9 if m.group("dist") else 0.8


def _city_starts(text: str) -> list[int]:
    """Offsets of county/city names, found by scanning for the single characters 市 and 縣."""
    starts = [
        m.start() - 2 for m in _SHI_RE.finditer(text) if text[max(0, m.start() - 2) : m.start()] in _SHI
    ]
    starts += [
        m.start() - 2 for m in _XIAN_RE.finditer(text) if text[max(0, m.start() - 2) : m.start()] in _XIAN
    ]
    starts.sort()
    return starts


def scan_addresses(text: str) -> Iterator[Match]:
    """Yield addresses that start with a county or city name."""
    pos = 0
    # Where an address from a county or city was found with a confidence of 0.9 or more: a label's
    # address (_after_label) that starts there is the same match (RELAXED tries the city first, then
    # the same body) with a confidence of 0.9, which never wins over it; it is not matched again.
    strong: set[int] = set()
    for start in _city_starts(text):
        if start < pos:
            continue
        m = FULL.match(text, start)
        if m is None:
            continue
        pos = m.end()
        conf = _confidence(m)
        if conf == 0.0:
            continue
        lo = max(0, m.start() - 8)
        if _CONTEXT.search(text, lo, m.start()):
            conf = 0.97
        if conf >= 0.9:
            strong.add(start)
        yield new_match(("address", m.start(), m.end(), normalize_address(m.group()), conf))
    english = _maybe_english(text)
    if (_CONTEXT if english else _CONTEXT_ZH).search(text):
        yield from _after_label(text, 0, english=english, found=strong)
    if "號" in text:
        for m in _district_led(text):  # overlaps with the above are resolved by confidence
            yield new_match(("address", m.start(), m.end(), normalize_address(m.group()), 0.75))


_DISTRICT_END: Final = re.compile("[區鄉鎮]")


def _district_led(text: str) -> Iterator[re.Match[str]]:
    """``DISTRICT_LED.finditer(text)``, trying only where a match can start: one or two characters
    before a 區, 鄉 or 鎮 (a class ``re`` scans for quickly), in order, never inside a match."""
    taken = 0
    for hit in _DISTRICT_END.finditer(text, 1):
        at = hit.start()
        for start in (at - 2, at - 1):
            if start < taken:
                continue
            m = DISTRICT_LED.match(text, start)
            if m is not None:
                taken = m.end()
                yield m


def _after_label(
    text: str, taken: int, *, english: bool = True, found: set[int] | frozenset[int] = frozenset()
) -> Iterator[Match]:
    """Addresses right after a label word (地址：大安區…, Address: 10617 台北市…), city optional.

    ``found``: offsets where an address of confidence 0.9 or more from a city was already found (the
    match there would be the same, with confidence 0.9: skipped)."""
    for hit in (_LABELLED if english else _LABELLED_ZH).finditer(text):
        if hit.end() < taken or hit.end() in found:
            continue
        m = RELAXED.match(text, hit.end())
        if m is None or _confidence(m) == 0.0:
            continue
        yield new_match(("address", m.start(), m.end(), normalize_address(m.group()), 0.9))


def classify_address_cell(value: str) -> str | None:
    """Return the normalised address when a whole cell of an address column is one."""
    m = RELAXED.fullmatch(value.strip())
    if m is None or (m.group("road") is None and m.group("vil") is None):
        return None
    return normalize_address(m.group())
