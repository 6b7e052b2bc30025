"""Seventh held-out corpus (helper held7, 2026-11-28), written **without reading the engine's rules**.

The author read only the corpus format (``labelled.py``, ``run.py``, the layout part of ``README.md``) and the
category names. Nothing here comes from ``shouhu`` or from the other generators: the check digits are written
from the public specifications, the vocabulary, the label words and the document layouts are invented here.

Usage::

    python -m bench.pii.heldout7 --size-mb 2 --out bench/out/pii/heldout7 --seed 71

What is in it: documents a Taiwanese IT vendor holds (客服工單 exports, web-server and app logs with JSON
payloads, e-mail threads with signatures, 請假單/報帳/理賠 forms as text, LINE chat exports, meeting minutes,
出貨單, 電子發票 lines, HTML fragments, OCR-like scans, full-width forms), member/order/claim CSV dumps with odd
headers (拼音, abbreviations, mixed zh/en, 欄位1…) in UTF-8, Big5 and UTF-8 with BOM, and an XLSX workbook of
three sheets (real date cells, values split across cells). Hard negatives sit in the same documents.

Labels (``labels.jsonl``, the format ``run.py`` reads): ``file``, ``line`` (text) or ``row``+``column``
(CSV) or ``sheet``+``row``+``column`` (XLSX), ``category``, ``value``. Added fields the runner ignores:
``start``/``end`` (character span inside the line or cell; the span's text is ``value``), ``clean`` (the
canonical value the check digits are computed on), ``form`` (how it was written: the class a miss belongs
to). Two documented exceptions to "value is the span's text": an ID broken by a line wrap is labelled on
its first line with ``end_line`` (the value is the ID without the line break), and a name inside a JSON
payload written with ``\\uXXXX`` escapes has the decoded name as value (``form`` ``json-escaped``).

What counts as a person's data here (and is labelled):
- national/resident IDs, passports, NHI card numbers, cards, birth dates, names, e-mails, phones,
  addresses, bank accounts and IP addresses **of natural persons**: customers, members, employees,
  claimants, chat participants, the person signing an e-mail (their mobile and their direct line: the
  switchboard number written with their extension counts, the extension itself is outside the span);
- client IP addresses in web and app logs (they identify a user's connection);
- every vehicle plate (a plate identifies its keeper);
- every UBN of a company (category ``ubn``, reported by the engine as not personal).
Not labelled (hard negatives): a company's switchboard, fax and 0800 lines written as the company's (no
person attached), role mailboxes (service@, noreply@, invoice@ …), company addresses in letterheads and
sender blocks, a company's remittance account, dates that are not birth dates, order/invoice/tracking
numbers (some pass Luhn or the ID check digit), SKU and model codes shaped like plates, serials, version
strings and OIDs shaped like IP addresses, GPS coordinates, SWIFT codes, hashes, amounts, masked card
numbers, 手機條碼 carriers, ``74年次`` (a birth year, not a date).
Split values: a table whose area code and number, or city and street, are in two cells is labelled on
the cell holding the number (or street) with that cell's text; the area-code or city cell is not labelled.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# ---------------------------------------------------------------------------------------------------------
# Check digits, from the public specifications
# ---------------------------------------------------------------------------------------------------------

#: 內政部 letter → number table of the national ID (I, O, W … are not in alphabetical order).
ID_LETTER = {
    "A": 10, "B": 11, "C": 12, "D": 13, "E": 14, "F": 15, "G": 16, "H": 17, "I": 34, "J": 18, "K": 19,
    "L": 20, "M": 21, "N": 22, "O": 35, "P": 23, "Q": 24, "R": 25, "S": 26, "T": 27, "U": 28, "V": 29,
    "W": 32, "X": 30, "Y": 31, "Z": 33,
}  # fmt: skip
#: Letters issued for places people are registered in today (the retired county letters are left out).
ID_PLACES = "ABCDEFGHJKMNPQTUVWXZ"
_ID_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 1, 1)


def _id_sum(code: str) -> int:
    head = ID_LETTER[code[0]]
    second = code[1]
    # Old-style resident certificates carry a letter in place 2: only the units digit of its number counts.
    first = ID_LETTER[second] % 10 if second.isalpha() else int(second)
    digits = [first, *(int(c) for c in code[2:])]
    return head // 10 + (head % 10) * 9 + sum(w * d for w, d in zip(_ID_WEIGHTS, digits, strict=True))


def national_id_ok(code: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][12]\d{8}", code)) and _id_sum(code) % 10 == 0


def resident_id_ok(code: str) -> bool:
    """New style (2021-01-02 on: letter, 8/9, 8 digits) or old style (letter, A-D, 8 digits)."""
    return bool(re.fullmatch(r"[A-Z][89]\d{8}|[A-Z][A-D]\d{8}", code)) and _id_sum(code) % 10 == 0


def id_check_digit(first_nine: str) -> str:
    for c in "0123456789":
        if _id_sum(first_nine + c) % 10 == 0:
            return c
    raise AssertionError(first_nine)  # pragma: no cover - the weight of the last digit is 1


_UBN_WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)


def ubn_ok(code: str, divisor: int = 5) -> bool:
    """財政部 rule: weighted digit sums; divisible by 5 since 2023 (10 before); a 7th digit 7 counts 0 or 1."""
    if not re.fullmatch(r"\d{8}", code):
        return False
    digits = [int(c) for c in code]
    total = 0
    for i, (d, w) in enumerate(zip(digits, _UBN_WEIGHTS, strict=True)):
        if i == 6 and d == 7:
            continue
        p = d * w
        total += p // 10 + p % 10
    if digits[6] == 7:
        return total % divisor == 0 or (total + 1) % divisor == 0
    return total % divisor == 0


def luhn_ok(number: str) -> bool:
    if not number.isdigit():
        return False
    total = 0
    for i, c in enumerate(reversed(number)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(body: str) -> str:
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError(body)  # pragma: no cover


def card_brand(number: str) -> str | None:
    """The network of a card number by its IIN and length (None: no real range)."""
    n = len(number)
    if number.startswith("4") and n == 16:
        return "visa"
    if n == 16 and (51 <= int(number[:2]) <= 55 or 2221 <= int(number[:4]) <= 2720):
        return "mastercard"
    if n == 16 and 3528 <= int(number[:4]) <= 3589:
        return "jcb"
    if n == 15 and number[:2] in ("34", "37"):
        return "amex"
    if 16 <= n <= 19 and number.startswith("62"):
        return "unionpay"
    return None


# ---------------------------------------------------------------------------------------------------------
# Reading a written value back to its clean form (used by the tests to re-validate every span)
# ---------------------------------------------------------------------------------------------------------


def half_width(text: str) -> str:
    out = []
    for ch in text:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            out.append(chr(o - 0xFEE0))
        elif ch == "\u3000":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in text)


_OCR_BACK = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8"})


def clean_id(text: str) -> str:
    """An ID as written (case, width, spaces, dashes, OCR l/1 and O/0 swaps) → its 10 characters."""
    s = re.sub(r"[\s\-－]", "", half_width(text))
    head, rest = s[0].upper(), s[1:]
    second = rest[0].upper() if rest[:1].upper() in ("A", "B", "C", "D") else rest[:1].translate(_OCR_BACK)
    return head + second + rest[1:].translate(_OCR_BACK)


def clean_digits(text: str) -> str:
    s = half_width(text).translate(_OCR_BACK)
    return re.sub(r"\D", "", s)


def clean_phone(text: str) -> str:
    digits = clean_digits(text)
    if digits.startswith("886"):
        digits = "0" + digits[3:]
    return digits


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CN_DIGITS = "〇一二三四五六七八九"


def _cn_number(text: str) -> int:
    """一九八五 / 七十四 / 十二 → int (the forms this generator writes)."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS.index(c)) for c in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS.index(tens) if tens else 1) * 10 + (_CN_DIGITS.index(units) if units else 0)


def _cn_written(n: int) -> str:
    """74 → 七十四, 12 → 十二, 3 → 三 (how a ROC date is written in Chinese numerals)."""
    tens = (CN_NUM[n // 10 - 1] if n >= 20 else "") + ("十" if n >= 10 else "")
    return tens + (CN_NUM[n % 10 - 1] if n % 10 else "")


def read_date(text: str) -> dt.date:
    """The forms this generator writes birth dates in → the date."""
    s = half_width(text).strip()
    m = re.fullmatch(
        r"(?:民國)?([〇一二三四五六七八九十]+)年([〇一二三四五六七八九十]+)月([〇一二三四五六七八九十]+)日", s
    )
    if m:
        y = _cn_number(m.group(1))
        return dt.date(y + 1911 if y < 200 else y, _cn_number(m.group(2)), _cn_number(m.group(3)))
    m = re.fullmatch(r"(民國|民)?\s*(\d{2,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?", s)
    if m:
        y = int(m.group(2))
        return dt.date(y + 1911 if m.group(1) or y < 200 else y, int(m.group(3)), int(m.group(4)))
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{2,3})[-/.](\d{1,2})[-/.](\d{1,2})", s)
    if m:
        return dt.date(int(m.group(1)) + 1911, int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{3})(\d{2})(\d{2})", s)
    if m:
        return dt.date(int(m.group(1)) + 1911, int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"([A-Z][a-z]{2}) (\d{1,2}), (\d{4})", s)
    if m:
        return dt.date(int(m.group(3)), _MONTHS.index(m.group(1)) + 1, int(m.group(2)))
    m = re.fullmatch(r"(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})", s)
    if m:
        return dt.date(int(m.group(3)), _MONTHS.index(m.group(2)) + 1, int(m.group(1)))
    raise ValueError(text)


# ---------------------------------------------------------------------------------------------------------
# Vocabulary (this generator's own)
# ---------------------------------------------------------------------------------------------------------

SURNAMES = (
    "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高簡朱鍾施游詹沈彭胡余盧潘顏梁趙柯翁魏方孫戴范宋"
    "鄧杜傅侯曹薛丁卓馬阮董唐溫藍蔣石古紀姚連歐程湯黎田康涂巫尤鐘白邵"
)
COMPOUND_SURNAMES = ("歐陽", "司馬", "張簡", "范姜", "諸葛", "上官", "東方", "司徒")
GIVEN = "美玲淑芬志明家豪宗翰怡君雅婷俊傑建宏佳蓉冠宇承恩柏翔品妤詩涵子晴育誠國華秀英麗惠文雄振榮靜宜欣瑜郁庭昱廷彥伶政德信安琪筱薇秉鈞韋辰語彤芷瑄沛珊仲凱皓"
ROMAN_SURNAME = {
    "陳": "Chen", "林": "Lin", "黃": "Huang", "張": "Chang", "李": "Lee", "王": "Wang", "吳": "Wu", "劉": "Liu",
    "蔡": "Tsai", "楊": "Yang", "許": "Hsu", "鄭": "Cheng", "謝": "Hsieh", "郭": "Kuo", "洪": "Hung", "曾": "Tseng",
    "邱": "Chiu", "廖": "Liao", "賴": "Lai", "周": "Chou", "徐": "Hsu", "蘇": "Su", "葉": "Yeh", "莊": "Chuang",
    "胡": "Hu", "高": "Kao", "何": "Ho", "羅": "Lo", "朱": "Chu", "江": "Chiang", "呂": "Lu", "蕭": "Hsiao",
    "簡": "Chien", "游": "Yu", "詹": "Chan", "沈": "Shen", "彭": "Peng", "余": "Yu", "盧": "Lu", "潘": "Pan",
    "顏": "Yen", "梁": "Liang", "趙": "Chao", "柯": "Ko", "翁": "Weng", "魏": "Wei", "方": "Fang", "孫": "Sun",
    "戴": "Tai", "范": "Fan", "宋": "Sung", "鄧": "Teng", "杜": "Tu", "傅": "Fu", "侯": "Hou", "曹": "Tsao",
    "薛": "Hsueh", "丁": "Ting", "卓": "Cho", "馬": "Ma", "阮": "Juan", "董": "Tung", "唐": "Tang", "溫": "Wen",
    "藍": "Lan", "蔣": "Chiang", "石": "Shih", "古": "Ku", "紀": "Chi", "姚": "Yao", "連": "Lien", "歐": "Ou",
    "程": "Cheng", "湯": "Tang", "黎": "Li", "田": "Tien", "康": "Kang", "涂": "Tu", "巫": "Wu", "尤": "Yu",
    "鐘": "Chung", "白": "Pai", "邵": "Shao", "鍾": "Chung", "施": "Shih", "歐陽": "Ouyang", "司馬": "Szuma",
    "張簡": "Changchien", "范姜": "Fanchiang", "諸葛": "Chuko", "上官": "Shangkuan", "東方": "Tungfang", "司徒": "Szutu",
}  # fmt: skip
ROMAN_SYLLABLES = (
    "Mei", "Ling", "Chih", "Hao", "Ya", "Ting", "Chun", "Chieh", "Yu", "Hsuan", "Wei", "Chen", "Shu", "Fen",
    "Kuan", "Po", "Hsiang", "Pin", "Jung", "Hui", "Tzu", "Ching", "Yi", "An", "Kai", "Han",
)  # fmt: skip
ENGLISH_GIVEN = (
    "Amy",
    "Kevin",
    "Jessica",
    "Eric",
    "Vivian",
    "Jason",
    "Cindy",
    "Allen",
    "Grace",
    "Tony",
    "Irene",
    "Ken",
)
FOREIGN_NAMES = (
    "NGUYEN THI HOA", "TRAN VAN NAM", "LE THI MAI", "PHAM VAN DUC", "SITI AMINAH", "DEWI LESTARI",
    "MARIA SANTOS", "JOSEPHINE REYES", "SOMCHAI KAEWMANEE", "NURUL HIDAYAH",
)  # fmt: skip
# city → [(district, postcode)], roads
PLACES: dict[str, list[tuple[str, str]]] = {
    "臺北市": [("中正區", "100"), ("大同區", "103"), ("中山區", "104"), ("松山區", "105"), ("大安區", "106"),
              ("萬華區", "108"), ("信義區", "110"), ("士林區", "111"), ("北投區", "112"), ("內湖區", "114"),
              ("南港區", "115"), ("文山區", "116")],
    "新北市": [("板橋區", "220"), ("三重區", "241"), ("中和區", "235"), ("永和區", "234"), ("新莊區", "242"),
              ("新店區", "231"), ("土城區", "236"), ("蘆洲區", "247"), ("汐止區", "221"), ("淡水區", "251")],
    "桃園市": [("桃園區", "330"), ("中壢區", "320"), ("平鎮區", "324"), ("八德區", "334"), ("龜山區", "333")],
    "臺中市": [("西屯區", "407"), ("北屯區", "406"), ("南屯區", "408"), ("豐原區", "420"), ("大里區", "412")],
    "臺南市": [("東區", "701"), ("永康區", "710"), ("安平區", "708"), ("新營區", "730")],
    "高雄市": [("苓雅區", "802"), ("三民區", "807"), ("左營區", "813"), ("鳳山區", "830"), ("前鎮區", "806")],
    "新竹市": [("東區", "300"), ("北區", "300")],
    "新竹縣": [("竹北市", "302"), ("湖口鄉", "303")],
    "基隆市": [("仁愛區", "200"), ("七堵區", "206")],
    "彰化縣": [("彰化市", "500"), ("員林市", "510")],
    "南投縣": [("埔里鎮", "545"), ("草屯鎮", "542")],
    "雲林縣": [("斗六市", "640")],
    "嘉義市": [("西區", "600")],
    "屏東縣": [("屏東市", "900"), ("潮州鎮", "920")],
    "宜蘭縣": [("羅東鎮", "265"), ("宜蘭市", "260")],
    "花蓮縣": [("吉安鄉", "973"), ("花蓮市", "970")],
    "臺東縣": [("臺東市", "950")],
    "澎湖縣": [("馬公市", "880")],
    "金門縣": [("金城鎮", "893")],
}  # fmt: skip
ROADS = (
    "中山路", "中正路", "民生東路", "忠孝東路", "復興南路", "建國北路", "文化路", "民族路", "和平西路", "光復路",
    "三民路", "自由路", "成功路", "博愛路", "公益路", "四維路", "中華路", "重慶南路", "南京東路", "信義路",
    "林森北路", "仁愛路", "大同路", "永福街", "長春路", "龍江路", "五福路", "青年路", "明德街", "育英街",
)  # fmt: skip
CN_NUM = "一二三四五六七八九"
BANKS = (
    ("004", "臺灣銀行", 12), ("005", "土地銀行", 12), ("006", "合作金庫", 13), ("007", "第一銀行", 11),
    ("008", "華南銀行", 12), ("009", "彰化銀行", 14), ("012", "台北富邦", 12), ("013", "國泰世華", 12),
    ("017", "兆豐銀行", 11), ("808", "玉山銀行", 13), ("812", "台新銀行", 14), ("822", "中國信託", 12),
    ("803", "聯邦銀行", 12), ("807", "永豐銀行", 14),
)  # fmt: skip
SWIFT = ("BKTWTWTP", "CTCBTWTP", "ESUNTWTP", "TACBTWTP", "FCBKTWTP", "HNBKTWTP", "UBOTTWTP")
COMPANIES = (
    "宏碩資訊股份有限公司", "綠洲雲端科技有限公司", "北辰系統整合股份有限公司", "好日子電商有限公司",
    "安守數位股份有限公司", "晨光物流股份有限公司", "大和保險經紀人股份有限公司", "森林文創有限公司",
)  # fmt: skip
HOSPITALS = ("臺大醫院", "長庚紀念醫院林口院區", "馬偕紀念醫院", "中國醫藥大學附設醫院", "成大醫院")
FREE_MAIL = ("gmail.com", "yahoo.com.tw", "hotmail.com", "outlook.com", "msa.hinet.net", "icloud.com")
WORK_DOMAINS = ("hongshuo.com.tw", "oasiscloud.tw", "beichen-si.com.tw", "goodday-shop.tw", "anshou.com.tw")
ROLE_BOXES = ("service", "noreply", "invoice", "hr", "support", "it-admin", "sales", "billing")
PRODUCTS = (
    "無線路由器 AX1800",
    "27 吋顯示器",
    "USB-C 擴充座",
    "資安健檢服務",
    "雲端備份 1TB 年約",
    "POS 收銀機",
    "條碼掃描器",
)
#: Running text without personal data; some words begin with a surname character on purpose.
FILLER = (
    "本週完成防火牆規則盤點，下週進行弱點掃描複測。",
    "林口機房的 UPS 已更換電池，請各部門留意停機公告。",
    "黃金週促銷活動延長至月底，客服話術請參考附件。",
    "陳列架調整後，門市動線較順，退貨量下降。",
    "高速公路塞車，物流配送預計延遲一天。",
    "王牌方案的續約率本季為 87%，較上季上升。",
    "周年慶期間系統負載較高，請避免在尖峰時段部署。",
    "何時要升級資料庫版本，請資訊部評估後回覆。",
    "會議結論：保留現行備份週期，異地備援改為每日同步。",
    "請於期限內完成個資保護教育訓練線上課程。",
    "系統維護公告：本週六 02:00-05:00 暫停服務。",
    "新版 App 上架審核中，預計三個工作天。",
    "溫度感測器讀值異常，已通知廠商到場檢修。",
    "康軒版教材授權續約，採購流程進行中。",
    "江南風格包裝設計定稿，印刷廠排程下週。",
    "石門水庫附近基地台訊號不穩，已報修。",
    "莊園咖啡禮盒缺貨，預購訂單延後出貨。",
    "請勿在群組內傳送客戶資料，改用加密檔案交換平台。",
    "The deployment pipeline finished in 12 minutes; no action needed.",
    "Reminder: rotate the API keys before the quarter ends.",
)  # fmt: skip


# ---------------------------------------------------------------------------------------------------------
# Lines with labelled spans
# ---------------------------------------------------------------------------------------------------------


@dataclass
class V:
    """A value as written (``shown``), its canonical form (``clean``) and how it was written (``form``)."""

    shown: str
    clean: str
    form: str


@dataclass
class Line:
    parts: list[str] = field(default_factory=list)
    labels: list[dict[str, Any]] = field(default_factory=list)
    negatives: list[dict[str, Any]] = field(default_factory=list)
    size: int = 0

    def t(self, *texts: str) -> Line:
        for text in texts:
            self.parts.append(text)
            self.size += len(text)
        return self

    def v(self, category: str, value: V, *, label: str | None = None) -> Line:
        """Append a labelled value; ``label`` overrides the labelled value (JSON-escaped names)."""
        self.labels.append(
            {
                "category": category,
                "value": value.shown if label is None else label,
                "start": self.size,
                "end": self.size + len(value.shown),
                "clean": value.clean,
                "form": value.form,
            }
        )
        return self.t(value.shown)

    def n(self, kind: str, text: str) -> Line:
        """Append a hard negative (recorded only when a negatives file is asked for)."""
        self.negatives.append({"kind": kind, "value": text, "start": self.size, "end": self.size + len(text)})
        return self.t(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


Doc = list[Line]


def L(*pieces: str) -> Line:
    line = Line()
    for p in pieces:
        line.t(p)
    return line


# ---------------------------------------------------------------------------------------------------------
# Value makers
# ---------------------------------------------------------------------------------------------------------


class Gen:
    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)

    # -- small helpers --------------------------------------------------------------------------------
    def pick(self, seq: Any) -> Any:
        return seq[self.rnd.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        return self.rnd.random() < p

    def digits(self, n: int) -> str:
        return "".join(str(self.rnd.randrange(10)) for _ in range(n))

    def weighted(self, options: list[tuple[str, float]]) -> str:
        names, weights = zip(*options, strict=True)
        return self.rnd.choices(names, weights)[0]

    # -- identities -----------------------------------------------------------------------------------
    def national_id_clean(self) -> str:
        nine = self.pick(ID_PLACES) + self.pick("12") + self.digits(7)
        return nine + id_check_digit(nine)

    def resident_id_clean(self) -> tuple[str, str]:
        if self.chance(0.6):
            nine = self.pick(ID_PLACES) + self.pick("89") + self.digits(7)
            return nine + id_check_digit(nine), "new"
        nine = self.pick(ID_PLACES) + self.pick("ABCD") + self.digits(7)
        return nine + id_check_digit(nine), "old"

    def _write_id(self, clean: str, base: str) -> V:
        form = self.weighted(
            [("plain", 6), ("lower", 1.2), ("fullwidth", 1), ("spaced", 0.8), ("dashed", 0.6), ("ocr", 0.8)]
        )
        if form == "plain":
            shown = clean
        elif form == "lower":
            shown = clean[0].lower() + clean[1:]
        elif form == "fullwidth":
            shown = full_width(clean)
        elif form == "spaced":
            shown = clean[0] + " " + clean[1:4] + " " + clean[4:7] + " " + clean[7:]
        elif form == "dashed":
            shown = clean[:1] + "-" + clean[1:]
        else:
            shown = self.ocr_digits(clean, start=2)
        return V(shown, clean, f"{base}-{form}")

    def ocr_digits(self, text: str, start: int = 0) -> str:
        """Swap one or two 0/1 digits for O/l (scanned forms); falls back to an 8→B swap."""
        chars = list(text)
        spots = [i for i in range(start, len(chars)) if chars[i] in "01"]
        if not spots:
            spots = [i for i in range(start, len(chars)) if chars[i] == "8"]
        for i in self.rnd.sample(spots, min(len(spots), self.pick((1, 1, 2)))):
            chars[i] = {"0": "O", "1": "l", "8": "B"}[chars[i]]
        return "".join(chars)

    def national_id(self) -> V:
        return self._write_id(self.national_id_clean(), "nid")

    def resident_id(self) -> V:
        clean, style = self.resident_id_clean()
        return self._write_id(clean, f"arc-{style}")

    def ubn_clean(self) -> tuple[str, str]:
        """A UBN; about a third valid only under the 2023 divisible-by-5 rule, some with a 7th digit 7."""
        want = self.weighted([("mod10", 5), ("mod5", 3), ("seven", 2)])
        while True:
            code = self.digits(8)
            if want == "seven":
                code = code[:6] + "7" + code[7]
                if ubn_ok(code, 5) and not ubn_ok(code[:6] + "0" + code[7], 5):
                    return code, "ubn-7th-digit-7"
            elif want == "mod10" and ubn_ok(code, 10) and code[6] != "7":
                return code, "ubn-mod10"
            elif want == "mod5" and ubn_ok(code, 5) and not ubn_ok(code, 10) and code[6] != "7":
                return code, "ubn-mod5-only"

    def ubn(self) -> V:
        clean, form = self.ubn_clean()
        if self.chance(0.1):
            return V(full_width(clean), clean, form + "-fullwidth")
        return V(clean, clean, form)

    def card_clean(self) -> tuple[str, str]:
        brand = self.weighted([("visa", 4), ("mastercard", 3), ("jcb", 2.5), ("amex", 1), ("unionpay", 0.8)])
        if brand == "visa":
            body = "4" + self.digits(14)
        elif brand == "mastercard":
            head = str(self.rnd.randint(51, 55)) if self.chance(0.7) else str(self.rnd.randint(2221, 2720))
            body = head + self.digits(15 - len(head))
        elif brand == "jcb":
            body = str(self.rnd.randint(3528, 3589)) + self.digits(11)
        elif brand == "amex":
            body = self.pick(("34", "37")) + self.digits(12)
        else:
            body = "62" + self.digits(13)
        return luhn_complete(body), brand

    def card(self) -> V:
        clean, brand = self.card_clean()
        form = self.weighted([("plain", 2), ("space4", 4), ("dash4", 3), ("fullwidth", 0.5)])
        if brand == "amex" and form in ("space4", "dash4"):
            sep = " " if form == "space4" else "-"
            shown = clean[:4] + sep + clean[4:10] + sep + clean[10:]
        elif form in ("space4", "dash4"):
            sep = " " if form == "space4" else "-"
            shown = sep.join(clean[i : i + 4] for i in range(0, len(clean), 4))
        elif form == "fullwidth":
            shown = full_width("-".join(clean[i : i + 4] for i in range(0, len(clean), 4)))
        else:
            shown = clean
        return V(shown, clean, f"card-{brand}-{form}")

    def passport(self) -> V:
        kind = self.weighted([("tw", 6), ("vn", 1.5), ("ph", 1), ("th", 0.7), ("jp", 0.8), ("us", 0.5)])
        clean = {
            "tw": lambda: self.pick("123") + self.digits(8),
            "vn": lambda: self.pick("CBN") + self.digits(7),
            "ph": lambda: "P" + self.digits(7) + self.pick("ABC"),
            "th": lambda: self.pick(("AA", "AB", "AC")) + self.digits(7),
            "jp": lambda: self.pick(("TK", "TZ", "MU", "TR")) + self.digits(7),
            "us": lambda: self.pick("56") + self.digits(8),
        }[kind]()
        return V(clean, clean, f"passport-{kind}")

    def nhi(self) -> V:
        clean = "0000" + self.digits(8)
        form = self.weighted([("plain", 3), ("space", 2), ("dash", 1)])
        shown = {
            "plain": clean,
            "space": f"{clean[:4]} {clean[4:8]} {clean[8:]}",
            "dash": f"{clean[:4]}-{clean[4:8]}-{clean[8:]}",
        }[form]
        return V(shown, clean, f"nhi-{form}")

    # -- contact --------------------------------------------------------------------------------------
    def mobile(self) -> V:
        # 090-098 only: whether 099x blocks are issued could not be confirmed (dropped after the first run).
        clean = "09" + self.pick("012345678") + self.digits(7)
        a, b, c = clean[:4], clean[4:7], clean[7:]
        form = self.weighted(
            [("plain", 3), ("dash433", 4), ("dash46", 1), ("space", 1.2), ("dot", 0.6), ("paren", 0.7),
             ("plus886", 1.2), ("886", 0.5), ("fullwidth", 0.5)]
        )  # fmt: skip
        shown = {
            "plain": clean,
            "dash433": f"{a}-{b}-{c}",
            "dash46": f"{a}-{b}{c}",
            "space": f"{a} {b} {c}",
            "dot": f"{a}.{b}.{c}",
            "paren": f"({a}){b}-{c}",
            "plus886": self.pick((f"+886 {a[1:]} {b} {c}", f"+886-{a[1:]}-{b}-{c}", f"+886{clean[1:]}")),
            "886": f"886{clean[1:]}",
            "fullwidth": full_width(f"{a}-{b}-{c}"),
        }[form]
        return V(shown, clean, f"mobile-{form}")

    def landline_parts(self) -> tuple[str, str]:
        area = self.weighted(
            [
                ("02", 5),
                ("03", 1.5),
                ("04", 2),
                ("05", 0.6),
                ("06", 1),
                ("07", 1.5),
                ("037", 0.4),
                ("049", 0.4),
                ("089", 0.3),
                ("082", 0.2),
            ]
        )
        if area == "02":
            local = self.pick("2356789") + self.digits(7)
        elif area == "04":
            local = "2" + self.digits(7)
        elif area in ("037", "089", "082"):
            local = self.pick("2345") + self.digits(5)
        else:
            local = self.pick("23456789") + self.digits(6)
        return area, local

    def landline(self) -> tuple[V, str]:
        """A landline (V) and an extension suffix written after it ('' for none)."""
        area, local = self.landline_parts()
        clean = area + local
        half = len(local) // 2 if len(local) != 8 else 4
        grouped = local[:half] + "-" + local[half:]
        form = self.weighted([("dash", 4), ("paren", 3), ("plain", 1), ("space", 1), ("fullwidth", 0.4)])
        shown = {
            "dash": f"{area}-{grouped}",
            "paren": f"({area}){grouped}",
            "plain": clean,
            "space": f"{area} {grouped}",
            "fullwidth": full_width(f"({area}){grouped}"),
        }[form]
        ext = ""
        if self.chance(0.3):
            ext = self.pick(
                (
                    f"#{self.digits(3)}",
                    f" 轉{self.digits(3)}",
                    f" ext. {self.digits(4)}",
                    f" 分機 {self.digits(2)}",
                )
            )
        return V(shown, clean, f"landline-{form}{'-ext' if ext else ''}"), ext

    def company_phone(self) -> str:
        area, local = self.landline_parts()
        half = len(local) // 2 if len(local) != 8 else 4
        return f"({area}){local[:half]}-{local[half:]}"

    def roman(self, surname: str) -> tuple[str, str]:
        sur = ROMAN_SURNAME.get(surname, "Lin")
        given = self.pick(ROMAN_SYLLABLES) + "-" + self.pick(ROMAN_SYLLABLES).lower()
        return sur, given

    def email_for(self, sur_roman: str, given_roman: str, work: bool = False) -> V:
        g = given_roman.replace("-", "").lower()
        local = self.pick(
            (f"{g}.{sur_roman.lower()}", f"{sur_roman.lower()}{g}", f"{g[0]}{sur_roman.lower()}{self.digits(2)}",
             f"{sur_roman.lower()}.{g}{self.rnd.randint(70, 99)}", f"{g}_{self.digits(4)}")
        )  # fmt: skip
        domain = self.pick(WORK_DOMAINS) if work else self.pick(FREE_MAIL)
        shown = f"{local}@{domain}"
        if self.chance(0.08):
            return V(shown.replace("@", " [at] ", 1), shown, "email-obfuscated-at")
        if self.chance(0.1):
            return V(shown[0].upper() + shown[1:], shown.lower(), "email-capital")
        return V(shown, shown, "email-work" if work else "email-free")

    def email(self) -> V:
        sur, given = self.roman(self.pick(SURNAMES))
        return self.email_for(sur, given)

    def role_box(self) -> str:
        return f"{self.pick(ROLE_BOXES)}@{self.pick(WORK_DOMAINS)}"

    def ip(self) -> V:
        kind = self.weighted([("public", 6), ("private", 2)])
        if kind == "public":
            first = self.pick(
                (1, 36, 42, 49, 59, 60, 61, 101, 111, 114, 118, 122, 123, 175, 180, 210, 211, 218, 220)
            )
            clean = (
                f"{first}.{self.rnd.randint(0, 255)}.{self.rnd.randint(0, 255)}.{self.rnd.randint(1, 254)}"
            )
        else:
            clean = self.pick(
                (
                    f"192.168.{self.rnd.randint(0, 20)}.{self.rnd.randint(2, 254)}",
                    f"10.{self.rnd.randint(0, 30)}.{self.rnd.randint(0, 255)}.{self.rnd.randint(2, 254)}",
                )
            )
        return V(clean, clean, f"ip-{kind}")

    # -- people ---------------------------------------------------------------------------------------
    def surname(self) -> str:
        return self.pick(COMPOUND_SURNAMES) if self.chance(0.05) else self.pick(SURNAMES)

    def given(self) -> str:
        return self.pick(GIVEN) if self.chance(0.07) else self.pick(GIVEN) + self.pick(GIVEN)

    def name_parts(self) -> tuple[str, str]:
        return self.surname(), self.given()

    def name(self) -> V:
        sur, giv = self.name_parts()
        kind = self.weighted(
            [("zh", 12), ("married", 0.6), ("roman", 0.8), ("english", 0.5), ("foreign", 0.5)]
        )
        if kind == "married":
            full = self.pick(SURNAMES) + sur + giv
            return V(full, full, "name-married")
        if kind == "roman":
            rs, rg = self.roman(sur)
            shown = self.pick((f"{rs.upper()}, {rg.upper()}", f"{rg} {rs}", f"{rs} {rg}"))
            return V(shown, shown, "name-romanised")
        if kind == "english":
            rs, _ = self.roman(sur)
            shown = f"{self.pick(ENGLISH_GIVEN)} {rs}"
            return V(shown, shown, "name-english")
        if kind == "foreign":
            shown = self.pick(FOREIGN_NAMES)
            return V(shown, shown, "name-foreign")
        full = sur + giv
        form = "name-compound" if len(sur) == 2 else ("name-2char" if len(full) == 2 else "name-zh")
        return V(full, full, form)

    def zh_name(self) -> V:
        sur, giv = self.name_parts()
        return V(sur + giv, sur + giv, "name-compound" if len(sur) == 2 else "name-zh")

    def birth(self, *, adult: bool = True) -> V:
        start = dt.date(1950, 1, 1) if adult else dt.date(2008, 1, 1)
        day = start + dt.timedelta(days=self.rnd.randrange(365 * (52 if adult else 10)))
        y, m, d = day.year, day.month, day.day
        r = y - 1911
        form = self.weighted(
            [("iso", 2), ("slash", 3), ("slash-nozero", 1), ("roc-dot", 2), ("roc-slash", 2), ("roc-cn", 2),
             ("cn", 1.5), ("compact", 0.7), ("roc-compact", 0.7), ("en-mdy", 0.5), ("en-dmy", 0.4),
             ("cn-numerals", 0.3), ("fullwidth", 0.5)]
        )  # fmt: skip
        shown = {
            "iso": f"{y}-{m:02d}-{d:02d}",
            "slash": f"{y}/{m:02d}/{d:02d}",
            "slash-nozero": f"{y}/{m}/{d}",
            "roc-dot": f"{r}.{m:02d}.{d:02d}",
            "roc-slash": f"{r:03d}/{m:02d}/{d:02d}",
            "roc-cn": self.pick((f"民國{r}年{m}月{d}日", f"{r}年{m}月{d}日", f"民國 {r} 年 {m} 月 {d} 日")),
            "cn": f"{y}年{m}月{d}日",
            "compact": f"{y}{m:02d}{d:02d}",
            "roc-compact": f"{r:03d}{m:02d}{d:02d}",
            "en-mdy": f"{_MONTHS[m - 1]} {d}, {y}",
            "en-dmy": f"{d} {_MONTHS[m - 1]} {y}",
            "cn-numerals": f"民國{_cn_written(r)}年{_cn_written(m)}月{_cn_written(d)}日",
            "fullwidth": full_width(f"{r}.{m:02d}.{d:02d}"),
        }[form]
        return V(shown, day.isoformat(), f"birth-{form}")

    def other_date(self) -> str:
        day = dt.date(2024, 1, 1) + dt.timedelta(days=self.rnd.randrange(1060))
        return self.pick(
            (
                day.isoformat(),
                f"{day.year - 1911}/{day.month:02d}/{day.day:02d}",
                f"{day.year}/{day.month}/{day.day}",
                f"{day.year - 1911}年{day.month}月{day.day}日",
            )
        )

    def address(self, *, postcode: float = 0.3) -> V:
        city = self.pick(list(PLACES))
        district, code = self.pick(PLACES[city])
        road = self.pick(ROADS)
        tai = self.chance(0.45)
        shown_city = city.replace("臺", "台") if tai else city
        parts = [shown_city, district]
        if self.chance(0.12) and district.endswith(("鄉", "鎮")):
            parts.append(self.pick(("仁和村", "福德村", "中興里")) + f"{self.rnd.randint(1, 25)}鄰")
        parts.append(road)
        if self.chance(0.45) and road.endswith("路"):
            parts.append(self.pick(CN_NUM[:5]) + "段")
        if self.chance(0.35):
            parts.append(f"{self.rnd.randint(1, 300)}巷")
            if self.chance(0.4):
                parts.append(f"{self.rnd.randint(1, 40)}弄")
        number = f"{self.rnd.randint(1, 350)}號"
        if self.chance(0.15):
            number = f"{self.rnd.randint(1, 350)}之{self.rnd.randint(1, 9)}號"
        parts.append(number)
        floor_form = self.weighted([("none", 3), ("zh", 4), ("F", 1.5), ("zh-sub", 1), ("B1", 0.3)])
        if floor_form == "zh":
            parts.append(f"{self.rnd.randint(2, 25)}樓")
        elif floor_form == "F":
            parts.append(f"{self.rnd.randint(2, 25)}F")
        elif floor_form == "zh-sub":
            parts.append(f"{self.rnd.randint(2, 25)}樓之{self.rnd.randint(1, 12)}")
        elif floor_form == "B1":
            parts.append("地下1樓")
        body = "".join(parts)
        form = "addr-tai" if tai else "addr-tai-formal"
        if self.chance(postcode):
            pc = code if self.chance(0.6) else code + self.digits(2)
            body = pc + self.pick(("", " ")) + body
            form += "-postcode"
        if self.chance(0.05):
            body = full_width(body)
            form += "-fullwidth"
        return V(body, body, form)

    def address_split(self) -> tuple[str, str, V]:
        """(city cell, district cell, street cell) for tables that split the address."""
        city = self.pick(list(PLACES))
        district, _ = self.pick(PLACES[city])
        road = self.pick(ROADS)
        street = (
            road
            + (self.pick(CN_NUM[:4]) + "段" if self.chance(0.4) else "")
            + f"{self.rnd.randint(1, 300)}號"
        )
        if self.chance(0.5):
            street += f"{self.rnd.randint(2, 15)}樓"
        return city, district, V(street, street, "addr-split-street")

    def plate(self) -> V:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        kind = self.weighted([("new", 5), ("old2", 1.5), ("old-rev", 1), ("ev", 0.6), ("moto", 1.2)])
        if kind == "new":
            clean = "".join(self.pick(letters) for _ in range(3)) + "-" + self.digits(4)
        elif kind == "old2":
            clean = "".join(self.pick(letters) for _ in range(2)) + "-" + self.digits(4)
        elif kind == "old-rev":
            clean = self.digits(4) + "-" + "".join(self.pick(letters) for _ in range(2))
        elif kind == "ev":
            clean = "E" + "".join(self.pick(letters) for _ in range(2)) + "-" + self.digits(4)
        else:
            clean = "".join(self.pick(letters) for _ in range(3)) + "-" + self.digits(3)
        shown = clean
        form = kind
        if self.chance(0.15):
            shown, form = clean.replace("-", ""), kind + "-nodash"
        elif self.chance(0.08):
            shown, form = clean.lower(), kind + "-lower"
        return V(shown, clean, f"plate-{form}")

    def bank(self) -> tuple[str, V, str]:
        """(text before, account V, text after) as people write a bank account with its bank."""
        code, bank, length = self.pick(BANKS)
        if self.chance(0.2):
            office, account = "0" + self.digits(6), self.digits(7)
            form = self.weighted([("dash", 2), ("space", 1), ("labelled", 2), ("joined", 1)])
            if form == "dash":
                return (
                    self.pick(("郵局 ", "中華郵政(700) ", "郵局700 ")),
                    V(f"{office}-{account}", office + account, "bank-post-dash"),
                    "",
                )
            if form == "space":
                return "郵局 ", V(f"{office} {account}", office + account, "bank-post-space"), ""
            if form == "labelled":
                return "郵局 局號", V(f"{office} 帳號{account}", office + account, "bank-post-labelled"), ""
            return "700 郵局 ", V(office + account, office + account, "bank-post-joined"), ""
        account = self.digits(length)
        form = self.weighted([("plain", 3), ("dash", 2), ("space", 1)])
        if form == "plain":
            shown = account
        else:
            sep = "-" if form == "dash" else " "
            shown = sep.join(account[i : i + 4] for i in range(0, len(account), 4))
        before = self.pick(
            (
                f"({code}){bank} ",
                f"{bank} {code} 帳號：",
                f"{code}-",
                f"{bank}（{code}） ",
                f"銀行代碼 {code} 帳號 ",
                f"{bank}分行 帳號 ",
            )
        )
        return (
            before,
            V(shown, account, f"bank-{form}-{'codefirst' if before.startswith(code) else 'named'}"),
            "",
        )

    # -- negatives ------------------------------------------------------------------------------------
    def luhn_order(self) -> str:
        return luhn_complete(
            "2026" + f"{self.rnd.randint(1, 12):02d}{self.rnd.randint(1, 28):02d}" + self.digits(7)
        )

    def id_like_tracking(self) -> str:
        nine = self.pick(ID_PLACES) + self.pick("12") + self.digits(7)
        return nine + id_check_digit(nine)

    def invoice_no(self) -> str:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        head = self.pick(letters) + self.pick(letters)
        return head + self.pick(("-", "", "-")) + self.digits(8)

    def tracking12(self) -> str:
        return self.pick("6789") + self.digits(11)

    def sha(self, n: int = 40) -> str:
        return "".join(self.pick("0123456789abcdef") for _ in range(n))

    def version(self) -> str:
        return self.pick(
            (f"v{self.rnd.randint(1, 9)}.{self.rnd.randint(0, 30)}.{self.rnd.randint(0, 99)}",
             f"{self.rnd.randint(10, 17)}.{self.rnd.randint(0, 9)}.{self.rnd.randint(0, 9)}.{self.rnd.randint(100, 9999)}",
             f"1.3.6.1.4.1.{self.rnd.randint(1000, 60000)}.{self.rnd.randint(1, 9)}",
             f"build {self.rnd.randint(2024, 2026)}.{self.rnd.randint(1, 12)}.{self.rnd.randint(1, 28)}.{self.rnd.randint(1, 2359)}")
        )  # fmt: skip

    def gps(self) -> str:
        return f"{self.rnd.uniform(21.9, 25.3):.6f}, {self.rnd.uniform(120.0, 122.0):.6f}"

    def amount(self) -> str:
        n = self.rnd.randint(100, 2_500_000)
        return self.pick((f"NT${n:,}", f"{n:,} 元", f"新台幣 {n:,} 元", f"TWD {n}"))

    def sku(self) -> str:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        return "".join(self.pick(letters) for _ in range(3)) + "-" + self.digits(4)

    def masked_card(self) -> str:
        clean, _ = self.card_clean()
        return self.pick(
            (
                f"****-****-****-{clean[-4:]}",
                f"{clean[:4]} **** **** {clean[-4:]}",
                f"{clean[:6]}******{clean[-4:]}",
            )
        )

    def timestamp(self) -> str:
        day = dt.datetime(2026, 1, 1) + dt.timedelta(seconds=self.rnd.randrange(330 * 86400))
        return day.strftime(
            self.pick(("%Y-%m-%dT%H:%M:%S+08:00", "%Y-%m-%d %H:%M:%S", "%d/%b/%Y:%H:%M:%S +0800"))
        )

    def company_address(self) -> str:
        return self.address(postcode=0.7).shown


# ---------------------------------------------------------------------------------------------------------
# Documents (each returns its lines; the layouts are this generator's own)
# ---------------------------------------------------------------------------------------------------------


def person_line(g: Gen, label: str, category: str, value: V, sep: str = "：") -> Line:
    return L(label, sep).v(category, value)


def ticket(g: Gen) -> Doc:
    """客服工單 export: a header row per ticket, then the description in running text."""
    opened = dt.date(2026, 1, 1) + dt.timedelta(days=g.rnd.randrange(330))
    no = f"CS-{opened:%Y%m%d}-{g.rnd.randint(1, 9999):04d}"
    name = g.name()
    doc = [L("=" * 12 + " 工單 ").n("ticket", no).t(" " + "=" * 12)]
    doc.append(
        L("建立時間：").n("timestamp", g.timestamp()).t("　狀態：處理中　優先：", g.pick(("高", "中", "低")))
    )
    row = L("客戶：").v("person_name", name)
    if g.chance(0.7):
        row.t("　聯絡電話：").v("mobile_phone", g.mobile())
    if g.chance(0.3):
        row.t("　Email：").v("email", g.email())
    doc.append(row)
    kind = g.pick(("account", "refund", "address", "card", "complaint", "unlabelled"))
    if kind == "account":
        doc.append(
            L("問題描述：客戶忘記密碼，核對身分證 ")
            .v("tw_national_id", g.national_id())
            .t(" 與生日 ")
            .v("birth_date", g.birth())
            .t(" 後已重設。")
        )
    elif kind == "refund":
        before, acct, after = g.bank()
        doc.append(
            L("問題描述：訂單 ")
            .n("order-luhn", g.luhn_order())
            .t(" 退款，客戶提供退款帳戶 ", before)
            .v("bank_account", acct)
            .t(after + "，金額 ")
            .n("amount", g.amount())
            .t("。")
        )
    elif kind == "address":
        doc.append(
            L("問題描述：客戶要求改寄新地址 ")
            .v("address", g.address())
            .t("，原物流單號 ")
            .n("tracking-id-checksum", g.id_like_tracking())
            .t(" 已攔截。")
        )
    elif kind == "card":
        doc.append(
            L("問題描述：刷卡失敗，客戶念出卡號 ")
            .v("credit_card", g.card())
            .t("，系統顯示 ")
            .n("masked-card", g.masked_card())
            .t(" 已過期。")
        )
    elif kind == "complaint":
        other = g.zh_name()
        doc.append(
            L("問題描述：客戶抱怨門市人員", "")
            .v("person_name", other)
            .t("態度不佳，希望主管回電 ")
            .v("mobile_phone", g.mobile())
            .t("。")
        )
    else:
        doc.append(
            L("問題描述：我是")
            .v("person_name", g.zh_name())
            .t("，住")
            .v("address", g.address())
            .t("，電話")
            .v("mobile_phone", g.mobile())
            .t("，上週買的")
            .n("product", g.pick(PRODUCTS))
            .t("壞了。")
        )
    doc.append(
        L("處理人員：客服 ")
        .n("agent-id", f"#{g.rnd.randint(100, 999)}")
        .t("　關聯單號 ")
        .n("ticket", f"INC-{g.digits(6)}")
    )
    return doc


def html_fragment(g: Gen) -> Doc:
    name, mobile, addr = g.name(), g.mobile(), g.address()
    doc = [L('<table class="member"><tr><th>姓名</th><td>').v("person_name", name).t("</td></tr>")]
    doc.append(
        L("<tr><th>手機</th><td>")
        .v("mobile_phone", mobile)
        .t("</td><th>地址</th><td>")
        .v("address", addr)
        .t("</td></tr></table>")
    )
    if g.chance(0.5):
        doc.append(
            L('<input type="hidden" name="uid" value="')
            .v("tw_national_id", g.national_id())
            .t('"><input name="csrf" value="')
            .n("hash", g.sha(32))
            .t('">')
        )
    else:
        doc.append(
            L('<a href="mailto:')
            .v("email", g.email())
            .t('">聯絡我</a> <span class="ver">')
            .n("version", g.version())
            .t("</span>")
        )
    return doc


def access_log(g: Gen) -> Doc:
    ip = g.ip()
    path = g.pick(("/api/v2/orders", "/member/profile", "/login", "/static/app.js", "/api/v2/search"))
    line = (
        L()
        .v("ip_address", ip)
        .t(
            f' - - [{dt.datetime(2026, 11, 1, 8) + dt.timedelta(seconds=g.rnd.randrange(2_000_000)):%d/%b/%Y:%H:%M:%S} +0800] "GET {path}'
        )
    )
    if g.chance(0.3):
        mobile = g.mobile()
        m = V(mobile.clean, mobile.clean, "mobile-query-string")
        line.t("?phone=").v("mobile_phone", m)
        if g.chance(0.5):
            e = g.email()
            encoded = e.clean.replace("@", "%40")
            line.t("&email=").v("email", V(encoded, e.clean, "email-url-encoded"))
    line.t(
        f' HTTP/1.1" {g.pick((200, 200, 200, 302, 404, 500))} {g.rnd.randint(200, 90000)} "-" "Mozilla/5.0 (Linux; Android 14; SM-S918B) Chrome/'
    ).n("version", f"{g.rnd.randint(100, 131)}.0.{g.rnd.randint(1000, 6999)}.{g.rnd.randint(10, 199)}").t(
        ' Mobile"'
    )
    return [line]


def _json_name(g: Gen, name: V) -> tuple[str, str]:
    """(text written inside a JSON string, label value): sometimes escaped the way json.dumps does by default."""
    if g.chance(0.2) and not name.shown.isascii():
        return json.dumps(name.shown)[1:-1], name.shown
    return name.shown, name.shown


def app_log(g: Gen) -> Doc:
    ts = g.timestamp()
    level = g.pick(("INFO", "INFO", "WARN", "DEBUG", "ERROR"))
    kind = g.pick(("signup", "payment", "kyc", "noise", "noise"))
    line = L(f"{ts} {level} [{g.pick(('api', 'worker', 'gateway'))}] ")
    if kind == "signup":
        name = g.name()
        written, value = _json_name(g, name)
        line.t('member.created {"memberNo":"').n("member-no", f"M{g.digits(9)}").t('","name":"')
        line.v(
            "person_name",
            V(written, name.clean, name.form + ("-json-escaped" if written != value else "")),
            label=value,
        )
        line.t('","mobile":"').v("mobile_phone", g.mobile()).t('","birthday":"').v("birth_date", g.birth()).t(
            '","ip":"'
        ).v("ip_address", g.ip()).t('"}')
    elif kind == "payment":
        line.t('payment.authorised {"orderId":"').n("order-luhn", g.luhn_order()).t('","pan":"').v(
            "credit_card", g.card()
        ).t('","amount":').n("amount", str(g.rnd.randint(100, 90000))).t(',"trace":"').n("hash", g.sha(16)).t(
            '"}'
        )
    elif kind == "kyc":
        line.t("kyc.check uid=")
        if g.chance(0.3):
            line.v("tw_resident_id", g.resident_id())
        else:
            line.v("tw_national_id", g.national_id())
        line.t(" result=PASS latency_ms=").n("number", str(g.rnd.randint(20, 900))).t(" gps=").n(
            "gps", g.gps()
        )
    else:
        line.t("job.finished id=").n("uuid", f"{g.sha(8)}-{g.sha(4)}-{g.sha(4)}-{g.sha(4)}-{g.sha(12)}").t(
            " host="
        ).n("version-ip-like", g.version()).t(" took=").n("number", f"{g.rnd.randint(1, 9000)}ms")
    return [line]


def mail_thread(g: Gen) -> Doc:
    sur, giv = g.name_parts()
    sender = V(sur + giv, sur + giv, "name-compound" if len(sur) == 2 else "name-zh")
    rs, rg = g.roman(sur)
    addr = g.email_for(rs, rg, work=True)
    customer = g.name()
    company = g.pick(COMPANIES)
    doc = [
        L("From: ")
        .v("person_name", sender)
        .t(" <")
        .v("email", V(addr.clean, addr.clean, "email-work"))
        .t(">")
    ]
    doc.append(L("To: ").n("role-mailbox", g.role_box()))
    doc.append(L("Date: ").n("timestamp", g.timestamp()))
    doc.append(L("Subject: RE: 客戶資料更正申請 ").n("ticket", f"#{g.rnd.randint(10000, 99999)}"))
    doc.append(L(""))
    body = g.pick(("moved", "ids", "birth", "bank"))
    if body == "moved":
        doc.append(
            L("您好，客戶")
            .v("person_name", customer)
            .t("來電表示已搬家，新地址為")
            .v("address", g.address())
            .t("，請協助更新。")
        )
    elif body == "ids":
        doc.append(
            L("附上客戶證件資料：居留證號 ")
            .v("tw_resident_id", g.resident_id())
            .t("，護照 ")
            .v("passport", g.passport())
            .t("，請於系統建檔。")
        )
    elif body == "birth":
        doc.append(
            L("客戶")
            .v("person_name", customer)
            .t("的生日登錄錯誤，正確為 ")
            .v("birth_date", g.birth())
            .t("，健保卡號 ")
            .v("nhi_card", g.nhi())
            .t("。")
        )
    else:
        before, acct, after = g.bank()
        doc.append(
            L("理賠款請匯入被保險人帳戶：", before).v("bank_account", acct).t(after + "（戶名同被保險人）。")
        )
    doc.append(L("> 原信件 ", g.other_date(), " 寫道："))
    doc.append(L("> 請問我的會員資料可以改成 ").v("email", g.email()).t(" 嗎？謝謝"))
    doc.append(L("--"))
    doc.append(
        L()
        .v("person_name", sender)
        .t(" ", g.pick(("專案經理", "客服主任", "資安工程師", "業務")), " | ", company)
    )
    ext = g.digits(3)
    doc.append(_signature_phone(g, ext))
    doc.append(L("M: ").v("mobile_phone", g.mobile()).t("  F: ").n("company-fax", g.company_phone()))
    doc.append(L("公司地址：").n("company-address", g.company_address()).t("　統一編號：").v("ubn", g.ubn()))
    return doc


def _signature_phone(g: Gen, ext: str) -> Line:
    """The signer's direct line: the switchboard written with their extension is their contact (labelled)."""
    area, local = g.landline_parts()
    half = len(local) // 2 if len(local) != 8 else 4
    shown = f"({area}){local[:half]}-{local[half:]}"
    return L("T: ").v("landline_phone", V(shown, area + local, "landline-signature-ext")).t(f" #{ext}")


def leave_form(g: Gen) -> Doc:
    name = g.zh_name()
    doc = [L("【請假單】表單編號 ").n("form-no", f"HR-{g.digits(8)}")]
    doc.append(
        L("申請人：")
        .v("person_name", name)
        .t("　部門：", g.pick(("研發部", "客服部", "業務部", "財務部")), "　員工編號：")
        .n("employee-no", f"E{g.digits(5)}")
    )
    doc.append(
        L("假別：", g.pick(("特休", "病假", "事假", "婚假", "喪假")), "　期間：")
        .n("date", g.other_date())
        .t(" 至 ")
        .n("date", g.other_date())
    )
    doc.append(
        L("代理人：")
        .v("person_name", g.zh_name())
        .t("　緊急聯絡人：")
        .v("person_name", g.zh_name())
        .t("（", g.pick(("母", "配偶", "兄")), "）")
        .v("mobile_phone", g.mobile())
    )
    return doc


def expense_form(g: Gen) -> Doc:
    name = g.zh_name()
    doc = [L("報帳單　申請人 ").v("person_name", name).t("　日期 ").n("date", g.other_date())]
    doc.append(
        L("事由：拜訪客戶油資，車號 ")
        .v("vehicle_plate", g.plate())
        .t("，里程 ")
        .n("number", f"{g.rnd.randint(10, 400)} km")
        .t("，金額 ")
        .n("amount", g.amount())
    )
    doc.append(
        L("發票：")
        .n("invoice-no", g.invoice_no())
        .t("　賣方統編 ")
        .v("ubn", g.ubn())
        .t("　料號 ")
        .n("sku-plate-like", g.sku())
    )
    before, acct, after = g.bank()
    doc.append(L("撥款帳戶（本人）：", before).v("bank_account", acct).t(after))
    return doc


def claim_text(g: Gen) -> Doc:
    doc = [
        L("保單號碼：")
        .n("policy-no", f"{g.pick(('L', 'H', 'P'))}{g.digits(10)}")
        .t("　理賠案號：")
        .n("claim-no", g.luhn_order())
    ]
    doc.append(
        L("被保險人：")
        .v("person_name", g.name())
        .t("　身分證字號：")
        .v("tw_national_id", g.national_id())
        .t("　出生日期：")
        .v("birth_date", g.birth())
    )
    doc.append(
        L("就診醫院：", g.pick(HOSPITALS), "　診斷日期：")
        .n("date", g.other_date())
        .t("　出險地點：")
        .n("gps", g.gps())
    )
    home, ext = g.landline()
    doc.append(
        L("聯絡電話（住家）：").v("landline_phone", home).t(ext).t("　通訊地址：").v("address", g.address())
    )
    before, acct, after = g.bank()
    doc.append(
        L("理賠金額：").n("amount", g.amount()).t("　匯款帳戶：", before).v("bank_account", acct).t(after)
    )
    doc.append(
        L("保險公司匯出帳戶：").n("company-account", g.digits(12)).t(" SWIFT ").n("swift", g.pick(SWIFT))
    )
    return doc


def line_chat(g: Gen) -> Doc:
    a, b = g.zh_name(), g.zh_name()
    day = dt.date(2026, 1, 1) + dt.timedelta(days=g.rnd.randrange(330))
    wd = "一二三四五六日"[day.weekday()]
    doc = [L(f"{day:%Y/%m/%d}（{wd}）")]

    def msg(who: V) -> Line:
        return L(f"{g.rnd.randint(8, 23):02d}:{g.rnd.randint(0, 59):02d}\t").v("person_name", who).t("\t")

    doc.append(msg(a).t(g.pick(("在嗎？", "幫我查一下訂單", "晚點打給你"))))
    kind = g.pick(("phone", "id", "addr", "card", "plate"))
    if kind == "phone":
        doc.append(msg(b).t("我新的手機").v("mobile_phone", g.mobile()).t("喔"))
    elif kind == "id":
        doc.append(msg(b).t("身分證字號 ").v("tw_national_id", g.national_id()).t(" 你幫我填一下"))
    elif kind == "addr":
        doc.append(msg(b).t("寄到").v("address", g.address()).t("就好"))
    elif kind == "card":
        doc.append(
            msg(b)
            .t("刷這張 ")
            .v("credit_card", g.card())
            .t(" 到期 ")
            .n("expiry", f"{g.rnd.randint(1, 12):02d}/{g.rnd.randint(27, 31)}")
        )
    else:
        doc.append(
            msg(b).t("車停B2，車牌").v("vehicle_plate", g.plate()).t("，取貨碼").n("pickup-code", g.digits(6))
        )
    doc.append(msg(a).t(g.pick(("收到👌", "OK", "好的謝謝", "[貼圖]"))))
    return doc


def minutes(g: Gen) -> Doc:
    people = [g.zh_name() for _ in range(g.rnd.randint(2, 4))]
    line = L("出席：")
    for i, p in enumerate(people):
        if i:
            line.t("、")
        line.v("person_name", p)
    doc = [L("會議紀錄　", g.other_date(), "　版本 ").n("version", g.version()), line]
    doc.append(L("決議：", g.pick(FILLER)))
    doc.append(
        L("待辦：")
        .v("person_name", g.zh_name())
        .t(" 於 ")
        .n("date", g.other_date())
        .t(" 前完成系統 ")
        .n("version", g.version())
        .t(" 升級。")
    )
    return doc


def shipping(g: Gen) -> Doc:
    doc = [L("出貨單號 ").n("order-luhn", g.luhn_order()).t("　物流 ").n("tracking12", g.tracking12())]
    doc.append(
        L("寄件：", g.pick(COMPANIES), " ")
        .n("company-address", g.company_address())
        .t(" 客服專線 ")
        .n("company-0800", f"0800-{g.digits(3)}-{g.digits(3)}")
        .t(" 統編 ")
        .v("ubn", g.ubn())
    )
    recv = L("收件：").v("person_name", g.name()).t(" ")
    if g.chance(0.8):
        recv.v("mobile_phone", g.mobile())
    else:
        home, ext = g.landline()
        recv.v("landline_phone", home).t(ext)
    recv.t(" ").v("address", g.address(postcode=0.6))
    doc.append(recv)
    doc.append(
        L("品項：", g.pick(PRODUCTS), " 料號 ")
        .n("sku-plate-like", g.sku())
        .t(" 序號 ")
        .n("serial", f"SN{g.digits(10)}")
        .t(" 數量 1")
    )
    return doc


def einvoice(g: Gen) -> Doc:
    line = (
        L("電子發票 ")
        .n("invoice-no", g.invoice_no())
        .t(" ")
        .n("date", g.other_date())
        .t(" 隨機碼 ")
        .n("random-code", g.digits(4))
        .t(" 賣方 ")
        .v("ubn", g.ubn())
    )
    if g.chance(0.4):
        line.t(" 買方 ").v("ubn", g.ubn())
    else:
        line.t(" 載具 ").n(
            "carrier", "/" + "".join(g.pick("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789+-.") for _ in range(7))
        )
    line.t(" 總計 ").n("amount", g.amount())
    return [line]


def ocr_scan(g: Gen) -> Doc:
    """A scanned 申請書: OCR swaps, a stray space, and an ID broken by the line wrap."""
    name = g.zh_name()
    clean = g.national_id_clean()
    doc = [L("［掃描］個人資料變更申請書 第 ", str(g.rnd.randint(1, 3)), " 頁")]
    doc.append(L("申 請 人 ：").v("person_name", V(" ".join(name.shown), name.clean, "name-ocr-spaced")))
    if g.chance(0.5):
        cut = g.rnd.randint(3, 7)
        first = Line().t("身分証字號：")
        start = first.size
        first.t(clean[:cut])
        first.labels.append(
            {
                "category": "tw_national_id",
                "value": clean,
                "start": start,
                "end": len(clean) - cut,
                "end_line": 1,
                "clean": clean,
                "form": "nid-ocr-wrapped",
            }
        )
        doc.append(first)
        doc.append(L(clean[cut:], "　（以下空白）"))
    else:
        doc.append(L("身分証字號：").v("tw_national_id", V(g.ocr_digits(clean, start=2), clean, "nid-ocr")))
    mobile = g.mobile()
    doc.append(
        L("行動電話：").v("mobile_phone", V(g.ocr_digits(mobile.clean, start=2), mobile.clean, "mobile-ocr"))
    )
    birth = g.birth()
    doc.append(L("出生日期：").v("birth_date", birth))
    return doc


def fullwidth_form(g: Gen) -> Doc:
    nid = g.national_id_clean()
    mobile = g.mobile().clean
    doc = [L("＊＊會員申請表（全形輸入）＊＊")]
    doc.append(
        L("姓名：")
        .v("person_name", g.zh_name())
        .t("　身分證：")
        .v("tw_national_id", V(full_width(nid), nid, "nid-fullwidth"))
    )
    mail = g.email().clean
    line = L("手機：").v(
        "mobile_phone", V(full_width(f"{mobile[:4]}-{mobile[4:7]}-{mobile[7:]}"), mobile, "mobile-fullwidth")
    )
    doc.append(line.t("　Ｅｍａｉｌ：").v("email", V(full_width(mail), mail, "email-fullwidth")))
    return doc


def worker_registry(g: Gen) -> Doc:
    """外籍移工 registry lines: English names, resident certificates (old and new), passports."""
    written = g.pick(FOREIGN_NAMES)
    name = V(written, written, "name-foreign")
    return [
        L("移工 ")
        .v("person_name", name)
        .t(" 國籍 ", g.pick(("VN", "ID", "PH", "TH")), " 居留證 ")
        .v("tw_resident_id", g.resident_id())
        .t(" 護照 ")
        .v("passport", g.passport())
        .t(" 入境 ")
        .n("date", g.other_date())
    ]


def negatives_block(g: Gen) -> Doc:
    """Lines with only look-alikes: build logs, release notes, finance lines, company contact blocks."""
    kind = g.pick(("build", "release", "finance", "company", "geo", "ops"))
    if kind == "build":
        return [
            L("[build] commit ")
            .n("hash", g.sha(40))
            .t(" artifact ")
            .n("version", g.version())
            .t(" sha256=")
            .n("hash", g.sha(64))
        ]
    if kind == "release":
        return [
            L("Release ")
            .n("version", g.version())
            .t(" — fixes ")
            .n("ticket", f"JIRA-{g.rnd.randint(100, 9999)}")
            .t(", 料號 ")
            .n("sku-plate-like", g.sku())
            .t(" 停產")
        ]
    if kind == "finance":
        return [
            L("應收帳款 ")
            .n("order-luhn", g.luhn_order())
            .t(" ")
            .n("amount", g.amount())
            .t(" 發票 ")
            .n("invoice-no", g.invoice_no())
            .t(" 匯入 ")
            .n("swift", g.pick(SWIFT))
            .t(" 帳號 ")
            .n("company-account", g.digits(12))
            .t("（公司戶）")
        ]
    if kind == "company":
        return [
            L(g.pick(COMPANIES), " 總機 ")
            .n("company-switchboard", g.company_phone())
            .t(" 傳真 ")
            .n("company-fax", g.company_phone())
            .t(" ")
            .n("role-mailbox", g.role_box())
            .t(" ")
            .n("company-address", g.company_address())
        ]
    if kind == "geo":
        return [
            L("門市座標 ")
            .n("gps", g.gps())
            .t("，營業時間 10:00-22:00，託運單 ")
            .n("tracking-id-checksum", g.id_like_tracking())
            .t("，宅配單 ")
            .n("tracking12", g.tracking12())
        ]
    return [
        L("監控：CPU ")
        .n("number", f"{g.rnd.randint(1, 99)}%")
        .t(" 時間 ")
        .n("timestamp", g.timestamp())
        .t(" 序號 ")
        .n("serial", f"{g.digits(4)}-{g.digits(4)}-{g.digits(4)}")
        .t(" 74年次以上員工健檢補助 ")
        .n("amount", g.amount())
    ]


Maker = Callable[[Gen], Doc]

#: Text files: name → weighted document makers.
TEXT_FILES: dict[str, list[tuple[Maker, float]]] = {
    "h7_tickets_000.txt": [(ticket, 6), (html_fragment, 2), (negatives_block, 2)],
    "h7_app_001.log": [(access_log, 6), (app_log, 6), (negatives_block, 1)],
    "h7_mail_002.txt": [(mail_thread, 5), (negatives_block, 1)],
    "h7_forms_003.txt": [
        (leave_form, 2),
        (expense_form, 2),
        (claim_text, 3),
        (ocr_scan, 2),
        (fullwidth_form, 1.5),
        (worker_registry, 1.5),
        (negatives_block, 1.5),
    ],
    "h7_chat_004.txt": [(line_chat, 6), (negatives_block, 1)],
    "h7_docs_005.txt": [(minutes, 2), (shipping, 3), (einvoice, 3), (negatives_block, 2)],
}


# ---------------------------------------------------------------------------------------------------------
# Tables: a column is (header spellings, cell maker); a cell is a Line (its labels carry spans in the cell)
# ---------------------------------------------------------------------------------------------------------

Cell = Callable[[Gen], Line]
Column = tuple[tuple[str, ...], Cell]


def _cell(category: str, make: Callable[[Gen], V]) -> Cell:
    return lambda g: Line().v(category, make(g))


def _id_cell(g: Gen) -> Line:
    if g.chance(0.15):
        return Line().v("tw_resident_id", g.resident_id())
    return Line().v("tw_national_id", g.national_id())


def _memo_cell(g: Gen) -> Line:
    kind = g.pick(("none", "none", "landline", "plate", "neg", "name"))
    if kind == "landline":
        home, ext = g.landline()
        return L("住家 ").v("landline_phone", home).t(ext)
    if kind == "plate":
        return L("車位 B2-", str(g.rnd.randint(1, 200)), " 車號 ").v("vehicle_plate", g.plate())
    if kind == "neg":
        return L("舊單號 ").n("order-luhn", g.luhn_order())
    if kind == "name":
        return L("推薦人 ").v("person_name", g.zh_name())
    return L(g.pick(("", "VIP", "已退訂電子報", "黑名單-勿聯絡", "2026 週年禮已寄")))


def _recv_phone(g: Gen) -> Line:
    if g.chance(0.75):
        return Line().v("mobile_phone", g.mobile())
    home, ext = g.landline()
    return Line().v("landline_phone", home).t(ext)


def _card_or_masked(g: Gen) -> Line:
    if g.chance(0.45):
        return Line().v("credit_card", g.card())
    return Line().n("masked-card", g.masked_card())


MEMBER_COLUMNS: list[Column] = [
    (("會員編號", "mbr_no", "會員ID", "No."), lambda g: Line().n("member-no", f"M{g.digits(9)}")),
    (("姓名", "xingming", "會員name", "mbr_nm", "Name", "名字"), _cell("person_name", Gen.name)),
    (("身分證字號", "shenfenzheng", "id_no", "ID", "身份證號"), _id_cell),
    (("生日", "shengri", "birth_dt", "DOB", "出生年月日"), _cell("birth_date", Gen.birth)),
    (("手機", "shouji", "mobile", "tel_no", "聯絡方式"), _cell("mobile_phone", Gen.mobile)),
    (("Email", "e-mail", "dianziyoujian", "信箱", "mail_addr"), _cell("email", Gen.email)),
    (("地址", "dizhi", "addr", "通訊地址", "住址"), _cell("address", Gen.address)),
    (("點數", "pts", "bonus"), lambda g: Line().n("number", str(g.rnd.randint(0, 30000)))),
    (("註冊時間", "reg_ts", "created_at"), lambda g: Line().n("timestamp", g.timestamp())),
    (("最後登入IP", "last_ip", "login_ip"), _cell("ip_address", Gen.ip)),
    (("備註", "memo", "remark"), _memo_cell),
]

ORDER_COLUMNS: list[Column] = [
    (("訂單編號", "order_no", "單號"), lambda g: Line().n("order-luhn", g.luhn_order())),
    (("訂購人", "buyer", "購買人"), _cell("person_name", Gen.zh_name)),
    (("收件人", "recv_nm", "收貨人"), _cell("person_name", Gen.zh_name)),
    (("收件電話", "recv_tel", "連絡電話"), _recv_phone),
    (("縣市", "city"), lambda g: L()),  # filled by the split-address hook
    (("鄉鎮市區", "dist"), lambda g: L()),
    (("收件地址", "recv_addr", "地址(路段)"), lambda g: L()),
    (("金額", "amt", "total"), lambda g: Line().n("amount", str(g.rnd.randint(99, 60000)))),
    (("發票號碼", "inv_no"), lambda g: Line().n("invoice-no", g.invoice_no())),
    (("統編", "buyer_ubn", "公司統編"), lambda g: Line().v("ubn", g.ubn()) if g.chance(0.3) else L()),
    (("卡號", "card_no", "付款卡號"), _card_or_masked),
    (("物流單號", "tracking"), lambda g: Line().n("tracking12", g.tracking12())),
]

CLAIM_COLUMNS: list[Column] = [
    (("案號", "claim_no"), lambda g: Line().n("claim-no", f"CL{g.digits(10)}")),
    (("被保險人", "Insured Name", "被保人姓名"), _cell("person_name", Gen.name)),
    (("證號", "ID/ARC No.", "證件號碼"), _id_cell),
    (("出生", "birthday", "生日(民國)"), _cell("birth_date", Gen.birth)),
    (("健保卡號", "NHI No", "健保卡"), _cell("nhi_card", Gen.nhi)),
    (("護照號碼", "passport_no"), lambda g: Line().v("passport", g.passport()) if g.chance(0.3) else L()),
    (("區碼", "area"), lambda g: L()),  # filled by the split-phone hook
    (("電話", "tel"), lambda g: L()),
    (("銀行代碼", "bank_cd"), lambda g: L()),  # filled by the split-bank hook
    (("帳號", "acct_no", "匯款帳號"), lambda g: L()),
    (
        ("車號", "plate_no", "肇事車牌"),
        lambda g: Line().v("vehicle_plate", g.plate()) if g.chance(0.5) else L(),
    ),
    (("理賠金額", "paid_amt"), lambda g: Line().n("amount", g.amount())),
]


def _split_hooks(g: Gen, headers: list[str], cells: list[Line], columns: list[Column]) -> None:
    """Fill the cells of values split across two or three cells (labelled on the number/street cell)."""
    firsts = [names[0] for names, _ in columns]
    if "縣市" in firsts:
        city, district, street = g.address_split()
        cells[firsts.index("縣市")] = L(city.replace("臺", "台") if g.chance(0.4) else city)
        cells[firsts.index("鄉鎮市區")] = L(district)
        cells[firsts.index("收件地址")] = Line().v("address", street)
    if "區碼" in firsts:
        area, local = g.landline_parts()
        shown = f"{local[:4]}-{local[4:]}" if len(local) == 8 else f"{local[:3]}-{local[3:]}"
        cells[firsts.index("區碼")] = L(area if g.chance(0.7) else f"({area})")
        cells[firsts.index("電話")] = Line().v(
            "landline_phone", V(shown, area + local, "landline-split-cell")
        )
    if "銀行代碼" in firsts:
        code, _, length = g.pick(BANKS)
        account = g.digits(length)
        cells[firsts.index("銀行代碼")] = L(code)
        cells[firsts.index("帳號")] = Line().v("bank_account", V(account, account, "bank-split-cell"))


# ---------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------


class Writer:
    def __init__(self, out: Path, g: Gen, negatives: Path | None = None) -> None:
        self.out, self.g = out, g
        self.labels = (out / "labels.jsonl").open("w", encoding="utf-8")
        self.negatives = negatives.open("w", encoding="utf-8") if negatives else None

    def _record(self, where: dict[str, Any], line: Line) -> None:
        for label in line.labels:
            item = {**where, **label}
            if "end_line" in item:
                item["end_line"] = where["line"] + item["end_line"]
            record = {"file": item.pop("file"), **{k: v for k, v in item.items() if v is not None}}
            self.labels.write(json.dumps(record, ensure_ascii=False) + "\n")
        if self.negatives is not None:
            for neg in line.negatives:
                self.negatives.write(json.dumps({**where, **neg}, ensure_ascii=False) + "\n")

    def text_file(self, name: str, makers: list[tuple[Maker, float]], size: int) -> None:
        funcs, weights = zip(*makers, strict=True)
        number = written = 0
        with (self.out / name).open("w", encoding="utf-8", newline="\n") as handle:
            while written < size:
                if self.g.chance(0.35):
                    doc = [L(self.g.pick(FILLER))]
                else:
                    doc = self.g.rnd.choices(funcs, weights)[0](self.g)
                    if self.g.chance(0.3):
                        doc.append(L(""))
                for line in doc:
                    number += 1
                    text = line.text
                    handle.write(text + "\n")
                    written += len(text.encode()) + 1
                    self._record({"file": name, "line": number}, line)

    def _row(self, columns: list[Column], headers: list[str], encoding: str) -> list[Line]:
        while True:
            cells = [make(self.g) for _, make in columns]
            _split_hooks(self.g, headers, cells, columns)
            if encoding != "cp950" or all(_big5(c.text) for c in cells):
                return cells

    def csv_file(
        self, name: str, columns: list[Column], size: int, encoding: str, numbered: bool = False
    ) -> None:
        headers = (
            [f"欄位{i + 1}" for i in range(len(columns))]
            if numbered
            else [self.g.pick(n) for n, _ in columns]
        )
        with (self.out / name).open("w", encoding=encoding, newline="") as handle:
            out = csv.writer(handle, lineterminator="\n")
            out.writerow(headers)
            number = 1
            while handle.tell() < size:
                number += 1
                cells = self._row(columns, headers, encoding)
                out.writerow([c.text for c in cells])
                for header, cell in zip(headers, cells, strict=True):
                    self._record({"file": name, "row": number, "column": header}, cell)

    def workbook(self, name: str, rows: int) -> None:
        import openpyxl

        book = openpyxl.Workbook()
        book.remove(book.active)
        fixed = dt.datetime(2026, 11, 28, 9, 0, 0)
        book.properties.created = book.properties.modified = fixed
        for title, headers, make_row in SHEETS:
            sheet = book.create_sheet(title)
            sheet.append(list(headers))
            for number in range(2, rows + 2):
                cells = make_row(self.g)
                sheet.append(
                    [
                        c.value if isinstance(c, DateCell) else c if isinstance(c, int) else c.text
                        for c in cells
                    ]
                )
                for header, cell in zip(headers, cells, strict=True):
                    where = {"file": name, "sheet": title, "row": number, "column": header}
                    if isinstance(cell, DateCell):
                        for label in cell.labels:
                            self.labels.write(json.dumps({**where, **label}, ensure_ascii=False) + "\n")
                    elif isinstance(cell, Line):
                        self._record(where, cell)
        book.save(self.out / name)

    def close(self) -> None:
        self.labels.close()
        if self.negatives is not None:
            self.negatives.close()


def _big5(text: str) -> bool:
    try:
        text.encode("cp950")
    except UnicodeEncodeError:
        return False
    return True


@dataclass
class DateCell:
    """A real date cell in the workbook; a birth date is labelled with its ISO text (no span: not text)."""

    value: dt.datetime
    labels: list[dict[str, Any]] = field(default_factory=list)


def _staff_row(g: Gen) -> list[Any]:
    sur, giv = g.name_parts()
    rs, rg = g.roman(sur)
    english = f"{rg} {rs}" if g.chance(0.6) else f"{g.pick(ENGLISH_GIVEN)} {rs}"
    hired = DateCell(dt.datetime(2010, 1, 1) + dt.timedelta(days=g.rnd.randrange(5800)))
    if g.chance(0.7):
        born = g.birth()
        day = dt.date.fromisoformat(born.clean)
        birth: Any = DateCell(
            dt.datetime(day.year, day.month, day.day),
            [{"category": "birth_date", "value": born.clean, "clean": born.clean, "form": "birth-date-cell"}],
        )
    else:
        birth = Line().v("birth_date", g.birth())
    return [
        Line().n("employee-no", f"E{g.digits(5)}"),
        Line().v("person_name", V(sur + giv, sur + giv, "name-compound" if len(sur) == 2 else "name-zh")),
        Line().v("person_name", V(english, english, "name-romanised")),
        _id_cell(g),
        hired,
        birth,
        Line().n("extension", f"ext {g.digits(4)}"),
        Line().v("mobile_phone", g.mobile()),
        Line().v("address", g.address()),
        Line().v("person_name", g.zh_name()),
        Line().v("mobile_phone", g.mobile()),
    ]


def _payroll_row(g: Gen) -> list[Any]:
    code, bank, length = g.pick(BANKS)
    account = g.digits(length)
    shown = account if g.chance(0.6) else "-".join(account[i : i + 4] for i in range(0, length, 4))
    return [
        Line().n("employee-no", f"E{g.digits(5)}"),
        Line().v("person_name", g.zh_name()),
        L(code),
        L(bank),
        Line().v("bank_account", V(shown, account, "bank-split-cell")),
        g.rnd.randint(28000, 160000),
    ]


def _vendor_row(g: Gen) -> list[Any]:
    return [
        L(g.pick(COMPANIES)),
        Line().v("ubn", g.ubn()),
        Line().n("company-switchboard", g.company_phone()),
        Line().n("company-fax", g.company_phone()),
        Line().v("person_name", g.zh_name()),
        Line().v("mobile_phone", g.mobile()),
        Line().n("company-address", g.company_address()),
        Line().n("company-account", g.digits(12)),
    ]


SHEETS: list[tuple[str, tuple[str, ...], Callable[[Gen], list[Any]]]] = [
    (
        "員工名冊",
        (
            "工號",
            "中文姓名",
            "English Name",
            "身分證/居留證號",
            "到職日",
            "生日",
            "分機",
            "手機",
            "戶籍地址",
            "緊急聯絡人",
            "緊急聯絡電話",
        ),
        _staff_row,
    ),
    ("薪轉帳戶", ("工號", "姓名", "銀行代碼", "銀行", "帳號", "實發金額"), _payroll_row),
    (
        "廠商",
        ("廠商名稱", "統一編號", "總機", "傳真", "聯絡窗口", "窗口手機", "公司地址", "匯款帳號(公司戶)"),
        _vendor_row,
    ),
]


#: CSV files: kind, columns, share of the corpus in %, number of files, encoding, numbered headers (欄位1…).
CSV_KINDS: list[tuple[str, list[Column], int, int, str, bool]] = [
    ("members", MEMBER_COLUMNS, 12, 4, "utf-8", False),
    ("orders", ORDER_COLUMNS, 10, 3, "cp950", False),
    ("claims", CLAIM_COLUMNS, 9, 3, "utf-8-sig", False),
    ("fields", MEMBER_COLUMNS, 8, 2, "utf-8", True),
]


def generate(out: Path, size_mb: float, seed: int = 71, negatives: Path | None = None) -> None:
    """About ``size_mb`` MB: 55 % text and logs, 39 % CSV (UTF-8, Big5, UTF-8 with BOM), 6 % XLSX."""
    out.mkdir(parents=True, exist_ok=True)
    g = Gen(seed)
    w = Writer(out, g, negatives)
    total = int(size_mb * 1024 * 1024)
    shares = {
        "h7_tickets_000.txt": 10,
        "h7_app_001.log": 12,
        "h7_mail_002.txt": 9,
        "h7_forms_003.txt": 9,
        "h7_chat_004.txt": 7,
        "h7_docs_005.txt": 8,
    }
    for name, makers in TEXT_FILES.items():
        w.text_file(name, makers, total * shares[name] // 100)
    # Several files per kind, each with its own header spellings, so that no single pick decides a category.
    for kind, columns, share, files, encoding, numbered in CSV_KINDS:
        for n in range(files):
            w.csv_file(f"h7_{kind}_{n:03d}.csv", columns, total * share // 100 // files, encoding, numbered)
    w.workbook("h7_hr_000.xlsx", max(60, total * 6 // 100 // 3 // 160))
    w.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Seventh held-out PII corpus (written without the engine's rules)"
    )
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--out", default="bench/out/pii/heldout7")
    parser.add_argument("--seed", type=int, default=71)
    parser.add_argument(
        "--negatives", default="", help="also write the planted hard negatives here (JSON lines)"
    )
    args = parser.parse_args(argv)
    generate(Path(args.out), args.size_mb, args.seed, Path(args.negatives) if args.negatives else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
