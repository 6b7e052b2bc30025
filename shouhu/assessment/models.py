"""Assessments on the guideline's self-check tables, their answers, findings and corrective actions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from shouhu.core import messages
from shouhu.engines.catalog import DEFAULT_VERSION


class Kind(models.TextChoices):
    SELF = "self", _("自我檢查")
    INTERNAL = "internal", _("內部稽核")
    EXTERNAL = "external", _("外部稽核")


class Tables(models.TextChoices):
    PD = "pd", _("附錄一 個人資料安全維護措施")
    IS = "is", _("附錄二 資訊安全管理措施")
    BOTH = "both", _("附錄一及附錄二")


class State(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_PROGRESS = "in_progress", _("進行中")
    COMPLETED = "completed", _("已完成（鎖定）")
    REVIEWED = "reviewed", _("已審查")


LOCKED_STATES = frozenset({State.COMPLETED, State.REVIEWED})


class Result(models.TextChoices):
    CONFORM = "conform", _("符合")
    PARTIAL = "partial", _("部分符合")
    NONCONFORM = "nonconform", _("不符合")
    NOT_APPLICABLE = "na", _("不適用")


ASSESSMENT_NAME = messages.define(
    "assessment.name", gettext_noop("{kind} {date} #{id}"), messages.labels(kind=Kind)
)
ASSESSMENT_NAME_REVISION = messages.define(
    "assessment.name.revision",
    gettext_noop("{kind} {date} #{id}（第 {revision} 版）"),
    messages.labels(kind=Kind),
)


class Assessment(messages.Named, models.Model):
    """One run of the self-check tables (a 自我檢查, 內部稽核 or 外部稽核); a revision copies a locked one."""

    kind = models.CharField(_("類別"), max_length=10, choices=Kind.choices, default=Kind.SELF)
    tables = models.CharField(_("檢查表"), max_length=4, choices=Tables.choices, default=Tables.BOTH)
    company_name = models.CharField(_("公司名稱"), max_length=200)
    assessed_on = models.DateField(_("檢查時間"))
    assessors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="assessments", verbose_name=_("檢查人"), blank=True
    )
    external_assessors = models.CharField(
        _("外部檢查人"), max_length=300, blank=True, help_text=_("外部稽核人員姓名（非本系統使用者）")
    )
    scope = models.TextField(_("範圍"), blank=True)
    catalogue_version = models.CharField(_("檢查表版本"), max_length=40, default=DEFAULT_VERSION)
    state = models.CharField(_("狀態"), max_length=12, choices=State.choices, default=State.DRAFT)
    revision = models.PositiveIntegerField(_("修訂版次"), default=1)
    revision_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
        verbose_name=_("修訂自"),
    )
    revision_reason = models.CharField(_("修訂原因"), max_length=300, blank=True)
    completed_at = models.DateTimeField(_("完成時間"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_comments = models.TextField(_("管理審查意見"), blank=True)
    reviewed_at = models.DateTimeField(_("審查時間"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("審查人"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = "自我檢查與稽核"
        indexes = [models.Index(fields=["kind", "state", "assessed_on"])]

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """「自我檢查 2026-11-01 #3（第 2 版）」."""
        facts = {
            "kind": self.kind,
            "date": self.assessed_on.isoformat(),
            "id": self.pk,
            "revision": self.revision,
        }
        return (ASSESSMENT_NAME_REVISION if self.revision > 1 else ASSESSMENT_NAME), facts

    @property
    def locked(self) -> bool:
        return self.state in LOCKED_STATES

    @property
    def table_ids(self) -> tuple[str, ...]:
        return ("pd", "is") if self.tables == Tables.BOTH else (self.tables,)


class Answer(models.Model):
    """The answer to one item; ``version`` rises with every save (optimistic concurrency)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    item_id = models.CharField(_("項目"), max_length=20)
    position = models.PositiveIntegerField(default=0)
    applicable = models.BooleanField(_("適用"), null=True, blank=True)
    na_reason = models.TextField(_("不適用說明"), blank=True)
    ticked = models.JSONField(_("勾選"), default=list, blank=True)
    blanks = models.JSONField(_("填空"), default=dict, blank=True)
    other_text = models.JSONField(_("其他"), default=dict, blank=True)
    explanation = models.TextField(_("檢查情形說明"), blank=True)
    result = models.CharField(_("結果"), max_length=10, choices=Result.choices, blank=True)
    evidence = models.ManyToManyField(
        "evidence.Evidence", related_name="assessment_answers", blank=True, verbose_name=_("佐證")
    )
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "position"]
        constraints = [models.UniqueConstraint(fields=["assessment", "item_id"], name="uniq_answer_item")]

    def __str__(self) -> str:
        return f"{self.assessment_id}:{self.item_id}"

    @property
    def answered(self) -> bool:
        return bool(self.result)

    def values(self) -> dict[str, Any]:
        """The answer's content, as shown in a conflict message and kept in the audit log."""
        return {
            "applicable": self.applicable,
            "na_reason": self.na_reason,
            "ticked": list(self.ticked),
            "blanks": dict(self.blanks),
            "other_text": dict(self.other_text),
            "explanation": self.explanation,
            "result": self.result,
        }


class Severity(models.TextChoices):
    HIGH = "high", _("高")
    MEDIUM = "medium", _("中")
    LOW = "low", _("低")


FINDING_NAME = messages.define("assessment.name.finding", gettext_noop("{number}：{title}"))
ACTION_NAME = messages.define("assessment.name.action", gettext_noop("矯正：{finding}"))


class Finding(messages.Named, models.Model):
    """A deficiency: created from a 不符合/部分符合 answer on completion, or added by an auditor."""

    class Source(models.TextChoices):
        ANSWER = "answer", _("檢查結果")
        MANUAL = "manual", _("稽核人員")
        CLIENT_AUDIT = "client_audit", _("委託者稽核")
        ACCESS = "access", _("存取權限審查")

    # None for a finding from outside the self-check tables (a client's audit): ``origin`` says where.
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.PROTECT, related_name="findings"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.PROTECT, related_name="findings"
    )
    item_id = models.CharField(_("項目"), max_length=20, blank=True)
    title = models.CharField(_("缺失"), max_length=300)
    description = models.TextField(_("說明"), blank=True)
    severity = models.CharField(_("嚴重度"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    source = models.CharField(_("來源"), max_length=12, choices=Source.choices, default=Source.MANUAL)
    origin = models.CharField(_("出處"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "id"]
        verbose_name = "缺失"

    def __str__(self) -> str:
        return self.title

    @property
    def title_shown(self) -> str:
        """The title in the reader's language while it is the one the system composed (see ``titles``)."""
        from shouhu.assessment.titles import finding_title

        return finding_title(self)

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """The composed title (the checklist item, in both languages) for the audit log; none for a user's."""
        from shouhu.assessment.titles import finding_name_facts

        facts = finding_name_facts(self)
        return (FINDING_NAME, facts) if facts else ("", {})

    def name_message(self) -> messages.Message:
        key, _facts = self.name_parts()
        return super().name_message() if key else messages.Message("", {}, self.title)

    @property
    def where(self) -> str:
        """Where the finding comes from: its assessment, or the outside record it was raised from."""
        return str(self.assessment) if self.assessment_id else self.origin


class ActionState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_PROGRESS = "in_progress", _("執行中")
    AWAITING_REVIEW = "awaiting_review", _("待審查有效性")
    CLOSED = "closed", _("已結案")


class CorrectiveAction(messages.Named, models.Model):
    """矯正措施 with the guideline's five steps (第五章 一)."""

    finding = models.ForeignKey(
        Finding, on_delete=models.PROTECT, related_name="actions", verbose_name=_("缺失")
    )
    title = models.CharField(_("矯正措施"), max_length=300)
    state = models.CharField(_("狀態"), max_length=16, choices=ActionState.choices, default=ActionState.DRAFT)
    cause = models.TextField(_("1. 缺失原因"), blank=True)
    similar = models.TextField(_("1. 類似缺失（現存或可能發生）"), blank=True)
    measures = models.TextField(_("2. 消除缺失之措施"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrective_actions",
        verbose_name=_("負責人"),
    )
    due_on = models.DateField(_("完成期限"), null=True, blank=True)
    effectiveness = models.TextField(_("3. 有效性審查"), blank=True)
    measures_update = models.TextField(_("4. 更新安全維護措施"), blank=True)
    record = models.TextField(_("5. 原因、措施、過程及結果之紀錄"), blank=True)
    closed_at = models.DateTimeField(_("結案時間"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = "矯正措施"
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def title_shown(self) -> str:
        """The title in the reader's language while it is the one the system proposed (see ``titles``)."""
        from shouhu.assessment.titles import action_title

        return action_title(self)

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """The proposed title (矯正：the finding, in both languages) for the audit log; none for a user's."""
        from shouhu.assessment.titles import action_name_facts

        facts = action_name_facts(self)
        return (ACTION_NAME, facts) if facts else ("", {})

    def name_message(self) -> messages.Message:
        key, _facts = self.name_parts()
        return super().name_message() if key else messages.Message("", {}, self.title)
