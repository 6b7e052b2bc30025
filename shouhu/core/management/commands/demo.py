"""``shouhu demo``: a realistic demo vendor so a newcomer sees a living system."""

from __future__ import annotations

import os
import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from shouhu.accounts.roles import Role
from shouhu.accounts.services.users import assign_role, create_user
from shouhu.core import request_context
from shouhu.organization.models import Client, ClientContact, CompanyProfile, Department, Designation, Person

COMPANY = {
    "name": "守護示範資訊股份有限公司",
    "ubn": "04595252",
    "address": "臺北市信義區信義路五段7號",
    "representative": "林志明",
    "capital_twd": 12_000_000,
    "company_type": "corporation",
    "industry_code": "6201",
    "employees": 48,
    "head_office_city": "臺北市",
}
DEPARTMENTS = [
    ("總經理室", "EXE"),
    ("法務暨法遵部", "LEG"),
    ("資訊安全部", "SEC"),
    ("系統整合部", "SI"),
    ("雲端維運部", "OPS"),
    ("客戶服務部", "CS"),
    ("人力資源部", "HR"),
]
PEOPLE = [
    ("林志明", "EXE", "總經理", "ceo"),
    ("陳雅婷", "LEG", "法遵長", "privacy.chief"),
    ("黃建宏", "SEC", "資安長", "security.chief"),
    ("張淑芬", "LEG", "個資管理專員", "privacy.officer"),
    ("李冠廷", "SEC", "資安工程師", None),
    ("王怡君", "SI", "專案經理", None),
    ("吳承翰", "SI", "資深工程師", None),
    ("劉佳穎", "SI", "前端工程師", None),
    ("蔡宗翰", "OPS", "維運工程師", None),
    ("楊雅雯", "OPS", "雲端架構師", None),
    ("許家豪", "CS", "客服主任", None),
    ("鄭惠如", "HR", "人資專員", None),
    ("謝明哲", "EXE", "內部稽核", "auditor"),
]
ROLES = {
    "ceo": Role.STAFF,
    "privacy.chief": Role.PD_CHIEF,
    "security.chief": Role.IS_CHIEF,
    "privacy.officer": Role.PD_OFFICER,
    "auditor": Role.AUDITOR,
}
CLIENTS = [
    (
        "好日子購物股份有限公司",
        "10458570",
        "4871",
        "電子購物及郵購業",
        ["build", "maintain", "host"],
        ("周美玲", "資訊部經理", "it@example.com"),
    ),
    ("安心補習班", "", "8593", "補習班", ["build", "maintain"], ("何老師", "班主任", "office@example.com")),
    (
        "晨光觀光旅館股份有限公司",
        "04595257",
        "5510",
        "短期住宿服務業",
        ["maintain", "operate"],
        ("蘇經理", "資訊主管", "hotel-it@example.com"),
    ),
    (
        "北區醫療社團法人",
        "10458575",
        "8610",
        "醫院",
        ["operate", "host"],
        ("羅主任", "資訊室主任", "mis@example.com"),
    ),
]


class Command(BaseCommand):
    help = "載入示範資訊服務公司（部門、人員、委託者）/ Load a demo IT vendor."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--with-accounts",
            action="store_true",
            help="同時為總負責人等人員建立帳號（密碼由 SHOUHU_DEMO_PASSWORD 或隨機產生並顯示）",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if CompanyProfile.objects.exists() or Department.objects.exists():
            raise CommandError(
                "資料庫已有組織資料，示範資料只能載入到空的系統。/ Demo data needs an empty organisation."
            )
        password = os.environ.get("SHOUHU_DEMO_PASSWORD") or f"Demo-{secrets.token_urlsafe(9)}!7a"
        with (
            request_context.using(request_context.RequestContext(ip=None, channel="cli")),
            transaction.atomic(),
        ):
            self._load(opts["with_accounts"], password)
        self.stdout.write(
            self.style.SUCCESS(
                f"已載入示範公司：{COMPANY['name']}（{len(DEPARTMENTS)} 個部門、{len(PEOPLE)} 位人員、{len(CLIENTS)} 個委託者）。"
            )
        )
        if opts["with_accounts"]:
            self.stdout.write(f"示範帳號（{', '.join(u for *_, u in PEOPLE if u)}）的密碼：{password}")
            self.stdout.write("首次登入須變更密碼；總負責人須設定雙因素驗證。")

    def _load(self, with_accounts: bool, password: str) -> None:
        from shouhu.audit.services import record

        company = CompanyProfile.objects.create(**COMPANY)
        record(actor=None, action="organization.companyprofile.created", obj=company, actor_label="demo")
        departments = {code: Department.objects.create(name=name, code=code) for name, code in DEPARTMENTS}
        people: dict[str, Person] = {}
        for index, (name, dep, title, username) in enumerate(PEOPLE, start=1):
            person = Person.objects.create(
                name=name,
                department=departments[dep],
                job_title=title,
                employee_no=f"E{index:04d}",
                email=f"{username or f'staff{index}'}@demo.example",
            )
            if with_accounts and username:
                user = create_user(
                    actor=None,
                    username=username,
                    email=person.email,
                    password=password,
                    first_name=name,
                    must_change_password=True,
                )
                assign_role(actor=None, user=user, role=ROLES[username])
                person.user = user
                person.save(update_fields=["user"])
            people[title] = person
        Designation.objects.create(kind=Designation.Kind.PRIVACY, person=people["法遵長"], position="法遵長")
        Designation.objects.create(kind=Designation.Kind.SECURITY, person=people["資安長"], position="資安長")
        for name, ubn, code, industry, services, (contact, title, email) in CLIENTS:
            client = Client.objects.create(
                name=name, ubn=ubn, industry_code=code, industry_name=industry, service_types=services
            )
            ClientContact.objects.create(
                client=client, name=contact, title=title, email=email, is_security_contact=True
            )
        record(
            actor=None,
            action="demo.loaded",
            object_type="organization",
            actor_label="demo",
            changes={
                "departments": [None, len(DEPARTMENTS)],
                "people": [None, len(PEOPLE)],
                "clients": [None, len(CLIENTS)],
            },
        )
