"""Training sessions tagged to the training items of the moda rule (Art. 13) and who attended them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from shouhu.core import messages


class Topic(models.TextChoices):
    """What a session covers; the moda rule Art. 13 (per the research summary) asks for the law, each
    person's responsibilities and the plan's procedures, and awareness for the 代表人 and managers."""

    LAW = "law", _("個人資料保護法令")
    DUTIES = "duties", _("個人責任範圍")
    PROCEDURES = "procedures", _("安全維護計畫及作業程序")
    AWARENESS = "awareness", _("代表人及主管之認知宣導")
    SECURITY = "security", _("資訊安全認知")
    PHISHING = "phishing", _("社交工程防範")


class Session(models.Model):
    title = models.CharField(_("課程名稱"), max_length=200)
    topics = models.JSONField(_("課程主題"), default=list)
    held_on = models.DateField(_("上課日期"))
    hours = models.DecimalField(_("時數"), max_digits=4, decimal_places=1)
    trainer = models.CharField(_("講師"), max_length=100)
    audience = models.CharField(_("對象"), max_length=200)
    materials = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("教材"),
    )  # fmt: skip
    held = models.BooleanField(_("已辦理"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("教育訓練場次")

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("organization.Person", on_delete=models.PROTECT, related_name="+")
    attended = models.BooleanField(_("出席"), null=True)  # None: not recorded yet (unknown, not "absent")
    score = models.PositiveSmallIntegerField(_("測驗分數"), null=True, blank=True)

    class Meta:
        ordering = ["session", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="training_attendance_unique")
        ]
        verbose_name = _("出席紀錄")

    def __str__(self) -> str:
        return f"{self.session_id}:{self.person_id}"


# Topics every person in service must attend once a year, and the one for the 代表人 and managers
# (個人資料檔案安全維護管理辦法第13條: 認知宣導及教育訓練; guideline 附一 7.x).
STAFF_TOPICS: tuple[str, ...] = (Topic.LAW, Topic.DUTIES, Topic.PROCEDURES)
LEADER_TOPICS: tuple[str, ...] = (Topic.AWARENESS,)
CYCLE_DAYS = 365  # yearly cycle
POLICY_DAYS = 90  # a new approved policy version is trained on within this many days of its approval


ASSIGNMENT_NAME = messages.define(
    "training.name.assignment", gettext_noop("{topic}（{due}）"), messages.labels(topic=Topic)
)


class Assignment(messages.Named, models.Model):
    """A training required of one person beyond the yearly cycle (a remedial training after a phishing drill,
    a training a manager asks for). Done when the person attends a held session covering the topic on or after
    ``assigned_on``; that is worked out from attendance, not stored."""

    person = models.ForeignKey("organization.Person", on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(_("課程主題"), max_length=20, choices=Topic.choices)
    reason = models.CharField(_("指派原因"), max_length=300)
    # A reason the system wrote (not typed by a person) is also kept as a kind and its facts, so pages show it
    # in the reader's language; ``reason`` keeps the zh-TW text for the audit log and exports.
    reason_kind = models.CharField(_("原因類型"), max_length=20, blank=True, default="")
    reason_facts = models.JSONField(_("原因內容"), default=dict, blank=True)
    assigned_on = models.DateField(_("指派日期"))
    due = models.DateField(_("完成期限"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("指派訓練")

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """Shown in the audit list: the topic's label, never its code (no person name either)."""
        return ASSIGNMENT_NAME, {"topic": self.topic, "due": self.due.isoformat()}


class Leader(models.Model):
    """A person who must attend the 代表人/managers awareness yearly (besides the 總負責人 designated in the
    organisation pages, who are included automatically)."""

    class Kind(models.TextChoices):
        REPRESENTATIVE = "representative", _("代表人")
        MANAGER = "manager", _("主管")

    person = models.OneToOneField("organization.Person", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("身分"), max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("代表人及主管")

    def __str__(self) -> str:
        return f"{self.person_id}:{self.kind}"
