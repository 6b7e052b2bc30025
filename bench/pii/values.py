"""Generators of labelled Taiwanese values (valid identifiers built from the checksum rules)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from faker import Faker

from shouhu.engines.pii.checksums import LETTER_CODES, luhn_ok, valid_ubn

LETTERS = "ABCDEFGHJKMNPQTUVWXZ"
CITIES: dict[str, list[str]] = {
    "臺北市": ["中正區", "大安區", "信義區", "中山區", "松山區", "內湖區", "士林區", "北投區"],
    "新北市": ["板橋區", "三重區", "中和區", "永和區", "新莊區", "新店區", "淡水區"],
    "桃園市": ["桃園區", "中壢區", "平鎮區", "八德區"],
    "臺中市": ["西屯區", "北屯區", "南屯區", "豐原區", "大里區"],
    "臺南市": ["東區", "永康區", "安平區", "新營區"],
    "高雄市": ["前鎮區", "苓雅區", "三民區", "鳳山區", "左營區"],
    "新竹市": ["東區", "北區", "香山區"],
    "彰化縣": ["彰化市", "員林市", "鹿港鎮", "和美鎮"],
    "花蓮縣": ["花蓮市", "吉安鄉", "壽豐鄉"],
    "屏東縣": ["屏東市", "潮州鎮", "東港鎮"],
    "宜蘭縣": ["宜蘭市", "羅東鎮", "礁溪鄉"],
}
ROADS = ["中山", "中正", "民生", "復興", "忠孝東", "信義", "和平東", "光復", "建國", "仁愛", "民族",
         "成功", "自由", "文化", "大同", "中華", "三民", "五福", "博愛", "公園", "府前", "環河南"]  # fmt: skip
BANKS = ["004", "005", "006", "007", "008", "009", "012", "013", "700", "822"]
AREAS = [("02", 8), ("03", 7), ("037", 6), ("04", 7), ("04", 8), ("049", 7), ("05", 7), ("06", 7),
         ("07", 7), ("08", 7), ("089", 6), ("082", 6)]  # fmt: skip


def _id_check(code: int, digits: str) -> str:
    weights = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1)
    values = [code // 10, code % 10, *(int(c) for c in digits)]
    total = sum(w * v for w, v in zip(weights, values, strict=True))
    return str((10 - total % 10) % 10)


@dataclass
class ValueFactory:
    """Random but valid values; a fixed seed gives a reproducible corpus."""

    seed: int

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        fake = Faker("zh_TW")
        fake.seed_instance(self.seed)
        self.names = [fake.name() for _ in range(5000)]
        self.emails = [fake.email() for _ in range(3000)]
        self.sentences = [fake.sentence(nb_words=8).rstrip(".") for _ in range(3000)]
        self.companies = [fake.company() for _ in range(500)]

    def name(self) -> str:
        return self.rng.choice(self.names)

    def national_id(self) -> str:
        letter = self.rng.choice(LETTERS)
        body = self.rng.choice("12") + "".join(self.rng.choices("0123456789", k=7))
        return letter + body + _id_check(LETTER_CODES[letter], body)

    def resident_id(self) -> str:
        letter = self.rng.choice(LETTERS)
        if self.rng.random() < 0.5:
            body = self.rng.choice("89") + "".join(self.rng.choices("0123456789", k=7))
            return letter + body + _id_check(LETTER_CODES[letter], body)
        second = self.rng.choice("ABCD")
        digits = "".join(self.rng.choices("0123456789", k=7))
        check = _id_check(LETTER_CODES[letter], str(LETTER_CODES[second] % 10) + digits)
        return letter + second + digits + check

    def invalid_id(self) -> str:
        value = self.national_id()
        return value[:-1] + str((int(value[-1]) + 1) % 10)

    def ubn(self) -> str:
        while True:
            value = "".join(self.rng.choices("0123456789", k=8))
            if valid_ubn(value):
                return value

    def card(self) -> str:
        prefix = self.rng.choice(["4", "51", "52", "53", "54", "55", "3528", "3589", "4"])
        body = prefix + "".join(self.rng.choices("0123456789", k=15 - len(prefix)))
        for d in "0123456789":
            if luhn_ok(body + d):
                number = body + d
                break
        if self.rng.random() < 0.3:
            return " ".join(number[i : i + 4] for i in range(0, 16, 4))
        if self.rng.random() < 0.2:
            return "-".join(number[i : i + 4] for i in range(0, 16, 4))
        return number

    def passport(self) -> str:
        return "3" + "".join(self.rng.choices("0123456789", k=8))

    def nhi(self) -> str:
        return "0000" + "".join(self.rng.choices("0123456789", k=8))

    def mobile(self) -> str:
        d = "09" + self.rng.choice("012345678") + "".join(self.rng.choices("0123456789", k=7))
        style = self.rng.random()
        if style < 0.4:
            return d
        if style < 0.7:
            return f"{d[:4]}-{d[4:7]}-{d[7:]}"
        if style < 0.85:
            return f"{d[:4]}-{d[4:]}"
        return f"+886-{d[1:4]}-{d[4:7]}-{d[7:]}"

    def landline(self) -> str:
        area, length = self.rng.choice(AREAS)
        local = self.rng.choice("23456789") + "".join(self.rng.choices("0123456789", k=length - 1))
        if length == 8:
            local_fmt = f"{local[:4]}-{local[4:]}"
        elif length == 7:
            local_fmt = f"{local[:3]}-{local[3:]}"
        else:
            local_fmt = local
        return f"({area}){local}" if self.rng.random() < 0.2 else f"{area}-{local_fmt}"

    def bank_account(self) -> tuple[str, str]:
        """Return ``(text as written, account number label)``."""
        account = "".join(self.rng.choices("0123456789", k=self.rng.choice([12, 13, 14])))
        code = self.rng.choice(BANKS)
        style = self.rng.random()
        if style < 0.4:
            return f"({code}){account}", account
        if style < 0.7:
            return f"{code}-{account}", account
        return account, account

    def birth(self) -> tuple[str, str]:
        """Return ``(text as written, ISO date)``."""
        year = self.rng.randint(1940, 2005)
        month = self.rng.randint(1, 12)
        day = self.rng.randint(1, 28)
        roc = year - 1911
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        style = self.rng.random()
        if style < 0.25:
            return f"民國{roc}年{month}月{day}日", iso
        if style < 0.5:
            return f"{roc:03d}/{month:02d}/{day:02d}", iso
        if style < 0.7:
            return f"{roc:03d}{month:02d}{day:02d}", iso
        return iso, iso

    def email(self) -> str:
        if self.rng.random() < 0.5:
            return self.rng.choice(self.emails)
        user = "".join(self.rng.choices("abcdefghijklmnopqrstuvwxyz", k=self.rng.randint(4, 9)))
        return f"{user}{self.rng.randint(1, 999)}@{self.rng.choice(['gmail.com', 'yahoo.com.tw', 'hinet.net', 'example.com.tw'])}"

    def ip(self) -> str:
        return ".".join(str(self.rng.randint(1, 254)) for _ in range(4))

    def plate(self) -> str:
        letters = "".join(self.rng.choices("ABCDEFGHJKLMNPQRSTUVWXYZ", k=3))
        return f"{letters}-{''.join(self.rng.choices('012356789', k=4))}"

    def address(self) -> str:
        city = self.rng.choice(list(CITIES))
        district = self.rng.choice(CITIES[city])
        if self.rng.random() < 0.3:
            city = city.replace("臺", "台")
        road = self.rng.choice(ROADS) + self.rng.choice(["路", "路", "街"])
        parts = [city, district, road]
        if self.rng.random() < 0.4:
            parts.append(self.rng.choice("一二三四五") + "段")
        if self.rng.random() < 0.4:
            parts.append(f"{self.rng.randint(1, 300)}巷")
            if self.rng.random() < 0.4:
                parts.append(f"{self.rng.randint(1, 30)}弄")
        parts.append(f"{self.rng.randint(1, 400)}號")
        if self.rng.random() < 0.5:
            parts.append(f"{self.rng.randint(2, 20)}樓")
        return "".join(parts)

    def filler(self) -> str:
        return self.rng.choice(self.sentences)

    def paragraph(self) -> str:
        return "，".join(self.rng.choice(self.sentences) for _ in range(self.rng.randint(1, 4))) + "。"

    def distractor(self) -> str:
        """Text with identifier-shaped but non-personal numbers (for precision)."""
        r = self.rng
        choice = r.randrange(8)
        if choice == 0:
            return f"訂單編號{r.randint(10**11, 10**13)}已出貨"
        if choice == 1:
            return f"產品序號 {self.invalid_id()} 保固中"
        if choice == 2:
            return f"會議日期 {r.randint(100, 114)}/{r.randint(1, 12):02d}/{r.randint(1, 28):02d} 於三樓"
        if choice == 3:
            return f"發票號碼 {''.join(r.choices('ABCDEFGHJK', k=2))}-{r.randint(10**7, 10**8 - 1)}"
        if choice == 4:
            return f"金額 {r.randint(100, 999999)} 元，數量 {r.randint(1, 99)}"
        if choice == 5:
            return f"版本 {r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 99)}，工單 PRJ-{r.randint(100, 9999)}"
        if choice == 6:
            return f"批號 {r.randint(10**7, 10**8 - 1)} 入庫"
        return f"{self.rng.choice(self.companies)}營業額成長"
