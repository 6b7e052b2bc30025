"""People and access (moda rule Art. 12: 人員管理): confidentiality undertakings, access-review campaigns per
system with a decision per account, follow-up tasks for the accounts to revoke or change, and the offboarding
checklist opened when a person leaves."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from shouhu.core import messages


class Undertaking(models.Model):
    """保密切結: the date a person signed and the signed copy (evidence store). The law sets no renewal
    period; ``valid_until`` is the company's own term when it has one (empty: no end)."""

    person = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("人員")
    )
    signed_on = models.DateField(_("簽署日"))
    valid_until = models.DateField(_("有效期限（公司自訂，未填為不限期）"), null=True, blank=True)
    file = models.ForeignKey(
        "evidence.Evidence", on_delete=models.PROTECT, related_name="+", verbose_name=_("簽署檔案")
    )
    note = models.CharField(_("備註"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "-signed_on", "-id"]
        verbose_name = _("保密切結")

    def __str__(self) -> str:
        return f"{self.person_id}:{self.signed_on}"


class ReviewState(models.TextChoices):
    OPEN = "open", _("審查中")
    CLOSED = "closed", _("已結案")


class Review(messages.Named, models.Model):
    """An access-review campaign for one system: its account list, the reviewers, one decision per account."""

    system = models.ForeignKey(
        "inventory.System", on_delete=models.PROTECT, related_name="+", verbose_name=_("系統")
    )
    title = models.CharField(_("審查名稱"), max_length=200)
    due_on = models.DateField(_("完成期限"))
    state = models.CharField(_("狀態"), max_length=10, choices=ReviewState.choices, default=ReviewState.OPEN)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("審查人")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("結案時間"), null=True, blank=True)
    report = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("審查結果檔"),
    )  # fmt: skip
    report_pdf = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("審查結果檔（PDF）"),
    )  # fmt: skip
    last_reminded_on = models.DateField(_("最近提醒日"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("存取權限審查")

    def __str__(self) -> str:
        return self.title

    @property
    def title_shown(self) -> str:
        """The title in the reader's language while it is the one the system gave (「{system} 存取權限審查」, stored
        in zh-TW; older rows may hold the English of it); a title the user typed is shown as written."""
        name = self.system.name
        with translation.override("en"):
            english = gettext(REVIEW_TITLE).format(system=name)
        if self.title in (REVIEW_TITLE.format(system=name), english):
            return gettext(REVIEW_TITLE).format(system=name)
        return self.title

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """The title the system gave, for the audit log in the reader's language; none for a typed one."""
        if self.title == REVIEW_TITLE.format(system=self.system.name):
            return REVIEW_NAME, {"system": self.system.name}
        return "", {}

    def name_message(self) -> messages.Message:
        key, _facts = self.name_parts()
        return super().name_message() if key else messages.Message("", {}, self.title)


#: The title of a review the user did not name (stored in zh-TW; shown in the reader's language).
REVIEW_TITLE = gettext_noop("{system} 存取權限審查")
REVIEW_NAME = messages.define("people.name.review", REVIEW_TITLE)


class Decision(models.TextChoices):
    KEEP = "keep", _("保留")
    CHANGE = "change", _("調整權限")
    REVOKE = "revoke", _("撤銷")


class Account(models.Model):
    """One account from the system's exported list, and the reviewer's decision on it."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="accounts")
    username = models.CharField(_("帳號"), max_length=200)
    display_name = models.CharField(_("姓名"), max_length=200, blank=True)
    email = models.CharField(_("電子郵件"), max_length=254, blank=True)
    privileges = models.CharField(_("權限"), max_length=500, blank=True)
    last_login = models.DateField(_("最近登入"), null=True, blank=True)
    enabled = models.BooleanField(_("帳號啟用"), null=True, blank=True)  # None: the export did not say
    person = models.ForeignKey(
        "organization.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("對應人員"),
    )  # fmt: skip
    decision = models.CharField(_("決定"), max_length=10, choices=Decision.choices, blank=True)
    reason = models.CharField(_("理由"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("決定時間"), null=True, blank=True)

    class Meta:
        ordering = ["review", "username"]
        constraints = [models.UniqueConstraint(fields=["review", "username"], name="people_account_unique")]
        verbose_name = _("受審帳號")

    def __str__(self) -> str:
        return self.username


class FollowUp(models.Model):
    """The task a closed review leaves for each account to revoke or change, tracked until done."""

    account = models.OneToOneField(Account, on_delete=models.CASCADE, related_name="followup")
    due_on = models.DateField(_("完成期限"))
    done_at = models.DateTimeField(_("完成時間"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("處理說明"), max_length=500, blank=True)
    # The corrective action (矯正措施) this task is tracked as; closing it completes the task.
    action = models.ForeignKey(
        "assessment.CorrectiveAction", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("矯正措施"),
    )  # fmt: skip
    last_reminded_on = models.DateField(_("最近提醒日"), null=True, blank=True)

    class Meta:
        ordering = ["done_at", "due_on", "id"]
        verbose_name = _("權限調整待辦")

    def __str__(self) -> str:
        return f"{self.account}"


class Offboarding(models.Model):
    """The checklist opened when a person is marked as leaving; closed when every item is resolved."""

    person = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("人員")
    )
    leaving_on = models.DateField(_("離職日"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("完成時間"), null=True, blank=True)
    last_reminded_on = models.DateField(_("最近提醒日"), null=True, blank=True)

    class Meta:
        ordering = ["closed_at", "leaving_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(closed_at__isnull=True),
                name="people_one_open_offboarding",
            )
        ]
        verbose_name = _("離職檢核")

    def __str__(self) -> str:
        return f"{self.person_id}:{self.leaving_on}"


class ItemKind(models.TextChoices):
    ACCOUNT = "account", _("停用系統帳號")
    SHOUHU = "shouhu", _("停用守護帳號")
    MEDIA = "media", _("儲存媒體歸還")
    EQUIPMENT = "equipment", _("設備歸還")
    DATA = "data", _("個人資料刪除或返還")
    OTHER = "other", _("其他")


class Outcome(models.TextChoices):
    DONE = "done", _("已完成")
    NOT_APPLICABLE = "na", _("不適用")


class OffboardingItem(models.Model):
    offboarding = models.ForeignKey(Offboarding, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("類別"), max_length=12, choices=ItemKind.choices)
    system = models.ForeignKey(
        "inventory.System", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("系統"),
    )  # fmt: skip
    title = models.CharField(_("項目"), max_length=200)
    outcome = models.CharField(_("結果"), max_length=4, choices=Outcome.choices, blank=True)
    note = models.CharField(_("說明"), max_length=500, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(_("處理時間"), null=True, blank=True)

    class Meta:
        ordering = ["offboarding", "id"]
        verbose_name = _("離職檢核項目")

    def __str__(self) -> str:
        return self.title
