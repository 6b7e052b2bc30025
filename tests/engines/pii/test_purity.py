"""The engine is plain Python: importing it (and its CLI) never imports Django."""

from __future__ import annotations

import subprocess
import sys


def test_engine_import_does_not_import_django() -> None:
    code = (
        "import sys, shouhu.engines.pii, shouhu.engines.pii.cli; "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
