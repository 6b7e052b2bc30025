"""Settings for the test suite: a throw-away SHOUHU_HOME, fast hashing, in-memory mail, inline jobs.

The real production values (Argon2 first, etc.) are asserted by tests against ``shouhu.config.settings``.
"""

import os
import tempfile

os.environ.setdefault("SHOUHU_HOME", tempfile.mkdtemp(prefix="shouhu-test-"))

from shouhu.config.settings import *  # noqa: F403

# Argon2 costs ~50 ms a hash; tests create many users. Argon2 is covered by its own test.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "scans", "mail"],
    }
}
WHITENOISE_AUTOREFRESH = True

# Each test run gets its own PostgreSQL test database, so concurrent runs on one server do not collide.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_shouhu_{os.getpid()}"}  # noqa: F405

# Tests share one process: a cache could carry rendered pages from one test's rolled-back data into the next.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
