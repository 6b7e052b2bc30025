"""The app starts on the README's install (`pip install -e '.[pdf]'`), without the optional scanner extras.

A module that an app imports in ``ready()`` must not import an optional extra at the top (SQLAlchemy is in
``scan-db``): otherwise `sh scripts/serve.sh` on a fresh machine stops with ModuleNotFoundError. The test blocks the
extra in a fresh process, then starts Django and loads every URL pattern.
"""

import os
import subprocess
import sys

SCRIPT = """
import sys
for name in ("sqlalchemy", "pymysql", "xlrd", "hyperscan"):
    sys.modules[name] = None  # importing it now raises ImportError, as on an install without the extra
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
print("started")
"""


def test_the_app_starts_without_the_optional_scanner_extras(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOUHU_")}
    env.update(SHOUHU_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="shouhu.config.settings_test")
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "started"
