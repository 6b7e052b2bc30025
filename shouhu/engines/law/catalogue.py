"""Load and validate the law catalogue from the TOML files in ``data/``.

The loader is strict: an unknown key, a missing required key, a wrong type, a duplicate id, a rule
citing an unknown law or law version, or overlapping version intervals raise ``CatalogueError``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from .enums import Anchor, PartyRole, Requirement, Trigger, Unit, VersionStatus
from .errors import CatalogueError
from .model import (
    Citation,
    CodeName,
    DeadlineRule,
    Law,
    LawVersion,
    RecurringObligation,
    RetentionRule,
    RuleVersion,
)

_TIMED_UNITS = {Unit.HOURS, Unit.DAYS, Unit.MONTHS}


@dataclass(frozen=True)
class Catalogue:
    """All laws, deadline rules, recurring obligations and code tables."""

    laws: Mapping[str, Law]
    rules: tuple[DeadlineRule, ...]
    recurring: tuple[RecurringObligation, ...]
    industries: Mapping[str, CodeName]
    business_items: Mapping[str, CodeName]
    retention: tuple[RetentionRule, ...] = ()

    def law(self, law_id: str) -> Law:
        """The law with this id."""
        try:
            return self.laws[law_id]
        except KeyError:
            raise CatalogueError(f"法規目錄中沒有此法規：{law_id}") from None

    def rule(self, rule_id: str) -> DeadlineRule:
        """The deadline rule with this id."""
        for candidate in self.rules:
            if candidate.id == rule_id:
                return candidate
        raise CatalogueError(f"法規目錄中沒有此期限規則：{rule_id}")


class _Table:
    """A TOML table read with key tracking, so unknown keys are reported."""

    def __init__(self, raw: Mapping[str, Any], where: str) -> None:
        self._raw = raw
        self._where = where
        self._seen: set[str] = set()

    def get(self, key: str, kind: type, default: Any = None, *, required: bool = False) -> Any:
        self._seen.add(key)
        if key not in self._raw:
            if required:
                raise CatalogueError(f"{self._where}：缺少必要欄位 {key}")
            return default
        value = self._raw[key]
        if kind is int and isinstance(value, bool):
            raise CatalogueError(f"{self._where}：欄位 {key} 應為整數")
        if not isinstance(value, kind):
            raise CatalogueError(f"{self._where}：欄位 {key} 型別錯誤（{type(value).__name__}）")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list, [])
        if not all(isinstance(v, str) for v in values):
            raise CatalogueError(f"{self._where}：欄位 {key} 應為字串清單")
        return tuple(values)

    def tables(self, key: str) -> list[Mapping[str, Any]]:
        values: list[Mapping[str, Any]] = self.get(key, list, [])
        if not all(isinstance(v, dict) for v in values):
            raise CatalogueError(f"{self._where}：欄位 {key} 應為表格清單")
        return values

    def finish(self) -> None:
        unknown = set(self._raw) - self._seen
        if unknown:
            raise CatalogueError(f"{self._where}：未知欄位 {', '.join(sorted(unknown))}")


def _enum(enum_type: type[Any], value: str, where: str) -> Any:
    try:
        return enum_type(value)
    except ValueError:
        raise CatalogueError(f"{where}：無效的值 {value!r}") from None


def _law_version(raw: Mapping[str, Any], where: str) -> LawVersion:
    t = _Table(raw, where)
    version = LawVersion(
        id=t.get("id", str, required=True),
        label_zh=t.get("label_zh", str, required=True),
        status=_enum(VersionStatus, t.get("status", str, required=True), where),
        effective_from=t.get("effective_from", date),
        effective_to=t.get("effective_to", date),
        promulgated_on=t.get("promulgated_on", date),
        verified=t.get("verified", bool, required=True),
        unverified=t.strings("unverified"),
        notes_zh=t.get("notes_zh", str, ""),
        name_zh=t.get("name_zh", str),
    )
    t.finish()
    if version.effective_from and version.effective_to and version.effective_from > version.effective_to:
        raise CatalogueError(f"{where}：生效日晚於失效日")
    if not version.status.has_effect and version.effective_to is not None:
        raise CatalogueError(f"{where}：未施行之版本不應有失效日")
    return version


def _check_intervals(law: Law) -> None:
    effective = [v for v in law.versions if v.status.has_effect]
    open_start = [v for v in effective if v.effective_from is None]
    if len(open_start) > 1:
        raise CatalogueError(f"{law.id}：多個版本缺少生效日")
    ordered = sorted(effective, key=lambda v: v.effective_from or date.min)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier.effective_to is None or later.effective_from is None:
            raise CatalogueError(f"{law.id}：版本 {earlier.id} 與 {later.id} 期間重疊")
        if earlier.effective_to >= later.effective_from:
            raise CatalogueError(f"{law.id}：版本 {earlier.id} 與 {later.id} 期間重疊")


def _law(raw: Mapping[str, Any]) -> Law:
    where = f"法規 {raw.get('id', '?')}"
    t = _Table(raw, where)
    law_id = t.get("id", str, required=True)
    versions = tuple(_law_version(v, f"{where} 版本 {v.get('id', '?')}") for v in t.tables("version"))
    law = Law(
        id=law_id,
        pcode=t.get("pcode", str),
        name_zh=t.get("name_zh", str),
        short_name_zh=t.get("short_name_zh", str, required=True),
        name_en=t.get("name_en", str),
        kind=t.get("kind", str, required=True),
        competent_authority_zh=t.get("competent_authority_zh", str),
        source_url=t.get("source_url", str),
        unverified=t.strings("unverified"),
        notes_zh=t.get("notes_zh", str, ""),
        versions=versions,
        first_effective_on=t.get("first_effective_on", date),
    )
    t.finish()
    if not versions:
        raise CatalogueError(f"{where}：至少需要一個版本")
    if len({v.id for v in versions}) != len(versions):
        raise CatalogueError(f"{where}：版本代號重複")
    for field in ("pcode", "name_zh", "name_en", "competent_authority_zh", "source_url"):
        if getattr(law, field) is None and field not in law.unverified:
            raise CatalogueError(f"{where}：{field} 缺漏但未標示為未查證")
    _check_intervals(law)
    starts = [v.effective_from for v in versions if v.status.has_effect]
    if law.first_effective_on is not None and any(s is None or s < law.first_effective_on for s in starts):
        raise CatalogueError(f"{where}：first_effective_on 晚於版本生效日（或有版本未載生效日）")
    return law


def _citation(raw: Mapping[str, Any], where: str) -> Citation:
    t = _Table(raw, where)
    citation = Citation(law=t.get("law", str, required=True), article=t.get("article", str, required=True))
    t.finish()
    return citation


def _rule(raw: Mapping[str, Any]) -> DeadlineRule:
    where = f"期限規則 {raw.get('id', '?')}"
    t = _Table(raw, where)
    verified = t.get("verified", bool, required=True)
    versions = []
    for v in t.tables("version"):
        vt = _Table(v, f"{where} 版本")
        versions.append(
            RuleVersion(
                law_version=vt.get("law_version", str, required=True),
                article=vt.get("article", str),
                verified=vt.get("verified", bool, verified),
                notes_zh=vt.get("notes_zh", str, ""),
                no_obligation=vt.get("no_obligation", bool, False),
            )
        )
        vt.finish()
        if versions[-1].no_obligation and not versions[-1].notes_zh:
            raise CatalogueError(f"{where}：版本 {versions[-1].law_version} 標示無此義務，須於 notes_zh 說明")
    rule = DeadlineRule(
        id=t.get("id", str, required=True),
        title_zh=t.get("title_zh", str, required=True),
        title_en=t.get("title_en", str, required=True),
        trigger=_enum(Trigger, t.get("trigger", str, required=True), where),
        law=t.get("law", str, required=True),
        anchor=_enum(Anchor, t.get("anchor", str, required=True), where),
        duration=t.get("duration", int),
        unit=_enum(Unit, t.get("unit", str, required=True), where),
        max_extension=t.get("max_extension", int),
        extension_note_zh=t.get("extension_note_zh", str, ""),
        party=_enum(PartyRole, t.get("party", str, required=True), where),
        applies_if=t.get("applies_if", str, required=True),
        requires=frozenset(_enum(Requirement, r, where) for r in t.strings("requires")),
        level_in=frozenset(t.get("level_in", list, [])),
        conservative_if_level_unknown=t.get("conservative_if_level_unknown", bool, False),
        conservative_anchor=t.get("conservative_anchor", bool, False),
        recipient_zh=t.get("recipient_zh", str, required=True),
        content_zh=t.get("content_zh", str, ""),
        form_zh=t.get("form_zh", str, ""),
        verified=verified,
        unverified=t.strings("unverified"),
        notes_zh=t.get("notes_zh", str, ""),
        also_cites=tuple(_citation(c, where) for c in t.tables("also_cites")),
        versions=tuple(versions),
    )
    t.finish()
    if (rule.unit in _TIMED_UNITS) != (rule.duration is not None):
        raise CatalogueError(f"{where}：時限單位 {rule.unit} 與期間不一致")
    if rule.duration is not None and rule.duration <= 0:
        raise CatalogueError(f"{where}：期間必須為正數")
    if not rule.level_in <= {1, 2, 3, 4}:
        raise CatalogueError(f"{where}：資安事件等級須為1至4")
    if not rule.versions:
        raise CatalogueError(f"{where}：至少需要一個版本")
    return rule


def _recurring(raw: Mapping[str, Any]) -> RecurringObligation:
    where = f"週期義務 {raw.get('id', '?')}"
    t = _Table(raw, where)
    obligation = RecurringObligation(
        id=t.get("id", str, required=True),
        title_zh=t.get("title_zh", str, required=True),
        title_en=t.get("title_en", str, required=True),
        frequency=t.get("frequency", str),
        frequency_is_default=t.get("frequency_is_default", bool, False),
        also_when_zh=t.get("also_when_zh", str, ""),
        source_zh=t.get("source_zh", str, required=True),
        condition=t.get("condition", str, required=True),
        notes_zh=t.get("notes_zh", str, ""),
        completed_by=t.strings("completed_by"),
        also_when_en=t.get("also_when_en", str, ""),
    )
    t.finish()
    return obligation


_RETENTION_STARTS = {"record_created", "business_terminated", "damage_occurred"}


def _retention(raw: Mapping[str, Any], laws: Mapping[str, Law]) -> RetentionRule:
    where = f"保存期限 {raw.get('id', '?')}"
    t = _Table(raw, where)
    rule = RetentionRule(
        id=t.get("id", str, required=True),
        title_zh=t.get("title_zh", str, required=True),
        title_en=t.get("title_en", str, required=True),
        law=t.get("law", str, required=True),
        article=t.get("article", str),
        period=t.get("period", str, required=True),
        start=t.get("start", str, required=True),
        applies_if=t.get("applies_if", str, required=True),
        records_zh=t.get("records_zh", str, required=True),
        verified=t.get("verified", bool, required=True),
        unverified=t.strings("unverified"),
        notes_zh=t.get("notes_zh", str, ""),
    )
    t.finish()
    if rule.law not in laws:
        raise CatalogueError(f"{where}：引用不存在之法規 {rule.law}")
    if rule.start not in _RETENTION_STARTS:
        raise CatalogueError(f"{where}：無效的起算事件 {rule.start!r}")
    if rule.article is None and "article" not in rule.unverified:
        raise CatalogueError(f"{where}：條次缺漏但未標示為未查證")
    return rule


def _code(raw: Mapping[str, Any], where: str) -> CodeName:
    t = _Table(raw, where)
    code = CodeName(
        code=t.get("code", str, required=True),
        name_zh=t.get("name_zh", str, required=True),
        verified=t.get("verified", bool, required=True),
        notes_zh=t.get("notes_zh", str, ""),
    )
    t.finish()
    return code


def _cross_check(laws: Mapping[str, Law], rules: tuple[DeadlineRule, ...]) -> None:
    if len({r.id for r in rules}) != len(rules):
        raise CatalogueError("期限規則代號重複")
    for rule in rules:
        if rule.law not in laws:
            raise CatalogueError(f"期限規則 {rule.id}：引用不存在之法規 {rule.law}")
        law_versions = {v.id for v in laws[rule.law].versions}
        for version in rule.versions:
            if version.law_version not in law_versions:
                raise CatalogueError(f"期限規則 {rule.id}：引用不存在之版本 {version.law_version}")
        for citation in rule.also_cites:
            if citation.law not in laws:
                raise CatalogueError(f"期限規則 {rule.id}：引用不存在之法規 {citation.law}")


def _read(folder: Path | Any, prefix: str) -> list[Mapping[str, Any]]:
    documents: list[Mapping[str, Any]] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(prefix) and entry.name.endswith(".toml"):
            documents.append(tomllib.loads(entry.read_text(encoding="utf-8")))
    return documents


def load_catalogue_from(folder: Path | Any) -> Catalogue:
    """Load and validate the catalogue from a folder of TOML files (``laws_*``, ``deadlines_*``, …)."""
    laws: dict[str, Law] = {}
    for document in _read(folder, "laws_"):
        for raw in document.get("law", []):
            law = _law(raw)
            if law.id in laws:
                raise CatalogueError(f"法規代號重複：{law.id}")
            laws[law.id] = law
    rules = tuple(_rule(raw) for doc in _read(folder, "deadlines_") for raw in doc.get("rule", []))
    _cross_check(laws, rules)
    recurring = tuple(
        _recurring(raw) for doc in _read(folder, "recurring") for raw in doc.get("obligation", [])
    )
    industries: dict[str, CodeName] = {}
    business_items: dict[str, CodeName] = {}
    for document in _read(folder, "industries"):
        for raw in document.get("industry", []):
            industries[raw.get("code", "")] = _code(raw, f"行業代碼 {raw.get('code', '?')}")
        for raw in document.get("business_item", []):
            business_items[raw.get("code", "")] = _code(raw, f"營業項目 {raw.get('code', '?')}")
    retention = tuple(
        _retention(raw, laws) for doc in _read(folder, "retention") for raw in doc.get("retention", [])
    )
    for document in _read(folder, "english"):
        laws, rules, industries, business_items = _with_english(
            document, laws, rules, industries, business_items
        )
        recurring = _recurring_with_english(document, recurring)
        retention = _retention_with_english(document, retention)
    return Catalogue(laws, rules, recurring, industries, business_items, retention)


def _retention_with_english(
    document: Mapping[str, Any], retention: tuple[RetentionRule, ...]
) -> tuple[RetentionRule, ...]:
    by_id = {r.id: r for r in retention}
    for rule_id, raw in document.get("retention", {}).items():
        if rule_id not in by_id:
            raise CatalogueError(f"英文對照：保存期限 {rule_id} 不存在")
        by_id[rule_id] = replace(by_id[rule_id], **raw)
    return tuple(by_id[r.id] for r in retention)


def _recurring_with_english(
    document: Mapping[str, Any], recurring: tuple[RecurringObligation, ...]
) -> tuple[RecurringObligation, ...]:
    by_id = {o.id: o for o in recurring}
    for obligation_id, raw in document.get("recurring", {}).items():
        if obligation_id not in by_id:
            raise CatalogueError(f"英文對照：週期性事項 {obligation_id} 不存在")
        by_id[obligation_id] = replace(by_id[obligation_id], **raw)
    return tuple(by_id[o.id] for o in recurring)


_V = TypeVar("_V", LawVersion, RuleVersion)


def _versions_with_english(
    versions: tuple[_V, ...], raw: Mapping[str, Any], key: Callable[[_V], str], where: str
) -> tuple[_V, ...]:
    """``versions`` (of a law or of a deadline rule) with the English of ``raw["version"]`` merged by id."""
    by_key = {key(v): v for v in versions}
    for version_id, fields in raw.get("version", {}).items():
        if version_id not in by_key:
            raise CatalogueError(f"英文對照：{where}@{version_id} 不存在")
        by_key[version_id] = replace(by_key[version_id], **fields)
    return tuple(by_key[key(v)] for v in versions)


def _with_english(
    document: Mapping[str, Any],
    laws: dict[str, Law],
    rules: tuple[DeadlineRule, ...],
    industries: dict[str, CodeName],
    business_items: dict[str, CodeName],
) -> tuple[dict[str, Law], tuple[DeadlineRule, ...], dict[str, CodeName], dict[str, CodeName]]:
    """The catalogue with the English of ``data/english.toml`` (kept apart so the research files stay as
    written); an entry for a law, version, rule or code the catalogue lacks is an error."""
    laws = dict(laws)
    for law_id, raw in document.get("law", {}).items():
        if law_id not in laws:
            raise CatalogueError(f"英文對照：法規 {law_id} 不存在")
        law = laws[law_id]
        versions = _versions_with_english(law.versions, raw, lambda v: v.id, f"版本 {law_id}")
        fields = {k: v for k, v in raw.items() if k != "version"}
        laws[law_id] = replace(law, versions=versions, **fields)
    by_id = {r.id: r for r in rules}
    for rule_id, raw in document.get("rule", {}).items():
        if rule_id not in by_id:
            raise CatalogueError(f"英文對照：期限規則 {rule_id} 不存在")
        rule = by_id[rule_id]
        rule_versions = _versions_with_english(
            rule.versions, raw, lambda v: v.law_version, f"期限規則版本 {rule_id}"
        )
        fields = {k: v for k, v in raw.items() if k != "version"}
        by_id[rule_id] = replace(rule, versions=rule_versions, **fields)
    codes = []
    for kind, table in (("industry", industries), ("business_item", business_items)):
        table = dict(table)
        # [industry] / [business_item]: code = its English name; [industry_note] / …: code = its note's English
        for field, section in (("name_en", kind), ("notes_en", f"{kind}_note")):
            for code, text in document.get(section, {}).items():
                if code not in table:
                    raise CatalogueError(f"英文對照：代碼 {code} 不存在")
                table[code] = replace(table[code], **{field: text})
        codes.append(table)
    return laws, tuple(by_id[r.id] for r in rules), codes[0], codes[1]


@cache
def load_catalogue() -> Catalogue:
    """The catalogue shipped with Shouhu (cached)."""
    return load_catalogue_from(resources.files(__package__).joinpath("data"))
