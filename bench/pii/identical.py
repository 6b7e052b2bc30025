"""Prove that two checkouts of the engine give identical scan results.

Speed work must not change what is found. This script scans the same targets with the engine of
this checkout and with the engine of another checkout (``--base``, e.g. a worktree of ``main`` taken
before the change) and compares every field of every finding and every skipped source, byte for
byte, with the Hyperscan prefilter and without it, on one worker and on two.

Each scan runs in a fresh process whose ``sys.path`` starts at the checkout being measured, so the
two engines never share imported modules. Results travel as JSON and are compared as plain lists (every field, with
``==``; the printed digest is a SHA-256 of their ``repr``, equal for equal results); on a
difference the first differing finding of each side is printed (masked values and keyed digests
only, never a raw value).

Usage::

    python -m bench.pii.identical --base /work/wt/main-copy TARGET [TARGET ...]
    python -m bench.pii.identical --base ../main bench/out/pii/independent bench/out/pii/speed/dense
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

_CHILD = """
import json, sys
from dataclasses import astuple
from shouhu.engines.pii import scan_path
target, workers, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
result = scan_path(target, key=b"identical", workers=workers)
data = (
    [astuple(f) for f in result.findings],
    [(s.source, s.reason) for s in result.skipped],
    sorted((s.source, s.bytes, s.units) for s in result.stats),
)
with open(out, "w", encoding="utf-8") as handle:
    json.dump(data, handle)
"""

_GUARDED = "if __name__ == '__main__':\n" + "".join(
    "    " + line + "\n" for line in _CHILD.strip().splitlines()
)


def scan_with(checkout: Path, target: str, workers: int, prefilter: bool) -> Any:
    """Scan ``target`` with the engine of ``checkout`` in a fresh process; return plain tuples."""
    env = dict(os.environ, SHOUHU_PII_PREFILTER="1" if prefilter else "0", PYTHONPATH=str(checkout))
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "result.json")
        subprocess.run(
            [sys.executable, "-c", _GUARDED, target, str(workers), out],
            env=env,
            cwd=str(checkout),
            check=True,
        )
        with open(out, encoding="utf-8") as handle:
            return json.load(handle)


def _first_difference(a: list[Any], b: list[Any]) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"index {i}: base {x!r}\n           this {y!r}"
    return f"lengths differ: base {len(a)}, this {len(b)}"


def compare(base: Path, here: Path, target: str, workers: int, prefilter: bool) -> bool:
    """Scan ``target`` with both engines; print one line; return whether they agree."""
    old = scan_with(base, target, workers, prefilter)
    new = scan_with(here, target, workers, prefilter)
    same = old == new  # plain tuples of str, float, int and None: == compares every field exactly
    digest = hashlib.sha256(repr(new).encode()).hexdigest()[:12]
    path = "hyperscan" if prefilter else "regex"
    print(
        f"{'same' if same else 'DIFFERENT'}  {target}  {path}  workers={workers}  "
        f"findings={len(new[0])}  skipped={len(new[1])}  sha256={digest}",
        flush=True,
    )
    if not same:
        for name, i in (("findings", 0), ("skipped", 1), ("stats", 2)):
            if old[i] != new[i]:
                print(f"  {name}: {_first_difference(old[i], new[i])}")
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare the findings of two engine checkouts")
    parser.add_argument("--base", required=True, help="the other checkout (repository root)")
    parser.add_argument("--workers", default="1,2", help="worker counts to try, comma-separated")
    parser.add_argument("--paths", default="hyperscan,regex", help="hyperscan, regex or both")
    parser.add_argument("targets", nargs="+", help="files or folders to scan")
    args = parser.parse_args(argv)
    here = Path(__file__).resolve().parents[2]
    base = Path(args.base).resolve()
    results = [
        compare(base, here, str(Path(target).resolve()), int(w), p == "hyperscan")
        for target in args.targets
        for p in args.paths.split(",")
        for w in args.workers.split(",")
    ]
    print(f"{sum(results)} of {len(results)} identical")
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
