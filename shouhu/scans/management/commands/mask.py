"""``shouhu mask INPUT OUTPUT``: masked copies of files and database tables.

A thin shell over :func:`shouhu.engines.pii.mask.cli.main`. Without ``--key-file`` or
``SHOUHU_PII_MASK_KEY`` the installation's own masking key (SHOUHU_HOME/keys/pii-mask-key, mode 0600,
apart from the data and from the scan key) is used, so pseudonyms agree between runs.
"""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

from django.conf import settings
from django.core.management.base import BaseCommand

from shouhu.core.home import read_or_create_secret

KEY_NAME = "pii-mask-key"


def installation_mask_key_file() -> str:
    read_or_create_secret(KEY_NAME, nbytes=32)
    return str(settings.SHOUHU_HOME / "keys" / KEY_NAME)


class Command(BaseCommand):
    help = "產生遮罩（隱碼）副本 / Write a masked copy of a file or of database tables."

    def run_from_argv(self, argv: list[str]) -> NoReturn:
        from shouhu.engines.pii.mask.cli import main

        args = list(argv[2:])
        if (
            "--key-file" not in args
            and not os.environ.get("SHOUHU_PII_MASK_KEY")
            and "-h" not in args
            and "--help" not in args
        ):
            args += ["--key-file", installation_mask_key_file()]
        sys.exit(main(args))

    def handle(self, *args: Any, **options: Any) -> None:  # pragma: no cover - run_from_argv handles it
        raise NotImplementedError
