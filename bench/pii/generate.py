"""Generate a labelled corpus of Traditional Chinese text, logs, CSV and XLSX with personal data.

Usage::

    python -m bench.pii.generate --size-mb 200 --out bench/out/pii/corpus --seed 1
    python -m bench.pii.generate --size-mb 1 --out bench/out/pii/subset --seed 2

Labels go to ``<out>/labels.jsonl`` (one JSON object per labelled value, with its location). The
values are synthetic (Faker zh_TW plus our own generators for identifiers Faker lacks).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .values import ValueFactory

Labels = list[tuple[str, str]]
Template = Callable[[ValueFactory], tuple[str, Labels]]


def _t_customer(v: ValueFactory) -> tuple[str, Labels]:
    name, mobile, addr = v.name(), v.mobile(), v.address()
    return (
        f"客戶{name}先生來電，手機{mobile}，要求更改地址為{addr}。",
        [("person_name", name), ("mobile_phone", mobile), ("address", addr)],
    )


def _t_identity(v: ValueFactory) -> tuple[str, Labels]:
    name, nid = v.name(), v.national_id()
    text, iso = v.birth()
    return (
        f"姓名：{name}　身分證字號：{nid}　出生日期：{text}",
        [("person_name", name), ("tw_national_id", nid), ("birth_date", iso)],
    )


def _t_login(v: ValueFactory) -> tuple[str, Labels]:
    email, ip = v.email(), v.ip()
    return f"會員 {email} 於今日登入，來源IP {ip}，{v.filler()}", [("email", email), ("ip_address", ip)]


def _t_card(v: ValueFactory) -> tuple[str, Labels]:
    card = v.card()
    return f"信用卡號 {card} 授權成功，金額 {v.rng.randint(100, 99999)} 元", [("credit_card", card)]


def _t_bank(v: ValueFactory) -> tuple[str, Labels]:
    written, account = v.bank_account()
    name = v.name()
    return f"請匯款至帳號{written}，戶名{name}，謝謝。", [("bank_account", account), ("person_name", name)]


def _t_foreign(v: ValueFactory) -> tuple[str, Labels]:
    name, arc, passport = v.name(), v.resident_id(), v.passport()
    return (
        f"外籍員工聯絡人{name}，居留證號{arc}，護照號碼{passport}。",
        [("person_name", name), ("tw_resident_id", arc), ("passport", passport)],
    )


def _t_nhi(v: ValueFactory) -> tuple[str, Labels]:
    nhi, tel = v.nhi(), v.landline()
    return f"病患健保卡號{nhi}，聯絡電話{tel}，{v.filler()}", [("nhi_card", nhi), ("landline_phone", tel)]


def _t_company(v: ValueFactory) -> tuple[str, Labels]:
    ubn, tel = v.ubn(), v.landline()
    return f"{v.rng.choice(v.companies)}統一編號{ubn}，公司電話 {tel}", [
        ("ubn", ubn),
        ("landline_phone", tel),
    ]


def _t_plate(v: ValueFactory) -> tuple[str, Labels]:
    plate = v.plate()
    return f"車牌號碼 {plate} 於地下二樓停車", [("vehicle_plate", plate)]


def _t_lady(v: ValueFactory) -> tuple[str, Labels]:
    name, mail = v.name(), v.email()
    return f"請通知{name}小姐，信箱{mail}謝謝", [("person_name", name), ("email", mail)]


TEXT_TEMPLATES: list[Template] = [
    _t_customer, _t_identity, _t_login, _t_card, _t_bank, _t_foreign, _t_nhi, _t_company, _t_plate, _t_lady,
]  # fmt: skip


def _log_line(v: ValueFactory, n: int) -> tuple[str, Labels]:
    r = v.rng
    stamp = (
        f"2026-11-{r.randint(1, 28):02d} {r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}"
    )
    kind = r.random()
    if kind < 0.4:
        ip, email = v.ip(), v.email()
        return f"{stamp} INFO auth login ok user={email} src={ip} req={n}", [
            ("email", email),
            ("ip_address", ip),
        ]
    if kind < 0.55:
        mobile = v.mobile()
        return f"{stamp} INFO sms sent to {mobile} template=otp", [("mobile_phone", mobile)]
    return f"{stamp} DEBUG job {r.randint(1, 10**9)} done in {r.randint(1, 5000)} ms status=200", []


COLUMN_SETS = [
    ["姓名", "身分證字號", "手機", "電子郵件", "地址", "生日", "備註"],
    ["name", "national_id", "mobile", "email", "address", "birthday", "note"],
    ["客戶名稱", "統一編號", "聯絡電話", "信用卡號", "銀行帳號", "備註"],
]
COLUMN_CATEGORIES = {
    "姓名": "person_name", "name": "person_name", "身分證字號": "tw_national_id", "national_id": "tw_national_id",
    "手機": "mobile_phone", "mobile": "mobile_phone", "電子郵件": "email", "email": "email",
    "地址": "address", "address": "address", "生日": "birth_date", "birthday": "birth_date",
    "統一編號": "ubn", "聯絡電話": "landline_phone", "信用卡號": "credit_card", "銀行帳號": "bank_account",
}  # fmt: skip


def _cell(v: ValueFactory, column: str) -> tuple[str, Labels]:
    category = COLUMN_CATEGORIES.get(column)
    if category is None:
        if column == "客戶名稱":
            return v.rng.choice(v.companies), []
        return (v.distractor() if v.rng.random() < 0.5 else v.filler()), []
    if category == "birth_date":
        text, iso = v.birth()
        return text, [(category, iso)]
    if category == "bank_account":
        text, account = v.bank_account()
        return text, [(category, account)]
    maker = {
        "person_name": v.name, "tw_national_id": v.national_id, "mobile_phone": v.mobile, "email": v.email,
        "address": v.address, "ubn": v.ubn, "landline_phone": v.landline, "credit_card": v.card,
    }[category]  # fmt: skip
    value = maker()
    return value, [(category, value)]


def _row(v: ValueFactory, columns: list[str], encoding: str) -> tuple[list[str], list[Labels]]:
    while True:
        cells, labels = zip(*(_cell(v, c) for c in columns), strict=True)
        try:
            "".join(cells).encode(encoding)
        except UnicodeEncodeError:
            continue  # Big5 cannot hold every Faker name; draw another row
        return list(cells), list(labels)


class Writer:
    """Writes corpus files and their labels."""

    def __init__(self, out: Path, seed: int) -> None:
        self.out = out
        self.v = ValueFactory(seed)
        self.labels = (out / "labels.jsonl").open("w", encoding="utf-8")

    def label(self, file: str, where: dict[str, Any], labels: Labels) -> None:
        for category, value in labels:
            self.labels.write(
                json.dumps({"file": file, **where, "category": category, "value": value}, ensure_ascii=False)
                + "\n"
            )

    def text_file(self, name: str, size: int, log: bool) -> None:
        v = self.v
        path = self.out / name
        written = 0
        with path.open("w", encoding="utf-8") as handle:
            n = 0
            while written < size:
                n += 1
                if log:
                    line, labels = _log_line(v, n)
                elif v.rng.random() < 0.1:
                    line, labels = v.rng.choice(TEXT_TEMPLATES)(v)
                else:
                    line, labels = (v.distractor() if v.rng.random() < 0.15 else v.paragraph()), []
                handle.write(line + "\n")
                written += len(line.encode()) + 1
                self.label(name, {"line": n}, labels)

    def csv_file(self, name: str, size: int, encoding: str) -> None:
        v = self.v
        columns = v.rng.choice(COLUMN_SETS)
        path = self.out / name
        with path.open("w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            row = 1
            while handle.tell() < size:
                row += 1
                cells, labels = _row(v, columns, encoding)
                writer.writerow(cells)
                for column, cell_labels in zip(columns, labels, strict=True):
                    self.label(name, {"row": row, "column": column}, cell_labels)

    def xlsx_file(self, name: str, rows: int) -> None:
        import openpyxl

        v = self.v
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("客戶資料")
        columns = v.rng.choice(COLUMN_SETS)
        sheet.append(columns)
        for row in range(2, rows + 2):
            cells, labels = _row(v, columns, "utf-8")
            sheet.append(cells)
            for column, cell_labels in zip(columns, labels, strict=True):
                self.label(name, {"sheet": "客戶資料", "row": row, "column": column}, cell_labels)
        book.save(self.out / name)

    def close(self) -> None:
        self.labels.close()


def generate(out: Path, size_mb: float, seed: int, file_mb: float = 4.0) -> None:
    """Write about ``size_mb`` MB: 62 % text, 10 % logs, 24 % CSV, 4 % XLSX (by rows)."""
    out.mkdir(parents=True, exist_ok=True)
    w = Writer(out, seed)
    total = int(size_mb * 1024 * 1024)
    per_file = int(min(file_mb * 1024 * 1024, max(total / 8, 64 * 1024)))
    plan = [("txt", 0.62), ("log", 0.10), ("csv", 0.24), ("xlsx", 0.04)]
    encodings = ["utf-8", "utf-8-sig", "cp950"]
    for kind, share in plan:
        budget = int(total * share)
        index = 0
        while budget > 0:
            size = min(per_file, budget)
            name = f"{kind}_{index:03d}.{kind}"
            if kind in ("txt", "log"):
                w.text_file(name, size, log=kind == "log")
            elif kind == "csv":
                w.csv_file(name, size, encodings[index % 3])
            else:
                w.xlsx_file(name, max(size // 120, 10))  # ~120 bytes of cell text per row
            budget -= size
            index += 1
    w.close()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="產生標註語料 / generate a labelled corpus")
    parser.add_argument("--size-mb", type=float, default=200.0)
    parser.add_argument("--out", default=os.path.join("bench", "out", "pii", "corpus"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(Path(args.out), args.size_mb, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
