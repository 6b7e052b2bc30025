"""Context keywords (searched in a character window around a match) and column-name hints."""

from __future__ import annotations

import re
from typing import Final

from ..normalize import nfkc

#: Pseudo-category of words that introduce order, invoice and serial numbers or versions.
NOT_PERSONAL: Final = "-not-personal"

#: Keyword → categories it supports. Windows are in characters (CJK has no word boundaries).
KEYWORDS: Final[dict[str, tuple[str, ...]]] = {
    "身分證": ("tw_national_id", "tw_resident_id"),
    "身份證": ("tw_national_id", "tw_resident_id"),
    "身分字號": ("tw_national_id",),
    "證號": ("tw_national_id", "tw_resident_id", "passport"),
    "居留證": ("tw_resident_id",),
    "統一證號": ("tw_resident_id",),
    "id no": ("tw_national_id", "tw_resident_id"),
    "national id": ("tw_national_id", "tw_resident_id"),
    "arc no": ("tw_resident_id",),
    "護照": ("passport",),
    "passport": ("passport",),
    "健保卡": ("nhi_card",),
    "健保": ("nhi_card",),
    "電話": ("mobile_phone", "landline_phone"),
    "手機": ("mobile_phone", "landline_phone"),
    "行動": ("mobile_phone",),
    "市話": ("landline_phone",),
    "傳真": ("landline_phone",),
    "聯絡": ("mobile_phone", "landline_phone"),
    "tel": ("mobile_phone", "landline_phone"),
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
    "生日": ("birth_date",),
    "出生": ("birth_date",),
    "生於": ("birth_date",),
    "dob": ("birth_date",),
    "birth": ("birth_date",),
    "統編": ("ubn",),
    "統一編號": ("ubn", "tw_national_id"),
    "公司": ("ubn",),
    "營利事業": ("ubn",),
    "ubn": ("ubn",),
    "tax id": ("ubn",),
    "車牌": ("vehicle_plate",),
    "車號": ("vehicle_plate",),
    "牌照": ("vehicle_plate",),
    "plate": ("vehicle_plate",),
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
}

_KEYWORD_RE: Final = re.compile(
    "|".join(re.escape(k) for k in sorted(KEYWORDS, key=len, reverse=True)), re.IGNORECASE
)

BEFORE: Final = 16
AFTER: Final = 6


def context_categories(text: str, start: int, end: int) -> tuple[frozenset[str], frozenset[str]]:
    """Return ``(nearest, any)`` categories supported by keywords around ``text[start:end]``.

    ``nearest`` comes from the keyword closest before the match (or right after it when none
    precedes); ``any`` from every keyword in the window. The window never crosses a line break.
    """
    lo = max(0, start - BEFORE)
    cut = text.rfind("\n", lo, start)
    if cut >= 0:
        lo = cut + 1
    hi = min(len(text), end + AFTER)
    cut = text.find("\n", end, hi)
    if cut >= 0:
        hi = cut
    nearest: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    found: set[str] = set()
    for hit in _KEYWORD_RE.finditer(text, lo, hi):
        if start <= hit.start() < end:
            continue
        cats = KEYWORDS[hit.group().lower()]
        if hit.start() < start:
            nearest = cats
        elif not after:
            after = cats
        found.update(cats)
    if not found:
        return _EMPTY, _EMPTY
    return frozenset(nearest or after), frozenset(found)


_EMPTY: Final[frozenset[str]] = frozenset()


_COLUMN_RULES: Final[tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]] = tuple(
    (re.compile(pattern, re.IGNORECASE), cats)
    for pattern, cats in (
        (r"身[分份]證|身分字號|national[ _-]?id|id[ _-]?no|id[ _-]?number|^pid$|^idn$|identity", ("tw_national_id", "tw_resident_id")),
        (r"居留證|統一證號|arc_?no|resident", ("tw_resident_id",)),
        (r"護照|passport", ("passport",)),
        (r"健保", ("nhi_card",)),
        (r"手機|行動電話|mobile|cell", ("mobile_phone",)),
        (r"電話|市話|傳真|phone|tel$|^tel|fax", ("mobile_phone", "landline_phone")),
        (r"e-?mail|電子郵件|信箱|郵件", ("email",)),
        (r"卡號|信用卡|card[ _-]?n|credit", ("credit_card",)),
        (r"帳號|帳戶|bank[ _-]?acc|account[ _-]?no|acct", ("bank_account",)),
        (r"生日|出生|birth|dob", ("birth_date",)),
        (r"姓名|^名字$|聯絡人|收件人|負責人|申請人|持卡人|(?<!客)戶名|^name$|full_?name|real_?name|"
         r"^name(?:$|[ _(（-])|(?:full|real|customer|contact|client|member|patient|chinese)[ _-]?name|^cname$|person", ("person_name",)),
        (r"地址|住址|通訊處|戶籍|address|addr", ("address",)),
        (r"(^|[ _])ip($|[ _])|ip[ _-]?addr|client[ _-]?ip|remote[ _-]?addr|來源位址", ("ip_address",)),
        (r"車牌|車號|牌照|plate", ("vehicle_plate",)),
        (r"統編|統一編號|ubn|tax[ _-]?id|vat", ("ubn",)),
        (r"訂單|發票|序號|批號|料號|單號|流水號|追蹤|版本|order|invoice|serial|sku|tracking|version", (NOT_PERSONAL,)),
    )
)  # fmt: skip


def column_hints(name: str | None) -> frozenset[str]:
    """Return the categories suggested by a column or field name (``身分證字號`` → national ID)."""
    if not name:
        return frozenset()
    text = nfkc(str(name)).strip()
    found: set[str] = set()
    for pattern, cats in _COLUMN_RULES:
        if pattern.search(text):
            found.update(cats)
    if "ubn" in found and "身分證" in text:
        found.discard("ubn")
    return frozenset(found)
