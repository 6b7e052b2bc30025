"""Scan the generated corpus with Shouhu (full corpus, 1 and 2 workers) and, on a subset, with
Shouhu and Presidio; report throughput and precision/recall/F1 per category.

Usage (one command: generates the missing corpora, then runs everything)::

    python -m bench.pii.run --generate --size-mb 20
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
    return (
        *_loc(rel, {"line": f.line, "sheet": f.sheet, "row": f.row, "column": f.column}),
        f.category,
        f.digest,
    )


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


def run_shouhu(root: Path, workers: int, keep: bool) -> tuple[float, float, Counter[Key], int]:
    """Return (wall seconds, CPU seconds of this process, findings keys, finding count)."""
    opts = ScanOptions(exclude=("labels.jsonl",))
    parts = []
    count = 0
    start, cpu = time.perf_counter(), time.process_time()
    for part in iter_scan_path(str(root), key=KEY, options=opts, workers=workers):
        count += len(part.findings)
        if keep:
            parts.append(part)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    found: Counter[Key] = Counter(finding_key(root, f) for part in parts for f in part.findings)
    return wall, cpu, found, count


def shouhu_by_type(root: Path) -> dict[str, tuple[int, float]]:
    """CPU seconds per file type (bytes, seconds), one file at a time in this process."""
    from shouhu.engines.pii.files import scan_file

    out: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for path in sorted(root.iterdir()):
        if path.name == "labels.jsonl":
            continue
        cpu = time.process_time()
        scan_file(str(path), KEY, ScanOptions())
        out[path.suffix][0] += path.stat().st_size
        out[path.suffix][1] += time.process_time() - cpu
    return {k: (int(v[0]), v[1]) for k, v in out.items()}


def _presidio_files(root: Path) -> Iterable[tuple[str, str, Any]]:
    """Yield (file name, kind, content): text lines, or a table {header: column values} per sheet."""
    import openpyxl

    from shouhu.engines.pii.readers.encoding import detect_encoding

    for path in sorted(root.iterdir()):
        name = path.name
        if name == "labels.jsonl":
            continue
        if path.suffix in (".txt", ".log"):
            with path.open(encoding="utf-8") as handle:
                yield name, "L", [line.rstrip("\n") for line in handle]
        elif path.suffix == ".csv":
            encoding = detect_encoding(path.read_bytes()[:65536])
            with path.open(encoding=encoding, newline="") as handle:
                rows = csv.reader(handle)
                header = next(rows)
                yield name, "R", (None, header, list(rows))
        elif path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path, read_only=True)
            for sheet in book.worksheets:
                values = sheet.iter_rows(values_only=True)
                header = [str(c) for c in next(values)]
                rows = [["" if c is None else str(c) for c in row] for row in values]
                yield name, "S", (sheet.title, header, rows)


def run_presidio(root: Path, model_dir: Path) -> tuple[float, Counter[Key], float, dict[str, float]]:
    """Return (CPU seconds, findings keys, setup seconds, CPU seconds per file type).

    Uses Presidio's batch API: ``BatchAnalyzerEngine.analyze_iterator`` over the lines of a text
    file, ``analyze_dict`` over the columns of a table (the header becomes the context word).
    """
    from presidio_analyzer import BatchAnalyzerEngine

    from .presidio_setup import ENTITY_MAP, build_analyzer

    t0 = time.process_time()
    analyzer = build_analyzer(model_dir)
    batch = BatchAnalyzerEngine(analyzer_engine=analyzer)
    setup = time.process_time() - t0
    found: Counter[Key] = Counter()
    by_type: dict[str, float] = defaultdict(float)
    start = time.process_time()

    def record(loc: tuple[Any, ...], text: str, results: Iterable[Any]) -> None:
        for r in results:
            cat = ENTITY_MAP.get(r.entity_type)
            if cat is not None:
                value = normalize_value(cat, text[r.start : r.end])
                found[(*loc, cat, value_digest(KEY, cat, value))] += 1

    for name, kind, content in _presidio_files(root):
        began = time.process_time()
        if kind == "L":
            results = batch.analyze_iterator(content, language="zh", batch_size=256, score_threshold=0.4)
            for n, (line, res) in enumerate(zip(content, results, strict=True), start=1):
                record((name, "L", n), line, res)
        else:
            sheet, header, rows = content
            columns = {h: [row[i] if i < len(row) else "" for row in rows] for i, h in enumerate(header)}
            for item in batch.analyze_dict(columns, language="zh", batch_size=256, score_threshold=0.4):
                for offset, (cell, res) in enumerate(zip(item.value, item.recognizer_results, strict=True)):
                    loc = (
                        (name, "R", offset + 2, item.key)
                        if sheet is None
                        else (name, "S", sheet, offset + 2, item.key)
                    )
                    record(loc, cell, res)
        by_type[Path(name).suffix] += time.process_time() - began
    return time.process_time() - start, found, setup, dict(by_type)


def _table(title: str, results: dict[str, dict[str, float]]) -> str:
    lines = [
        f"#### {title}",
        "",
        "| category | TP | FP | FN | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for cat, s in results.items():
        lines.append(
            f"| {cat} | {s['tp']} | {s['fp']} | {s['fn']} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} |"
        )
    return "\n".join(lines) + "\n"


def _compare_table(title: str, shouhu: dict[str, Any], presidio: dict[str, Any] | None) -> str:
    lines = [
        f"#### {title}",
        "",
        "| category | Shouhu TP/FP/FN | Shouhu P | Shouhu R | Shouhu F1 | Presidio TP/FP/FN | Presidio P | Presidio R | Presidio F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    cats = [c for c in CATEGORIES if c in shouhu or (presidio and c in presidio)]
    empty = {"tp": 0, "fp": 0, "fn": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    for cat in cats:
        a = shouhu.get(cat, empty)
        row = f"| {cat} | {a['tp']}/{a['fp']}/{a['fn']} | {a['precision']:.3f} | {a['recall']:.3f} | {a['f1']:.3f} |"
        if presidio is not None:
            b = presidio.get(cat, empty)
            row += (
                f" {b['tp']}/{b['fp']}/{b['fn']} | {b['precision']:.3f} | {b['recall']:.3f} | {b['f1']:.3f} |"
            )
        else:
            row += " – | – | – | – |"
        lines.append(row)
    return "\n".join(lines) + "\n"


def accuracy(root: Path, model_dir: Path, presidio: bool) -> dict[str, Any]:
    """Shouhu and (optionally) Presidio on one labelled corpus: scores and CPU time."""
    mb = corpus_bytes(root) / 1e6
    gold = label_keys(root)
    _, cpu, found, _ = run_shouhu(root, 1, keep=True)
    out: dict[str, Any] = {"mb": mb, "labels": sum(gold.values()), "shouhu_cpu": cpu, "shouhu_mb_s": mb / cpu}
    out["shouhu_scores"] = scores(found, gold)
    out["shouhu_by_type"] = shouhu_by_type(root)
    if presidio:
        pcpu, pfound, setup, p_types = run_presidio(root, model_dir)
        out.update(
            {
                "presidio_cpu": pcpu,
                "presidio_setup_cpu": setup,
                "presidio_mb_s": mb / pcpu,
                "speedup": pcpu / cpu,
                "presidio_by_type": p_types,
                "presidio_scores": scores(pfound, gold),
            }
        )
    return out


def _ensure_corpora(args: argparse.Namespace) -> None:
    """Generate whichever corpus is missing (own full corpus, own subset, independent, the nine held-out)."""
    from . import (
        generate,
        heldout,
        heldout2,
        heldout3,
        heldout4,
        heldout5,
        heldout6,
        heldout7,
        heldout8,
        heldout9,
        independent,
    )

    if not args.skip_full and not (Path(args.corpus) / "labels.jsonl").exists():
        generate.generate(Path(args.corpus), args.size_mb, 1)
    if not (Path(args.subset) / "labels.jsonl").exists():
        generate.generate(Path(args.subset), 1.0, 2)
    if not (Path(args.independent) / "labels.jsonl").exists():
        independent.generate(Path(args.independent), args.independent_mb, 7)
    if not (Path(args.heldout) / "labels.jsonl").exists():
        heldout.generate(Path(args.heldout), args.independent_mb, 11)
    if not (Path(args.heldout2) / "labels.jsonl").exists():
        heldout2.generate(Path(args.heldout2), args.independent_mb, 23)
    if not (Path(args.heldout3) / "labels.jsonl").exists():
        heldout3.generate(Path(args.heldout3), args.independent_mb, 31)
    if not (Path(args.heldout4) / "labels.jsonl").exists():
        heldout4.generate(Path(args.heldout4), args.independent_mb, 43)
    if not (Path(args.heldout5) / "labels.jsonl").exists():
        heldout5.generate(Path(args.heldout5), args.independent_mb, 53)
    if not (Path(args.heldout6) / "labels.jsonl").exists():
        heldout6.generate(Path(args.heldout6), args.independent_mb, 61)
    if not (Path(args.heldout7) / "labels.jsonl").exists():
        heldout7.generate(Path(args.heldout7), args.independent_mb, 71)
    if not (Path(args.heldout8) / "labels.jsonl").exists():
        heldout8.generate(Path(args.heldout8), args.independent_mb, 83)
    if not (Path(args.heldout9) / "labels.jsonl").exists():
        heldout9.generate(Path(args.heldout9), args.independent_mb, 97)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Shouhu vs Presidio benchmark")
    parser.add_argument("--corpus", default="bench/out/pii/corpus")
    parser.add_argument("--subset", default="bench/out/pii/subset")
    parser.add_argument("--independent", default="bench/out/pii/independent")
    parser.add_argument("--heldout", default="bench/out/pii/heldout")
    parser.add_argument("--heldout2", default="bench/out/pii/heldout2")
    parser.add_argument("--heldout3", default="bench/out/pii/heldout3")
    parser.add_argument("--heldout4", default="bench/out/pii/heldout4")
    parser.add_argument("--heldout5", default="bench/out/pii/heldout5")
    parser.add_argument("--heldout6", default="bench/out/pii/heldout6")
    parser.add_argument("--heldout7", default="bench/out/pii/heldout7")
    parser.add_argument("--heldout8", default="bench/out/pii/heldout8")
    parser.add_argument("--heldout9", default="bench/out/pii/heldout9")
    parser.add_argument("--model-dir", default="bench/out/pii/zh_blank")
    parser.add_argument("--out", default="bench/out/pii/results.json")
    parser.add_argument("--size-mb", type=float, default=200.0, help="size of the own full corpus")
    parser.add_argument(
        "--independent-mb", type=float, default=2.0, help="size of the independent and the held-out corpora"
    )
    parser.add_argument("--generate", action="store_true", help="generate missing corpora first")
    parser.add_argument("--skip-presidio", action="store_true")
    parser.add_argument("--skip-full", action="store_true", help="no full-corpus throughput run")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated corpus keys to measure (subset, independent, heldout, heldout2 … heldout9); all if empty",
    )
    args = parser.parse_args(argv)
    if args.generate:
        _ensure_corpora(args)
    corpus, subset, indep = Path(args.corpus), Path(args.subset), Path(args.independent)
    report: dict[str, Any] = {"cpu_count": os.cpu_count()}
    md: list[str] = []

    run_shouhu(subset, 1, keep=False)  # warm-up: imports and regex compilation are not scan time
    if not args.skip_full:
        report["shouhu_full"] = full_run(corpus)
        md.append(report["shouhu_full"].pop("md"))
        md.append(_table("Shouhu, own full corpus", report["shouhu_full"]["scores"]))

    for key, title, root in (
        ("subset", "own corpus (generate.py)", subset),
        ("independent", "independent corpus (independent.py)", indep),
        ("heldout", "held-out corpus (heldout.py)", Path(args.heldout)),
        (
            "heldout2",
            "second held-out corpus (heldout2.py, tuned on since 2026-11-27 night)",
            Path(args.heldout2),
        ),
        (
            "heldout3",
            "third held-out corpus (heldout3.py, tuned on since 2026-11-27 late night)",
            Path(args.heldout3),
        ),
        ("heldout4", "fourth held-out corpus (heldout4.py, tuned on since 2026-11-28)", Path(args.heldout4)),
        ("heldout5", "fifth held-out corpus (heldout5.py, tuned on since 2026-11-28)", Path(args.heldout5)),
        (
            "heldout6",
            "sixth held-out corpus (heldout6.py, one name span fixed on it on 2026-11-28)",
            Path(args.heldout6),
        ),
        (
            "heldout7",
            "seventh held-out corpus (heldout7.py, written without reading the rules; tuned on since 2026-11-28)",
            Path(args.heldout7),
        ),
        (
            "heldout8",
            "eighth held-out corpus (heldout8.py, written without reading the rules; tuned on since 2026-11-28, fifth session)",
            Path(args.heldout8),
        ),
        (
            "heldout9",
            "ninth held-out corpus (heldout9.py, written without reading the rules; never tuned on)",
            Path(args.heldout9),
        ),
    ):
        if args.only and key not in args.only.split(","):
            continue
        result = accuracy(root, Path(args.model_dir), not args.skip_presidio)
        report[key] = result
        head = f"{title}: {result['mb']:.2f} MB, {result['labels']} labels. Shouhu {result['shouhu_mb_s']:.2f} MB/s per core"
        if "presidio_mb_s" in result:
            head += f"; Presidio {result['presidio_mb_s']:.4f} MB/s per core (batch API, setup excluded); ratio {result['speedup']:.0f}x"
        md.append(head + "\n")
        md.append(_compare_table(title, result["shouhu_scores"], result.get("presidio_scores")))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    text = "\n".join(md)
    Path(args.out).with_suffix(".md").write_text(text, encoding="utf-8")
    print(text)
    return 0


def full_run(corpus: Path) -> dict[str, Any]:
    """Throughput on the own full corpus, 1 and 2 workers, with its scores."""
    import resource

    mb = corpus_bytes(corpus) / 1e6
    wall1, cpu1, found, n = run_shouhu(corpus, 1, keep=True)
    full_scores = scores(found, label_keys(corpus))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall2, parent2, _, _ = run_shouhu(corpus, 2, keep=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu2 = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    return {
        "mb": mb,
        "findings": n,
        "wall_w1": wall1,
        "cpu_w1": cpu1,
        "wall_w2": wall2,
        "worker_cpu_w2": cpu2,
        "parent_cpu_w2": parent2,
        "mb_s_cpu_w1": mb / cpu1,
        "mb_s_wall_w1": mb / wall1,
        "mb_s_wall_w2": mb / wall2,
        "scores": full_scores,
        "md": (
            f"Shouhu, own full corpus ({mb:.1f} MB, {n} findings): 1 worker {mb / cpu1:.2f} MB/s per core (CPU "
            f"time; wall {wall1:.1f} s = {mb / wall1:.2f} MB/s); 2 workers wall {wall2:.1f} s = {mb / wall2:.2f} "
            f"MB/s (workers {cpu2:.1f} s CPU = {mb / cpu2:.2f} MB/s per core; parent {parent2:.1f} s CPU)\n"
        ),
    }


if __name__ == "__main__":
    raise SystemExit(main())
