"""An organisation's contact data is no personal data: role mailboxes, switchboards, company addresses.

The Personal Data Protection Act protects natural persons (個人資料保護法 Art. 2 ①: 「自然人之姓名、…聯絡方式」).
A company's registered address (公司地址), its corporate account (公司戶) and a mailbox that belongs
to a role rather than to a person (service@, billing@) identify no one, so the scanner does not list
them as personal data. A person's own contact data at work stays personal: a named employee's e-mail
(amy.chen@company.com.tw), a mobile, any phone number (see :data:`CONTACT`).

Only what the text says is used: a label right before the value (公司地址, 營業地址 …), a marker right
after an account (（公司戶）), a line whose subject is an organisation (「北辰系統整合股份有限公司 總機 …
300新竹市東區…」) with no person named or labelled before the value, or a column whose name says so
(公司地址, 公司戶).
"""

from __future__ import annotations

import re
from typing import Final

from .base import Match

#: Pseudo-category of a column that holds an organisation's contact data (see :func:`column_is_organisation`).
ORGANISATION: Final = "-organisation"

#: Categories an organisation has too, that the rules here drop. Phone numbers are not among them: a
#: mobile is always someone's, and a landline after 總機 or 公司電話 is still reported, because whose line
#: it is cannot be read from the text (an office line reaches the person who sits there, and four of the
#: benchmark corpora's authors labelled such numbers personal; bench/pii/README.md).
CONTACT: Final = frozenset({"address", "bank_account", "email"})

#: Mailbox names that belong to a function, not to a person (RFC 2142's service mailboxes and the
#: usual company ones), compared with the part before ``@`` in lower case, without a ``+tag``.
ROLE_MAILBOXES: Final = frozenset(
    {
        "abuse", "account", "accounting", "accounts", "admin", "administrator", "billing", "careers", "contact",
        "cs", "customerservice", "dpo", "donotreply", "do-not-reply", "enquiries", "enquiry", "feedback",
        "finance", "help", "helpdesk", "hostmaster", "hr", "info", "inquiry", "invoice", "invoices", "it",
        "it-admin", "itadmin", "jobs", "legal", "marketing", "media", "newsletter", "no-reply", "noc",
        "noreply", "notification", "notifications", "office", "order", "orders", "postmaster", "pr", "press",
        "privacy", "purchasing", "recruit", "recruiting", "sales", "security", "service", "services",
        "support", "webmaster",
    }
)  # fmt: skip

#: A label naming an organisation's address, right before the value (an optional colon and postcode between).
_LABEL_BEFORE: Final = re.compile(
    r"(?:公司地址|營業地址|營業所|登記地址|營業登記地址|公司登記地址)"
    r"(?:[（(][^）)\n]{0,6}[）)])?[ \t\u3000]*[:：]?[ \t\u3000]*(?:[0-9]{3,6}[ \t\u3000]*)?$"
)
#: An account named as a company's: 公司戶 / 公司帳戶 / 法人戶 right after it, or in the label before it.
_ACCOUNT_AFTER: Final = re.compile(r"[ \t\u3000]*[（(]?(?:公司|法人)(?:戶|帳戶)")
_ACCOUNT_LABEL: Final = re.compile(
    r"(?:公司|法人)[^\s:：，,。]{0,4}(?:戶|帳戶)[ \t\u3000]*[:：]?[ \t\u3000]*$"
)
#: A line whose subject is an organisation: its name (a short run ending in a company form) at the start,
#: after an optional short label (寄件：, 廠商：), then a space or a separator.
_ORGANISATION_LEAD: Final = re.compile(
    r"[ \t\u3000]*(?:[\u4e00-\u9fff]{1,4}[:：][ \t\u3000]*)?"
    r"[\u4e00-\u9fffA-Za-z0-9&．.·（）()-]{2,20}?(?:股份有限公司|有限公司|企業社|商行|事務所)"
    r"(?=[ \t\u3000,，|｜/])"
)
#: Words that name or address a person: after them a number or address on the line may be theirs.
_PERSON_CUE: Final = re.compile(
    r"聯絡人|聯絡窗口|窗口|承辦|負責人|經辦|收件人|姓名|先生|小姐|(?i:attn|contact)"
)


def role_mailbox(address: str) -> bool:
    """Whether an e-mail address (as normalised: lower case) is a role's, not a person's."""
    local = address.partition("@")[0].partition("+")[0]
    return local in ROLE_MAILBOXES


def column_is_organisation(name: str) -> bool:
    """Whether a column name says it holds an organisation's address or account (公司地址, 公司戶 …)."""
    return _COLUMN.search(name) is not None


_COLUMN: Final = re.compile(
    r"公司(?:地址|帳戶|戶)|營業(?:地址|所)|登記地址|法人(?:帳戶|戶)"
    r"|(?i:company[ _-]?(?:address|addr|account))"
)


def organisation_contact(text: str, m: Match, names: list[Match]) -> bool:
    """Whether match ``m`` in ``text`` is an organisation's contact data (see the module's rules).

    ``names`` are the person-name matches of the same text, in text order.
    """
    category = m.category
    if category == "email":  # a person's mailbox at work stays personal, on a company's line too
        return role_mailbox(m.normalized)
    lo = text.rfind("\n", 0, m.start) + 1
    before = text[max(lo, m.start - 16) : m.start]
    if category == "bank_account":
        return _ACCOUNT_AFTER.match(text, m.end) is not None or _ACCOUNT_LABEL.search(before) is not None
    if _LABEL_BEFORE.search(before) is not None:
        return True
    lead = _ORGANISATION_LEAD.match(text, lo, m.start)
    if lead is None or _PERSON_CUE.search(text, lo, m.start) is not None:
        return False
    return not any(lo <= n.start < m.start for n in names)


def drop_organisation_contacts(text: str, matches: list[Match]) -> list[Match]:
    """``matches`` without the organisations' contact data (a new list only when one is dropped)."""
    if not any(m.category in CONTACT for m in matches):
        return matches
    names = [m for m in matches if m.category == "person_name"]
    kept = [m for m in matches if m.category not in CONTACT or not organisation_contact(text, m, names)]
    return kept if len(kept) != len(matches) else matches
