"""Input shape for scan sources. Rules live in ``validation``/``services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from shouhu.core.formtools import limit_choices
from shouhu.inventory import selectors as inventory
from shouhu.inventory.models import PersonalDataFile, System
from shouhu.scans.models import ScanSource, SourceKind


class SourceForm(forms.Form):
    name = forms.CharField(label=_("名稱"), max_length=200)
    kind = forms.ChoiceField(label=_("類型"), choices=SourceKind.choices, widget=forms.RadioSelect)
    path = forms.CharField(
        label=_("伺服器路徑"),
        max_length=1000,
        required=False,
        help_text=_("伺服器上的目錄或檔案，例如 /srv/exports"),
    )
    include = forms.CharField(
        label=_("包含（glob，每行一個）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    exclude = forms.CharField(
        label=_("排除（glob，每行一個）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    max_size_mb = forms.IntegerField(label=_("單檔大小上限（MB）"), min_value=1, initial=100)
    database_url = forms.CharField(
        label=_("資料庫連線網址"),
        required=False,
        max_length=1000,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_(
            "例如 postgresql://帳號:密碼@主機:5432/資料庫；加密保存，之後只顯示遮罩。編輯時留白表示不變更。"
        ),
    )
    sample_rows = forms.IntegerField(label=_("每表抽樣筆數（0 = 全表）"), min_value=0, initial=1000)
    pd_files = forms.ModelMultipleChoiceField(
        label=_("對應個人資料檔案"),
        queryset=PersonalDataFile.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    system = forms.ModelChoiceField(label=_("對應系統"), queryset=System.objects.none(), required=False)

    def __init__(self, *args: Any, user: Any, source: ScanSource | None = None, **kwargs: Any) -> None:
        if source is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": source.name,
                "kind": source.kind,
                "path": source.path,
                "include": source.include,
                "exclude": source.exclude,
                "max_size_mb": source.max_size_mb,
                "sample_rows": source.sample_rows,
                "pd_files": list(source.files.all()),
                "system": source.system,
            }
        super().__init__(*args, **kwargs)
        # only the files and systems the user may read (a department officer: their departments')
        linked = (list(source.files.all()), source.system) if source is not None else ([], None)
        limit_choices(self, "pd_files", inventory.files(actor=user), gettext("個人資料檔案"), keep=linked[0])
        limit_choices(self, "system", inventory.systems(actor=user), gettext("系統"), keep=linked[1])
        if source is not None and source.url_masked:
            self.fields["database_url"].help_text = f"目前：{source.url_masked}（留白表示不變更）"

    def service_data(self) -> dict[str, Any]:
        """Cleaned data in the services' shape (``files`` is a reserved form attribute, hence ``pd_files``)."""
        data = dict(self.cleaned_data)
        data["files"] = data.pop("pd_files", [])
        return data


#: Masking methods as shown to officers (zh-TW first; English in the app's locale).
MASK_METHODS = (
    ("partial", _("部分遮罩（王○明、A12****789）")),
    ("pseudonym", _("假名（格式不變、可通過檢查碼，同值同結果）")),
    ("hash", _("金鑰雜湊代碼（同值同結果）")),
    ("generalize", _("概化（生日→年、地址→鄉鎮市區）")),
    ("remove", _("刪除")),
)


class MaskForm(forms.Form):
    file = forms.FileField(
        label=_("檔案"),
        help_text=_(
            "CSV、TSV、XLSX、JSONL、SQL 傾印檔（純文字 SQL，或 pg_dump 自訂 -Fc／tar -Ft 封存檔，"
            "遮罩後輸出為純文字 SQL）。"
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.tsv,.xlsx,.jsonl,.ndjson,.sql,.dump,.backup,.tar"}
        ),
    )
    default = forms.ChoiceField(label=_("遮罩方式"), choices=MASK_METHODS, initial="partial")
    birth_date = forms.ChoiceField(label=_("出生年月日"), choices=MASK_METHODS, initial="generalize")
    address = forms.ChoiceField(label=_("地址"), choices=MASK_METHODS, initial="partial")
    rules = forms.CharField(
        label=_("欄位規則（每行一條：欄位=方式 或 欄位=方式:類別）"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "可留白。方式為 partial、pseudonym、hash、generalize、remove、keep；欄位名稱可用 * 萬用字元。"
            "SQL 傾印檔與 XLSX 可寫 資料表.欄位（XLSX 的資料表是工作表名稱）；CSV、TSV、JSONL 的資料表是檔名"
            "（不含副檔名）。沒有符合任何欄位的規則會列在結果的注意事項。"
        ),
    )

    def methods(self) -> dict[str, str]:
        return {"birth_date": self.cleaned_data["birth_date"], "address": self.cleaned_data["address"]}


class DatabaseMaskForm(forms.Form):
    """A masked copy of a database scan source into a target database (the page never shows the URL back)."""

    target_mode = forms.ChoiceField(
        label=_("目的資料庫"),
        choices=(("existing", _("既有的空資料庫")), ("new", _("建立新資料庫"))),
        initial="existing",
        required=False,  # left out: an existing database, as before the choice existed
        widget=forms.RadioSelect(attrs={"class": "js-target-mode"}),
    )
    new_name = forms.CharField(
        label=_("新資料庫名稱"),
        max_length=63,
        required=False,
        help_text=_(
            "建立新資料庫且未填連線網址時，在來源所在的伺服器上以來源的帳號建立（該帳號須有建立資料庫的權限）；"
            "SQLite 來源則建立於 SHOUHU_HOME/masked-copies/名稱.sqlite3。填了連線網址時，建立網址所指的資料庫。"
            "已存在的資料庫不會被覆寫。"
        ),
    )
    target_url = forms.CharField(
        label=_("目的資料庫連線網址"),
        required=False,
        max_length=1000,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_(
            "例如 postgresql://帳號:密碼@主機:5432/遮罩副本 或 sqlite:////srv/masked.db；須為另一個資料庫，"
            "其中不可有同名資料表。只加密保存到工作結束，不顯示回來。"
        ),
    )
    tables = forms.CharField(
        label=_("資料表（每行一個；留白 = 全部）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    default = forms.ChoiceField(label=_("遮罩方式"), choices=MASK_METHODS, initial="pseudonym")
    birth_date = forms.ChoiceField(label=_("出生年月日"), choices=MASK_METHODS, initial="generalize")
    address = forms.ChoiceField(label=_("地址"), choices=MASK_METHODS, initial="generalize")
    rules = forms.CharField(
        label=_("欄位規則（每行一條：欄位=方式 或 欄位=方式:類別）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "依最近一次掃描的發現預先填入；方式為 partial、pseudonym、hash、generalize、remove、keep。"
            "欄位名稱可用 * 萬用字元。"
        ),
    )

    def methods(self) -> dict[str, str]:
        return {"birth_date": self.cleaned_data["birth_date"], "address": self.cleaned_data["address"]}
