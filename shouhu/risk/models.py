"""Risk register (風險評估清冊): risks per system (3.1.1) and per processing activity (3.1.2), the scoring
matrix, planned actions and the assessment history."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from shouhu.core import messages
from shouhu.organization.models import Department
from shouhu.risk.items import printed


class RiskMatrix(models.Model):
    """Likelihood × impact matrix. One row (the first) is in use; default 5 × 5."""

    likelihood_levels = models.PositiveSmallIntegerField(
        _("可能性等級數"), default=5, validators=[MinValueValidator(2), MaxValueValidator(10)]
    )
    impact_levels = models.PositiveSmallIntegerField(
        _("衝擊等級數"), default=5, validators=[MinValueValidator(2), MaxValueValidator(10)]
    )
    medium_from = models.PositiveSmallIntegerField(
        _("中風險起始分數"), default=6, validators=[MinValueValidator(1)]
    )
    high_from = models.PositiveSmallIntegerField(
        _("高風險起始分數"), default=15, validators=[MinValueValidator(1)]
    )
    acceptable_below = models.PositiveSmallIntegerField(
        _("可接受風險上限（含）"), default=5, validators=[MinValueValidator(1)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "風險矩陣"

    def __str__(self) -> str:
        return f"{self.likelihood_levels}×{self.impact_levels}"


class Scope(models.TextChoices):
    SYSTEM = "system", _("系統或設備（3.1.1）")
    ACTIVITY = "activity", _("蒐集處理利用作業（3.1.2）")


class Activity(models.TextChoices):
    PROCESSING = "processing", _("加工")
    INTERNAL = "internal", _("內部傳輸")
    EXTERNAL = "external", _("外部傳輸")
    STORAGE = "storage", _("保管儲存")
    DISPOSAL = "disposal", _("廢棄")


class Threat(models.TextChoices):
    THEFT = "theft", _("竊取")
    ALTERATION = "alteration", _("竄改")
    DAMAGE = "damage", _("毀損")
    LOSS = "loss", _("滅失")
    LEAKAGE = "leakage", _("洩漏")


class Treatment(models.TextChoices):
    REDUCE = "reduce", _("降低")
    TRANSFER = "transfer", _("移轉")
    AVOID = "avoid", _("避免")
    ACCEPT = "accept", _("接受")


class Level(models.TextChoices):
    LOW = "low", _("低")
    MEDIUM = "medium", _("中")
    HIGH = "high", _("高")


RISK_NAME = messages.define("risk.name", gettext_noop("{target}／{threat}"), messages.labels(threat=Threat))
RISK_NAME_ACTIVITY = messages.define(
    "risk.name.activity",
    gettext_noop("{target}／{activity}／{threat}"),
    messages.labels(activity=Activity, threat=Threat),
)


class Risk(messages.Named, models.Model):
    """The current state of one risk; every (re-)assessment is also kept as an ``Assessment`` row."""

    natural_key = models.CharField(max_length=500, unique=True, editable=False)
    scope = models.CharField(_("評估範圍"), max_length=10, choices=Scope.choices)
    system = models.ForeignKey(
        "inventory.System",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risks",
        verbose_name=_("系統或設備"),
    )
    file = models.ForeignKey(
        "inventory.PersonalDataFile",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risks",
        verbose_name=_("個人資料檔案"),
    )
    activity = models.CharField(_("作業"), max_length=12, choices=Activity.choices, blank=True)
    threat = models.CharField(_("威脅"), max_length=12, choices=Threat.choices)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risks",
        verbose_name=_("權責部門"),
    )
    description = models.TextField(_("風險情境"), blank=True)
    likelihood = models.PositiveSmallIntegerField(_("可能性"), validators=[MinValueValidator(1)])
    impact = models.PositiveSmallIntegerField(_("衝擊"), validators=[MinValueValidator(1)])
    inherent_score = models.PositiveSmallIntegerField(_("固有風險值"), default=0, db_index=True)
    existing_controls = models.TextField(_("現有控制措施"), blank=True)
    control_items = models.JSONField(_("對應檢查項目"), default=list, blank=True)
    treatment = models.CharField(_("風險處理"), max_length=10, choices=Treatment.choices, blank=True)
    accepted_by = models.CharField(_("風險接受人"), max_length=100, blank=True)
    accepted_on = models.DateField(_("接受日期"), null=True, blank=True)
    residual_likelihood = models.PositiveSmallIntegerField(
        _("殘餘可能性"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    residual_impact = models.PositiveSmallIntegerField(
        _("殘餘衝擊"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    residual_score = models.PositiveSmallIntegerField(_("殘餘風險值"), null=True, blank=True, db_index=True)
    owner = models.CharField(_("風險負責人"), max_length=100, blank=True)
    assessed_on = models.DateField(_("評估日期"))
    next_review = models.DateField(_("下次檢視日期"), null=True, blank=True)
    version = models.PositiveIntegerField(_("評估版次"), default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-inherent_score", "id"]
        verbose_name = "風險"

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """「系統／蒐集／洩漏」: the system or file (as named by the user), the activity and the threat."""
        facts: dict[str, object] = {
            "target": str(self.system or self.file),
            "activity": self.activity,
            "threat": self.threat,
        }
        return (RISK_NAME_ACTIVITY if self.activity else RISK_NAME), facts

    @property
    def control_items_printed(self) -> list[str]:
        """The linked checklist items as printed in the guideline (「附錄一 3.1.1」)."""
        return [printed(item) for item in self.control_items]


def risk_natural_key(scope: str, target_name: str, activity: str, threat: str) -> str:
    return "|".join(p.strip().casefold() for p in (scope, target_name, activity, threat))


class Assessment(models.Model):
    """One assessment of a risk, kept for the history (re-assessment never overwrites)."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="assessments")
    version = models.PositiveIntegerField(_("版次"))
    assessed_on = models.DateField(_("評估日期"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    likelihood = models.PositiveSmallIntegerField(_("可能性"))
    impact = models.PositiveSmallIntegerField(_("衝擊"))
    inherent_score = models.PositiveSmallIntegerField(_("固有風險值"))
    residual_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_impact = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_score = models.PositiveSmallIntegerField(_("殘餘風險值"), null=True, blank=True)
    treatment = models.CharField(_("風險處理"), max_length=10, blank=True)
    note = models.TextField(_("說明"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["risk", "-version"]
        verbose_name = _("風險評估紀錄")
        constraints = [
            models.UniqueConstraint(fields=["risk", "version"], name="uniq_risk_assessment_version")
        ]

    def __str__(self) -> str:
        return f"{self.risk_id} v{self.version}"

    @property
    def treatment_label(self) -> str:
        """The stored treatment code (``reduce``) in the reader's language (降低 / Reduce); unknown codes as stored."""
        return str(dict(Treatment.choices).get(self.treatment, self.treatment))


class RiskAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("進行中")
        DONE = "done", _("已完成")

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("預定措施"), max_length=300)
    owner = models.CharField(_("負責人"), max_length=100)
    due_date = models.DateField(_("預定完成日"))
    status = models.CharField(_("狀態"), max_length=6, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(_("完成日"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("風險處理措施")

    def __str__(self) -> str:
        return self.description
