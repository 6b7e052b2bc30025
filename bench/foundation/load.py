"""Small load check: p95 latency of the dashboard and the people list with 1,000 people, 20 clients.

Usage (from the repository root; the server is started and stopped by this script):
    .venv/bin/python bench/foundation/load.py --db sqlite
    .venv/bin/python bench/foundation/load.py --db postgres --pg-url postgres://postgres@127.0.0.1:5432/shouhu_bench

Only loopback traffic; bounded request count per client.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def setup(env: dict[str, str], people: int) -> str:
    """Migrate, create 1,000 people and an admin session; return the session cookie value."""
    code = f"""
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "shouhu.config.settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("flush", interactive=False, verbosity=0)
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from shouhu.accounts.models import User, RoleAssignment, TOTPDevice
from shouhu.organization.models import Department, Person
call_command("demo", stdout=open(os.devnull, "w"))
deps = list(Department.objects.all())
Person.objects.bulk_create([Person(name=f"員工{{i:04d}}", email=f"p{{i}}@example.com", department=deps[i % len(deps)],
                                   job_title="工程師", employee_no=f"B{{i:05d}}") for i in range({people - 13})])
user = User.objects.create(username="bench", email="bench@example.com", password_changed_at=timezone.now())
user.set_password("Bench-Passw0rd!")
user.save()
RoleAssignment.objects.create(user=user, role="admin")
TOTPDevice.objects.create(user=user, secret_encrypted="x", confirmed_at=timezone.now())
s = SessionStore()
s[SESSION_KEY] = str(user.pk); s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
s[HASH_SESSION_KEY] = user.get_session_auth_hash(); s["last_seen"] = 2**31
s.create()
print(s.session_key)
"""
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    return out.stdout.strip().splitlines()[-1]


def worker(port: int, path: str, cookie: str, n: int, out: list[float], errors: list[str]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(n):
        start = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": f"sessionid={cookie}"})
        response = conn.getresponse()
        response.read()
        out.append((time.perf_counter() - start) * 1000)
        if response.status != 200:
            errors.append(f"{path} {response.status}")
    conn.close()


def measure(port: int, path: str, cookie: str, clients: int, per_client: int) -> dict[str, float]:
    samples: list[float] = []
    errors: list[str] = []
    threads = [
        threading.Thread(target=worker, args=(port, path, cookie, per_client, samples, errors))
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
    return {"requests": len(samples), "p50_ms": q[49], "p95_ms": q[94], "rps": len(samples) / elapsed}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/shouhu_bench")
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per client per page")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="shouhu-bench-")
    env = {**os.environ, "SHOUHU_HOME": home}
    if args.db == "postgres":
        import psycopg

        admin = args.pg_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {args.pg_url.rsplit('/', 1)[1]}")
            conn.execute(f"CREATE DATABASE {args.pg_url.rsplit('/', 1)[1]}")
        env["SHOUHU_DATABASE_URL"] = args.pg_url
    cookie = setup(env, args.people)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "shouhu.cli",
            "serve",
            "--port",
            str(args.port),
            "--no-migrate",
            "--threads",
            "8",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        for path in ("/", "/organization/people/"):
            measure(args.port, path, cookie, 2, 5)  # warm-up
            result = measure(args.port, path, cookie, args.clients, args.requests)
            print(
                f"{args.db:8} {path:24} n={result['requests']:4d} p50={result['p50_ms']:7.1f} ms "
                f"p95={result['p95_ms']:7.1f} ms  {result['rps']:6.1f} req/s"
            )
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
