from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shouhu.accounts.models import ApiToken, User
from shouhu.accounts.services.tokens import create_token
from shouhu.audit.services import record
from shouhu.core import request_context


class Command(BaseCommand):
    help = "管理 API 權杖 / Manage API tokens: create, list, revoke."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="建立權杖（只顯示一次）/ create a token (shown once)")
        create.add_argument("--user", required=True, help="使用者帳號 / username")
        create.add_argument("--name", default="cli", help="權杖名稱 / token name")
        create.add_argument("--days", type=int, default=365, help="有效天數 / days valid")
        lst = sub.add_parser("list", help="列出權杖 / list tokens")
        lst.add_argument("--user", required=True)
        revoke = sub.add_parser("revoke", help="撤銷權杖 / revoke a token")
        revoke.add_argument("prefix", help="權杖前綴 / token prefix (shu_…)")

    def handle(self, *args: Any, **opts: Any) -> None:
        with request_context.using(request_context.RequestContext(ip=None, channel="cli")):
            if opts["action"] == "create":
                user = self._user(opts["user"])
                try:
                    _, plain = create_token(actor=None, user=user, name=opts["name"], days=opts["days"])
                except ValueError as exc:
                    raise CommandError(str(exc)) from exc
                self.stdout.write(plain)
                self.stderr.write("請妥善保存，權杖不會再次顯示。/ Store it now; it is not shown again.")
            elif opts["action"] == "list":
                for t in ApiToken.objects.filter(user=self._user(opts["user"])).order_by("-created_at"):
                    state = "revoked" if t.revoked_at else "active"
                    self.stdout.write(
                        f"{t.prefix}…\t{t.name}\t{state}\t{t.expires_at:%Y-%m-%d}"
                        if t.expires_at
                        else f"{t.prefix}…\t{t.name}\t{state}"
                    )
            else:
                from django.utils import timezone

                updated = ApiToken.objects.filter(prefix=opts["prefix"][:12], revoked_at__isnull=True)
                tokens = list(updated)
                if not tokens:
                    raise CommandError("找不到有效的權杖。/ No active token with that prefix.")
                for token in tokens:
                    token.revoked_at = timezone.now()
                    token.save(update_fields=["revoked_at"])
                    record(actor=None, action="api.token_revoked", obj=token, actor_label="cli")
                self.stdout.write(f"已撤銷 {len(tokens)} 個權杖。/ Revoked.")

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"找不到使用者：{username} / no such user")
        return user
