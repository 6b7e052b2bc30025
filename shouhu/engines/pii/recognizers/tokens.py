"""ASCII identifier tokens: IDs, phones, e-mails, cards, IPs, plates and bare digit runs.

Two-phase design: a cheap regex finds candidate runs of identifier characters (PII tokens are
ASCII islands inside Chinese prose, and single words in logs), then one token regex runs on each
candidate only, and a small handler per token kind validates it (checksums, context words).
Boundaries are explicit ASCII look-arounds, never ``\\b`` (CJK characters are word characters
for ``re``).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterator
from typing import Final

from ..checksums import (
    valid_card,
    valid_national_id,
    valid_resident_id_new,
    valid_resident_id_old,
    valid_ubn,
)
from ..normalize import canonical_email, canonical_phone, digits_only, ocr_id, ocr_phone
from .base import Match, new_match
from .dates import parse_compact_date
from .keywords import NOT_PERSONAL, KeywordIndex, number_label_before

#: Candidate runs: identifier characters, plus space-separated digit groups (0912 345 678). The
#: look-ahead skips, inside the regex engine, runs shorter than six characters that have no group
#: after them (words such as "ok", "in"); they could never hold a token. The pattern starts with
#: the character class (the look-ahead comes after the first character) so that ``re`` skips
#: Chinese text with its fast class scan instead of trying the look-ahead at every position.
_ID_CHAR: Final = "[0-9A-Za-z@._%+()-]"
CANDIDATE: Final = re.compile(
    rf"{_ID_CHAR}(?={_ID_CHAR}{{5}}|{_ID_CHAR}{{0,4}} [0-9(+]){_ID_CHAR}*(?: [0-9(+]{_ID_CHAR}*)*"
)

_SEP: Final = "[- .]"
#: The country code before a mobile or landline: +886, 886, 00886, also in brackets ((+886) 912 …).
_CC: Final = r"(?:(?:\+|00)?886|\((?:\+|00)?886\))"
#: Mobile numbers: 09xx, +886/886/00886/(+886) 9xx (optionally "(0)"), (09xx); the eight digits after
#: 09 in the groups people write: 4-3-3 (0912-345-678, +886 912 345 678), 3-3-4 (093-145-3859) and
#: 2-4-4 (09-1234-5678, +886 9-1234-5678), by space, dash or dot.
MOBILE: Final = (
    rf"(?:(?:{_CC}{_SEP}?(?:\(0\){_SEP}?)?|0)9[0-8][0-9]|\(09[0-8][0-9]\)){_SEP}?[0-9]{{3}}{_SEP}?[0-9]{{3}}"
    rf"|(?:{_CC}{_SEP}?(?:\(0\){_SEP}?)?|0)(?:9[0-8]{_SEP}?[0-9]{{3}}|9{_SEP}?[0-8][0-9]{{3}}){_SEP}?[0-9]{{4}}"
)
#: Landlines: area code (with +886/886, in parentheses, or followed by a separator) and 6-8 digits.
#: An extension (#123, 轉123, ext 12) is not part of the number.
LANDLINE: Final = (
    rf"(?:{_CC}{_SEP}?(?:\(0\){_SEP}?)?[2-8][0-9]{{0,2}}{_SEP}?|\(0[2-8][0-9]{{0,2}}\){_SEP}?"
    rf"|0[2-8][0-9]{{0,2}}{_SEP})[0-9]{{2,4}}{_SEP}?[0-9]{{3,4}}"
)

#: A plate's shapes (ABC-1234, AB-1234, 1234-AB, ABC-123, AB-12345, and 123-ABC, the old heavy motorcycle
#: plate with its digits first) in lower case, without the dash or with a space for it (abc1234, 1234AB,
#: ELS 1879), as people type them: a plate only when a plate word or column supports it. In running text
#: no plate is read where another digit group follows (Tel 089 768787 is a phone number).
LOOSE_PLATE: Final = "(?:[A-Za-z]{2,3}[- ]?[0-9]{3,4}|[0-9]{4}[- ]?[A-Za-z]{2}|[A-Za-z]{2}[- ]?[0-9]{5}|[0-9]{3}[- ]?[A-Za-z]{3})"
#: A candidate run that is a plate with a space for its dash (ELS 1879): its leading word is kept. Upper case
#: only: "in 152 ms", "to 2000" in a log line would otherwise each be tried as a plate.
_SPACED_PLATE: Final = re.compile("[A-Z]{2,3} [0-9]{3,5}")
#: A passport number with letters, as foreign passports print them (Viet Nam C1234567, the Philippines
#: P1234567A, Japan TR1234567, Thailand AA1234567): a passport only right after a passport word or in a
#: passport column (ROC passports are nine digits, read with the bare digit runs). At most nine
#: characters: the document number field of a machine-readable passport (ICAO 9303) holds nine.
FOREIGN_PASSPORT: Final = "(?=[A-Za-z0-9]{7,9}(?![A-Za-z0-9]))[A-Za-z]{1,2}[0-9]{6,8}[A-Za-z]?"

#: The token regex. Some alternatives read digit groups the older regex left alone: a dotted NHI number
#: (0000.1234.5678), dashed groups whose last group is longer than eight digits (1771-9925938449,
#: 760-01-809403186), two groups joined by a space (0018571 8116692, 0000 12345678). When their handler finds nothing there, the older regex
#: (:data:`_TOKEN_BEFORE_GROUPS`) is searched again from the same place, so nothing it read is lost.
_TOKEN_SOURCE: Final = rf"""
    (?P<email>(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{{0,63}}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,24}}(?![A-Za-z0-9-]))
    |(?P<id>(?<![A-Za-z0-9])[A-Za-z][1289A-Da-d][0-9]{{8}}(?![A-Za-z0-9]))
    |(?P<spaced_id>(?<![A-Za-z0-9])[A-Za-z][ -]?[1289A-Da-d](?:[ -]?[0-9]){{8}}(?![A-Za-z0-9]))
    |(?P<ip>(?<![0-9.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){{3}}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?![0-9]|\.[0-9]))
    |(?P<mobile>(?<![0-9+])(?:{MOBILE})(?![0-9]))
    |(?P<ocr_mobile>(?<![0-9A-Za-z+])0[9Oo][0-9OoIlB]{{8}}(?![0-9A-Za-z]))
    |(?P<grouped>(?<![0-9])[0-9]{{4}}(?:[- ][0-9]{{4}}){{2,3}}(?:[- ][0-9]{{1,3}})?(?![0-9])|(?<![0-9])[0-9]{{4}}[- ][0-9]{{6}}[- ][0-9]{{4,5}}(?![0-9])
        |(?<![0-9.])[0-9]{{4}}\.[0-9]{{4}}\.[0-9]{{4}}(?![0-9]|\.[0-9]))
    |(?P<landline>(?<![0-9+])(?:{LANDLINE})(?![0-9]))
    |(?P<plate>(?<![A-Za-z0-9-])(?:[A-Z]{{2,3}}-[0-9]{{3,4}}|[0-9]{{4}}-[A-Z]{{2}}|[A-Z]{{2}}-[0-9]{{5}}|[0-9]{{3}}-[A-Z]{{3}})(?![A-Za-z0-9]|-[0-9A-Za-z]))
    |(?P<loose_plate>(?<![A-Za-z0-9-]){LOOSE_PLATE}(?![A-Za-z0-9]|-[0-9A-Za-z]|[ ][0-9(+]))
    |(?P<passport>(?<![A-Za-z0-9]){FOREIGN_PASSPORT}(?![A-Za-z0-9]))
    |(?P<dashed>(?<![0-9-])(?:[0-9]{{2,7}}(?:-[0-9]{{1,8}}){{1,3}}-[0-9]{{1,12}}|[0-9]{{4,7}}-[0-9]{{5,12}})(?![0-9]|-[0-9]))
    |(?P<spaced>(?<![0-9])[0-9]{{4,7}}[ ][0-9]{{5,12}}(?![0-9]))
    |(?P<bankcode>(?<![0-9])(?:\([0-9]{{3}}\)[- ]?(?=[0-9]{{4,7}}-[0-9]{{5,8}}(?![0-9]|-[0-9]))|(?:\([0-9]{{3}}\)[- ]?|[0-9]{{3}}-)(?=[0-9]{{8,16}}(?![0-9]))))
    |(?P<digits>(?<![0-9A-Za-z.])[0-9]{{7,19}}(?![0-9]|\.[0-9]))
    |(?P<ocr_id>(?<![A-Za-z0-9])[A-Za-z][0-9A-DIOLlo][0-9OoIlB]{{8}}(?![A-Za-z0-9]))
    """
_WIDER_GROUPS: Final = (
    ("\n        |(?<![0-9.])[0-9]{4}\\.[0-9]{4}\\.[0-9]{4}(?![0-9]|\\.[0-9])", ""),
    (
        "(?:-[0-9]{1,8}){1,3}-[0-9]{1,12}|[0-9]{4,7}-[0-9]{5,12})",
        "(?:-[0-9]{1,8}){2,4}|[0-9]{4,7}-[0-9]{5,8})",
    ),
    ("\n    |(?P<spaced>(?<![0-9])[0-9]{4,7}[ ][0-9]{5,12}(?![0-9]))", ""),
    # the readings of letters for digits (the older regex reads such a place as it did before them)
    ("\n    |(?P<ocr_mobile>(?<![0-9A-Za-z+])0[9Oo][0-9OoIlB]{8}(?![0-9A-Za-z]))", ""),
    ("\n    |(?P<ocr_id>(?<![A-Za-z0-9])[A-Za-z][0-9A-DIOLlo][0-9OoIlB]{8}(?![A-Za-z0-9]))", ""),
)
TOKEN: Final = re.compile(_TOKEN_SOURCE, re.VERBOSE)


def _without_wider_groups(source: str) -> str:
    for wide, narrow in _WIDER_GROUPS:
        if wide not in source:  # pragma: no cover - a guard for whoever edits the token regex
            raise ValueError(f"token regex changed: {wide!r} not found")
        source = source.replace(wide, narrow)
    return source


_TOKEN_BEFORE_GROUPS: Final = re.compile(_without_wider_groups(_TOKEN_SOURCE), re.VERBOSE)

_ISO_STAMP: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?: [0-9]{2})?")
#: Every TOKEN branch but the e-mail holds at least three digits (the shortest, a plate AB-123);
#: a candidate without them and without ``@`` is skipped before the token regex, which would try
#: all ten branches at each of its positions to find nothing (about 15 µs for ``worker-3``).
_THREE_DIGITS: Final = re.compile(r"[0-9][^0-9]*[0-9][^0-9]*[0-9]")
_NEW_PLATE: Final = re.compile(r"[A-HJ-NP-Z]{3}-[0-35-9]{4}")
_ID_CATS: Final = frozenset({"tw_national_id", "tw_resident_id"})
_MOBILE: Final = frozenset({"mobile_phone"})
_LANDLINE: Final = frozenset({"landline_phone"})
_PLATE: Final = frozenset({"vehicle_plate"})


def landline_ok(digits: str) -> bool:
    """Return whether national digits (leading 0) have the shape of a Taiwanese landline."""
    if not 9 <= len(digits) <= 10 or digits[:2] in ("09", "00", "01"):
        return False
    if digits[:3] in ("080", "070", "050", "020"):
        return False
    return len(digits) == 10 if digits.startswith("02") else True


def id_category(value: str) -> str | None:
    """Return the ID category of an upper-case 10-character value that passes its checksum."""
    if valid_national_id(value):
        return "tw_national_id"
    if valid_resident_id_new(value) or valid_resident_id_old(value):
        return "tw_resident_id"
    return None


HintLookup = Callable[[int], frozenset[str]]


class _Token:
    """One token regex match with lazy context look-up (keywords are searched once, if needed)."""

    __slots__ = ("_ctx", "end", "hints", "keywords", "start", "text", "value")

    def __init__(self, keywords: KeywordIndex, m: re.Match[str], hints: frozenset[str]) -> None:
        self.keywords = keywords
        self.text = keywords.text
        self.value = m.group()
        self.start, self.end = m.span()
        self.hints = hints
        self._ctx: tuple[frozenset[str], frozenset[str]] | None = None

    @property
    def context(self) -> tuple[frozenset[str], frozenset[str]]:
        """``(nearest, any)`` keyword categories around the token."""
        if self._ctx is None:
            self._ctx = self.keywords.around(self.start, self.end)
        return self._ctx

    def supported(self, categories: frozenset[str]) -> bool:
        """Whether a column hint or any keyword around the token supports one of ``categories``."""
        return not categories.isdisjoint(self.hints) or not categories.isdisjoint(self.context[1])

    def business_number(self) -> bool:
        """Whether the nearest keyword or the label right before names an order/invoice/serial number,
        a version, or any other thing's number (訂位代號, Lot No.)."""
        near = self.context[0]
        if NOT_PERSONAL in self.hints or NOT_PERSONAL in near:
            return True
        # a label that is itself a personal keyword (帳號 a123456789: a login by ID) is not a thing's
        return not near and number_label_before(self.text, self.start)

    def match(self, category: str, value: str, confidence: float) -> Match:
        return new_match((category, self.start, self.end, value, confidence))


def _email(t: _Token) -> Match | None:
    return t.match("email", t.value.lower(), 0.95)


#: A version word right before a four-part number (firmware 4.1.0.233, build 5.1.2.100, 韌體 2.0.1.8,
#: ver. 1.0.0.12): the number is a version, not an IPv4 address. Only before it: an address may be
#: followed by such a word in a log (10.0.0.5 firmware updated).
_VERSION_BEFORE: Final = re.compile(
    r"(?:(?<![A-Za-z])(?i:firmware|fw|build|ver|version|driver)\.?|韌體|固件|版本|版號|驅動|驅動程式)"
    r"[ \t\u3000]*(?:版本|[:：=#])?[ \t\u3000]*$"
)


#: Every match of :data:`_VERSION_BEFORE` holds one of these once lower-cased: its English words in
#: any case ``re`` accepts (their letters here have no other case forms; "driver" and "version" hold
#: "ver", "build" "ld", "firmware" "rmw") or one of its Chinese words.
_VERSION_PARTS: Final = ("ver", "fw", "ld", "rmw", "韌體", "固件", "版本", "版號", "驅動")


def _version_before(text: str, start: int) -> bool:
    """``_VERSION_BEFORE.search(text, max(0, start - 16), start)``, skipped (no match) when the window
    holds none of :data:`_VERSION_PARTS` (most IP addresses: a regex search of the window costs
    about 2 µs, the substring tests a fifth of that)."""
    lo = start - 16 if start > 16 else 0
    window = text[lo:start].lower()
    if not any(part in window for part in _VERSION_PARTS):
        return False
    return _VERSION_BEFORE.search(text, lo, start) is not None


def _ip(t: _Token) -> Match | None:
    if t.text[t.start - 1 : t.start] in ("v", "V") or t.business_number():
        return None  # v1.2.3.4, 版本 1.2.3.4
    if _version_before(t.text, t.start):
        return None  # firmware 4.1.0.233
    return t.match("ip_address", t.value, 0.85)


def _id(t: _Token) -> Match | None:
    value = t.value.upper()
    category = id_category(value)
    if category is None:
        return None
    if t.supported(_ID_CATS):
        return t.match(category, value, 0.99)
    if t.business_number():
        return None  # 序號 A123456789: a serial that happens to pass the checksum
    return t.match(category, value, 0.85 if t.value[0].isupper() else 0.6)


def _spaced_id(t: _Token) -> Match | None:
    value = t.value.upper().replace(" ", "").replace("-", "")
    if not t.supported(_ID_CATS):
        return None  # spaced forms are too loose without an ID keyword or column
    category = id_category(value)
    return t.match(category, value, 0.9) if category else None


def _ocr_id(t: _Token) -> Match | None:
    """An ID with letters for digits (U1569226O6, D18l898673, as read from a scan or typed): only right
    after an ID word (the nearest keyword) or in an ID column, and only when its reading passes the check."""
    if _ID_CATS.isdisjoint(t.hints or t.context[0]):
        return None
    value = ocr_id(t.value)
    category = id_category(value) if value is not None else None
    return t.match(category, value, 0.85) if category is not None and value is not None else None


def _ocr_mobile(t: _Token) -> Match | None:
    """A mobile number with letters for digits (09l8200594, 097O994172): only right after a phone word
    (the nearest keyword) or in a mobile column."""
    if "mobile_phone" not in (t.hints or t.context[0]):
        return None
    digits = ocr_phone(t.value)
    return t.match("mobile_phone", digits, 0.85) if digits is not None and digits[:2] == "09" else None


def _mobile(t: _Token) -> Match | None:
    return t.match("mobile_phone", canonical_phone(t.value), 0.99 if t.supported(_MOBILE) else 0.9)


def _landline(t: _Token) -> Match | None:
    digits = canonical_phone(t.value)
    if not landline_ok(digits):
        return None
    if t.supported(_LANDLINE):
        return t.match("landline_phone", digits, 0.99)
    return t.match("landline_phone", digits, 0.75)


def _plate(t: _Token) -> Match | None:
    if t.supported(_PLATE):
        return t.match("vehicle_plate", t.value, 0.9)
    if _NEW_PLATE.fullmatch(t.value):
        return t.match("vehicle_plate", t.value, 0.4)
    return None


def _loose_plate(t: _Token) -> Match | None:
    """A plate in lower case or without its dash (abc1234, 5863HM): only after a plate word (the
    nearest keyword) or in a plate column, since product codes and user names have these shapes too."""
    if "vehicle_plate" in (t.hints or t.context[0]):
        return t.match("vehicle_plate", t.value.upper().replace(" ", ""), 0.9)
    return None


def _passport(t: _Token) -> Match | None:
    """Letters and digits after a passport word (the nearest keyword) or in a passport column."""
    if "passport" in (t.hints or t.context[0]):
        return t.match("passport", t.value.upper(), 0.9)
    return None


_NHI: Final = frozenset({"nhi_card"})


def _nhi_groups(t: _Token, digits: str, near: frozenset[str]) -> Match | None:
    """An NHI card number written in groups (0000 1234 5678, 0000-12345678, 000012 345678,
    0000.1234.5678): its twelve digits, when an NHI word or column supports it and no bank word is
    the nearest."""
    if len(digits) == 12 and "bank_account" not in near and t.supported(_NHI):
        return t.match("nhi_card", digits, 0.9)
    return None


def _grouped(t: _Token) -> Match | None:
    digits = digits_only(t.value)
    near = t.hints or t.context[0]
    if len(digits) == 12:
        nhi = _nhi_groups(t, digits, near)
        if nhi is not None:
            return nhi
        if "." in t.value:
            return t.match("bank_account", digits, 0.8) if "bank_account" in near else None
    if valid_card(digits) and not ("bank_account" in near and "credit_card" not in near):
        if "credit_card" in near:
            return t.match("credit_card", digits, 0.99)
        return None if t.business_number() else t.match("credit_card", digits, 0.9)
    if "bank_account" in near and 8 <= len(digits) <= 16:
        return t.match("bank_account", digits, 0.8)
    return None


_BANK: Final = frozenset({"bank_account"})


#: The three-digit codes of Taiwan's main banks, the post office (700) and the agricultural finance
#: agency (600) (財金資訊股份有限公司, 金融機構代號一覽表), as written before an account (808-3717-701-554584).
BANK_CODES: Final = frozenset(
    [
        "004",
        "005",
        "006",
        "007",
        "008",
        "009",
        "011",
        "012",
        "013",
        "016",
        "017",
        "018",
        "021",
        "048",
        "050",
        "052",
        "053",
        "054",
        "081",
        "101",
        "102",
        "103",
        "108",
        "118",
        "147",
        "600",
        "700",
        "803",
        "805",
        "806",
        "807",
        "808",
        "809",
        "810",
        "812",
        "815",
        "816",
        "822",
        "823",
        "824",
        "826",
    ]
)


#: Bank names people write before an account, with their codes (same source): a code before the
#: account is only taken off when no other bank is named before it on the line (退款至玉山銀行帳號
#: 103-439-43549561 keeps its 103, which is no code of 玉山).
BANK_NAMES: Final = {
    "臺灣銀行": "004", "台灣銀行": "004", "臺銀": "004", "台銀": "004", "土地銀行": "005", "土銀": "005",
    "合作金庫": "006", "合庫": "006", "第一銀行": "007", "一銀": "007", "華南銀行": "008", "彰化銀行": "009",
    "彰銀": "009", "上海商銀": "011", "富邦": "012", "國泰世華": "013", "高雄銀行": "016", "兆豐": "017",
    "花旗": "021", "王道": "048", "臺灣企銀": "050", "台灣企銀": "050", "渣打": "052", "台中銀行": "053",
    "臺中銀行": "053", "京城": "054", "匯豐": "081", "新光": "103", "陽信": "108", "中華郵政": "700",
    "郵局": "700", "聯邦": "803", "遠東": "805", "元大": "806", "永豐": "807", "玉山": "808", "凱基": "809",
    "星展": "810", "台新": "812", "安泰": "816", "中國信託": "822", "中信": "822", "將來": "823",
    "連線": "824", "樂天": "826",
}  # fmt: skip
_BANK_NAME: Final = re.compile("|".join(sorted(BANK_NAMES, key=len, reverse=True)))


def _code_before_account(t: _Token) -> bool:
    """Whether the dashed value's first group is a bank code and not the account's own first digits:
    a listed code, and the bank named last before it on the line (if any) is the same bank."""
    code = t.value[:3]
    if code not in BANK_CODES:
        return False
    lo = t.text.rfind("\n", 0, t.start) + 1
    named = [m.group() for m in _BANK_NAME.finditer(t.text, max(lo, t.start - 40), t.start)]
    return not named or BANK_NAMES[named[-1]] == code


def _dashed(t: _Token) -> Match | None:
    """Digit groups joined by dashes (171-173-519320, 123-001-23456-7, 700-4857230-2061639, the post
    office's 1029866-2647072): a bank account when a bank word or column supports it. A first group
    that is a bank's three-digit code, followed by ten digits or more, is that code and not part of
    the account (808-3717-701-554584 is 玉山 3717701554584); more than 16 digits after a 3-digit group
    are a code and the account in any case (no account has more than 16 digits)."""
    digits = digits_only(t.value)
    if len(digits) == 12 and t.value.count("-") == 1:
        nhi = _nhi_groups(t, digits, t.hints or t.context[0])  # 0000-12345678, 000012-345678
        if nhi is not None:
            return nhi
    if not t.supported(_BANK):
        return None
    if t.value[3:4] == "-" and (len(digits) > 16 or (len(digits) >= 13 and _code_before_account(t))):
        digits = digits[3:]
    if not 10 <= len(digits) <= 16:
        return None
    return t.match("bank_account", digits, 0.85)


def _spaced(t: _Token) -> Match | None:
    """Two digit groups joined by a space: an NHI number (0000 12345678) or a bank account — the post
    office's 7+7 (0018571 8116692), 4+n — when a word or column supports it."""
    digits = digits_only(t.value)
    nhi = _nhi_groups(t, digits, t.hints or t.context[0])
    if nhi is not None:
        return nhi
    if 10 <= len(digits) <= 16 and t.supported(_BANK):
        return t.match("bank_account", digits, 0.85)
    return None


def _after_bank_code(t: _Token) -> Match | None:
    """Dashed digits right after a bank code in brackets or with a dash (郵局(700) 8802409-5377300):
    the account, without any other bank word."""
    digits = digits_only(t.value)
    return t.match("bank_account", digits, 0.85) if 10 <= len(digits) <= 16 else None


#: The post office's passbook fields named one after the other (局號 0001234 帳號 0567890, 局號：000123-4
#: 帳號：056789-0): one account of fourteen digits.
POST_OFFICE_FIELDS: Final = re.compile(
    r"局號[ \t\u3000]*[:：]?[ \t\u3000]*(?P<office>[0-9]{6}-?[0-9])(?![0-9])[ \t\u3000,，、;；/]*(?:存簿)?"
    r"帳號[ \t\u3000]*[:：]?[ \t\u3000]*(?P<account>[0-9]{6}-?[0-9])(?![0-9])"
)


def scan_post_office_fields(text: str) -> list[Match]:
    """Post-office accounts whose 局號 and 帳號 are written as two named fields."""
    out = []
    for m in POST_OFFICE_FIELDS.finditer(text):
        digits = digits_only(m.group("office") + m.group("account"))
        out.append(Match("bank_account", m.start("office"), m.end("account"), digits, 0.9))
    return out


#: An e-mail address whose ``@`` is written out against harvesters (``name [at] example.com``,
#: ``name(at)example.com``, ``name {AT} example.com``) or URL-encoded in a query string
#: (``email=name%40example.com``). The value is the address with its ``@`` (:func:`normalize.canonical_email`).
OBFUSCATED_EMAIL: Final = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._+-]{0,63}"
    r"(?:[ \t]?[\[({<][ \t]?(?i:at)[ \t]?[\])}>][ \t]?|%40)"
    r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)
#: Every match of :data:`OBFUSCATED_EMAIL` holds one of these (a cheap test before it runs).
_OBFUSCATED_AT: Final = re.compile(r"[\[({<][ \t]?(?i:at)[ \t]?[\])}>]|%40")


def scan_obfuscated_emails(text: str) -> list[Match]:
    """E-mail addresses with a written-out or URL-encoded ``@`` (asked only when the text holds one)."""
    return [
        Match("email", m.start(), m.end(), canonical_email(m.group()), 0.9)
        for m in OBFUSCATED_EMAIL.finditer(text)
    ]


#: IPv6 addresses, full (eight groups) or compressed with ``::``; not inside a longer word or number.
IPV6: Final = re.compile(
    r"(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){7}"
    r"|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?)"
    r"(?![0-9A-Za-z:]|\.[0-9])"
)


#: Four colon-separated hex groups in a row (part of every full IPv6 address without ``::``); a cheap
#: test (it starts with a literal colon) before :data:`IPV6` runs on text without ``::``.
_IPV6_FULL: Final = re.compile(r":[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:")


def ipv6_value(value: str) -> str | None:
    """Return ``value`` (as written, lower case) when it is a routable-looking IPv6 address: valid, at
    least three groups (``std::vector``'s ``d::`` and ``a::b`` are none), not ``::``/``::1``."""
    if value.count(":") < 2 or sum(1 for g in value.split(":") if g) < 3:
        return None
    try:
        address = ipaddress.IPv6Address(value)
    except ValueError:
        return None
    if address.is_unspecified or address.is_loopback:
        return None
    return value.lower()


#: A colon and the hex digits and colons after it: every IPv6 match holds one. ``re`` finds a
#: pattern that starts with a literal quickly, where :data:`IPV6`, which starts with a look-behind,
#: is tried at every position of the text (a quarter of the token search on dense log text).
_COLON_RUN: Final = re.compile(r":[0-9A-Fa-f:]*")
_HEX: Final = frozenset("0123456789ABCDEFabcdef")


def ipv6_matches(text: str) -> Iterator[re.Match[str]]:
    """``IPV6.finditer(text)``, tried only where a match can start.

    A match cannot start after a hex digit or a colon (its look-behind), so it starts where a run
    of hex digits and colons starts, at most four hex digits before the run's first colon, and
    it ends where the run ends (its look-ahead): one try per run that holds two colons or more.
    """
    for hit in _COLON_RUN.finditer(text):
        colon, end = hit.span()
        if text.count(":", colon, end) < 2:
            continue
        start = colon
        while start > 0 and text[start - 1] in _HEX:
            start -= 1
            if colon - start > 4:
                break
        if colon - start > 4:
            continue  # five hex digits or more before the first colon: no group is that long
        m = IPV6.match(text, start)
        if m is not None:
            yield m


def scan_ipv6(text: str) -> list[Match]:
    """IPv6 addresses in ``text`` (asked only when it holds ``::`` or seven colons)."""
    out: list[Match] = []
    for m in ipv6_matches(text):
        value = ipv6_value(m.group())
        if value is not None and not _version_before(text, m.start()):
            out.append(Match("ip_address", m.start(), m.end(), value, 0.85))
    return out


_HANDLERS: Final[dict[str, Callable[[_Token], Match | None]]] = {
    "dashed": _dashed,
    "spaced": _spaced,
    "email": _email,
    "ip": _ip,
    "id": _id,
    "spaced_id": _spaced_id,
    "mobile": _mobile,
    "ocr_mobile": _ocr_mobile,
    "ocr_id": _ocr_id,
    "landline": _landline,
    "plate": _plate,
    "loose_plate": _loose_plate,
    "passport": _passport,
    "grouped": _grouped,
}


def scan_tokens(text: str, hints: frozenset[str] | HintLookup = frozenset()) -> list[Match]:
    """Return ASCII-token matches in ``text`` (already width-folded).

    ``hints`` are categories suggested by a column name, either for the whole text or per offset.
    Context keywords are looked up only when the hints do not already decide.
    """
    lookup: HintLookup | None = hints if callable(hints) else None
    hints_here = hints if not callable(hints) else _NO_HINTS
    keywords = KeywordIndex(text)
    out: list[Match] = scan_ipv6(text) if "::" in text or _IPV6_FULL.search(text) is not None else []
    if "局號" in text:
        out.extend(scan_post_office_fields(text))
    if _OBFUSCATED_AT.search(text) is not None:
        out.extend(scan_obfuscated_emails(text))
    add = out.append
    search = TOKEN.search
    for cand in CANDIDATE.finditer(text):
        first, last = cand.span()
        if last - first < 6:
            continue
        word = cand.group()
        if word.isalpha():
            continue
        space = word.find(" ")
        if space > 1 and word[:space].isalpha() and _SPACED_PLATE.fullmatch(word) is None:
            # "job 785444988": the leading word is no token (but ELS 1879 may be a plate)
            first += space + 1
            word = word[space + 1 :]
            if last - first < 6:
                continue
        if word[4:5] == "-" and _ISO_STAMP.fullmatch(word):  # log time stamps: 2026-11-27 11
            continue
        if _THREE_DIGITS.search(word) is None and "@" not in word:
            continue  # worker-3, v2.1: every token but an e-mail has three digits or more
        if lookup is not None:
            hints_here = lookup(first)
        bank_prefix = retried = False
        # TOKEN.finditer(text, first, last), without an iterator per candidate and without the
        # last, failing search when fewer than _SHORTEST characters are left
        m = search(text, first, last)
        while m is not None:
            kind = m.lastgroup
            if kind == "bankcode":
                bank_prefix = True
            else:
                match: Match | None
                if kind == "email":  # _email without a _Token: it needs no context and always answers
                    match = new_match(("email", m.start(), m.end(), m.group().lower(), 0.95))
                elif kind == "digits":
                    match = _bare_digits(keywords, m, hints_here, bank_prefix)
                elif kind == "landline" and _bare_886(m.group(), keywords, m, hints_here):
                    # 帳號8865664767896, 訂單編號886884365658: a bare digit run that starts with 886
                    # and that no phone word supports is read as digits (the context decides)
                    match = _bare_digits(keywords, m, hints_here, bank_prefix)
                else:
                    token = _Token(keywords, m, hints_here)
                    match = _HANDLERS[kind or ""](token)
                    if match is None and bank_prefix and kind in ("landline", "mobile"):
                        # 012-88623931965281: after a bank code, digits that are no phone are the account
                        match = _bare_digits(keywords, m, hints_here, bank_prefix)
                    elif match is None and bank_prefix and kind == "dashed":
                        match = _after_bank_code(token)
                    if match is None and not retried and _wider(kind, token.value):
                        # nothing in the wider digit groups: read the place as the older regex did
                        again = _TOKEN_BEFORE_GROUPS.search(text, m.start(), last)
                        if again is not None and (again.span(), again.lastgroup) != (m.span(), kind):
                            m, retried = again, True
                            continue
                if match is not None:
                    add(match)
                bank_prefix = False
            retried = False
            pos = m.end()
            m = search(text, pos, last) if last - pos >= _SHORTEST else None
    return out


def _wider(kind: str | None, value: str) -> bool:
    """Whether a match comes from one of the wider digit-group alternatives or the letters-for-digits
    readings (see :data:`_TOKEN_SOURCE`)."""
    if kind in ("spaced", "ocr_mobile", "ocr_id"):
        return True
    if kind == "grouped":
        return "." in value
    return kind == "dashed" and len(value) - value.rindex("-") > 9  # a last group of more than 8 digits


#: No token is shorter than this (a@b.cc, AB-123; a bank code needs eight digits after it).
_SHORTEST: Final = 6


_NO_HINTS: Final[frozenset[str]] = frozenset()


def _bare_digits(
    keywords: KeywordIndex, m: re.Match[str], hints: frozenset[str], bank_prefix: bool
) -> Match | None:
    """Bare digits: the column hints decide first, then context words."""
    value = m.group()
    start, end = m.span()
    if hints:
        found = _digits(value, start, end, hints, hints, bank_prefix)
        if found is not None:
            return found
    near, around = keywords.around(start, end)
    found = _digits(value, start, end, near | (hints & _NOT), around | hints, bank_prefix)
    if (
        found is not None
        and found.confidence == _BARE_CARD
        and not near
        and number_label_before(keywords.text, start)
    ):
        return None  # 訂位代號 4…, Reservation # 4…: a thing's number that passes the Luhn check
    return found


_NOT: Final = frozenset({NOT_PERSONAL})


def _bare_886(value: str, keywords: KeywordIndex, m: re.Match[str], hints: frozenset[str]) -> bool:
    """Whether a landline-shaped match is a bare digit run led by 886 that no phone word supports."""
    return value.startswith("886") and value.isdigit() and not _Token(keywords, m, hints).supported(_LANDLINE)


def _digits(
    value: str,
    start: int,
    end: int,
    near: frozenset[str],
    ctx: frozenset[str],
    bank_prefix: bool,
) -> Match | None:
    """Classify a bare digit run; ambiguous lengths need a keyword or a column hint."""
    n = len(value)
    # The nearest keyword decides first, then any keyword or hint in the window.
    for cats in (near, ctx):
        if not cats and not bank_prefix:
            continue
        if "birth_date" in cats and n in (7, 8):
            iso = parse_compact_date(value)
            if iso is not None:
                return Match("birth_date", start, end, iso, 0.9)
        if "ubn" in cats and n == 8 and valid_ubn(value):
            return Match("ubn", start, end, value, 0.95)
        if "passport" in cats and n == 9:
            return Match("passport", start, end, value, 0.95 if value[0] == "3" else 0.9)
        if "nhi_card" in cats and n == 12:
            return Match("nhi_card", start, end, value, 0.9)
        if "landline_phone" in cats and landline_ok(value):
            return Match("landline_phone", start, end, value, 0.9)
        if "credit_card" in cats and valid_card(value):
            return Match("credit_card", start, end, value, 0.99)
        if ("bank_account" in cats or bank_prefix) and 8 <= n <= 16:
            return Match("bank_account", start, end, value, 0.85)
    # Other lengths are mostly order numbers without context; 訂單/發票 nearby rules out a card.
    if n in (15, 16) and NOT_PERSONAL not in near and valid_card(value):
        return Match("credit_card", start, end, value, _BARE_CARD)
    return None


#: Confidence of a bare Luhn-valid run without any card word: reported, but as a guess.
_BARE_CARD: Final = 0.8
