from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from shouhu.inventory import services
from shouhu.inventory.models import PersonalDataFile


def test_art8_notice_text_for_a_controller_file(
    make_file: Callable[..., PersonalDataFile], officer: Any
) -> None:
    pd_file = make_file(
        role="controller", client=None, cross_border=True, countries=["日本"], retention_basis="商業會計法"
    )
    text = services.generate_notice(actor=officer, pd_file=pd_file).text
    lines = text.splitlines()
    assert lines[0] == "個人資料蒐集、處理及利用告知事項"
    assert lines[2] == "守護資訊股份有限公司依個人資料保護法第八條規定，向您告知下列事項："
    assert lines[3] == "一、蒐集者名稱：守護資訊股份有限公司。"
    assert lines[4] == "二、蒐集之目的：090 消費者、客戶管理與服務、148 網路購物及其他電子商務服務。"
    assert lines[5] == "三、個人資料之類別：C001 辨識個人者、C002 辨識財務者。"
    assert lines[6].startswith(
        "四、個人資料利用之期間、地區、對象及方式：（一）期間：契約存續期間及終止後一年（依據：商業會計法）；"
    )
    assert "（二）地區：中華民國境內，以及日本" in lines[6]
    assert "（四）方式：出貨與客服" in lines[6]
    assert lines[7].startswith("五、您依個人資料保護法第三條規定得行使之權利及方式：")
    for right in (
        "查詢或請求閱覽",
        "請求製給複製本",
        "請求補充或更正",
        "請求停止蒐集、處理或利用",
        "請求刪除",
    ):
        assert right in lines[7]
    assert lines[8].startswith("六、您得自由選擇是否提供個人資料；若不提供或提供不完整")
    assert len(lines) == 9


def test_processor_notice_names_the_client(make_file: Callable[..., PersonalDataFile], officer: Any) -> None:
    text = services.generate_notice(actor=officer, pd_file=make_file()).text
    assert "一、蒐集者名稱：好物商城股份有限公司。" in text
    assert "（三）對象：好物商城股份有限公司及受其委託處理資料之守護資訊股份有限公司" in text


def test_art9_notice_states_the_source_and_omits_item_six(
    make_file: Callable[..., PersonalDataFile], officer: Any
) -> None:
    notice = services.generate_notice(
        actor=officer, pd_file=make_file(), kind="art9", data_source="合作廠商提供之名單"
    )
    lines = notice.text.splitlines()
    assert lines[2].endswith("依個人資料保護法第九條規定，向您告知下列事項：")
    assert lines[3] == "一、個人資料來源：合作廠商提供之名單。"
    assert not any("自由選擇" in line for line in lines)
    assert notice.data_source == "合作廠商提供之名單"


def test_art9_needs_a_source(make_file: Callable[..., PersonalDataFile], officer: Any) -> None:
    with pytest.raises(ValidationError, match="須告知個人資料來源"):
        services.generate_notice(actor=officer, pd_file=make_file(), kind="art9")
