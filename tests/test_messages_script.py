"""scripts/messages.sh updates one catalogue per run: an app's own, or the shared one — never all of them."""

from __future__ import annotations

import gettext
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.needs import missing

ROOT = Path(__file__).resolve().parents[1]
SHOUHU = Path(sys.executable).with_name("shouhu")
NEW_LAW_TEXT = "測試：法規頁新字串"
NEW_SHARED_TEXT = "測試：共用版型新字串"


def _checkout(tmp_path: Path) -> Path:
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        missing("找不到 gettext 工具（xgettext、msgmerge）：apt-get install gettext")
    copy = tmp_path / "checkout"
    shutil.copytree(ROOT / "shouhu", copy / "shouhu", ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copytree(ROOT / "scripts", copy / "scripts")
    (copy / "shouhu/law/templates/law/_test_new.html").write_text(
        f'{{% load i18n %}}{{% translate "{NEW_LAW_TEXT}" %}}', encoding="utf-8"
    )
    (copy / "shouhu/templates/_test_new.html").write_text(
        f'{{% load i18n %}}{{% translate "{NEW_SHARED_TEXT}" %}}', encoding="utf-8"
    )
    return copy


def _catalogues(copy: Path) -> dict[str, str]:
    return {
        str(p.relative_to(copy)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(copy.glob("shouhu/**/locale/*/LC_MESSAGES/django.po"))
    }


def _run(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SHOUHU": str(SHOUHU)}
    return subprocess.run(
        ["sh", str(copy / "scripts/messages.sh"), *args],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {path for path, digest in after.items() if before.get(path) != digest}


def test_one_app_updates_only_that_apps_catalogue(tmp_path: Path) -> None:
    copy = _checkout(tmp_path)
    before = _catalogues(copy)

    result = _run(copy, "law")

    assert result.returncode == 0, result.stderr
    assert _changed(before, _catalogues(copy)) == {"shouhu/law/locale/en/LC_MESSAGES/django.po"}
    assert f'msgid "{NEW_LAW_TEXT}"' in (copy / "shouhu/law/locale/en/LC_MESSAGES/django.po").read_text()


@pytest.fixture(scope="module")
def shared_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One run of ``scripts/messages.sh shared`` on a copy (makemessages is slow): the catalogues and the
    shared English before and after."""
    tmp = tmp_path_factory.mktemp("shared")
    copy = _checkout(tmp)
    po = copy / "shouhu/locale/en/LC_MESSAGES/django.po"
    before, english = _catalogues(copy), _compiled(po, tmp / "before.mo")
    result = _run(copy, "shared")
    return {
        "result": result,
        "changed": _changed(before, _catalogues(copy)),
        "po": po.read_text(encoding="utf-8"),
        "before": english,
        "after": _compiled(po, tmp / "after.mo") if result.returncode == 0 else {},
    }


def test_shared_updates_only_the_shared_catalogue_with_the_shared_templates(
    shared_run: dict[str, Any],
) -> None:
    assert shared_run["result"].returncode == 0, shared_run["result"].stderr
    assert shared_run["changed"] == {"shouhu/locale/en/LC_MESSAGES/django.po"}
    assert f'msgid "{NEW_SHARED_TEXT}"' in shared_run["po"]
    assert NEW_LAW_TEXT not in shared_run["po"]  # an app with its own catalogue is left out


def test_shared_run_loses_no_english(shared_run: dict[str, Any]) -> None:
    before, after = shared_run["before"], shared_run["after"]

    assert before
    assert {k: v for k, v in before.items() if after.get(k) != v} == {}


def _compiled(po: Path, mo: Path) -> dict[object, str]:
    subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True)
    with mo.open("rb") as fh:
        return dict(gettext.GNUTranslations(fh)._catalog)  # type: ignore[attr-defined]


def test_an_app_without_its_own_catalogue_is_refused(tmp_path: Path) -> None:
    copy = _checkout(tmp_path)
    before = _catalogues(copy)

    result = _run(copy, "inventory")

    assert result.returncode == 2
    assert "scripts/messages.sh shared" in result.stderr
    assert _changed(before, _catalogues(copy)) == set()
