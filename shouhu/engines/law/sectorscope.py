"""Who the client-sector rules bind, read from ``data/sector_scope.toml`` instead of written as code.

A vendor follows its client's sector rule (數位經濟相關產業個資安維辦法第19條), so the engine must know
which client sectors each rule covers. Each scope names the law it belongs to and one or more branches;
a branch matches a party by DGBAS industry code prefix, declared sector or business-item code, may be
limited to private bodies or to a period, and may carry thresholds (records, capital, beds, members…)
read from ``PartyFacts``. A threshold fact that is not yet known makes the rule "may apply" with the fact
pending (never a silent "no"). Pure Python.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from .checks import Check, Decision
from .errors import CatalogueError
from .facts import PartyFacts, Sector
from .pending import PendingFact

__all__ = ["Branch", "Scope", "Threshold", "load_scopes", "parse_scopes", "scope_check"]


def _capital(facts: PartyFacts) -> int | None:
    """資本額 as these rules use it: the registered amount, else the paid-in amount."""
    return facts.registered_capital if facts.registered_capital is not None else facts.paid_in_capital


# fact name -> (how to read it, the PartyFacts field a user answers)
_FACTS: Mapping[str, tuple[Callable[[PartyFacts], int | bool | None], str]] = {
    "consumer_records": (lambda f: f.consumer_records, "consumer_records"),
    "capital": (_capital, "registered_capital"),
    "beds": (lambda f: f.hospital_beds, "hospital_beds"),
    "collects_customer_data": (lambda f: f.collects_customer_data, "collects_customer_data"),
}
_OPS = {"ge": "≥", "gt": "＞", "true": ""}


@dataclass(frozen=True)
class Threshold:
    """A condition on one party fact, optionally only for part of the time."""

    fact: str
    op: str  # "ge", "gt" or "true"
    value: int | None
    label_zh: str
    label_en: str
    active_from: date | None
    active_to: date | None
    proxy_zh: str  # set when the fact only stands in for what the rule counts
    proxy_en: str = ""

    def active(self, on: date) -> bool:
        return (self.active_from is None or on >= self.active_from) and (
            self.active_to is None or on <= self.active_to
        )

    def test(self, facts: PartyFacts) -> tuple[bool | None, str, str]:
        """Met (True/False) or unknown (None), with the words for the reason in zh-TW and English."""
        read, _ = _FACTS[self.fact]
        value = read(facts)
        if value is None:
            return None, f"未提供{self.label_zh}", f"{self.label_en} not given"
        if self.op == "true":
            if value:
                return True, f"{self.label_zh}：是", f"{self.label_en}: yes"
            return False, f"{self.label_zh}：否", f"{self.label_en}: no"
        assert self.value is not None  # checked when the data is loaded
        assert not isinstance(value, bool)
        met = value >= self.value if self.op == "ge" else value > self.value
        sign = _OPS[self.op] if met else ("＜" if self.op == "ge" else "≤")
        sign_en = {"＞": ">", "＜": "<"}.get(sign, sign)
        return (
            met,
            f"{self.label_zh} {value:,} {sign} {self.value:,}",
            f"{self.label_en} {value:,} {sign_en} {self.value:,}",
        )

    def pending(self, party_id: str) -> PendingFact:
        _, field = _FACTS[self.fact]
        return PendingFact(f"party.{party_id}.{field}", self.label_zh, self.label_en, party_id)


@dataclass(frozen=True)
class Branch:
    """One kind of party the rule covers (e.g. 「私立護理之家（開放床數逾200床）」)."""

    label_zh: str
    label_en: str
    industries: tuple[str, ...]
    sectors: frozenset[Sector]
    business_items: tuple[str, ...]
    private_only: bool
    excluded_sectors: frozenset[Sector]
    active_from: date | None
    active_to: date | None
    mapping_verified: bool
    thresholds: tuple[Threshold, ...]

    def active(self, on: date) -> bool:
        return (self.active_from is None or on >= self.active_from) and (
            self.active_to is None or on <= self.active_to
        )

    def match(self, facts: PartyFacts) -> tuple[str, str] | None:
        """Why the party is of this kind (zh-TW, English), or None."""
        code = facts.has_industry(*self.industries) if self.industries else None
        if code:
            return f"行業代碼 {code}", f"Industry code {code}"
        declared = sorted(s.value for s in self.sectors & facts.sectors)
        if declared:
            return "申報之行業別", "Declared sector"
        item = next((i for i in self.business_items if i in facts.business_item_codes), None)
        return (f"營業項目 {item}", f"Business item {item}") if item else None


@dataclass(frozen=True)
class Scope:
    """The parties one client-sector rule binds."""

    id: str
    law: str
    title_zh: str
    basis_zh: str
    branches: tuple[Branch, ...]
    title_en: str = ""
    basis_en: str = ""


_RANK = {"yes": 3, "maybe": 2, "fail": 1}


@dataclass(frozen=True)
class _Outcome:
    state: str  # "yes", "maybe" or "fail"
    reason_zh: str
    reason_en: str
    pending: tuple[PendingFact, ...]
    verified: bool


def _decide_branch(branch: Branch, facts: PartyFacts, on: date) -> _Outcome | None:
    """The outcome for a matching branch, None when it does not match."""
    if not branch.active(on):
        return None
    why = branch.match(facts)
    if why is None:
        return None
    head, head_en = f"{why[0]}（{branch.label_zh}）", f"{why[1]} ({branch.label_en})"
    if branch.private_only and facts.is_government_agency:
        return _Outcome(
            "fail",
            f"{head}；公務機關非本辦法所定之私立機構 → 不適用",
            f"{head_en}; a government agency is not a private institution under this rule → does not apply",
            (),
            branch.mapping_verified,
        )
    excluded = branch.excluded_sectors & facts.sectors
    if excluded:
        return _Outcome(
            "fail",
            f"{head}；屬應經特許、許可或受專門管理法令規範之行業 → 不適用",
            f"{head_en}; a licensed industry or one under its own regulatory law → does not apply",
            (),
            branch.mapping_verified,
        )
    texts: list[str] = []
    texts_en: list[str] = []
    pending: list[PendingFact] = []
    verified = branch.mapping_verified
    for threshold in branch.thresholds:
        if not threshold.active(on):
            continue
        met, text, text_en = threshold.test(facts)
        if threshold.proxy_zh:
            text += f"（{threshold.proxy_zh}）"
            text_en += f" ({threshold.proxy_en or threshold.label_en})"
            verified = False
        if met is False:
            return _Outcome(
                "fail", f"{head}；{text} → 不適用", f"{head_en}; {text_en} → does not apply", (), verified
            )
        if met is None:
            pending.append(threshold.pending(facts.party_id))
        texts.append(text)
        texts_en.append(text_en)
    reason, reason_en = "；".join([head, *texts]), "; ".join([head_en, *texts_en])
    if pending:
        labels = "、".join(dict.fromkeys(p.label_zh for p in pending))
        labels_en = ", ".join(dict.fromkeys(p.label_en for p in pending))
        return _Outcome(
            "maybe",
            f"{reason} → 可能適用（尚缺{labels}）",
            f"{reason_en} → may apply (missing: {labels_en})",
            tuple(pending),
            verified,
        )
    return _Outcome("yes", f"{reason} → 適用", f"{reason_en} → applies", (), verified)


def scope_check(scope: Scope) -> Check:
    """The applicability check for one scope: the best outcome over its branches."""

    def check(facts: PartyFacts, on: date) -> Decision:
        results = [r for b in scope.branches if (r := _decide_branch(b, facts, on)) is not None]
        if not results:
            active = [b for b in scope.branches if b.active(on)]
            kinds = "、".join(dict.fromkeys(b.label_zh for b in active))
            kinds_en = " or ".join(dict.fromkeys(b.label_en for b in active))
            return Decision(
                False, f"非{kinds or scope.title_zh}", reason_en=f"Not a {kinds_en or scope.title_en}"
            )
        best = max(results, key=lambda r: _RANK[r.state])
        return Decision(
            best.state != "fail",
            best.reason_zh,
            best.verified,
            pending=best.pending,
            reason_en=best.reason_en,
        )

    return check


def _date(raw: Mapping[str, Any], key: str, where: str) -> date | None:
    value = raw.get(key)
    if value is not None and (not isinstance(value, date) or hasattr(value, "hour")):
        raise CatalogueError(f"{where}：{key} 應為日期")
    return value


def _strings(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = raw.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise CatalogueError(f"{where}：{key} 應為字串清單")
    return tuple(values)


def _sectors(raw: Mapping[str, Any], key: str, where: str) -> frozenset[Sector]:
    try:
        return frozenset(Sector(v) for v in _strings(raw, key, where))
    except ValueError as error:
        raise CatalogueError(f"{where}：無效的行業別 {error}") from None


def _known(raw: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(raw) - allowed
    if unknown:
        raise CatalogueError(f"{where}：未知欄位 {', '.join(sorted(unknown))}")


def _text(raw: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or (default is None and not value):
        raise CatalogueError(f"{where}：缺少 {key}")
    return value


def _threshold(raw: Mapping[str, Any], where: str) -> Threshold:
    _known(raw, {"fact", "op", "value", "label_zh", "label_en", "from", "to", "proxy_zh", "proxy_en"}, where)
    fact, op = _text(raw, "fact", where), _text(raw, "op", where)
    if fact not in _FACTS:
        raise CatalogueError(f"{where}：未知的事實 {fact}")
    if op not in _OPS:
        raise CatalogueError(f"{where}：未知的比較方式 {op}")
    value = raw.get("value")
    if (op == "true") != (value is None) or (value is not None and (type(value) is not int or value < 0)):
        raise CatalogueError(f"{where}：門檻值與比較方式不一致")
    return Threshold(
        fact=fact,
        op=op,
        value=value,
        label_zh=_text(raw, "label_zh", where),
        label_en=_text(raw, "label_en", where),
        active_from=_date(raw, "from", where),
        active_to=_date(raw, "to", where),
        proxy_zh=_text(raw, "proxy_zh", where, ""),
        proxy_en=_text(raw, "proxy_en", where, ""),
    )


_BRANCH_KEYS = {
    "label_zh", "label_en", "industries", "sectors", "business_items", "private_only", "excluded_sectors", "from", "to",
    "mapping_verified", "threshold",
}  # fmt: skip


def _branch(raw: Mapping[str, Any], where: str) -> Branch:
    _known(raw, _BRANCH_KEYS, where)
    mapping_verified = raw.get("mapping_verified")
    if not isinstance(mapping_verified, bool):
        raise CatalogueError(f"{where}：須標示 mapping_verified（行業對應是否已查證）")
    branch = Branch(
        label_zh=_text(raw, "label_zh", where),
        label_en=_text(raw, "label_en", where),
        industries=_strings(raw, "industries", where),
        sectors=_sectors(raw, "sectors", where),
        business_items=_strings(raw, "business_items", where),
        private_only=bool(raw.get("private_only", False)),
        excluded_sectors=_sectors(raw, "excluded_sectors", where),
        active_from=_date(raw, "from", where),
        active_to=_date(raw, "to", where),
        mapping_verified=mapping_verified,
        thresholds=tuple(
            _threshold(t, f"{where} 門檻{n + 1}") for n, t in enumerate(raw.get("threshold", []))
        ),
    )
    if not (branch.industries or branch.sectors or branch.business_items):
        raise CatalogueError(f"{where}：須以行業代碼、行業別或營業項目界定")
    return branch


def parse_scopes(document: Mapping[str, Any]) -> tuple[Scope, ...]:
    """Validate and build the scopes from the parsed TOML document."""
    scopes: list[Scope] = []
    for raw in document.get("scope", []):
        where = f"適用範圍 {raw.get('id', '?')}"
        _known(raw, {"id", "law", "title_zh", "title_en", "basis_zh", "basis_en", "branch"}, where)
        branches = tuple(_branch(b, f"{where} 分支{n + 1}") for n, b in enumerate(raw.get("branch", [])))
        if not branches:
            raise CatalogueError(f"{where}：至少需要一個分支")
        scopes.append(
            Scope(
                id=_text(raw, "id", where),
                law=_text(raw, "law", where),
                title_zh=_text(raw, "title_zh", where),
                basis_zh=_text(raw, "basis_zh", where),
                branches=branches,
                title_en=_text(raw, "title_en", where),
                basis_en=_text(raw, "basis_en", where),
            )
        )
    if len({s.id for s in scopes}) != len(scopes):
        raise CatalogueError("適用範圍代號重複")
    return tuple(scopes)


@cache
def load_scopes() -> tuple[Scope, ...]:
    """The client-sector scopes shipped with Shouhu (cached)."""
    text = resources.files(__package__).joinpath("data", "sector_scope.toml").read_text(encoding="utf-8")
    return parse_scopes(tomllib.loads(text))
