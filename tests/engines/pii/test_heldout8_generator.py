"""The eighth held-out corpus generator (bench/pii/heldout8.py): one seed gives one corpus; every label points at
a span whose text is its value and re-validates with the generator's own check digits; every planted negative
really is what its class says (passes the check digit it claims to pass, is not labelled)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from bench.pii import heldout8 as h8
from shouhu.engines.pii import CATEGORIES

SIZE_MB = 0.15


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("heldout8")
    h8.generate(root / "corpus", SIZE_MB, 83, root / "negatives.jsonl")
    return root / "corpus", root / "negatives.jsonl"


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _sheets(path: Path) -> list[list[Any]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    return [[ws.title, *ws.iter_rows(values_only=True)] for ws in book.worksheets]


class Cells:
    """The text of a line, a CSV cell (file encoding from its index) or an XLSX cell (also for held-out9)."""

    def __init__(self, root: Path, encodings: tuple[str, ...] = tuple(h8.ENCODINGS)) -> None:
        self.root = root
        self.encodings = encodings
        self.cache: dict[Any, Any] = {}

    def at(self, item: dict[str, Any]) -> Any:
        name = item["file"]
        if item.get("line") is not None:
            if name not in self.cache:
                self.cache[name] = (self.root / name).read_text(encoding="utf-8").split("\n")
            return self.cache[name][item["line"] - 1]
        key = (name, item.get("sheet"))
        if key not in self.cache:
            if item.get("sheet") is None:
                encoding = self.encodings[int(name.rsplit("_", 1)[1][:3]) % 3]
                with (self.root / name).open(encoding=encoding, newline="") as handle:
                    table = list(csv.reader(handle))
            else:
                import openpyxl

                sheet = openpyxl.load_workbook(self.root / name, read_only=True)[item["sheet"]]
                table = [list(r) for r in sheet.iter_rows(values_only=True)]
            self.cache[key] = {
                (n, table[0][i]): v for n, row in enumerate(table[1:], start=2) for i, v in enumerate(row)
            }
        return self.cache[key][(item["row"], item["column"])]


def test_the_same_seed_writes_the_same_corpus(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    root, negatives = corpus
    h8.generate(tmp_path / "again", SIZE_MB, 83, tmp_path / "neg.jsonl")
    names = sorted(p.name for p in root.iterdir())
    assert names == sorted(p.name for p in (tmp_path / "again").iterdir())
    for name in names:
        if name.endswith(".xlsx"):
            assert _sheets(root / name) == _sheets(tmp_path / "again" / name)
        else:
            assert (root / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
    assert negatives.read_bytes() == (tmp_path / "neg.jsonl").read_bytes()


def test_another_seed_writes_another_corpus(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    h8.generate(tmp_path / "other", SIZE_MB, 84)
    assert (tmp_path / "other" / "labels.jsonl").read_bytes() != (corpus[0] / "labels.jsonl").read_bytes()


def test_labels_cover_every_category_the_engine_reports(corpus: tuple[Path, Path]) -> None:
    assert {item["category"] for item in _jsonl(corpus[0] / "labels.jsonl")} == set(CATEGORIES)


def test_every_span_holds_the_labelled_value(corpus: tuple[Path, Path]) -> None:
    root = corpus[0]
    cells = Cells(root)
    checked = 0
    for item in _jsonl(root / "labels.jsonl"):
        text = cells.at(item)
        if item["form"] == "xlsx-date-cell":
            assert isinstance(text, dt.datetime)
            assert text.date().isoformat() == item["value"]
        else:
            assert str(text)[item["start"] : item["end"]] == item["value"], item
        checked += 1
    assert checked > 3000


def _read_birth(value: str) -> dt.date:
    """The generator's birth spellings read back by the test (an independent reading of each form)."""
    text = h8.half(value)
    cn = "〇一二三四五六七八九"
    if any(c in text for c in cn + "十"):
        parts = [p for p in re.split(r"[年月日]", text) if p]

        def number(part: str) -> int:
            if "十" in part:
                tens, _, units = part.partition("十")
                return (cn.index(tens) if tens else 1) * 10 + (cn.index(units) if units else 0)
            return int("".join(str(cn.index(c)) for c in part))

        y, m, d = (number(p) for p in parts)
        return dt.date(y + 1911, m, d)
    if text.startswith("民國"):
        y, m, d = (int(p) for p in re.findall(r"\d+", text))
        return dt.date(y + 1911, m, d)
    if re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{4}", text):
        month, day, year = text.replace(",", "").split()
        months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
        return dt.date(int(year), months.index(month) + 1, int(day))
    if re.fullmatch(r"\d{8}", text):
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if re.fullmatch(r"\d{7}", text):
        return dt.date(int(text[:3]) + 1911, int(text[3:5]), int(text[5:]))
    a, b, c = (int(p) for p in re.split(r"[/.\-]", text))
    if a > 1900:
        return dt.date(a, b, c)
    if c > 1900:
        return dt.date(c, b, a)
    return dt.date(a + 1911, b, c)


def _valid(item: dict[str, Any]) -> bool:
    cat, value, clean, form = item["category"], item["value"], item["clean"], item["form"]
    if cat == "tw_national_id":
        return h8.national_id_ok(clean) and h8.id_clean(value) == clean
    if cat == "tw_resident_id":
        return h8.resident_id_ok(clean) and h8.id_clean(value) == clean and not h8.national_id_ok(clean)
    if cat == "ubn":
        return h8.ubn_ok(clean) and value == clean
    if cat == "credit_card":
        return h8.luhn_ok(clean) and h8.digits_of(value) == clean and len(clean) in (15, 16)
    if cat == "mobile_phone":
        local = h8.digits_of(value)
        local = "0" + local[3:] if "886" in form else local
        return bool(re.fullmatch(r"09[0-8]\d{7}", clean)) and local == clean
    if cat == "landline_phone":
        local = h8.digits_of(value)
        local = "0" + local[3:] if "886" in form else local
        same = clean.endswith(local) if form == "landline-split-cell" else local == clean
        return bool(re.fullmatch(r"0\d{8,9}", clean)) and not clean.startswith("09") and same
    if cat == "nhi_card":
        return bool(re.fullmatch(r"0000\d{8}", clean)) and h8.digits_of(value) == clean
    if cat == "passport":
        return value == clean and bool(re.fullmatch(r"3\d{8}|[A-Z]{1,2}\d{7}|P\d{7}[ABC]", clean))
    if cat == "email":
        return h8.half(value).lower() == clean and bool(
            re.fullmatch(r"[a-z0-9._]+@[a-z0-9.-]+\.[a-z]{2,}", clean)
        )
    if cat == "ip_address":
        if form == "ipv6":
            return value == clean and value.startswith("2001:")
        parts = clean.split(".")
        return value == clean and len(parts) == 4 and all(0 <= int(p) <= 255 for p in parts)
    if cat == "vehicle_plate":
        shaped = re.fullmatch(r"[A-HJ-NP-Z]{2,3}-\d{3,4}|\d{3,4}-[A-HJ-NP-Z]{2,3}", clean)
        written = h8.half(value).upper().replace("-", "").replace(" ", "")
        return bool(shaped) and "4" not in clean and written == clean.replace("-", "")
    if cat == "bank_account":
        return bool(re.fullmatch(r"\d{12,14}", clean)) and h8.digits_of(value) == clean
    if cat == "birth_date":
        day = dt.date.fromisoformat(clean)
        if form == "xlsx-date-cell":
            return value == clean
        return dt.date(1938, 1, 1) <= day <= dt.date(2014, 12, 31) and _read_birth(value) == day
    if cat == "person_name":
        if form in ("name-romanised", "name-foreign-latin"):
            return value.replace(",", "").replace("-", "").replace(" ", "").isalpha() and value.isascii()
        name = value.replace(" ", "") if form == "name-spaced-pdf" else value
        if form == "name-indigenous":
            return any(name.startswith(a) and name.endswith(b) for a, b in h8.INDIGENOUS)
        surname_ok = name[:2] in h8.COMPOUND_SURNAMES or name[0] in h8.SURNAMES or name[0] in h8.RARE_SURNAMES
        return surname_ok and 2 <= len(name) <= 4 and name == clean
    if cat == "address":
        written = h8.half(value).replace(" ", "")
        cities = [c for c in h8.PLACES if written.startswith(c) or written.startswith(c.replace("臺", "台"))]
        return len(cities) == 1 and bool(re.search(r"號(\d+樓(之\d)?|\d+F|B1)?$", written))
    return False


def test_every_labelled_value_revalidates_with_the_generators_own_rules(corpus: tuple[Path, Path]) -> None:
    bad = [
        (i["category"], i["value"], i["form"]) for i in _jsonl(corpus[0] / "labels.jsonl") if not _valid(i)
    ]
    assert bad == []


def test_the_check_digits_follow_the_public_examples() -> None:
    # 內政部's worked example A123456789; a 2021 resident certificate and an old-style one computed by hand.
    assert h8.national_id_ok("A123456789")
    assert not h8.national_id_ok("A123456788")
    # letters whose codes are out of alphabetical order (W 32, X 30, I 34, O 35), computed by hand:
    # W → 3 + 2×9 = 21, + 1×8 = 29, check 1; X → 3 + 0 + 8 = 11, check 9; I → 3 + 36 + 8 = 47, check 3; O → 56, check 4
    for code in ("W100000001", "X100000009", "I100000003", "O100000004"):
        assert h8.national_id_ok(code), code
    assert not h8.national_id_ok("W100000009")
    assert h8.resident_id_ok("A800000014")
    assert not h8.national_id_ok("A800000014")
    assert h8.resident_id_ok("AC01234567")
    assert not h8.resident_id_ok("AC01234568")
    # UBN by hand: 04595257 sums to 40 (old and 2023 rule); 04595252 to 35 (2023 rule); 10458574 sums to 29
    # with the 7th digit's 28 counted as 10, valid because that 10 may count as 1 (20); 10458576 (31 → 22 or 21)
    # is not valid.
    assert h8.ubn_ok("04595257")
    assert h8.ubn_ok("04595252")
    assert not h8.ubn_ok("04595253")
    assert h8.ubn_ok("10458574")
    assert not h8.ubn_ok("10458576")
    assert h8.luhn_ok("4111111111111111")
    assert not h8.luhn_ok("4111111111111112")


#: what each planted class must (or must not) pass
_NEGATIVE_CHECKS = {
    "luhn-order-number": lambda t: h8.luhn_ok(t) and len(t) == 16,
    "serial-passing-id-check": h8.national_id_ok,
    "tracking-passing-arc-check": h8.resident_id_ok,
    "invoice-number": lambda t: re.fullmatch(r"[A-Z]{2}-?\d{8}", t) is not None,
    "masked-card": lambda t: "****" in t,
    "masked-id": lambda t: "****" in t,
    "toll-free": lambda t: t.startswith("0800-"),
    "role-mailbox": lambda t: t.split("@")[0] in h8.ROLE_BOXES,
    "version-ip-shaped": lambda t: len(t.split(".")) == 4,
    "company-account": lambda t: t.isdigit(),
}


def test_planted_negatives_are_what_their_class_says_and_are_not_labelled(corpus: tuple[Path, Path]) -> None:
    root, negatives = corpus
    cells = Cells(root)
    labelled: dict[tuple[Any, ...], list[tuple[int, int]]] = {}
    for item in _jsonl(root / "labels.jsonl"):
        where = (item["file"], item.get("line"), item.get("sheet"), item.get("row"), item.get("column"))
        labelled.setdefault(where, []).append((item.get("start", 0), item.get("end", 10**6)))
    kinds: set[str] = set()
    for neg in _jsonl(negatives):
        assert str(cells.at(neg))[neg["start"] : neg["end"]] == neg["text"], neg
        check = _NEGATIVE_CHECKS.get(neg["kind"])
        assert check is None or check(neg["text"]), neg
        where = (neg["file"], neg.get("line"), neg.get("sheet"), neg.get("row"), neg.get("column"))
        assert all(e <= neg["start"] or neg["end"] <= s for s, e in labelled.get(where, [])), neg
        kinds.add(neg["kind"])
    assert set(_NEGATIVE_CHECKS) <= kinds


def test_the_miss_report_runs_on_this_corpus_and_accounts_for_every_label(corpus: tuple[Path, Path]) -> None:
    from bench.pii import heldout7_misses

    root, negatives = corpus
    text = heldout7_misses.report(root, negatives)
    labelled: dict[str, int] = {}
    for item in _jsonl(root / "labels.jsonl"):
        labelled[item["category"]] = labelled.get(item["category"], 0) + 1
    totals = dict(re.findall(r"^- (\w+): (\d+/\d+/\d+)", text, flags=re.MULTILINE))
    for category, count in labelled.items():
        tp, _, fn = (int(n) for n in totals[category].split("/"))
        assert tp + fn == count, category
    kinds = {neg["kind"] for neg in _jsonl(negatives)}
    hit = re.findall(r"^- \w+ — (.+?): \d+", text.split("## False positives")[1], flags=re.MULTILINE)
    assert all(
        h in {"not planted", "not re-found alone (context of the file)"}
        or h.removeprefix("negative ") in kinds
        for h in hit
    )


def test_a_phone_split_across_two_cells_keeps_its_area_code_and_number_together(
    corpus: tuple[Path, Path],
) -> None:
    root = corpus[0]
    cells = Cells(root)
    split = [i for i in _jsonl(root / "labels.jsonl") if i["form"] == "landline-split-cell"]
    assert split
    for item in split:
        area = cells.at({**item, "column": "區碼"})
        assert item["clean"] == area + h8.digits_of(item["value"]), item
        lengths = {len(code) + n for code, n in h8.AREA.values() if code == area}
        assert len(item["clean"]) in lengths, item
