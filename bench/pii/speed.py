"""Scan speed on plain text: low density (about one finding per 2 KB) and dense (a finding per line).

Measures a whole scan (read, decode, prefilter, validate, mask and hash every finding) of one file
per density in this process, 1 worker and 2 workers (``scan_path(workers=2)`` over two halves; the
ratio column is how much faster two workers scan than one, wall time of the scan), with
the Hyperscan prefilter and with the plain regex path, and Presidio on a 1 MB slice of the same
text. Throughput is CPU time of the scanning processes (the machine is shared), wall time beside.

It then times mid-size and small scans (:data:`MID_SETS`: tables, XLSX, a few MB of text) on one
worker and on two (the median of ``--repeat`` runs each): two workers must never be slower there.

Usage::

    python -m bench.pii.speed --mb 50 --out bench/out/pii/speed
    python -m bench.pii.speed --mid-only --repeat 7     # only the mid-size and small scans
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

FILLER = [
    "本週系統維護將於週六凌晨進行，請同仁提早存檔並登出所有服務。",
    "會議決議：下一版本的需求文件請於月底前交付，測試計畫同步更新。",
    "客服中心今日共處理一百二十件案件，平均等候時間為三分鐘。",
    "2026-11-27 10:15:32 INFO worker-3 job finished in 152 ms, queue depth 4",
    "The deployment finished without errors; the rollback plan is attached to the ticket.",
    "資料庫備份已完成，備份檔保存於異地機房，保存期限為五年。",
    "GET /api/v1/orders?page=3 200 1532 bytes 0.021 s",
    "年度教育訓練將於十月舉辦，請各部門安排人員參加並完成簽到。",
]
#: One finding per line, about 90 bytes each (the dense file is all of these).
PERSONAL = [
    "2026-11-27 10:15:32 INFO login ok user=amy.chen88@gmail.com from worker-3 in 152 ms",
    "客服紀錄：客戶來電詢問訂單進度，回撥手機 0912-345-678，已於當日處理完畢。",
    "本件申請資料之身分證字號 A123456789，已於系統中完成核對並歸檔。",
    "帳單寄送地址：台北市大安區信義路三段134巷5弄7號3樓，請於期限內繳費。",
    "付款方式為信用卡，卡號 4111-1111-1111-1111，交易已授權完成。",
    "GET /login 200 from 203.0.113.45 in 0.021 s agent=curl/8.5 bytes=1532",
    "會員資料更新：生日 民國69年5月17日，其餘欄位未變更，通知已寄出。",
    "報修聯絡人王小明，問題已轉交工程部門處理，預計明日回覆。",
]


def write_text(path: Path, size: int, dense: bool, seed: int) -> None:
    rng = random.Random(seed)
    written = 0
    since = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < size:
            if dense or since >= 2048:
                line = rng.choice(PERSONAL)
                since = 0
            else:
                line = rng.choice(FILLER)
            data = line + "\n"
            handle.write(data)
            n = len(data.encode())
            written += n
            since += n


def write_tables(folder: Path, files: int, size: int, seed: int, xlsx: bool = False) -> None:
    """Write ``files`` tables of about ``size`` bytes of cell text each (name, ID, mobile, e-mail,
    address, a remark), as CSV or as XLSX: the mid-size non-text scan (issue 16: never slower on two
    workers than on one)."""
    from .values import ValueFactory

    values = ValueFactory(seed)
    header = ["姓名", "身分證字號", "手機", "電子郵件", "地址", "備註"]
    for index in range(files):
        rows: list[list[str]] = []
        written = 0
        while written < size:
            row = [values.name(), values.national_id(), values.mobile(), values.email(), values.address(),
                   values.rng.choice(values.sentences)]  # fmt: skip
            rows.append(row)
            written += sum(len(cell.encode()) + 1 for cell in row)
        if xlsx:
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet("名冊")
            for row in [header, *rows]:
                sheet.append(row)
            book.save(folder / f"t{index:02d}.xlsx")
        else:
            with (folder / f"t{index:02d}.csv").open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows([header, *rows])


#: The mid-size and small scans: (name, how to write it). Each is timed on one worker and on two,
#: a few times, in fresh processes; two workers should never be slower than one on these.
MID_SETS: dict[str, Any] = {
    "12 CSV files, 1.1 MB": lambda folder: write_tables(folder, 12, 92_000, seed=7),
    "4 XLSX files, 0.4 MB of cells": lambda folder: write_tables(folder, 4, 100_000, seed=8, xlsx=True),
    "1 CSV file, 30 KB": lambda folder: write_tables(folder, 1, 30_000, seed=9),
    "1 low-density text file, 3 MB": lambda folder: write_text(folder / "a.txt", 3_000_000, False, seed=3),
    "1 dense text file, 1.5 MB": lambda folder: write_text(folder / "a.txt", 1_500_000, True, seed=4),
}


def run_mid(out: Path, repeat: int) -> list[str]:
    """Time the mid-size and small scans (:data:`MID_SETS`) on one worker and on two (median wall of
    ``repeat`` alternating runs, Hyperscan path); returns the table's rows."""
    lines = ["| scan | MB | findings | 1 worker: wall s (median) | 2 workers: wall s (median) | 1→2 workers | load avg |",
             "|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for number, (name, write) in enumerate(MID_SETS.items()):
        folder = out / "mid" / f"set{number}"
        if not folder.exists():
            folder.mkdir(parents=True)
            write(folder)
        mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        walls: dict[int, list[float]] = {1: [], 2: []}
        loads: list[float] = []
        findings = set()
        for _ in range(repeat):
            for workers in (1, 2):
                r = run_scan(folder, workers, True)
                walls[workers].append(r["scan_wall"])
                loads.append(r["load"])
                findings.add(r["findings"])
        one, two = statistics.median(walls[1]), statistics.median(walls[2])
        lines.append(
            f"| {name} | {mb:.2f} | {'/'.join(map(str, sorted(findings)))} | {one:.3f} | {two:.3f} | "
            f"{one / two:.2f}× | {statistics.mean(loads):.1f} |"
        )
    return lines


_CHILD = """
import sys, time, resource
from shouhu.engines.pii import scan_path
t0 = time.perf_counter()
result = scan_path(sys.argv[1], key=b"bench", workers=int(sys.argv[2]))
wall = time.perf_counter() - t0
# Workers are forked from a fork server (parallel._pool_context), which reaps them: stop and wait
# for it, so that its CPU and its workers' CPU are counted in RUSAGE_CHILDREN.
from multiprocessing import forkserver
getattr(forkserver._forkserver, "_stop", lambda: None)()
own = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(len(result.findings), wall, own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime)
"""

_GUARDED = "if __name__ == '__main__':\n" + "".join(
    "    " + line + "\n" for line in _CHILD.strip().splitlines()
)


def run_scan(target: Path, workers: int, prefilter: bool) -> dict[str, float]:
    """Scan ``target`` in a fresh process: findings, wall seconds, CPU seconds (all processes).

    ``parent_cpu`` is the scanning process itself (with 2 workers: start-up, planning the ranges,
    collecting and merging the results), ``worker_cpu`` its worker processes.
    """
    env = dict(os.environ, SHOUHU_PII_PREFILTER="1" if prefilter else "0")
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _GUARDED, str(target), str(workers)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    total_wall = time.perf_counter() - t0
    findings, wall, own, kids = out.stdout.split()
    return {
        "findings": int(findings),
        "scan_wall": float(wall),
        "cpu": float(own) + float(kids),
        "parent_cpu": float(own),
        "worker_cpu": float(kids),
        "process_wall": total_wall,
        "load": (load + os.getloadavg()[0]) / 2,
    }


def run_pair(halves: list[Path], prefilter: bool) -> dict[str, float]:
    """Scan each half in its own one-worker process, both at once: the machine's ceiling for two workers.

    Two processes that share nothing show how much faster two cores of this machine go than one (a
    virtual machine's two cores may share one physical core, or its caches); a two-worker scan cannot
    beat this ratio, so it is the yardstick for "near-linear".
    """
    env = dict(os.environ, SHOUHU_PII_PREFILTER="1" if prefilter else "0")
    load = os.getloadavg()[0]
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _GUARDED, str(half), "1"], env=env, stdout=subprocess.PIPE, text=True
        )
        for half in halves
    ]
    walls, cpu, findings = [], 0.0, 0
    for child in children:
        out, _ = child.communicate()
        n, wall, own, kids = out.split()
        walls.append(float(wall))
        cpu += float(own) + float(kids)
        findings += int(n)
    return {
        "findings": findings,
        "scan_wall": max(walls),
        "cpu": cpu,
        "load": (load + os.getloadavg()[0]) / 2,
    }


def run_presidio(path: Path, model_dir: Path, limit: int) -> dict[str, float]:
    from presidio_analyzer import BatchAnalyzerEngine

    from .presidio_setup import build_analyzer

    lines: list[str] = []
    size = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            lines.append(line.rstrip("\n"))
            size += len(line.encode())
            if size >= limit:
                break
    batch = BatchAnalyzerEngine(analyzer_engine=build_analyzer(model_dir))
    cpu = time.process_time()
    results = batch.analyze_iterator(lines, language="zh", batch_size=256, score_threshold=0.4)
    cpu = time.process_time() - cpu
    return {"mb": size / 1e6, "cpu": cpu, "mb_s": size / 1e6 / cpu, "findings": sum(len(r) for r in results)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Shouhu scan speed on low-density and dense text")
    parser.add_argument("--mb", type=float, default=50.0, help="size of each test file")
    parser.add_argument("--out", default="bench/out/pii/speed")
    parser.add_argument("--model-dir", default="bench/out/pii/zh_blank")
    parser.add_argument("--skip-presidio", action="store_true")
    parser.add_argument("--mid-only", action="store_true", help="only the mid-size and small scans")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each mid-size scan per worker count")
    args = parser.parse_args(argv)
    out = Path(args.out)
    mid = run_mid(out, args.repeat)
    if args.mid_only:
        print("\n".join(mid))
        return 0
    report: dict[str, Any] = {"cpu_count": os.cpu_count()}
    lines = ["| text | MB | path | workers | findings | MB/s (CPU) | CPU s parent / workers | MB/s per worker (worker CPU) | MB/s (wall, scan) | MB/s (wall, whole process) | 1→2 workers (wall, scan) | load avg |",
             "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for dense in (False, True):
        name = "dense" if dense else "low-density"
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        size = int(args.mb * 1e6)
        halves = [folder / "a.txt", folder / "b.txt"]
        if not all(p.exists() and p.stat().st_size >= size // 2 for p in halves):
            for i, p in enumerate(halves):
                write_text(p, size // 2, dense, seed=i)
        mb = sum(p.stat().st_size for p in halves) / 1e6
        for prefilter in (True, False):
            for workers in (1, 2):
                r = run_scan(folder, workers, prefilter)
                r.update({"mb": mb, "mb_s_cpu": mb / r["cpu"], "mb_s_wall": mb / r["scan_wall"]})
                report[f"{name}/{'hyperscan' if prefilter else 'regex'}/w{workers}"] = r
                per_worker = mb / r["worker_cpu"] if r["worker_cpu"] else mb / r["cpu"]
                one = report.get(f"{name}/{'hyperscan' if prefilter else 'regex'}/w1")
                # how much faster two workers scan than one (wall): 2.0 is linear, below 1.0 slower
                ratio = f"{one['scan_wall'] / r['scan_wall']:.2f}×" if workers == 2 and one else "–"
                r["ratio_1_to_2"] = one["scan_wall"] / r["scan_wall"] if workers == 2 and one else None
                lines.append(
                    f"| {name} | {mb:.0f} | {'hyperscan prefilter' if prefilter else 'regex only'} | {workers} | "
                    f"{r['findings']} | {mb / r['cpu']:.1f} | {r['parent_cpu']:.2f} / {r['worker_cpu']:.2f} | "
                    f"{per_worker:.1f} | {mb / r['scan_wall']:.1f} | {mb / r['process_wall']:.1f} | {ratio} | {r['load']:.1f} |"
                )
            one = report[f"{name}/{'hyperscan' if prefilter else 'regex'}/w1"]
            pair = run_pair(halves, prefilter)
            pair["ratio_1_to_2"] = one["scan_wall"] / pair["scan_wall"]
            report[f"{name}/{'hyperscan' if prefilter else 'regex'}/pair"] = pair
            lines.append(
                f"| {name} | {mb:.0f} | {'hyperscan prefilter' if prefilter else 'regex only'}: two separate "
                f"1-worker processes at once (the machine's ceiling) | 2 | {pair['findings']} | {mb / pair['cpu']:.1f} "
                f"| – | – | {mb / pair['scan_wall']:.1f} | – | {pair['ratio_1_to_2']:.2f}× | {pair['load']:.1f} |"
            )
        if not args.skip_presidio:
            Path(args.model_dir).parent.mkdir(parents=True, exist_ok=True)  # spaCy makes only the last folder
            p = run_presidio(halves[0], Path(args.model_dir), 1_000_000)
            report[f"{name}/presidio"] = p
            lines.append(
                f"| {name} | {p['mb']:.1f} | Presidio (batch API) | 1 | {p['findings']} | {p['mb_s']:.3f} "
                f"| – | – | – | – | – | {os.getloadavg()[0]:.1f} |"
            )
    text = "\n".join([*lines, "", *mid])
    out.mkdir(parents=True, exist_ok=True)
    (out / "speed.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    (out / "speed.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    _ = resource  # CPU of children is read in the child itself
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
