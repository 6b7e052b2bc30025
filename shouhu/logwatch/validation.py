"""Which server folders a log source may read (like the scanner's rule: administrators only, inside the
folders listed in ``SHOUHU_LOGWATCH_BASE_DIRS``, which must be set for folder sources to be allowed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import user_roles


def base_dirs() -> list[Path]:
    return [Path(d).resolve() for d in getattr(settings, "SHOUHU_LOGWATCH_BASE_DIRS", ()) if d]


def may_use_folders(user: Any) -> bool:
    roles = set(getattr(settings, "SHOUHU_LOGWATCH_FOLDER_ROLES", ("admin",)))
    return bool(user_roles(user) & roles)


def folder_errors(folder: str, *, user: Any) -> list[str]:
    if not folder:
        return []
    if not may_use_folders(user):
        return [_("只有系統管理員可以設定伺服器資料夾。")]
    bases = base_dirs()
    if not bases:
        return [_("尚未設定允許讀取的伺服器資料夾（SHOUHU_LOGWATCH_BASE_DIRS）。")]
    path = Path(folder)
    if not path.is_absolute():
        return [_("請填寫絕對路徑（例如 /var/log/nginx）。")]
    real = path.resolve()
    if not any(real == b or b in real.parents for b in bases):
        return [_("資料夾不在允許讀取的範圍內：%(dirs)s") % {"dirs": "、".join(str(b) for b in bases)}]
    if not real.is_dir():
        return [_("伺服器上找不到這個資料夾。")]
    return []


def inside_allowed(path: Path) -> bool:
    """Checked again at read time: a symlink may have changed since the source was saved."""
    real = path.resolve()
    return any(real == b or b in real.parents for b in base_dirs())
