"""Every kind in the worker's schedule has a handler once Django has started, in a process of its own.

``enqueue_due`` skips a kind without a handler, so a job module that no app imports in ``ready()`` would never
run in production while the suite (which imports it in other tests) stays green. A fresh process shows the truth.
"""

import os
import subprocess
import sys

SCRIPT = """
import django
django.setup()
from shouhu.jobs.schedule import SCHEDULE
from shouhu.jobs.services import registered_kinds
known = set(registered_kinds())
print(" ".join(sorted(s.kind for s in SCHEDULE if s.kind not in known)))
"""


def test_every_scheduled_kind_is_registered_by_the_apps_themselves(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOUHU_")}
    env.update(SHOUHU_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="shouhu.config.settings_test")
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"scheduled but never registered: {out.stdout.strip()}"
