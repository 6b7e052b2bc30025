"""The plan's chapters, filled from what the other modules have recorded.

One builder per required part of the moda rule (數位經濟相關產業個人資料檔案安全維護管理辦法, Art. 5–17). Each
builder reads other modules only through their selectors and returns plain data: facts (label, value, the
record they come from), tables, and the records that do not exist yet (「尚未建立：…」). Nothing is invented:
a fact nobody recorded is listed as missing, never written as "no". The result is JSON so a version keeps
exactly what it said, and two versions can be compared.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from shouhu.assessment import selectors as assessment
from shouhu.contracts import selectors as contracts
from shouhu.documents import selectors as documents
from shouhu.drills import selectors as drills
from shouhu.incidents import selectors as incidents
from shouhu.inventory import selectors as inventory
from shouhu.law import selectors as law
from shouhu.logwatch import selectors as logwatch
from shouhu.organization import selectors as organization
from shouhu.people import selectors as people_access
from shouhu.requests import selectors as subject_requests
from shouhu.risk import selectors as risk
from shouhu.scans import selectors as scans
from shouhu.thirdparties import selectors as thirdparties
from shouhu.training import selectors as training

# The article numbers follow the research summary of the moda rule (shared/research/regulations.md);
# the rule's own text was not available to check them against.
ARTICLE_NOTE = "各章條次依本系統法規研究摘要對應，未經逐條查證原文；請以全國法規資料庫公告條文為準。"
TOP_ROWS = 20  # rows of a detail table in the document; the full lists stay in their own modules


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    source: str


@dataclass
class Chapter:
    key: str
    title: str
    basis: str
    intro: str = ""
    facts: list[list[str]] = field(default_factory=list)  # [label, value, source]
    tables: list[Table] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def fact(self, label: str, value: object, source: str) -> None:
        self.facts.append([label, str(value), source])

    def lack(self, what: str) -> None:
        self.missing.append(f"尚未建立：{what}")


@dataclass(frozen=True)
class Context:
    """What every builder may need: who generates (for selectors that filter by user) and the date."""

    actor: Any
    today: dt.date
    obligations: dict[str, Any]


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


def _obligation(ch: Chapter, ctx: Context, key: str) -> None:
    """A calendar obligation's last completion and next due date, or that it was never completed."""
    ob = ctx.obligations.get(key)
    if ob is None:
        return
    source = f"法遵行事曆：{ob.title_zh}"
    if ob.last_done_on is None:
        ch.missing.append(f"尚無完成紀錄：{ob.title_zh}")
        ch.fact(f"{ob.title_zh}：下次到期", _date(ob.due_on), source)
    else:
        ch.fact(f"{ob.title_zh}：最近完成", _date(ob.last_done_on), source)
        ch.fact(f"{ob.title_zh}：下次到期", _date(ob.due_on), source)


def organisation(ctx: Context) -> Chapter:
    ch = Chapter("organisation", gettext_noop("組織及資源配置"), "第5條")
    profile = organization.company()
    if profile is None:
        ch.lack("公司基本資料")
    else:
        src = "組織設定：公司基本資料"
        ch.fact("公司名稱", profile.name, src)
        ch.fact("統一編號", profile.ubn, src)
        if profile.representative:
            ch.fact("代表人", profile.representative, src)
        else:
            ch.lack("代表人姓名（公司基本資料）")
    designations = list(organization.current_designations())
    for d in designations:
        ch.fact(
            d.get_kind_display(),
            f"{d.person.name}（{d.position}，自 {_date(d.since)}）",
            "組織設定：指定人員",
        )
    if not designations:
        ch.lack("個資保護總負責人及資安總負責人之指定")
    departments = organization.departments().count()
    people = organization.people(active=True).count()
    if departments:
        ch.fact("部門數", departments, "組織設定：部門")
    else:
        ch.lack("部門資料")
    if people:
        ch.fact("在職人員數", people, "組織設定：人員")
    else:
        ch.lack("人員名冊")
    return ch


def inventory_chapter(ctx: Context) -> Chapter:
    ch = Chapter("inventory", gettext_noop("個人資料之範圍及特定目的"), "第6條")
    files = inventory.files()
    total = files.count()
    if not total:
        ch.lack("個人資料檔案清冊")
        _obligation(ch, ctx, "purpose-review")
        return ch
    src = "個人資料檔案清冊"
    sums = files.aggregate(g=Sum("records_general"), s=Sum("records_special"))
    ch.fact("個人資料檔案數", total, src)
    ch.fact("一般個資筆數合計", sums["g"] or 0, src)
    ch.fact("特種個資筆數合計", sums["s"] or 0, src)
    ch.fact("受託處理（為委託者保有）之檔案數", files.filter(role="processor").count(), src)
    uncounted = files.filter(counted_on__isnull=True).count()
    if uncounted:
        ch.missing.append(f"尚未填寫筆數計算日期之檔案：{uncounted} 筆（{src}）")
    no_purpose = files.filter(purposes__isnull=True).count()
    if no_purpose:
        ch.missing.append(f"尚未填寫特定目的之檔案：{no_purpose} 筆（{src}）")
    rows = (
        files.order_by()
        .values("department__name")
        .annotate(n=Count("id"), g=Sum("records_general"), s=Sum("records_special"))
        .order_by("department__name")
    )
    ch.tables.append(
        Table(
            gettext_noop("各部門保有之個人資料檔案"),
            ["部門", "檔案數", "一般個資筆數", "特種個資筆數"],
            [[r["department__name"], str(r["n"]), str(r["g"] or 0), str(r["s"] or 0)] for r in rows],
            src,
        )
    )
    purposes = (
        files.order_by()
        .filter(purposes__isnull=False)
        .values("purposes__code", "purposes__name")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", "purposes__code")
    )
    ch.tables.append(
        Table(
            gettext_noop("特定目的（依檔案數排序）"),
            ["代號", "特定目的", "檔案數"],
            [[r["purposes__code"] or "—", r["purposes__name"], str(r["n"])] for r in purposes[:TOP_ROWS]],
            src,
        )
    )
    _obligation(ch, ctx, "purpose-review")
    return ch


def risk_chapter(ctx: Context) -> Chapter:
    ch = Chapter("risk", gettext_noop("風險評估及管理機制"), "第7條")
    qs = risk.risks()
    total = qs.count()
    if not total:
        ch.lack("風險評估紀錄（風險登錄表）")
        return ch
    src = "風險登錄表"
    ch.fact("已登錄風險數", total, src)
    untreated = qs.filter(treatment="").count()
    ch.fact("已決定處理方式之風險數", total - untreated, src)
    if untreated:
        ch.missing.append(f"尚未決定處理方式之風險：{untreated} 筆（{src}）")
    latest = qs.order_by("-assessed_on").values_list("assessed_on", flat=True).first()
    ch.fact("最近評估日期", _date(latest), src)
    top = qs.order_by("-inherent_score", "pk")[:TOP_ROWS]
    ch.tables.append(
        Table(
            f"固有風險值最高之 {TOP_ROWS} 項",
            ["編號", "評估對象", "風險情境", "固有風險值", "處理方式", "殘餘風險值"],
            [
                [
                    f"R-{r.pk}",
                    r.system.name if r.system else (r.file.name if r.file else r.get_scope_display()),
                    r.description[:120],
                    str(r.inherent_score),
                    r.get_treatment_display() or "尚未決定",
                    str(r.residual_score) if r.residual_score is not None else "尚未評估",
                ]
                for r in top
            ],
            src,
        )
    )
    return ch


def incident_chapter(ctx: Context) -> Chapter:
    ch = Chapter("incident", gettext_noop("事故之預防、通報及應變機制"), "第8條")
    ch.intro = "個人資料安全事故將危及正常營運或大量當事人權益者，應於知悉後七十二小時內通報主管機關。"
    qs = incidents.incidents(user=ctx.actor)
    since = timezone.now() - dt.timedelta(days=365)
    real = qs.filter(is_drill=False)
    ch.fact("近一年登錄之事故", real.filter(discovered_at__gte=since).count(), "事故管理")
    ch.fact("處理中之事故", real.filter(state="open").count(), "事故管理")
    last_drill = incidents.last_drill_completed_on()
    if last_drill:
        ch.fact("最近完成之事故演練", _date(last_drill), "事故管理：演練")
    else:
        ch.lack("事故演練紀錄")
    _obligation(ch, ctx, "incident-drill")
    return ch


def procedures_chapter(ctx: Context) -> Chapter:
    ch = Chapter("procedures", gettext_noop("內部管理程序"), "第9條")
    register = documents.summary(ctx.today)
    for tier, n in register.approved_per_tier.items():
        ch.fact(f"已核定文件：{tier}", n, "政策及文件登錄")
    if not register.approved_per_tier.get("一階：政策"):
        ch.lack("已核定之個人資料保護政策（一階文件）")
    if not register.approved_per_tier.get("二階：程序"):
        ch.lack("已核定之內部管理程序（二階文件）")
    if register.review_overdue:
        ch.missing.append(f"逾期未檢視之文件：{register.review_overdue} 份（政策及文件登錄）")
    campaign = register.policy_campaign
    if campaign is None:
        ch.lack("政策宣導之閱讀確認紀錄")
    else:
        ch.fact(
            "最近一次政策閱讀確認",
            f"{campaign.version.document.title} 第 {campaign.version.number} 版：已確認 {register.policy_done} / {register.policy_total}",
            f"政策及文件：確認活動 C-{campaign.pk}",
        )
    files = inventory.files()
    total = files.count()
    if total:
        noticed = files.filter(notice_given=True).count()
        ch.fact("已完成告知之檔案數", f"{noticed} / {total}", "個人資料檔案清冊：告知")
    clients = organization.clients().count()
    if clients:
        ch.fact("委託者（客戶）數", clients, "組織設定：委託者")
        _client_contracts(ch)
    subs = thirdparties.subprocessors(active=True).count()
    if subs:
        overdue = thirdparties.supervision_overdue().count()
        ch.fact("委託中之受託者（委外廠商）", subs, "委外及受託者管理")
        ch.fact("近一年無監督確認紀錄之受託者", overdue, "委外及受託者管理：監督確認")
        if overdue:
            ch.missing.append(f"尚未建立：委外監督紀錄（{overdue} 家受託者近一年無確認紀錄）")
    else:
        ch.lack("委外監督紀錄")
        ch.lack("受託者（委外廠商）名冊")
    _obligation(ch, ctx, "processor-audit")
    return ch


def _hours(hours: int | None) -> str:
    return "不明（契約未載明或尚未確認）" if hours is None else f"{hours} 小時"


def _cyber(applies: bool | None) -> str:
    if applies is None:
        return "不明（委託者法規事實未登錄，仍列入）"
    return "適用" if applies else "不適用"


def _client_contracts(ch: Chapter) -> None:
    """受託處理: the contracts in force with our clients, their agreed notice periods and required terms
    (個資法施行細則第8條第2項; 資安法施行細則第4條 where it binds), read from the contracts module."""
    source = "委託者契約（個資法施行細則第8條）"
    rows = contracts.contract_summaries()
    uncovered = contracts.clients_without_contract(organization.clients().values_list("pk", flat=True))
    ch.fact("履約中之委託者契約", len(rows), source)
    if uncovered:
        ch.missing.append(f"尚未建立：委託者契約（{'、'.join(uncovered[:TOP_ROWS])} 無履約中之契約紀錄）")
    if not rows:
        return
    ch.tables.append(
        Table(
            gettext_noop("受託處理之委託者契約"),
            ["委託者", "契約", "違反時通知時限", "已約定", "未約定", "尚未確認", "資安法施行細則第4條"],
            [
                [
                    r.client_name,
                    f"{r.number} {r.title}",
                    _hours(r.notice_hours),
                    str(r.agreed),
                    str(r.not_agreed),
                    str(r.unknown),
                    _cyber(r.cyber_applies),
                ]
                for r in rows[:TOP_ROWS]
            ],
            source,
        )
    )
    unknown_hours = [r.client_name for r in rows if r.notice_hours is None]
    if unknown_hours:
        ch.missing.append(f"契約通知時限不明：{'、'.join(unknown_hours[:TOP_ROWS])}（事件時以立即通知計）")
    for r in rows:
        if r.not_agreed_labels:
            ch.missing.append(
                f"契約未約定之應約定事項：{r.client_name} {r.number}：{'、'.join(r.not_agreed_labels)}"
            )
    unchecked = sum(r.unknown for r in rows)
    if unchecked:
        ch.missing.append(f"尚未確認之契約應約定事項：{unchecked} 項（委託者契約）")


def rights_chapter(ctx: Context) -> Chapter:
    ch = Chapter("rights", gettext_noop("當事人權利行使"), "第9條")
    ch.intro = "查詢、閱覽、製給複製本應於15日內決定；補充、更正、停止及刪除應於30日內決定（個資法第13條）。"
    qs = subject_requests.requests()
    since = timezone.now() - dt.timedelta(days=365)
    year = qs.filter(received_at__gte=since)
    n = year.count()
    src = "當事人權利行使紀錄"
    if not qs.exists():
        ch.lack("當事人權利行使之受理及處理紀錄")
        return ch
    ch.fact("近一年受理之請求", n, src)
    ch.fact("處理中之請求", subject_requests.open_requests().count(), src)
    return ch


def crossborder_chapter(ctx: Context) -> Chapter:
    ch = Chapter("crossborder", gettext_noop("國際傳輸"), "第10條")
    files = inventory.files()
    if not files.exists():
        ch.lack("個人資料檔案清冊（無法判斷是否有國際傳輸）")
        return ch
    src = "個人資料檔案清冊：跨境傳輸"
    cross = files.filter(cross_border=True)
    n = cross.count()
    ch.fact("有國際傳輸之檔案數", n, src)
    countries: dict[str, int] = {}
    for values in cross.values_list("countries", flat=True):
        for c in values or []:
            countries[str(c)] = countries.get(str(c), 0) + 1
    if countries:
        ch.tables.append(
            Table(
                gettext_noop("傳輸國家或地區"),
                ["國家或地區", "檔案數"],
                [[c, str(k)] for c, k in sorted(countries.items(), key=lambda x: (-x[1], x[0]))],
                src,
            )
        )
    elif n:
        ch.missing.append(f"尚未填寫傳輸國家或地區之跨境檔案：{n} 筆（{src}）")
    transfers = thirdparties.transfers().count()
    ch.fact("登錄之國際傳輸", transfers, "國際傳輸登錄")
    if n and not transfers:
        ch.lack(f"國際傳輸登錄（清冊中有 {n} 個跨境傳輸之檔案）")
    unchecked = thirdparties.unchecked_transfers().count()
    if unchecked:
        ch.missing.append(f"尚未查核是否受限制（個資法第21條）之國際傳輸：{unchecked} 筆（國際傳輸登錄）")
    return ch


def security_chapter(ctx: Context) -> Chapter:
    ch = Chapter("security", gettext_noop("資料安全管理及技術措施"), "第11條")
    systems = inventory.systems()
    n = systems.count()
    if n:
        ch.fact("登錄之資訊系統數", n, "資訊系統清冊")
        ch.fact("存放真實個資之系統數", systems.filter(holds_real_data=True).count(), "資訊系統清冊")
    else:
        ch.lack("資訊系統清冊")
    sources = logwatch.sources().count()
    if sources:
        ch.fact("存取紀錄監控來源數", sources, "存取紀錄監控")
    else:
        ch.lack("存取紀錄監控來源")
    runs = scans.recent_runs(limit=1)
    last = runs[0] if runs else None
    if last is not None:
        ch.fact("最近一次個資掃描", _date(timezone.localdate(last.created_at)), "個資掃描")
    else:
        ch.lack("個資掃描紀錄")
    for key in (
        "web-vuln-scan-pentest",
        "host-vuln-scan-malware",
        "password-change",
        "access-log-monitoring",
    ):
        _obligation(ch, ctx, key)
    return ch


def personnel_chapter(ctx: Context) -> Chapter:
    ch = Chapter("personnel", gettext_noop("人員管理"), "第12條")
    people = organization.people(active=True).count()
    if people:
        ch.fact("在職人員數", people, "組織設定：人員")
    else:
        ch.lack("人員名冊")
    _people_access(ch, ctx)
    _obligation(ch, ctx, "permission-review")
    return ch


def _people_access(ch: Chapter, ctx: Context) -> None:
    """Undertakings, who handles personal data, access reviews and leavers (people and access module)."""
    s = people_access.summary(ctx.today)
    source = "人員及存取權限"
    if s.with_undertaking:
        ch.fact("已簽署有效保密切結之在職人員", f"{s.with_undertaking} / {s.people}", f"{source}：保密切結")
    else:
        ch.lack("保密切結紀錄")
    ch.fact("經手個人資料之在職人員（依個資盤點判斷）", s.handling, f"{source}：個資盤點")
    if s.handling_without_undertaking:
        ch.fact("經手個人資料但未簽保密切結", s.handling_without_undertaking, f"{source}：保密切結")
    if s.unknown:
        ch.fact("無法依個資盤點判斷是否經手個人資料", s.unknown, f"{source}：個資盤點")
    closed = list(people_access.closed_reviews(since=ctx.today - dt.timedelta(days=365))[:TOP_ROWS])
    if closed:
        ch.tables.append(Table(
            gettext_noop("近一年之存取權限審查"), ["系統", "審查名稱", "結案日", "帳號數", "撤銷", "調整", "結果檔 SHA-256"],
            [[r.system.name, r.title, _date(timezone.localdate(r.closed_at)) if r.closed_at else "—",
              *(str(n) for n in people_access.decision_counts(r)), r.report.blob.sha256 if r.report else "—"]
             for r in closed],
            f"{source}：存取權限審查",
        ))  # fmt: skip
    else:
        ch.lack("近一年之存取權限審查紀錄")
    if s.open_followups:
        ch.fact(
            "尚未完成之權限撤銷及調整", f"{s.open_followups}（逾期 {s.overdue_followups}）", f"{source}：待辦"
        )
    if s.open_offboardings:
        ch.fact("進行中之離職檢核", s.open_offboardings, f"{source}：離職檢核")


def training_chapter(ctx: Context) -> Chapter:
    ch = Chapter("training", gettext_noop("認知宣導及教育訓練"), "第13條")
    year = training.year_summary(ctx.today)
    if year.sessions:
        ch.fact("近一年已辦理之課程", year.sessions, "教育訓練")
        ch.fact("近一年出席人數（不重複）", year.attended, "教育訓練：出席紀錄")
        ch.fact("最近一次上課日期", _date(year.last_held_on), "教育訓練")
    else:
        ch.lack("近一年之教育訓練紀錄")
    _obligation(ch, ctx, "training")
    latest = drills.latest_summary()
    if latest is None:
        ch.lack("社交工程演練紀錄")
    else:
        drill, rates = latest

        def pct(value: float | None) -> str:
            return "—" if value is None else f"{value}%"

        ch.fact(
            "最近一次社交工程演練",
            f"{_date(drill.held_on)}「{drill.title}」：寄達 {rates.delivered} 人，點擊率 {pct(rates.click_rate)}，"
            f"提交資料率 {pct(rates.submit_rate)}，回報率 {pct(rates.report_rate)}",
            "社交工程演練",
        )
    _obligation(ch, ctx, "phishing-drill")
    return ch


def equipment_chapter(ctx: Context) -> Chapter:
    ch = Chapter("equipment", gettext_noop("設備安全管理"), "第14條")
    systems = inventory.systems()
    if not systems.exists():
        ch.lack("資訊系統及設備清冊")
        return ch
    rows = systems.order_by().values("location").annotate(n=Count("id")).order_by("location")
    labels = dict(systems.model._meta.get_field("location").flatchoices)
    ch.tables.append(
        Table(
            gettext_noop("系統及設備所在位置"),
            ["位置", "系統數"],
            [[str(labels.get(r["location"], r["location"])), str(r["n"])] for r in rows],
            "資訊系統清冊",
        )
    )
    ch.lack("儲存媒體管理紀錄")
    return ch


def audit_chapter(ctx: Context) -> Chapter:
    ch = Chapter("audit", gettext_noop("資料安全稽核機制"), "第15條")
    done = assessment.assessments().filter(state__in=["completed", "reviewed"])
    n = done.count()
    if n:
        latest = done.first()
        assert latest is not None
        ch.fact("已完成之自我檢查及稽核次數", n, "自我檢查及稽核")
        ch.fact(
            "最近一次",
            f"{latest.get_kind_display()}（{_date(latest.assessed_on)}）",
            f"自我檢查及稽核：A-{latest.pk}",
        )
    else:
        ch.lack("自我檢查或內部稽核紀錄")
    _obligation(ch, ctx, "self-check-internal-audit")
    return ch


def records_chapter(ctx: Context) -> Chapter:
    ch = Chapter("records", gettext_noop("紀錄保存及證據"), "第16條")
    ch.intro = (
        "個人資料之蒐集、處理及利用紀錄、自動化機器設備之軌跡資料及落實執行本計畫之證據，至少保存五年。"
    )
    sources = logwatch.sources().count()
    ch.fact("存取紀錄監控來源數", sources, "存取紀錄監控")
    ch.fact("佐證檔案預設保存期間", "5 年（佐證檔案庫，SHA-256 雜湊）", "系統設定：佐證檔案庫")
    return ch


def improvement_chapter(ctx: Context) -> Chapter:
    ch = Chapter("improvement", gettext_noop("持續改善"), "第17條")
    actions = assessment.actions()
    total = actions.count()
    if not total:
        ch.lack("矯正及預防措施紀錄")
    else:
        closed = actions.filter(state="closed").count()
        overdue = assessment.overdue_filter(actions).count()
        ch.fact("矯正措施（已結案／全部）", f"{closed} / {total}", "矯正措施")
        ch.fact("逾期未結案之矯正措施", overdue, "矯正措施")
    _obligation(ch, ctx, "moda-art18-improvement")
    return ch


BUILDERS: tuple[Callable[[Context], Chapter], ...] = (
    organisation,
    inventory_chapter,
    risk_chapter,
    incident_chapter,
    procedures_chapter,
    rights_chapter,
    crossborder_chapter,
    security_chapter,
    personnel_chapter,
    training_chapter,
    equipment_chapter,
    audit_chapter,
    records_chapter,
    improvement_chapter,
)


def build(*, actor: Any) -> dict[str, Any]:
    """Every chapter, as JSON-ready data."""
    # The plan is an official document in Traditional Chinese, whatever language the requester uses.
    with translation.override(settings.LANGUAGE_CODE):
        return _build(actor=actor)


def _build(*, actor: Any) -> dict[str, Any]:
    obligations = {o.key: o for o in law.obligations(active=True)}
    ctx = Context(actor=actor, today=timezone.localdate(), obligations=obligations)
    chapters = [asdict(builder(ctx)) for builder in BUILDERS]
    profile = organization.company()
    return {
        "company": profile.name if profile else "",
        "representative": profile.representative if profile else "",
        "generated_on": ctx.today.isoformat(),
        "chapters": chapters,
        "article_note": ARTICLE_NOTE,
    }


_TOP_RISKS = re.compile(r"^固有風險值最高之 (\d+) 項$")


def title_en(title_zh: str) -> str | None:
    """Shouhu's English for an official chapter or table title of the plan document, None when it has none
    (the document itself, and so the stored content, keeps the official Chinese title)."""
    if match := _TOP_RISKS.match(title_zh):
        return gettext("固有風險值最高之 {n} 項").format(n=match[1])
    english = gettext(title_zh)
    return None if english == title_zh else english


def headings(content: dict[str, Any]) -> list[dict[str, Any]]:
    """Each chapter of a stored plan with its official title and basis, and on English pages the English
    beside them (``title_en``, ``basis_en``; tables likewise); nothing else of the content is changed."""
    from shouhu.core.bilingual import english
    from shouhu.engines.law.english import article_en

    shown = []
    for chapter in content.get("chapters", []):
        row = dict(chapter)
        if english():
            row["title_en"] = title_en(chapter["title"])
            row["basis_en"] = article_en(chapter.get("basis", ""))
            row["tables"] = [{**t, "title_en": title_en(t["title"])} for t in chapter.get("tables", [])]
        shown.append(row)
    return shown


def missing_items(content: dict[str, Any]) -> list[tuple[str, str]]:
    """(chapter title, missing item) for every chapter."""
    return [(c["title"], m) for c in content.get("chapters", []) for m in c["missing"]]
