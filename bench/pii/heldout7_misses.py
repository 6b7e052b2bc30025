"""Shouhu's misses and false positives on the seventh held-out corpus, by class.

Misses are grouped by the ``form`` each label carries (how the value was written: ``nid-spaced``,
``plate-new-nodash`` …) and by where it stood (the column header, or the words just before it on a line);
false positives by the planted hard negative they hit (``company-fax``, ``role-mailbox`` …), read from the
file ``heldout7 --negatives`` writes. Usage::

    python -m bench.pii.heldout7 --size-mb 2 --out bench/out/pii/heldout7 --seed 71 \\
        --negatives bench/out/pii/heldout7.negatives.jsonl
    python -m bench.pii.heldout7_misses

It reads any corpus whose labels carry ``form`` and ``start`` and whose negatives file has ``kind``/``start``/``end``
(the eighth held-out corpus does)::

    python -m bench.pii.heldout7_misses --corpus bench/out/pii/heldout8 \\
        --negatives bench/out/pii/heldout8.negatives.jsonl

The two CSV files whose header row is ``欄位1, 欄位2 …`` are matched by those names: the engine takes such a row
of numbered placeholders as the header (before 2026-11-28 it named those columns by letter, and ``--letters``
renamed the labels to match).
"""

from __future__ import annotations

import argparse
import csv
import json
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from shouhu.engines.pii import normalize_value, value_digest
from shouhu.engines.pii.engine import detect

from .run import KEY, _loc, run_shouhu, scores


def _labels(root: Path) -> list[dict[str, Any]]:
    with (root / "labels.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _key(item: dict[str, Any]) -> tuple[Any, ...]:
    cat = item["category"]
    return (*_loc(item["file"], item), cat, value_digest(KEY, cat, normalize_value(cat, item["value"])))


class Texts:
    """The text at a location: a line, a CSV cell (by header or by letter) or an XLSX cell."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache: dict[Any, Any] = {}

    def at(self, loc: tuple[Any, ...]) -> str:
        file = loc[0]
        if loc[1] == "L":
            if file not in self.cache:
                self.cache[file] = (self.root / file).read_text(encoding="utf-8").split("\n")
            return str(self.cache[file][loc[2] - 1])
        sheet = loc[2] if loc[1] == "S" else None
        if (file, sheet) not in self.cache:
            self.cache[(file, sheet)] = self._table(self.root / file, sheet)
        row, column = loc[-2], loc[-1]
        return str(self.cache[(file, sheet)].get((row, column), "") or "")

    @staticmethod
    def _table(path: Path, sheet: str | None) -> dict[tuple[int, str], Any]:
        if sheet is None:
            from shouhu.engines.pii.readers.encoding import detect_encoding

            encoding = detect_encoding(path.read_bytes()[:65536])
            with path.open(encoding=encoding, newline="") as handle:
                table = list(csv.reader(handle))
        else:
            import openpyxl

            rows = openpyxl.load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True)
            table = [list(r) for r in rows]
        out: dict[tuple[int, str], Any] = {}
        for n, row in enumerate(table[1:], start=2):
            for i, value in enumerate(row):
                out[(n, str(table[0][i]))] = value
                out[(n, chr(65 + i))] = value
        return out


def _where(item: dict[str, Any], texts: Texts) -> str:
    if item.get("line") is None:
        return f"column {item['column']}"
    text = texts.at(_loc(item["file"], item))
    return "after " + repr(text[max(0, item["start"] - 8) : item["start"]])


def report(root: Path, negatives: Path | None) -> str:
    labels = _labels(root)
    gold = Counter(_key(i) for i in labels)
    _, _, found, _ = run_shouhu(root, 1, keep=True)
    texts = Texts(root)
    out = ["## Totals (TP/FP/FN, precision, recall, F1)", ""]
    for cat, s in scores(found, gold).items():  # the runner's own totals
        t, p, f, prec, rec, f1 = s["tp"], s["fp"], s["fn"], s["precision"], s["recall"], s["f1"]
        out.append(f"- {cat}: {t}/{p}/{f}  P {prec:.3f}  R {rec:.3f}  F1 {f1:.3f}")

    used: Counter[tuple[Any, ...]] = Counter()
    forms: Counter[tuple[str, str]] = Counter()
    missed: Counter[tuple[str, str]] = Counter()
    places: Counter[tuple[str, str]] = Counter()
    place_total: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in labels:
        k = _key(item)
        cls = (item["category"], item["form"])
        where = (item["category"], f"{item['file'].split('_')[1]}: {_where(item, texts)}")
        forms[cls] += 1
        place_total[where] += 1
        if used[k] < found.get(k, 0):
            used[k] += 1
            continue
        missed[cls] += 1
        places[where] += 1
        if len(examples[cls]) < 3:
            examples[cls].append(item["value"])
    out += ["", "## Misses by how the value was written (missed/labelled, examples)", ""]
    for cls, n in sorted(missed.items(), key=lambda x: (x[0][0], -x[1])):
        out.append(
            f"- {cls[0]} {cls[1]}: {n}/{forms[cls]}  e.g. " + " | ".join(repr(v) for v in examples[cls])
        )
    out += ["", "## Misses by place (only places where at least half the labels were missed)", ""]
    for where, n in sorted(places.items(), key=lambda x: -x[1]):
        if n * 2 >= place_total[where] and n >= 5:
            out.append(f"- {where[0]} — {where[1]}: {n}/{place_total[where]}")

    planted: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    if negatives is not None:
        with negatives.open(encoding="utf-8") as handle:
            for line in handle:
                neg = json.loads(line)
                planted[_loc(neg["file"], neg)].append(neg)
    fps: Counter[tuple[str, str]] = Counter()
    fp_examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k, n in found.items():
        extra = n - min(n, gold.get(k, 0))
        if not extra:
            continue
        loc, cat, digest = k[:-2], k[-2], k[-1]
        text = unicodedata.normalize("NFKC", texts.at(loc))
        span = next(
            (
                (m.start, m.end)
                for m in detect(text)
                if m.category == cat
                and value_digest(KEY, cat, normalize_value(cat, text[m.start : m.end])) == digest
            ),
            None,
        )
        kind = "not re-found alone (context of the file)"
        if span is not None:
            kind = "not planted"
            negs = planted.get(loc, [])
            if not negs and loc[1] == "R":  # a negative in a 欄位N file is recorded under its header
                negs = [g for key, v in planted.items() if key[0] == loc[0] and key[2] == loc[2] for g in v]
            for neg in negs:
                if neg["start"] < span[1] and span[0] < neg["end"]:
                    kind = f"negative {neg['kind']}"
                    break
        fps[(cat, kind)] += extra
        if len(fp_examples[(cat, kind)]) < 2:
            fp_examples[(cat, kind)].append(text[:120] if span is None else text[span[0] : span[1]])
    out += ["", "## False positives by what was hit (count, examples)", ""]
    for cls, n in sorted(fps.items(), key=lambda x: (x[0][0], -x[1])):
        out.append(f"- {cls[0]} — {cls[1]}: {n}  e.g. " + " | ".join(repr(v) for v in fp_examples[cls]))
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Shouhu's misses on the seventh held-out corpus, by class")
    parser.add_argument("--corpus", default="bench/out/pii/heldout7")
    parser.add_argument("--negatives", default="bench/out/pii/heldout7.negatives.jsonl")
    args = parser.parse_args(argv)
    negatives = Path(args.negatives)
    print(report(Path(args.corpus), negatives if negatives.exists() else None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
