"""Each rule finds what it describes, and stays quiet on ordinary traffic."""

from __future__ import annotations

import datetime as dt

from shouhu.engines.logwatch import Config, Detector, Endpoint, WorkingTime, parse_blocklist, volume_findings
from shouhu.engines.logwatch.blocklist import Blocklist
from shouhu.engines.logwatch.geo import CountryLookup
from shouhu.engines.logwatch.timeparse import TAIPEI, to_ms
from shouhu.engines.logwatch.workcal import local_day

GEO = CountryLookup()


def at(text: str) -> int:
    return to_ms(dt.datetime.fromisoformat(text).replace(tzinfo=TAIPEI))


def ev(
    when,
    *,
    ip="61.220.14.7",
    account="",
    action="GET",
    target="/",
    status=200,
    outcome="",
    size=100,
    rows=-1,
    domain="",
    label="",
    line=1,
):
    return (
        at(when),
        "http",
        ip,
        account,
        action,
        target,
        status,
        outcome,
        size,
        rows,
        "ua",
        domain,
        label,
        line,
    )


def detect(rows, config=None, state=None):
    det = Detector(config or Config(), state)
    det.feed(rows, GEO.many([r[2] for r in rows]))
    return det, det.findings()


def rules_of(findings):
    return sorted({f.rule for f in findings})


def test_after_hours_on_a_saturday_night_is_found_with_its_figures():
    rows = [ev(f"2026-05-09T02:{i % 60:02d}:00", account="chen.ops", size=1048576, line=i) for i in range(60)]
    _, found = detect(rows)
    (f,) = found
    assert (f.rule, f.subject, f.count, f.bytes) == ("after_hours", "chen.ops", 60, 60 * 1048576)
    assert "chen.ops" in f.explain_zh()
    assert "60 次" in f.explain_zh()
    assert "Taiwan time" in f.explain_en()


def test_office_hours_on_a_weekday_are_quiet_and_anonymous_night_traffic_too():
    rows = [ev(f"2026-05-04T10:{i:02d}:00", account="wang.mei") for i in range(60)]
    rows += [ev(f"2026-05-09T02:{i:02d}:00") for i in range(60)]
    assert detect(rows)[1] == []


def test_a_public_holiday_from_the_company_calendar_is_a_day_off():
    holiday = dt.date(2026, 5, 1)  # Labour Day, a Friday
    wt = WorkingTime(is_working_day=lambda d: d != holiday and d.weekday() < 5)
    rows = [ev(f"2026-05-01T10:{i:02d}:00", account="wang.mei") for i in range(55)]
    assert rules_of(detect(rows, Config(working_time=wt))[1]) == ["after_hours"]


def test_a_day_outside_the_calendar_data_falls_back_to_weekdays_and_is_reported():
    wt = WorkingTime(is_working_day=lambda d: None)
    det, found = detect([ev("2026-05-04T10:00:00", account="wang.mei")], Config(working_time=wt))
    assert found == []
    assert wt.unknown_days == {local_day(at("2026-05-04T10:00:00"))}


def test_an_account_from_abroad_is_found_but_taiwan_and_private_addresses_are_not():
    rows = [
        ev("2026-05-04T10:00:00", account="wang.mei", ip="8.8.8.8"),
        ev("2026-05-04T10:01:00", account="wang.mei", ip="168.95.1.1"),
        ev("2026-05-04T10:02:00", account="wang.mei", ip="10.1.2.3"),
        ev("2026-05-04T10:03:00", ip="8.8.4.4"),  # anonymous visitor
    ]
    _, found = detect(rows)
    assert [(f.rule, f.facts["country"], f.count) for f in found] == [("foreign_country", "US", 1)]


def test_unknown_country_is_counted_not_taken_as_taiwan():
    det, found = detect([ev("2026-05-04T10:00:00", account="wang.mei", ip="not-an-ip")])
    assert found == []
    assert det.unknown_country == 1


def test_blocklist_hits_by_ip_cidr_and_domain():
    feed = parse_blocklist(
        "# Feodo Tracker style\n185.220.101.33\n45.9.148.0/24\n"
        "0.0.0.0 evil-cdn.example\nhttp://malware.example.net/x.exe\nnot an entry !!\n"
    )
    assert (len(feed.networks), sorted(feed.domains), feed.ignored) == (
        2,
        ["evil-cdn.example", "malware.example.net"],
        1,
    )
    config = Config(blocklist=Blocklist([("abuse.ch", feed)]))
    rows = [
        ev("2026-05-04T10:00:00", ip="185.220.101.33"),
        ev("2026-05-04T10:00:01", ip="45.9.148.7"),
        ev("2026-05-04T10:00:02", ip="61.220.14.7", domain="cdn.evil-cdn.example"),
        ev("2026-05-04T10:00:03", ip="61.220.14.8"),
    ]
    _, found = detect(rows, config)
    assert sorted((f.facts["ip"], f.facts["list"]) for f in found) == [
        ("185.220.101.33", "abuse.ch"), ("45.9.148.7", "abuse.ch"), ("61.220.14.7", "abuse.ch"),
    ]  # fmt: skip


def test_volume_against_the_accounts_own_baseline():
    base = local_day(at("2026-05-20T10:00:00"))
    totals = {("lin.sales", base - d): [200, 2_000_000, 100] for d in range(1, 11)}
    totals[("lin.sales", base)] = [260, 900_000_000, 150]
    params = Config().rules["volume"]
    (f,) = volume_findings(totals, [("lin.sales", base)], params)
    assert f.facts["exceeded"] == {
        "bytes": {"value": 900_000_000, "baseline": 2_000_000, "limit": 52_428_800}
    }
    assert "lin.sales" in f.explain_zh()
    assert "基準" in f.explain_zh()


def test_volume_needs_enough_history():
    base = local_day(at("2026-05-20T10:00:00"))
    totals = {("new.hire", base - 1): [10, 1000, 0], ("new.hire", base): [9999, 9_000_000_000, 0]}
    assert volume_findings(totals, [("new.hire", base)], Config().rules["volume"]) == []


def test_privilege_statements_and_new_admins_after_learning():
    rows = [ev(f"2026-05-0{d}T10:00:00", account="it.lee", target="/admin/users") for d in (4, 5)]
    rows.append(ev("2026-05-08T10:00:00", account="tmp.admin", target="/admin/users"))
    rows.append(ev("2026-05-08T10:00:00", account="dba", action="PRIVILEGE", target="GRANT"))
    det, found = detect(rows)
    assert sorted((f.subject, f.facts["how"]) for f in found) == [("dba", "privilege"), ("tmp.admin", "new")]
    assert det.state()["known_admins"] == {"it.lee": local_day(rows[0][0])}


def test_a_burst_of_failed_logins_is_one_finding_and_a_trickle_is_none():
    burst = [
        ev(f"2026-05-04T10:00:{i:02d}", ip="185.220.101.34", target="/login", status=401, line=i)
        for i in range(30)
    ]
    trickle = [
        ev(f"2026-05-04T1{h}:{m:02d}:00", ip="61.220.14.9", target="/login", status=401)
        for h in range(6)
        for m in (0, 30)
    ]
    _, found = detect(burst + trickle)
    assert [(f.rule, f.subject, f.count) for f in found] == [("failed_logins", "185.220.101.34", 30)]


def test_failed_login_state_carries_over_to_the_next_read():
    first = [ev(f"2026-05-04T10:00:{i:02d}", ip="185.220.101.34", status=401) for i in range(15)]
    det, found = detect(first)
    assert found == []
    _, found = detect(
        [ev(f"2026-05-04T10:01:{i:02d}", ip="185.220.101.34", status=401) for i in range(5)],
        state=det.state(),
    )
    assert [f.count for f in found] == [20]


def test_personal_data_endpoint_served_without_login_and_bulk_reads():
    config = Config(endpoints=(Endpoint("/api/customers", "客戶資料"),))
    rows = [ev("2026-05-04T10:00:00", target="/api/customers/7", status=200, ip="61.220.14.50")]
    rows.append(ev("2026-05-04T10:00:01", target="/api/customers/8", status=401, ip="61.220.14.51"))
    rows += [
        ev(f"2026-05-04T11:{i // 20:02d}:{i % 60:02d}", account="scraper", target=f"/api/customers/{i}")
        for i in range(700)
    ]
    _, found = detect(rows, config)
    assert sorted((f.facts["how"], f.subject, f.count) for f in found) == [
        ("anonymous", "61.220.14.50", 1),
        ("rate", "scraper", 700),
    ]


def test_drill_label_travels_to_the_finding():
    rows = [ev("2026-05-04T10:00:00", account="drill.user", ip="8.8.8.8", label="drill:7")]
    (f,) = detect(rows)[1]
    assert f.label == "drill:7"
