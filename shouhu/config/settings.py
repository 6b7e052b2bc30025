"""Django settings for Shouhu, grouped by concern.

Embedded default: nothing to configure; SQLite and files under SHOUHU_HOME. Production: every value comes
from the environment (documented in README.md) and none has an insecure default: with SHOUHU_ENV=production
the app refuses to start without an explicit secret key and allowed hosts.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from shouhu.core.home import private_dir, read_or_create_secret, shouhu_home
from shouhu.core.strength import production_problems


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    return [v.strip() for v in value.split(",") if v.strip()] if value else default


BASE_DIR = Path(__file__).resolve().parent.parent
SHOUHU_HOME = shouhu_home()
# "production" turns on the strict checks below; anything else is a local installation.
SHOUHU_ENV = os.environ.get("SHOUHU_ENV", "local")
PRODUCTION = SHOUHU_ENV == "production"

# --- Core -------------------------------------------------------------------------------------------
# Production must set SHOUHU_SECRET_KEY; locally a key is generated once under SHOUHU_HOME/keys (0600).
SECRET_KEY = os.environ.get("SHOUHU_SECRET_KEY") or (
    "" if PRODUCTION else read_or_create_secret("django-secret-key")
)
# Debug pages leak data; only on when asked for and never in production.
DEBUG = env_bool("SHOUHU_DEBUG", False) and not PRODUCTION
# Production must list its host names; locally only loopback is served.
ALLOWED_HOSTS = env_list("SHOUHU_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
# Trusted origins for CSRF when behind a proxy with another scheme/port.
CSRF_TRUSTED_ORIGINS = env_list("SHOUHU_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "shouhu.core",
    "shouhu.audit",
    "shouhu.accounts",
    "shouhu.organization",
    "shouhu.evidence",
    "shouhu.jobs",
    "shouhu.imports",
    "shouhu.api",
    "shouhu.law",
    "shouhu.inventory",
    "shouhu.risk",
    "shouhu.assessment",
    "shouhu.incidents",
    "shouhu.scans",
    "shouhu.logwatch",
    "shouhu.plan",
    "shouhu.documents",
    "shouhu.training",
    "shouhu.drills",
    "shouhu.people",
    "shouhu.requests",
    "shouhu.thirdparties",
    "shouhu.contracts",
    "shouhu.shell",
]

MIDDLEWARE = [
    "shouhu.core.middleware.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "shouhu.core.middleware.RequestContextMiddleware",
    "shouhu.core.siteurl.RecordSiteUrlMiddleware",
    "shouhu.accounts.middleware.IdleTimeoutMiddleware",
    "shouhu.accounts.middleware.SecurityGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "shouhu.core.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "shouhu.config.urls"
WSGI_APPLICATION = "shouhu.config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shouhu.shell.context_processors.navigation",
            ],
            "builtins": ["shouhu.core.templatetags.shouhu", "shouhu.accounts.templatetags.permission_tags"],
        },
    }
]

# --- Database ---------------------------------------------------------------------------------------
# SHOUHU_DATABASE_URL (e.g. postgres://user:pass@host/db) for production; SQLite under SHOUHU_HOME otherwise.
_db_url = os.environ.get("SHOUHU_DATABASE_URL")
if _db_url:
    DATABASES = {
        "default": dj_database_url.parse(_db_url, conn_max_age=env_int("SHOUHU_DB_CONN_MAX_AGE", 60))
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SHOUHU_HOME / "shouhu.sqlite3"),
            # WAL and a busy timeout let the web server and the worker share the file.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = False

# --- Passwords (guideline: ≥12 chars, 3 of 4 classes, not the last 3, change every 90 days) -----------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "shouhu.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "shouhu.accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "shouhu.accounts.validators.PasswordHistoryValidator", "OPTIONS": {"history": 3}},
    {"NAME": "shouhu.accounts.validators.NotSimilarToUserValidator"},
]
# Days before a password must be changed (guideline: 90).
SHOUHU_PASSWORD_MAX_AGE_DAYS = env_int("SHOUHU_PASSWORD_MAX_AGE_DAYS", 90)
# Consecutive failures that lock an account and a source IP, and for how long (guideline: 5 / 15 min).
SHOUHU_LOCKOUT_THRESHOLD = env_int("SHOUHU_LOCKOUT_THRESHOLD", 5)
SHOUHU_LOCKOUT_MINUTES = env_int("SHOUHU_LOCKOUT_MINUTES", 15)
# Minutes of inactivity before a session ends (guideline: 15).
SHOUHU_IDLE_TIMEOUT_MINUTES = env_int("SHOUHU_IDLE_TIMEOUT_MINUTES", 15)
# MFA is mandatory for administrators and 總負責人; set true to make it mandatory for everyone.
SHOUHU_MFA_REQUIRED_FOR_ALL = env_bool("SHOUHU_MFA_REQUIRED_FOR_ALL", False)
# Minutes a password-reset link stays valid.
PASSWORD_RESET_TIMEOUT = env_int("SHOUHU_PASSWORD_RESET_MINUTES", 30) * 60

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# --- Sessions, cookies, HTTPS -----------------------------------------------------------------------
SESSION_COOKIE_AGE = 8 * 3600  # absolute cap; idle timeout above ends sessions sooner
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Secure cookies and HSTS are on in production (behind HTTPS) and can be forced locally.
_https = env_bool("SHOUHU_HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = env_bool("SHOUHU_SSL_REDIRECT", _https)
SECURE_HSTS_SECONDS = env_int("SHOUHU_HSTS_SECONDS", 31536000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Set when a reverse proxy terminates TLS: the scheme comes from its X-Forwarded-Proto (the proxy must set
# it, overwriting what the client sent) and the client IP from X-Forwarded-For, counted from the right.
SHOUHU_BEHIND_PROXY = env_bool("SHOUHU_BEHIND_PROXY", False)
if SHOUHU_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Number of trusted proxies in front of the app (1 behind one nginx), for the client IP used in audit and
# lockout: the address that many entries from the right of X-Forwarded-For. 0 uses the peer address.
SHOUHU_TRUSTED_PROXY_COUNT = env_int("SHOUHU_TRUSTED_PROXY_COUNT", 1 if SHOUHU_BEHIND_PROXY else 0)

# --- Language and time ------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hant"
LANGUAGES = [("zh-hant", "繁體中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Taipei"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("SHOUHU_STATIC_ROOT") or SHOUHU_HOME / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS: list[Path] = []
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Larger uploads are spooled to owner-only files under SHOUHU_HOME/tmp/uploads (never the system /tmp);
# what a killed request leaves there is removed at the next start (shouhu.core.tmpfiles.clean_stale).
FILE_UPLOAD_TEMP_DIR = str(private_dir("tmp", "uploads"))
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Maximum evidence file size in bytes (default 50 MB).
SHOUHU_EVIDENCE_MAX_BYTES = env_int("SHOUHU_EVIDENCE_MAX_BYTES", 50 * 1024 * 1024)
# Years evidence is kept before it may be deleted (guideline: ≥5).
SHOUHU_EVIDENCE_RETENTION_YEARS = env_int("SHOUHU_EVIDENCE_RETENTION_YEARS", 5)
# "local" (files under SHOUHU_HOME/evidence) or "s3" (S3-compatible; needs the s3 extra).
SHOUHU_STORAGE = os.environ.get("SHOUHU_STORAGE", "local")
_evidence_storage: dict[str, object]
if SHOUHU_STORAGE == "s3":
    _evidence_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("SHOUHU_S3_BUCKET", ""),
            "endpoint_url": os.environ.get("SHOUHU_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("SHOUHU_S3_REGION") or None,
            "access_key": os.environ.get("SHOUHU_S3_ACCESS_KEY", ""),
            "secret_key": os.environ.get("SHOUHU_S3_SECRET_KEY", ""),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    _evidence_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(Path(os.environ.get("SHOUHU_EVIDENCE_DIR") or SHOUHU_HOME / "evidence")),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(SHOUHU_HOME / "media")},
    },
    "evidence": _evidence_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve static files straight from the package when collectstatic has not run (embedded default).
WHITENOISE_USE_FINDERS = True

# --- Inventory imports (XLSX/CSV) --------------------------------------------------------------------------
# Largest upload and most data rows one import accepts; bigger files are refused with a zh-TW message.
SHOUHU_IMPORT_MAX_BYTES = env_int("SHOUHU_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
SHOUHU_IMPORT_MAX_ROWS = env_int("SHOUHU_IMPORT_MAX_ROWS", 50_000)

# --- Personal-data scans from the web app -------------------------------------------------------------
# Roles allowed to define scan sources that read server paths (a SQLite file counts as a path).
SHOUHU_SCAN_PATH_ROLES = tuple(env_list("SHOUHU_SCAN_PATH_ROLES", ["admin"]))
# If set, server paths must lie under one of these folders (comma-separated); empty means any readable path.
SHOUHU_SCAN_BASE_DIRS = env_list("SHOUHU_SCAN_BASE_DIRS", [])
# Database hosts non-administrators may scan (names, IP addresses or networks such as 10.20.0.0/16,
# comma-separated). Empty: only administrators may set a database host. Loopback, link-local and metadata
# addresses and local sockets are refused for non-administrators even when listed.
SHOUHU_SCAN_DB_HOSTS = env_list("SHOUHU_SCAN_DB_HOSTS", [])
# Worker processes one web-started scan may use.
SHOUHU_SCAN_WORKERS = env_int("SHOUHU_SCAN_WORKERS", 1)
# Largest file the web page or the API accepts for a masked copy (the masked copy goes into the evidence
# store, so SHOUHU_EVIDENCE_MAX_BYTES also bounds the output, e.g. a compressed pg_dump archive's SQL).
SHOUHU_MASK_MAX_BYTES = env_int("SHOUHU_MASK_MAX_BYTES", 50 * 1024 * 1024)

# --- Access-log monitoring (logwatch) ------------------------------------------------------------------
# Where events are kept: "duckdb" (Parquet files under SHOUHU_LOGWATCH_DIR, default SHOUHU_HOME/logwatch) or
# "postgres" (a month-partitioned table in the SHOUHU_DATABASE_URL database).
SHOUHU_LOGWATCH_STORE = os.environ.get("SHOUHU_LOGWATCH_STORE", "duckdb")
SHOUHU_LOGWATCH_DIR = os.environ.get("SHOUHU_LOGWATCH_DIR", "")
# Server folders log sources may read (comma-separated); empty means no folder sources.
SHOUHU_LOGWATCH_BASE_DIRS = env_list("SHOUHU_LOGWATCH_BASE_DIRS", [])
# Largest log file accepted by upload, in MB.
SHOUHU_LOGWATCH_MAX_UPLOAD_MB = env_int("SHOUHU_LOGWATCH_MAX_UPLOAD_MB", 2048)
# DuckDB threads per read (1 keeps a large read from taking every core of the web host).
SHOUHU_LOGWATCH_THREADS = env_int("SHOUHU_LOGWATCH_THREADS", 1)

# --- Keys kept apart from data ----------------------------------------------------------------------
# Key for field encryption (TOTP secrets, stored credentials). Production: SHOUHU_FIELD_KEY from a vault.
SHOUHU_FIELD_KEY = os.environ.get("SHOUHU_FIELD_KEY") or (
    "" if PRODUCTION else read_or_create_secret("field-encryption-key", nbytes=32)
)
# Production refuses to start with a missing or weak key or no allowed hosts: one line per reason, no
# traceback (SystemExit prints its message and exits with status 1).
if PRODUCTION:
    _refusals = production_problems(
        secret_key=SECRET_KEY, field_key=SHOUHU_FIELD_KEY, allowed_hosts=ALLOWED_HOSTS
    )
    if _refusals:
        raise SystemExit("\n".join(["守護 Shouhu 拒絕啟動 / refusing to start:", *_refusals]))

# --- E-mail ------------------------------------------------------------------------------------------
# SMTP settings; locally mail is written to SHOUHU_HOME/mail so nothing leaves the machine by accident.
if os.environ.get("SHOUHU_SMTP_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["SHOUHU_SMTP_HOST"]
    EMAIL_PORT = env_int("SHOUHU_SMTP_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("SHOUHU_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("SHOUHU_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("SHOUHU_SMTP_STARTTLS", True)
    EMAIL_USE_SSL = env_bool("SHOUHU_SMTP_SSL", False)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(SHOUHU_HOME / "mail")
DEFAULT_FROM_EMAIL = os.environ.get("SHOUHU_MAIL_FROM", "shouhu@localhost")
# Public address of this installation, for links in e-mails (e.g. https://shouhu.example.com). Unset, the
# address the site is served on is used (recorded by `shouhu serve` and the first request; see core.siteurl).
SHOUHU_BASE_URL = os.environ.get("SHOUHU_BASE_URL", "")

# --- Cache --------------------------------------------------------------------------------------------
# Per-process memory cache (dashboard panels); nothing in it is needed for correctness.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shouhu"}}

# --- Background jobs ---------------------------------------------------------------------------------
# ORM-backed queue: `shouhu worker` runs the jobs; no broker needed. SHOUHU_TASKS_IMMEDIATE runs inline.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("SHOUHU_TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default", "scans", "mail"],
    }
}
# A running job's worker writes a heartbeat this often (seconds); a job whose heartbeat is older than
# SHOUHU_JOB_STALE_SECONDS lost its worker and is failed, or re-queued when its handler is idempotent.
SHOUHU_JOB_HEARTBEAT_SECONDS = env_int("SHOUHU_JOB_HEARTBEAT_SECONDS", 30)
SHOUHU_JOB_STALE_SECONDS = env_int("SHOUHU_JOB_STALE_SECONDS", 150)

# --- Logging: never log secrets or raw personal data --------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SHOUHU_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
