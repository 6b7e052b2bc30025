"""Writing a labelled benchmark corpus: text/log files labelled by line, CSV/TSV labelled by row and column,
one XLSX labelled by sheet, row and column, and ``labels.jsonl`` beside them.

This module holds **no vocabulary, no templates and no check digits**: a generator passes its own (so a
corpus stays independent of the engine and of the other generators). Used by ``heldout6.py``; the older
generators keep their own copies of this code (changing them would change their output).
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Labels = list[tuple[str, str]]
Lines = list[tuple[str, Labels]]
#: A table cell maker: returns (what is written, the canonical labelled value).
Maker = Callable[[Any], tuple[str, str]]
#: A column: header spellings, a cell maker, the category labelled (None: a negative column).
Column = tuple[list[str], Maker, str | None]


@dataclass(frozen=True)
class Spec:
    """What a generator supplies: its templates with weights, negatives, filler lines and columns."""

    templates: Sequence[tuple[Callable[[Any], Lines], int]]
    negatives: Callable[[Any], Lines]
    filler: Sequence[str]
    columns: Sequence[Column]
    prefix: str
    sheet: str
    personal_share: float = 0.32
    negative_share: float = 0.15


def big5_ok(text: str) -> bool:
    try:
        text.encode("cp950")
    except UnicodeEncodeError:
        return False
    return True


class Writer:
    def __init__(self, out: Path, gen: Any, spec: Spec) -> None:
        self.out, self.g, self.spec = out, gen, spec
        self.rnd: random.Random = gen.rnd
        self.sink = (out / "labels.jsonl").open("w", encoding="utf-8")

    def note(self, file: str, where: dict[str, Any], labels: Labels) -> None:
        for category, value in labels:
            record = {"file": file, **where, "category": category, "value": value}
            self.sink.write(json.dumps(record, ensure_ascii=False) + "\n")

    def text(self, name: str, size: int) -> None:
        makers, weights = zip(*self.spec.templates, strict=True)
        number = written = 0
        personal = self.spec.personal_share
        negative = personal + self.spec.negative_share
        with (self.out / name).open("w", encoding="utf-8") as handle:
            while written < size:
                x = self.rnd.random()
                if x < personal:
                    lines = self.rnd.choices(makers, weights)[0](self.g)
                elif x < negative:
                    lines = self.spec.negatives(self.g)
                else:
                    lines = [(self.spec.filler[self.rnd.randrange(len(self.spec.filler))], [])]
                for line, labels in lines:
                    number += 1
                    handle.write(line + "\n")
                    written += len(line.encode()) + 1
                    self.note(name, {"line": number}, labels)

    def _row(self, columns: Sequence[Column], encoding: str) -> list[tuple[str, str, str | None]]:
        row = []
        for _, make, category in columns:
            shown, canonical = make(self.g)
            while encoding == "cp950" and not big5_ok(shown):
                shown, canonical = make(self.g)
            row.append((shown, canonical, category))
        return row

    def _pick_columns(self) -> tuple[list[Column], list[str]]:
        columns = self.rnd.sample(list(self.spec.columns), 10)
        headers = [names[self.rnd.randrange(len(names))] for names, _, _ in columns]
        return columns, headers

    def table(self, name: str, size: int, encoding: str) -> None:
        columns, headers = self._pick_columns()
        with (self.out / name).open("w", encoding=encoding, newline="") as handle:
            out = csv.writer(handle, delimiter="\t" if name.endswith(".tsv") else ",")
            out.writerow(headers)
            number = 1
            while handle.tell() < size:
                number += 1
                row = self._row(columns, encoding)
                out.writerow([shown for shown, _, _ in row])
                for header, (_, canonical, category) in zip(headers, row, strict=True):
                    if category is not None:
                        self.note(name, {"row": number, "column": header}, [(category, canonical)])

    def workbook(self, name: str, rows: int) -> None:
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        title = self.spec.sheet
        sheet = book.create_sheet(title)
        columns, headers = self._pick_columns()
        sheet.append(headers)
        for number in range(2, rows + 2):
            row = self._row(columns, "utf-8")
            sheet.append([shown for shown, _, _ in row])
            for header, (_, canonical, category) in zip(headers, row, strict=True):
                if category is not None:
                    where = {"sheet": title, "row": number, "column": header}
                    self.note(name, where, [(category, canonical)])
        book.save(self.out / name)

    def close(self) -> None:
        self.sink.close()


def write_corpus(out: Path, size_mb: float, gen: Any, spec: Spec) -> None:
    """About ``size_mb`` MB: 55 % text and a log, 40 % CSV/TSV (UTF-8, Big5, UTF-8 with BOM), 5 % XLSX."""
    out.mkdir(parents=True, exist_ok=True)
    w = Writer(out, gen, spec)
    total = int(size_mb * 1024 * 1024)
    text, tables = int(total * 0.55), int(total * 0.4)
    chunk = max(64 * 1024, min(2 * 1024 * 1024, text // 4))
    n = 0
    while text > 0:
        w.text(f"{spec.prefix}_{n:03d}{'.log' if n == 1 else '.txt'}", min(chunk, text))
        text -= chunk
        n += 1
    n = 0
    while tables > 0:
        encoding = ("utf-8", "cp950", "utf-8-sig")[n % 3]
        w.table(f"{spec.prefix}_{n:03d}{'.tsv' if n == 1 else '.csv'}", min(chunk, tables), encoding)
        tables -= chunk
        n += 1
    w.workbook(f"{spec.prefix}_000.xlsx", max(200, int(total * 0.05) // 170))
    w.close()
