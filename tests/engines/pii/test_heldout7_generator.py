"""The seventh held-out corpus generator (bench/pii/heldout7.py): one seed gives one corpus, and every label
points at a span whose text is the labelled value and re-validates with the generator's own check digits."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from bench.pii import heldout7 as h7
from shouhu.engines.pii import CATEGORIES

SIZE_MB = 0.12
ENCODINGS = {kind: encoding for kind, _, _, _, encoding, _ in h7.CSV_KINDS}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("heldout7") / "corpus"
    h7.generate(out, SIZE_MB, 71)
    return out


def _labels(root: Path) -> list[dict[str, Any]]:
    with (root / "labels.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _sheet_values(path: Path) -> list[list[Any]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    return [[ws.title, *ws.iter_rows(values_only=True)] for ws in book.worksheets]


def test_the_same_seed_writes_the_same_corpus(corpus: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    h7.generate(again, SIZE_MB, 71)
    names = sorted(p.name for p in corpus.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    for name in names:
        if name.endswith(".xlsx"):
            assert _sheet_values(corpus / name) == _sheet_values(again / name)
        else:
            assert (corpus / name).read_bytes() == (again / name).read_bytes(), name


def test_another_seed_writes_another_corpus(corpus: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    h7.generate(other, SIZE_MB, 72)
    assert (other / "labels.jsonl").read_bytes() != (corpus / "labels.jsonl").read_bytes()


def test_labels_use_only_the_runners_categories_and_cover_every_category(corpus: Path) -> None:
    assert {item["category"] for item in _labels(corpus)} == set(CATEGORIES)


def _span_texts(root: Path) -> list[tuple[dict[str, Any], str | None, Any]]:
    """(label, the text its span covers, the raw cell for a date cell) for every label."""
    lines: dict[str, list[str]] = {}
    rows: dict[tuple[str, str | None], dict[tuple[int, str], Any]] = {}
    out = []
    for item in _labels(root):
        name = item["file"]
        if "line" in item:
            if name not in lines:
                lines[name] = (root / name).read_text(encoding="utf-8").split("\n")
            text = lines[name][item["line"] - 1]
            if "end_line" in item:
                span = text[item["start"] :] + lines[name][item["end_line"] - 1][: item["end"]]
            else:
                span = text[item["start"] : item["end"]]
            out.append((item, span, None))
            continue
        key = (name, item.get("sheet"))
        if key not in rows:
            rows[key] = _cells(root / name, item.get("sheet"))
        cell = rows[key][(item["row"], item["column"])]
        if "start" in item:
            out.append((item, str(cell)[item["start"] : item["end"]], None))
        else:
            out.append((item, None, cell))
    return out


def _cells(path: Path, sheet: str | None) -> dict[tuple[int, str], Any]:
    if sheet is None:
        with path.open(encoding=ENCODINGS[path.name.split("_")[1]], newline="") as handle:
            table = list(csv.reader(handle))
    else:
        import openpyxl

        table = [
            list(r) for r in openpyxl.load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True)
        ]
    header = table[0]
    return {(n, header[i]): v for n, row in enumerate(table[1:], start=2) for i, v in enumerate(row)}


def test_every_span_holds_the_labelled_value(corpus: Path) -> None:
    checked = 0
    for item, span, cell in _span_texts(corpus):
        if span is None:
            assert isinstance(cell, dt.datetime)
            assert cell.date().isoformat() == item["value"]
        elif item["form"].endswith("json-escaped"):
            assert json.loads(f'"{span}"') == item["value"]
        else:
            assert span == item["value"], item
        checked += 1
    assert checked > 1000


_PASSPORT = re.compile(r"[123]\d{8}|[CBN]\d{7}|P\d{7}[ABC]|A[ABC]\d{7}|(?:TK|TZ|MU|TR)\d{7}|[56]\d{8}")
_CITIES = tuple(h7.PLACES) + tuple(c.replace("臺", "台") for c in h7.PLACES)


def _valid(category: str, value: str, clean: str, form: str) -> bool:
    if category == "tw_national_id":
        return h7.national_id_ok(clean) and h7.clean_id(value) == clean
    if category == "tw_resident_id":
        return h7.resident_id_ok(clean) and h7.clean_id(value) == clean
    if category == "ubn":
        rule = h7.ubn_ok(clean, 10) if "mod10" in form else h7.ubn_ok(clean, 5)
        return rule and h7.clean_digits(value) == clean
    if category == "credit_card":
        return h7.luhn_ok(clean) and h7.card_brand(clean) is not None and h7.clean_digits(value) == clean
    if category == "mobile_phone":
        return bool(re.fullmatch(r"09[0-8]\d{7}", clean)) and h7.clean_phone(value) == clean
    if category == "landline_phone":
        local = h7.clean_digits(value)
        same = clean.endswith(local) if form == "landline-split-cell" else local == clean
        return bool(re.fullmatch(r"0\d{8,9}", clean)) and same
    if category == "nhi_card":
        return bool(re.fullmatch(r"0000\d{8}", clean)) and h7.clean_digits(value) == clean
    if category == "passport":
        return bool(_PASSPORT.fullmatch(clean)) and value == clean
    if category == "email":
        plain = h7.half_width(value).replace(" [at] ", "@").replace("%40", "@").lower()
        return bool(re.fullmatch(r"[a-z0-9._]+@[a-z0-9.-]+\.[a-z]{2,}", clean)) and plain == clean
    if category == "ip_address":
        parts = clean.split(".")
        return len(parts) == 4 and all(0 <= int(p) <= 255 for p in parts) and value == clean
    if category == "vehicle_plate":
        shaped = re.fullmatch(r"[A-HJ-NP-Z]{2,3}-\d{3,4}|\d{4}-[A-HJ-NP-Z]{2}", clean)
        return bool(shaped) and value.upper().replace("-", "") == clean.replace("-", "")
    if category == "birth_date":
        day = dt.date.fromisoformat(clean)
        return dt.date(1950, 1, 1) <= day <= dt.date(2018, 12, 31) and (
            form == "birth-date-cell" or h7.read_date(value) == day
        )
    if category == "bank_account":
        return bool(re.fullmatch(r"\d{11,14}", clean)) and h7.clean_digits(value) == clean
    if category == "person_name":
        if form == "name-ocr-spaced":
            value = value.replace(" ", "")
        zh = value[:2] in h7.COMPOUND_SURNAMES or value[:1] in h7.SURNAMES
        return value == clean and (zh or value.isascii())
    if category == "address":
        written = h7.half_width(value)
        if form == "addr-split-street":
            return written.startswith(h7.ROADS) and bool(re.search(r"號(\d+樓)?$", written))
        return any(city in written for city in _CITIES) and bool(re.search(r"號|樓|F$", written))
    return False


def test_every_labelled_value_revalidates_with_the_generators_own_check_digits(corpus: Path) -> None:
    bad = [
        (item["category"], item["value"], item["form"])
        for item in _labels(corpus)
        if not _valid(item["category"], item["value"], item["clean"], item["form"])
    ]
    assert bad == []


def test_the_check_digits_follow_the_public_examples() -> None:
    # 內政部's worked example A123456789; a 2021 resident certificate and an old-style one, computed by hand.
    assert h7.national_id_ok("A123456789")
    assert not h7.national_id_ok("A123456788")
    assert h7.resident_id_ok("A800000014")
    assert h7.resident_id_ok("AC01234567")
    assert not h7.resident_id_ok("AC01234568")
    assert not h7.national_id_ok("A800000014")
    # UBNs computed by hand: weighted digit sums 40 (old and new rule), 35 (2023 rule only),
    # 19 with a 7th digit 7 (valid only because that 7 may count 1), 18 with a 7th digit 7 (invalid).
    assert h7.ubn_ok("04595257", 10)
    assert h7.ubn_ok("04595252", 5)
    assert not h7.ubn_ok("04595252", 10)
    assert h7.ubn_ok("10458574", 5)
    assert not h7.ubn_ok("10458573", 5)
    assert h7.luhn_ok("4111111111111111")
    assert not h7.luhn_ok("4111111111111112")
    assert h7.card_brand("378282246310005") == "amex"
    assert h7.card_brand("2223000048400011") == "mastercard"
    assert h7.card_brand("3530111333300000") == "jcb"
    assert h7.card_brand("2026112812345678") is None


def test_the_miss_report_accounts_for_every_label(corpus: Path, tmp_path: Path) -> None:
    from bench.pii import heldout7_misses

    negatives = tmp_path / "negatives.jsonl"
    h7.generate(tmp_path / "again", SIZE_MB, 71, negatives)
    text = heldout7_misses.report(tmp_path / "again", negatives)
    labelled: dict[str, int] = {}
    for item in _labels(corpus):
        labelled[item["category"]] = labelled.get(item["category"], 0) + 1
    totals = dict(re.findall(r"^- (\w+): (\d+/\d+/\d+)", text, flags=re.MULTILINE))
    for category, count in labelled.items():
        tp, _, fn = (int(n) for n in totals[category].split("/"))
        assert tp + fn == count, category
    kinds = {json.loads(line)["kind"] for line in negatives.read_text(encoding="utf-8").splitlines()}
    hit = re.findall(r"^- \w+ — (.+?): \d+", text.split("## False positives")[1], flags=re.MULTILINE)
    assert all(
        h in {"not planted", "not re-found alone (context of the file)"}
        or h.removeprefix("negative ") in kinds
        for h in hit
    )
