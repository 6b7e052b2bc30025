"""A compiled multi-pattern prefilter: Hyperscan finds the lines that can hold personal data.

Every recognizer is line-local (context windows, name and address patterns, date windows never cross
a line break), so running :func:`engine.detect` on only the lines where the prefilter fires gives the
same findings as running it on the whole text, provided the prefilter fires on every line where a
recognizer could match. The patterns below are therefore deliberately loose supersets of what the
recognizers look for (seven digits in a row, an ``@`` between word characters, the phone shapes,
the label words, the county and city names …); Python then validates only those lines.

The database is compiled once per process. Without the ``hyperscan`` package (or with
``SHOUHU_PII_PREFILTER=0``) :data:`AVAILABLE` is false and callers use the plain regex path, which
gives the same findings, more slowly.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Generator, Iterator
from typing import Any, Final

from .gate import load_database, store_database
from .recognizers.addresses import CITY_NAMES, LABEL_WORDS
from .recognizers.dates import TRIGGER_WORDS as BIRTH_WORDS
from .recognizers.keywords import KEYWORDS
from .recognizers.names import (
    CLOSING_WORDS,
    COMPOUND_SURNAMES,
    FOREIGN_WORDS,
    JOB_TITLES,
    LIST_WORDS,
    MORE_VERBS,
    NAME_DOTS,
    RARE_SURNAMES,
    SIGNOFF_WORDS_ZH,
    SINGLE_SURNAMES,
    TRIGGER_WORDS,
    VERB_WORDS,
)
from .recognizers.tokens import LANDLINE, MOBILE

try:  # optional: the hyperscan wheel (x86-64 Linux/macOS); the regex path works without it
    import hyperscan as _hs
except ImportError:  # pragma: no cover - depends on the platform
    _hs = None  # type: ignore[assignment]

_CJK: Final = rb"(?:[\xE4-\xE9][\x80-\xBF][\x80-\xBF])"


def _lit(word: str) -> bytes:
    return b"".join(b"\\x%02X" % b for b in word.encode())


def _alts(words: Any) -> bytes:
    return b"(?:" + b"|".join(_lit(w) for w in words) + b")"


def _byte_trie(words: Any) -> bytes:
    """The same strings as :func:`_alts`, as a trie of UTF-8 bytes: Python's ``re`` then fails on
    the first byte instead of trying every alternative at every position."""
    root: dict[int, Any] = {}
    for word in words:
        node = root
        for byte in word.encode():
            node = node.setdefault(byte, {})
        node[-1] = {}

    def emit(node: dict[int, Any]) -> bytes:
        branches = [b"\\x%02X" % byte + emit(sub) for byte, sub in sorted(node.items()) if byte >= 0]
        if not branches:
            return b""
        body = b"(?:" + b"|".join(branches) + b")"
        return body + b"?" if -1 in node else body

    return emit(root)


#: Recognizer families a pattern can wake (bits): only those run on the lines it marks.
TOKENS: Final = 1
NAMES: Final = 2
ADDRESSES: Final = 4
BIRTH: Final = 8
ALL: Final = TOKENS | NAMES | ADDRESSES | BIRTH
#: Not a family: a pattern with this bit marks the line after its own too (a letter's closing line,
#: whose sender's name opens the next line; names.SIGNOFF_LINE).
NEXT_LINE: Final = 16

TITLES: Final = ("先生", "小姐", "女士")
LABELS: Final = tuple(w for w in TRIGGER_WORDS if w not in TITLES)
#: What may stand between a label and the name (names.AFTER): spaces, an ideographic space, colons, 是, 為.
_GAP: Final = b"(?:[ \t:]|" + b"|".join(_lit(c) for c in ("\u3000", "：", "是", "為")) + b")*"
_FULL_WIDTH: Final = rb"\xEF\xBC[\x90-\x99\xA1-\xBA]|\xEF\xBD[\x81-\x9A]"
_WIDE_PUNCT: Final = rb"\xEF\xBC[\x88\x89\x8B\x8D\x8E\x8F\xA0\xBF]"


def _patterns() -> list[tuple[bytes, int, int]]:
    """(pattern, Hyperscan flags, families) triples, as compiled into the database.

    A few patterns that cost Hyperscan much (a surname alternation in front: surname characters are
    everywhere in Chinese text; about 60 % of the prefilter's time on Chinese prose) are compiled in a
    loose form: a part of the exact pattern that holds its rare literals. Every match of the exact
    pattern holds a match of the loose one, and neither holds a line break, so a line where the exact
    pattern matches always holds a loose hit; a loose hit counts only when the exact pattern matches
    in its line (:func:`_confirmed`). The lines marked and their families are exactly those of the
    exact patterns.
    """
    return [(loose or p, f, fam) for p, f, fam, loose in _exact_list()]


def _exact_patterns() -> dict[int, bytes]:
    """Pattern index → the exact pattern, for the patterns compiled in a loose form."""
    return {i: p for i, (p, _, _, loose) in enumerate(_exact_list()) if loose is not None}


def _exact_list() -> list[tuple[bytes, int, int, bytes | None]]:
    """(pattern, Hyperscan flags, families, loose form or ``None``): what the prefilter looks for."""
    caseless = _hs.HS_FLAG_CASELESS if _hs else 0
    any_surname = _ANY_SURNAME
    chat_time = _ANY_SURNAME_TRIE + _CJK + rb"{0,2}[ \t]*" + _BRACKET_TIME
    verb = _SURNAMES_TRIE + _CJK + b"{0,3}" + _VERBS_TRIE
    yu = _SURNAMES_TRIE + _CJK + b"{0,3}" + _AFTER_YU
    # loose forms (see _patterns): the verb, or 於 and its time, with the character before it; the
    # bracketed time after a chat speaker's name
    # a name opening a line, a job title after a space (names.SIGNATURE_NAME)
    signature = (
        _ANY_SURNAME_TRIE + _CJK + rb"{1,3}(?:[ \t]|\xE3\x80\x80)+" + _CJK + b"{0,4}"
        + _byte_trie(JOB_TITLES)
    )  # fmt: skip
    loose = {
        verb: _CJK + _VERBS,
        yu: _CJK + _AFTER_YU,
        chat_time: _BRACKET_TIME,
        signature: rb"(?:[ \t]|\xE3\x80\x80)" + _CJK + b"{0,4}" + _alts(JOB_TITLES),
    }
    exact = [
        (rb"[0-9]{7}", 0, TOKENS),  # IDs, cards, accounts, NHI, passports, compact dates, phones
        (rb"[A-Za-z0-9._%+-]@[A-Za-z0-9-]", 0, TOKENS),  # e-mail
        (rb"[A-Za-z][ -]?[1289A-Da-d](?:[ -]?[0-9]){8}", 0, TOKENS),  # spaced IDs
        # IPv4; IPv6 (tokens.IPV6: a "::" or eight groups)
        (
            rb"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}|[0-9A-Fa-f]::|::[0-9A-Fa-f]|(?:[0-9A-Fa-f]{1,4}:){7}",
            0,
            TOKENS,
        ),
        (MOBILE.encode(), 0, TOKENS),
        (LANDLINE.encode(), 0, TOKENS),
        # grouped cards, accounts and NHI numbers (0000 1234 5678, 0000.1234.5678; tokens.TOKEN)
        (rb"[0-9]{4}[- ][0-9]{4}|[0-9]{4}[- ][0-9]{6}|[0-9]{4}\.[0-9]{4}\.[0-9]{4}", 0, TOKENS),
        (_lit("局號"), 0, TOKENS),  # the post office's 局號 and 帳號 fields (tokens.POST_OFFICE_FIELDS)
        (rb"[0-9]{2,7}-[0-9]{1,8}-[0-9]{3}", 0, TOKENS),  # dashed accounts (171-173-519320; tokens._dashed)
        (
            rb"[A-Z]{2,3}-[0-9]{3,4}|[0-9]{4}-[A-Z]{2}|[A-Z]{2}-[0-9]{5}|[0-9]{3}-[A-Z]{3}",
            0,
            TOKENS,
        ),  # plates
        # a plate, passport, ID or mobile word: a plate in lower case or without its dash, a passport with
        # letters, an ID or a mobile with letters for digits may follow it on its line (tokens.LOOSE_PLATE,
        # tokens.FOREIGN_PASSPORT, tokens: ocr_id, ocr_mobile; each needs such a word as the nearest keyword)
        (_alts(_WORDS_BEFORE_LOOSE_TOKENS), caseless, TOKENS),
        # an e-mail with a written-out or URL-encoded @ (tokens.OBFUSCATED_EMAIL)
        (rb"[\[({<][ \t]?at[ \t]?[\])}>]|%40", caseless, TOKENS),
        # a label then a surname (姓名：王…, 聯絡人 陳…), or a surname a few characters before a title
        # … or a romanised name (英文姓名：CHEN, CHIA-HAO); a dotted name (巴奈·母路); a name before a
        # Chinese letter's closing (王小明 敬上; names.BEFORE_CLOSING), in one pattern.
        (
            _alts(LABELS)
            + _GAP
            + b"(?:"
            + any_surname
            + b"|[A-Z])|"
            + _CJK
            + _alts([*NAME_DOTS, "．"])
            + _CJK
            + b"|"
            + any_surname
            + _CJK
            + rb"{0,3}(?:[ \t]|"
            + _lit("\u3000")
            + rb")*"
            + _alts(CLOSING_WORDS),
            0,
            NAMES,
        ),
        (any_surname + _CJK + b"{0,3}" + _alts(TITLES), 0, NAMES),
        (rb"name", caseless, NAMES),  # English name labels
        (rb"contact|applicant|customer", caseless, NAMES),  # English person labels (names.EN_PERSON_LABEL)
        # more person labels and addressing conventions (names.EN_PERSON_LABEL, names.EN_ADDRESSEE)
        (rb"recipient|sender|cardholder|attention|to[ \t]*[:=]|attn|c/o|dear|[a-z][ \t]+by", caseless, NAMES),
        # a letter's sign-off or a copy line before a name (names.EN_SIGNOFF)
        (
            rb"regards|thanks|thank[ \t]+you|sincerely|yours|cheers|respectfully|cc[ \t]*(?::|\xEF\xBC\x9A)",
            caseless,
            NAMES,
        ),
        # a closing on a line of its own: the next line may open with the sender's name (names.SIGNOFF_LINE)
        (
            rb"(?:regards|thanks|thank[ \t]+you|sincerely|yours|cheers|respectfully)(?:[ \t,.!]|"
            + _alts(["，", "！", "\u3000"])[3:-1]
            + rb")*\r?\n|"
            + _alts(SIGNOFF_WORDS_ZH)
            + rb"[^\n]*\n",
            caseless,
            NAMES | NEXT_LINE,
        ),
        # a foreign worker's name in Latin letters (移工 Grace Kao; names.FOREIGN_NAME)
        (_alts(FOREIGN_WORDS) + b"(?:" + _lit("姓名") + b")?" + _GAP + b"[A-Z]", 0, NAMES),
        # a role word ending in 人/者/員 before a name (訂購人 王…, 收件者：陳…; names.PARTY_END)
        (_alts(["人", "者", "員"]) + b"(?:[=]|" + _GAP[3:-2] + b")*" + any_surname, 0, NAMES),
        # a chat speaker with the time after the name (王小明（10:32）：…, names.CHAT_SPEAKER)
        (chat_time, 0, NAMES),
        # a chat line's speaker after a time stamp ([10:32] 馬若：…, names.CHAT_SPEAKER)
        (
            rb"[0-9]:[0-9]{2}(?::[0-9]{2})?(?:[\])]|"
            + _lit("）")
            + rb")?[ \t]*(?:"
            + _lit("客戶")
            + rb"[ \t]*)?"
            + any_surname,
            0,
            NAMES,
        ),
        (signature, 0, NAMES),  # 王小明 專案經理 | 公司
        (
            rb"<[A-Za-z0-9._%+-]+@",
            0,
            NAMES,
        ),  # an address after a display name: 宋怡 <a@b.tw> (names.DISPLAY_NAME)
        # a list of people or a task's owner (出席：A、B; names.LIST_LABEL)
        (
            _alts(LIST_WORDS)
            + b"(?:"
            + _alts(["人員", "者", "名單"])
            + rb")?(?:[ \t]|\xE3\x80\x80)*(?::|\xEF\xBC\x9A)",
            0,
            NAMES,
        ),
        # a label in an HTML table cell, the name in the next cell (<th>姓名</th><td>…; names._after_cell_tags)
        (_alts(LABELS) + rb"[ \t]*</?[tT][dDhHrR]", 0, NAMES),
        (verb, 0, NAMES),  # 王小明表示
        (yu, 0, NAMES),  # 王小明於昨日
        (_alts(COMPOUND_SURNAMES) + _CJK + b"{0,2}" + _lit("於"), 0, NAMES),  # 張簡大同於
        (_alts(CITY_NAMES), 0, ADDRESSES),
        (_alts(LABEL_WORDS), 0, ADDRESSES),
        # district-led addresses without a city or label (大安區信義路…號), spaces allowed
        (
            _alts(["區", "鄉", "鎮"]) + b"(?:" + _CJK + rb"|[ ]|\xE3\x80\x80){1,10}" + _alts(["路", "街"]),
            0,
            ADDRESSES,
        ),
        (rb"address", caseless, ADDRESSES),
        (_alts([w for w in BIRTH_WORDS if not w.isascii()]) + b"|" + _lit("日生"), 0, BIRTH),
        (rb"dob|birth", caseless, BIRTH),
        # full-width digits and letters, and full-width ( ) . + - / @ _ touching ASCII (folded later)
        (_FULL_WIDTH, 0, ALL),
        (rb"[0-9A-Za-z]" + _WIDE_PUNCT + rb"|" + _WIDE_PUNCT + rb"[0-9A-Za-z]", 0, ALL),
    ]
    return [(p, f, fam, loose.get(p)) for p, f, fam in exact]


_LOOSE_TOKEN_CATEGORIES: Final = frozenset(
    {"vehicle_plate", "passport", "tw_national_id", "tw_resident_id", "mobile_phone"}
)
_WORDS_BEFORE_LOOSE_TOKENS: Final = sorted(
    word for word, cats in KEYWORDS.items() if not _LOOSE_TOKEN_CATEGORIES.isdisjoint(cats)
)
_ANY_SURNAME: Final = _alts(
    [*SINGLE_SURNAMES, *RARE_SURNAMES, *COMPOUND_SURNAMES]
)  # after labels, before titles
# in the patterns compiled in a loose form only (their exact form runs in Python's re: as tries)
_SURNAMES_TRIE: Final = _byte_trie([*SINGLE_SURNAMES, *COMPOUND_SURNAMES])
_ANY_SURNAME_TRIE: Final = _byte_trie([*SINGLE_SURNAMES, *RARE_SURNAMES, *COMPOUND_SURNAMES])
_VERBS: Final = _alts([w for w in (*VERB_WORDS, *MORE_VERBS) if w != "於"])
_VERBS_TRIE: Final = _byte_trie([w for w in (*VERB_WORDS, *MORE_VERBS) if w != "於"])
_TIMES: Final = [a + b for a in "上昨今本日前明當" for b in "週周天日月年午"] + ["民國"]
_AFTER_YU: Final = (
    _lit("於") + b"(?:" + _alts(_TIMES) + b"|[0-9])"
)  # 王小明於上週, 於112年 (names.py _TIME_AFTER)
_BRACKET_TIME: Final = rb"(?:\(|" + _lit("（") + rb")[0-9]{1,2}:[0-9]{2}"


def _enabled() -> bool:
    return _hs is not None and os.environ.get("SHOUHU_PII_PREFILTER", "1") != "0"


AVAILABLE: Final = _enabled()
_DB: Any = None
_FAMILIES: list[int] = []
#: Per pattern index: the exact pattern (Python ``re`` on bytes) a loose hit must be confirmed by.
_CONFIRM: list[re.Pattern[bytes] | None] = []
#: Bit ``i`` is set when pattern ``i`` is compiled in a loose form.
_LOOSE_BITS = 0
#: A hit is kept as one int, ``end << _INDEX_BITS | pattern``: the low bits hold the pattern's
#: index, wide enough for every pattern of the database (set when it is compiled).
_INDEX_BITS = 1
_INDEX_MASK = 1


def _database() -> Any:
    global _DB, _LOOSE_BITS, _INDEX_BITS, _INDEX_MASK
    if _DB is None:
        pats = _patterns()
        _INDEX_BITS = max(1, (len(pats) - 1).bit_length())
        _INDEX_MASK = (1 << _INDEX_BITS) - 1
        db = _load_cached(pats)
        if db is None:
            db = _hs.Database(mode=_hs.HS_MODE_BLOCK)
            db.compile(
                expressions=[p for p, _, _ in pats],
                ids=list(range(len(pats))),
                elements=len(pats),
                flags=[f for _, f, _ in pats],
            )
            _store_cached(pats, db)
        _FAMILIES[:] = [fam for _, _, fam in pats]
        exact = _exact_patterns()
        _CONFIRM[:] = [re.compile(exact[i]) if i in exact else None for i in range(len(pats))]
        _LOOSE_BITS = sum(1 << i for i in exact)
        _DB = db
    return _DB


def _cache_file(pats: list[tuple[bytes, int, int]]) -> str | None:
    """Where the compiled database of these patterns is kept between processes (or ``None``).

    Compiling takes about 0.2 s of CPU, a fifth of a 40 MB scan; loading the serialized database
    takes milliseconds. ``SHOUHU_PII_CACHE`` sets the folder (empty: no cache); the default is
    ``$XDG_CACHE_HOME/shouhu`` or ``~/.cache/shouhu``. The file name is a hash of the patterns,
    flags and library version, so a changed pattern set never loads a stale database.
    """
    folder = os.environ.get("SHOUHU_PII_CACHE")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "shouhu")
    if not folder:
        return None
    tag = hashlib.sha256(repr((pats, getattr(_hs, "__version__", ""))).encode()).hexdigest()[:32]
    return os.path.join(folder, f"pii-prefilter-{tag}.hsdb")


def _load_cached(pats: list[tuple[bytes, int, int]]) -> Any:
    return load_database(_cache_file(pats))


def _store_cached(pats: list[tuple[bytes, int, int]], db: Any) -> None:
    store_database(_cache_file(pats), db)


#: Pieces scanned at a time, and the hit density (bytes per prefilter hit) above which a piece is
#: handed to the recognizers whole: on dense text nearly every line is marked anyway, and a Python
#: callback per hit would cost more than it saves.
PIECE: Final = 64 * 1024
DENSE_BYTES_PER_HIT: Final = 64


def _collect(pattern: int, _start: int, end: int, _flags: int, ends: list[int]) -> bool:
    ends.append(end << _INDEX_BITS | pattern)
    if _LOOSE_BITS >> pattern & 1:
        ends[0] += 1  # a loose hit is not yet confirmed: it does not count towards a dense piece
    return len(ends) > ends[0]  # True stops the scan: the piece is dense


def hit_ranges(data: bytes) -> Iterator[tuple[int, int, int]]:
    """Yield ``(start, end, families)`` for runs of whole lines (end past the newline) where the
    prefilter fired; adjacent lines are merged, ``families`` says which recognizers may match.

    The data is scanned in pieces of whole lines; a dense piece is yielded whole with every family.
    """
    size = len(data)
    lo = 0
    dense = True  # whether to try the sample first: at the start, and after a dense piece
    while lo < size:
        hi = data.find(b"\n", min(lo + PIECE, size) - 1)
        hi = size if hi < 0 else hi + 1
        if dense and _dense_head(data, lo, hi):
            yield lo, hi, ALL
        else:
            dense = yield from _piece_ranges(data, lo, hi)
        lo = hi


#: A piece's first lines (about this many bytes) are scanned first: when they hold a prefilter hit
#: per :data:`SAMPLE_BYTES_PER_HIT` bytes or more, the piece is handed over whole without scanning
#: the rest (which would call back into Python for about every line of dense text).
SAMPLE: Final = 4096
SAMPLE_BYTES_PER_HIT: Final = 128


def _confirmed(
    exact: re.Pattern[bytes], piece: bytes, end: int, pattern: int, seen: dict[tuple[int, int], bool]
) -> bool:
    """Whether ``exact`` matches in the line of ``piece`` that holds the hit ending at ``end``
    (each line searched once per pattern; ``seen`` remembers the answers)."""
    start = piece.rfind(b"\n", 0, end - 1) + 1
    found = seen.get((start, pattern))
    if found is None:
        stop = piece.find(b"\n", end - 1)
        found = seen[start, pattern] = (
            exact.search(piece, start, len(piece) if stop < 0 else stop) is not None
        )
    return found


def _dense_head(data: bytes, base: int, top: int) -> bool:
    """Whether the first lines of the big piece ``data[base:top]`` are dense enough to hand the
    piece over whole (tried on a file's first piece and after a dense piece)."""
    if top - base < 4 * SAMPLE:
        return False
    cut = data.find(b"\n", base + SAMPLE, top) + 1
    if cut <= 0:
        return False
    limit = (cut - base) // SAMPLE_BYTES_PER_HIT
    ends: list[int] = [limit]
    with contextlib.suppress(_hs.ScanTerminated):
        _database().scan(data[base:cut], match_event_handler=_collect, context=ends)
    return len(ends) > ends[0]


def _piece_ranges(data: bytes, base: int, top: int) -> Generator[tuple[int, int, int], None, bool]:
    """Yield the ranges of one piece; return whether the piece was dense (handed over whole)."""
    piece = data[base:top] if base or top < len(data) else data
    limit = len(piece) // DENSE_BYTES_PER_HIT + 16
    ends: list[int] = [limit]
    with contextlib.suppress(_hs.ScanTerminated):  # the callback stopped a dense piece
        _database().scan(piece, match_event_handler=_collect, context=ends)
    if len(ends) > ends[0]:
        yield base, top, ALL
        return True
    if len(ends) == 1:
        return False
    del ends[0]
    ends.sort()
    families = _FAMILIES
    confirm = _CONFIRM
    confirmed: dict[tuple[int, int], bool] = {}  # (line start, pattern) → exact pattern matches
    size = len(piece)
    lo = hi = -1
    bits = 0
    shift, mask = _INDEX_BITS, _INDEX_MASK
    for packed in ends:
        end = packed >> shift
        index = packed & mask
        exact = confirm[index]
        if exact is not None and not _confirmed(exact, piece, end, index, confirmed):
            continue  # a loose hit where the exact pattern does not match in the line
        fam = families[index]
        if end <= hi and not fam & NEXT_LINE:
            bits |= fam
            continue
        start = piece.rfind(b"\n", 0, end - 1) + 1
        stop = piece.find(b"\n", end - 1)
        stop = size if stop < 0 else stop + 1
        if fam & NEXT_LINE and stop < size:  # and the line after it (a closing's sender)
            after = piece.find(b"\n", stop)
            stop = size if after < 0 else after + 1
        if 0 <= start <= hi:
            hi = max(hi, stop)
            bits |= fam
            continue
        if hi >= 0:
            yield base + lo, base + hi, bits
        lo, hi, bits = start, stop, fam
    if hi >= 0:  # not when every hit was a loose one that was not confirmed
        yield base + lo, base + hi, bits
    return False
