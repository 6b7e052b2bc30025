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


def run_presidio(root: Path, model_dir: Path) -> tuple[float, Counter[Key], float, dict[str, float]]:
    """Return (CPU seconds, findings keys, setup seconds, CPU seconds per file type)."""
    from .presidio_setup import ENTITY_MAP, build_analyzer

    t0 = time.process_time()
    analyzer = build_analyzer(model_dir)
    setup = time.process_time() - t0
    found: Counter[Key] = Counter()
    by_type: dict[str, float] = defaultdict(float)
    start = time.process_time()
    last = start
    for loc, text, context in _presidio_units(root):
        if text:
            for r in analyzer.analyze(text=text, language="zh", context=context, score_threshold=0.4):
                cat = ENTITY_MAP.get(r.entity_type)
                if cat is None:
                    continue
                value = normalize_value(cat, text[r.start : r.end])
                found[(*loc, cat, value_digest(KEY, cat, value))] += 1
        now = time.process_time()
        by_type[Path(loc[0]).suffix] += now - last
        last = now
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Shouhu vs Presidio benchmark")
    parser.add_argument("--corpus", default="bench/out/pii/corpus")
    parser.add_argument("--subset", default="bench/out/pii/subset")
    parser.add_argument("--model-dir", default="bench/out/pii/zh_blank")
    parser.add_argument("--out", default="bench/out/pii/results.json")
    parser.add_argument("--skip-presidio", action="store_true")
    parser.add_argument("--skip-full", action="store_true", help="only the subset comparison")
    args = parser.parse_args(argv)
    corpus, subset = Path(args.corpus), Path(args.subset)
    if args.skip_full:
        corpus = subset
    report: dict[str, Any] = {"cpu_count": os.cpu_count()}
    md: list[str] = []

    run_shouhu(subset, 1, keep=False)  # warm-up: imports and regex compilation are not scan time
    mb = corpus_bytes(corpus) / 1e6
    if args.skip_full:
        corpus = subset
        mb = corpus_bytes(corpus) / 1e6
    wall1, cpu1, found, n = run_shouhu(corpus, 1, keep=True)
    full_scores = scores(found, label_keys(corpus))
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall2, parent2, _, _ = run_shouhu(corpus, 2, keep=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu2 = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    report["shouhu_full"] = {
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
    }
    md.append(
        f"Shouhu, full corpus ({mb:.1f} MB, {n} findings): 1 worker {mb / cpu1:.2f} MB/s per core (CPU time; "
        f"wall {wall1:.1f} s = {mb / wall1:.2f} MB/s); 2 workers wall {wall2:.1f} s = {mb / wall2:.2f} MB/s "
        f"(workers used {cpu2:.1f} s CPU = {mb / cpu2:.2f} MB/s per core; parent {parent2:.1f} s CPU)\n"
    )
    md.append(_table("Shouhu, full corpus", full_scores))

    smb = corpus_bytes(subset) / 1e6
    _, scpu, sfound, _ = run_shouhu(subset, 1, keep=True)
    gold = label_keys(subset)
    s_types = shouhu_by_type(subset)
    report["subset"] = {
        "mb": smb,
        "shouhu_cpu": scpu,
        "shouhu_mb_s": smb / scpu,
        "shouhu_by_type": s_types,
        "shouhu_scores": scores(sfound, gold),
    }
    md.append(f"Subset ({smb:.2f} MB): Shouhu {smb / scpu:.2f} MB/s per core (CPU time)\n")
    md.append(_table("Shouhu, subset", report["subset"]["shouhu_scores"]))
    if not args.skip_presidio:
        pcpu, pfound, setup, p_types = run_presidio(subset, Path(args.model_dir))
        ratio = pcpu / scpu
        report["subset"].update(
            {
                "presidio_cpu": pcpu,
                "presidio_setup_cpu": setup,
                "presidio_mb_s": smb / pcpu,
                "speedup": ratio,
                "presidio_by_type": p_types,
                "presidio_scores": scores(pfound, gold),
            }
        )
        md.append(
            f"Presidio, subset: {smb / pcpu:.4f} MB/s per core (CPU time, setup {setup:.1f} s excluded); "
            f"Shouhu/Presidio per core = {ratio:.0f}x\n"
        )
        md.append("| file type | MB | Shouhu MB/s | Presidio MB/s | ratio |\n|---|---:|---:|---:|---:|")
        for ext, (size, secs) in sorted(s_types.items()):
            psecs = p_types.get(ext, 0.0)
            md.append(
                f"| {ext} | {size / 1e6:.3f} | {size / 1e6 / secs:.2f} | "
                f"{size / 1e6 / psecs if psecs else 0:.4f} | {psecs / secs:.0f}x |"
            )
        md.append("")
        md.append(_table("Presidio, subset", report["subset"]["presidio_scores"]))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    text = "\n".join(md)
    Path(args.out).with_suffix(".md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
