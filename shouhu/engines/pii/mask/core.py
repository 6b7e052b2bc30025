"""The masking policy and the two primitives every reader uses: mask a text, mask a table cell."""

from __future__ import annotations

import fnmatch
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from ..categories import CATEGORIES
from ..engine import detect
from ..normalize import fold_width, normalize_value
from ..recognizers.base import Match
from ..recognizers.cells import whole_cell
from ..recognizers.keywords import column_hints
from ..recognizers.organisations import CONTACT, ORGANISATION
from .methods import METHODS, apply


@dataclass(frozen=True)
class ColumnRule:
    """What to do with one column (matched by name, ``*`` wildcards, case-insensitive).

    ``method`` applies to the whole cell; ``category`` says what the column holds when the values
    alone do not tell (``None``: the column name and the value decide; unknown → keyed hash or the
    method's generic form).
    """

    pattern: str
    method: str
    category: str | None = None
    #: The table a structured pick is limited to (a database or SQL dump table, an XLSX sheet, a CSV/TSV/JSONL
    #: file's name without its extension), compared exactly but for case; ``None``: any table.
    table: str | None = None
    #: ``pattern`` is a column name taken literally (a structured pick: dots, ``*`` and quotes are part of
    #: the name), not a wildcard pattern.
    exact: bool = False

    @property
    def label(self) -> str:
        """The rule as a person wrote it: ``table.column`` for a pick limited to a table, else the pattern."""
        return f"{self.table}.{self.pattern}" if self.table is not None else self.pattern

    def matches(self, column: str, table: str, place: str) -> bool:
        """Whether the rule covers ``column`` of ``table`` (``""``: not known) whose place is ``place``
        (``table.column``, or ``""``); all three lower-cased."""
        if self.exact:
            return column == self.pattern.lower() and (self.table is None or self.table.lower() == table)
        pattern = self.pattern.lower()
        return fnmatch.fnmatchcase(place if place and "." in pattern else column, pattern)

    def as_data(self) -> dict[str, Any]:
        """The rule as JSON-ready data (a background job's parameters); :func:`rule_from_data` reads it back."""
        return {
            "pattern": self.pattern,
            "method": self.method,
            "category": self.category,
            "table": self.table,
            "exact": self.exact,
        }


def rule_from_data(data: Mapping[str, Any] | list[Any]) -> ColumnRule:
    """A rule from :meth:`ColumnRule.as_data` (or the older ``[pattern, method, category]`` list)."""
    if isinstance(data, list):
        pattern, method, category = data
        return ColumnRule(str(pattern), str(method), str(category) or None)
    return ColumnRule(
        str(data["pattern"]),
        str(data["method"]),
        data.get("category") or None,
        table=data.get("table"),
        exact=bool(data.get("exact")),
    )


@dataclass
class Policy:
    """Masking methods per category, column rules, the key and what was done (counts only).

    ``methods`` maps a category to one of :data:`METHODS`; categories not listed use ``default``.
    The key makes pseudonyms and hashes deterministic and must be kept apart from the data.
    """

    key: bytes
    methods: dict[str, str] = field(default_factory=dict)
    default: str = "partial"
    columns: list[ColumnRule] = field(default_factory=list)
    min_confidence: float = 0.5
    counts: Counter[str] = field(default_factory=Counter)
    #: Integer values of seven or more digits left as they were, per column (``table.column`` for
    #: databases): no rule covered them and no recognizer knew them, yet they may be identifiers
    #: (a phone stored as a number without a phone-like column name). Reported, never hidden.
    unmasked_numbers: Counter[str] = field(default_factory=Counter)
    #: Remarks on what a copy could not keep (a default or index of a database table not copied).
    notes: list[str] = field(default_factory=list)
    #: Where the value being masked sits (``table.column`` while a database is copied; empty otherwise).
    place: str = ""
    #: The table whose cells are being masked (database and SQL dump tables, XLSX sheets, the name of a
    #: CSV/TSV/JSONL file without its extension; empty when not known): what picks with a table match.
    table: str = ""
    #: Values replaced per ``(place, category, method)``: what a database copy did to each column.
    by_place: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    #: Rows copied per table (database copies).
    rows: Counter[str] = field(default_factory=Counter)
    #: The column rules that matched at least one column (see :meth:`all_notes`).
    matched: set[ColumnRule] = field(default_factory=set)

    def __post_init__(self) -> None:
        for method in [self.default, *self.methods.values(), *(r.method for r in self.columns)]:
            if method not in METHODS:
                raise ValueError(f"未知的遮罩方式 / unknown masking method: {method}")
        for category in [*self.methods, *(r.category for r in self.columns if r.category is not None)]:
            if category not in CATEGORIES:
                raise ValueError(f"未知的類別 / unknown category: {category}")
        if not self.key:
            raise ValueError("遮罩金鑰為空 / empty masking key")

    def method_for(self, category: str) -> str:
        return self.methods.get(category, self.default)

    def rule_for(self, column: str | None) -> ColumnRule | None:
        """The first rule matching ``column``; where the table is known (a database copy, an SQL dump, an
        XLSX sheet, a CSV/TSV/JSONL file), a pattern with a ``.`` is matched against ``table.column`` instead
        (``customers.name=partial`` leaves ``staff.name`` alone), and a pick limited to a table matches only
        there."""
        rule = self._first_rule(column)
        if rule is not None:
            self.matched.add(rule)
        return rule

    def names_column(self, column: str | None) -> bool:
        """Whether a rule names ``column`` (without counting the rule as used, see :meth:`rule_for`)."""
        return self._first_rule(column) is not None

    def _first_rule(self, column: str | None) -> ColumnRule | None:
        if not column:
            return None
        name, table = column.lower(), self.table.lower()
        place = self.place.lower() or (f"{table}.{name}" if table else "")
        return next((rule for rule in self.columns if rule.matches(name, table, place)), None)

    def all_notes(self) -> list[str]:
        """``notes`` and, after a run, each column rule that matched no column: a misspelt or missing column
        must not pass silently (its values were masked only as far as detection found them)."""
        unmatched = [
            f"欄位規則「{rule.label}」沒有符合任何欄位，未套用；該欄若存在，僅依偵測結果遮罩 / column rule "
            f"“{rule.label}” matched no column and was not applied; such a column, if present, was masked "
            "only where detection found personal data"
            for rule in self.columns
            if rule not in self.matched
        ]
        return [*self.notes, *dict.fromkeys(unmatched)]

    def replace(self, method: str, category: str, normalized: str, written: str) -> str:
        self.counts[category] += 1
        if self.place:
            self.by_place[(self.place, category, method)] += 1
        return apply(method, key=self.key, category=category, value=normalized, written=written)


#: Longest table or column name a structured column rule may give (databases allow 64–128 characters).
LONGEST_NAME: Final = 128
_PICK_KEYS: Final = frozenset({"table", "column", "method", "category"})


def column_rule(
    column: str, method: str, category: str | None = None, *, table: str | None = None
) -> ColumnRule:
    """The rule for one column named exactly (no wildcards; ``table`` limits it to that table of a
    database copy). Raises ``ValueError`` (zh-TW / English) for an unknown method or category."""
    return column_rules([{"table": table, "column": column, "method": method, "category": category}])[0]


def column_rules(picks: Iterable[Mapping[str, Any]]) -> list[ColumnRule]:
    """Column rules from structured picks, each ``{"table": ..., "column": ..., "method": ...,
    "category": ...}`` (``table`` and ``category`` may be left out or empty), names taken literally::

        mask.column_rules([{"table": "customers", "column": "national_id", "method": "pseudonym",
                            "category": "tw_national_id"},
                           {"column": "email", "method": "hash"}])

    ``method`` is one of :data:`METHODS`; ``category`` one of the engine's categories (what the column
    holds when its values alone do not tell). Raises ``ValueError`` (zh-TW / English) naming the first
    bad pick (counted from 1) and what is wrong with it."""
    rules = []
    for number, pick in enumerate(picks, start=1):
        if not isinstance(pick, Mapping):
            raise ValueError(
                f"第 {number} 筆欄位規則應為含 table、column、method、category 的物件 / column rule {number} "
                "must be an object with table, column, method and category"
            )
        unknown = sorted(str(k) for k in pick if k not in _PICK_KEYS)
        if unknown:
            raise ValueError(
                f"第 {number} 筆欄位規則有不認得的鍵：{unknown[0][:40]} / column rule {number} has an unknown "
                f"key: {unknown[0][:40]}"
            )
        table, column = pick.get("table") or "", pick.get("column") or ""
        method, category = pick.get("method") or "", pick.get("category") or ""
        for name, value in (("table", table), ("column", column), ("method", method), ("category", category)):
            if not isinstance(value, str):
                raise ValueError(
                    f"第 {number} 筆欄位規則的 {name} 應為文字 / column rule {number}: {name} must be text"
                )
        if not column.strip():
            raise ValueError(
                f"第 {number} 筆欄位規則缺少欄位名稱（column） / column rule {number} has no column name"
            )
        if (
            len(table) > LONGEST_NAME
            or len(column) > LONGEST_NAME
            or any(ch in table + column for ch in "\r\n\x00")
        ):
            raise ValueError(
                f"第 {number} 筆欄位規則的資料表或欄位名稱過長或含控制字元 / column rule {number}: the table or "
                f"column name is too long (over {LONGEST_NAME} characters) or holds control characters"
            )
        if method not in METHODS:
            raise ValueError(
                f"第 {number} 筆欄位規則：未知的遮罩方式「{method[:40]}」（可用：{'、'.join(METHODS)}） / column "
                f"rule {number}: unknown masking method {method[:40]!r} (one of: {', '.join(METHODS)})"
            )
        if category and category not in CATEGORIES:
            raise ValueError(
                f"第 {number} 筆欄位規則：未知的類別「{category[:40]}」 / column rule {number}: unknown category "
                f"{category[:40]!r} (one of: {', '.join(CATEGORIES)})"
            )
        rules.append(ColumnRule(column, method, category or None, table=table or None, exact=True))
    return rules


def parse_rules(text: str) -> list[ColumnRule]:
    """Column rules written one per line as ``PATTERN=METHOD`` or ``PATTERN=METHOD:CATEGORY``
    (``email=hash``, ``cust_*=keep``, ``note=pseudonym:tw_national_id``); blank lines and lines starting
    with ``#`` are skipped. Raises ``ValueError`` (zh-TW / English) naming the first bad line."""
    rules = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        pattern, sep, spec = line.partition("=")
        method, _, category = spec.strip().partition(":")
        pattern, method, category = pattern.strip(), method.strip(), category.strip()
        if not sep or not pattern or not method:
            raise ValueError(
                f"第 {number} 行格式應為 欄位=方式 或 欄位=方式:類別 / line {number} must be "
                "COLUMN=METHOD or COLUMN=METHOD:CATEGORY"
            )
        if method not in METHODS:
            raise ValueError(f"第 {number} 行：未知的遮罩方式 / line {number}: unknown masking method")
        if category and category not in CATEGORIES:
            raise ValueError(f"第 {number} 行：未知的類別 / line {number}: unknown category")
        rules.append(ColumnRule(pattern, method, category or None))
    return rules


def _organisations(m: Match, hints: frozenset[str]) -> bool:
    """Whether ``m`` is an organisation's contact data in a column named for it (公司地址, 公司戶): the
    scanner does not report it, so the copy keeps it (a column rule still masks it when asked)."""
    return m.category in CONTACT and ORGANISATION in hints


def mask_text(text: str, policy: Policy, *, hints: frozenset[str] = frozenset()) -> str:
    """Return ``text`` with every recognised value replaced by its policy's method."""
    if not text:
        return text
    norm = fold_width(text)  # length-preserving, so offsets apply to ``text``
    matches = detect(norm, hints, min_confidence=policy.min_confidence)
    if ORGANISATION in hints:
        matches = [m for m in matches if not _organisations(m, hints)]
    if not matches:
        return text
    out: list[str] = []
    pos = 0
    for m in matches:
        out.append(text[pos : m.start])
        out.append(
            policy.replace(policy.method_for(m.category), m.category, m.normalized, text[m.start : m.end])
        )
        pos = m.end
    out.append(text[pos:])
    return "".join(out)


def mask_cell(value: str, column: str | None, policy: Policy, hints: frozenset[str] | None = None) -> str:
    """Mask one table cell: the column's rule first, then a whole-cell value of the column's hinted
    category, then any value found inside the cell. ``hints`` are the column's hints when the caller read
    them from a batch of rows (``recognizers.cells.batch_hints``, as the scanner does); else the column's
    name gives them."""
    if not value:
        return value
    rule = policy.rule_for(column)
    if hints is None:
        hints = column_hints(column)
    if rule is not None:
        if rule.method == "keep":
            return value
        whole = whole_cell(fold_width(value), frozenset({rule.category}) if rule.category else hints)
        category = rule.category or (whole.category if whole else "text")
        normalized = whole.normalized if whole else normalize_value(category, value)
        return _without_restored_zero(
            value, normalized, policy.replace(rule.method, category, normalized, value)
        )
    if hints:
        whole = whole_cell(fold_width(value), hints)
        if (
            whole is not None
            and whole.confidence >= policy.min_confidence
            and not _organisations(whole, hints)
        ):
            masked = policy.replace(
                policy.method_for(whole.category), whole.category, whole.normalized, value
            )
            return _without_restored_zero(value, whole.normalized, masked)
    return mask_text(value, policy, hints=hints)


def _without_restored_zero(written: str, normalized: str, masked: str) -> str:
    """A phone written without its leading 0 (``912345678``) was recognised as ``0912345678``: a
    digits-only replacement drops the 0 again, so the cell keeps its shape and a number stays a
    number, the same in text and number columns (joins between them survive)."""
    if (
        normalized == "0" + written
        and masked.isdigit()
        and len(masked) == len(normalized)
        and masked[0] == "0"
    ):
        return masked[1:]
    return masked
