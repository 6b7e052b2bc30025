"""Data-subject notice checker (PDPA Art. 12; Enforcement Rules Art. 22) and SMS segment counting. Pure Python.

Art. 22 II: the notice must contain 「個人資料被侵害之事實及已採取之因應措施」; the sector rules (moda Art. 8)
add a line for enquiries (「供當事人查詢之電話專線或其他適當管道」). The guideline (第五章 二 (三)) warns that
anti-fraud advice alone, without telling the subject that their data was leaked, may breach Art. 12.

The checker works on the notice's structured fields — what happened (the kinds of infringement) to which
data, the measures taken, the line for enquiries, who signs — and checks that the text sent carries each
of them; it does not guess from words in free text. Every miss is explained in zh-TW.

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

# How each kind of infringement is said to a data subject; the first phrase is the one drafts use, any of
# them in the text counts as stating that kind.
KIND_PHRASES: dict[str, tuple[str, ...]] = {
    "theft": ("遭竊取", "竊取"),
    "leak": ("外洩", "洩漏"),
    "misdirected": ("因誤寄而遭非收件人取得", "誤寄"),
    "alteration": ("遭竄改", "竄改"),
    "damage": ("遭毀損", "毀損"),
    "loss": ("滅失",),
    "other": ("遭侵害", "侵害"),
}
KIND_LABELS_EN: dict[str, str] = {
    "theft": "stolen",
    "leak": "leaked",
    "misdirected": "sent to the wrong recipient",
    "alteration": "altered",
    "damage": "damaged",
    "loss": "lost",
    "other": "otherwise infringed",
}
KIND_LABELS: dict[str, str] = {
    "theft": "竊取",
    "leak": "洩漏",
    "misdirected": "誤寄",
    "alteration": "竄改",
    "damage": "毀損",
    "loss": "滅失",
    "other": "其他侵害",
}

# A line for enquiries: a Taiwanese phone number (landline, mobile, 0800 toll-free, +886), an e-mail
# address or a web address.
_PHONE = re.compile(r"^(?:\+886[-\s]?\d|0\d{1,4}|\(0\d{1,3}\))[-\s\d()#轉]{5,}$")
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_URL = re.compile(r"^https?://[\w.-]+(?:/\S*)?$")


@dataclass(frozen=True)
class Check:
    ok: bool
    label: str
    message: str
    severity: str = "error"  # "error" (required content missing) or "warning"
    # The same in English for English pages (the notice itself stays in zh-TW; data inside stays as written).
    label_en: str = ""
    message_en: str = ""


@dataclass(frozen=True)
class NoticeFacts:
    """What a notice must carry, as recorded, and the text that will be sent."""

    channel: str  # "sms" or "email"
    body: str
    subject: str = ""
    kinds: tuple[str, ...] = ()
    data_items: str = ""
    measures: str = ""
    hotline: str = ""
    signer: str = ""
    required_signer: str = ""  # the party that must notify (the client when we are its processor)


def contact_kind(hotline: str) -> str | None:
    """ "phone", "email" or "url" when the line for enquiries is one of them, else None."""
    value = hotline.strip()
    digits = re.sub(r"\D", "", value)
    if _PHONE.match(value) and 8 <= len(digits) <= 15:
        return "phone"
    if _EMAIL.match(value):
        return "email"
    if _URL.match(value):
        return "url"
    return None


def _in_text(value: str, text: str) -> bool:
    return bool(value.strip()) and value.strip() in text


def _fact(facts: NoticeFacts, text: str) -> Check:
    label, label_en = "個人資料被侵害之事實", "What happened to the personal data"
    problems: list[tuple[str, str]] = []
    unknown = [k for k in facts.kinds if k not in KIND_PHRASES]
    items = facts.data_items.strip()
    if not facts.kinds:
        problems.append(
            (
                "未記載侵害種類（竊取、洩漏、誤寄、竄改、毀損或滅失）",
                "no kind of infringement recorded (stolen, leaked, misdirected, altered, damaged or lost)",
            )
        )
    elif unknown:
        problems.append(
            (f"侵害種類無法辨識：{'、'.join(unknown)}", f"unknown kind of infringement: {', '.join(unknown)}")
        )
    else:
        unstated = [k for k in facts.kinds if not any(p in text for p in KIND_PHRASES[k])]
        if unstated:
            problems.append(
                (
                    f"通知內容未說明個人資料遭{'、'.join(KIND_LABELS[k] for k in unstated)}",
                    f"the text does not say the data was {', '.join(KIND_LABELS_EN[k] for k in unstated)}",
                )
            )
    if not items:
        problems.append(
            ("未記載受侵害之個人資料項目（例如姓名、電話）", "no data items recorded (e.g. name, phone)")
        )
    elif not _in_text(facts.data_items, text):
        problems.append(
            (
                f"通知內容未載明受侵害之個人資料項目「{items}」",
                f"the text does not name the data items “{items}”",
            )
        )
    if problems:
        return Check(
            False,
            label,
            "；".join(zh for zh, _ in problems) + "（個資法第12條、施行細則第22條第2項）",
            label_en=label_en,
            message_en="; ".join(en for _, en in problems) + " (PDPA Art. 12; Enforcement Rules Art. 22(2))",
        )
    kinds = "、".join(KIND_LABELS[k] for k in facts.kinds)
    kinds_en = ", ".join(KIND_LABELS_EN[k] for k in facts.kinds)
    return Check(
        True,
        label,
        f"已說明{items}遭{kinds}",
        label_en=label_en,
        message_en=f"States that {items} was {kinds_en}",
    )


def _measures(facts: NoticeFacts, text: str) -> Check:
    label, en = "已採取之因應措施", "Measures taken"
    if not facts.measures.strip():
        return Check(
            False,
            label,
            "未記載已採取之因應措施（施行細則第22條第2項）",
            label_en=en,
            message_en="No measures taken recorded (Enforcement Rules Art. 22(2))",
        )
    if not _in_text(facts.measures, text):
        return Check(
            False,
            label,
            "通知內容未包含所記載之已採取因應措施（施行細則第22條第2項）",
            label_en=en,
            message_en="The text does not contain the recorded measures taken (Enforcement Rules Art. 22(2))",
        )
    return Check(True, label, "已說明已採取之因應措施", label_en=en, message_en="States the measures taken")


def _contact(facts: NoticeFacts, text: str) -> Check:
    label, en, rule = "查詢專線或管道", "Line for enquiries", " (digital economy rules Art. 8)"
    line = facts.hotline.strip()
    if not line:
        return Check(
            False,
            label,
            "未提供供當事人查詢之電話專線或其他管道（數位經濟辦法第8條）",
            label_en=en,
            message_en="No phone line or other channel for data subjects' enquiries" + rule,
        )
    if contact_kind(facts.hotline) is None:
        return Check(
            False,
            label,
            f"查詢管道「{line}」不是可撥打之電話號碼、電子郵件地址或網址（數位經濟辦法第8條）",
            label_en=en,
            message_en=f"“{line}” is not a phone number, e-mail address or web address" + rule,
        )
    if not _in_text(facts.hotline, text):
        return Check(
            False,
            label,
            f"通知內容未載明查詢管道「{line}」（數位經濟辦法第8條）",
            label_en=en,
            message_en=f"The text does not give the line for enquiries “{line}”" + rule,
        )
    return Check(
        True,
        label,
        f"已提供查詢管道：{line}",
        label_en=en,
        message_en=f"Gives the line for enquiries: {line}",
    )


def _signer(facts: NoticeFacts, text: str) -> Check:
    label, en = "通知義務人", "Who notifies"
    required = facts.required_signer.strip()
    signer = facts.signer.strip()
    if required and signer != required:
        return Check(
            False,
            label,
            f"本事件之個人資料係受「{required}」委託處理，應由「{required}」以其名義通知當事人"
            "（個資法第4條、第12條，施行細則第8條）",
            label_en=en,
            message_en=f"The data in this incident is processed for “{required}”, so “{required}” must notify the "
            "data subjects in its own name (PDPA Art. 4 and 12; Enforcement Rules Art. 8)",
        )
    if not signer:
        return Check(
            False, label, "未記載通知之業者名稱", label_en=en, message_en="No notifying business recorded"
        )
    if not _in_text(facts.signer, text):
        return Check(
            False,
            label,
            f"通知內容未載明通知之業者「{signer}」",
            label_en=en,
            message_en=f"The text does not name the notifying business “{signer}”",
        )
    return Check(
        True, label, f"以「{signer}」名義通知", label_en=en, message_en=f"Sent in the name of “{signer}”"
    )


def check(facts: NoticeFacts) -> list[Check]:
    """One Check per required element; a notice passes when no check with severity "error" fails."""
    text = f"{facts.subject}\n{facts.body}"
    checks = [_fact(facts, text), _measures(facts, text), _contact(facts, text), _signer(facts, text)]
    if not checks[0].ok and facts.body.strip():
        checks.append(
            Check(
                False,
                "僅防詐騙宣導",
                "未告知當事人其個人資料被侵害之事實時，僅作防詐騙宣導可能不符個資法第12條，可能受第48條處分",
                "warning",
                label_en="Anti-fraud advice only",
                message_en="Anti-fraud advice without telling data subjects that their data was infringed may "
                "not meet PDPA Art. 12 and may be fined under Art. 48",
            )
        )
    if facts.channel == "email" and not facts.subject.strip():
        checks.append(
            Check(
                False, "主旨", "電子郵件須有主旨", label_en="Subject", message_en="An e-mail needs a subject"
            )
        )
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
