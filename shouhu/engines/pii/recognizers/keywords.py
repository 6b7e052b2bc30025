"""Context keywords (searched in a character window around a match) and column-name hints."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any, Final

from ..gate import LiteralGate
from ..normalize import nfkc
from .organisations import ORGANISATION, column_is_organisation

#: Pseudo-category of words that introduce order, invoice and serial numbers or versions.
NOT_PERSONAL: Final = "-not-personal"

#: Keyword → categories it supports. Windows are in characters (CJK has no word boundaries).
KEYWORDS: Final[dict[str, tuple[str, ...]]] = {
    "身分證": ("tw_national_id", "tw_resident_id"),
    "身份證": ("tw_national_id", "tw_resident_id"),
    # 証, the common handwritten and typed variant of 證 (身分証字號, 居留証)
    "身分証": ("tw_national_id", "tw_resident_id"),
    "身份証": ("tw_national_id", "tw_resident_id"),
    "居留証": ("tw_resident_id",),
    "身分字號": ("tw_national_id",),
    "證號": ("tw_national_id", "tw_resident_id", "passport"),
    "居留證": ("tw_resident_id",),
    "統一證號": ("tw_resident_id",),
    "id no": ("tw_national_id", "tw_resident_id"),
    "national id": ("tw_national_id", "tw_resident_id"),
    "arc no": ("tw_resident_id",),
    # English names of the resident certificate and its unified number (居留證 / 統一證號), as printed on
    # ARCs and written on English forms: ARC, UI No., Unified ID No., APRC, Resident Certificate.
    "arc": ("tw_resident_id",),
    "ui no": ("tw_resident_id",),
    "uid no": ("tw_resident_id",),
    "unified id": ("tw_resident_id",),
    "aprc": ("tw_resident_id",),
    "resident certificate": ("tw_resident_id",),
    "residence certificate": ("tw_resident_id",),
    "resident permit": ("tw_resident_id",),
    "residence permit": ("tw_resident_id",),
    "護照": ("passport",),
    "passport": ("passport",),
    "健保卡": ("nhi_card",),
    "健保": ("nhi_card",),
    "nhi": ("nhi_card",),
    "health insurance": ("nhi_card",),
    "電話": ("mobile_phone", "landline_phone"),
    "手機": ("mobile_phone", "landline_phone"),
    "行動": ("mobile_phone",),
    "市話": ("landline_phone",),
    "傳真": ("landline_phone",),
    "聯絡": ("mobile_phone", "landline_phone"),
    "tel": ("mobile_phone", "landline_phone"),
    "telephone": ("mobile_phone", "landline_phone"),
    "cellphone": ("mobile_phone",),
    "phone": ("mobile_phone", "landline_phone"),
    "mobile": ("mobile_phone",),
    "fax": ("landline_phone",),
    "卡號": ("credit_card",),
    "信用卡": ("credit_card",),
    "card": ("credit_card",),
    "帳號": ("bank_account",),
    "帳戶": ("bank_account",),
    "匯款": ("bank_account",),
    "轉帳": ("bank_account",),
    "戶名": ("bank_account",),
    "銀行": ("bank_account",),
    "account": ("bank_account",),
    "a/c": ("bank_account",),
    "acct": ("bank_account",),
    "bank": ("bank_account",),
    "生日": ("birth_date",),
    "生曰": ("birth_date",),  # 曰 typed for 日
    "出生": ("birth_date",),
    "生於": ("birth_date",),
    "dob": ("birth_date",),
    "birth": ("birth_date",),
    "birthday": ("birth_date",),
    "birthdate": ("birth_date",),
    "統編": ("ubn",),
    "統一編號": ("ubn", "tw_national_id"),
    "公司": ("ubn",),
    "營利事業": ("ubn",),
    "ubn": ("ubn",),
    "tax id": ("ubn",),
    # English names of the 統一編號 on invoices and forms: VAT No., GUI No. (Government Uniform Invoice),
    # BAN (Business Administration Number), Unified Business No., Business No.
    "vat": ("ubn",),
    "gui": ("ubn",),
    "ban": ("ubn",),
    "unified business": ("ubn",),
    # the parties of a 統一發票 (e-invoice lines: 賣方 12345678 買方 87654321; 買受人 is its buyer)
    "賣方": ("ubn",),
    "買方": ("ubn",),
    "買受人": ("ubn",),
    "business no": ("ubn",),
    "business number": ("ubn",),
    "車牌": ("vehicle_plate",),
    "車號": ("vehicle_plate",),
    "牌照": ("vehicle_plate",),
    "plate": ("vehicle_plate",),
    "車輛": ("vehicle_plate",),
    "vehicle": ("vehicle_plate",),
    # A driver's licence number is the holder's national ID (監理服務: 駕照號碼 = 身分證統一編號).
    "駕照": ("tw_national_id",),
    "driver license": ("tw_national_id",),
    "driver's license": ("tw_national_id",),
    "driving licence": ("tw_national_id",),
    "driving license": ("tw_national_id",),
    # Words that name a business number, not a person's: a checksum-only match near them is dropped.
    "訂單": (NOT_PERSONAL,),
    "單號": (NOT_PERSONAL,),
    "發票": (NOT_PERSONAL,),
    "序號": (NOT_PERSONAL,),
    "流水號": (NOT_PERSONAL,),
    "批號": (NOT_PERSONAL,),
    "料號": (NOT_PERSONAL,),
    "型號": (NOT_PERSONAL,),
    "貨號": (NOT_PERSONAL,),
    "追蹤": (NOT_PERSONAL,),
    "版本": (NOT_PERSONAL,),
    "order": (NOT_PERSONAL,),
    "invoice": (NOT_PERSONAL,),
    "serial": (NOT_PERSONAL,),
    "tracking": (NOT_PERSONAL,),
    "version": (NOT_PERSONAL,),
    "sku": (NOT_PERSONAL,),
    # Reference numbers: 預約編號, 會員編號, booking no. (統一編號 and 身分證統一編號 are longer keywords
    # found first, so they keep their own meaning).
    "編號": (NOT_PERSONAL,),
    "預約": (NOT_PERSONAL,),
    "booking": (NOT_PERSONAL,),
    # A thing's identifier (S/N, Asset ID, Device ID …): an ID-checksum-valid value there is a serial.
    "s/n": (NOT_PERSONAL,),
    "sn": (NOT_PERSONAL,),  # SN: …, SN=…, S.N. (a device's serial number)
    "s.n": (NOT_PERSONAL,),
    "service tag": (NOT_PERSONAL,),
    "svc tag": (NOT_PERSONAL,),
    "asset id": (NOT_PERSONAL,),
    "asset tag": (NOT_PERSONAL,),
    "device id": (NOT_PERSONAL,),
    "equipment id": (NOT_PERSONAL,),
    "machine id": (NOT_PERSONAL,),
    "product id": (NOT_PERSONAL,),
    "hw id": (NOT_PERSONAL,),
    "hwid": (NOT_PERSONAL,),
    "hardware id": (NOT_PERSONAL,),
    "license": (NOT_PERSONAL,),  # a software licence key; a driver's licence is named above
    "licence": (NOT_PERSONAL,),
    # Cards that pay nothing (member, loyalty, points, warranty, gift and stored-value cards) and a
    # phone's IMEI: their numbers may pass the Luhn check but are no credit card. The keyword search
    # takes the longest word, so 會員卡號 is 會員卡 here and never 卡號.
    "會員卡": (NOT_PERSONAL,),
    "集點卡": (NOT_PERSONAL,),
    "點數卡": (NOT_PERSONAL,),
    "紅利卡": (NOT_PERSONAL,),
    "保固卡": (NOT_PERSONAL,),
    "禮物卡": (NOT_PERSONAL,),
    "禮品卡": (NOT_PERSONAL,),
    "儲值卡": (NOT_PERSONAL,),
    "member card": (NOT_PERSONAL,),
    "membership card": (NOT_PERSONAL,),
    "loyalty card": (NOT_PERSONAL,),
    "gift card": (NOT_PERSONAL,),
    "warranty card": (NOT_PERSONAL,),
    "imei": (NOT_PERSONAL,),
    "meid": (NOT_PERSONAL,),
}


def word_trie(words: list[str], *, caseless: bool) -> str:
    """Return a regex that matches the longest of ``words`` (a trie: one branch per first letter).

    Python's ``re`` tries every branch of a flat alternation at every position; a trie fails on
    the first character instead, which makes the keyword search several times faster.
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word.lower() if caseless else word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = []
        for char, sub in sorted(node.items()):
            if char:
                cls = f"[{char.upper()}{char}]" if caseless and char.isalpha() else re.escape(char)
                branches.append(cls + emit(sub))
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return emit(root)


def _ascii_search(words: list[str]) -> str:
    """Return the search regex of the ASCII keywords: whole words, any case, longest first.

    A plural ``s`` and camelCase joins (``userPhone``, ``accountNo``) are allowed. The pattern
    starts with a plain character class (the possible first letters) so that ``re`` skips other
    positions with its fast class scan; the word boundary is then checked behind that letter, and
    the rest of the word is chosen by the letter consumed (the trie below the root).
    """
    root = word_trie(words, caseless=True)  # (?:[Aa](?:…)|[Bb](?:…)|…): one branch per first letter
    branches = _split_top(root[3:-1])
    first = "".join(b[1:3] for b in branches)
    keyed = "|".join(f"(?<={b[:4]}){b[4:]}" for b in branches)
    return f"[{first}](?:(?<![A-Za-z].)|(?<=[a-z][A-Z]))(?:{keyed})(?=s?(?![a-z]))"


def _split_top(body: str) -> list[str]:
    """Split a regex alternation at its top-level ``|`` (the trie has no escapes or classes with |)."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in body:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


#: Keyword search, in two regexes that each start with something ``re`` scans for quickly: the
#: Chinese keywords (found anywhere: no word boundaries in CJK text) and the ASCII keywords (whole
#: words, see :func:`_ascii_search`). Their first characters differ, so their hits never overlap
#: and together they are exactly the hits of one combined search.
_ZH_KEYWORD_RE: Final = re.compile(word_trie([k for k in KEYWORDS if not k.isascii()], caseless=False))
_ASCII_KEYWORD_RE: Final = re.compile(_ascii_search([k for k in KEYWORDS if k.isascii()]))
#: The lines :data:`_ASCII_KEYWORD_RE` can match on (every match holds a keyword, in any case).
_ASCII_GATE: Final = LiteralGate([k for k in KEYWORDS if k.isascii()], caseless=True)

_KEYWORD_SETS: Final = {word: frozenset(cats) for word, cats in KEYWORDS.items()}

BEFORE: Final = 16
AFTER: Final = 6


def context_categories(text: str, start: int, end: int) -> tuple[frozenset[str], frozenset[str]]:
    """Return ``(nearest, any)`` categories supported by keywords around ``text[start:end]``.

    ``nearest`` comes from the keyword closest before the match (or right after it when none
    precedes); ``any`` from every keyword in the window. The window never crosses a line break.
    A keyword counts when it lies wholly inside the window and does not start inside the match.
    """
    return KeywordIndex(text).around(start, end)


class KeywordIndex:
    """Every keyword of a text, found in one pass and built on first use; look-ups bisect.

    One search over a block is much cheaper than one search per candidate window when a block
    holds many candidates (dense text: a value on every line).
    """

    __slots__ = ("_cats", "_ends", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        self._cats: list[frozenset[str]] = []

    def _build(self) -> list[int]:
        text = self.text
        sets = _KEYWORD_SETS
        hits = [(m.start(), m.end(), sets[m.group()]) for m in _ZH_KEYWORD_RE.finditer(text)]
        spans = _ASCII_GATE.lines(text)
        if spans is None:
            latin = [(m.start(), m.end(), sets[m.group().lower()]) for m in _ASCII_KEYWORD_RE.finditer(text)]
        else:  # only the lines that hold an ASCII keyword: the same hits
            finditer = _ASCII_KEYWORD_RE.finditer
            latin = [
                (m.start(), m.end(), sets[m.group().lower()])
                for lo, hi in spans
                for m in finditer(text, lo, hi)
            ]
        if latin:
            hits += latin
            hits.sort()
        if not hits:
            self._starts = []
            return self._starts
        starts, ends, cats = zip(*hits, strict=True)
        self._starts = list(starts)
        self._ends = list(ends)
        self._cats = list(cats)
        return self._starts

    def around(self, start: int, end: int) -> tuple[frozenset[str], frozenset[str]]:
        """``(nearest, any)`` for ``text[start:end]``; see :func:`context_categories`."""
        starts = self._starts if self._starts is not None else self._build()
        if not starts:
            return _NONE
        text = self.text
        lo = start - BEFORE if start > BEFORE else 0
        i = bisect_left(starts, lo)
        n = len(starts)
        # not clamped to the text's length: every keyword starts and ends within the text, so the
        # comparisons below and the search for a line break give the same answers either way
        hi = end + AFTER
        if i == n or starts[i] >= hi:
            return _NONE
        cut = text.rfind("\n", lo, start)
        if cut >= 0:
            lo = cut + 1
            i = bisect_left(starts, lo, i)
        cut = text.find("\n", end, hi)
        if cut >= 0:
            hi = cut
        ends, cats = self._ends, self._cats
        nearest = after = _EMPTY
        found: frozenset[str] = _EMPTY
        while i < n and starts[i] < hi:
            at = starts[i]
            if ends[i] <= hi and not start <= at < end:
                here = cats[i]
                if at < start:
                    nearest = here
                elif not after:
                    after = here
                found = here if not found else found | here
            i += 1
        if not found:
            return _NONE
        return nearest or after, found


_EMPTY: Final[frozenset[str]] = frozenset()
_NONE: Final[tuple[frozenset[str], frozenset[str]]] = (_EMPTY, _EMPTY)


#: Words before ``_name`` in a column name that name a thing, not a person (file_name, bank_name): any
#: other word there (emp_name, staff_name, guardian_name) makes it a person's name column.
_THING: Final = (
    r"(?:file|host|company|corp|product|item|bank|branch|project|dept|department|domain|server|device|table"
    r"|column|field|class|brand|shop|store|vendor|supplier|org|group|role|app|db|key|sheet|course|school|city"
    r"|district|road|street|model|service|event|plan|job|task|unit|site|display|screen|nick|user|login|account"
    r"|module|package|sku|category|tag|title|path|dir|folder|image|icon|font|color|region|country|area|team"
    r"|office|store|building|room|venue|hotel|ship|vessel|route|station|program|course|campaign)[ _-]name$"
)

_COLUMN_RULES: Final[tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]] = tuple(
    (re.compile(pattern, re.IGNORECASE), cats)
    for pattern, cats in (
        (r"身[分份][證証]|身分字號|national[ _-]?id|id[ _-]?no|id[ _-]?number|^pid$|^idn$|identity|shen_?fen_?zh?eng", ("tw_national_id", "tw_resident_id")),
        # 證號 / 證件號碼 (any identity document's number: an ID, a resident certificate or a passport)
        (r"證號|證件", ("tw_national_id", "tw_resident_id", "passport")),
        (r"居留[證証]|統一證號|arc_?no|(?<![a-z])(?:arc|aprc)(?![a-z])|(?<![a-z])ui[ _.-]?no|unified[ _-]?id|resident", ("tw_resident_id",)),
        (r"護照|passport", ("passport",)),
        (r"健保|(?<![a-z])nhi(?![a-z])", ("nhi_card",)),
        (r"手機|行動電話|mobile|(?<![a-z])cell(?![a-z])|cell[ _-]?(?:phone|no|num)|cellular", ("mobile_phone",)),
        (r"電話|市話|傳真|phone|tel$|^tel|fax", ("mobile_phone", "landline_phone")),
        (r"e-?mail|電子郵件|信箱|郵件", ("email",)),
        (r"卡號|信用卡|card[ _-]?n|credit", ("credit_card",)),
        (r"帳號|帳戶|bank[ _-]?acc|account[ _-]?no|acct", ("bank_account",)),
        (r"生[日曰]|出生|birth|dob|sheng_?ri|chu_?sheng", ("birth_date",)),
        (r"姓名|^名字$|聯絡人|收件人|負責人|申請人|持卡人|(?<!客)戶名|^name$|full_?name|real_?name|"
         r"^name(?:$|[ _(（-])|(?:full|real|customer|contact|client|member|patient|chinese)[ _-]?name|^cname$|person|"
         r"^contacts?$|收貨人|窗口|被保險人|要保人|訂購人|購買人|購買者|訂購者|(?<![a-z])(?:buyer|purchaser|insured)(?![a-z])"
         r"|xing_?ming|^(?!" + _THING + r")[a-z]{2,12}[ _-]name$", ("person_name",)),
        (r"地址|住址|通訊處|戶籍|address|addr", ("address",)),
        (r"(^|[ _])ip($|[ _])|ip[ _-]?addr|client[ _-]?ip|remote[ _-]?addr|來源位址", ("ip_address",)),
        (r"車牌|車號|牌照|車輛|plate|vehicle", ("vehicle_plate",)),
        (r"駕照|driv(?:er'?s?|ing)[ _-]?licen[cs]e", ("tw_national_id",)),
        (r"統編|統一編號|ubn|tax[ _-]?id|(?<![a-z])(?:vat|gui|ban)(?![a-z])|unified[ _-]?business|business[ _-]?(?:no|number)", ("ubn",)),
        (r"訂單|發票|序號|批號|料號|單號|流水號|追蹤|版本|(?<!統一)編號|預約|order|invoice|serial|sku|tracking|version|booking"
         r"|(?<![a-z])s[/.]?n(?![a-z])|(?:service|svc)[ _-]?tag|(?:asset|device|equipment|machine|product)[ _-]?(?:id|tag)(?![a-z])"
         r"|firmware|(?<![a-z])fw[ _-]?ver|韌體|固件|(?<![a-z])build(?![a-z])"
         r"|(?<![a-z])(?:hw|hardware)[ _-]?id(?![a-z])|(?<!driver )(?<!driver's )(?<!driving )licen[cs]e", (NOT_PERSONAL,)),
    )
)  # fmt: skip


#: A column name that names some number (``reservation_no``, ``PO Number``, ``Ticket #``, ``保單號碼``,
#: ``資產標籤``, ``bookingRef``) without naming a personal one: its values are that thing's numbers.
_NUMBER_HEADER: Final = re.compile(
    r"[\u4e00-\u9fff](?:[號碼]|標籤|條碼)$"
    r"|(?i:(?:^|[^A-Za-z])(?:no|nr|num|nbr|number|ref|code|tag)\.?$|#$)"
    r"|[a-z](?:No|Nr|Num|Number|Ref|Code)$"
)


#: A column of a card that pays nothing or of a phone's IMEI (its numbers may pass the Luhn check), or
#: of the NHI card: no credit-card column even when it says 卡號 or card.
_NO_PAYMENT_CARD: Final = re.compile(
    r"(?:會員|集點|點數|紅利|保固|禮物|禮品|儲值)卡|健保"
    r"|(?<![a-z])(?:member(?:ship)?|loyalty|reward|points?|gift|warranty|stored[ _-]?value)[ _-]?card"
    r"|(?<![a-z])(?:imei|meid)(?![a-z])|(?<![a-z])nhi(?![a-z])",
    re.IGNORECASE,
)


def column_hints(name: str | None) -> frozenset[str]:
    """Return the categories suggested by a column or field name (``身分證字號`` → national ID).

    A short name without digits that names a number of something but no personal category
    (``reservation_no``, ``資產標籤``) hints "not personal": a value there that only passes a
    checksum (a card's Luhn digit, an ID's check letter) is that thing's number, not a person's.
    """
    if not name:
        return frozenset()
    text = nfkc(str(name)).strip()
    found: set[str] = set()
    for pattern, cats in _COLUMN_RULES:
        if pattern.search(text):
            found.update(cats)
    if "ubn" in found and ("身分證" in text or "身分証" in text):
        found.discard("ubn")
    if _NO_PAYMENT_CARD.search(text) is not None:
        # 會員卡號, Member Card, IMEI, 健保卡卡號: a card number that pays nothing (or an NHI number)
        found.discard("credit_card")
        if "nhi_card" not in found:
            found.add(NOT_PERSONAL)
    if not found and len(text) <= 24 and not any(c.isdigit() for c in text) and _NUMBER_HEADER.search(text):
        found.add(NOT_PERSONAL)
    if column_is_organisation(text):
        found.add(
            ORGANISATION
        )  # 總機, 公司地址, 公司戶: the organisation's contact data (engine.detect_cells)
    return frozenset(found)


#: A label right before a value that names some number (訂位代號 4…, 資產標籤 A1…, Reservation # 4…,
#: Lot No. A1…): a word, then 號/碼/標籤 or no/number/ref/code/tag/#, then an optional colon.
_NUMBER_LABEL: Final = re.compile(
    r"(?:[\u4e00-\u9fff](?:[號碼]|標籤|條碼)"
    r"|[A-Za-z][ _.-]?(?i:no|nr|num|nbr|number|ref|code|tag)\.?|[A-Za-z][ \t]?#)"
    r"[ \t\u3000]*[:：=#＃]?[ \t\u3000]*$"
)


#: :data:`_NUMBER_LABEL` read backwards (each part reversed, in reverse order): it matches at the start
#: of a reversed window exactly when the label regex matches at the end of the window (the ``$``; the
#: window holds no line break). One anchored attempt instead of a search that tries every position.
_NUMBER_LABEL_REVERSED: Final = re.compile(
    r"[ \t\u3000]*[:：=#＃]?[ \t\u3000]*"
    r"(?:(?:[號碼]|籤標|碼條)[\u4e00-\u9fff]"
    r"|\.?(?i:on|rn|mun|rbn|rebmun|fer|edoc|gat)[ _.-]?[A-Za-z]|#[ \t]?[A-Za-z])"
)


def number_label_before(text: str, start: int) -> bool:
    """Whether the value at ``start`` follows a label that names a number (``訂位代號``, ``Lot No.``).

    Asked only after no personal keyword supported the value: such a label then names a thing's
    number (a booking, a part, an asset), so a value that merely passes a checksum is not personal.
    """
    lo = start - 16 if start > 16 else 0
    cut = text.rfind("\n", lo, start)
    return _NUMBER_LABEL_REVERSED.match(text[cut + 1 if cut >= 0 else lo : start][::-1]) is not None
