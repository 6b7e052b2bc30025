"""One Shouhu read of the benchmark log, as the ``logwatch.ingest`` job does it but without Django:
parse → countries → all rules → Parquet store, streaming; then the volume rule over the day totals.
Prints one JSON object (figures and findings). Run by ``run.py`` in its own process so its CPU time and
peak memory are its own.

    python bench/logwatch/ingest.py LOG STORE_DIR BLOCKLIST
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

from shouhu.engines.law.officecalendar import is_working_day
from shouhu.engines.logwatch import (
    Blocklist,
    Config,
    Detector,
    Endpoint,
    WorkingTime,
    make_parser,
    parse_blocklist,
    run,
    volume_findings,
)
from shouhu.engines.logwatch.store import ParquetStore


def main() -> None:
    log, store_dir, blocklist = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    config = Config(
        working_time=WorkingTime(is_working_day=is_working_day),
        blocklist=Blocklist([("bench-abuse.ch", parse_blocklist(blocklist.read_text(encoding="utf-8")))]),
        endpoints=(Endpoint("/api/customers", "客戶資料"),),
        admin_paths=("/admin",),
        login_paths=("/login",),
    )
    detector = Detector(config)
    store = ParquetStore(store_dir, threads=1)
    writer = store.writer(1, "bench")
    wall, cpu = time.perf_counter(), time.process_time()
    with log.open("rb") as fh:
        result = run(fh, parser=make_parser("combined"), sink=writer, detector=detector)
    writer.commit()
    findings = detector.findings()
    findings += volume_findings(
        detector.day_totals, list(detector.day_totals), config.rules["volume"], lines=detector.day_lines
    )
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "lines": result.lines, "events": result.events, "malformed": result.rejects.malformed, "bytes": result.end,
        "wall_s": wall, "cpu_s": cpu, "peak_rss_mb": peak_kb / 1024, "stored": store.count(1),
        "findings": [{"rule": f.rule, "subject": f.subject, "count": f.count, "first": dt.datetime.fromtimestamp(f.first_ms / 1000, dt.UTC).isoformat(), "explain": f.explain_en()} for f in findings],
    }))  # fmt: skip


if __name__ == "__main__":
    main()
