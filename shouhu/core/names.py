"""Comparing people's names as written in different records: 「陳 美玲」, 「陳美玲」, 「ＣＨＥＮ　Mei-Ling」.

Company registrations, HR lists and account names write one name in different ways: full-width or
half-width letters and spaces, spaces between family and given name, 臺 or 台, a simplified form typed on a
mainland keyboard, a middle dot in a transliterated name. ``name_key`` folds those differences only; it does
not guess at anything else (two different names never become equal through a spelling rule).
"""

from __future__ import annotations

import re
import unicodedata

# Simplified → traditional forms of characters common in names, where the mapping is one to one (trivial).
# Characters whose simplified form stands for several traditional ones (发 髮/發, 干 乾/幹/干) are left out.
_VARIANTS = str.maketrans(
    {
        "臺": "台", "陈": "陳", "张": "張", "刘": "劉", "杨": "楊", "吴": "吳", "赵": "趙", "郑": "鄭",
        "谢": "謝", "许": "許", "邓": "鄧", "冯": "馮", "苏": "蘇", "卢": "盧", "蒋": "蔣", "韩": "韓",
        "罗": "羅", "萧": "蕭", "汤": "湯", "黄": "黃", "温": "溫", "赖": "賴", "龙": "龍", "丽": "麗",
        "华": "華", "国": "國", "伟": "偉", "玮": "瑋", "凤": "鳳", "荣": "榮", "贤": "賢", "宁": "寧",
        "庆": "慶", "义": "義", "铭": "銘", "锦": "錦", "鸿": "鴻", "辉": "輝", "静": "靜", "晓": "曉",
        "东": "東", "颖": "穎", "书": "書", "钰": "鈺", "宝": "寶", "诚": "誠", "达": "達", "长": "長",
        "琼": "瓊",
    }
)  # fmt: skip
_DOTS = re.compile(r"[·・‧•．.\-‐‑–—]")
_SPACE = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The form two spellings of one name share: NFKC (full-width → half-width), no spaces or middle dots,
    臺 → 台, trivial simplified forms → traditional, case folded."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _SPACE.sub("", text)
    text = _DOTS.sub("", text)
    return text.translate(_VARIANTS).casefold()


def same_name(a: str, b: str) -> bool:
    """True when both names are given and write the same name (see :func:`name_key`)."""
    ka, kb = name_key(a), name_key(b)
    return bool(ka) and ka == kb
