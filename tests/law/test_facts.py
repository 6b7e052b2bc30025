"""Party facts: validation with zh-TW errors, applicability with reasons on the page and via the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from shouhu.audit.models import AuditEvent
from shouhu.engines.law.facts import CompanyType, PartyFacts, Sector
from shouhu.law import selectors, services
from shouhu.law.models import ClientFacts, Obligation
from tests.law.conftest import client_data, company_data, set_profile

pytestmark = pytest.mark.django_db


def test_company_facts_need_a_company_profile(officer: Any) -> None:
    with pytest.raises(ValidationError, match="請先於「組織與人員」填寫公司基本資料"):
        services.save_company_facts(actor=officer, data=company_data())


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("paid_in_capital", -1, "實收資本額不可為負數。"),
        ("registered_capital", -10, "登記資本額不可為負數。"),
        ("consumer_records", -5, "保有消費者個資筆數不可為負數。"),
        ("hospital_beds", -1, "病床數不可為負數。"),
        ("ncc_subscribers", -3, "訂戶（用戶）數不可為負數。"),
        ("industry_codes", ["62A1"], "62A1：行業統計分類代碼應為2至4位數字，例如 6201。"),
        ("business_item_codes", ["j201031"], "j201031：營業項目代碼格式錯誤，例如 J201031。"),
        ("sectors", ["casino"], "無效的選項：casino"),
    ],
)
def test_impossible_facts_are_refused_with_zh_tw_messages(
    officer: Any, client_row: Any, field: str, value: Any, message: str
) -> None:
    with pytest.raises(ValidationError) as info:
        services.save_client_facts(actor=officer, client=client_row, data=client_data(**{field: value}))
    assert message in info.value.message_dict[field]
    assert not ClientFacts.objects.exists()


def test_government_agency_cannot_also_be_special_non_public(officer: Any, client_row: Any) -> None:
    data = client_data(is_government_agency=True, special_reasons=["state_owned"])
    with pytest.raises(ValidationError) as info:
        services.save_client_facts(actor=officer, client=client_row, data=data)
    assert "公務機關不可同時為特定非公務機關。" in info.value.message_dict["special_reasons"]


def test_saving_facts_is_audited_with_old_and_new_values(officer: Any, client_row: Any) -> None:
    services.save_client_facts(actor=officer, client=client_row, data=client_data(consumer_records=4999))
    services.save_client_facts(actor=officer, client=client_row, data=client_data(consumer_records=5000))
    event = AuditEvent.objects.filter(action="law.clientfacts.updated").get()
    assert event.changes["consumer_records"] == [4999, 5000]
    assert AuditEvent.objects.filter(action="law.clientfacts.created").count() == 1


def test_selector_gives_engine_party_facts(officer: Any, company: Any, client_row: Any) -> None:
    services.save_company_facts(
        actor=officer, data=company_data(industry_codes=["6312"], government_contracts=True)
    )
    services.save_client_facts(actor=officer, client=client_row, data=client_data(sectors=["cram_school"]))
    own = selectors.party_facts_for_company()
    theirs = selectors.party_facts_for_client(client_row)
    assert own == PartyFacts(
        party_id="self", name=company.name, industry_codes=("6201", "6312"),
        company_type=CompanyType.COMPANY_LIMITED_BY_SHARES, paid_in_capital=12_000_000, consumer_records=100,
        government_contracts=True,
    )  # fmt: skip
    assert theirs.party_id == f"client-{client_row.pk}"
    assert theirs.sectors == frozenset({Sector.CRAM_SCHOOL})
    assert theirs.hosting is False


def test_client_without_facts_gets_defaults(client_row: Any) -> None:
    facts = selectors.party_facts_for_client(client_row)
    assert facts == PartyFacts(party_id=f"client-{client_row.pk}", name=client_row.name, hosting=False)


@pytest.mark.parametrize(
    ("services_", "hosting"), [([], None), (["maintain"], False), (["build", "host"], True)]
)
def test_hosting_comes_from_the_client_service_types(services_: list[str], hosting: bool | None) -> None:
    from tests.factories import ClientFactory

    client = ClientFactory(service_types=services_)
    assert selectors.party_facts_for_client(client).hosting is hosting


def test_client_industry_code_is_carried_into_its_facts(officer: Any, client_row: Any) -> None:
    from shouhu.organization.models import Client

    Client.objects.filter(pk=client_row.pk).update(industry_code="8610")
    client_row.refresh_from_db()
    services.save_client_facts(
        actor=officer, client=client_row, data=client_data(industry_codes=["8610", "8620"])
    )
    assert selectors.party_facts_for_client(client_row).industry_codes == ("8610", "8620")


def test_changing_capital_in_the_profile_changes_applicability(
    officer: Any, company: Any, make_user: Any
) -> None:
    from shouhu.organization import services as organization

    admin = make_user("admin", username="boss")
    services.save_company_facts(actor=officer, data=company_data(consumer_records=10))
    assert "moda-art18" in selectors.assessment_for_company().ids()
    organization.save_company(actor=admin, data={"name": company.name, "ubn": company.ubn, "capital_twd": 9_000_000,
                                                 "company_type": "corporation", "industry_code": "6201"})  # fmt: skip
    assert "moda-art18" not in selectors.assessment_for_company().ids()
    services.sync_calendar(actor=officer)
    assert not Obligation.objects.get(key="moda-art18-risk").active


def test_inventory_counts_are_used_when_asked_and_fall_back_to_manual(officer: Any, client_row: Any) -> None:
    services.save_client_facts(
        actor=officer, client=client_row, data=client_data(consumer_records=7, records_from_inventory=True)
    )
    facts = selectors.client_facts(client_row)
    count = selectors.record_count(facts, client=client_row)
    # no inventory rows for this client: the manual count stays
    assert count.value == 7
    assert count.source_zh.startswith("手動填寫")


@pytest.mark.parametrize(
    ("capital", "applies"), [(9_999_999, False), (10_000_000, True)], ids=["below", "exactly-10M"]
)
def test_company_page_shows_moda_art18_with_reason(
    officer: Any, company: Any, login_as: Any, capital: int, applies: bool
) -> None:
    set_profile(company, capital_twd=capital)
    services.save_company_facts(actor=officer, data=company_data())
    page = login_as(officer).get(reverse("law:company_facts")).content.decode()
    answer_part = page.split('data-testid="not-applicable"')[0]
    reason = f"股份有限公司、實收資本額 NT${capital:,} ≥ NT$10,000,000 → 第18條年度檢視義務適用"
    assert (reason in answer_part) is applies
    assert 'data-rule="moda"' in answer_part
    assert "知悉後72小時內</strong>：數位經濟相關產業個資事故72小時內通報數位發展部" in answer_part
    assert "moda-digital" not in page


def test_client_page_form_rejects_negative_capital(officer: Any, client_row: Any, login_as: Any) -> None:
    client = login_as(officer)
    url = reverse("law:client_facts", args=[client_row.pk])
    response = client.post(url, {"paid_in_capital": "-1"})
    assert response.status_code == 200
    assert "實收資本額（新臺幣）不可為負數。" in response.content.decode()
    assert not ClientFacts.objects.exists()


def test_client_page_saves_and_reevaluates(officer: Any, client_row: Any, login_as: Any) -> None:
    client = login_as(officer)
    url = reverse("law:client_facts", args=[client_row.pk])
    response = client.post(
        url,
        {
            "ncc_categories": ["isp"],
            "ncc_subscribers": "3000",
            "industry_codes": "6101",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "網際網路接取服務提供者、訂戶 3,000 戶 ≥ 3,000 戶 → 適用" in page
    assert reverse("organization:client", args=[client_row.pk]) in page
    assert "本公司為委託者「甲電信股份有限公司」之受託者（僅建置或維護其系統）" in page


def test_applicability_on_a_chosen_date_uses_the_law_of_that_date(
    officer: Any, client_row: Any, login_as: Any
) -> None:
    data = client_data(sectors=["internet_retail"], company_type="company_limited_by_shares",
                       registered_capital=20_000_000)  # fmt: skip
    services.save_client_facts(actor=officer, client=client_row, data=data)
    url = reverse("law:client_facts", args=[client_row.pk])
    before = login_as(officer).get(url, {"on": "112/11/22"}).content.decode()  # last day in force
    after = login_as(officer).get(url, {"on": "2023-11-23"}).content.decode()
    assert 'data-rule="online-retail"' in before.split('data-testid="not-applicable"')[0]
    assert 'data-rule="online-retail"' not in after.split('data-testid="not-applicable"')[0]


def test_api_applicability_explains_each_decision(officer: Any, client_row: Any, login_as: Any) -> None:
    http = login_as(officer)
    put = http.put(
        f"/api/v1/law/facts/clients/{client_row.pk}",
        data={"sectors": ["hospital"], "hospital_beds": 99}, content_type="application/json",
    )  # fmt: skip
    assert put.status_code == 200
    not_applicable = {n["rule_id"]: n["reason_zh"] for n in put.json()["not_applicable"]}
    assert not_applicable["hospital"] == "醫院病床 99 床 < 100 床 → 不適用"
    http.put(f"/api/v1/law/facts/clients/{client_row.pk}", data={"sectors": ["hospital"], "hospital_beds": 100},
             content_type="application/json")  # fmt: skip
    body = http.get(f"/api/v1/law/applicability/clients/{client_row.pk}", {"on": "115/01/01"}).json()
    assert body["on"] == "2026-01-01"
    hospital = next(a for a in body["applicable"] if a["rule_id"] == "hospital")
    assert hospital["reason_zh"] == "醫院病床 100 床 ≥ 100 床 → 適用"
    assert hospital["law_version"]
    assert body["facts"]["hospital_beds"] == 100


def test_api_refuses_negative_facts_with_422(officer: Any, company: Any, login_as: Any) -> None:
    response = login_as(officer).put(
        "/api/v1/law/facts/company", data={"registered_capital": -1}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"]["registered_capital"] == ["登記資本額不可為負數。"]


def test_api_bad_date_is_422(auditor: Any, login_as: Any) -> None:
    response = login_as(auditor).get("/api/v1/law/applicability/company", {"on": "yesterday"})
    assert response.status_code == 422
    assert "無法辨識的日期" in response.json()["errors"]["on"][0]


def test_threshold_follow_up_is_shown_with_due_date(officer: Any, client_row: Any, login_as: Any) -> None:
    data = client_data(
        sectors=["moea_annex1"], consumer_records=5000, threshold_reached_on=dt.date(2026, 3, 1)
    )
    services.save_client_facts(actor=officer, client=client_row, data=data)
    page = login_as(officer).get(reverse("law:client_facts", args=[client_row.pk])).content.decode()
    assert 'data-follow-up="moea-plan-6m"' in page
    assert "民國115年9月1日前" in page


def test_catalogue_lists_versions_sources_and_unverified_marks(auditor: Any, login_as: Any) -> None:
    page = login_as(auditor).get(reverse("law:catalogue")).content.decode()
    assert "數位經濟相關產業個人資料檔案安全維護管理辦法" in page
    assert "已公布尚未施行" in page  # the 2025 PDPA amendment
    assert "已廢止" in page  # the online-retail rule
    assert "未經查證" in page
    assert "https://law.moj.gov.tw/" in page
    assert 'id="rule-' in page


def test_possible_rule_is_shown_with_the_missing_fact(officer: Any, client_row: Any, login_as: Any) -> None:
    services.save_client_facts(actor=officer, client=client_row, data=client_data(sectors=["hospital"]))
    page = login_as(officer).get(reverse("law:client_facts", args=[client_row.pk])).content.decode()
    assert 'data-rule="hospital" data-possible="1"' in page
    assert "可能適用：尚缺 病床數" in page
    assert "請補填以完成判斷：</strong>病床數" in page


def test_catalogue_leads_with_each_party_and_hides_codes(
    officer: Any, company: Any, client_row: Any, login_as: Any
) -> None:
    services.save_company_facts(actor=officer, data=company_data())
    services.save_client_facts(actor=officer, client=client_row, data=client_data(sectors=["hospital"]))
    page = login_as(officer).get(reverse("law:catalogue")).content.decode()
    parties = page.split('data-testid="parties"')[1].split("</table>")[0]
    assert "數位經濟相關產業個資安維辦法" in parties
    assert "可能適用：尚缺 病床數" in parties
    assert "@" not in parties
    assert "moda-art18 適用時" not in page
    assert "數位經濟辦法第18條年度檢視適用時" in page


def test_law_page_in_english(officer: Any, company: Any, client_row: Any, login_as: Any) -> None:
    services.save_client_facts(actor=officer, client=client_row, data=client_data(sectors=["hospital"]))
    http = login_as(officer)
    page = http.get(
        reverse("law:client_facts", args=[client_row.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert f'Client "{client_row.name}": what applies and what must be done' in page
    assert "Legal basis, version and verification" in page
    assert "判斷所依據的事實" not in page


def test_api_marks_rules_that_may_apply_with_the_missing_fact(
    officer: Any, client_row: Any, login_as: Any
) -> None:
    services.save_client_facts(actor=officer, client=client_row, data=client_data(sectors=["hospital"]))
    body = login_as(officer).get(f"/api/v1/law/applicability/clients/{client_row.pk}").json()
    hospital = next(a for a in body["applicable"] if a["rule_id"] == "hospital")
    assert (hospital["possibly"], hospital["pending_zh"]) == (True, "可能適用：尚缺 病床數")
    assert hospital["pending"] == [
        {"key": f"party.client-{client_row.pk}.hospital_beds", "label_zh": "病床數",
         "label_en": "number of hospital beds", "party_id": f"client-{client_row.pk}"}
    ]  # fmt: skip


def test_threshold_date_year_71_is_refused(officer: Any, client_row: Any) -> None:
    import datetime as dt

    with pytest.raises(ValidationError) as info:
        services.save_client_facts(
            actor=officer, client=client_row, data=client_data(threshold_reached_on=dt.date(71, 1, 1))
        )
    assert "首次達筆數或資本額門檻之日" in info.value.message_dict["threshold_reached_on"][0]
