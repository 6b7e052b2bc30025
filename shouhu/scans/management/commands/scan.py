"""``shouhu scan PATH_OR_DB_URL``: the personal-data scanner from the command line.

A thin shell over :func:`shouhu.engines.pii.cli.main`; arguments pass through unchanged. Without
``--key-file`` or ``SHOUHU_PII_HMAC_KEY`` the installation's own key (SHOUHU_HOME/keys, mode 0600) is used,
so distinct counts agree with scans run from the web app.
"""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

from django.conf import settings
from django.core.management.base import BaseCommand

from shouhu.core.home import read_or_create_secret

KEY_NAME = "pii-hmac-key"


def installation_key_file() -> str:
    read_or_create_secret(KEY_NAME, nbytes=32)
    return str(settings.SHOUHU_HOME / "keys" / KEY_NAME)


class Command(BaseCommand):
    help = "掃描檔案或資料庫中的個人資料（只輸出遮罩值）/ Scan files or databases for personal data."

    def run_from_argv(self, argv: list[str]) -> NoReturn:
        from shouhu.engines.pii.cli import main

        args = list(argv[2:])
        if (
            "--key-file" not in args
            and not os.environ.get("SHOUHU_PII_HMAC_KEY")
            and "-h" not in args
            and "--help" not in args
        ):
            args += ["--key-file", installation_key_file()]
        sys.exit(main(["scan", *args]))

    def handle(
        self, *args: Any, **options: Any
    ) -> None:  # pragma: no cover - run_from_argv handles everything
        raise NotImplementedError
