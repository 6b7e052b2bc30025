"""Regulatory facts per party, and the compliance calendar (obligations, completions, reminders, feeds).

The facts live here, linked one-to-one to the organisation module's ``Client`` and ``CompanyProfile``;
the law engine (``shouhu.engines.law``) reads them as ``PartyFacts`` through ``shouhu.law.selectors``.
One source of truth: what the organisation record holds is never copied here — the company's type,
paid-in capital and main industry code come from ``CompanyProfile``, a client's main industry code and
whether we host its systems from ``Client`` (``service_types``). The facts here only add what the
organisation records do not hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from shouhu.core import messages
from shouhu.core.bilingual import lazy_pick, pick
from shouhu.engines.law.facts import CompanyType, NccCategory, Sector, SpecialReason

if TYPE_CHECKING:  # django-stubs is a development dependency
    from django_stubs_ext import StrOrPromise

    from shouhu.engines.law.model import RecurringObligation

_NON_NEGATIVE = _("不可為負數。")

COMPANY_TYPE_CHOICES = [(t.value, lazy_pick(t.label_zh, t.label_en)) for t in CompanyType]
SPECIAL_REASON_CHOICES = [(r.value, lazy_pick(r.label_zh, r.label_en)) for r in SpecialReason]
SECTOR_CHOICES = [
    (Sector.MOEA_ANNEX1.value, _("經濟部辦法附表一所列製造業或技術服務業")),
    (Sector.INTERNET_RETAIL.value, _("以網際網路零售商品或經營零售服務平台")),
    (Sector.MOEA_DESIGNATED_RETAILER.value, _("受經濟部指定之網路零售公司或商號")),
    (Sector.SPECIALLY_LICENSED.value, _("應經特許、許可或受專門管理法令規範之行業")),
    (Sector.THIRD_PARTY_PAYMENT.value, _("第三方支付")),
    (Sector.TOURIST_HOTEL.value, _("觀光旅館業")),
    (Sector.HOTEL.value, _("旅館業")),
    (Sector.BNB.value, _("民宿")),
    (Sector.TRAVEL_AGENCY.value, _("旅行業")),
    (Sector.TOURIST_AMUSEMENT.value, _("觀光遊樂業")),
    (Sector.CRAM_SCHOOL.value, _("立案之短期補習班")),
    (Sector.AFTER_SCHOOL_CARE.value, _("私立兒童課後照顧服務中心")),
    (Sector.FSC_REGULATED.value, _("金管會指定之金融機構或財團法人")),
    (Sector.HOSPITAL.value, _("醫院")),
    (Sector.AGRICULTURAL_FINANCE.value, _("農業金融業（全國農業金庫、農漁會信用部、農業信用保證基金等）")),
]
NCC_CHOICES = [
    (NccCategory.TELECOM.value, _("電信事業")),
    (NccCategory.ISP.value, _("網際網路接取服務提供者")),
    (NccCategory.CABLE_TV.value, _("有線廣播電視系統經營者")),
    (NccCategory.TV.value, _("電視事業")),
    (NccCategory.DBS.value, _("直播衛星服務事業")),
    (NccCategory.SATELLITE_CHANNEL.value, _("衛星新聞或購物頻道")),
    (NccCategory.DISPUTE_BODY.value, _("電信爭議處理機構")),
    (NccCategory.OTHER_ANNOUNCED.value, _("其他NCC公告之事業")),
]


def _count(label: StrOrPromise) -> models.BigIntegerField:
    return models.BigIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, format_lazy("{}{}", label, _NON_NEGATIVE))],
    )


class PartyFactsBase(models.Model):
    """The facts the applicability engine reads, shared by our company and each client."""

    # Besides the main industry code of the organisation record (CompanyProfile / Client.industry_code).
    industry_codes = models.JSONField(_("其他行業統計分類代碼"), default=list, blank=True)
    business_item_codes = models.JSONField(_("營業項目代碼"), default=list, blank=True)
    registered_capital = _count(_("登記資本額"))
    is_government_agency = models.BooleanField(_("公務機關"), default=False)
    special_reasons = models.JSONField(_("特定非公務機關之原因"), default=list, blank=True)
    sectors = models.JSONField(_("申報之行業別"), default=list, blank=True)
    consumer_records = _count(_("保有消費者個資筆數"))
    records_from_inventory = models.BooleanField(
        _("筆數取自個資盤點"),
        default=False,
        help_text=_("勾選後以個資盤點之筆數合計為準（無盤點資料時用手動筆數）"),
    )
    hospital_beds = _count(_("病床數"))
    ncc_categories = models.JSONField(_("NCC 指定事業類別"), default=list, blank=True)
    ncc_subscribers = _count(_("訂戶（用戶）數"))
    # None: not yet known — the pharmacy/cosmetics rules then "may apply" (never a silent no).
    collects_customer_data = models.BooleanField(
        _("招募會員或取得客戶個資（藥品、化粧品業）"), null=True, blank=True, default=None
    )
    threshold_reached_on = models.DateField(_("首次達筆數或資本額門檻之日"), null=True, blank=True)
    resuming_after_suspension = models.BooleanField(_("暫停執行後再達門檻"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        """Check the list fields item by item (codes by pattern, choices by value), with zh-TW messages."""
        errors: dict[str, list[str]] = {}
        for name, validator in CODE_LIST_VALIDATORS.items():
            for code in self._list(name, errors):
                try:
                    validator(code)
                except ValidationError as error:
                    errors.setdefault(name, []).extend(f"{code}：{m}" for m in error.messages)
        for name, choices in LIST_CHOICES.items():
            allowed = {value for value, _ in choices}
            for value in self._list(name, errors):
                if value not in allowed:
                    errors.setdefault(name, []).append(gettext("無效的選項：{value}").format(value=value))
        if self.is_government_agency and self.special_reasons:
            errors.setdefault("special_reasons", []).append(gettext("公務機關不可同時為特定非公務機關。"))
        if errors:
            raise ValidationError(errors)

    def _list(self, name: str, errors: dict[str, list[str]]) -> list[str]:
        value = getattr(self, name)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            errors.setdefault(name, []).append(gettext("應為字串清單。"))
            return []
        return value


COMPANY_FACTS_NAME = messages.define("law.name.company_facts", gettext_noop("本公司法規事實（{company}）"))


class CompanyFacts(messages.Named, PartyFactsBase):
    """Regulatory facts of our own company."""

    company = models.OneToOneField(
        "organization.CompanyProfile",
        on_delete=models.CASCADE,
        related_name="law_facts",
        verbose_name=_("公司"),
    )
    government_contracts = models.BooleanField(_("受公務機關或特定非公務機關委託"), default=False)

    class Meta:
        verbose_name = _("本公司法規事實")

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return COMPANY_FACTS_NAME, {"company": str(self.company)}


CLIENT_FACTS_NAME = messages.define("law.name.client_facts", gettext_noop("委託者法規事實（{client}）"))


class ClientFacts(messages.Named, PartyFactsBase):
    """Regulatory facts of one client (委託者)."""

    client = models.OneToOneField(
        "organization.Client", on_delete=models.CASCADE, related_name="law_facts", verbose_name=_("委託者")
    )
    # The client record holds no company type or capital, so they are kept here (our company's come
    # from its profile). Hosting comes from the client's service types (代管).
    company_type = models.CharField(_("組織型態"), max_length=40, choices=COMPANY_TYPE_CHOICES, blank=True)
    paid_in_capital = _count(_("實收資本額"))

    class Meta:
        verbose_name = _("委託者法規事實")

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return CLIENT_FACTS_NAME, {"client": str(self.client)}


OBLIGATION_NAME = messages.define("law.name.obligation", gettext_noop("{title}"))


class Obligation(messages.Named, models.Model):
    """A compliance-calendar item: a recurring obligation or a one-off follow-up from a threshold."""

    class Kind(models.TextChoices):
        RECURRING = "recurring", _("週期義務")
        FOLLOW_UP = "follow_up", _("門檻後續義務")
        EVENT = "event", _("依個別紀錄")

    key = models.CharField(_("代號"), max_length=100, unique=True)
    kind = models.CharField(_("類別"), max_length=20, choices=Kind.choices)
    title_zh = models.CharField(_("名稱"), max_length=200)
    frequency = models.CharField(_("頻率"), max_length=10, blank=True)
    frequency_is_default = models.BooleanField(_("頻率為預設值"), default=False)
    also_when_zh = models.CharField(pgettext_lazy("calendar field", "另於"), max_length=200, blank=True)
    source_zh = models.TextField(_("依據"), blank=True)
    condition = models.CharField(_("適用條件"), max_length=60, blank=True)
    reason_zh = models.TextField(_("適用或停用理由"), blank=True)
    law_version = models.CharField(_("法規版本"), max_length=60, blank=True)
    active = models.BooleanField(_("適用中"), default=True)
    activated_on = models.DateField(_("開始適用日"))
    deactivated_on = models.DateField(_("停止適用日"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="law_obligations",
        verbose_name=_("負責人"),
    )
    last_done_on = models.DateField(_("最近完成日"), null=True, blank=True)
    due_on = models.DateField(_("下次到期日"), null=True, blank=True)
    # Non-empty when the rule behind the item only may apply: 「可能適用：尚缺 保有個資筆數」.
    pending_zh = models.CharField(_("待確認事實"), max_length=300, blank=True)
    # The engine's English for reason_zh and pending_zh, stored beside them at each sync (empty on rows synced
    # before these fields existed, until the next sync: the daily reminder job syncs first).
    reason_en = models.TextField(blank=True, default="")
    pending_en = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["-active", "due_on", "key"]
        verbose_name = _("法遵行事曆項目")

    def __str__(self) -> str:
        return self.title_zh

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """The item's title from the law data, in both languages (the catalogue's English when it has one)."""
        item = self._catalogue_item()
        return OBLIGATION_NAME, {"title": {"zh": self.title_zh, "en": item.title_en if item else None}}

    def _catalogue_item(self) -> RecurringObligation | None:
        from shouhu.engines.law.catalogue import load_catalogue

        return next((o for o in load_catalogue().recurring if o.id == self.key), None)

    @property
    def title(self) -> str:
        """The name to show: the catalogue's English for a recurring item on English pages, else title_zh."""
        item = self._catalogue_item()
        return pick(self.title_zh, item.title_en if item else None)

    @property
    def source(self) -> str:
        """Where the item comes from, in the page's language (the catalogue's English for a recurring item)."""
        item = self._catalogue_item()
        return pick(self.source_zh, item.source_en if item and item.source_zh == self.source_zh else None)

    @property
    def notes(self) -> str:
        """The catalogue's note on a recurring item (default frequency, thresholds, what completes it), in the
        page's language; "" for items without one."""
        item = self._catalogue_item()
        return pick(item.notes_zh, item.notes_en) if item else ""

    @property
    def reason(self) -> str:
        """Why the item applies or was retired, in the reader's language (the stored zh-TW without English)."""
        from shouhu.core.bilingual import pick

        return pick(self.reason_zh, self.reason_en or None)

    @property
    def pending(self) -> str:
        """「可能適用：尚缺 …」 / "May apply: missing …" in the reader's language; "" when nothing is pending."""
        from shouhu.core.bilingual import pick

        return pick(self.pending_zh, self.pending_en or None)

    @property
    def also_when(self) -> str:
        """The extra occasion (「公司資安或個資政策更新時」) in the reader's language; the catalogue's English on English
        pages, the stored zh-TW otherwise."""
        from shouhu.core.bilingual import pick
        from shouhu.engines.law.catalogue import load_catalogue

        if not self.also_when_zh:
            return ""
        english = next((o.also_when_en for o in load_catalogue().recurring if o.id == self.key), None)
        return pick(self.also_when_zh, english or None)


COMPLETION_NAME = messages.define("law.name.completion", gettext_noop("{obligation}：{done_on}"))


class Completion(messages.Named, models.Model):
    """One completion of an obligation, with the evidence that shows it."""

    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, related_name="completions")
    done_on = models.DateField(_("完成日"))
    note = models.TextField(_("說明"), blank=True)  # as typed, or the zh-TW of a note another module wrote
    # A note another module wrote (``core.messages``), rendered in the reader's language; empty when typed.
    message_key = models.CharField(max_length=60, blank=True, default="")
    message_facts = models.JSONField(default=dict, blank=True)
    evidence = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("佐證檔案")
    )
    # Empty when a scheduled job recorded it (e.g. the monthly log-monitoring summary); audited as the system.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("登錄者")
    )
    # The record that proves it when another module completed it ("drills.drill:12"), so the completion can
    # be withdrawn when that record is changed or deleted; empty for completions entered on the calendar.
    source = models.CharField(_("來源紀錄"), max_length=100, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-done_on", "-id"]
        verbose_name = pgettext_lazy("model", "完成紀錄")

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """「個資檔案安全維護計畫檢視：2026-11-01」: the item's title in both languages, and the date."""
        item = self.obligation._catalogue_item()
        title = {"zh": self.obligation.title_zh, "en": item.title_en if item else None}
        return COMPLETION_NAME, {"obligation": title, "done_on": self.done_on.isoformat()}

    @property
    def note_shown(self) -> str:
        """The note in the reader's language (a typed note as typed)."""
        from shouhu.core.messages import shown

        return shown(self, "note")


class Reminder(models.Model):
    """A reminder e-mail sent, one per obligation, due date and kind (so a rerun sends nothing twice)."""

    class Kind(models.TextChoices):
        UPCOMING = "upcoming", pgettext_lazy("reminder", "即將到期")
        OVERDUE = "overdue", pgettext_lazy("reminder", "已逾期")

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["obligation", "due_on", "kind"], name="law_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.obligation} {self.kind} {self.due_on}"


class FeedToken(models.Model):
    """The secret token in a user's iCalendar feed URL; only its SHA-256 is stored."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="law_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"feed:{self.user_id}"


CODE_LIST_VALIDATORS = {
    "industry_codes": RegexValidator(r"^\d{2,4}$", _("行業統計分類代碼應為2至4位數字，例如 6201。")),
    "business_item_codes": RegexValidator(r"^[A-Z][A-Z0-9]\d{5}$", _("營業項目代碼格式錯誤，例如 J201031。")),
}
LIST_CHOICES: dict[str, list[tuple[str, Any]]] = {
    "special_reasons": SPECIAL_REASON_CHOICES,
    "sectors": SECTOR_CHOICES,
    "ncc_categories": NCC_CHOICES,
}
