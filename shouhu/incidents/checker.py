"""Data-subject notice checker (PDPA Art. 12; Enforcement Rules Art. 22) and SMS segment counting. Pure Python.

Art. 22 II: the notice must contain 「個人資料被侵害之事實及已採取之因應措施」; the sector rules (moda Art. 8)
add a line for enquiries (「供當事人查詢之電話專線或其他適當管道」). The guideline (第五章 二 (三)) warns that
anti-fraud advice alone, without telling the subject that their data was leaked, may breach Art. 12.

SMS segments (our rule): a text made only of GSM 7-bit characters fits 160 per single message and 153 per
part when concatenated; any other character (Chinese) switches the whole message to UCS-2: 70 characters
in a single message, 67 per part when concatenated (the 6-byte concatenation header takes 3 characters).
Characters outside the Basic Multilingual Plane (emoji) count as two UCS-2 units.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXT = set("^{}\\[~]|€")

_DATA = re.compile(r"個資|個人資料|資料|會員資訊|訂單資訊|姓名|電話|地址")
_INFRINGED = re.compile(r"竊取|洩漏|洩露|外洩|竄改|毀損|損毀|滅失|侵害|遭駭|入侵|不當存取|未經授權")
_MEASURES = re.compile(
    r"已(?:立即|經|完成|採取|封鎖|阻擋|修補|移除|刪除|通報|報案|報警|關閉|停用|更新|加強|重設|委請)|因應措施|處理措施"
)
_CONTACT_WORDS = re.compile(r"專線|客服|洽詢|諮詢|聯絡|查詢|詢問|來電|服務信箱")
_PHONE = re.compile(r"(?:0800|0\d{1,3})[-\s()]?\d{3,4}[-\s]?\d{3,4}|\+886[-\s\d]{8,}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_URL = re.compile(r"https?://\S+")
_ANTI_FRAUD = re.compile(r"詐騙|防詐|165|盜刷|ATM|解除分期|勿提供|小心來電")


@dataclass(frozen=True)
class Check:
    ok: bool
    label: str
    message: str
    severity: str = "error"  # "error" (required content missing) or "warning"


def check_notice(body: str, *, channel: str = "sms", subject: str = "") -> list[Check]:
    """Return one Check per requirement; a draft passes when no check with severity "error" fails."""
    text = f"{subject}\n{body}"
    fact = bool(_DATA.search(text) and _INFRINGED.search(text))
    measures = bool(_MEASURES.search(text))
    contact = bool(
        _CONTACT_WORDS.search(text) and (_PHONE.search(text) or _EMAIL.search(text) or _URL.search(text))
    )
    checks = [
        Check(
            fact,
            "個人資料被侵害之事實",
            "已說明個人資料遭竊取、洩漏、竄改或其他侵害"
            if fact
            else "未明確告知當事人其個人資料遭竊取、洩漏、竄改或其他侵害（個資法第12條、施行細則第22條第2項）",
        ),
        Check(
            measures,
            "已採取之因應措施",
            "已說明已採取之因應措施" if measures else "未說明已採取之因應措施（施行細則第22條第2項）",
        ),
        Check(
            contact,
            "查詢專線或管道",
            "已提供查詢專線或管道"
            if contact
            else "未提供供當事人查詢之電話專線、信箱或網址（數位經濟辦法第8條）",
        ),
    ]
    if _ANTI_FRAUD.search(text) and not fact:
        checks.append(
            Check(
                False,
                "僅防詐騙宣導",
                "內容僅為防詐騙宣導，未告知個資外洩之事實；指引指出此可能不符個資法第12條，可能受第48條處分",
                "warning",
            )
        )
    if channel == "email" and not subject.strip():
        checks.append(Check(False, "主旨", "電子郵件須有主旨", "error"))
    return checks


def passes(checks: list[Check]) -> bool:
    return all(c.ok for c in checks if c.severity == "error")


@dataclass(frozen=True)
class SmsLength:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int
    segments: int
    per_segment: int


def sms_length(text: str) -> SmsLength:
    if all(ch in _GSM7 or ch in _GSM7_EXT for ch in text):
        units = sum(2 if ch in _GSM7_EXT else 1 for ch in text)
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, "UCS-2"
    if units == 0:
        return SmsLength(encoding, 0, 0, single)
    if units <= single:
        return SmsLength(encoding, units, 1, single)
    return SmsLength(encoding, units, math.ceil(units / multi), multi)
