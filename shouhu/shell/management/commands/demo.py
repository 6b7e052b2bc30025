"""``shouhu demo``: a realistic demo vendor so a newcomer sees a living system."""

from __future__ import annotations

import os
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from shouhu.accounts.models import User
from shouhu.accounts.roles import Role
from shouhu.accounts.services.users import assign_role, create_user
from shouhu.core import demo, request_context
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
    ("吳承翰", "SI", "資深工程師", "staff"),
    ("劉佳穎", "SI", "前端工程師", None),
    ("蔡宗翰", "OPS", "維運工程師", None),
    ("楊雅雯", "OPS", "雲端架構師", None),
    ("許家豪", "CS", "客服主任", None),
    ("鄭惠如", "HR", "人資專員", None),
    ("謝明哲", "EXE", "內部稽核", "auditor"),
]
REPRESENTATIVE_TITLE = "總經理"  # the company's 代表人 (COMPANY["representative"]); linked in the profile
ROLES = {
    # The 代表人 approves the 安全維護計畫 in person: plan.approve is held by the 個資保護總負責人 role only
    # (the designated 總負責人 陳雅婷 holds it too, through her designation).
    "ceo": Role.PD_CHIEF,
    "staff": Role.STAFF,  # an ordinary employee: reports suspected incidents, acknowledges, trains
    "privacy.chief": Role.PD_CHIEF,
    "security.chief": Role.IS_CHIEF,
    "privacy.officer": Role.PD_OFFICER,
    "auditor": Role.AUDITOR,
}
CLIENTS = [
    (
        "ecommerce",
        "好日子購物股份有限公司",
        "10458570",
        "4871",
        "電子購物及郵購業",
        ["build", "maintain", "host"],
        ("周美玲", "資訊部經理", "it@example.com"),
    ),
    (
        "cram_school",
        "安心補習班",
        "",
        "8595",
        "補習教育業",
        ["build", "maintain"],
        ("何老師", "班主任", "office@example.com"),
    ),
    (
        "hotel",
        "晨光觀光旅館股份有限公司",
        "04595257",
        "5510",
        "短期住宿服務業",
        ["maintain", "operate"],
        ("蘇經理", "資訊主管", "hotel-it@example.com"),
    ),
    (
        "hospital",
        "北區醫療社團法人",
        "10458575",
        "8610",
        "醫院",
        ["operate", "host"],
        ("羅主任", "資訊室主任", "mis@example.com"),
    ),
]
DEMO_USERNAME = "demo"
HELP = (
    "載入示範資訊服務公司，並以各模組的服務寫入一個「活的」系統 / Load a living demo IT vendor. "
    "內容：公司、7 個部門、13 位人員、2 位指定人員、4 個委託者；本公司與各委託者之法規事實及法遵行事曆"
    "（含負責人與完成紀錄）；6 個系統與資產、7 個個人資料檔案（含資料流程及告知事項）；9 項風險"
    "（含具名接受及重新評估）；已完成之附錄一自我檢查（缺失及 2 項矯正措施，1 項逾期）與進行中之內部稽核；"
    "已結案之事故演練及 1 件處理中之事故（好日子購物，期限計時中）。"
    "執行者：加 --with-accounts 時以建立之人員帳號寫入（個資管理專員張淑芬：盤點、法規、風險、檢查；"
    "資安長黃建宏：事故；稽核人員謝明哲：稽核缺失），行事曆負責人指派給這些帳號；"
    "代表人林志明（ceo）與公司基本資料之代表人連結，可親自核定安全維護計畫。"
    "未加時另建無密碼、無法登入之系統帳號 demo，授予僅當日有效之系統管理員角色，寫入完成後即停用；"
    "此時行事曆不指派負責人。只能載入到空的組織（已有公司或部門資料時拒絕）。"
)


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--with-accounts",
            action="store_true",
            help="同時為總負責人等人員建立帳號（密碼由 SHOUHU_DEMO_PASSWORD 或隨機產生並顯示），並以這些帳號寫入示範資料",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if CompanyProfile.objects.exists() or Department.objects.exists():
            raise CommandError(
                "資料庫已有組織資料，示範資料只能載入到空的系統。/ Demo data needs an empty organisation."
            )
        password = os.environ.get("SHOUHU_DEMO_PASSWORD") or f"Demo-{secrets.token_urlsafe(9)}!7a"
        try:
            with (
                request_context.using(request_context.RequestContext(ip=None, channel="cli")),
                transaction.atomic(),
            ):
                ctx = self._load(opts["with_accounts"], password)
        except ValidationError as error:
            raise CommandError(f"示範資料載入失敗：{'；'.join(error.messages)}") from error
        except PermissionDenied as error:
            raise CommandError(f"示範資料載入失敗：{error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"已載入示範公司：{COMPANY['name']}（{len(DEPARTMENTS)} 個部門、{len(PEOPLE)} 位人員、{len(CLIENTS)} 個委託者）。"
            )
        )
        self.stdout.write(f"示範資料：{demo.summary(ctx)}。")
        if opts["with_accounts"]:
            labels = dict(Role.choices)
            accounts = "、".join(
                f"{u}（{name}，{title}{'、代表人' if title == REPRESENTATIVE_TITLE else ''}；"
                f"角色：{labels[ROLES[u]]}）"
                for name, _, title, u in PEOPLE
                if u
            )
            self.stdout.write(f"示範帳號：{accounts}；密碼皆為：{password}")
            self.stdout.write("首次登入須變更密碼；總負責人角色（含代表人 ceo）須設定雙因素驗證。")
        else:
            self.stdout.write(
                f"示範資料由已停用的系統帳號「{DEMO_USERNAME}」寫入；加上 --with-accounts 可建立人員帳號。"
            )

    def _load(self, with_accounts: bool, password: str) -> demo.DemoContext:
        from shouhu.audit.services import record

        departments = {code: Department.objects.create(name=name, code=code) for name, code in DEPARTMENTS}
        people: dict[str, Person] = {}
        accounts: dict[str, User] = {}
        for index, (name, dep, title, username) in enumerate(PEOPLE, start=1):
            person = Person.objects.create(
                name=name,
                department=departments[dep],
                job_title=title,
                phone=f"(02)2700-{1000 + index}",  # extension-style numbers; 表2 names the reporter's phone
                employee_no=f"E{index:04d}",
                email=f"{username or f'staff{index}'}@example.tw",
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
                accounts[username] = user
            people[title] = person
        # The profile names the 代表人's own person record, so plan approval recognises them by identity.
        company = CompanyProfile.objects.create(**COMPANY, representative_person=people[REPRESENTATIVE_TITLE])
        record(actor=None, action="organization.companyprofile.created", obj=company, actor_label="demo")
        Designation.objects.create(kind=Designation.Kind.PRIVACY, person=people["法遵長"], position="法遵長")
        Designation.objects.create(kind=Designation.Kind.SECURITY, person=people["資安長"], position="資安長")
        clients: dict[str, Client] = {}
        for key, name, ubn, code, industry, services, (contact, title, email) in CLIENTS:
            client = Client.objects.create(
                name=name, ubn=ubn, industry_code=code, industry_name=industry, service_types=services
            )
            ClientContact.objects.create(
                client=client, name=contact, title=title, email=email, is_security_contact=True
            )
            clients[key] = client
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
        system_user = None if with_accounts else self._system_user()
        cast = self._cast(accounts, system_user)
        autodiscover_modules("demo")  # each app's demo.py registers its step
        ctx = demo.DemoContext(
            cast=cast,
            company_name=str(COMPANY["name"]),
            departments=departments,
            clients=clients,
            people=people,
        )
        demo.run(ctx)
        if system_user is not None:
            self._retire(system_user)
        return ctx

    @staticmethod
    def _cast(accounts: dict[str, User], system_user: User | None) -> demo.Cast:
        if system_user is not None:
            return demo.Cast(officer=system_user, security=system_user, auditor=system_user)
        return demo.Cast(
            officer=accounts["privacy.officer"],
            security=accounts["security.chief"],
            auditor=accounts["auditor"],
            owners=dict(accounts),
            assessors=[accounts["privacy.officer"], accounts["auditor"]],
        )

    @staticmethod
    def _system_user() -> User:
        """The ``demo`` system user: no password (cannot sign in), 系統管理員 for today only."""
        user = create_user(
            actor=None,
            username=DEMO_USERNAME,
            email="",
            password=None,
            first_name="示範資料",
            must_change_password=False,
        )
        today = timezone.localdate()
        assign_role(actor=None, user=user, role=Role.ADMIN, starts_on=today, ends_on=today)
        return user

    @staticmethod
    def _retire(user: User) -> None:
        """Deactivate the system user once the demo is written.

        ``accounts.services.users.set_active`` needs another administrator as actor (it refuses to deactivate
        oneself) and none exists in an empty demo, so this mirrors it: the same field and the same audit row.
        """
        from shouhu.audit.services import diff, record

        user.is_active = False
        user.save(update_fields=["is_active"])
        record(
            actor=None,
            action="accounts.user_updated",
            obj=user,
            actor_label="demo",
            changes=diff({"is_active": True}, {"is_active": False}),
        )
