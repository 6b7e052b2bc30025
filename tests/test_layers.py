"""The import-linter contracts cover every app, and the generated per-app contracts are up to date."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _script():  # scripts/ is not a package
    spec = importlib.util.spec_from_file_location(
        "import_contracts", ROOT / "scripts" / "import_contracts.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_app_is_in_a_layer():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers")["layers"]
    listed = {name.strip() for layer in layers for name in layer.replace("|", ":").split(":")}
    apps = {f"shouhu.{p.parent.name}" for p in (ROOT / "shouhu").glob("*/apps.py")}
    assert apps - listed == set(), "add these apps to the layers contract in pyproject.toml"


def test_domain_contracts_are_regenerated():
    script = _script()
    assert (ROOT / "pyproject.toml").read_text(encoding="utf-8") == script.updated_text(), (
        "run .venv/bin/python scripts/import_contracts.py"
    )
