"""Detection: one pass over the events of a read, folding them into per-rule aggregates, then findings.

``Detector.feed(rows, countries)`` is called per chunk; ``findings()`` returns what the rules found in
everything fed so far. What a later read needs (known administrators, open failed-login windows) is in
``state()``; the per-account daily totals needed for the volume baseline are in ``day_totals`` and are
judged by ``volume_findings`` against the history the caller keeps.

A finding's ``key`` identifies it across reads (rule, subject and period), so a caller can update one
alert instead of raising it again when the same period is read twice or grows.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .blocklist import Blocklist
from .events import Col, Row
from .geo import INTERNAL
from .rules import RULES
from .workcal import DAY_MS, TAIWAN_OFFSET_MS, WorkingTime, local_day

MAX_LINES = 20  # line numbers kept per finding, to find the raw lines in the evidence copy
DEFAULT_LOGIN_PATHS = (
    "/login",
    "/signin",
    "/sign-in",
    "/auth",
    "/api/login",
    "/api/auth",
    "/accounts/login",
    "/wp-login.php",
    "/user/login",
)
DEFAULT_ADMIN_PATHS = ("/admin", "/manage", "/wp-admin", "/phpmyadmin")


@dataclass(frozen=True)
class Endpoint:
    """A URL path prefix or a table the inventory marks as holding personal data."""

    pattern: str
    label: str

    def matches(self, target: str) -> bool:
        if self.pattern.startswith("/"):
            return target == self.pattern or target.startswith(self.pattern.rstrip("/") + "/")
        return target.lower() == self.pattern.lower() or target.lower().endswith("." + self.pattern.lower())


@dataclass
class Config:
    rules: dict[str, dict[str, int]] = field(
        default_factory=lambda: {k: r.defaults() for k, r in RULES.items()}
    )
    allowed_countries: frozenset[str] = frozenset({"TW"})
    working_time: WorkingTime = field(default_factory=WorkingTime)
    blocklist: Blocklist = field(default_factory=Blocklist)
    endpoints: tuple[Endpoint, ...] = ()
    admin_accounts: frozenset[str] = frozenset()
    admin_paths: tuple[str, ...] = DEFAULT_ADMIN_PATHS
    login_paths: tuple[str, ...] = DEFAULT_LOGIN_PATHS

    def enabled(self, rule: str) -> bool:
        return rule in self.rules


@dataclass(frozen=True)
class Finding:
    rule: str
    key: str
    subject: str  # the account, or the address when there is no account
    severity: str
    first_ms: int
    last_ms: int
    count: int
    bytes: int
    rows: int
    facts: dict[str, Any]
    lines: tuple[int, ...]
    label: str = ""  # drill label when a synthetic event caused it

    @property
    def title_zh(self) -> str:
        return RULES[self.rule].title_zh

    @property
    def title_en(self) -> str:
        return RULES[self.rule].title_en

    def explain_zh(self) -> str:
        return _explain(self, "zh")

    def explain_en(self) -> str:
        return _explain(self, "en")


@dataclass
class _Agg:
    rule: str
    key: str
    subject: str
    first_ms: int
    last_ms: int = 0
    count: int = 0
    bytes: int = 0
    rows: int = 0
    lines: list[int] = field(default_factory=list)
    label: str = ""
    facts: dict[str, Any] = field(default_factory=dict)

    def add(self, row: Row) -> None:
        ts = row[Col.TS]
        if ts < self.first_ms:
            self.first_ms = ts
        if ts > self.last_ms:
            self.last_ms = ts
        self.count += 1
        if row[Col.BYTES] > 0:
            self.bytes += row[Col.BYTES]
        if row[Col.ROWS] > 0:
            self.rows += row[Col.ROWS]
        if len(self.lines) < MAX_LINES:
            self.lines.append(row[Col.LINE])
        if row[Col.LABEL] and not self.label:
            self.label = row[Col.LABEL]


def day_text(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


class Detector:
    def __init__(self, config: Config, state: Mapping[str, Any] | None = None) -> None:
        self.config = config
        state = state or {}
        self.known_admins: dict[str, int] = {
            str(k): int(v) for k, v in (state.get("known_admins") or {}).items()
        }
        first = state.get("first_day")
        self.first_day: int | None = int(first) if first is not None else None
        self.alerted_bursts: dict[str, int] = {str(k): int(v) for k, v in (state.get("bursts") or {}).items()}
        self._fail_windows: dict[str, deque[int]] = {
            str(k): deque(int(x) for x in v) for k, v in (state.get("fail_windows") or {}).items()
        }
        self.aggs: dict[str, _Agg] = {}
        self.day_totals: dict[tuple[str, int], list[int]] = {}  # (account, day) -> [events, bytes, rows]
        self.day_lines: dict[tuple[str, int], list[int]] = {}
        self.day_labels: dict[tuple[str, int], str] = {}
        self.pd_hours: dict[tuple[str, int, str], _Agg] = {}
        self.unknown_country = 0
        self._minute: dict[int, bool] = {}
        self._pd_cache: dict[str, str] = {}
        self._path_re = self._prefix_re(config.admin_paths)
        self._login_re = self._prefix_re(config.login_paths)
        wt = config.working_time
        if "after_hours" in config.rules:
            wt.start_minute = config.rules["after_hours"]["start_hour"] * 60
            wt.end_minute = config.rules["after_hours"]["end_hour"] * 60

    @staticmethod
    def _prefix_re(prefixes: Sequence[str]) -> re.Pattern[str] | None:
        cleaned = [p.rstrip("/") for p in prefixes if p.startswith("/") and p.rstrip("/")]
        if not cleaned:
            return None
        return re.compile("(?:" + "|".join(re.escape(p) for p in cleaned) + r")(?:/|$|\.)", re.I)

    def state(self) -> dict[str, Any]:
        return {
            "known_admins": self.known_admins,
            "first_day": self.first_day,
            "bursts": dict(list(self.alerted_bursts.items())[-5000:]),
            "fail_windows": {k: list(v) for k, v in list(self._fail_windows.items())[-5000:]},
        }

    # --- the hot loop ------------------------------------------------------------------------------

    def feed(self, rows: list[Row], countries: list[str]) -> None:
        cfg = self.config
        rules = cfg.rules
        after = "after_hours" in rules
        foreign = "foreign_country" in rules
        block = cfg.blocklist if ("blocklist" in rules and cfg.blocklist) else None
        admin = "admin_account" in rules
        failed = "failed_logins" in rules
        pd = cfg.endpoints if "pd_endpoint" in rules else ()
        allowed = cfg.allowed_countries
        minute_cache = self._minute
        outside = cfg.working_time.outside
        totals = self.day_totals
        admin_re, login_re = self._path_re, self._login_re
        block_cache = block.ip_cache if block is not None else {}
        pd_cache = self._pd_cache
        if self.first_day is None and rows:
            self.first_day = local_day(min(r[0] for r in rows))
        for row, country in zip(rows, countries, strict=True):
            ts = row[0]
            account = row[3]
            day = (ts + TAIWAN_OFFSET_MS) // DAY_MS + 719163  # date(1970, 1, 1).toordinal()
            if account:
                key = (account, day)
                t = totals.get(key)
                if t is None:
                    t = totals[key] = [0, 0, 0]
                    self.day_lines[key] = []
                t[0] += 1
                if row[8] > 0:
                    t[1] += row[8]
                if row[9] > 0:
                    t[2] += row[9]
                dl = self.day_lines[key]
                if len(dl) < MAX_LINES:
                    dl.append(row[13])
                if row[12]:
                    self.day_labels.setdefault(key, row[12])
                if after:
                    minute = ts // 60_000
                    off = minute_cache.get(minute)
                    if off is None:
                        off = minute_cache[minute] = outside(minute * 60_000)
                    if off:
                        self._agg(
                            "after_hours",
                            f"after_hours|{account}|{day_text(day)}",
                            account,
                            row,
                            day=day_text(day),
                        )
                if foreign and country not in allowed and country != INTERNAL:
                    if country:
                        self._agg(
                            "foreign_country",
                            f"foreign_country|{account}|{country}|{day_text(day)}",
                            account,
                            row,
                            country=country,
                            ip=row[2],
                            day=day_text(day),
                        )
                    else:
                        self.unknown_country += 1
            if block is not None:
                hit = block_cache.get(row[2])
                if hit is None:
                    hit = block.match_ip(row[2])
                if not hit and row[11]:
                    hit = block.match_domain(row[11])
                if hit:
                    self._agg(
                        "blocklist",
                        f"blocklist|{row[2]}|{day_text(day)}",
                        account or row[2],
                        row,
                        list=hit,
                        ip=row[2],
                        domain=row[11],
                        day=day_text(day),
                    )
            if admin:
                if row[4] == "PRIVILEGE":
                    self._agg(
                        "admin_account",
                        f"admin_account|grant|{account}|{row[5]}|{day_text(day)}",
                        account or row[2],
                        row,
                        change=row[5],
                        how="privilege",
                    )
                elif (
                    account
                    and admin_re is not None
                    and row[5]
                    and admin_re.match(row[5])
                    and account not in self.known_admins
                    and account not in cfg.admin_accounts
                ):
                    learning = rules["admin_account"]["learning_days"]
                    if self.first_day is not None and day < self.first_day + learning:
                        self.known_admins[account] = day
                    elif 200 <= row[6] < 400 or row[6] == -1:
                        self._agg(
                            "admin_account",
                            f"admin_account|new|{account}",
                            account,
                            row,
                            how="new",
                            path=row[5],
                        )
            if failed and (
                row[7] == "fail"
                or row[6] == 401
                or (400 <= row[6] < 500 and login_re is not None and row[5] and login_re.match(row[5]))
            ):
                self._failure(row, account)
            if pd and row[5] and pd_cache.get(row[5]) != "":
                self._pd(row, account, pd)

    def _agg(self, rule: str, key: str, subject: str, row: Row, **facts: Any) -> None:
        agg = self.aggs.get(key)
        if agg is None:
            agg = self.aggs[key] = _Agg(rule, key, subject, row[0], facts=facts)
        agg.add(row)

    def _failure(self, row: Row, account: str) -> None:
        params = self.config.rules["failed_logins"]
        window_ms = params["window_minutes"] * 60_000
        threshold = params["threshold"]
        ts = row[0]
        for who in (f"ip:{row[2]}", f"account:{account}" if account else ""):
            if not who or who == "ip:":
                continue
            burst = self.alerted_bursts.get(who)
            facts = {
                "by": who.split(":", 1)[0],
                "window_minutes": params["window_minutes"],
                "threshold": threshold,
            }
            if burst is not None and ts - self.aggs_last(who, burst) <= window_ms:
                self._agg("failed_logins", f"failed_logins|{who}|{burst}", who.split(":", 1)[1], row, **facts)
                continue
            q = self._fail_windows.get(who)
            if q is None or q.maxlen != threshold:
                q = self._fail_windows[who] = deque(q or (), maxlen=threshold)
            q.append(ts)
            if len(q) == threshold and q[-1] - q[0] <= window_ms:
                start = q[0]
                self.alerted_bursts[who] = start
                key = f"failed_logins|{who}|{start}"
                agg = self.aggs[key] = _Agg("failed_logins", key, who.split(":", 1)[1], start, facts=facts)
                agg.count, agg.last_ms = threshold - 1, ts
                agg.add(row)
                q.clear()

    def aggs_last(self, who: str, start: int) -> int:
        agg = self.aggs.get(f"failed_logins|{who}|{start}")
        return agg.last_ms if agg is not None else start

    def _pd(self, row: Row, account: str, endpoints: tuple[Endpoint, ...]) -> None:
        target = row[5]
        if not target:
            return
        label = self._pd_cache.get(target)
        if label is None:
            label = next((e.label for e in endpoints if e.matches(target)), "")
            if len(self._pd_cache) > 200_000:
                self._pd_cache.clear()
            self._pd_cache[target] = label
        if not label:
            return
        status = row[6]
        if not account:
            if 200 <= status < 300 and row[1] == "http":
                day = day_text(local_day(row[0]))
                self._agg(
                    "pd_endpoint",
                    f"pd_endpoint|anon|{row[2]}|{label}|{day}",
                    row[2],
                    row,
                    how="anonymous",
                    endpoint=label,
                    ip=row[2],
                    day=day,
                )
            return
        hour = row[0] // 3_600_000
        key = (account, hour, label)
        agg = self.pd_hours.get(key)
        if agg is None:
            agg = self.pd_hours[key] = _Agg(
                "pd_endpoint",
                f"pd_endpoint|rate|{account}|{label}|{hour}",
                account,
                row[0],
                facts={"how": "rate", "endpoint": label},
            )
        agg.add(row)

    # --- results -----------------------------------------------------------------------------------

    def findings(self) -> list[Finding]:
        rules = self.config.rules
        out: list[Finding] = []
        for agg in self.aggs.values():
            if (
                agg.rule == "failed_logins"
                or agg.rule == "admin_account"
                or agg.count >= rules[agg.rule].get("min_events", 1)
            ):
                out.append(_finding(agg))
        if "pd_endpoint" in rules:
            limit = rules["pd_endpoint"]["max_per_hour"]
            for agg in self.pd_hours.values():
                if agg.count > limit:
                    agg.facts["limit"] = limit
                    out.append(_finding(agg))
        out.sort(key=lambda f: (f.first_ms, f.key))
        return out


def _finding(agg: _Agg) -> Finding:
    return Finding(
        rule=agg.rule,
        key=agg.key[:300],
        subject=agg.subject,
        severity=RULES[agg.rule].severity,
        first_ms=agg.first_ms,
        last_ms=agg.last_ms,
        count=agg.count,
        bytes=agg.bytes,
        rows=agg.rows,
        facts=dict(agg.facts),
        lines=tuple(agg.lines),
        label=agg.label,
    )


def volume_findings(
    totals: Mapping[tuple[str, int], Sequence[int]],
    touched: Iterable[tuple[str, int]],
    params: Mapping[str, int],
    *,
    lines: Mapping[tuple[str, int], Sequence[int]] | None = None,
    labels: Mapping[tuple[str, int], str] | None = None,
) -> list[Finding]:
    """Judge each touched (account, day) against the account's own earlier days in ``totals``.

    Baseline: the median of the account's active days among the ``history_days`` before; a day is unusual
    when a measure exceeds ``factor`` × baseline and the measure's floor. Fewer than ``min_history``
    earlier days: no baseline, no finding.
    """
    by_account: dict[str, dict[int, Sequence[int]]] = {}
    for (account, day), values in totals.items():
        by_account.setdefault(account, {})[day] = values
    out: list[Finding] = []
    floors = (params["min_events"], params["min_mb"] * 1024 * 1024, params["min_rows"])
    names = ("events", "bytes", "rows")
    for account, day in sorted(set(touched)):
        days = by_account.get(account, {})
        today = days.get(day)
        if today is None:
            continue
        earlier = [v for d, v in days.items() if day - params["history_days"] <= d < day]
        if len(earlier) < params["min_history"]:
            continue
        exceeded: dict[str, dict[str, int]] = {}
        for i, name in enumerate(names):
            baseline = statistics.median(v[i] for v in earlier)
            limit = max(baseline * params["factor"], floors[i])
            if today[i] > limit and floors[i] > 0:
                exceeded[name] = {"value": int(today[i]), "baseline": int(baseline), "limit": int(limit)}
        if exceeded:
            key = (account, day)
            out.append(
                Finding(
                    rule="volume",
                    key=f"volume|{account}|{day_text(day)}",
                    subject=account,
                    severity=RULES["volume"].severity,
                    first_ms=(day - 719163) * DAY_MS - TAIWAN_OFFSET_MS,
                    last_ms=(day - 719162) * DAY_MS - TAIWAN_OFFSET_MS - 1,
                    count=int(today[0]),
                    bytes=int(today[1]),
                    rows=int(today[2]),
                    facts={
                        "day": day_text(day),
                        "exceeded": exceeded,
                        "history_days": len(earlier),
                        "factor": params["factor"],
                    },
                    lines=tuple((lines or {}).get(key, ())),
                    label=(labels or {}).get(key, ""),
                )
            )
    return out


# --- words -----------------------------------------------------------------------------------------

_MEASURE_ZH = {"events": ("存取次數", "次"), "bytes": ("傳輸量", "位元組"), "rows": ("匯出筆數", "筆")}
_MEASURE_EN = {"events": "events", "bytes": "bytes", "rows": "rows"}


def _when(ms: int) -> str:
    local = dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC) + dt.timedelta(hours=8)
    return local.strftime("%Y-%m-%d %H:%M")


def _explain(f: Finding, lang: str) -> str:
    zh = lang == "zh"
    span = (
        f"{_when(f.first_ms)}–{_when(f.last_ms)[11:]}"
        if f.first_ms // 86_400_000 == f.last_ms // 86_400_000
        else f"{_when(f.first_ms)} – {_when(f.last_ms)}"
    )
    facts = f.facts
    size = f"{f.bytes / 1048576:,.1f} MB"
    if f.rule == "after_hours":
        return (
            f"帳號 {f.subject} 於非上班時間（{span}，臺灣時間）存取 {f.count:,} 次，傳輸 {size}。"
            if zh
            else f"Account {f.subject} made {f.count:,} requests outside working hours ({span}, Taiwan time), {size} sent."
        )
    if f.rule == "foreign_country":
        return (
            f"帳號 {f.subject} 從 {facts.get('country')}（IP {facts.get('ip')}）連線 {f.count:,} 次（{span}）；允許的國家不含此地。"
            if zh
            else f"Account {f.subject} connected {f.count:,} times from {facts.get('country')} (IP {facts.get('ip')}) ({span}); that country is not allowed."
        )
    if f.rule == "blocklist":
        what = facts.get("ip") if not facts.get("domain") else f"{facts.get('ip')}／{facts.get('domain')}"
        return (
            f"來源 {what} 列於黑名單「{facts.get('list')}」，共 {f.count:,} 筆事件（{span}）。"
            if zh
            else f"Source {what} is on the blocklist '{facts.get('list')}': {f.count:,} events ({span})."
        )
    if f.rule == "volume":
        parts = []
        for name, v in facts.get("exceeded", {}).items():
            if zh:
                label, unit = _MEASURE_ZH[name]
                parts.append(f"{label} {v['value']:,} {unit}（基準 {v['baseline']:,}，門檻 {v['limit']:,}）")
            else:
                parts.append(
                    f"{v['value']:,} {_MEASURE_EN[name]} (baseline {v['baseline']:,}, limit {v['limit']:,})"
                )
        joined = "、".join(parts) if zh else ", ".join(parts)
        return (
            f"帳號 {f.subject} 在 {facts.get('day')} 的{joined}，超過自身基準 {facts.get('factor')} 倍（依過去 {facts.get('history_days')} 天）。"
            if zh
            else f"Account {f.subject} on {facts.get('day')}: {joined}, above {facts.get('factor')}× its own baseline (from {facts.get('history_days')} earlier days)."
        )
    if f.rule == "admin_account":
        if facts.get("how") == "privilege":
            return (
                f"帳號 {f.subject} 執行了建立帳號或提升權限的指令（{facts.get('change')}），共 {f.count} 次（{span}）。"
                if zh
                else f"Account {f.subject} ran a statement that creates an account or raises privileges ({facts.get('change')}), {f.count} times ({span})."
            )
        return (
            f"未曾見過的帳號 {f.subject} 使用管理介面（{facts.get('path')}），共 {f.count:,} 次（{span}）。"
            if zh
            else f"Account {f.subject}, never seen before, used the administration pages ({facts.get('path')}) {f.count:,} times ({span})."
        )
    if f.rule == "failed_logins":
        who = (
            ("來源 IP" if facts.get("by") == "ip" else "帳號")
            if zh
            else ("address" if facts.get("by") == "ip" else "account")
        )
        return (
            f"{who} {f.subject} 於 {span} 登入失敗 {f.count:,} 次（門檻：{facts.get('window_minutes')} 分鐘內 {facts.get('threshold')} 次）。"
            if zh
            else f"{who.capitalize()} {f.subject}: {f.count:,} failed logins {span} (threshold {facts.get('threshold')} within {facts.get('window_minutes')} minutes)."
        )
    if f.rule == "pd_endpoint":
        if facts.get("how") == "anonymous":
            return (
                f"未登入的來源 {f.subject} 成功取得個資端點「{facts.get('endpoint')}」的資料 {f.count:,} 次（{span}）。"
                if zh
                else f"Unauthenticated source {f.subject} was served the personal-data endpoint '{facts.get('endpoint')}' {f.count:,} times ({span})."
            )
        return (
            f"帳號 {f.subject} 一小時內存取個資端點「{facts.get('endpoint')}」{f.count:,} 次（上限 {facts.get('limit'):,}；{span}）。"
            if zh
            else f"Account {f.subject} requested the personal-data endpoint '{facts.get('endpoint')}' {f.count:,} times in one hour (limit {facts.get('limit'):,}; {span})."
        )
    return ""
