"""Eighth held-out corpus (helper held8, 2026-11-28), written **without reading the engine's rules**.

The author read only the corpus format and runner (``labelled.py``, ``run.py``, ``heldout7_misses.py``), the
category names (``categories.py``), the layout part of ``README.md`` and the module docstring of
``heldout7.py``. Nothing here comes from ``shouhu`` or from the other generators: the check digits are written
from the public specifications (national ID letter table and weights 1-9-8-7-6-5-4-3-2-1-1; the 2021 resident
certificate with 8 or 9 as second character; the old resident certificate with a letter A-D as second
character, counted by the units digit of its letter code; UBN weights 1-2-1-2-1-2-4-1 with the 2023 rule
"sum divisible by 5" and the 7th-digit-7 case; Luhn), the vocabulary, label words and layouts are invented here.

Usage::

    python -m bench.pii.heldout8 --size-mb 2 --out bench/out/pii/heldout8 --seed 83 \\
        --negatives bench/out/pii/heldout8.negatives.jsonl
    python -m bench.pii.heldout7_misses --corpus bench/out/pii/heldout8 \\
        --negatives bench/out/pii/heldout8.negatives.jsonl

What is in it (different in kind from the earlier corpora where the author could make it so): 健檢/門診
appointment exports, 補習班 rosters, 社區/物業 resident lists, 租賃契約 text, 保險理賠 e-mails, 政府標案 attachment
text, 電商退貨單, HR 薪資單 text, CRM notes typed in a hurry (typos such as 手雞, 地扯, 生曰), SMS and LINE
exports, web-form JSON logs, PDF-to-text output (a label on one line and its value on the next, page footers,
spaced-out headings); CSV tables of eight kinds (patients, students, residents, payroll, returns, tenants, web
forms, brokers' worker lists) in UTF-8, Big5 and UTF-8 with BOM; one XLSX of two sheets (one with real date cells).
People come from everywhere in Taiwan, including 離島 (澎湖, 金門, 馬祖, 蘭嶼, 綠島, 小琉球) and 原住民鄉 (尖石, 復興,
仁愛, 信義, 阿里山, 秀林, 萬榮, 那瑪夏, 桃源, 三地門, 霧臺, 達仁, 南澳, 泰安); rare and compound surnames
(粘, 佘, 禚, 闕, 仉, 冼, 亓, 羿, 張簡, 范姜, 張廖, 歐陽, 司馬); indigenous names written with ``·`` or ``‧``.

Labels (``labels.jsonl``, the format ``run.py`` reads): ``file``, ``line`` (text) or ``row``+``column``
(CSV) or ``sheet``+``row``+``column`` (XLSX), ``category``, ``value``; added fields the runner ignores:
``start``/``end`` (the span in the line or cell; its text is ``value``), ``clean`` (the canonical value the
check digits are computed on) and ``form`` (how it was written: the class a miss belongs to). One exception to
"value is the span's text": a birth date in a real XLSX date cell has no span and the ISO date as value
(``form`` ``xlsx-date-cell``).

What counts as a person's data here (and is labelled):
- IDs, resident certificates, passports, NHI card numbers, cards, birth dates, names, e-mails, mobiles,
  landlines, addresses and bank accounts **of natural persons**: patients, students and their parents,
  residents, tenants and landlords, claimants, employees, customers, chat and SMS participants, a company's
  named contact person (their mobile, their direct line; an extension is outside the span);
- client IP addresses in web-form logs and login notes;
- every vehicle plate (a plate identifies its keeper);
- every company's UBN (category ``ubn``; the engine reports it as not personal).
Spans: an address runs from its city/county to its floor, a postcode before it is outside the span; a bank
code or branch code before an account is outside it (a 郵局 局號-帳號 pair written together is one span);
a phone's extension is outside it.
Not labelled (hard negatives, listed with a class by ``--negatives``): company switchboards, faxes and
0800 lines, role mailboxes (service@, hr@, noreply@ …), company and clinic addresses, a company's account
for payments, dates that are not birth dates (appointments, contracts, claims, ROC dates of documents),
Luhn-valid order numbers, tracking and serial numbers that pass the ID check digit, invoice numbers,
policy and 病歷 numbers, student numbers, masked cards and IDs, 手機條碼 carriers, SKU codes shaped like
plates, version strings and OIDs shaped like IPs, GPS coordinates, amounts, room and parking numbers.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# ---------------------------------------------------------------- check digits (public specifications)

#: National ID first letter → its two-digit code (內政部 table; I, O, W, X, Y, Z out of alphabetical order).
LETTER_CODE: dict[str, int] = dict(
    zip(
        "ABCDEFGHJKLMNPQRSTUVXYWZIO",
        range(10, 36),
        strict=True,
    )
)
WEIGHTS_ID = (8, 7, 6, 5, 4, 3, 2, 1)


def _id_total(code: str) -> int:
    head = LETTER_CODE[code[0]]
    second = code[1]
    # the old resident certificate's second letter counts by the units digit of its own code
    second_digit = LETTER_CODE[second] % 10 if second.isalpha() else int(second)
    digits = [second_digit] + [int(c) for c in code[2:9]]
    total = head // 10 + (head % 10) * 9
    total += sum(d * w for d, w in zip(digits, WEIGHTS_ID, strict=True))
    return total + int(code[9])


def id_ok(code: str) -> bool:
    """Letter + 9 characters, check sum ≡ 0 (mod 10); the second character may be a letter (old ARC)."""
    if len(code) != 10 or code[0] not in LETTER_CODE or not code[2:].isdigit():
        return False
    if not (code[1].isdigit() or code[1] in LETTER_CODE):
        return False
    return _id_total(code) % 10 == 0


def national_id_ok(code: str) -> bool:
    return id_ok(code) and code[1] in "12"


def resident_id_ok(code: str) -> bool:
    return id_ok(code) and (code[1] in "89" or code[1] in "ABCD")


def complete_id(first_nine: str) -> str:
    for d in "0123456789":
        if id_ok(first_nine + d):
            return first_nine + d
    raise ValueError(first_nine)


def ubn_ok(code: str) -> bool:
    """UBN weights 1,2,1,2,1,2,4,1; digit sums of the products; 2023 rule: total divisible by 5; a 7th digit
    7 gives 28 → 10, which may count as 1 or 0."""
    if len(code) != 8 or not code.isdigit():
        return False
    total = 0
    for c, w in zip(code, (1, 2, 1, 2, 1, 2, 4, 1), strict=True):
        p = int(c) * w
        total += p // 10 + p % 10
    if (
        code[6] == "7"
    ):  # 7 × 4 = 28 → 2 + 8 = 10 counted above; it may count as 1 (total − 9) or 0 (total − 10)
        return (total - 9) % 5 == 0 or (total - 10) % 5 == 0
    return total % 5 == 0


def luhn_ok(number: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(number)):
        d = int(c)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(body: str) -> str:
    for d in "0123456789":
        if luhn_ok(body + d):
            return body + d
    raise ValueError(body)


def digits_of(text: str) -> str:
    return "".join(c for c in half(text) if c.isdigit())


def half(text: str) -> str:
    out = []
    for c in text:
        o = ord(c)
        if 0xFF01 <= o <= 0xFF5E:
            out.append(chr(o - 0xFEE0))
        elif c == "\u3000":
            out.append(" ")
        else:
            out.append(c)
    return "".join(out)


def full(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def id_clean(text: str) -> str:
    return "".join(c for c in half(text) if c.isalnum()).upper()


# ---------------------------------------------------------------- vocabulary (written for this corpus)

SURNAMES = (
    "陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾游彭詹胡施沈余盧梁趙顏柯翁魏孫戴"
    "范方宋鄧杜傅侯曹薛丁卓阮馬董温唐藍石蔣古紀姚連馮歐程湯黄田康姜白汪鄒尤巫鐘涂龔嚴韓袁金童陸夏柳凃邵"
)
RARE_SURNAMES = (
    "粘",
    "佘",
    "禚",
    "闕",
    "仉",
    "冼",
    "亓",
    "羿",
    "郜",
    "酆",
    "鈕",
    "甘",
    "褚",
    "靳",
    "滕",
    "敖",
)
COMPOUND_SURNAMES = ("張簡", "范姜", "張廖", "歐陽", "司馬", "諸葛", "上官", "簡廖", "劉張", "周黃")
GIVEN = (
    "怡君雅婷淑芬家豪志明俊傑宗翰冠宇承恩柏翰品妍語彤芷晴宥辰子晴詠晴思妤宸睿書瑜沛蓁昱廷彥廷禹安"
    "建宏美玲秀琴麗華文雄金生阿美碧霞素珠明德信宏啟銘振邦鈺婷筱涵珮瑜姵君郁婷惠雯瑋倫韋辰崇瀚"
    "翊綸毓芬琇瑩湘芸蕙如筑鈞靖諭竣堯煒凱曜"
)
INDIGENOUS = (
    ("巴奈", "庫穗"),
    ("瓦旦", "達多"),
    ("拉娃", "谷幸"),
    ("吉娃斯", "巴萬"),
    ("馬躍", "比吼"),
    ("伊萬", "納威"),
    ("阿洛", "卡力亭"),
    ("撒可努", "亞榮隆"),
    ("達卡鬧", "魯魯安"),
    ("希婻", "瑪飛洑"),
)
ROMAN_SURNAME = {
    "陳": "Chen",
    "林": "Lin",
    "黃": "Huang",
    "張": "Chang",
    "李": "Lee",
    "王": "Wang",
    "吳": "Wu",
    "劉": "Liu",
    "蔡": "Tsai",
    "楊": "Yang",
    "許": "Hsu",
    "鄭": "Cheng",
    "謝": "Hsieh",
    "郭": "Kuo",
    "曾": "Tseng",
    "廖": "Liao",
}
ROMAN_GIVEN = (
    "Yi-Chun",
    "Ya-Ting",
    "Shu-Fen",
    "Chia-Hao",
    "Chih-Ming",
    "Chun-Chieh",
    "Tsung-Han",
    "Kuan-Yu",
    "Pin-Yen",
    "Yu-Tung",
    "Mei-Ling",
    "Wen-Hsiung",
    "Hsin-Yi",
    "Po-Han",
)
LATIN_WORKERS = (
    "NGUYEN THI HUONG",
    "TRAN VAN NAM",
    "PHAM THI LAN",
    "SITI NURHALIZA",
    "DEWI LESTARI",
    "MARIA CLARA SANTOS",
    "JUAN DELA CRUZ",
    "SOMCHAI SRISUK",
    "WANNA KAEWSAI",
    "LE THI MAI",
)

#: city/county → [(district/township, [roads …]), …]
PLACES: dict[str, list[tuple[str, list[str]]]] = {
    "臺北市": [("文山區", ["木柵路", "興隆路", "景文街"]), ("北投區", ["石牌路", "中和街", "大度路"])],
    "新北市": [("板橋區", ["文化路", "四川路", "館前東路"]), ("汐止區", ["大同路", "福德一路"])],
    "桃園市": [("復興區", ["中正路", "澤仁路"]), ("中壢區", ["中北路", "環中東路", "延平路"])],
    "臺中市": [("西屯區", ["臺灣大道", "福科路", "河南路"]), ("豐原區", ["圓環東路", "中正路"])],
    "臺南市": [("東區", ["東門路", "裕農路"]), ("永康區", ["中華路", "小東路"])],
    "高雄市": [("前鎮區", ["中華五路", "擴建路"]), ("那瑪夏區", ["達卡努瓦里"]), ("桃源區", ["桃源里"])],
    "基隆市": [("七堵區", ["明德一路", "福二街"])],
    "新竹市": [("東區", ["光復路", "食品路"])],
    "新竹縣": [("尖石鄉", ["嘉樂村"]), ("竹北市", ["光明六路", "嘉豐十一路"])],
    "苗栗縣": [("泰安鄉", ["錦水村"]), ("頭份市", ["中華路", "信義路"])],
    "彰化縣": [("員林市", ["大同路", "中山路"]), ("鹿港鎮", ["中山路", "民族路"])],
    "南投縣": [("仁愛鄉", ["大同村"]), ("信義鄉", ["明德村"]), ("埔里鎮", ["中正路", "西安路"])],
    "雲林縣": [("斗六市", ["大學路", "雲林路"]), ("虎尾鎮", ["林森路"])],
    "嘉義縣": [("阿里山鄉", ["樂野村"]), ("民雄鄉", ["建國路"])],
    "嘉義市": [("西區", ["友愛路", "垂楊路"])],
    "屏東縣": [
        ("三地門鄉", ["三地村"]),
        ("霧臺鄉", ["好茶村"]),
        ("琉球鄉", ["中山路"]),
        ("潮州鎮", ["光華路"]),
    ],
    "宜蘭縣": [("南澳鄉", ["金岳村"]), ("羅東鎮", ["公正路", "純精路"])],
    "花蓮縣": [("秀林鄉", ["富世村"]), ("萬榮鄉", ["明利村"]), ("吉安鄉", ["中山路", "南濱路"])],
    "臺東縣": [("蘭嶼鄉", ["紅頭村", "椰油村"]), ("綠島鄉", ["南寮村"]), ("達仁鄉", ["安朔村"])],
    "澎湖縣": [("馬公市", ["光復路", "三民路"]), ("白沙鄉", ["赤崁村"])],
    "金門縣": [("金城鎮", ["民生路", "珠浦北路"]), ("金湖鎮", ["新市里"])],
    "連江縣": [("南竿鄉", ["介壽村", "復興村"]), ("北竿鄉", ["塘岐村"])],
}
POSTCODES = {
    "臺北市": "116",
    "新北市": "220",
    "桃園市": "336",
    "臺中市": "407",
    "高雄市": "806",
    "澎湖縣": "880",
}
AREA = {  # city → (area code, local digits)
    "臺北市": ("02", 8),
    "新北市": ("02", 8),
    "基隆市": ("02", 8),
    "桃園市": ("03", 7),
    "新竹市": ("03", 7),
    "新竹縣": ("03", 7),
    "宜蘭縣": ("03", 7),
    "花蓮縣": ("03", 7),
    "苗栗縣": ("037", 6),
    "臺中市": ("04", 8),
    "彰化縣": ("04", 7),
    "南投縣": ("049", 7),
    "雲林縣": ("05", 7),
    "嘉義縣": ("05", 7),
    "嘉義市": ("05", 7),
    "臺南市": ("06", 7),
    "澎湖縣": ("06", 7),
    "高雄市": ("07", 7),
    "屏東縣": ("08", 7),
    "臺東縣": ("089", 6),
    "金門縣": ("082", 6),
    "連江縣": ("0836", 5),
}
MAIL_DOMAINS = (
    "gmail.com",
    "yahoo.com.tw",
    "hotmail.com",
    "msa.hinet.net",
    "outlook.com",
    "icloud.com",
    "pchome.com.tw",
    "seed.net.tw",
    "livemail.tw",
    "ms27.hinet.net",
)
COMPANIES = (
    ("晨曦資訊股份有限公司", "dawnsys.com.tw"),
    ("安泰健康管理顧問有限公司", "antai-health.tw"),
    ("北辰物業管理股份有限公司", "beichen-pm.com.tw"),
    ("立青文理補習班", "liching.edu.tw"),
    ("宏遠產物保險股份有限公司", "hongyuan-ins.com.tw"),
    ("好物選市電子商務有限公司", "goodpick.tw"),
    ("澄雲系統整合股份有限公司", "chengyun.com.tw"),
    ("南港聯合診所", "ngclinic.org.tw"),
)
ROLE_BOXES = (
    "service",
    "hr",
    "noreply",
    "billing",
    "info",
    "support",
    "claims",
    "admin",
    "tender",
    "returns",
)
BANKS = (
    ("004", "臺灣銀行"),
    ("700", "中華郵政"),
    ("812", "台新銀行"),
    ("822", "中國信託"),
    ("013", "國泰世華"),
    ("008", "華南銀行"),
)

# ---------------------------------------------------------------- labelled and planted pieces


@dataclass(frozen=True)
class V:
    """A labelled value: its written text, category, canonical value and written form."""

    text: str
    cat: str
    clean: str
    form: str


@dataclass(frozen=True)
class N:
    """A planted hard negative: its text and class."""

    text: str
    kind: str


Piece = str | V | N
Line = list[Piece]
Doc = list[Line]


class Gen:
    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.split_city = "臺北市"

    def pick(self, seq: Any) -> Any:
        return seq[self.rnd.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        return self.rnd.random() < p

    def digits(self, n: int) -> str:
        return "".join(str(self.rnd.randrange(10)) for _ in range(n))

    # ---------------- people
    def person(self) -> tuple[str, str]:
        """(full name in Chinese, a form) — romanised and indigenous names have their own forms."""
        x = self.rnd.random()
        if x < 0.06:
            a, b = self.pick(INDIGENOUS)
            return f"{a}{self.pick(('·', '‧', '・'))}{b}", "name-indigenous"
        if x < 0.14:
            return self.pick(COMPOUND_SURNAMES) + self._given(), "name-compound-surname"
        if x < 0.22:
            return self.pick(RARE_SURNAMES) + self._given(), "name-rare-surname"
        if x < 0.30:
            return self.pick(SURNAMES) + self.pick(GIVEN), "name-two-char"
        return self.pick(SURNAMES) + self._given(), "name-plain"

    def _given(self) -> str:
        return self.pick(GIVEN) + self.pick(GIVEN)

    def name(self, allow_roman: bool = False) -> V:
        if allow_roman and self.chance(0.15):
            s = self.pick(list(ROMAN_SURNAME.values()))
            g = self.pick(ROMAN_GIVEN)
            text = self.pick((f"{g} {s}", f"{s} {g}", f"{s.upper()}, {g.upper()}", f"{s}, {g}"))
            return V(text, "person_name", text, "name-romanised")
        if allow_roman and self.chance(0.05):
            text = self.pick(LATIN_WORKERS)
            return V(text, "person_name", text, "name-foreign-latin")
        text, form = self.person()
        return V(text, "person_name", text, form)

    def spaced_name(self) -> V:
        text, form = self.person()
        while form == "name-indigenous":  # a name with a middle dot is not spaced out by a PDF extractor here
            text, form = self.person()
        spaced = " ".join(text)
        return V(spaced, "person_name", text, "name-spaced-pdf")

    # ---------------- identifiers
    def _id_body(self, second: str) -> str:
        letter = self.pick("ABCDEFGHJKLMNPQTUVXZW")
        return complete_id(letter + second + self.digits(7))

    def nid_clean(self) -> str:
        return self._id_body(self.pick("12"))

    def nid(self) -> V:
        code = self.nid_clean()
        form = self.rnd.choices(
            ("plain", "lower", "fullwidth", "spaced-4-3-3", "dash", "space-after-letter"), (10, 2, 1, 1, 1, 1)
        )[0]
        text = {
            "plain": code,
            "lower": code.lower(),
            "fullwidth": full(code),
            "spaced-4-3-3": f"{code[:4]} {code[4:7]} {code[7:]}",
            "dash": f"{code[0]}-{code[1:]}",
            "space-after-letter": f"{code[0]} {code[1:]}",
        }[form]
        return V(text, "tw_national_id", code, "nid-" + form)

    def rid(self) -> V:
        if self.chance(0.55):
            code, form = self._id_body(self.pick("89")), "rid-new"
        else:
            code, form = self._id_body(self.pick("ABCD")), "rid-old"
        if self.chance(0.15):
            return V(code.lower(), "tw_resident_id", code, form + "-lower")
        return V(code, "tw_resident_id", code, form)

    def passport(self, foreign: bool = False) -> V:
        if foreign:
            kind = self.pick(("vn", "ph", "id", "th", "jp"))
            code = {
                "vn": "C" + self.digits(7),
                "ph": "P" + self.digits(7) + self.pick("ABC"),
                "id": self.pick("BC") + self.digits(7),
                "th": "A" + self.pick("ABC") + self.digits(7),
                "jp": self.pick(("TK", "TR", "MZ")) + self.digits(7),
            }[kind]
            return V(code, "passport", code, "passport-" + kind)
        code = self.pick("3") + self.digits(8)
        return V(code, "passport", code, "passport-tw")

    def nhi(self) -> V:
        code = "0000" + self.digits(8)
        form = self.pick(("plain", "4-4-4", "spaced"))
        text = {
            "plain": code,
            "4-4-4": f"{code[:4]}-{code[4:8]}-{code[8:]}",
            "spaced": f"{code[:4]} {code[4:8]} {code[8:]}",
        }[form]
        return V(text, "nhi_card", code, "nhi-" + form)

    def mobile_clean(self) -> str:
        return "09" + str(self.rnd.randrange(0, 9)) + self.digits(7)

    def mobile(self) -> V:
        m = self.mobile_clean()
        form = self.rnd.choices(
            (
                "plain",
                "4-3-3",
                "4-6",
                "spaced",
                "plus886",
                "plus886-dash",
                "886-space",
                "paren",
                "dots",
                "fullwidth",
            ),
            (8, 8, 3, 2, 2, 2, 1, 1, 1, 1),
        )[0]
        text = {
            "plain": m,
            "4-3-3": f"{m[:4]}-{m[4:7]}-{m[7:]}",
            "4-6": f"{m[:4]}-{m[4:]}",
            "spaced": f"{m[:4]} {m[4:7]} {m[7:]}",
            "plus886": "+886" + m[1:],
            "plus886-dash": f"+886-{m[1:4]}-{m[4:7]}-{m[7:]}",
            "886-space": f"886 {m[1:4]} {m[4:7]} {m[7:]}",
            "paren": f"({m[:4]}){m[4:]}",
            "dots": f"{m[:4]}.{m[4:7]}.{m[7:]}",
            "fullwidth": full(f"{m[:4]}-{m[4:7]}-{m[7:]}"),
        }[form]
        return V(text, "mobile_phone", m, "mobile-" + form)

    def landline_parts(self, city: str | None = None) -> tuple[str, str]:
        city = city or self.pick(list(AREA))
        code, n = AREA[city]
        first = str(self.rnd.randrange(2, 9))
        return code, first + self.digits(n - 1)

    def landline(self, city: str | None = None) -> V:
        code, local = self.landline_parts(city)
        mid = len(local) // 2 if len(local) < 8 else 4
        a, b = local[:mid], local[mid:]
        form = self.rnd.choices(
            ("paren", "dash", "dash-split", "plain", "spaced", "plus886", "paren-space"),
            (6, 5, 4, 2, 2, 2, 2),
        )[0]
        text = {
            "paren": f"({code}){a}-{b}",
            "dash": f"{code}-{local}",
            "dash-split": f"{code}-{a}-{b}",
            "plain": code + local,
            "spaced": f"{code} {a} {b}",
            "plus886": f"+886-{code[1:]}-{a}-{b}",
            "paren-space": f"({code}) {a} {b}",
        }[form]
        return V(text, "landline_phone", code + local, "landline-" + form)

    def email(self, name_hint: str | None = None) -> V:
        stem = self.pick(("amy", "kevin", "jolin", "ahong", "meimei", "tw", "sunny", "ivy", "jason", "peggy"))
        if name_hint:
            stem = name_hint.lower().replace("-", "").replace(" ", ".").replace(",", "")
        local = stem + self.pick(("", ".", "_", "")) + self.digits(self.pick((2, 3, 4)))
        addr = f"{local}@{self.pick(MAIL_DOMAINS)}"
        form = self.rnd.choices(("plain", "upper", "fullwidth-at"), (12, 1, 1))[0]
        text = {"plain": addr, "upper": addr.upper(), "fullwidth-at": addr.replace("@", "＠")}[form]
        return V(text, "email", addr, "email-" + form)

    def card(self) -> V:
        brand = self.pick(("visa", "mc", "mc2", "jcb", "amex", "cup"))
        if brand == "amex":
            num = luhn_complete(self.pick(("34", "37")) + self.digits(12))
            text = self.pick((num, f"{num[:4]} {num[4:10]} {num[10:]}", f"{num[:4]}-{num[4:10]}-{num[10:]}"))
        else:
            prefix = {
                "visa": "4",
                "mc": str(self.rnd.randrange(51, 56)),
                "mc2": str(self.rnd.randrange(2221, 2721)),
                "jcb": str(self.rnd.randrange(3528, 3590)),
                "cup": "62",
            }[brand]
            num = luhn_complete(prefix + self.digits(15 - len(prefix)))
            sep = self.pick(("", " ", "-", " "))
            text = sep.join(num[i : i + 4] for i in range(0, 16, 4))
        return V(text, "credit_card", num, f"card-{brand}")

    def account(self) -> tuple[str, V]:
        """(bank words written before it, the account)."""
        code, bank = self.pick(BANKS)
        if code == "700":
            office, acct = self.digits(7), self.digits(7)
            text = self.pick((f"{office}-{acct}", f"{office} {acct}", office + acct))
            return f"{bank} 局號-帳號 ", V(text, "bank_account", office + acct, "account-post-office")
        n = self.pick((12, 13, 14))
        acct = self.digits(n)
        form = self.pick(("plain", "dashed", "plain"))
        text = acct if form == "plain" else f"{acct[:4]}-{acct[4:7]}-{acct[7:]}"
        lead = self.pick((f"{bank}({code}) ", f"{code} {bank} ", f"銀行代碼{code} ", f"{bank} "))
        return lead, V(text, "bank_account", acct, "account-" + form)

    def birthday(self) -> dt.date:
        return dt.date(1938, 1, 1) + dt.timedelta(days=self.rnd.randrange(0, 365 * 76))

    def birth(self, allow_cn: bool = True) -> V:
        d = self.birthday()
        roc = d.year - 1911
        forms = ["roc-slash", "roc-words", "iso", "slash", "roc-dot-3", "compact", "roc-7", "dmy", "english"]
        if allow_cn:
            forms.append("roc-chinese-numerals")
        form = self.pick(forms)
        text = {
            "roc-slash": f"{roc}/{d.month:02d}/{d.day:02d}",
            "roc-words": f"民國{roc}年{d.month}月{d.day}日",
            "iso": d.isoformat(),
            "slash": f"{d.year}/{d.month}/{d.day}",
            "roc-dot-3": f"{roc:03d}.{d.month:02d}.{d.day:02d}",
            "compact": f"{d.year}{d.month:02d}{d.day:02d}",
            "roc-7": f"{roc:03d}{d.month:02d}{d.day:02d}",
            "dmy": f"{d.day:02d}/{d.month:02d}/{d.year}",
            "english": d.strftime("%b %d, %Y").replace(" 0", " "),
            "roc-chinese-numerals": f"{_cn(roc)}年{_cn(d.month)}月{_cn(d.day)}日",
        }[form]
        return V(text, "birth_date", d.isoformat(), "birth-" + form)

    def address(self, city: str | None = None, allow_post: bool = True) -> tuple[str, V]:
        """(a postcode written before it or '', the address)."""
        city = city or self.pick(list(PLACES))
        district, roads = self.pick(PLACES[city])
        road = self.pick(roads)
        shown_city = city.replace("臺", "台") if self.chance(0.3) else city
        num = self.rnd.randrange(1, 400)
        if road.endswith("村") or road.endswith("里"):
            form = "address-village"
            body = f"{road}{self.rnd.randrange(1, 20)}鄰{num}號"
            if self.chance(0.4):
                body = f"{road}{num}號"
        else:
            form = "address-street"
            body = road
            if road.endswith("路") and self.chance(0.3):
                body += self.pick(("一段", "二段", "三段", "四段"))
            if self.chance(0.3):
                body += f"{self.rnd.randrange(1, 300)}巷"
                if self.chance(0.3):
                    body += f"{self.rnd.randrange(1, 40)}弄"
            body += f"{num}號" if self.chance(0.8) else f"{num}之{self.rnd.randrange(1, 9)}號"
            if self.chance(0.6):
                body += self.pick(
                    (
                        f"{self.rnd.randrange(2, 25)}樓",
                        f"{self.rnd.randrange(2, 15)}樓之{self.rnd.randrange(1, 9)}",
                        f"{self.rnd.randrange(2, 12)}F",
                        "B1",
                    )
                )
        sep = " " if self.chance(0.1) else ""
        text = f"{shown_city}{sep}{district}{sep}{body}"
        if self.chance(0.08):
            text = full(text)
            form += "-fullwidth"
        elif sep:
            form += "-spaced"
        post = ""
        if allow_post and city in POSTCODES and self.chance(0.3):
            post = POSTCODES[city] + self.pick(("", " "))
        return post, V(text, "address", text, form)

    def ip(self) -> V:
        first = self.pick(
            (1, 27, 36, 42, 49, 59, 61, 101, 111, 114, 118, 122, 123, 163, 175, 180, 203, 211, 220, 223)
        )
        text = f"{first}.{self.rnd.randrange(256)}.{self.rnd.randrange(256)}.{self.rnd.randrange(1, 255)}"
        if self.chance(0.06):
            text = f"2001:b011:{self.rnd.randrange(0x1000, 0xFFFF):x}:{self.rnd.randrange(0x10, 0xFFFF):x}::{self.rnd.randrange(1, 0xFFFF):x}"
            return V(text, "ip_address", text, "ipv6")
        return V(text, "ip_address", text, "ipv4")

    def plate(self) -> V:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"

        def ls(n: int) -> str:
            return "".join(self.pick(letters) for _ in range(n))

        def ds(n: int) -> str:
            return "".join(self.pick("012356789") for _ in range(n))

        kind = self.pick(("car-new", "car-new", "car-old", "car-old-rev", "moto-new", "moto-old", "ev"))
        plate = {
            "car-new": f"{ls(3)}-{ds(4)}",
            "car-old": f"{ls(2)}-{ds(4)}",
            "car-old-rev": f"{ds(4)}-{ls(2)}",
            "moto-new": f"{ls(3)}-{ds(3)}",
            "moto-old": f"{ds(3)}-{ls(3)}",
            "ev": f"E{ls(2)}-{ds(4)}",
        }[kind]
        style = self.rnd.choices(("dash", "nodash", "lower", "fullwidth", "space"), (10, 2, 1, 1, 1))[0]
        text = {
            "dash": plate,
            "nodash": plate.replace("-", ""),
            "lower": plate.lower(),
            "fullwidth": full(plate),
            "space": plate.replace("-", " "),
        }[style]
        return V(text, "vehicle_plate", plate, f"plate-{kind}-{style}")

    def ubn_clean(self) -> str:
        while True:
            code = self.digits(8)
            if ubn_ok(code):
                return code

    def ubn(self) -> V:
        code = self.ubn_clean()
        if code[6] == "7":
            return V(code, "ubn", code, "ubn-7th-digit-7")
        return V(code, "ubn", code, "ubn")

    # ---------------- hard negatives
    def neg_luhn_order(self) -> N:
        return N(luhn_complete("2026" + self.digits(11)), "luhn-order-number")

    def neg_id_serial(self) -> N:
        return N(
            complete_id(self.pick("ABCDEFGHJKMNPQ") + self.pick("12") + self.digits(7)),
            "serial-passing-id-check",
        )

    def neg_old_arc_tracking(self) -> N:
        return N(
            complete_id(self.pick("ABCDEFGH") + self.pick("ABCD") + self.digits(7)),
            "tracking-passing-arc-check",
        )

    def neg_invoice(self) -> N:
        return N(self.pick(("AB", "KX", "QM", "ZT", "UV")) + self.digits(8), "invoice-number")

    def neg_invoice_dash(self) -> N:
        return N(self.pick(("AB", "KX", "QM", "ZT")) + "-" + self.digits(8), "invoice-number")

    def neg_date(self, kind: str) -> N:
        d = dt.date(2024, 1, 1) + dt.timedelta(days=self.rnd.randrange(0, 900))
        roc = d.year - 1911
        text = self.pick(
            (
                f"{roc}/{d.month:02d}/{d.day:02d}",
                d.isoformat(),
                f"{d.year}/{d.month}/{d.day}",
                f"民國{roc}年{d.month}月{d.day}日",
            )
        )
        return N(text, kind)

    def neg_company_phone(self, kind: str = "company-switchboard") -> N:
        code, local = self.landline_parts()
        return N(f"({code}){local[:-4]}-{local[-4:]}", kind)

    def neg_tollfree(self) -> N:
        return N(f"0800-{self.digits(3)}-{self.digits(3)}", "toll-free")

    def neg_role_mail(self, domain: str) -> N:
        return N(f"{self.pick(ROLE_BOXES)}@{domain}", "role-mailbox")

    def neg_company_address(self) -> N:
        _, v = self.address(allow_post=False)
        return N(v.text, "company-address")

    def neg_masked_card(self) -> N:
        return N(f"{self.pick(('4311', '5520', '3560'))}-****-****-{self.digits(4)}", "masked-card")

    def neg_masked_id(self) -> N:
        return N(f"{self.pick('ABFHKS')}{self.pick('12')}{self.digits(2)}****{self.digits(2)}", "masked-id")

    def neg_version(self) -> N:
        return N(
            f"{self.rnd.randrange(1, 12)}.{self.rnd.randrange(0, 30)}.{self.rnd.randrange(0, 9)}.{self.rnd.randrange(100, 2000)}",
            "version-ip-shaped",
        )

    def neg_oid(self) -> N:
        return N(f"1.3.6.1.4.1.{self.rnd.randrange(1000, 60000)}", "oid")

    def neg_gps(self) -> N:
        return N(f"{self.rnd.uniform(21.9, 25.3):.5f}, {self.rnd.uniform(119.3, 122.0):.5f}", "gps")

    def neg_sku(self) -> N:
        return N(
            f"{self.pick(('TX', 'MDX', 'KBD', 'NAS'))}-{self.rnd.randrange(100, 9999)}", "sku-plate-shaped"
        )

    def neg_carrier(self) -> N:
        return N(
            "/" + "".join(self.pick("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789+-.") for _ in range(7)),
            "mobile-barcode-carrier",
        )

    def neg_amount(self) -> N:
        return N(f"{self.rnd.randrange(1, 999)},{self.digits(3)}", "amount")

    def neg_policy(self) -> N:
        return N(self.pick(("HY", "PL", "CL")) + self.digits(10), "policy-or-claim-number")

    def neg_record_no(self) -> N:
        return N(self.digits(self.pick((8, 10))), "medical-record-number")

    def neg_student_no(self) -> N:
        return N(self.pick(("S", "B", "LC")) + self.digits(7), "student-number")

    def neg_company_account(self) -> N:
        return N(self.digits(14), "company-account")


def _cn(n: int) -> str:
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return "".join(digits[int(c)] for c in str(n))


# ---------------------------------------------------------------- documents


def company(g: Gen) -> tuple[str, str]:
    c: tuple[str, str] = g.pick(COMPANIES)
    return c


def clinic_export(g: Gen) -> Doc:
    """健檢/門診 appointment export as key: value blocks."""
    name, clinic_dom = g.name(), company(g)[1]
    post, addr = g.address()
    lines: Doc = [
        ["===== 健檢預約單 ", g.neg_record_no(), " ====="],
        ["受檢者：", name, "　性別：", g.pick(("男", "女"))],
        [g.pick(("身分證字號：", "身份證號：", "ID No.: ")), g.nid()],
        [g.pick(("出生日期：", "生日：", "DOB ")), g.birth()],
        ["健保卡號：", g.nhi()],
        ["聯絡手機：", g.mobile(), "　備用：", g.landline()],
        ["通訊地址：", post, addr],
        ["預約日期：", g.neg_date("appointment-date"), " 上午 08:30　報到地點：", g.neg_company_address()],
        ["院所總機 ", g.neg_company_phone(), "　客服信箱 ", g.neg_role_mail(clinic_dom)],
    ]
    if g.chance(0.4):
        lines.append(["緊急聯絡人：", g.name(), "（", g.pick(("母", "配偶", "子", "兄")), "） ", g.mobile()])
    return lines


def cram_roster(g: Gen) -> Doc:
    """補習班 roster lines, pipe-separated, no header words on the values."""
    out: Doc = [
        [
            "【立青文理】",
            g.pick(("國二數學A班", "高三物理衝刺班", "小六英文班")),
            " 學員名冊 ",
            g.neg_date("roster-date"),
        ]
    ]
    for _ in range(g.rnd.randrange(2, 5)):
        child = g.name()
        parent = g.name()
        out.append(
            [
                g.neg_student_no(),
                " | ",
                child,
                " | ",
                g.birth(allow_cn=False),
                " | 家長 ",
                parent,
                " | ",
                g.mobile(),
                " | 學費 ",
                g.neg_amount(),
            ]
        )
    return out


def resident_list(g: Gen) -> Doc:
    """社區住戶名冊 text rows."""
    out: Doc = [
        [
            "北辰物業 社區住戶聯絡清冊（",
            g.neg_date("document-date"),
            " 更新）管理室 ",
            g.neg_company_phone("company-switchboard"),
        ]
    ]
    for _ in range(g.rnd.randrange(2, 5)):
        out.append(
            [
                g.pick(("A", "B", "C")),
                f"棟{g.rnd.randrange(2, 21)}F-{g.rnd.randrange(1, 6)} ",
                g.name(),
                " ",
                g.mobile(),
                " 車位",
                N(f"B{g.rnd.randrange(1, 4)}-{g.rnd.randrange(1, 200):03d}", "parking-space"),
                " 車號 ",
                g.plate(),
            ]
        )
    return out


def lease(g: Gen) -> Doc:
    """租賃契約 text: the parties, their IDs, the leased address, the rent account."""
    landlord, tenant = g.name(), g.name()
    lead, acct = g.account()
    post, addr = g.address()
    foreign = g.chance(0.3)
    tenant_id = g.rid() if foreign else g.nid()
    out: Doc = [
        [
            "房屋租賃契約書　立契約書人 出租人 ",
            landlord,
            "（以下簡稱甲方）承租人 ",
            tenant,
            "（以下簡稱乙方）",
        ],
        ["第一條 租賃標的：", post, addr, "。"],
        ["第二條 租賃期間自 ", g.neg_date("contract-date"), " 起至 ", g.neg_date("contract-date"), " 止。"],
        ["第三條 租金每月新臺幣 ", g.neg_amount(), " 元，乙方應於每月五日前匯入甲方帳戶：", lead, acct, "。"],
        ["甲方身分證統一編號：", g.nid(), "　電話：", g.mobile()],
        ["乙方" + ("居留證號：" if foreign else "身分證統一編號："), tenant_id, "　出生：", g.birth()],
    ]
    if foreign:
        out.append(["乙方護照號碼：", g.passport(foreign=True)])
    return out


def claim_mail(g: Gen) -> Doc:
    """保險理賠 e-mail thread."""
    claimant = g.name()
    insurer, dom = "宏遠產物保險股份有限公司", "hongyuan-ins.com.tw"
    lead, acct = g.account()
    agent = g.name()
    return [
        ["From: ", claimant, " <", g.email(), ">"],
        ["To: ", g.neg_role_mail(dom)],
        ["Subject: 理賠申請 保單號碼 ", g.neg_policy(), " 事故日 ", g.neg_date("accident-date")],
        ["您好，我是被保險人", claimant, "，身分證", g.nid(), "，生日", g.birth(), "。"],
        ["請將理賠金匯入我的帳戶 ", lead, acct, "，謝謝。住址：", *g.address()],
        ["-- "],
        [agent, " 理賠專員 | ", insurer],
        [
            "直撥 ",
            g.landline(),
            " 分機 ",
            N(str(g.rnd.randrange(100, 999)), "extension"),
            "｜總機 ",
            g.neg_company_phone(),
            "｜傳真 ",
            g.neg_company_phone("company-fax"),
        ],
    ]


def tender(g: Gen) -> Doc:
    """政府標案 attachment text: bidder company, its responsible person, contact."""
    boss, contact = g.name(), g.name()
    name, dom = company(g)
    return [
        [
            "附件二　投標廠商聲明書　案號：",
            N(f"{g.rnd.randrange(112, 116)}A{g.digits(4)}", "tender-case-number"),
        ],
        ["廠商名稱：", name, "　統一編號：", g.ubn()],
        ["廠商地址：", g.neg_company_address(), "　電話：", g.neg_company_phone()],
        ["負責人：", boss, "　身分證字號：", g.nid()],
        ["聯絡人：", contact, "　行動電話：", g.mobile(), "　E-mail：", g.email()],
        [
            "共同投標廠商統編 ",
            g.ubn(),
            "；押標金 ",
            g.neg_amount(),
            " 元；開標日期 ",
            g.neg_date("tender-date"),
        ],
    ]


def return_form(g: Gen) -> Doc:
    """電商退貨單."""
    buyer = g.name()
    post, addr = g.address()
    out: Doc = [
        ["退貨申請｜訂單編號 ", g.neg_luhn_order(), "｜物流單號 ", g.neg_id_serial()],
        ["收件人 ", buyer, " 手機 ", g.mobile(), " 取件地址 ", post, addr],
        ["退款方式：原卡退刷 ", g.neg_masked_card(), "｜發票 ", g.neg_invoice(), " 載具 ", g.neg_carrier()],
    ]
    if g.chance(0.4):
        out.append(["公司戶退貨，買方統編 ", g.ubn(), "，抬頭 ", company(g)[0]])
    if g.chance(0.3):
        out.append(["改以信用卡 ", g.card(), " 退款（客戶來電指定）"])
    return out


def payslip(g: Gen) -> Doc:
    """HR 薪資單 text."""
    emp = g.name(allow_roman=True)
    lead, acct = g.account()
    return [
        [
            f"{g.rnd.randrange(113, 116)}年{g.rnd.randrange(1, 13)}月 薪資明細　員工編號 ",
            N("E" + g.digits(5), "employee-number"),
            "　姓名 ",
            emp,
        ],
        ["本薪 ", g.neg_amount(), "　伙食津貼 2,400　勞保自付 ", g.neg_amount(), "　實發 ", g.neg_amount()],
        ["薪轉帳戶：", lead, acct, "　身分證號：", g.nid()],
        ["發放日 ", g.neg_date("pay-date"), "　如有疑問請洽 ", g.neg_role_mail("chengyun.com.tw")],
    ]


def crm_note(g: Gen) -> Doc:
    """CRM notes typed in a hurry, with typos in the label words."""
    who = g.name()
    post, addr = g.address()
    pieces: list[Line] = [
        [
            g.neg_date("note-date"),
            " 客戶",
            who,
            g.pick(("來電", "來店", "留言")),
            "，",
            g.pick(("手雞", "手機", "手ㄐ", "手机")),
            "換成",
            g.mobile(),
            "，請更新",
        ],
        [
            "地扯" if g.chance(0.5) else "地址",
            "改為",
            post,
            addr,
            "，",
            g.pick(("生曰", "生日", "生曰是")),
            g.birth(),
            "，身份證",
            g.nid(),
        ],
        ["上次登入IP ", g.ip(), "，信箱 ", g.email(), " 已驗證"],
    ]
    g.rnd.shuffle(pieces)
    return pieces[: g.rnd.randrange(1, 4)]


def sms_export(g: Gen) -> Doc:
    """SMS gateway export and a LINE chat excerpt."""
    out: Doc = []
    for _ in range(g.rnd.randrange(1, 4)):
        ts = g.neg_date("message-date")
        who = g.name()
        out.append(
            [
                ts,
                " 10:",
                f"{g.rnd.randrange(60):02d}",
                " TO:",
                g.mobile(),
                " 【南港聯合診所】",
                who,
                "您好，提醒您明日門診，如需取消請回覆",
            ]
        )
    if g.chance(0.6):
        a, b = g.name(), g.name()
        out.append(["[LINE] ", a, "：我的車牌是", g.plate(), "，停B2"])
        out.append(["[LINE] ", b, "：收到，你的email寄", g.email(), "嗎？"])
    return out


def webform_log(g: Gen) -> Doc:
    """Web-form JSON log lines."""
    out: Doc = []
    for _ in range(g.rnd.randrange(1, 4)):
        name, mob, mail, ip = g.name(), g.mobile(), g.email(), g.ip()
        ver = g.neg_version()
        out.append(
            [
                '{"ts":"',
                N((dt.date(2025, 1, 1) + dt.timedelta(days=g.rnd.randrange(700))).isoformat(), "log-date"),
                'T09:12:33Z","client_ip":"',
                ip,
                '","app":"',
                ver,
                '","form":{"name":"',
                name,
                '","phone":"',
                mob,
                '","email":"',
                mail,
                '"}}',
            ]
        )
    return out


def pdf_text(g: Gen) -> Doc:
    """PDF-to-text output: labels and values on separate lines, spaced headings, page footers."""
    return [
        ["申 請 人 基 本 資 料"],
        ["姓名"],
        [g.spaced_name() if g.chance(0.3) else g.name()],
        ["國民身分證"],
        ["統一編號 ", g.nid()],
        ["出生年月日"],
        [g.birth()],
        ["戶籍地址"],
        [*g.address()],
        ["連絡電話（宅）", g.landline(), "（手機）", g.mobile()],
        [f"第 {g.rnd.randrange(1, 9)} 頁，共 {g.rnd.randrange(9, 20)} 頁"],
    ]


def broker_list(g: Gen) -> Doc:
    """人力仲介 worker list: foreign names, resident certificates, passports."""
    out: Doc = []
    for _ in range(g.rnd.randrange(1, 4)):
        out.append(
            [
                "移工 ",
                V(x := g.pick(LATIN_WORKERS), "person_name", x, "name-foreign-latin"),
                " 居留證 ",
                g.rid(),
                " 護照 ",
                g.passport(foreign=True),
                " 雇主 ",
                g.name(),
            ]
        )
    return out


def misc_negatives(g: Gen) -> Doc:
    dom = company(g)[1]
    return [
        [
            "客服專線 ",
            g.neg_tollfree(),
            "，傳真 ",
            g.neg_company_phone("company-fax"),
            "，來信 ",
            g.neg_role_mail(dom),
        ],
        ["機房座標 ", g.neg_gps(), "，韌體 v", g.neg_version(), "，SNMP OID ", g.neg_oid()],
        ["出貨序號 ", g.neg_id_serial(), "，貨運追蹤 ", g.neg_old_arc_tracking(), "，品號 ", g.neg_sku()],
        [
            "訂單 ",
            g.neg_luhn_order(),
            " 發票 ",
            g.neg_invoice_dash(),
            " 金額 ",
            g.neg_amount(),
            " 元，卡號 ",
            g.neg_masked_card(),
        ],
        [
            "客戶 ID ",
            g.neg_masked_id(),
            " 已遮罩；公司匯款帳戶 ",
            g.neg_company_account(),
            "（",
            company(g)[0],
            "）",
        ],
        ["本公司地址 ", g.neg_company_address(), "，總機 ", g.neg_company_phone()],
    ][g.rnd.randrange(0, 6) :][:2]


TEMPLATES: list[tuple[Callable[[Gen], Doc], int]] = [
    (clinic_export, 8),
    (cram_roster, 6),
    (resident_list, 6),
    (lease, 5),
    (claim_mail, 5),
    (tender, 4),
    (return_form, 6),
    (payslip, 5),
    (crm_note, 8),
    (sms_export, 6),
    (webform_log, 5),
    (pdf_text, 4),
    (broker_list, 3),
]
FILLER = (
    "會議記錄：下週一起系統維護，請各單位預先備份。",
    "本文件僅供內部使用，未經許可不得轉載。",
    "-----------------------------------------",
    "備註：以上資料如有錯誤請於七日內通知承辦人。",
    "系統匯出完成，共計筆數如下。",
    "請確認附件內容無誤後回覆。",
    "本案依政府採購法辦理。",
    "",
    "Thank you for your patience.",
    "以下空白",
)

# ---------------------------------------------------------------- tables


def _cell(v: Piece | list[Piece]) -> list[Piece]:
    return v if isinstance(v, list) else [v]


def _roc_date(g: Gen) -> N:
    return g.neg_date("appointment-date")


#: table kind → [(header spellings, cell maker)]
TableCols = list[tuple[tuple[str, ...], Callable[[Gen], Any]]]
TABLES: dict[str, TableCols] = {
    "patients": [
        (("病歷號", "chart_no", "病歷號碼"), lambda g: g.neg_record_no()),
        (("姓名", "受檢者", "patient_name", "病患姓名"), lambda g: g.name()),
        (("身分證字號", "ID", "身份證"), lambda g: g.nid()),
        (("出生日期", "生日", "birthday"), lambda g: g.birth(allow_cn=False)),
        (("健保卡號", "NHI_no"), lambda g: g.nhi()),
        (("手機", "行動電話", "mobile"), lambda g: g.mobile()),
        (("預約日期", "appt_date"), _roc_date),
        (("Email", "電子信箱"), lambda g: g.email()),
        (("院區電話",), lambda g: g.neg_company_phone()),
    ],
    "students": [
        (("學號", "student_id"), lambda g: g.neg_student_no()),
        (("學生姓名", "學員"), lambda g: g.name()),
        (("生日", "出生年月日"), lambda g: g.birth(allow_cn=False)),
        (("家長姓名", "監護人"), lambda g: g.name()),
        (("家長手機", "聯絡電話"), lambda g: g.mobile()),
        (("住家電話", "市話"), lambda g: g.landline()),
        (("地址", "通訊地址"), lambda g: g.address(allow_post=False)[1]),
        (("學費", "金額"), lambda g: g.neg_amount()),
    ],
    "residents": [
        (
            ("戶號", "門牌"),
            lambda g: N(f"{g.pick('ABC')}{g.rnd.randrange(2, 21)}-{g.rnd.randrange(1, 6)}", "unit-number"),
        ),
        (("住戶姓名", "區權人", "resident"), lambda g: g.name()),
        (("手機", "cell"), lambda g: g.mobile()),
        (("區碼",), lambda g: _area_cell(g)),
        (("電話", "室內電話"), lambda g: _split_landline(g)),
        (("車牌", "車號", "plate_no"), lambda g: g.plate()),
        (("車位",), lambda g: N(f"B{g.rnd.randrange(1, 4)}-{g.rnd.randrange(1, 200):03d}", "parking-space")),
        (("E-mail", "信箱"), lambda g: g.email()),
    ],
    "payroll": [
        (("員工編號", "emp_no"), lambda g: N("E" + g.digits(5), "employee-number")),
        (("姓名", "員工姓名", "Name"), lambda g: g.name(allow_roman=True)),
        (("身分證號", "證號"), lambda g: g.nid()),
        (("銀行代碼",), lambda g: N(g.pick(BANKS)[0], "bank-code-cell")),
        (("薪轉帳號", "帳號", "account_no"), lambda g: _acct(g)),
        (("實發金額", "net_pay"), lambda g: g.neg_amount()),
        (("到職日", "hire_date"), lambda g: g.neg_date("hire-date")),
        (("生日", "出生日"), lambda g: g.birth(allow_cn=False)),
    ],
    "returns": [
        (("訂單編號", "order_no"), lambda g: g.neg_luhn_order()),
        (("收件人", "取件人"), lambda g: g.name()),
        (("手機", "收件人電話"), lambda g: g.mobile()),
        (("取件地址", "地址"), lambda g: g.address(allow_post=False)[1]),
        (("物流單號", "tracking_no"), lambda g: g.neg_id_serial()),
        (("發票號碼",), lambda g: g.neg_invoice()),
        (("買方統編", "統一編號"), lambda g: g.ubn()),
        (("退款卡號", "card_no"), lambda g: g.card()),
        (("載具",), lambda g: g.neg_carrier()),
    ],
    "tenants": [
        (("承租人", "房客姓名"), lambda g: g.name(allow_roman=True)),
        (("證件號碼", "身分證/居留證"), lambda g: g.rid() if g.chance(0.4) else g.nid()),
        (("護照號碼", "passport_no"), lambda g: g.passport(foreign=g.chance(0.5))),
        (("戶籍地址",), lambda g: g.address(allow_post=False)[1]),
        (("出生日期", "DOB"), lambda g: g.birth(allow_cn=False)),
        (("租金帳號",), lambda g: _acct(g)),
        (("合約起日", "start_date"), lambda g: g.neg_date("contract-date")),
        (("機車車牌", "車牌"), lambda g: g.plate()),
    ],
    "webforms": [
        (("submitted_at", "送出時間"), lambda g: g.neg_date("log-date")),
        (("client_ip", "IP"), lambda g: g.ip()),
        (("name", "聯絡人"), lambda g: g.name(allow_roman=True)),
        (("email", "mail"), lambda g: g.email()),
        (("phone", "tel"), lambda g: g.mobile() if g.chance(0.7) else g.landline()),
        (("app_version",), lambda g: g.neg_version()),
        (("company_ban", "公司統編"), lambda g: g.ubn()),
        (("credit_card",), lambda g: g.card()),
    ],
    "workers": [
        (
            ("英文姓名", "Name"),
            lambda g: V(x := g.pick(LATIN_WORKERS), "person_name", x, "name-foreign-latin"),
        ),
        (("居留證號", "ARC No."), lambda g: g.rid()),
        (("護照號碼", "Passport"), lambda g: g.passport(foreign=True)),
        (("雇主", "雇主姓名"), lambda g: g.name()),
        (("雇主電話",), lambda g: g.mobile()),
        (("工作地址",), lambda g: g.address(allow_post=False)[1]),
        (("入境日",), lambda g: g.neg_date("arrival-date")),
        (("健保卡號",), lambda g: g.nhi()),
    ],
}


def _area_cell(g: Gen) -> N:
    """The area-code cell of a split phone; the number cell after it (``_split_landline``) uses the same city."""
    g.split_city = g.pick(("臺北市", "新竹市", "臺中市", "彰化縣", "高雄市", "臺東縣"))
    return N(AREA[g.split_city][0], "area-code-cell")


def _split_landline(g: Gen) -> V:
    code, local = g.landline_parts(g.split_city)
    text = local if g.chance(0.5) else f"{local[:-4]}-{local[-4:]}"
    return V(text, "landline_phone", code + local, "landline-split-cell")


def _acct(g: Gen) -> V:
    return g.account()[1]


# ---------------------------------------------------------------- writing


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


class Writer:
    def __init__(self, out: Path, g: Gen, negatives: Path | None) -> None:
        self.out, self.g = out, g
        self.labels = (out / "labels.jsonl").open("w", encoding="utf-8")
        self.negs = negatives.open("w", encoding="utf-8") if negatives else None

    def _emit(self, where: dict[str, Any], pieces: list[Piece]) -> str:
        text = ""
        for p in pieces:
            start = len(text)
            s = p if isinstance(p, str) else p.text
            text += s
            if isinstance(p, V):
                rec = {**where, "category": p.cat, "value": p.text, "start": start, "end": len(text)}
                rec.update({"clean": p.clean, "form": p.form})
                self.labels.write(json.dumps(rec, ensure_ascii=False) + "\n")
            elif isinstance(p, N) and self.negs is not None:
                rec = {**where, "start": start, "end": len(text), "kind": p.kind, "text": p.text}
                self.negs.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return text

    def text(self, name: str, size: int, templates: list[tuple[Callable[[Gen], Doc], int]]) -> None:
        makers, weights = zip(*templates, strict=True)
        g, number, written = self.g, 0, 0
        with (self.out / name).open("w", encoding="utf-8") as handle:
            while written < size:
                x = g.rnd.random()
                doc = (
                    g.rnd.choices(makers, weights)[0](g)
                    if x < 0.5
                    else misc_negatives(g)
                    if x < 0.7
                    else [[g.pick(FILLER)]]
                )
                for pieces in doc:
                    number += 1
                    line = self._emit({"file": name, "line": number}, pieces)
                    handle.write(line + "\n")
                    written += len(line.encode()) + 1

    def _rows(self, kind: str, encoding: str) -> tuple[list[str], TableCols]:
        cols = TABLES[kind]
        headers = [self.g.pick(names) for names, _ in cols]
        return headers, cols

    def _row(self, cols: TableCols, encoding: str) -> list[list[Piece]]:
        while True:
            row = [_cell(make(self.g)) for _, make in cols]
            if all(
                _encodable("".join(p if isinstance(p, str) else p.text for p in c), encoding) for c in row
            ):
                return row

    def table(self, name: str, kind: str, size: int, encoding: str) -> None:
        headers, cols = self._rows(kind, encoding)
        with (self.out / name).open("w", encoding=encoding, newline="") as handle:
            out = csv.writer(handle)
            out.writerow(headers)
            number = 1
            while handle.tell() < size:
                number += 1
                cells = [
                    self._emit({"file": name, "row": number, "column": h}, c)
                    for h, c in zip(headers, self._row(cols, encoding), strict=True)
                ]
                out.writerow(cells)

    def workbook(self, name: str, rows: int) -> None:
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        for title, kind in (("住戶名冊", "residents"), ("健檢名單", "patients")):
            sheet = book.create_sheet(title)
            headers, cols = self._rows(kind, "utf-8")
            sheet.append(headers)
            for number in range(2, rows + 2):
                values: list[Any] = []
                for h, c in zip(headers, self._row(cols, "utf-8"), strict=True):
                    where = {"file": name, "sheet": title, "row": number, "column": h}
                    if (
                        kind == "patients"
                        and len(c) == 1
                        and isinstance(c[0], V)
                        and c[0].cat == "birth_date"
                        and self.g.chance(0.5)
                    ):
                        d = dt.date.fromisoformat(c[0].clean)
                        rec = {
                            **where,
                            "category": "birth_date",
                            "value": d.isoformat(),
                            "clean": d.isoformat(),
                            "form": "xlsx-date-cell",
                        }
                        self.labels.write(json.dumps(rec, ensure_ascii=False) + "\n")
                        values.append(dt.datetime(d.year, d.month, d.day))
                        continue
                    values.append(self._emit(where, c))
                sheet.append(values)
        book.save(self.out / name)

    def close(self) -> None:
        self.labels.close()
        if self.negs is not None:
            self.negs.close()


CSV_KINDS = ("patients", "students", "residents", "payroll", "returns", "tenants", "webforms", "workers")
ENCODINGS = ("utf-8", "cp950", "utf-8-sig")


def generate(out: Path, size_mb: float, seed: int, negatives: Path | None = None) -> None:
    """About ``size_mb`` MB: 55 % text (three .txt and one .log), 40 % CSV (eight kinds, three encodings),
    one XLSX of two sheets."""
    out.mkdir(parents=True, exist_ok=True)
    g = Gen(seed)
    w = Writer(out, g, negatives)
    total = int(size_mb * 1024 * 1024)
    text = int(total * 0.55)
    names = ("h8_docs_000.txt", "h8_weblog_001.log", "h8_docs_002.txt", "h8_docs_003.txt")
    for name in names:
        if name.endswith(".log"):
            w.text(name, text // 4, [(webform_log, 6), (crm_note, 1)])
        else:
            w.text(name, text // 4, TEMPLATES)
    tables = int(total * 0.4)
    for n, kind in enumerate(CSV_KINDS):
        w.table(f"h8_{kind}_{n:03d}.csv", kind, tables // len(CSV_KINDS), ENCODINGS[n % 3])
    w.workbook("h8_sheets_000.xlsx", max(60, int(total * 0.05) // 260))
    w.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Eighth held-out PII corpus (written without reading the rules)"
    )
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--out", default="bench/out/pii/heldout8")
    parser.add_argument("--seed", type=int, default=83)
    parser.add_argument(
        "--negatives", default=None, help="also write the planted hard negatives here (JSON lines)"
    )
    args = parser.parse_args(argv)
    generate(Path(args.out), args.size_mb, args.seed, Path(args.negatives) if args.negatives else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
