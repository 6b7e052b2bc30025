"""Personal-data inventory (個資盤點): MOJ reference codes, systems and assets, personal-data files,
data-flow steps, notices (告知事項) and pending imports."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from shouhu.core import messages
from shouhu.organization.models import Client, Department

MOJ_SOURCE = "法務部「個人資料保護法之特定目的及個人資料之類別」LSID FL010631"
MOJ_VERSION = "2012-10-01"


class RefStatus(models.TextChoices):
    """Who set a code's name. ``LISTED`` and ``MISSING`` rows are the seeder's (the shipped transcription
    lists the code, or does not); ``ADMIN`` rows hold wording an administrator entered with its source, and
    ``CUSTOM`` purposes are the company's own: re-seeding never touches those two."""

    LISTED = "listed", _("已收錄")
    MISSING = "missing", _("尚未收錄")
    ADMIN = "admin", _("管理者填寫")
    CUSTOM = "custom", _("自訂（無對應代碼）")


SEEDED = (RefStatus.LISTED, RefStatus.MISSING)


PURPOSE_MISSING_NAME = messages.define("inventory.name.purpose_missing", gettext_noop("{code}（尚未收錄）"))
PURPOSE_CUSTOM_NAME = messages.define("inventory.name.purpose_custom", gettext_noop("自訂：{name}"))


class Purpose(messages.Named, models.Model):
    """A specific purpose (特定目的). ``code`` is the 3-digit MOJ code; custom purposes have none."""

    code = models.CharField(_("代碼"), max_length=3, null=True, blank=True, unique=True)
    name = models.CharField(_("名稱"), max_length=300, blank=True)
    status = models.CharField(_("狀態"), max_length=10, choices=RefStatus.choices, default=RefStatus.LISTED)
    verification = models.CharField(_("查核"), max_length=20, blank=True)
    source = models.CharField(_("來源"), max_length=300, blank=True)
    version = models.CharField(_("版本"), max_length=20, blank=True)
    # The published copies the shipped wording was transcribed from (" | " between copies), and the
    # transcription's caveats; empty for an administrator's or a custom purpose.
    transcribed_from = models.TextField(_("轉錄出處"), blank=True)
    note = models.TextField(_("轉錄備註"), blank=True)

    class Meta:
        ordering = ["code", "name"]
        verbose_name = _("特定目的")

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """「自訂：…」 and 「…（尚未收錄）」 in the reader's language; an MOJ code and its official name as listed."""
        if self.status == RefStatus.MISSING:
            return PURPOSE_MISSING_NAME, {"code": self.code}
        return (PURPOSE_CUSTOM_NAME, {"name": self.name}) if not self.code else ("", {})

    def name_message(self) -> messages.Message:
        if self.code and self.status != RefStatus.MISSING:
            return messages.Message("", {}, f"{self.code} {self.name}")
        return super().name_message()

    def name_shown(self) -> str:
        if self.code and self.status != RefStatus.MISSING:
            return f"{self.code} {self.name}"
        return super().name_shown()

    @property
    def usable(self) -> bool:
        return self.status != RefStatus.MISSING


class Category(models.Model):
    """A data category (個人資料之類別), e.g. C001 辨識個人者."""

    code = models.CharField(_("代碼"), max_length=4, unique=True)
    name = models.CharField(_("名稱"), max_length=200, blank=True)
    description = models.TextField(_("說明"), blank=True)
    group = models.CharField(_("分類"), max_length=30, blank=True)
    status = models.CharField(_("狀態"), max_length=10, choices=RefStatus.choices, default=RefStatus.LISTED)
    verification = models.CharField(_("查核"), max_length=20, blank=True)
    source = models.CharField(_("來源"), max_length=300, blank=True)
    version = models.CharField(_("版本"), max_length=20, blank=True)
    transcribed_from = models.TextField(_("轉錄出處"), blank=True)
    note = models.TextField(_("轉錄備註"), blank=True)
    special = models.BooleanField(_("個資法第 6 條特種個資"), default=False)
    # The article (and its words) that make the category special, from data/pdpa-art6-categories.csv.
    special_basis = models.CharField(_("特種個資依據"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("個人資料類別")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SpecialCategory(models.TextChoices):
    """PDPA Art. 6 special categories."""

    MEDICAL_RECORD = "medical_record", _("病歷")
    MEDICAL = "medical", _("醫療")
    GENETIC = "genetic", _("基因")
    SEX_LIFE = "sex_life", _("性生活")
    HEALTH_EXAM = "health_exam", _("健康檢查")
    CRIMINAL = "criminal", _("犯罪前科")


class LegalBasis(models.TextChoices):
    """PDPA Art. 19 I items (non-public agencies)."""

    LAW = "1", _("一、法律明文規定")
    CONTRACT = "2", _("二、與當事人有契約或類似契約之關係，且已採取適當之安全措施")
    PUBLIC = "3", _("三、當事人自行公開或其他已合法公開之個人資料")
    RESEARCH = "4", _("四、學術研究機構基於公共利益為統計或學術研究而有必要")
    CONSENT = "5", _("五、經當事人同意")
    PUBLIC_INTEREST = "6", _("六、為增進公共利益所必要")
    GENERAL_SOURCE = "7", _("七、個人資料取自於一般可得之來源")
    NO_HARM = "8", _("八、對當事人權益無侵害")


class DataSubject(models.TextChoices):
    EMPLOYEE = "employee", _("員工")
    CLIENT_CONTACT = "client_contact", _("客戶承辦人")
    SUPPLIER_CONTACT = "supplier_contact", _("上下游供應商承辦人")
    CONSUMER = "consumer", _("委託者之消費者")
    MAINTENANCE = "maintenance", _("維修時接觸個資")
    OTHER = "other", _("其他")


class SystemKind(models.TextChoices):
    COMPUTER = "computer", _("內部電腦")
    SYSTEM = "system", _("內部資訊系統")
    CLIENT_STORE = "client_store", _("儲存客戶之消費者個資之系統或設備")
    DEVICE = "device", _("其他設備")


class Location(models.TextChoices):
    ON_PREMISES = "on_premises", _("公司內部")
    OWN_DC = "own_dc", _("自有機房")
    CLIENT = "client", _("委託者端")
    CLOUD = "cloud", _("第三方雲端")


class NetworkZone(models.TextChoices):
    DMZ = "dmz", "DMZ"
    APP = "app", _("應用區")
    DB = "db", _("資料庫區")
    TEST = "test", _("測試區")
    OFFICE = "office", _("辦公區")


class Hosting(models.TextChoices):
    SELF = "self", _("本公司")
    CLIENT = "client", _("委託者")
    THIRD_PARTY = "third_party", _("第三方服務商")
    SHARED = "shared", _("共同負責")


class System(models.Model):
    """A computer, information system or device (附錄二 2.1.1). ``name`` is the natural key for imports."""

    name = models.CharField(_("名稱"), max_length=200, unique=True)
    kind = models.CharField(_("類型"), max_length=20, choices=SystemKind.choices)
    owner = models.CharField(_("負責人"), max_length=100, blank=True)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="systems",
        verbose_name=_("權責部門"),
    )
    location = models.CharField(_("位置"), max_length=20, choices=Location.choices)
    cloud_provider = models.CharField(_("雲端服務商"), max_length=100, blank=True)
    region = models.CharField(_("區域"), max_length=100, blank=True)
    network_zone = models.CharField(_("網段"), max_length=10, choices=NetworkZone.choices)
    holds_real_data = models.BooleanField(_("存放真實個資"), default=False)
    hosting = models.CharField(_("代管責任"), max_length=20, choices=Hosting.choices, default=Hosting.SELF)
    clients = models.ManyToManyField(Client, blank=True, related_name="systems", verbose_name=_("相關委託者"))
    notes = models.TextField(_("備註"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "系統與資產"

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CONTROLLER = "controller", _("蒐集者（本公司）")
    PROCESSOR = "processor", _("受託者（個資法第 4 條）")


class CountSource(models.TextChoices):
    MANUAL = "manual", _("人工填寫")
    SCAN = "scan", _("掃描結果")


class PersonalDataFile(models.Model):
    """個人資料檔案. ``natural_key`` (department|client|name) keeps re-imports free of duplicates."""

    name = models.CharField(_("個人資料檔案名稱"), max_length=200)
    natural_key = models.CharField(max_length=500, unique=True, editable=False)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="pd_files", verbose_name=_("權責部門")
    )
    business_process = models.CharField(_("業務流程"), max_length=200, blank=True, db_index=True)
    source_forms = models.TextField(_("來源表單與紀錄"), blank=True)
    role = models.CharField(_("本公司角色"), max_length=12, choices=Role.choices, default=Role.CONTROLLER)
    client = models.ForeignKey(
        Client,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pd_files",
        verbose_name=_("委託者"),
    )
    data_subjects = models.JSONField(_("當事人類型"), default=list, blank=True)
    data_subjects_other = models.CharField(_("其他當事人"), max_length=200, blank=True)
    purposes = models.ManyToManyField(Purpose, blank=True, related_name="files", verbose_name=_("特定目的"))
    categories = models.ManyToManyField(
        Category, blank=True, related_name="files", verbose_name=_("個資類別")
    )
    legal_bases = models.JSONField(_("蒐集依據（個資法第 19 條）"), default=list, blank=True)
    special_categories = models.JSONField(_("特種個資（個資法第 6 條）"), default=list, blank=True)
    records_general = models.PositiveBigIntegerField(_("一般個資筆數"), default=0)
    records_special = models.PositiveBigIntegerField(_("特種個資筆數"), default=0)
    counted_on = models.DateField(_("筆數計算日期"), null=True, blank=True)
    count_source = models.CharField(
        _("筆數來源"), max_length=10, choices=CountSource.choices, default=CountSource.MANUAL
    )
    systems = models.ManyToManyField(System, blank=True, related_name="pd_files", verbose_name=_("系統"))
    storage_locations = models.TextField(_("儲存位置"), blank=True)
    cross_border = models.BooleanField(_("跨境傳輸"), default=False)
    countries = models.JSONField(_("傳輸國家或地區"), default=list, blank=True)
    retention_period = models.CharField(_("保存期限"), max_length=100, blank=True)
    retention_basis = models.CharField(_("保存依據"), max_length=200, blank=True)
    lifecycle_collection = models.TextField(_("蒐集方式"), blank=True)
    lifecycle_processing = models.TextField(_("處理方式"), blank=True)
    lifecycle_use = models.TextField(_("利用方式"), blank=True)
    lifecycle_deletion = models.TextField(_("刪除方式"), blank=True)
    notice_given = models.BooleanField(_("已告知"), default=False)
    notice_reference = models.CharField(_("告知文件"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["department__name", "name", "id"]
        verbose_name = "個人資料檔案"

    def __str__(self) -> str:
        return self.name

    @property
    def total_records(self) -> int:
        return self.records_general + self.records_special

    def subject_labels(self) -> list[str]:
        labels = dict(DataSubject.choices)
        return [str(labels.get(s, s)) for s in self.data_subjects]

    def special_labels(self) -> list[str]:
        labels = dict(SpecialCategory.choices)
        return [str(labels.get(s, s)) for s in self.special_categories]


def file_natural_key(department_name: str, client_name: str | None, name: str) -> str:
    return "|".join(part.strip().casefold() for part in (department_name, client_name or "", name))


class FlowStage(models.TextChoices):
    COLLECTION = "collection", _("蒐集")
    INTERNAL = "internal", _("內部傳輸")
    EXTERNAL = "external", _("外部傳輸")
    STORAGE = "storage", _("儲存")
    USE = "use", _("利用")
    DELETION = "deletion", _("刪除")


FLOW_STEP_NAME = messages.define(
    "inventory.name.flow_step", gettext_noop("{stage} {description}"), messages.labels(stage=FlowStage)
)


class FlowStep(messages.Named, models.Model):
    """An explicit step of a file's data flow. Files without steps get one derived from their lifecycle."""

    file = models.ForeignKey(PersonalDataFile, on_delete=models.CASCADE, related_name="flow_steps")
    stage = models.CharField(_("階段"), max_length=12, choices=FlowStage.choices)
    system = models.ForeignKey(
        System, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("系統")
    )
    description = models.CharField(_("說明"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("順序"), default=0)

    class Meta:
        ordering = ["file", "order", "id"]
        verbose_name = "資料流程步驟"

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return FLOW_STEP_NAME, {"stage": self.stage, "description": self.description}


class NoticeKind(models.TextChoices):
    DIRECT = "art8", _("直接蒐集（個資法第 8 條）")
    INDIRECT = "art9", _("間接蒐集（個資法第 9 條）")


NOTICE_NAME = messages.define("inventory.name.notice", gettext_noop("{file} 告知事項 v{version}"))


class Notice(messages.Named, models.Model):
    """A version of a notice text for a file. Editing creates the next version; old ones are kept."""

    file = models.ForeignKey(PersonalDataFile, on_delete=models.CASCADE, related_name="notices")
    version = models.PositiveIntegerField(_("版本"), validators=[MinValueValidator(1)])
    kind = models.CharField(_("類型"), max_length=4, choices=NoticeKind.choices, default=NoticeKind.DIRECT)
    data_source = models.CharField(_("資料來源"), max_length=300, blank=True)
    text = models.TextField(_("告知內容"))
    generated = models.BooleanField(_("系統產生"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["file", "-version"]
        verbose_name = "告知事項"
        constraints = [models.UniqueConstraint(fields=["file", "version"], name="uniq_notice_version")]

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return NOTICE_NAME, {"file": str(self.file), "version": self.version}
