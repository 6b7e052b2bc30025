"""Shared pieces of the HTTP load benchmarks: a bounded closed-loop load on loopback, a fresh PostgreSQL
database, and waiting for `shouhu serve` to answer. Imported by the scripts under bench/*/."""

from __future__ import annotations

import http.client
import statistics
import threading
import time


def worker(
    port: int, path: str, cookie: str, n: int, out: list[float], errors: list[str], server: list[float]
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(n):
        start = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": f"sessionid={cookie}"})
        response = conn.getresponse()
        response.read()
        out.append((time.perf_counter() - start) * 1000)
        timing = response.getheader("Server-Timing", "")
        if "dur=" in timing:
            server.append(float(timing.split("dur=")[1].split(",")[0]))
        if response.status != 200:
            errors.append(f"{path} {response.status}")
    conn.close()


def measure(port: int, path: str, cookie: str, clients: int, per_client: int) -> dict[str, float]:
    """``clients`` threads each issue ``per_client`` GETs back to back; p50/p95 in ms and throughput."""
    samples: list[float] = []
    errors: list[str] = []
    server: list[float] = []
    threads = [
        threading.Thread(target=worker, args=(port, path, cookie, per_client, samples, errors, server))
        for _ in range(clients)
    ]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise SystemExit(f"errors: {errors[:3]}")
    q = statistics.quantiles(samples, n=100)
    sq = statistics.quantiles(server, n=100) if len(server) > 1 else [0.0] * 99
    return {
        "requests": len(samples),
        "p50_ms": q[49],
        "p95_ms": q[94],
        "rps": len(samples) / elapsed,
        "server_p50_ms": sq[49],
        "server_p95_ms": sq[94],
    }


def fresh_postgres(url: str) -> None:
    """Drop and create the database named at the end of ``url``."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")


def wait_for_server(port: int, tries: int = 100) -> None:
    for _ in range(tries):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not start")
