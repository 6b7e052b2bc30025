"""Ninth held-out corpus (helper held9, 2026-11-28), written **without reading the engine's rules**.

The author read only the corpus format and runner (``labelled.py``, ``run.py``, ``heldout7_misses.py``), the
category names (``categories.py``), the first lines of ``README.md`` and the module docstring of ``heldout8.py``
(to choose other kinds of documents). Nothing here comes from ``shouhu`` or from the other generators: the check
digits are written from the public specifications (national ID: letter table A=10 … Z=33 with I=34, O=35, W=32,
X=30, Y=31, Z=33, weights 1-9-8-7-6-5-4-3-2-1-1, sum divisible by 10; the 2021 resident certificate, same
algorithm with 8 or 9 as second character; the old resident certificate with A-D as second character counted by
the units digit of its letter code; UBN weights 1-2-1-2-1-2-4-1, digit sums of products, the 2023 rule "divisible
by 5", and when the 7th digit is 7 the product 28 may count as 0 or 1; Luhn). The corpus was never run through
the engine while it was written. After the one check run of ``bench.pii.run --only heldout9`` (to see that the
runner reads it) one bug of this generator against the public rules was fixed: card numbers had been drawn with
the prefixes 5 and 35 followed by any digits, outside the Mastercard (51-55) and JCB (3528-3589) ranges; they are
now drawn inside them. Nothing else was changed after that run.

Usage::

    python -m bench.pii.heldout9 --size-mb 2 --out bench/out/pii/heldout9 --seed 97 \\
        --negatives bench/out/pii/heldout9.negatives.jsonl
    python -m bench.pii.heldout7_misses --corpus bench/out/pii/heldout9 \\
        --negatives bench/out/pii/heldout9.negatives.jsonl

Documents (chosen to differ from heldout8's list): 檢驗報告 exports, 醫療轉診單, 物流託運單, 電信門號申辦書, 信用卡/銀行開戶申請書, 保險要保書,
里長/社區通報, 外籍看護名冊 text, 社群客服對話, 公文附件 (受文者/承辦人 blocks), 會議簽到表, 求職履歷, 電子發票/收據, audit logs as JSON lines and as
key=value (``.log``), e-mail threads with quoted replies (``>`` prefixes), hurried notes with values and no label
word. Values are written as people type them: full-width digits, spaces and dashes inside IDs and phones,
``+886``, dotted mobiles, ROC years (民國, 民, bare ``075.03.02``, ``75/03/02``, ``0750302``), labels in Chinese and English, and
unlabelled values in running text. CSV tables: a 掛號 export (UTF-8), a 託運單 export (Big5/cp950), a 看護名冊 (UTF-8 with
BOM); one XLSX (學籍/輔導 roster) of string cells.

Labels (``labels.jsonl``): ``file``, ``line`` (text) or ``row``+``column`` (CSV, the header text; the header is
row 1) or ``sheet``+``row``+``column`` (XLSX), ``category``, ``value`` (always the exact text of the span),
``start``/``end`` (the span in the line or cell), ``clean`` (the canonical value the check digits are computed
on) and ``form`` (how it was written).

What counts as a person's data here (and is labelled):
- IDs, resident certificates, passports, NHI card numbers, credit cards, birth dates, names, e-mails, mobiles,
  landlines, addresses and bank accounts of natural persons (patients, applicants, insured persons, consignees,
  residents, caregivers and their employers, students and parents, job seekers, customers, meeting attendees,
  a named 承辦人 and their direct line; an extension is outside the span);
- client IP addresses in audit logs;
- every vehicle plate; every company's UBN (category ``ubn``, reported by the engine as not personal).
Spans: an address runs from its city/county to its number or floor (a postcode before it is outside); a bank
code before an account is outside it; ``+886`` is inside a phone's span when written.
Not labelled (planted hard negatives, written by ``--negatives`` with ``kind``, location, ``start``/``end``,
``value``): company switchboards and faxes, 0800 lines, role mailboxes, company/hospital addresses, dates that
are not birth dates (檢驗日期, 發文日期, 開立日期), Luhn-valid order numbers, tracking numbers passing the national
ID check, invoice numbers, 病歷號, masked cards and IDs, 手機條碼 carriers, version strings shaped like IPs,
amounts.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path
from typing import Any

# --------------------------------------------------------------------------------------------- check digits

LETTERS = {
    **{c: 10 + i for i, c in enumerate("ABCDEFGH")},
    **{c: 18 + i for i, c in enumerate("JKLMN")},
    **{c: 23 + i for i, c in enumerate("PQRSTUV")},
    "I": 34,
    "O": 35,
    "W": 32,
    "X": 30,
    "Y": 31,
    "Z": 33,
}
ENCODINGS = ("utf-8", "cp950", "utf-8-sig")


def _id_sum(letter: str, rest: str) -> int:
    code = LETTERS[letter]
    total = code // 10 + (code % 10) * 9
    return total + sum(int(d) * w for d, w in zip(rest[:8], range(8, 0, -1), strict=True)) + int(rest[8])


def national_id_ok(text: str) -> bool:
    if len(text) != 10 or text[0] not in LETTERS or text[1] not in "12" or not text[1:].isdigit():
        return False
    return _id_sum(text[0], text[1:]) % 10 == 0


def resident_id_ok(text: str) -> bool:
    if len(text) != 10 or text[0] not in LETTERS or not text[2:].isdigit():
        return False
    if text[1] in "89":
        return _id_sum(text[0], text[1:]) % 10 == 0
    if text[1] in "ABCD":
        return _id_sum(text[0], str(LETTERS[text[1]] % 10) + text[2:]) % 10 == 0
    return False


def _complete_id(letter: str, second: str, body: str) -> str:
    """Letter + second character + 7 digits → the valid 10-character ID (check digit appended)."""
    digit = str(LETTERS[second] % 10) if second.isalpha() else second
    partial = _id_sum(letter, digit + body + "0")
    return letter + second + body + str((10 - partial % 10) % 10)


def _ubn_sum(text: str) -> int:
    total = 0
    for d, w in zip(text, (1, 2, 1, 2, 1, 2, 4, 1), strict=True):
        p = int(d) * w
        total += 0 if p == 28 else p // 10 + p % 10
    return total


def ubn_ok(text: str) -> bool:
    if len(text) != 8 or not text.isdigit():
        return False
    s = _ubn_sum(text)
    return s % 5 == 0 or (text[6] == "7" and (s + 1) % 5 == 0)


def luhn_ok(text: str) -> bool:
    if not text.isdigit():
        return False
    total = 0
    for i, c in enumerate(reversed(text)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _luhn_complete(body: str) -> str:
    for d in "0123456789":
        if luhn_ok(body + d):
            return body + d
    raise AssertionError(body)


FULL = str.maketrans("0123456789-", "０１２３４５６７８９－")
HALF = str.maketrans(
    "０１２３４５６７８９－　ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ",
    "0123456789- ABCDEFGHIJKLMNOPQRSTUVWXYZ",
)


def half(text: str) -> str:
    return text.translate(HALF)


def digits_of(text: str) -> str:
    return "".join(c for c in half(text) if c.isdigit())


def id_clean(text: str) -> str:
    return "".join(c for c in half(text).upper() if c.isalnum())


# --------------------------------------------------------------------------------------------- vocabulary

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高簡朱鍾游詹施沈彭胡余盧潘顏梁趙柯翁魏方孫戴范宋鄧杜傅侯曹薛丁卓阮馬董温唐藍蔣石古紀姚連馮歐程湯黎田康姜汪白鄒尤巫鐘涂龔嚴韓袁"
COMPOUND_SURNAMES = ("歐陽", "張簡", "范姜", "司徒", "上官", "諸葛")
GIVEN = "怡君雅婷家豪志明淑芬俊傑美玲宗翰承恩子晴宥廷品妍冠宇柏翰詩涵佳穎建宏秀英金龍麗華文雄國強惠珍振源秋月錦鳳彥霖芷瑄語彤睿哲"
CAREGIVER = (
    ("SITI", "NURHAYATI"),
    ("NGUYEN THI", "HOA"),
    ("DEWI", "LESTARI"),
    ("MARIA", "SANTOS"),
    ("TRAN VAN", "NAM"),
    ("SRI", "WAHYUNI"),
)
PLACES = {
    "臺北市": ["大安區", "士林區", "文山區", "內湖區", "萬華區"],
    "新北市": ["板橋區", "三重區", "新莊區", "汐止區", "淡水區", "樹林區"],
    "桃園市": ["中壢區", "桃園區", "平鎮區", "龍潭區"],
    "臺中市": ["北屯區", "西屯區", "豐原區", "大里區", "沙鹿區"],
    "臺南市": ["東區", "永康區", "新營區", "安平區"],
    "高雄市": ["三民區", "鳳山區", "左營區", "岡山區", "旗山區"],
    "新竹縣": ["竹北市", "竹東鎮", "湖口鄉"],
    "彰化縣": ["彰化市", "員林市", "鹿港鎮", "溪湖鎮"],
    "雲林縣": ["斗六市", "虎尾鎮", "北港鎮"],
    "屏東縣": ["屏東市", "潮州鎮", "東港鎮", "恆春鎮"],
    "宜蘭縣": ["羅東鎮", "宜蘭市", "蘇澳鎮"],
    "花蓮縣": ["花蓮市", "吉安鄉", "玉里鎮"],
    "臺東縣": ["臺東市", "成功鎮", "池上鄉"],
    "嘉義市": ["東區", "西區"],
    "基隆市": ["仁愛區", "七堵區", "安樂區"],
}
ROADS = (
    "中山路",
    "民生路",
    "復興路",
    "和平東路",
    "自由街",
    "光明路",
    "建國北路",
    "成功路",
    "中正路",
    "文化街",
    "福德路",
)
AREA = (("02", 8), ("03", 7), ("04", 8), ("05", 7), ("06", 7), ("07", 7), ("037", 6), ("049", 7), ("089", 6))
DOMAINS = ("gmail.com", "yahoo.com.tw", "hotmail.com", "msa.hinet.net", "outlook.com", "pchome.com.tw")
ROLE_BOXES = ("service", "noreply", "hr", "info", "support", "billing", "cs")
BANKS = ("004", "005", "006", "007", "008", "012", "013", "700", "812", "822")
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
PLATE_DIGITS = "012356789"  # 4 is not issued
FILLER = (
    "本表僅供內部作業使用，請勿外流。",
    "-----",
    "備註：資料如有異動請於七日內通知承辦單位。",
    "以下空白",
    "===== 第 2 頁 =====",
    "請依個人資料保護法妥善保管。",
    "感謝您的耐心等候，我們會盡快處理。",
    "會議開始，主席致詞。",
    "",
    "Note: this export was generated automatically.",
)


# --------------------------------------------------------------------------------------------- a line


class Line:
    """A line or a cell made of literal text, labelled values and planted negatives."""

    def __init__(self) -> None:
        self.text = ""
        self.labels: list[dict[str, Any]] = []
        self.negs: list[dict[str, Any]] = []

    def t(self, text: str) -> Line:
        self.text += text
        return self

    def p(self, item: tuple[str, str, str, str]) -> Line:
        shown, category, form, clean = item
        start = len(self.text)
        self.text += shown
        self.labels.append(
            {
                "category": category,
                "value": shown,
                "start": start,
                "end": start + len(shown),
                "clean": clean,
                "form": form,
            }
        )
        return self

    def n(self, item: tuple[str, str]) -> Line:
        shown, kind = item
        start = len(self.text)
        self.text += shown
        self.negs.append({"kind": kind, "start": start, "end": start + len(shown), "value": shown})
        return self


# --------------------------------------------------------------------------------------------- values


class Gen:
    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)

    def pick(self, seq: Any) -> Any:
        return seq[self.rnd.randrange(len(seq))]

    def digits(self, n: int) -> str:
        return "".join(str(self.rnd.randrange(10)) for _ in range(n))

    # identifiers -------------------------------------------------------------------------------
    def nid(self) -> tuple[str, str, str, str]:
        clean = _complete_id(self.pick(list(LETTERS)), self.pick("12"), self.digits(7))
        r = self.rnd.random()
        if r < 0.55:
            return clean, "tw_national_id", "nid-plain", clean
        if r < 0.7:
            return clean.lower(), "tw_national_id", "nid-lower", clean
        if r < 0.85:
            return clean[0] + clean[1:].translate(FULL), "tw_national_id", "nid-fullwidth-digits", clean
        return f"{clean[:4]} {clean[4:7]} {clean[7:]}", "tw_national_id", "nid-spaced", clean

    def arc(self) -> tuple[str, str, str, str]:
        if self.rnd.random() < 0.6:
            clean = _complete_id(self.pick(list(LETTERS)), self.pick("89"), self.digits(7))
            form = "arc-2021"
        else:
            clean = _complete_id(self.pick(list(LETTERS)), self.pick("ABCD"), self.digits(7))
            form = "arc-old"
        if self.rnd.random() < 0.2:
            return clean.lower(), "tw_resident_id", form + "-lower", clean
        return clean, "tw_resident_id", form, clean

    def passport(self, foreign: bool = False) -> tuple[str, str, str, str]:
        if foreign:
            clean = self.pick("BCX") + self.digits(7)
            return clean, "passport", "passport-foreign", clean
        clean = self.pick("123") + self.digits(8)
        return clean, "passport", "passport-tw", clean

    def nhi(self) -> tuple[str, str, str, str]:
        clean = "0000" + self.digits(8)
        if self.rnd.random() < 0.3:
            return f"{clean[:4]} {clean[4:8]} {clean[8:]}", "nhi_card", "nhi-spaced", clean
        return clean, "nhi_card", "nhi-plain", clean

    def ubn(self) -> tuple[str, str, str, str]:
        while True:
            body = self.digits(7)
            for d in "0123456789":
                if ubn_ok(body + d):
                    clean = body + d
                    return clean, "ubn", "ubn-seven" if clean[6] == "7" else "ubn-plain", clean

    def card(self) -> tuple[str, str, str, str]:
        # issuer prefixes (IIN) from the public card-network ranges: Visa 4, Mastercard 51-55, JCB 3528-3589
        prefix = self.pick(("4", "4", "5" + self.pick("12345"), "35" + str(self.rnd.randrange(28, 90))))
        clean = _luhn_complete(prefix + self.digits(15 - len(prefix)))
        r = self.rnd.random()
        if r < 0.4:
            return "-".join(clean[i : i + 4] for i in range(0, 16, 4)), "credit_card", "card-dashed", clean
        if r < 0.7:
            return " ".join(clean[i : i + 4] for i in range(0, 16, 4)), "credit_card", "card-spaced", clean
        return clean, "credit_card", "card-plain", clean

    def account(self) -> tuple[str, str, str, str]:
        clean = self.digits(self.pick((12, 13, 14)))
        if self.rnd.random() < 0.3:
            shown = f"{clean[:3]}-{clean[3:5]}-{clean[5:]}"
            return shown, "bank_account", "account-dashed", clean
        return clean, "bank_account", "account-plain", clean

    # contact ------------------------------------------------------------------------------------
    def mobile(self) -> tuple[str, str, str, str]:
        clean = "09" + str(self.rnd.randrange(9)) + self.digits(7)
        r = self.rnd.random()
        a, b, c = clean[:4], clean[4:7], clean[7:]
        if r < 0.3:
            return f"{a}-{b}-{c}", "mobile_phone", "mobile-dashed", clean
        if r < 0.45:
            return f"{a}-{b}{c}", "mobile_phone", "mobile-4-6", clean
        if r < 0.55:
            return f"{a}.{b}.{c}", "mobile_phone", "mobile-dots", clean
        if r < 0.7:
            return f"+886-{clean[1:4]}-{b}-{c}", "mobile_phone", "mobile-886", clean
        if r < 0.8:
            return clean.translate(FULL), "mobile_phone", "mobile-fullwidth", clean
        if r < 0.88:
            return f"{a} {b} {c}", "mobile_phone", "mobile-spaced", clean
        return clean, "mobile_phone", "mobile-plain", clean

    def landline(self) -> tuple[str, str, str, str]:
        code, n = self.pick(AREA)
        number = str(self.rnd.randrange(2, 9)) + self.digits(n - 1)
        clean = code + number
        cut = 4 if n == 8 else 3
        r = self.rnd.random()
        if r < 0.35:
            return f"({code}){number[:cut]}-{number[cut:]}", "landline_phone", "landline-paren", clean
        if r < 0.7:
            return f"{code}-{number[:cut]}-{number[cut:]}", "landline_phone", "landline-dashed", clean
        if r < 0.85:
            return f"{code}-{number}", "landline_phone", "landline-code-dash", clean
        return f"+886-{code[1:]}-{number}", "landline_phone", "landline-886", clean

    def email(self) -> tuple[str, str, str, str]:
        user = self.pick(("amy", "kevin", "jhuang", "wen.chen", "tina_lin", "hsu", "peggy", "ching.yu"))
        if self.rnd.random() < 0.7:
            user += self.digits(self.rnd.randrange(1, 5))
        clean = f"{user}@{self.pick(DOMAINS)}"
        if self.rnd.random() < 0.15:
            return clean.upper(), "email", "email-upper", clean
        return clean, "email", "email-plain", clean

    def ip(self) -> tuple[str, str, str, str]:
        first = self.pick((1, 27, 36, 42, 49, 59, 60, 61, 101, 111, 114, 118, 122, 175, 180, 211, 220, 223))
        clean = f"{first}.{self.rnd.randrange(256)}.{self.rnd.randrange(256)}.{self.rnd.randrange(1, 255)}"
        return clean, "ip_address", "ipv4", clean

    def plate(self) -> tuple[str, str, str, str]:
        letters = "".join(self.pick(PLATE_LETTERS) for _ in range(3))
        nums = "".join(self.pick(PLATE_DIGITS) for _ in range(4))
        r = self.rnd.random()
        if r < 0.4:
            clean = f"{letters}-{nums}"
            form = "plate-car-new"
        elif r < 0.6:
            clean = f"{nums}-{letters[:2]}"
            form = "plate-car-old"
        elif r < 0.8:
            clean = f"{letters}-{nums[:3]}"
            form = "plate-scooter"
        else:
            clean = f"{letters}-{nums}"
            return clean.replace("-", ""), "vehicle_plate", "plate-nodash", clean
        return clean, "vehicle_plate", form, clean

    # people -------------------------------------------------------------------------------------
    def name(self) -> tuple[str, str, str, str]:
        if self.rnd.random() < 0.08:
            surname = self.pick(COMPOUND_SURNAMES)
            form = "name-compound"
        else:
            surname = self.pick(SURNAMES)
            form = "name-plain"
        given = "".join(self.pick(GIVEN) for _ in range(self.pick((1, 2, 2, 2))))
        clean = surname + given
        return clean, "person_name", form, clean

    def caregiver(self) -> tuple[str, str, str, str]:
        a, b = self.pick(CAREGIVER)
        clean = f"{a} {b}"
        return clean, "person_name", "name-foreign-latin", clean

    def birth(self) -> tuple[str, str, str, str]:
        y, m, d = self.rnd.randrange(1940, 2012), self.rnd.randrange(1, 13), self.rnd.randrange(1, 29)
        clean = f"{y:04d}-{m:02d}-{d:02d}"
        roc = y - 1911
        r = self.rnd.random()
        forms = (
            (0.2, f"民國{roc}年{m}月{d}日", "birth-roc-words"),
            (0.35, f"{roc}/{m:02d}/{d:02d}", "birth-roc-slash"),
            (0.45, f"{roc:03d}.{m:02d}.{d:02d}", "birth-roc-dots"),
            (0.6, f"{y}-{m:02d}-{d:02d}", "birth-iso"),
            (0.72, f"{y}/{m}/{d}", "birth-slash"),
            (0.8, f"{y}{m:02d}{d:02d}", "birth-compact"),
            (0.88, f"{y}年{m}月{d}日", "birth-ad-words"),
            (0.94, f"民{roc}.{m}.{d}", "birth-min-dots"),
            (1.1, f"{roc:03d}{m:02d}{d:02d}", "birth-roc-compact"),
        )
        for limit, shown, form in forms:
            if r < limit:
                return shown, "birth_date", form, clean
        raise AssertionError

    def address(self) -> tuple[str, str, str, str]:
        city = self.pick(list(PLACES))
        town = self.pick(PLACES[city])
        road = self.pick(ROADS)
        sect = self.pick(("", "", "一段", "二段", "三段"))
        lane = self.pick(
            (
                "",
                "",
                f"{self.rnd.randrange(1, 300)}巷",
                f"{self.rnd.randrange(1, 200)}巷{self.rnd.randrange(1, 30)}弄",
            )
        )
        num = f"{self.rnd.randrange(1, 400)}號"
        floor = self.pick(
            (
                "",
                f"{self.rnd.randrange(2, 15)}樓",
                f"{self.rnd.randrange(2, 12)}樓之{self.rnd.randrange(1, 6)}",
            )
        )
        clean = city + town + road + sect + lane + num + floor
        r = self.rnd.random()
        if r < 0.2:
            shown = clean.replace("臺", "台")
            return shown, "address", "address-tai", clean
        if r < 0.3:
            shown = "".join(c.translate(FULL) for c in clean)
            return shown, "address", "address-fullwidth-digits", clean
        return clean, "address", "address-plain", clean

    # negatives ----------------------------------------------------------------------------------
    def neg_order(self) -> tuple[str, str]:
        return _luhn_complete("20" + self.digits(13)), "luhn-order-number"

    def neg_tracking(self) -> tuple[str, str]:
        return _complete_id(
            self.pick(list(LETTERS)), self.pick("12"), self.digits(7)
        ), "tracking-passing-id-check"

    def neg_invoice(self) -> tuple[str, str]:
        return self.pick(PLATE_LETTERS) + self.pick(PLATE_LETTERS) + "-" + self.digits(8), "invoice-number"

    def neg_switchboard(self) -> tuple[str, str]:
        code, n = self.pick(AREA[:3])
        number = "2" + self.digits(n - 1)
        return f"{code}-{number}", "company-switchboard"

    def neg_tollfree(self) -> tuple[str, str]:
        return f"0800-{self.digits(3)}-{self.digits(3)}", "toll-free"

    def neg_role(self) -> tuple[str, str]:
        return (
            f"{self.pick(ROLE_BOXES)}@{self.pick(('tcat.com.tw', 'cht.com.tw', 'ntuh.gov.tw', 'esun-ins.com.tw'))}",
            "role-mailbox",
        )

    def neg_date(self) -> tuple[str, str]:
        return (
            f"{self.rnd.randrange(110, 116)}/{self.rnd.randrange(1, 13):02d}/{self.rnd.randrange(1, 29):02d}",
            "document-date",
        )

    def neg_version(self) -> tuple[str, str]:
        return (
            f"{self.rnd.randrange(1, 9)}.{self.rnd.randrange(0, 20)}.{self.rnd.randrange(0, 50)}.{self.rnd.randrange(100, 9999)}",
            "version-ip-shaped",
        )

    def neg_masked_card(self) -> tuple[str, str]:
        return f"{self.pick(('4', '5'))}{self.digits(3)}-****-****-{self.digits(4)}", "masked-card"

    def neg_masked_id(self) -> tuple[str, str]:
        return f"{self.pick(list(LETTERS))}{self.pick('12')}{self.digits(2)}****{self.digits(2)}", "masked-id"

    def neg_chart(self) -> tuple[str, str]:
        return self.digits(8), "chart-number"

    def neg_carrier(self) -> tuple[str, str]:
        chars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789+-."
        return "/" + "".join(self.pick(chars) for _ in range(7)), "mobile-barcode-carrier"

    def neg_hospital_address(self) -> tuple[str, str]:
        return self.pick(
            (
                "臺北市中正區中山南路7號",
                "高雄市三民區自由一路100號",
                "臺中市北區育德路2號",
                "新北市板橋區南雅南路二段21號",
            )
        ), "company-address"

    def neg_amount(self) -> tuple[str, str]:
        return f"NT${self.rnd.randrange(1, 999)},{self.digits(3)}", "amount"


# --------------------------------------------------------------------------------------------- text documents


def doc_lab_report(g: Gen) -> list[Line]:
    return [
        Line().t("【檢驗報告】 病歷號：").n(g.neg_chart()).t("  檢驗日期：").n(g.neg_date()),
        Line().t("姓名：").p(g.name()).t("　出生：").p(g.birth()).t("　身分證：").p(g.nid()),
        Line().t("項目 HbA1c 6.1 %  LDL 132 mg/dL  報告醫院：").n(g.neg_hospital_address()),
    ]


def doc_referral(g: Gen) -> list[Line]:
    return [
        Line().t("醫療轉診單 Referral No. ").n(g.neg_order()),
        Line().t("病人 ").p(g.name()).t(" (").p(g.nid()).t(") 健保卡號 ").p(g.nhi()),
        Line().t("聯絡電話 ").p(g.mobile()).t(" 住址 ").p(g.address()),
        Line().t("轉出院所電話 ").n(g.neg_switchboard()).t(" 傳真請洽總機"),
    ]


def doc_waybill(g: Gen) -> list[Line]:
    return [
        Line().t("託運單號 ").n(g.neg_tracking()).t(" 寄件日 ").n(g.neg_date()),
        Line().t("收件人：").p(g.name()).t(" TEL:").p(g.mobile()),
        Line().t("收件地址：").t(f"{g.rnd.randrange(100, 999)} ").p(g.address()),
        Line().t("客服專線 ").n(g.neg_tollfree()).t("  貨到付款 ").n(g.neg_amount()),
    ]


def doc_telecom(g: Gen) -> list[Line]:
    return [
        Line()
        .t("門號申辦書  申請人 ")
        .p(g.name())
        .t("  證號 ")
        .p(g.nid() if g.rnd.random() < 0.7 else g.arc()),
        Line().t("生日 ").p(g.birth()).t(" 聯絡市話 ").p(g.landline()).t(" 分機 ").t(g.digits(3)),
        Line().t("帳單寄送 e-mail: ").p(g.email()).t("  來源 IP ").p(g.ip()),
        Line().t("系統版本 ").n(g.neg_version()).t(" 門市統編 ").p(g.ubn()),
        Line()
        .t("月租費代扣信用卡 ")
        .p(g.card())
        .t(" 有效期限 ")
        .t(f"{g.rnd.randrange(1, 13):02d}/{g.rnd.randrange(27, 32)}"),
    ]


def doc_card_application(g: Gen) -> list[Line]:
    return [
        Line().t("信用卡申請書 / 開戶 Application"),
        Line().t("Name: ").p(g.name()).t("  ID No.: ").p(g.nid()).t("  DOB: ").p(g.birth()),
        Line().t("自動扣繳帳戶：(").t(g.pick(BANKS)).t(") ").p(g.account()),
        Line().t("原持有卡號 ").p(g.card()).t(" ; 參考卡號 ").n(g.neg_masked_card()),
        Line().t("服務信箱 ").n(g.neg_role()).t(" 訂單編號 ").n(g.neg_order()),
    ]


def doc_insurance(g: Gen) -> list[Line]:
    return [
        Line().t("要保人：").p(g.name()).t("，被保險人：").p(g.name()).t("，關係：子女"),
        Line().t("被保險人出生日期 ").p(g.birth()).t("，身分證字號 ").p(g.nid()),
        Line().t("通訊地址 ").p(g.address()).t("，行動電話 ").p(g.mobile()),
        Line()
        .t("保費 ")
        .n(g.neg_amount())
        .t("，契約生效日 ")
        .n(g.neg_date())
        .t("，核保員 ID ")
        .n(g.neg_masked_id()),
    ]


def doc_village(g: Gen) -> list[Line]:
    name = g.name()
    return [
        Line().t("里長通報：本里住戶 ").p(name).t(" 反映 ").p(g.address()).t(" 前路燈故障，請派員處理。"),
        Line().t("違停車輛 ").p(g.plate()).t(" 已連續三日停放，聯絡人手機 ").p(g.mobile()).t("。"),
    ]


def doc_caregiver(g: Gen) -> list[Line]:
    return [
        Line().t("外籍看護 ").p(g.caregiver()).t(" 護照 ").p(g.passport(True)).t(" 居留證 ").p(g.arc()),
        Line().t("雇主 ").p(g.name()).t(" 身分證 ").p(g.nid()).t(" 電話 ").p(g.landline()),
        Line().t("仲介公司統一編號 ").p(g.ubn()).t(" 總機 ").n(g.neg_switchboard()),
    ]


def doc_chat(g: Gen) -> list[Line]:
    return [
        Line().t("[客服] 您好，請提供訂購人手機與訂單號碼以便查詢"),
        Line().t("[客戶] 我的手機是").p(g.mobile()).t("，訂單").n(g.neg_order()),
        Line().t("[客戶] 寄到").p(g.address()).t("，收件人寫").p(g.name()),
        Line().t("[客戶] 刷卡失敗，卡號").p(g.card()).t("是不是被鎖了"),
        Line().t("[客服] 已為您更新，發票載具 ").n(g.neg_carrier()).t(" 請確認"),
    ]


def doc_official(g: Gen) -> list[Line]:
    return [
        Line()
        .t("發文日期：中華民國")
        .n(
            (
                f"{g.rnd.randrange(110, 116)}年{g.rnd.randrange(1, 13)}月{g.rnd.randrange(1, 29)}日",
                "document-date",
            )
        ),
        Line().t("承辦人：").p(g.name()).t("  電話：").p(g.landline()).t(" 分機").t(g.digits(4)),
        Line().t("受文者：").p(g.name()).t(" 君，地址：").p(g.address()),
        Line().t("附件：申請人護照號碼 ").p(g.passport()).t("、車號 ").p(g.plate()),
    ]


def doc_signin(g: Gen) -> list[Line]:
    lines = [Line().t("會議簽到表  時間：").n(g.neg_date())]
    for i in range(g.rnd.randrange(2, 5)):
        lines.append(Line().t(f"{i + 1}. ").p(g.name()).t("  ").p(g.mobile()).t("  ").p(g.email()))
    return lines


def doc_resume(g: Gen) -> list[Line]:
    return [
        Line().t("履歷表 Resume — ").p(g.name()),
        Line().t("出生年月日：").p(g.birth()).t(" | E-mail：").p(g.email()).t(" | 手機：").p(g.mobile()),
        Line().t("現居地 ").p(g.address()).t("，駕照車號 ").p(g.plate()),
        Line().t("前職 某科技股份有限公司（統編 ").p(g.ubn()).t("），人資信箱 ").n(g.neg_role()),
    ]


def doc_receipt(g: Gen) -> list[Line]:
    return [
        Line().t("電子發票證明聯 ").n(g.neg_invoice()).t("  賣方統編 ").p(g.ubn()),
        Line().t("總計 ").n(g.neg_amount()).t("  載具 ").n(g.neg_carrier()),
        Line().t("信用卡末四碼 ").n(g.neg_masked_card()),
    ]


def doc_email(g: Gen) -> list[Line]:
    name = g.name()
    return [
        Line().t("寄件者: ").p(g.email()).t("  主旨: RE: 資料更正"),
        Line().t("您好，我的新地址是 ").p(g.address()).t("，謝謝。"),
        Line().t("> 請回覆您的身分證字號與生日以便核對"),
        Line().t("> ").p(name).t(" 您好，系統顯示電話為 ").p(g.landline()),
        Line().t(">> 寄自 ").n(g.neg_role()),
    ]


def doc_note(g: Gen) -> list[Line]:
    """Values in running text with no label word before them (a hurried note)."""
    r = g.rnd.random()
    if r < 0.4:
        return [Line().p(g.name()).t(" ").p(g.mobile()).t(" 下午再回電，說要改寄 ").p(g.address())]
    if r < 0.7:
        return [Line().t("剛剛 ").p(g.mobile()).t(" 打來問進度，我說明天給答覆。")]
    return [Line().t("補件：").p(g.name()).t("／").p(g.nid()).t("／").p(g.birth()).t("，其餘已齊。")]


def log_json(g: Gen) -> list[Line]:
    line = (
        Line()
        .t('{"ts":"2026-1')
        .t(
            f'{g.rnd.randrange(0, 2)}-{g.rnd.randrange(10, 28)}T0{g.rnd.randrange(10)}:12:33Z","action":"update_profile","client_ip":"'
        )
    )
    line.p(g.ip()).t('","user":"').p(g.email()).t('","app_ver":"').n(g.neg_version()).t('","phone":"').p(
        g.mobile()
    ).t('"}')
    return [line]


def log_kv(g: Gen) -> list[Line]:
    line = (
        Line()
        .t("2026-11-2")
        .t(f"{g.rnd.randrange(10)} 0{g.rnd.randrange(10)}:0{g.rnd.randrange(10)}:11 INFO login ")
    )
    line.t("src=").p(g.ip()).t(" uid=").p(g.nid()).t(" order=").n(g.neg_order()).t(" result=ok")
    return [line]


DOCS = (
    (doc_lab_report, 3),
    (doc_referral, 3),
    (doc_waybill, 3),
    (doc_telecom, 3),
    (doc_card_application, 3),
    (doc_insurance, 3),
    (doc_village, 2),
    (doc_caregiver, 2),
    (doc_chat, 3),
    (doc_official, 2),
    (doc_signin, 2),
    (doc_resume, 2),
    (doc_receipt, 2),
    (doc_email, 3),
    (doc_note, 2),
)
LOGS = ((log_json, 1), (log_kv, 1))


# --------------------------------------------------------------------------------------------- tables

Cell = Any  # a function Gen -> Line

TABLES: dict[str, list[tuple[str, Cell]]] = {
    "clinic": [
        ("掛號序", lambda g: Line().t(str(g.rnd.randrange(1, 80)))),
        ("病歷號碼", lambda g: Line().n(g.neg_chart())),
        ("病患姓名", lambda g: Line().p(g.name())),
        ("身分證字號", lambda g: Line().p(g.nid())),
        ("出生日期", lambda g: Line().p(g.birth())),
        ("健保卡號", lambda g: Line().p(g.nhi())),
        ("連絡電話", lambda g: Line().p(g.mobile())),
        ("看診日", lambda g: Line().n(g.neg_date())),
        ("科別", lambda g: Line().t(g.pick(("家醫科", "內科", "復健科", "眼科")))),
    ],
    "waybill": [
        ("託運單號", lambda g: Line().n(g.neg_tracking())),
        ("收件人", lambda g: Line().p(g.name())),
        ("收件人電話", lambda g: Line().p(g.mobile() if g.rnd.random() < 0.7 else g.landline())),
        ("收件地址", lambda g: Line().p(g.address())),
        ("寄件公司統編", lambda g: Line().p(g.ubn())),
        ("代收金額", lambda g: Line().n(g.neg_amount())),
        ("配送車號", lambda g: Line().p(g.plate())),
        ("客服", lambda g: Line().n(g.neg_tollfree())),
    ],
    "caregivers": [
        ("No", lambda g: Line().t(str(g.rnd.randrange(1, 500)))),
        ("English Name", lambda g: Line().p(g.caregiver())),
        ("Passport No.", lambda g: Line().p(g.passport(True))),
        ("ARC No.", lambda g: Line().p(g.arc())),
        ("Date of Birth", lambda g: Line().p(g.birth())),
        ("雇主姓名", lambda g: Line().p(g.name())),
        ("雇主身分證", lambda g: Line().p(g.nid())),
        ("薪資帳號", lambda g: Line().p(g.account())),
        ("仲介電話", lambda g: Line().n(g.neg_switchboard())),
        ("備註", lambda g: Line().t("聯絡 ").p(g.mobile()) if g.rnd.random() < 0.5 else Line().t("無")),
    ],
    "students": [
        ("學號", lambda g: Line().t("S" + g.digits(7))),
        ("學生姓名", lambda g: Line().p(g.name())),
        ("身分證統一編號", lambda g: Line().p(g.nid())),
        ("生日", lambda g: Line().p(g.birth())),
        ("家長姓名", lambda g: Line().p(g.name())),
        ("家長手機", lambda g: Line().p(g.mobile())),
        ("戶籍地址", lambda g: Line().p(g.address())),
        ("家長信箱", lambda g: Line().p(g.email())),
        ("輔導紀錄日期", lambda g: Line().n(g.neg_date())),
        ("學校信箱", lambda g: Line().n(g.neg_role())),
    ],
}


# --------------------------------------------------------------------------------------------- writing


class Sink:
    def __init__(self, out: Path, negatives: Path | None) -> None:
        self.labels = (out / "labels.jsonl").open("w", encoding="utf-8")
        self.negs = negatives.open("w", encoding="utf-8") if negatives is not None else None
        self.count = 0

    def record(self, where: dict[str, Any], line: Line) -> None:
        for item in line.labels:
            self.labels.write(json.dumps({**where, **item}, ensure_ascii=False) + "\n")
            self.count += 1
        if self.negs is not None:
            for neg in line.negs:
                self.negs.write(json.dumps({**where, **neg}, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.labels.close()
        if self.negs is not None:
            self.negs.close()


def _text(g: Gen, sink: Sink, path: Path, size: int, docs: Any) -> None:
    makers, weights = zip(*docs, strict=True)
    number = written = 0
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        while written < size:
            if g.rnd.random() < 0.6:
                lines = g.rnd.choices(makers, weights)[0](g)
            else:
                lines = [Line().t(g.pick(FILLER))]
            for line in lines:
                number += 1
                handle.write(line.text + "\n")
                written += len(line.text.encode()) + 1
                sink.record({"file": path.name, "line": number}, line)


def _big5_ok(text: str) -> bool:
    try:
        text.encode("cp950")
    except UnicodeEncodeError:
        return False
    return True


def _table(g: Gen, sink: Sink, path: Path, size: int, kind: str, encoding: str) -> None:
    columns = TABLES[kind]
    headers = [h for h, _ in columns]
    with path.open("w", encoding=encoding, newline="") as handle:
        out = csv.writer(handle)
        out.writerow(headers)
        number = 1
        while handle.tell() < size:
            number += 1
            cells = []
            for _, make in columns:
                cell = make(g)
                while encoding == "cp950" and not _big5_ok(cell.text):
                    cell = make(g)
                cells.append(cell)
            out.writerow([c.text for c in cells])
            for header, cell in zip(headers, cells, strict=True):
                sink.record({"file": path.name, "row": number, "column": header}, cell)


def _workbook(g: Gen, sink: Sink, path: Path, rows: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    title = "學籍輔導"
    sheet = book.create_sheet(title)
    columns = TABLES["students"]
    headers = [h for h, _ in columns]
    sheet.append(headers)
    for number in range(2, rows + 2):
        cells = [make(g) for _, make in columns]
        sheet.append([c.text for c in cells])
        for header, cell in zip(headers, cells, strict=True):
            sink.record({"file": path.name, "sheet": title, "row": number, "column": header}, cell)
    book.save(path)


def generate(out: Path, size_mb: float, seed: int, negatives: Path | None = None) -> int:
    """Write about ``size_mb`` MB into ``out``; return the number of labels."""
    out.mkdir(parents=True, exist_ok=True)
    g = Gen(seed)
    sink = Sink(out, negatives)
    total = int(size_mb * 1024 * 1024)
    text, tables = int(total * 0.5), int(total * 0.42)
    _text(g, sink, out / "h9_docs_000.txt", int(text * 0.45), DOCS)
    _text(g, sink, out / "h9_docs_001.txt", int(text * 0.35), DOCS)
    _text(g, sink, out / "h9_audit_000.log", int(text * 0.2), LOGS)
    for n, kind in enumerate(("clinic", "waybill", "caregivers")):
        _table(g, sink, out / f"h9_{kind}_{n:03d}.csv", tables // 3, kind, ENCODINGS[n])
    _workbook(g, sink, out / "h9_roster_000.xlsx", max(150, int(total * 0.08) // 200))
    sink.close()
    return sink.count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="ninth held-out PII corpus (written without reading the rules)"
    )
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--out", default="bench/out/pii/heldout9")
    parser.add_argument("--seed", type=int, default=97)
    parser.add_argument(
        "--negatives", default=None, help="also write the planted hard negatives to this file"
    )
    args = parser.parse_args(argv)
    negatives = Path(args.negatives) if args.negatives else None
    if negatives is not None:
        negatives.parent.mkdir(parents=True, exist_ok=True)
    count = generate(Path(args.out), args.size_mb, args.seed, negatives)
    print(f"{count} labels in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
