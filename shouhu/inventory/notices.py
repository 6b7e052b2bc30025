"""The PDPA Art. 8 notice (direct collection) and Art. 9 notice (indirect, with the data source), built in
Traditional Chinese from a personal-data file. The text is a draft: the person edits it before use."""

from __future__ import annotations

from shouhu.core.official import in_official_language
from shouhu.inventory.models import NoticeKind, PersonalDataFile, Role

ZH_NUMBERS = "一二三四五六七八九十"
RIGHTS = ("查詢或請求閱覽", "請求製給複製本", "請求補充或更正", "請求停止蒐集、處理或利用", "請求刪除")


def _collector_name(pd_file: PersonalDataFile) -> str:
    """Under PDPA Art. 4 a processor acts as the client, so the notice names the client."""
    if pd_file.role == Role.PROCESSOR and pd_file.client is not None:
        return pd_file.client.name
    from shouhu.organization.selectors import company

    profile = company()
    return profile.name if profile else "（請填寫公司名稱）"


@in_official_language
def build(pd_file: PersonalDataFile, *, kind: str = NoticeKind.DIRECT, data_source: str = "") -> str:
    name = _collector_name(pd_file)
    purposes = "、".join(str(p) for p in pd_file.purposes.all()) or "（請選擇特定目的）"
    categories = "、".join(f"{c.code} {c.name}" for c in pd_file.categories.all()) or "（請選擇個人資料類別）"
    period = pd_file.retention_period or "特定目的存續期間，或依相關法令、契約所定之保存期間"
    if pd_file.retention_basis:
        period += f"（依據：{pd_file.retention_basis}）"
    area = "中華民國境內"
    countries = list(pd_file.countries) if pd_file.cross_border else []
    if pd_file.pk is not None:  # and the countries of the transfers registered for this file
        from shouhu.thirdparties.selectors import transfer_countries

        countries += [c for c in transfer_countries(file_id=pd_file.pk) if c not in countries]
    if countries:
        area += "，以及" + "、".join(countries)
    recipients = name
    if pd_file.role == Role.PROCESSOR:
        from shouhu.organization.selectors import company

        profile = company()
        if profile:
            recipients += f"及受其委託處理資料之{profile.name}"
    manner = pd_file.lifecycle_use or "以自動化機器或其他非自動化方式，於上述目的範圍內處理及利用"
    article = "第九條" if kind == NoticeKind.INDIRECT else "第八條"
    items: list[str] = []
    if kind == NoticeKind.INDIRECT:
        items.append(f"個人資料來源：{data_source.strip()}。")
    items += [
        f"蒐集者名稱：{name}。",
        f"蒐集之目的：{purposes}。",
        f"個人資料之類別：{categories}。",
        (
            f"個人資料利用之期間、地區、對象及方式：（一）期間：{period}；（二）地區：{area}；"
            f"（三）對象：{recipients}；（四）方式：{manner}。"
        ),
        (
            "您依個人資料保護法第三條規定得行使之權利及方式：您就您的個人資料得"
            + "、".join(RIGHTS)
            + f"。請以書面或電子郵件向{name}提出，{name}將依同法第十三條規定之期限答覆。"
        ),
    ]
    if kind == NoticeKind.DIRECT:
        items.append(
            f"您得自由選擇是否提供個人資料；若不提供或提供不完整，{name}將無法為您提供相關服務或完成相關作業。"
        )
    lines = [
        "個人資料蒐集、處理及利用告知事項",
        "",
        f"{name}依個人資料保護法{article}規定，向您告知下列事項：",
    ]
    lines += [f"{ZH_NUMBERS[i]}、{text}" for i, text in enumerate(items)]
    return "\n".join(lines)
