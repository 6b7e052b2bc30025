"""A second, independent labelled corpus for the personal-data benchmark.

Written without importing Shouhu: its own check-digit code, its own vocabulary and templates
(Chinese and English labels, synonyms, unlabelled values in running text and in table rows,
the spellings people type) and realistic negatives (order and invoice numbers, serials that pass
a checksum, version strings, meeting dates, amounts). Output has the same shape as
``generate.py``: ``.txt`` files labelled by line, ``.csv`` files (UTF-8 and Big5) labelled by row
and column header, and ``labels.jsonl`` beside them.

Usage::

    python -m bench.pii.independent --size-mb 2 --out bench/out/pii/independent --seed 7
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

# --- check digits (own implementation) -------------------------------------------------------

_AREA = "ABCDEFGHJKLMNPQRSTUVXYWZIO"  # letters in area-code order 10..35


def _area(letter: str) -> int:
    return 10 + _AREA.index(letter)


def _id_check(letter: str, body: str) -> str:
    """Return the last digit making ``letter + body + digit`` pass the national-ID check."""
    code = _area(letter)
    total = code // 10 + (code % 10) * 9
    total += sum(int(d) * w for d, w in zip(body, range(8, 0, -1), strict=True))
    return str((10 - total % 10) % 10)


def national_id(rng: random.Random, letter: str | None = None) -> str:
    letter = letter or rng.choice(_AREA)
    body = rng.choice("12") + "".join(rng.choice("0123456789") for _ in range(7))
    return letter + body + _id_check(letter, body)


def resident_id(rng: random.Random) -> str:
    letter = rng.choice(_AREA)
    if rng.random() < 0.6:  # new format (2021): second character 8 or 9
        body = rng.choice("89") + "".join(rng.choice("0123456789") for _ in range(7))
        return letter + body + _id_check(letter, body)
    second = rng.choice("ABCD")  # old format: the second letter's code, last digit only
    body = str(_area(second) % 10) + "".join(rng.choice("0123456789") for _ in range(7))
    return letter + second + body[1:] + _id_check(letter, body)


def luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    digits = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return digits + str((10 - total % 10) % 10)


def ubn(rng: random.Random) -> str:
    while True:
        value = "".join(rng.choice("0123456789") for _ in range(8))
        total = 0
        for d, w in zip(value, (1, 2, 1, 2, 1, 2, 4, 1), strict=True):
            p = int(d) * w
            total += p // 10 + p % 10
        if total % 5 == 0 or (value[6] == "7" and (total + 1) % 5 == 0):
            return value


# --- vocabulary (own) ------------------------------------------------------------------------

SURNAMES = list(
    "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高簡朱鍾施游詹沈彭胡余盧潘顏梁趙柯翁魏方孫"
)
RARE_SURNAMES = list("戚冷儲羊闞")  # outside the 200 most common surnames
COMPOUND = ["張簡", "歐陽", "范姜", "司徒", "端木"]
GIVEN = list(
    "志明美玲淑芬家豪宇婷怡君雅惠俊傑建宏文欣佳穎承翰冠廷宗憲秀英麗珍國華子涵柏諺品妤詠晴士峰韻如信良"
)
CITIES = {
    "臺北市": ["大安區", "信義區", "中山區", "士林區", "內湖區"],
    "新北市": ["板橋區", "三重區", "新店區", "永和區"],
    "臺中市": ["西屯區", "北屯區", "南屯區"],
    "臺南市": ["東區", "安平區", "永康區"],
    "高雄市": ["苓雅區", "左營區", "鳳山區"],
    "桃園市": ["中壢區", "桃園區"],
    "新竹縣": ["竹北市", "湖口鄉"],
    "彰化縣": ["彰化市", "員林市"],
    "花蓮縣": ["花蓮市", "吉安鄉"],
}
ROADS = [
    "中山路",
    "民生東路",
    "忠孝東路",
    "復興南路",
    "中正路",
    "文化路",
    "建國路",
    "成功路",
    "和平東路",
    "光復路",
    "自由街",
    "公園路",
]
SECTIONS = ["一段", "二段", "三段", "四段", "2段"]
ZIPS = {"臺北市": "106", "新北市": "220", "臺中市": "407", "臺南市": "701", "高雄市": "802", "桃園市": "320",
        "新竹縣": "302", "彰化縣": "500", "花蓮縣": "970"}  # fmt: skip
DOMAINS = ["gmail.com", "yahoo.com.tw", "hotmail.com", "ms45.hinet.net", "example.com.tw", "mail.nthu.edu.tw"]
WORDS = ["amy", "kevin", "jason", "vivian", "tiger", "sunny", "chen", "lin", "wang", "hsu", "yuting", "ming"]
FILLER = [
    "本週系統維護將於週六凌晨進行，請同仁提早存檔。",
    "會議決議：下一版本的需求文件請於月底前交付。",
    "客服中心今日共處理一百二十件案件，平均等候三分鐘。",
    "請參考附件的流程圖，若有疑問請回覆本郵件。",
    "The deployment finished without errors; rollback plan attached.",
    "專案進度符合預期，測試環境已更新至最新版本。",
    "年度教育訓練將於十月舉辦，請各部門安排人員參加。",
    "資料庫備份已完成，備份檔保存於異地機房。",
]


class Values:
    """Random personal values in the spellings people type; every method returns (written, canonical)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def pick(self, items: list[Any]) -> Any:
        return self.rng.choice(items)

    def name(self) -> str:
        r = self.rng.random()
        if r < 0.06:
            surname = self.pick(COMPOUND)
        elif r < 0.08:  # about 2 % of people carry a surname outside the 200 most common
            surname = self.pick(RARE_SURNAMES)
        else:
            surname = self.pick(SURNAMES)
        given = "".join(self.pick(GIVEN) for _ in range(1 if self.rng.random() < 0.12 else 2))
        return surname + given

    def national_id(self) -> tuple[str, str]:
        value = national_id(self.rng)
        r = self.rng.random()
        if r < 0.15:
            return value.lower(), value
        if r < 0.25:
            return value.translate(_FULL), value
        if r < 0.32:
            return f"{value[0]} {value[1:4]} {value[4:7]} {value[7:]}", value
        return value, value

    def mobile(self) -> tuple[str, str]:
        d = (
            "09" + self.pick("012345678") + "".join(self.pick("0123456789") for _ in range(7))
        )  # 090-098 in use
        a, b, c = d[:4], d[4:7], d[7:]
        forms = [d, f"{a}-{b}-{c}", f"{a} {b} {c}", f"{a}-{b}{c}", f"+886 {a[1:]} {b} {c}",
                 f"+886-{a[1:]}-{b}-{c}", f"886{d[1:]}", f"({a}){b}-{c}", f"{a}.{b}.{c}", f"+886{d[1:]}"]  # fmt: skip
        return self.pick(forms), d

    def landline(self) -> tuple[str, str]:
        area, size = self.pick(
            [
                ("02", 8),
                ("03", 7),
                ("04", 8),
                ("05", 7),
                ("06", 7),
                ("07", 7),
                ("037", 6),
                ("049", 7),
                ("089", 6),
            ]
        )
        first = self.pick("2345678")
        number = first + "".join(self.pick("0123456789") for _ in range(size - 1))
        cut = 4 if size == 8 else 3
        forms = [f"{area}-{number[:cut]}-{number[cut:]}", f"({area}){number[:cut]}-{number[cut:]}",
                 f"{area}-{number}", f"+886-{area[1:]}-{number[:cut]}-{number[cut:]}", f"{area} {number[:cut]} {number[cut:]}"]  # fmt: skip
        written = self.pick(forms)
        r = self.rng.random()
        if r < 0.15:
            written += f"#{self.rng.randint(100, 999)}"
        elif r < 0.25:
            written += f" 轉{self.rng.randint(10, 9999)}"
        elif r < 0.3:
            written += f" ext. {self.rng.randint(10, 999)}"
        return written, area + number

    def email(self) -> tuple[str, str]:
        local = self.pick(WORDS) + self.pick(["", ".", "_"]) + self.pick(WORDS) + str(self.rng.randint(0, 99))
        value = f"{local}@{self.pick(DOMAINS)}"
        return (value.upper() if self.rng.random() < 0.05 else value), value

    def card(self) -> tuple[str, str]:
        kind = self.rng.random()
        if kind < 0.4:
            d = luhn_complete("4", 16, self.rng)
        elif kind < 0.7:
            d = luhn_complete(str(self.rng.randint(51, 55)), 16, self.rng)
        elif kind < 0.9:
            d = luhn_complete(str(self.rng.randint(3528, 3589)), 16, self.rng)
        else:
            d = luhn_complete(self.pick(["34", "37"]), 15, self.rng)
            return self.pick([d, f"{d[:4]} {d[4:10]} {d[10:]}", f"{d[:4]}-{d[4:10]}-{d[10:]}"]), d
        sep = self.pick(["", " ", "-"])
        return sep.join(d[i : i + 4] for i in range(0, 16, 4)), d

    def bank(self) -> tuple[str, str]:
        code = self.pick(["004", "005", "006", "007", "008", "012", "013", "017", "700", "808", "812", "822"])
        account = "".join(self.pick("0123456789") for _ in range(self.pick([10, 12, 13, 14])))
        return self.pick([f"({code}){account}", f"{code}-{account}", account]), account

    def birth(self) -> tuple[str, str]:
        y, m, d = self.rng.randint(1940, 2008), self.rng.randint(1, 12), self.rng.randint(1, 28)
        roc = y - 1911
        iso = f"{y:04d}-{m:02d}-{d:02d}"
        forms = [f"民國{roc}年{m}月{d}日", f"{roc}/{m:02d}/{d:02d}", f"{roc}.{m}.{d}", f"{roc:03d}{m:02d}{d:02d}",
                 iso, f"{y}/{m}/{d}", f"{y}年{m}月{d}日", f"{y}.{m:02d}.{d:02d}", f"{roc}-{m:02d}-{d:02d}",
                 f"{d:02d}/{m:02d}/{y}"]  # fmt: skip
        return self.pick(forms), iso

    def address(self, *, postcode: bool = True) -> tuple[str, str]:
        city = self.pick(list(CITIES))
        dist = self.pick(CITIES[city])
        road = self.pick(ROADS) + (self.pick(SECTIONS) if self.rng.random() < 0.5 else "")
        tail = ""
        if self.rng.random() < 0.4:
            tail += f"{self.rng.randint(1, 300)}巷"
            if self.rng.random() < 0.4:
                tail += f"{self.rng.randint(1, 30)}弄"
        tail += f"{self.rng.randint(1, 400)}號"
        if self.rng.random() < 0.5:
            tail += f"{self.rng.randint(2, 25)}樓"
            if self.rng.random() < 0.3:
                tail += f"之{self.rng.randint(1, 9)}"
        shown_city = city.replace("臺", "台") if self.rng.random() < 0.4 else city
        canonical = city + dist + road + tail
        written = shown_city + dist + road + tail
        if postcode and self.rng.random() < 0.3:
            written = ZIPS[city] + written
        return written, canonical

    def ip(self) -> str:
        return ".".join(
            str(self.rng.randint(1, 223) if i == 0 else self.rng.randint(0, 255)) for i in range(4)
        )

    def plate(self) -> str:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        head = "".join(self.pick(letters) for _ in range(3))
        return f"{head}-{self.rng.randint(1000, 9999)}"


_FULL = str.maketrans(
    {**{str(i): chr(0xFF10 + i) for i in range(10)}, **{chr(65 + i): chr(0xFF21 + i) for i in range(26)}}
)

Template = Callable[[Values], tuple[str, Labels]]


def _labelled_zh(v: Values) -> tuple[str, Labels]:
    name = v.name()
    nid, nid_c = v.national_id()
    mob, mob_c = v.mobile()
    label = v.pick(["姓名", "客戶姓名", "聯絡人"])
    id_label = v.pick(["身分證字號", "身份證號", "身分證統一編號"])
    phone_label = v.pick(["手機", "行動電話", "聯絡電話", "連絡手機"])
    return (
        f"{label}：{name}，{id_label}：{nid}，{phone_label}：{mob}",
        [("person_name", name), ("tw_national_id", nid_c), ("mobile_phone", mob_c)],
    )


def _labelled_en(v: Values) -> tuple[str, Labels]:
    name = v.name()
    mail, mail_c = v.email()
    born, iso = v.birth()
    addr, addr_c = v.address()
    return (
        f"Name: {name} | E-mail: {mail} | DOB: {born} | Address: {addr}",
        [("person_name", name), ("email", mail_c), ("birth_date", iso), ("address", addr_c)],
    )


def _unlabelled_row(v: Values) -> tuple[str, Labels]:
    name = v.name()
    mob, mob_c = v.mobile()
    addr, addr_c = v.address(postcode=False)
    sep = v.pick([",", "\t", " ", "  ", "｜"])
    return sep.join([name, mob, addr]), [("person_name", name), ("mobile_phone", mob_c), ("address", addr_c)]


def _running(v: Values) -> tuple[str, Labels]:
    name = v.name()
    tel, tel_c = v.landline()
    text = v.pick([f"{name}表示希望改以電話聯繫，電話{tel}", f"昨天{name}來電詢問訂單，回電號碼 {tel}",
                   f"經查{name}於上週已完成報名，聯絡電話：{tel}"])  # fmt: skip
    return text, [("person_name", name), ("landline_phone", tel_c)]


def _payment(v: Values) -> tuple[str, Labels]:
    card, card_c = v.card()
    label = v.pick(["信用卡號", "卡號", "Card number", "刷卡卡號"])
    if v.rng.random() < 0.5:
        bank, bank_c = v.bank()
        return f"{label} {card}，退款匯入帳號 {bank}", [("credit_card", card_c), ("bank_account", bank_c)]
    return f"{label}：{card}，授權金額 NT${v.rng.randint(100, 50000):,}", [("credit_card", card_c)]


def _identity_misc(v: Values) -> tuple[str, Labels]:
    r = v.rng.random()
    if r < 0.25:
        rid = resident_id(v.rng)
        return f"外籍員工居留證號碼 {rid} 已更新", [("tw_resident_id", rid)]
    if r < 0.45:
        p = "3" + "".join(v.pick("0123456789") for _ in range(8))
        return f"護照號碼：{p}（效期至2031年）", [("passport", p)]
    if r < 0.6:
        n = "0000" + "".join(v.pick("0123456789") for _ in range(8))
        return f"健保卡號 {n}", [("nhi_card", n)]
    if r < 0.8:
        plate = v.plate()
        return f"訪客車牌號碼 {plate} 已登記", [("vehicle_plate", plate)]
    u = ubn(v.rng)
    return f"發票抬頭請開立公司統一編號 {u}", [("ubn", u)]


def _birth_line(v: Values) -> tuple[str, Labels]:
    born, iso = v.birth()
    name = v.name()
    text = v.pick([f"{name}，生日 {born}", f"出生年月日：{born}（{name}）", f"Birthday: {born}, {name}"])
    return text, [("birth_date", iso), ("person_name", name)]


def _login(v: Values) -> tuple[str, Labels]:
    mail, mail_c = v.email()
    ip = v.ip()
    return f"user={mail} login ok from {ip}", [("email", mail_c), ("ip_address", ip)]


def _negative(v: Values) -> tuple[str, Labels]:
    """A line with identifier-shaped values that are not personal data."""
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    choices = [
        f"訂單編號 {luhn_complete(v.pick(['4', '5', '35']), 16, v.rng)} 已出貨",
        f"發票號碼 {v.pick(letters)}{v.pick(letters)}{v.rng.randint(10000000, 99999999)}，金額 {v.rng.randint(100, 9999)} 元",
        f"產品序號 {national_id(v.rng)} 保固至 2027 年",
        f"版本 {v.rng.randint(1, 12)}.{v.rng.randint(0, 9)}.{v.rng.randint(0, 20)}.{v.rng.randint(0, 300)} 已發布",
        f"release v{v.rng.randint(1, 9)}.{v.rng.randint(0, 9)}.{v.rng.randint(0, 9)}.{v.rng.randint(0, 99)}",
        f"會議時間 {v.rng.randint(110, 115)}/{v.rng.randint(1, 12):02d}/{v.rng.randint(1, 28):02d} 下午兩點",
        f"物流追蹤碼 {v.rng.randint(10**11, 10**12 - 1)}",
        f"本月營收 {v.rng.randint(1_000_000, 9_999_999)} 元，較上月成長",
        f"工單 #{v.rng.randint(100000, 999999)} 已結案",
        f"批號 {v.rng.randint(1000, 9999)}-{v.rng.randint(1000, 9999)}-{v.rng.randint(1000, 9999)}",
    ]
    return v.pick(choices), []


TEMPLATES: list[tuple[Template, int]] = [
    (_labelled_zh, 3),
    (_labelled_en, 2),
    (_unlabelled_row, 2),
    (_running, 2),
    (_payment, 2),
    (_identity_misc, 2),
    (_birth_line, 2),
    (_login, 1),
]

# --- tables ----------------------------------------------------------------------------------

#: (header spellings, value maker or None for negatives, category)
Column = tuple[list[str], Callable[[Values], tuple[str, str]], str | None]
COLUMNS: list[Column] = [
    (
        ["姓名", "name", "Name", "full_name", "客戶姓名", "Customer Name"],
        lambda v: (n := v.name(), n),
        "person_name",
    ),
    (["手機", "mobile", "Mobile", "行動電話", "phone", "連絡電話"], Values.mobile, "mobile_phone"),
    (["email", "E-mail", "電子郵件", "信箱", "Email Address"], Values.email, "email"),
    (["地址", "address", "Address", "通訊地址", "addr", "住址"], Values.address, "address"),
    (["生日", "birthday", "Birthday", "dob", "DOB", "出生日期", "date_of_birth"], Values.birth, "birth_date"),
    (["身分證字號", "national_id", "ID No", "id_no", "身份證號"], Values.national_id, "tw_national_id"),
    (["卡號", "card_number", "Card No", "信用卡號"], Values.card, "credit_card"),
    (["order_id", "訂單編號", "Order No"], lambda v: (luhn_complete("4", 16, v.rng), ""), None),
    (["invoice_no", "發票號碼"], lambda v: (f"AB{v.rng.randint(10000000, 99999999)}", ""), None),
    (["serial", "產品序號"], lambda v: (national_id(v.rng), ""), None),
    (
        ["created_at", "建立日期"],
        lambda v: (f"2026-{v.rng.randint(1, 12):02d}-{v.rng.randint(1, 28):02d}", ""),
        None,
    ),
    (["amount", "金額"], lambda v: (str(v.rng.randint(100, 99999)), ""), None),
]
#: Columns with no telling header (the value must speak for itself).
BLIND_HEADERS = ["欄位1", "col_3", "備註", "data", "value"]


class Writer:
    def __init__(self, out: Path, seed: int) -> None:
        self.out = out
        self.v = Values(seed)
        self.labels = (out / "labels.jsonl").open("w", encoding="utf-8")

    def label(self, file: str, where: dict[str, Any], labels: Labels) -> None:
        for category, value in labels:
            record = {"file": file, **where, "category": category, "value": value}
            self.labels.write(json.dumps(record, ensure_ascii=False) + "\n")

    def text_file(self, name: str, size: int) -> None:
        v = self.v
        makers, weights = zip(*TEMPLATES, strict=True)
        written, n = 0, 0
        with (self.out / name).open("w", encoding="utf-8") as handle:
            while written < size:
                n += 1
                r = v.rng.random()
                if r < 0.25:
                    line, labels = v.rng.choices(makers, weights)[0](v)
                elif r < 0.35:
                    line, labels = _negative(v)
                else:
                    line, labels = v.pick(FILLER), []
                handle.write(line + "\n")
                written += len(line.encode()) + 1
                self.label(name, {"line": n}, labels)

    def csv_file(self, name: str, size: int, encoding: str) -> None:
        v = self.v
        chosen = v.rng.sample(COLUMNS, 7)
        headers = [v.pick(spellings) for spellings, _, _ in chosen]
        blind = v.pick(BLIND_HEADERS)
        blind_maker = v.pick([Values.mobile, Values.email, Values.national_id])
        blind_cat = {
            Values.mobile: "mobile_phone",
            Values.email: "email",
            Values.national_id: "tw_national_id",
        }[blind_maker]
        headers.append(blind)
        with (self.out / name).open("w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            row = 1
            while handle.tell() < size:
                row += 1
                cells: list[str] = []
                for (_, maker, category), header in zip(chosen, headers, strict=False):
                    written, canonical = maker(v)
                    if encoding == "cp950":
                        written = written.encode("cp950", "replace").decode("cp950")
                        canonical = canonical.encode("cp950", "replace").decode("cp950")
                    cells.append(written)
                    if category is not None:
                        self.label(name, {"row": row, "column": header}, [(category, canonical)])
                written, canonical = blind_maker(v)
                cells.append(written)
                self.label(name, {"row": row, "column": blind}, [(blind_cat, canonical)])
                writer.writerow(cells)

    def close(self) -> None:
        self.labels.close()


def generate(out: Path, size_mb: float, seed: int) -> None:
    """Write about ``size_mb`` MB: 70 % text lines, 30 % CSV (UTF-8, UTF-8 with BOM, Big5)."""
    out.mkdir(parents=True, exist_ok=True)
    w = Writer(out, seed)
    total = int(size_mb * 1024 * 1024)
    text = int(total * 0.7)
    per = max(64 * 1024, min(2 * 1024 * 1024, text // 4))
    index = 0
    while text > 0:
        w.text_file(f"ind_{index:03d}.txt", min(per, text))
        text -= per
        index += 1
    tables = total - int(total * 0.7)
    encodings = ["utf-8", "utf-8-sig", "cp950"]
    index = 0
    while tables > 0:
        w.csv_file(f"ind_{index:03d}.csv", min(per, tables), encodings[index % 3])
        tables -= per
        index += 1
    w.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="產生獨立標註語料 / generate the independent labelled corpus"
    )
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--out", default="bench/out/pii/independent")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    generate(Path(args.out), args.size_mb, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
