"""The ninth held-out corpus generator (bench/pii/heldout9.py): one seed gives one corpus; every label points at
a span whose text is its value and re-validates with the generator's own check digits; every planted negative
is what its class says (passes the check it claims to pass) and is not labelled."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from bench.pii import heldout9 as h9
from shouhu.engines.pii import CATEGORIES
from tests.engines.pii.test_heldout8_generator import Cells, _jsonl, _sheets

SIZE_MB = 0.15


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("heldout9")
    h9.generate(root / "corpus", SIZE_MB, 97, root / "negatives.jsonl")
    return root / "corpus", root / "negatives.jsonl"


def _cells(root: Path) -> Cells:
    return Cells(root, tuple(h9.ENCODINGS))


def test_the_same_seed_writes_the_same_corpus(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    root, negatives = corpus
    h9.generate(tmp_path / "again", SIZE_MB, 97, tmp_path / "neg.jsonl")
    names = sorted(p.name for p in root.iterdir())
    assert names == sorted(p.name for p in (tmp_path / "again").iterdir())
    for name in names:
        if name.endswith(".xlsx"):
            assert _sheets(root / name) == _sheets(tmp_path / "again" / name)
        else:
            assert (root / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
    assert negatives.read_bytes() == (tmp_path / "neg.jsonl").read_bytes()


def test_another_seed_writes_another_corpus(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    h9.generate(tmp_path / "other", SIZE_MB, 98)
    assert (tmp_path / "other" / "labels.jsonl").read_bytes() != (corpus[0] / "labels.jsonl").read_bytes()


def test_the_corpus_has_text_log_three_csv_encodings_and_a_workbook(corpus: tuple[Path, Path]) -> None:
    root = corpus[0]
    suffixes = {p.suffix for p in root.iterdir()}
    assert {".txt", ".log", ".csv", ".xlsx"} <= suffixes
    raw = {p.name: p.read_bytes() for p in root.glob("*.csv")}
    assert any(b.startswith(b"\xef\xbb\xbf") for b in raw.values())
    big5 = [b for b in raw.values() if not b.startswith(b"\xef\xbb\xbf")]
    assert any(_not_utf8(b) for b in big5)


def _not_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def test_labels_cover_every_category_the_engine_reports(corpus: tuple[Path, Path]) -> None:
    assert {item["category"] for item in _jsonl(corpus[0] / "labels.jsonl")} == set(CATEGORIES)


def test_every_span_holds_the_labelled_value(corpus: tuple[Path, Path]) -> None:
    root = corpus[0]
    cells = _cells(root)
    checked = 0
    for item in _jsonl(root / "labels.jsonl"):
        assert str(cells.at(item) or "")[item["start"] : item["end"]] == item["value"], item
        checked += 1
    assert checked > 3000


def _read_birth(value: str) -> dt.date:
    """Each birth spelling read back independently of the generator."""
    text = h9.half(value)
    numbers = [int(p) for p in re.findall(r"\d+", text)]
    if len(numbers) == 1:
        s = text
        if len(s) == 8:
            return dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
        return dt.date(int(s[:3]) + 1911, int(s[3:5]), int(s[5:]))
    y, m, d = numbers
    return dt.date(y if y > 1900 else y + 1911, m, d)


def _valid(item: dict[str, Any]) -> bool:
    cat, value, clean, form = item["category"], item["value"], item["clean"], item["form"]
    if cat == "tw_national_id":
        return h9.national_id_ok(clean) and h9.id_clean(value) == clean
    if cat == "tw_resident_id":
        return h9.resident_id_ok(clean) and h9.id_clean(value) == clean and not h9.national_id_ok(clean)
    if cat == "ubn":
        return h9.ubn_ok(clean) and value == clean
    if cat == "credit_card":
        iin = re.match(r"4|5[1-5]|35(2[89]|[3-8]\d)", clean) is not None
        return iin and h9.luhn_ok(clean) and h9.digits_of(value) == clean and len(clean) == 16
    if cat == "mobile_phone":
        local = h9.digits_of(value)
        local = "0" + local[3:] if form == "mobile-886" else local
        return bool(re.fullmatch(r"09[0-8]\d{7}", clean)) and local == clean
    if cat == "landline_phone":
        local = h9.digits_of(value)
        local = "0" + local[3:] if form == "landline-886" else local
        return bool(re.fullmatch(r"0[2-8]\d{7,8}", clean)) and local == clean
    if cat == "nhi_card":
        return bool(re.fullmatch(r"0000\d{8}", clean)) and h9.digits_of(value) == clean
    if cat == "passport":
        return value == clean and bool(re.fullmatch(r"[123]\d{8}|[BCX]\d{7}", clean))
    if cat == "email":
        return value.lower() == clean and bool(re.fullmatch(r"[a-z0-9._]+@[a-z0-9.-]+\.[a-z]{2,}", clean))
    if cat == "ip_address":
        parts = clean.split(".")
        return value == clean and len(parts) == 4 and all(0 <= int(p) <= 255 for p in parts)
    if cat == "vehicle_plate":
        shaped = re.fullmatch(r"[A-HJ-NP-Z]{3}-\d{3,4}|\d{4}-[A-HJ-NP-Z]{2}", clean)
        return bool(shaped) and "4" not in clean and value.replace("-", "") == clean.replace("-", "")
    if cat == "bank_account":
        return bool(re.fullmatch(r"\d{12,14}", clean)) and h9.digits_of(value) == clean
    if cat == "birth_date":
        day = dt.date.fromisoformat(clean)
        return dt.date(1940, 1, 1) <= day <= dt.date(2012, 12, 31) and _read_birth(value) == day
    if cat == "person_name":
        if form == "name-foreign-latin":
            return (value.split(" ", 1)[0], value.split(" ", 1)[1].rsplit(" ", 1)[-1]) in {
                (a.split()[0], b) for a, b in h9.CAREGIVER
            }
        surname_ok = value[:2] in h9.COMPOUND_SURNAMES or value[0] in h9.SURNAMES
        return surname_ok and 2 <= len(value) <= 4 and value == clean
    if cat == "address":
        written = h9.half(value).replace("台", "臺")
        cities = [c for c in h9.PLACES if written.startswith(c)]
        return written == clean and len(cities) == 1 and bool(re.search(r"號(\d+樓(之\d)?)?$", written))
    return False


def test_every_labelled_value_revalidates_with_the_generators_own_rules(corpus: tuple[Path, Path]) -> None:
    bad = [
        (i["category"], i["value"], i["form"]) for i in _jsonl(corpus[0] / "labels.jsonl") if not _valid(i)
    ]
    assert bad == []


def test_the_check_digits_follow_the_public_examples() -> None:
    # 內政部's worked example A123456789; letters out of alphabetical order computed by hand
    assert h9.national_id_ok("A123456789")
    assert not h9.national_id_ok("A123456788")
    for code in ("W100000001", "X100000009", "I100000003", "O100000004"):
        assert h9.national_id_ok(code), code
    # 2021 resident certificate (second digit 8/9) and the old one (second letter A-D) computed by hand
    assert h9.resident_id_ok("A800000014")
    assert not h9.national_id_ok("A800000014")
    assert h9.resident_id_ok("AC01234567")
    assert not h9.resident_id_ok("AC01234568")
    # UBN: 04595257 (sum 40), 04595252 (35, the 2023 rule), 10458574 (7th digit 7: 19 or 20)
    assert h9.ubn_ok("04595257")
    assert h9.ubn_ok("04595252")
    assert not h9.ubn_ok("04595253")
    assert h9.ubn_ok("10458574")
    assert not h9.ubn_ok("10458576")
    assert h9.luhn_ok("4111111111111111")
    assert not h9.luhn_ok("4111111111111112")


#: what each planted class must pass
_NEGATIVE_CHECKS = {
    "luhn-order-number": lambda t: h9.luhn_ok(t) and len(t) == 16,
    "tracking-passing-id-check": h9.national_id_ok,
    "invoice-number": lambda t: re.fullmatch(r"[A-Z]{2}-\d{8}", t) is not None,
    "masked-card": lambda t: "****" in t,
    "masked-id": lambda t: "****" in t and len(t) == 10,
    "toll-free": lambda t: t.startswith("0800-"),
    "role-mailbox": lambda t: t.split("@")[0] in h9.ROLE_BOXES,
    "version-ip-shaped": lambda t: len(t.split(".")) == 4,
    "company-switchboard": lambda t: re.fullmatch(r"0\d-2\d{6,7}", t) is not None,
    "document-date": lambda t: re.match(r"11\d[/年]", t) is not None,
    "chart-number": lambda t: t.isdigit() and len(t) == 8,
}


def test_planted_negatives_are_what_their_class_says_and_are_not_labelled(corpus: tuple[Path, Path]) -> None:
    root, negatives = corpus
    cells = _cells(root)
    labelled: dict[tuple[Any, ...], list[tuple[int, int]]] = {}
    for item in _jsonl(root / "labels.jsonl"):
        where = (item["file"], item.get("line"), item.get("sheet"), item.get("row"), item.get("column"))
        labelled.setdefault(where, []).append((item["start"], item["end"]))
    kinds: set[str] = set()
    for neg in _jsonl(negatives):
        assert str(cells.at(neg) or "")[neg["start"] : neg["end"]] == neg["value"], neg
        check = _NEGATIVE_CHECKS.get(neg["kind"])
        assert check is None or check(neg["value"]), neg
        where = (neg["file"], neg.get("line"), neg.get("sheet"), neg.get("row"), neg.get("column"))
        assert all(e <= neg["start"] or neg["end"] <= s for s, e in labelled.get(where, [])), neg
        kinds.add(neg["kind"])
    assert set(_NEGATIVE_CHECKS) <= kinds


def test_labels_locate_values_the_way_the_runner_does(corpus: tuple[Path, Path]) -> None:
    from bench.pii.run import _loc

    for item in _jsonl(corpus[0] / "labels.jsonl")[:2000]:
        loc = _loc(item["file"], item)
        assert loc[1] == ("L" if item["file"].endswith((".txt", ".log")) else "S" if "sheet" in item else "R")
