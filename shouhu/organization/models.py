"""Company profile, departments, people, 總負責人 designations and clients (委託者)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from shouhu.core import messages
from shouhu.organization.validators import validate_ubn


class CompanyType(models.TextChoices):
    CORPORATION = "corporation", _("股份有限公司")
    LIMITED = "limited", _("有限公司")
    UNLIMITED = "unlimited", _("無限公司")
    PARTNERSHIP_CO = "partnership_company", _("兩合公司")
    SOLE = "sole", _("獨資商號")
    PARTNERSHIP = "partnership", _("合夥")
    FOREIGN_BRANCH = "foreign_branch", _("外國公司在臺分公司")
    OTHER = "other", _("其他")


class CompanyProfile(models.Model):
    """Our own company (one row)."""

    name = models.CharField(_("公司名稱"), max_length=200)
    ubn = models.CharField(_("統一編號"), max_length=8, validators=[validate_ubn])
    address = models.CharField(_("地址"), max_length=300, blank=True)
    representative = models.CharField(_("代表人"), max_length=100, blank=True)
    # The 代表人's own person record, when they are on staff: approvals match them by identity, not by name.
    representative_person = models.ForeignKey(
        "organization.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("代表人之人員資料"),
        help_text=_("代表人本人在人員名單中時請選擇；核定計畫時以此人的帳號認定代表人，不只比對姓名。"),
    )  # fmt: skip
    capital_twd = models.BigIntegerField(
        _("實收資本額（新臺幣）"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    company_type = models.CharField(
        _("公司類型"), max_length=30, choices=CompanyType.choices, default=CompanyType.CORPORATION
    )
    industry_code = models.CharField(
        _("行業代碼"), max_length=10, blank=True, help_text=_("行業統計分類代碼，例如 6201 電腦程式設計業")
    )
    employees = models.PositiveIntegerField(_("員工人數"), null=True, blank=True)
    head_office_city = models.CharField(_("總公司所在縣市"), max_length=20, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "公司基本資料"

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    name = models.CharField(_("部門名稱"), max_length=100, unique=True)
    code = models.CharField(_("部門代碼"), max_length=20, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上層部門"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "部門"

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """An employee. Linked to at most one user account (no shared accounts)."""

    name = models.CharField(_("姓名"), max_length=100)
    employee_no = models.CharField(_("員工編號"), max_length=30, blank=True)
    email = models.EmailField(_("電子郵件"), blank=True)
    phone = models.CharField(_("電話"), max_length=30, blank=True)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("部門"),
    )
    job_title = models.CharField(_("職稱"), max_length=100, blank=True)
    # 直屬主管: whoever manages someone attends the yearly awareness for managers (moda 個資管理辦法第13條).
    manager = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("直屬主管"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("使用者帳號"),
    )
    active = models.BooleanField(_("在職"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "人員"
        constraints = [
            models.UniqueConstraint(
                fields=["employee_no"], condition=~models.Q(employee_no=""), name="uniq_employee_no"
            ),
        ]

    def __str__(self) -> str:
        return self.name


DESIGNATION_NAME = messages.define(
    "organization.name.designation",
    gettext_noop("{kind}：{person}（{position}）"),
    lambda v: messages.labels(kind=Designation.Kind)(v),
)


class Designation(messages.Named, models.Model):
    """個資保護總負責人 / 資安總負責人: a person plus the position they hold."""

    class Kind(models.TextChoices):
        PRIVACY = "privacy", _("個資保護總負責人")
        SECURITY = "security", _("資安總負責人")

    kind = models.CharField(_("類別"), max_length=10, choices=Kind.choices)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="designations", verbose_name=_("人員")
    )
    position = models.CharField(_("職位"), max_length=100)
    since = models.DateField(_("指定日期"), default=dt.date.today)
    until = models.DateField(_("卸任日期"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "-since"]
        verbose_name = _("總負責人指定")

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return DESIGNATION_NAME, {"kind": self.kind, "person": str(self.person), "position": self.position}


class ServiceType(models.TextChoices):
    BUILD = "build", _("建置")
    MAINTAIN = "maintain", _("維護")
    OPERATE = "operate", _("維運")
    HOST = "host", _("代管")


class Client(models.Model):
    """委託者: a client whose personal data we build, maintain, operate or host systems for."""

    name = models.CharField(_("委託者名稱"), max_length=200)
    ubn = models.CharField(_("統一編號"), max_length=8, blank=True, validators=[validate_ubn])
    industry_code = models.CharField(_("行業代碼"), max_length=10, blank=True)
    industry_name = models.CharField(_("行業"), max_length=100, blank=True)
    service_types = models.JSONField(_("服務類型"), default=list, blank=True)
    notes = models.TextField(_("備註"), blank=True)
    active = models.BooleanField(_("合作中"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "委託者"

    def __str__(self) -> str:
        return self.name

    def service_type_labels(self) -> list[str]:
        labels = dict(ServiceType.choices)
        return [str(labels.get(s, s)) for s in self.service_types]


class ClientContact(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("聯絡人"), max_length=100)
    title = models.CharField(_("職稱"), max_length=100, blank=True)
    email = models.EmailField(_("電子郵件"), blank=True)
    phone = models.CharField(_("電話"), max_length=30, blank=True)
    is_security_contact = models.BooleanField(_("資安事件聯絡窗口"), default=False)

    class Meta:
        ordering = ["-is_security_contact", "name"]

    def __str__(self) -> str:
        return self.name
