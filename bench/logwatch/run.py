"""Shouhu's log reading against GoAccess on the same generated nginx log, in one run.

Both read the same file one after the other, each in its own process on one core (GoAccess 1.7 parses on
one thread by default; Shouhu's DuckDB writer is set to one thread). Reported per tool: wall time, CPU
time (user + system) and lines per CPU-second, and peak memory. The machine is shared, so lines per
CPU-second is the fair figure; wall time is shown too. Then Shouhu's findings are scored against the
injected anomalies: every anomaly must be found (its rule, its subject), and every other alert counts as
false.

    python bench/logwatch/generate.py --lines 10000000          # once, ~1 GB in bench/out/logwatch/
    python bench/logwatch/run.py [--log bench/out/logwatch/access.log]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def child_usage() -> tuple[float, int]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def timed(cmd: list[str], **kwargs: object) -> tuple[subprocess.CompletedProcess[str], float, float]:
    cpu_before, _ = child_usage()
    wall = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, **kwargs)  # type: ignore[call-overload]
    return done, time.perf_counter() - wall, child_usage()[0] - cpu_before


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--log", type=Path, default=Path("bench/out/logwatch/access.log"))
    ap.add_argument("--out", type=Path, default=Path("bench/out/logwatch/result.json"))
    args = ap.parse_args()
    lines = sum(1 for _ in args.log.open("rb"))
    size = args.log.stat().st_size
    work = Path(tempfile.mkdtemp(prefix="lw-bench-"))
    try:
        # GoAccess first; its peak memory is read from /usr/bin/time's report.
        goaccess, g_wall, g_cpu = timed(["/usr/bin/time", "-f", "%M", "goaccess", str(args.log), "--log-format=COMBINED",
                                         "--no-global-config", "--no-progress", "-o", str(work / "goaccess.json")])  # fmt: skip
        g_rss = int(goaccess.stderr.strip().splitlines()[-1]) / 1024
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        shouhu, s_wall, s_cpu = timed([sys.executable, str(Path(__file__).with_name("ingest.py")), str(args.log), str(work / "store"),
                                       str(args.log) + ".blocklist.txt"], env=env)  # fmt: skip
        figures = json.loads(shouhu.stdout)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    truth = json.loads(Path(str(args.log) + ".truth.json").read_text(encoding="utf-8"))
    found = {(f["rule"], f["subject"]) for f in figures["findings"]}
    expected = {(t["rule"], t["subject"]) for t in truth}
    anomaly_subjects = {t["subject"] for t in truth}
    missed = sorted(expected - found)
    false = [f for f in figures["findings"] if f["subject"] not in anomaly_subjects]
    normal_lines = lines - sum(int(t["count"]) for t in truth)
    result = {
        "file": {"lines": lines, "bytes": size},
        "goaccess": {"wall_s": round(g_wall, 1), "cpu_s": round(g_cpu, 1), "lines_per_cpu_s": round(lines / g_cpu), "peak_rss_mb": round(g_rss)},
        "shouhu": {"wall_s": round(s_wall, 1), "cpu_s": round(s_cpu, 1), "lines_per_cpu_s": round(lines / s_cpu),
                   "peak_rss_mb": round(figures["peak_rss_mb"]), "events_stored": figures["stored"], "malformed": figures["malformed"]},
        "detection": {"anomalies": len(expected), "found": len(expected) - len(missed), "missed": missed,
                      "alerts": len(figures["findings"]), "false_alerts": len(false),
                      "false_per_million_normal_lines": round(len(false) * 1e6 / normal_lines, 3), "false": false[:20]},
    }  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({**result, "findings": figures["findings"]}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    g, s, d = result["goaccess"], result["shouhu"], result["detection"]
    print(f"file: {lines:,} lines, {size / 1e9:.2f} GB")
    print("| tool | wall | CPU | lines per CPU-second | peak memory |\n| --- | --- | --- | --- | --- |")
    print(
        f"| GoAccess 1.7 | {g['wall_s']} s | {g['cpu_s']} s | {g['lines_per_cpu_s']:,} | {g['peak_rss_mb']} MB |"
    )
    print(
        f"| Shouhu (parse + all rules + Parquet) | {s['wall_s']} s | {s['cpu_s']} s | {s['lines_per_cpu_s']:,} | {s['peak_rss_mb']} MB |"
    )
    print(f"anomalies found: {d['found']}/{d['anomalies']} (missed: {d['missed'] or 'none'}); alerts {d['alerts']}, false {d['false_alerts']} "
          f"({d['false_per_million_normal_lines']} per million normal lines)")  # fmt: skip


if __name__ == "__main__":
    main()
