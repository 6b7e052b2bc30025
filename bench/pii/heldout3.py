"""A third held-out labelled corpus, written 2026-11-27 (night) before that night's precision fixes.

Why: the second held-out corpus (``heldout2.py``) is the corpus the night's precision and name-recall
work is tuned on, so its later figures become optimistic. This corpus is written first, measured
once, then left alone while the engine changes, and measured again at the end: its last figures are
the honest ones. It imports nothing from Shouhu and nothing from the other generators: its own
check digits (national ID, both resident-certificate formats, Luhn, UBN), its own surnames and given
names, places, label words, templates, column headers and negatives; seed 31.

What is new in it: names in signatures (``敬上``, ``謹啟``, ``Best regards,``), salutations (``Dear``,
``c/o``, ``Ship to:``, ``Cardholder:``), names before other verbs (詢問, 表明, 希望, 致電 …), customer-
service tickets, order slips with 購買人/訂貨人/領取人, addresses with 里/鄰, ``之`` after the number or
after the floor, ``室``, post codes of five digits; 15-digit cards grouped 4-6-5, dotted and spaced
mobiles, 6-digit local numbers (037, 089), ``#`` extensions; ROC birth dates written ``78/3/5`` and
English birth dates (``Mar 5, 1989``); bank accounts with dashes, passports, plates, IPs, UBNs; and
hard negatives: checksum-valid numbers under 保單號碼, 出貨單號, 工單號, Booking ref, SKU, Serial No.,
S/N, Lot No., Asset ID, 設備序號, 機台編號, in columns and in running text; four-part version strings
that look like IPv4 addresses; lines starting with words that begin with a surname (張貼, 周末, 高速 …).

What it cannot show: the author knew the engine's label words in outline (from the earlier corpora),
so it is kinder than real data; it has no NHI numbers; no OCR noise.

Usage::

    python -m bench.pii.heldout3 --size-mb 2 --out bench/out/pii/heldout3 --seed 31
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

Labels = list[tuple[str, str]]

# --- check digits (written for this file) ----------------------------------------------------

#: Letter → two-digit area code of the national identification number.
_CODES = dict(zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36), strict=True))


def _weighted(code: int, body: str) -> int:
    total = code // 10 + 9 * (code % 10)
    for weight, ch in zip(range(8, 0, -1), body, strict=True):
        total += weight * int(ch)
    return total


def id_with_check(letter: str, body: str) -> str:
    """``letter`` + 8-digit ``body`` + the check digit."""
    return letter + body + str(-_weighted(_CODES[letter], body) % 10)


def national_id(rng: random.Random) -> str:
    return id_with_check(rng.choice(list(_CODES)), rng.choice("12") + f"{rng.randrange(10**7):07d}")


def resident_new(rng: random.Random) -> str:
    return id_with_check(rng.choice(list(_CODES)), rng.choice("89") + f"{rng.randrange(10**7):07d}")


def resident_old(rng: random.Random) -> str:
    """Old format: area letter, gender letter A–D (its code's last digit counts), seven digits, check."""
    area, gender = rng.choice(list(_CODES)), rng.choice("ABCD")
    seven = f"{rng.randrange(10**7):07d}"
    body = str(_CODES[gender] % 10) + seven
    check = -_weighted(_CODES[area], body) % 10
    return f"{area}{gender}{seven}{check}"


def luhn(prefix: str, length: int, rng: random.Random) -> str:
    body = [int(c) for c in prefix] + [rng.randrange(10) for _ in range(length - len(prefix) - 1)]
    total = 0
    for i, d in enumerate(reversed(body)):
        total += (d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 == 0 else d
    return "".join(map(str, body)) + str(-total % 10)


def ubn(rng: random.Random) -> str:
    while True:
        value = f"{rng.randrange(10**8):08d}"
        total = sum(sum(divmod(int(c) * w, 10)) for c, w in zip(value, (1, 2, 1, 2, 1, 2, 4, 1), strict=True))
        if total % 5 == 0 or (value[6] == "7" and (total + 1) % 5 == 0):
            return value


# --- vocabulary (fresh for this corpus) ------------------------------------------------------

SURNAMES = list("溫童石藍古殷傅方康黎紀杜范宋田丁馬姚鄧董袁唐韓馮薛程任汪歐鄒侯錢白包尤孔易")
RARER = list("練官甘麥饒樊褚荊晏幸諶岳伍湯")
COMPOUND = ["諸葛", "上官", "皇甫", "公孫", "夏侯", "慕容"]
GIVEN = list("承恩昱辰語彤宥蓁品睿柔安晨希禹澄芷若靖雯奕勳沛瑄秉叡翊綺芮晴紹霖曜璇")
ROMAN_FAMILY = ["Kao", "Su", "Kuo", "Hung", "Tseng", "Liao", "Lai", "Chou", "Yeh", "Chuang", "Lu", "Chiang"]
ROMAN_GIVEN = ["Yi-hsuan", "Cheng-en", "Pei-shan", "Tsung-han", "Hui-chun", "Ming-che", "Ya-chu",
               "Kai-wen", "Shih-ting", "Chien-hung", "Jui-lin", "Fang-yu"]  # fmt: skip
ENGLISH_GIVEN = ["Grace", "Vincent", "Joanna", "Eric", "Sandy", "Alan", "Wendy", "Ivan"]
AREAS = {
    "基隆市": (["仁愛區", "七堵區"], "20045"),
    "新北市": (["板橋區", "新莊區", "汐止區", "永和區"], "22065"),
    "臺中市": (["西屯區", "北屯區", "豐原區", "大里區"], "40756"),
    "苗栗縣": (["頭份市", "竹南鎮"], "35159"),
    "南投縣": (["草屯鎮", "埔里鎮"], "54241"),
    "雲林縣": (["斗六市", "虎尾鎮"], "64054"),
    "嘉義市": (["西區", "東區"], "60045"),
    "屏東縣": (["潮州鎮", "屏東市"], "90074"),
    "臺東縣": (["臺東市", "關山鎮"], "95041"),
}
ROADS = ["忠孝路", "文化路", "興隆路", "大同路", "福德街", "博愛街", "信義路", "崇德路", "府前路", "青年路"]
VILLAGES = ["仁德里", "福安里", "永興里", "中和里"]
DOMAINS = ["seed.net.tw", "pchome.com.tw", "outlook.com", "icloud.com", "vendor.tw"]
LOCALS = ["grace.w", "h.chang", "sunflower", "bluebird", "coffee", "ming", "dora", "kai"]
BANKS = ["台新銀行", "第一銀行", "玉山銀行", "郵局", "合作金庫"]
FILLER = [
    "週四晚間十點起資料庫升級，預計停機兩小時。",
    "請各課室於月底前繳交教育訓練簽到表。",
    "Please rotate the API keys before the audit window opens.",
    "[2026-11-24 03:12:55] WARN disk /var at 81% on node-b",
    "POST /api/v2/orders 201 48 ms",
    "本月份電費較上月增加 12%，主因為空調。",
    "新版隱私權政策已公告於官網首頁。",
    "張貼公告時請勿附上個人聯絡方式。",
    "周末加班申請請於週三前提出。",
    "高速公路電子收費明細已寄出。",
    "方便的話請回傳簽名檔。",
    "石門水庫蓄水率目前為 78%。",
    "馬上處理中，請稍候。",
    "安全宣導：不要點擊來路不明的連結。",
    "康復後請提供診斷證明。",
    "董事會決議通過年度預算。",
]


class Maker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def pick(self, items: list[Any]) -> Any:
        return items[self.rng.randrange(len(items))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def name(self) -> str:
        r = self.rng.random()
        family = self.pick(COMPOUND) if r < 0.05 else self.pick(RARER) if r < 0.15 else self.pick(SURNAMES)
        return family + "".join(self.pick(GIVEN) for _ in range(1 if self.chance(0.15) else 2))

    def roman(self) -> str:
        if self.chance(0.3):
            return f"{self.pick(ENGLISH_GIVEN)} {self.pick(ROMAN_FAMILY)}"
        family, given = self.pick(ROMAN_FAMILY), self.pick(ROMAN_GIVEN)
        return f"{given} {family}" if self.chance(0.5) else f"{family} {given}"

    def mobile(self) -> tuple[str, str]:
        d = "09" + str(self.rng.randrange(9)) + f"{self.rng.randrange(10**7):07d}"
        forms = [d, f"{d[:4]}.{d[4:7]}.{d[7:]}", f"{d[:4]} {d[4:7]} {d[7:]}", f"+886 {d[1:4]} {d[4:7]} {d[7:]}",
                 f"({d[:4]}){d[4:]}", f"{d[:4]}-{d[4:]}", f"886-{d[1:]}"]  # fmt: skip
        return self.pick(forms), d

    def landline(self) -> tuple[str, str]:
        area, size = self.pick([("02", 8), ("03", 7), ("037", 6), ("04", 8), ("05", 7), ("06", 7), ("07", 7),
                                ("08", 7), ("089", 6)])  # fmt: skip
        local = str(self.rng.randint(2, 9)) + f"{self.rng.randrange(10 ** (size - 1)):0{size - 1}d}"
        cut = size // 2
        written = self.pick([f"({area}){local}", f"({area}) {local[:cut]}-{local[cut:]}", f"{area} {local}",
                             f"{area}-{local[:cut]}-{local[cut:]}"])  # fmt: skip
        if self.chance(0.25):
            written += self.pick([f"#{self.rng.randint(100, 9999)}", f" 分機{self.rng.randint(10, 999)}",
                                  f" x{self.rng.randint(10, 999)}"])  # fmt: skip
        return written, area + local

    def email(self) -> tuple[str, str]:
        value = f"{self.pick(LOCALS)}{self.rng.randint(10, 99)}@{self.pick(DOMAINS)}"
        written = value.upper() if self.chance(0.05) else value
        return written, value

    def address(self) -> tuple[str, str]:
        city = self.pick(list(AREAS))
        districts, post = AREAS[city]
        district = self.pick(districts)
        village = (self.pick(VILLAGES) + f"{self.rng.randint(1, 30)}鄰") if self.chance(0.15) else ""
        road = self.pick(ROADS) + (self.pick(["一段", "二段"]) if self.chance(0.3) else "")
        lane = f"{self.rng.randint(1, 200)}巷" if self.chance(0.3) else ""
        number = f"{self.rng.randint(1, 300)}"
        shape = self.rng.random()
        if shape < 0.15:
            tail = f"{number}之{self.rng.randint(1, 9)}號"
        elif shape < 0.35:
            tail = f"{number}號{self.rng.randint(2, 25)}樓之{self.rng.randint(1, 9)}"
        elif shape < 0.5:
            tail = f"{number}號{self.rng.randint(2, 25)}樓{self.rng.randint(1, 20)}{self.rng.randint(1, 9):02d}室"
        elif shape < 0.65:
            tail = f"{number}號{self.rng.randint(2, 25)}樓"
        else:
            tail = f"{number}號"
        canonical = city + district + village + road + lane + tail
        written = (
            (city.replace("臺", "台") if self.chance(0.5) else city) + district + village + road + lane + tail
        )
        if self.chance(0.2):
            written = self.pick([post, post[:3]]) + self.pick(["", " "]) + written
        return written, canonical

    def birth(self) -> tuple[str, str]:
        y, m, d = self.rng.randint(1948, 2008), self.rng.randint(1, 12), self.rng.randint(1, 28)
        roc = y - 1911
        month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]
        forms = [f"{roc}/{m}/{d}", f"{y}.{m:02d}.{d:02d}", f"{y}年{m}月{d}日", f"民國{roc}年{m:02d}月{d:02d}日",
                 f"{roc}-{m:02d}-{d:02d}", f"{month} {d}, {y}", f"{d} {month} {y}", f"{y}{m:02d}{d:02d}"]  # fmt: skip
        return self.pick(forms), f"{y:04d}-{m:02d}-{d:02d}"

    def non_birth_date(self) -> str:
        y, m, d = self.rng.randint(2018, 2027), self.rng.randint(1, 12), self.rng.randint(1, 28)
        return self.pick([f"{y}.{m:02d}.{d:02d}", f"{y - 1911}/{m}/{d}", f"{y}年{m}月{d}日"])

    def card(self) -> tuple[str, str]:
        if self.chance(0.2):  # American Express: 15 digits grouped 4-6-5
            digits = luhn(self.pick(["34", "37"]), 15, self.rng)
            sep = self.pick([" ", "-", ""])
            return sep.join([digits[:4], digits[4:10], digits[10:]]), digits
        digits = luhn(self.pick(["4", "51", "55", "2221", "3528"]), 16, self.rng)
        sep = self.pick([" ", "-", "", " "])
        return sep.join(digits[i : i + 4] for i in range(0, 16, 4)), digits

    def nid(self) -> tuple[str, str]:
        value = national_id(self.rng)
        if self.chance(0.08):
            return value[0].lower() + value[1:], value
        return value, value

    def bank(self) -> tuple[str, str]:
        digits = (
            f"{self.rng.randrange(10**12):012d}" if self.chance(0.5) else f"{self.rng.randrange(10**14):014d}"
        )
        if self.chance(0.4):
            return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}", digits
        return digits, digits

    def plate(self) -> str:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        return "".join(self.pick(list(letters)) for _ in range(3)) + "-" + f"{self.rng.randint(1000, 9999)}"

    def ip(self) -> str:
        return self.pick(
            [
                f"61.{self.rng.randint(56, 71)}.{self.rng.randint(0, 255)}.{self.rng.randint(1, 254)}",
                f"114.{self.rng.randint(24, 47)}.{self.rng.randint(0, 255)}.{self.rng.randint(1, 254)}",
                f"203.{self.rng.randint(64, 79)}.{self.rng.randint(0, 255)}.{self.rng.randint(1, 254)}",
            ]
        )

    def serial(self) -> str:
        return self.pick(["SN", "TW", "LOT-", "A", ""]) + f"{self.rng.randrange(10**9):09d}"


# --- text templates --------------------------------------------------------------------------

T = Callable[[Maker], tuple[str, Labels]]


def t_ticket(v: Maker) -> tuple[str, Labels]:
    name, (mob, mob_c) = v.name(), v.mobile()
    verb = v.pick(["詢問", "表明", "希望", "致電", "打來說", "寫信", "投訴", "留言", "告知", "確認", "抱怨"])
    tail = v.pick(["包裹還沒收到", "發票要重開", "想改送貨時間", "退款進度", "會員點數消失"])
    ticket = f"#CS{v.rng.randrange(10**6):06d}"
    line = v.pick([f"{name}{verb}{tail}，回撥 {mob}", f"客服單{ticket}：{name}{verb}{tail}（{mob}）",
                   f"{ticket} {name} {verb}{tail}，手機 {mob}"])  # fmt: skip
    return line, [("person_name", name), ("mobile_phone", mob_c)]


def t_signature(v: Maker) -> tuple[str, Labels]:
    if v.chance(0.35):
        name = v.roman()
        (tel, tel_c) = v.landline()
        line = v.pick([f"Best regards, {name} | T {tel}", f"Thanks, {name} (Tel {tel})",
                       f"Sincerely, {name} — {tel}"])  # fmt: skip
        return line, [("person_name", name), ("landline_phone", tel_c)]
    name, (tel, tel_c) = v.name(), v.landline()
    line = v.pick([f"{name} 敬上 {tel}", f"採購課 {name} 謹啟（{tel}）", f"業務部 {name}  電話 {tel}",
                   f"經辦人：{name}　TEL：{tel}"])  # fmt: skip
    return line, [("person_name", name), ("landline_phone", tel_c)]


def t_salutation(v: Maker) -> tuple[str, Labels]:
    name = v.roman() if v.chance(0.5) else v.name()
    (mail, mail_c) = v.email()
    line = v.pick([f"Dear {name},", f"c/o {name}, {mail}", f"Ship to: {name} <{mail}>",
                   f"Cardholder: {name}", f"Prepared by: {name} ({mail})", f"cc: {name} <{mail}>",
                   f"{name}先生您好，附件請查收（{mail}）", f"親愛的 {name} 小姐："])  # fmt: skip
    labels: Labels = [("person_name", name)]
    if mail in line:
        labels.append(("email", mail_c))
    return line, labels


def t_slip(v: Maker) -> tuple[str, Labels]:
    name, (mob, mob_c), (addr, addr_c) = v.name(), v.mobile(), v.address()
    head = v.pick(["購買人", "訂貨人", "領取人", "收件人姓名", "買家"])
    line = v.pick([f"{head}：{name}　手機：{mob}　地址：{addr}", f"{head} {name} / {mob} / 寄送至 {addr}",
                   f"[宅配] {head}={name}; tel={mob}; addr={addr}"])  # fmt: skip
    return line, [("person_name", name), ("mobile_phone", mob_c), ("address", addr_c)]


def t_address_text(v: Maker) -> tuple[str, Labels]:
    addr, addr_c = v.address()
    line = v.pick([f"戶籍地址：{addr}", f"通訊處 {addr}", f"帳單請寄到 {addr}，謝謝", f"住在{addr}附近",
                   f"現居地:{addr}"])  # fmt: skip
    return line, [("address", addr_c)]


def t_identity(v: Maker) -> tuple[str, Labels]:
    name, (nid, nid_c), (born, iso) = v.name(), v.nid(), v.birth()
    line = v.pick([f"申請人 {name}，身分證號碼 {nid}，生日 {born}",
                   f"員工資料｜{name}｜證號 {nid}｜出生 {born}｜到職日 {v.non_birth_date()}",
                   f"National ID: {nid}; Date of birth: {born}; Name: {name}",
                   f"{name}（{nid}）生於{born}"])  # fmt: skip
    return line, [("person_name", name), ("tw_national_id", nid_c), ("birth_date", iso)]


def t_resident(v: Maker) -> tuple[str, Labels]:
    rid = resident_old(v.rng) if v.chance(0.5) else resident_new(v.rng)
    name = v.roman()
    line = v.pick([f"移工 {name} 居留證 {rid}", f"ARC No. {rid} ({name})", f"外僑居留證統一證號：{rid}"])
    labels: Labels = [("tw_resident_id", rid)]
    if name in line:
        labels.append(("person_name", name))
    return line, labels


def t_payment(v: Maker) -> tuple[str, Labels]:
    card, card_c = v.card()
    if v.chance(0.5):
        acct, acct_c = v.bank()
        bank = v.pick(BANKS)
        return f"刷卡卡號 {card}，退款至{bank}帳號 {acct}", [
            ("credit_card", card_c),
            ("bank_account", acct_c),
        ]
    return v.pick(
        [f"Credit card: {card} exp 11/28", f"信用卡 {card}（末三碼另告）", f"VISA {card} 授權失敗"]
    ), [("credit_card", card_c)]


def t_misc(v: Maker) -> tuple[str, Labels]:
    r = v.rng.random()
    if r < 0.2:
        p = "3" + f"{v.rng.randrange(10**8):08d}"
        return v.pick([f"護照號碼 {p}", f"Passport No.: {p}"]), [("passport", p)]
    if r < 0.4:
        plate = v.plate()
        return v.pick([f"訪客車號 {plate} 停 B2", f"車牌：{plate}"]), [("vehicle_plate", plate)]
    if r < 0.6:
        ip = v.ip()
        return v.pick([f"登入失敗 來源IP {ip}", f"client={ip} user=admin status=401"]), [("ip_address", ip)]
    if r < 0.8:
        u = ubn(v.rng)
        return v.pick([f"買受人統一編號 {u}", f"公司統編：{u}"]), [("ubn", u)]
    mail, mail_c = v.email()
    tel, tel_c = v.landline()
    return f"聯絡窗口信箱 {mail}，總機 {tel}", [("email", mail_c), ("landline_phone", tel_c)]


def t_negative(v: Maker) -> tuple[str, Labels]:
    l16 = luhn(v.pick(["4", "5", "35", "62"]), 16, v.rng)
    l15 = luhn(v.pick(["34", "37"]), 15, v.rng)
    choices = [
        f"保單號碼 {l16} 已生效",
        f"出貨單號：{l16}",
        f"工單號 {l16} 待派工",
        f"Booking ref {l16}",
        f"SKU {l15} 補貨中",
        f"Serial No. {national_id(v.rng)}",
        f"S/N: {national_id(v.rng)}",
        f"Lot No. {national_id(v.rng)} 已檢驗",
        f"設備序號 {national_id(v.rng)} 送修",
        f"機台編號{national_id(v.rng)}異常",
        f"Asset ID {national_id(v.rng)}",
        f"工單號 09{v.rng.randrange(10**8):08d} 已結案",
        f"韌體版本 {v.rng.randint(1, 12)}.{v.rng.randint(0, 30)}.{v.rng.randint(0, 9)}.{v.rng.randint(1, 250)}",
        f"build {v.rng.randint(2, 9)}.{v.rng.randint(0, 9)}.{v.rng.randint(0, 99)}.{v.rng.randint(100, 999)}",
        f"出貨日 {v.non_birth_date()}，保固到期日 {v.non_birth_date()}",
        f"統一發票 {v.pick(['ZX', 'KT', 'PB'])}{v.rng.randrange(10**8):08d}",
        f"包裹查詢號碼 {v.rng.randrange(10**12):012d}",
        f"金額 NT${v.rng.randint(100, 99999):,}",
    ]
    return v.pick(choices), []


TEMPLATES: list[tuple[T, int]] = [
    (t_ticket, 3),
    (t_signature, 2),
    (t_salutation, 2),
    (t_slip, 3),
    (t_address_text, 2),
    (t_identity, 2),
    (t_resident, 1),
    (t_payment, 2),
    (t_misc, 2),
]

# --- table columns ---------------------------------------------------------------------------

Column = tuple[list[str], Callable[[Maker], tuple[str, str]], str | None]


def _same(f: Callable[[Maker], str]) -> Callable[[Maker], tuple[str, str]]:
    def make(v: Maker) -> tuple[str, str]:
        value = f(v)
        return value, value

    return make


def _nothing(f: Callable[[Maker], str]) -> Callable[[Maker], tuple[str, str]]:
    return lambda v: (f(v), "")


COLUMNS: list[Column] = [
    (["客戶姓名", "Full Name", "customer_name", "申請人", "持卡人"], _same(Maker.name), "person_name"),
    (["手機", "Mobile Number", "cellphone", "聯絡手機"], Maker.mobile, "mobile_phone"),
    (["市內電話", "Tel", "office_tel", "公司電話"], Maker.landline, "landline_phone"),
    (["E-mail", "電郵", "mail_addr"], Maker.email, "email"),
    (["通訊地址", "戶籍地址", "Home Address", "addr"], Maker.address, "address"),
    (["出生年月日", "Birthday", "birth_dt"], Maker.birth, "birth_date"),
    (["身分證統一編號", "Identity No", "id_no"], Maker.nid, "tw_national_id"),
    (["卡號", "card_no", "Credit Card"], Maker.card, "credit_card"),
    (
        ["保單號碼", "booking_ref", "Ticket No", "出貨單號", "PO Number"],
        _nothing(lambda v: luhn(v.pick(["4", "5", "35"]), 16, v.rng)),
        None,
    ),  # fmt: skip
    (["序號", "S/N", "asset_id", "設備編號", "Lot No."], _nothing(lambda v: national_id(v.rng)), None),
    (["出貨日期", "ship_date", "保固到期"], _nothing(Maker.non_birth_date), None),
    (["金額", "amount"], _nothing(lambda v: str(v.rng.randint(10, 90000))), None),
    (
        ["firmware", "版本"],
        _nothing(
            lambda v: (
                f"{v.rng.randint(1, 9)}.{v.rng.randint(0, 9)}.{v.rng.randint(0, 9)}.{v.rng.randint(1, 200)}"
            )
        ),
        None,
    ),  # fmt: skip
]


def _big5_ok(text: str) -> bool:
    try:
        text.encode("cp950")
    except UnicodeEncodeError:
        return False
    return True


class Corpus:
    def __init__(self, out: Path, seed: int) -> None:
        self.out, self.v = out, Maker(seed)
        self.labels = (out / "labels.jsonl").open("w", encoding="utf-8")

    def label(self, file: str, where: dict[str, Any], labels: Labels) -> None:
        for category, value in labels:
            self.labels.write(json.dumps({"file": file, **where, "category": category, "value": value},
                                         ensure_ascii=False) + "\n")  # fmt: skip

    def text(self, name: str, size: int) -> None:
        makers, weights = zip(*TEMPLATES, strict=True)
        written = number = 0
        with (self.out / name).open("w", encoding="utf-8") as handle:
            while written < size:
                number += 1
                r = self.v.rng.random()
                if r < 0.28:
                    line, labels = self.v.rng.choices(makers, weights)[0](self.v)
                elif r < 0.42:
                    line, labels = t_negative(self.v)
                else:
                    line, labels = self.v.pick(FILLER), []
                handle.write(line + "\n")
                written += len(line.encode()) + 1
                self.label(name, {"line": number}, labels)

    def _row(self, chosen: list[Column], encoding: str) -> tuple[list[str], list[tuple[str | None, str]]]:
        cells, labels = [], []
        for _, maker, category in chosen:
            written, canonical = maker(self.v)
            while encoding == "cp950" and not _big5_ok(written):  # Big5 files hold only Big5 characters
                written, canonical = maker(self.v)
            cells.append(written)
            labels.append((category, canonical))
        return cells, labels

    def table(self, name: str, size: int, encoding: str) -> None:
        chosen = self.v.rng.sample(COLUMNS, 8)
        headers = [self.v.pick(spellings) for spellings, _, _ in chosen]
        delimiter = "\t" if name.endswith(".tsv") else ","
        with (self.out / name).open("w", encoding=encoding, newline="") as handle:
            out = csv.writer(handle, delimiter=delimiter)
            out.writerow(headers)
            row = 1
            while handle.tell() < size:
                row += 1
                cells, labels = self._row(chosen, encoding)
                out.writerow(cells)
                for header, (category, canonical) in zip(headers, labels, strict=True):
                    if category is not None:
                        self.label(name, {"row": row, "column": header}, [(category, canonical)])

    def workbook(self, name: str, rows: int) -> None:
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("名冊")
        chosen = self.v.rng.sample(COLUMNS, 8)
        headers = [self.v.pick(spellings) for spellings, _, _ in chosen]
        sheet.append(headers)
        for row in range(2, rows + 2):
            cells, labels = self._row(chosen, "utf-8")
            sheet.append(cells)
            for header, (category, canonical) in zip(headers, labels, strict=True):
                if category is not None:
                    self.label(name, {"sheet": "名冊", "row": row, "column": header}, [(category, canonical)])
        book.save(self.out / name)

    def close(self) -> None:
        self.labels.close()


def generate(out: Path, size_mb: float, seed: int) -> None:
    """About ``size_mb`` MB: 60 % text, 35 % CSV/TSV (UTF-8, UTF-8 with BOM, Big5), 5 % as XLSX rows."""
    out.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(out, seed)
    total = int(size_mb * 1024 * 1024)
    text, tables = int(total * 0.6), int(total * 0.35)
    piece = max(64 * 1024, min(2 * 1024 * 1024, text // 4))
    index = 0
    while text > 0:
        corpus.text(f"h3_{index:03d}.txt", min(piece, text))
        text -= piece
        index += 1
    index = 0
    while tables > 0:
        suffix = ".tsv" if index == 1 else ".csv"
        corpus.table(
            f"h3_{index:03d}{suffix}", min(piece, tables), ["utf-8", "utf-8-sig", "cp950"][index % 3]
        )
        tables -= piece
        index += 1
    corpus.workbook("h3_000.xlsx", max(200, int(total * 0.05) // 150))
    corpus.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="產生第三份保留標註語料 / generate the third held-out corpus"
    )
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--out", default="bench/out/pii/heldout3")
    parser.add_argument("--seed", type=int, default=31)
    args = parser.parse_args(argv)
    generate(Path(args.out), args.size_mb, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
