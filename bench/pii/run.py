"""Scan the generated corpus with Shouhu (full corpus, 1 and 2 workers) and, on a subset, with
Shouhu and Presidio; report throughput and precision/recall/F1 per category.

Usage::

    python -m bench.pii.run --corpus bench/out/pii/corpus --subset bench/out/pii/subset
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from shouhu.engines.pii import CATEGORIES, ScanOptions, iter_scan_path, normalize_value, value_digest
from shouhu.engines.pii.findings import Finding

KEY = b"bench-key"
Key = tuple[Any, ...]


def corpus_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.iterdir() if p.name != "labels.jsonl")


def label_keys(root: Path) -> Counter[Key]:
    keys: Counter[Key] = Counter()
    with (root / "labels.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            cat = item["category"]
            digest = value_digest(KEY, cat, normalize_value(cat, item["value"]))
            keys[(*_loc(item["file"], item), cat, digest)] += 1
    return keys


def _loc(file: str, item: dict[str, Any]) -> tuple[Any, ...]:
    if item.get("line") is not None:
        return (file, "L", item["line"])
    if item.get("sheet") is not None:
        return (file, "S", item["sheet"], item["row"], item["column"])
    return (file, "R", item["row"], item["column"])


def finding_key(root: Path, f: Finding) -> Key:
    rel = os.path.relpath(f.path or f.source, root)
    return (*_loc(rel, {"line": f.line, "sheet": f.sheet, "row": f.row, "column": f.column}), f.category, f.digest)


def scores(found: Counter[Key], gold: Counter[Key]) -> dict[str, dict[str, float]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for k, n in found.items():
        hit = min(n, gold.get(k, 0))
        tp[k[-2]] += hit
        fp[k[-2]] += n - hit
    for k, n in gold.items():
        fn[k[-2]] += n - min(n, found.get(k, 0))
    out: dict[str, dict[str, float]] = {}
    for cat in CATEGORIES:
        t, p, n = tp[cat], fp[cat], fn[cat]
        if t + p + n == 0:
            continue
        precision = t / (t + p) if t + p else 0.0
        recall = t / (t + n) if t + n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[cat] = {"tp": t, "fp": p, "fn": n, "precision": precision, "recall": recall, "f1": f1}
    return out


def run_shouhu(root: Path, workers: int, keep: bool) -> tuple[float, Counter[Key], int]:
    opts = ScanOptions(exclude=("labels.jsonl",))
    found: Counter[Key] = Counter()
    count = 0
    start = time.perf_counter()
    for part in iter_scan_path(str(root), key=KEY, options=opts, workers=workers):
        count += len(part.findings)
        if keep:
            found.update(finding_key(root, f) for f in part.findings)
    return time.perf_counter() - start, found, count


def _presidio_units(root: Path) -> Iterable[tuple[tuple[Any, ...], str, list[str] | None]]:
    """Yield (location, text, context) units: text lines, and CSV/XLSX cells with their header."""
    import openpyxl

    from shouhu.engines.pii.readers.encoding import detect_encoding

    for path in sorted(root.iterdir()):
        name = path.name
        if name == "labels.jsonl":
            continue
        if path.suffix in (".txt", ".log"):
            with path.open(encoding="utf-8") as handle:
                for n, line in enumerate(handle, start=1):
                    yield (name, "L", n), line.rstrip("\n"), None
        elif path.suffix == ".csv":
            encoding = detect_encoding(path.read_bytes()[:65536])
            with path.open(encoding=encoding, newline="") as handle:
                rows = csv.reader(handle)
                header = next(rows)
                for r, row in enumerate(rows, start=2):
                    for column, cell in zip(header, row, strict=False):
                        yield (name, "R", r, column), cell, [column]
        elif path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path, read_only=True)
            for sheet in book.worksheets:
                values = sheet.iter_rows(values_only=True)
                header = [str(c) for c in next(values)]
                for r, row in enumerate(values, start=2):
                    for column, cell in zip(header, row, strict=False):
                        if cell is not None:
                            yield (name, "S", sheet.title, r, column), str(cell), [column]


def run_presidio(root: Path, model_dir: Path) -> tuple[float, Counter[Key], float]:
    from .presidio_setup import ENTITY_MAP, build_analyzer

    t0 = time.perf_counter()
    analyzer = build_analyzer(model_dir)
    setup = time.perf_counter() - t0
    found: Counter[Key] = Counter()
    start = time.perf_counter()
    for loc, text, context in _presidio_units(root):
        if not text:
            continue
        for r in analyzer.analyze(text=text, language="zh", context=context, score_threshold=0.4):
            cat = ENTITY_MAP.get(r.entity_type)
            if cat is None:
                continue
            value = normalize_value(cat, text[r.start : r.end])
            found[(*loc, cat, value_digest(KEY, cat, value))] += 1
    return time.perf_counter() - start, found, setup


def _table(title: str, results: dict[str, dict[str, float]]) -> str:
    lines = [f"#### {title}", "", "| category | TP | FP | FN | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for cat, s in results.items():
        lines.append(
            f"| {cat} | {s['tp']} | {s['fp']} | {s['fn']} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Shouhu vs Presidio benchmark")
    parser.add_argument("--corpus", default="bench/out/pii/corpus")
    parser.add_argument("--subset", default="bench/out/pii/subset")
    parser.add_argument("--model-dir", default="bench/out/pii/zh_blank")
    parser.add_argument("--out", default="bench/out/pii/results.json")
    parser.add_argument("--skip-presidio", action="store_true")
    args = parser.parse_args(argv)
    corpus, subset = Path(args.corpus), Path(args.subset)
    report: dict[str, Any] = {"cpu_count": os.cpu_count()}
    md: list[str] = []

    mb = corpus_bytes(corpus) / 1e6
    secs, found, n = run_shouhu(corpus, 1, keep=True)
    full_scores = scores(found, label_keys(corpus))
    report["shouhu_full"] = {"mb": mb, "seconds_w1": secs, "mb_s_w1": mb / secs, "findings": n, "scores": full_scores}
    secs2, _, _ = run_shouhu(corpus, 2, keep=False)
    report["shouhu_full"].update({"seconds_w2": secs2, "mb_s_w2": mb / secs2})
    md.append(f"Shouhu full corpus: {mb:.1f} MB, 1 worker {secs:.1f} s = {mb / secs:.2f} MB/s; "
              f"2 workers {secs2:.1f} s = {mb / secs2:.2f} MB/s ({mb / secs2 / 2:.2f} MB/s per core)\n")
    md.append(_table("Shouhu, full corpus", full_scores))

    smb = corpus_bytes(subset) / 1e6
    ssecs, sfound, _ = run_shouhu(subset, 1, keep=True)
    gold = label_keys(subset)
    report["subset"] = {"mb": smb, "shouhu_seconds": ssecs, "shouhu_mb_s": smb / ssecs,
                        "shouhu_scores": scores(sfound, gold)}
    md.append(f"Subset: {smb:.2f} MB; Shouhu {ssecs:.2f} s = {smb / ssecs:.2f} MB/s\n")
    md.append(_table("Shouhu, subset", report["subset"]["shouhu_scores"]))
    if not args.skip_presidio:
        psecs, pfound, setup = run_presidio(subset, Path(args.model_dir))
        ratio = (smb / ssecs) / (smb / psecs)
        report["subset"].update({"presidio_seconds": psecs, "presidio_setup_seconds": setup,
                                 "presidio_mb_s": smb / psecs, "speedup": ratio,
                                 "presidio_scores": scores(pfound, gold)})
        md.append(f"Presidio on the subset: {psecs:.1f} s = {smb / psecs:.4f} MB/s (setup {setup:.1f} s excluded); "
                  f"Shouhu/Presidio per core = {ratio:.0f}x\n")
        md.append(_table("Presidio, subset", report["subset"]["presidio_scores"]))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    text = "\n".join(md)
    Path(args.out).with_suffix(".md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
