"""Small load check: p95 latency of the dashboard and the people list with 1,000 people, 20 clients.

Usage (from the repository root; the server is started and stopped by this script):
    .venv/bin/python bench/foundation/load.py --db sqlite
    .venv/bin/python bench/foundation/load.py --db postgres --pg-url postgres://postgres@127.0.0.1:5432/shouhu_bench

Only loopback traffic; bounded request count per client.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.loadlib import fresh_postgres, measure, wait_for_server  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/shouhu_bench")
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per client per page")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--threads", type=int, default=2, help="threads per server process")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="shouhu-bench-")
    env = {**os.environ, "SHOUHU_HOME": home}
    if args.db == "postgres":
        fresh_postgres(args.pg_url)
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
            str(args.threads),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_server(args.port)
        for path in ("/", "/organization/people/"):
            measure(args.port, path, cookie, 2, 5)  # warm-up
            result = measure(args.port, path, cookie, args.clients, args.requests)
            print(
                f"{args.db:8} {path:24} n={result['requests']:4d} p50={result['p50_ms']:7.1f} ms "
                f"p95={result['p95_ms']:7.1f} ms  {result['rps']:6.1f} req/s  "
                f"server p50={result['server_p50_ms']:6.1f} p95={result['server_p95_ms']:6.1f} ms"
            )
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
