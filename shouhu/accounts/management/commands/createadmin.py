from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from shouhu.accounts.roles import Role
from shouhu.accounts.services.users import assign_role, create_user
from shouhu.core import request_context


class Command(BaseCommand):
    help = "建立系統管理員（密碼由提示輸入或 SHOUHU_ADMIN_PASSWORD）/ Create an administrator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True, help="帳號 / username")
        parser.add_argument("--email", required=True, help="電子郵件 / e-mail")
        parser.add_argument("--name", default="", help="姓名 / display name")

    def handle(self, *args: Any, **opts: Any) -> None:
        password = os.environ.get("SHOUHU_ADMIN_PASSWORD")
        if not password:
            if not os.isatty(0):
                raise CommandError(
                    "請設定 SHOUHU_ADMIN_PASSWORD 或在終端機執行以輸入密碼。/ No password given."
                )
            password = getpass.getpass("密碼 Password: ")
            if password != getpass.getpass("再次輸入 Again: "):
                raise CommandError("兩次輸入的密碼不一致。/ Passwords do not match.")
        from shouhu.organization.models import Person

        try:
            with (
                request_context.using(request_context.RequestContext(ip=None, channel="cli")),
                transaction.atomic(),
            ):
                user = create_user(
                    actor=None,
                    username=opts["username"],
                    email=opts["email"],
                    password=password,
                    first_name=opts["name"],
                    must_change_password=False,
                )
                assign_role(actor=None, user=user, role=Role.ADMIN)
                Person.objects.create(
                    name=opts["name"] or opts["username"],
                    email=opts["email"],
                    user=user,
                    job_title="系統管理員",
                )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"已建立系統管理員 {user.username}。首次登入時須設定雙因素驗證（TOTP）。/ Administrator created."
            )
        )
