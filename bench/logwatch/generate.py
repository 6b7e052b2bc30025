"""Generate the benchmark's nginx access log: N lines (default 10 M, about 1 GB) over two weeks of May 2026,
ordinary traffic plus labelled injected anomalies, and the blocklist file the run imports.

Ordinary traffic: anonymous visitors (Taiwanese and foreign addresses) at all hours; 200 employees on
their own Taiwanese addresses during office hours of working days only (09:00–17:59 Taipei), some reading
the customer API at ordinary rates; three administrators using /admin from the first day; now and then a
mistyped password. The anomalies are written to ``<out>.truth.json`` with the rule and subject each
should raise. Deterministic for a given seed.

    python bench/logwatch/generate.py --lines 10000000 --out bench/out/logwatch/access.log
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

TZ = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2026, 5, 4, 0, 0, 0, tzinfo=TZ)  # Monday
DAYS = 14
WORKING = {4, 5, 6, 7, 8, 11, 12, 13, 14, 15}  # May 2026 working days (office calendar)
TW_PREFIXES = ("114.32", "114.33", "36.224", "36.225", "118.160", "118.161", "220.128", "220.129", "1.160", "1.161",
               "61.220", "61.221", "59.120", "111.248", "42.72", "223.136")  # fmt: skip
FOREIGN_VISITORS = ("8.8.", "104.16.", "13.112.", "52.74.", "203.104.")
PATHS = ("/", "/products", "/products/123", "/cart", "/static/app.js", "/static/app.css", "/images/logo.png", "/search",
         "/api/products?page=2", "/faq", "/contact")  # fmt: skip
AGENTS = (  # short on purpose: 10 M lines come to about 1 GB
    "Mozilla/5.0 (Windows NT 10.0) Chrome/124",
    "Mozilla/5.0 (iPhone; iOS 17_4) Safari/604",
    "Mozilla/5.0 (Macintosh) Safari/605",
    "Mozilla/5.0 (Linux; Android 14) Chrome/124",
)
BLOCKED_NET = "45.9.148"


def clf_time(t: dt.datetime) -> str:
    return t.strftime("%d/%b/%Y:%H:%M:%S +0800")


def line(
    ip: str, user: str, t: dt.datetime, method: str, path: str, status: int, size: int, agent: str
) -> str:
    return f'{ip} - {user} [{clf_time(t)}] "{method} {path} HTTP/1.1" {status} {size} "-" "{agent}"\n'


def anomalies() -> list[dict[str, object]]:
    """Each: when it starts (Taipei), what lines it writes, and the alert it must raise."""
    return [
        {"id": "after-hours-bulk-read", "rule": "after_hours", "subject": "chen.ops",
         "start": "2026-05-09T02:05:00", "count": 300, "every_s": 8, "ip": "114.32.77.7", "user": "chen.ops",
         "path": "/api/customers/export", "status": 200, "size": 2_000_000},
        {"id": "login-from-abroad", "rule": "foreign_country", "subject": "lin.sales",
         "start": "2026-05-12T10:30:00", "count": 25, "every_s": 20, "ip": "5.188.10.10", "user": "lin.sales",
         "path": "/api/orders", "status": 200, "size": 4_000},
        {"id": "blocklisted-address", "rule": "blocklist", "subject": "45.9.148.77",
         "start": "2026-05-10T04:00:00", "count": 40, "every_s": 3, "ip": "45.9.148.77", "user": "-",
         "path": "/wp-login.php", "status": 404, "size": 150},
        {"id": "bulk-download-volume", "rule": "volume", "subject": "wu.acct",
         "start": "2026-05-14T14:00:00", "count": 400, "every_s": 5, "ip": "114.32.88.8", "user": "wu.acct",
         "path": "/api/reports/download", "status": 200, "size": 2_000_000},
        {"id": "new-admin-account", "rule": "admin_account", "subject": "tmp.admin",
         "start": "2026-05-12T11:00:00", "count": 12, "every_s": 30, "ip": "114.32.99.9", "user": "tmp.admin",
         "path": "/admin/users", "status": 200, "size": 9_000},
        {"id": "password-guessing", "rule": "failed_logins", "subject": "103.77.1.9",
         "start": "2026-05-13T03:10:00", "count": 200, "every_s": 1, "ip": "103.77.1.9", "user": "-",
         "path": "/login", "status": 401, "size": 120, "method": "POST"},
        {"id": "personal-data-without-login", "rule": "pd_endpoint", "subject": "61.220.66.6",
         "start": "2026-05-15T10:00:00", "count": 30, "every_s": 2, "ip": "61.220.66.6", "user": "-",
         "path": "/api/customers/{n}", "status": 200, "size": 1_800},
        {"id": "customer-api-scraping", "rule": "pd_endpoint", "subject": "huang.intern",
         "start": "2026-05-15T13:00:00", "count": 1500, "every_s": 2, "ip": "114.32.55.5", "user": "huang.intern",
         "path": "/api/customers/{n}", "status": 200, "size": 1_800},
    ]  # fmt: skip


def blocklist_text(rng: random.Random) -> str:
    lines = [
        "# abuse.ch-style IP blocklist for the Shouhu benchmark (documentation and unrelated ranges)",
        f"{BLOCKED_NET}.0/24",
    ]
    for _ in range(500):
        lines.append(f"185.{rng.randint(200, 250)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}")
    lines += ["0.0.0.0 malware-cdn.example", "http://payload.example.net/a.exe"]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=10_000_000)
    ap.add_argument("--out", type=Path, default=Path("bench/out/logwatch/access.log"))
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    visitors = [
        f"{rng.choice(TW_PREFIXES)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}" for _ in range(40_000)
    ]
    visitors += [
        f"{rng.choice(FOREIGN_VISITORS)}{rng.randint(0, 255)}.{rng.randint(1, 254)}" for _ in range(4_000)
    ]
    staff = [
        (f"staff{i:03d}", f"{rng.choice(TW_PREFIXES)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}")
        for i in range(200)
    ]
    staff += [
        ("wu.acct", "114.32.88.8"),
        ("lin.sales", "61.220.14.7"),
        ("huang.intern", "114.32.55.5"),
        ("chen.ops", "114.32.77.7"),
    ]
    admins = [("it.lee", "114.32.10.1"), ("it.wang", "114.32.10.2"), ("it.chou", "114.32.10.3")]
    # Injected lines, sorted by time; merged into the ordinary stream as time passes.
    injected: list[tuple[dt.datetime, str]] = []
    truth = []
    for a in anomalies():
        start = dt.datetime.fromisoformat(str(a["start"])).replace(tzinfo=TZ)
        for i in range(int(a["count"])):  # type: ignore[call-overload]
            t = start + dt.timedelta(seconds=i * int(a["every_s"]))  # type: ignore[call-overload]
            path = str(a["path"]).replace("{n}", str(1000 + i))
            injected.append(
                (
                    t,
                    line(
                        str(a["ip"]),
                        str(a["user"]),
                        t,
                        str(a.get("method", "GET")),
                        path,
                        int(a["status"]),
                        int(a["size"]),
                        "python-requests/2.31.0",
                    ),
                )
            )  # type: ignore[call-overload]
        truth.append({k: a[k] for k in ("id", "rule", "subject", "start", "count")})
    injected.sort()
    ordinary = args.lines - len(injected)
    step = DAYS * 86400 / ordinary
    out: list[str] = []
    j = 0
    with args.out.open("w", encoding="utf-8") as fh:
        for i in range(ordinary):
            t = START + dt.timedelta(seconds=int(i * step))
            while j < len(injected) and injected[j][0] <= t:
                out.append(injected[j][1])
                j += 1
            office = t.day in WORKING and 9 <= t.hour < 18
            r = rng.random()
            if office and r < 0.25:
                user, ip = staff[rng.randrange(len(staff))]
                if r < 0.02:
                    path, size = f"/api/customers/{rng.randint(1, 90000)}", rng.randint(800, 3000)
                else:
                    path, size = (
                        rng.choice(("/api/orders", "/api/orders/7", "/dashboard", "/api/products")),
                        rng.randint(500, 20000),
                    )
                out.append(line(ip, user, t, "GET", path, 200, size, AGENTS[0]))
            elif office and r < 0.2503:
                user, ip = admins[rng.randrange(3)]
                out.append(
                    line(
                        ip,
                        user,
                        t,
                        "GET",
                        rng.choice(("/admin/users", "/admin/orders")),
                        200,
                        rng.randint(2000, 9000),
                        AGENTS[2],
                    )
                )
            elif r > 0.9995:
                out.append(line(rng.choice(visitors), "-", t, "POST", "/login", 401, 120, rng.choice(AGENTS)))
            else:
                path = rng.choice(PATHS)
                out.append(
                    line(
                        rng.choice(visitors),
                        "-",
                        t,
                        "GET",
                        path,
                        200 if rng.random() > 0.03 else 404,
                        rng.randint(200, 60000),
                        rng.choice(AGENTS),
                    )
                )
            if len(out) >= 100_000:
                fh.write("".join(out))
                out.clear()
        out.extend(text for _t, text in injected[j:])
        fh.write("".join(out))
    Path(str(args.out) + ".truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    Path(str(args.out) + ".blocklist.txt").write_text(blocklist_text(rng), encoding="utf-8")
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e9:.2f} GB, {args.lines:,} lines, {len(injected):,} injected)"
    )


if __name__ == "__main__":
    main()
