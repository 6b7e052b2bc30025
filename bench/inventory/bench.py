"""Inventory benchmark: import of 10,000 inventory rows, and the list pages with 10,000 personal-data
files and 2,000 risks (p50/p95 with 20 concurrent clients against `shouhu serve`, plus the in-process
server time of one request without queueing).

Usage (from the repository root; the server is started and stopped by this script):
    .venv/bin/python bench/inventory/bench.py --db sqlite
    .venv/bin/python bench/inventory/bench.py --db postgres --pg-url postgres://postgres@127.0.0.1:5432/shouhu_bench_inv

Only loopback traffic; bounded request count per client.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.loadlib import fresh_postgres, measure, wait_for_server  # noqa: E402

PAGES = ("/inventory/", "/inventory/?page=150", "/risk/")

SETUP = r"""
import io, json, os, statistics, sys, time
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "shouhu.config.settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("flush", interactive=False, verbosity=0)
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook
from shouhu.accounts.models import RoleAssignment, TOTPDevice, User
from shouhu.core.seeding import run_all
from shouhu.imports import services as imports
from shouhu.inventory.models import PersonalDataFile
from shouhu.organization.models import Client as Customer, CompanyProfile, Department
from shouhu.risk.models import Risk

FILES, RISKS = int(sys.argv[1]), int(sys.argv[2])
run_all()
CompanyProfile.objects.create(name="守護資訊股份有限公司", ubn="10458570")
deps = [Department.objects.create(name=f"部門{i:02d}") for i in range(10)]
clients = [Customer.objects.create(name=f"委託者{i:02d}股份有限公司") for i in range(20)]
user = User.objects.create(username="bench", email="bench@example.com", password_changed_at=timezone.now())
user.set_password("Bench-Passw0rd!")
user.save()
RoleAssignment.objects.create(user=user, role="admin")
TOTPDevice.objects.create(user=user, secret_encrypted="x", confirmed_at=timezone.now())
imports.JOB_THRESHOLD = 10**9  # measure the import itself in-process (a worker runs it as a job in production)


def workbook(headers, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def timed(kind, data):
    t0 = time.perf_counter()
    batch = imports.stage_import(actor=user, kind=kind, filename=f"{kind}.xlsx", data=data)
    t1 = time.perf_counter()
    assert batch.error_rows == 0, batch.rows[:1]
    batch = imports.confirm_import(actor=user, batch=batch)
    t2 = time.perf_counter()
    return {"preview_s": round(t1 - t0, 2), "confirm_s": round(t2 - t1, 2), "total_s": round(t2 - t0, 2),
            "created": batch.result["created"], "updated": batch.result["updated"]}


systems = workbook(["名稱", "類型", "位置", "網段", "存放真實個資", "相關委託者"],
                   [[f"系統{i:02d}", "內部資訊系統", "自有機房", "應用區", "是", clients[i % 20].name] for i in range(50)])
timed("systems", systems)
file_headers = ["個人資料檔案名稱", "權責部門", "業務流程", "本公司角色", "委託者", "當事人類型", "特定目的", "個資類別",
                "蒐集依據(個資法第19條)", "一般個資筆數", "筆數計算日期", "系統", "蒐集方式", "利用方式", "刪除方式", "保存期限"]
rows = []
for i in range(FILES):
    processor = i % 3 != 0
    rows.append([f"個資檔案{i:05d}", deps[i % 10].name, f"業務流程{i % 40:02d}", "受託者" if processor else "蒐集者",
                 clients[i % 20].name if processor else "", "委託者之消費者" if processor else "員工、客戶承辦人",
                 "148、090" if processor else "002", "C001、C002", "二", (i * 37) % 20000, "2026-11-01",
                 f"系統{i % 50:02d}、系統{(i + 7) % 50:02d}", "網頁表單", "出貨與客服", "到期自動刪除", "契約期間"])
files_xlsx = workbook(file_headers, rows)
result = {"files_import": timed("files", files_xlsx)}
result["files_reimport"] = timed("files", files_xlsx)
risk_rows = []
activities = ["加工", "內部傳輸", "外部傳輸", "保管儲存", "廢棄"]
threats = ["竊取", "竄改", "毀損", "滅失", "洩漏"]
for i in range(RISKS):
    k = i // 25
    risk_rows.append(["蒐集處理利用作業", deps[k % 10].name, f"個資檔案{k:05d}", activities[i % 5], threats[(i // 5) % 5],
                      1 + i % 5, 1 + (i // 3) % 5, "降低", "pd-3.1.2", "2026-11-01"])
result["risks_import"] = timed("risks", workbook(
    ["評估範圍", "權責部門", "個人資料檔案", "作業", "威脅", "可能性", "衝擊", "風險處理", "對應檢查項目", "評估日期"], risk_rows))
assert PersonalDataFile.objects.count() == FILES and Risk.objects.count() == RISKS

web = Client(HTTP_HOST="127.0.0.1")
web.force_login(user)
server_ms = {}
for path in %(pages)r:
    web.get(path)
    samples = []
    for _ in range(40):
        t = time.perf_counter()
        response = web.get(path)
        samples.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    q = statistics.quantiles(samples, n=100)
    server_ms[path] = {"p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1)}
result["server_time_single_client"] = server_ms
s = SessionStore()
s[SESSION_KEY] = str(user.pk)
s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
s[HASH_SESSION_KEY] = user.get_session_auth_hash()
s["last_seen"] = 2**31
s.create()
result["cookie"] = s.session_key
print(json.dumps(result, ensure_ascii=False))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/shouhu_bench_inv")
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--risks", type=int, default=2_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=10, help="requests per client per page")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="shouhu-bench-inv-")
    env = {**os.environ, "SHOUHU_HOME": home}
    if args.db == "postgres":
        fresh_postgres(args.pg_url)
        env["SHOUHU_DATABASE_URL"] = args.pg_url
    code = SETUP.replace("%(pages)r", repr(PAGES))
    out = subprocess.run(
        [sys.executable, "-c", code, str(args.files), str(args.risks)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    result = json.loads(out.stdout.strip().splitlines()[-1])
    cookie = result.pop("cookie")
    print(json.dumps({"db": args.db, **result}, ensure_ascii=False, indent=1))
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
        stderr=open(Path(home) / "server.log", "w"),  # noqa: SIM115  (closed with the process)
    )
    print(f"server log: {home}/server.log")
    try:
        wait_for_server(args.port)
        for path in PAGES:
            measure(args.port, path, cookie, 2, 3)  # warm-up
            r = measure(args.port, path, cookie, args.clients, args.requests)
            print(
                f"{args.db:8} {path:24} n={r['requests']:4d} p50={r['p50_ms']:7.1f} ms "
                f"p95={r['p95_ms']:7.1f} ms  {r['rps']:6.1f} req/s  "
                f"server p50={r['server_p50_ms']:6.1f} p95={r['server_p95_ms']:6.1f} ms"
            )
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
