"""Common Ground settings: one file, every deployment choice read from the environment.

Development defaults live in `.env` (created from `.env.example` by `make run`/`make test`).
Production sets DEBUG=false and must give its own SECRET_KEY: the app refuses to start otherwise.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Known to everyone who has read this file: usable only with DEBUG on.
DEVELOPMENT_SECRET_KEY = "development-only-not-secret-common-ground-0000000000000000000000000"  # noqa: S105

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is the development key but DEBUG is off. Set SECRET_KEY to a long random value "
        "(for example: python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Demo accounts may sign in without a second factor only where this is on, and never in production.
DEMO_SKIP_SECOND_FACTOR = env.bool("DEMO_SKIP_SECOND_FACTOR", default=False)
if DEMO_SKIP_SECOND_FACTOR and not DEBUG:
    raise ImproperlyConfigured("DEMO_SKIP_SECOND_FACTOR is for development only; turn it off in production.")

SERVICE_NAME = "Common Ground"
SERVICE_PHASE = env.str("SERVICE_PHASE", default="alpha")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "commonground.core",
    "commonground.reports",
    "commonground.safeguarding",
    "commonground.tension",
    "commonground.insights",
    "commonground.programme",
    "commonground.calendar",
    "commonground.directory",
    "commonground.grants",
    "commonground.governance",
    "commonground.sharing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the form (the CSRF check does): an oversized form is cut, not refused.
    "commonground.core.middleware.OversizedFormMiddleware",
    "commonground.core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "commonground.core.middleware.AbsoluteSessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "commonground.core.middleware.SecondFactorRequiredMiddleware",
    # Records asked for out of scope, kept for the access review once the response is made.
    "commonground.core.middleware.OutOfScopeAttemptsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "commonground.core.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes asks: it turns a lockout into our lockout page.
    "axes.middleware.AxesMiddleware",
]

# The most a request body may carry besides uploaded files (Django's default, stated so that the API
# document and the 413 answers can name it). A web form above it is cut here, not refused whole.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "commonground" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "commonground.core.context_processors.service",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'commonground.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE takes the write lock at the
    # start of a transaction so two writers queue instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every web process (flood limits count across all of them): Redis when
# REDIS_URL is set, otherwise a table in the database, created by `migrate` (core/shared_cache.py).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "commonground.core.shared_cache.DatabaseCache",
            "LOCATION": "commonground_cache",
            # Expired entries are culled first; beyond this many live ones, a third are dropped.
            "OPTIONS": {"MAX_ENTRIES": env.int("DATABASE_CACHE_MAX_ENTRIES", default=100_000)},
        }
    }

# --- Background work --------------------------------------------------------------------------------
# One durable queue in the database (docs/decisions/0002-task-queue.md): nothing extra to start on
# SQLite, and several workers on PostgreSQL share it with SELECT … FOR UPDATE SKIP LOCKED.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}
# The worker waits out a database outage with growing pauses up to this long (core/worker.py).
WORKER_MAX_BACKOFF_SECONDS = env.float("WORKER_MAX_BACKOFF_SECONDS", default=30.0)
# A task still "running" after this long was left by a worker that died: it goes back to the queue.
TASK_ABANDONED_AFTER_MINUTES = env.int("TASK_ABANDONED_AFTER_MINUTES", default=120)
# A task waiting longer than this means the queue is stuck: system administrators are emailed.
TASK_QUEUE_ALERT_MINUTES = env.int("TASK_QUEUE_ALERT_MINUTES", default=15)

# --- Sign-in ----------------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:sign-in"
LOGIN_REDIRECT_URL = "core:staff-home"
LOGOUT_REDIRECT_URL = "core:signed-out"
PASSWORD_RESET_TIMEOUT = 60 * 60  # one hour

# Sessions end after 30 minutes without a request, and when the browser closes. The store keeps
# working (empty) when the database is down, so pages can still say so kindly.
SESSION_ENGINE = "commonground.core.sessions"
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
# However active, a session ends this long after signing in (12 hours: one working day).
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# The reverse proxies in front of the app that we run: each appends the address it received the
# request from to X-Forwarded-For (core/client_address.py). 0 means the app is reached directly.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=env.int("AXES_PROXY_COUNT", default=0))

# Lockouts cool off: five failures for one username from one client address lock that pair for 15
# minutes, then it may try again. Per pair, not per account: otherwise anyone who knows a
# colleague's username could lock them out from elsewhere (docs/decisions/0004).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "commonground.core.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "commonground.core.views.auth.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False  # failures are in our own audit trail

OTP_TOTP_ISSUER = SERVICE_NAME
OTP_TOTP_TOLERANCE = 1

# --- Email ------------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Common Ground <no-reply@commonground.invalid>")

# --- Internationalisation ---------------------------------------------------------------------------
LANGUAGE_CODE = "en"
# English plus two of the most spoken languages in Greater Manchester; translations are marked for
# review by native speakers (README). Urdu is written right to left.
LANGUAGES = [("en", "English"), ("ur", "اردو"), ("pl", "Polski")]
LOCALE_PATHS = [BASE_DIR / "commonground" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "frontend" / "build"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))  # uploaded photos and evidence

# --- Security ---------------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Secure cookies unless in development; a load test over plain loopback HTTP may turn them off.
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "commonground.core.views.errors.csrf_failure"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Logging ----------------------------------------------------------------------------------------
# Status link secrets are redacted from every line (commonground/core/log_redaction.py), including
# Django's "Not Found: /status/…" warnings and the development server's request lines.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_status_links": {"()": "commonground.core.log_redaction.RedactStatusLinks"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_status_links"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Django's defaults give these loggers handlers of their own, without the filter: replace them.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Common Ground ----------------------------------------------------------------------------------
# Reference data shipped with the product (see reference_data/README.md for sources and licences).
REFERENCE_DATA_DIR = BASE_DIR / "reference_data"
DEFAULT_PLACES_DIR = REFERENCE_DATA_DIR / "greater-manchester"
# How long audit events are kept before the retention sweep may remove them.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=7 * 365)
# The audit chain is sealed with HMAC-SHA256 under a key the database does not hold
# (docs/decisions/0009). Set one of these in a deployment; without them the key is derived from
# SECRET_KEY (and is the development key in development).
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY", default="")
AUDIT_CHAIN_KEY_FILE = env.str("AUDIT_CHAIN_KEY_FILE", default="")
# Anchors of the chain (head sequence, hash, time) kept outside the database, one JSON line each,
# appended nightly; `verify_audit` checks the chain against them. Keep this file off the database
# server, or copy it elsewhere; with AUDIT_ANCHOR_EMAIL each anchor is also emailed to the data
# protection officers.
AUDIT_ANCHOR_FILE = Path(env.str("AUDIT_ANCHOR_FILE", default=str(VAR_DIR / "audit-anchors.jsonl")))
AUDIT_ANCHOR_EMAIL = env.bool("AUDIT_ANCHOR_EMAIL", default=False)
# Emergency ("break-glass") access to a record outside one's scope lasts this long.
BREAK_GLASS_MINUTES = env.int("BREAK_GLASS_MINUTES", default=60)
# Working hours for the data protection officer's access review (local time, TIME_ZONE): access
# outside them is counted for review. Days are ISO weekdays (1 Monday … 7 Sunday).
WORKING_HOURS_START = env.int("WORKING_HOURS_START", default=8)
WORKING_HOURS_END = env.int("WORKING_HOURS_END", default=18)
WORKING_DAYS = env.list("WORKING_DAYS", cast=int, default=[1, 2, 3, 4, 5])
# How long failed attempts to open records out of scope, emergency accesses and the access
# review's marks are kept (the audit trail keeps its own events AUDIT_RETENTION_DAYS).
ACCESS_REVIEW_RETENTION_DAYS = env.int("ACCESS_REVIEW_RETENTION_DAYS", default=2 * 365)
# Backups (`manage.py backup`, also nightly; `manage.py restore`): encrypted with a 32-byte key in base64
# (`manage.py backup --new-key`), kept away from the backups; required with DEBUG off.
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
BACKUP_ENCRYPTION_KEY = env.str("BACKUP_ENCRYPTION_KEY", default="")
BACKUP_ENCRYPTION_KEY_FILE = env.str("BACKUP_ENCRYPTION_KEY_FILE", default="")
# Retention of the report line's personal details (documented defaults; see docs/decisions/0005).
# After these periods the daily sweep erases personal details and keeps only statistical facts.
REPORT_RETENTION_DAYS = env.int("REPORT_RETENTION_DAYS", default=2 * 365)  # closed reports
HELPLINE_CALL_RETENTION_DAYS = env.int("HELPLINE_CALL_RETENTION_DAYS", default=365)  # calls without a report
# Tension reports' words and source details (the area, date, category and grading stay for trends).
TENSION_REPORT_TEXT_RETENTION_DAYS = env.int("TENSION_REPORT_TEXT_RETENTION_DAYS", default=2 * 365)
# Staff notices of work waiting: the work itself is kept with its own record.
NOTIFICATION_RETENTION_DAYS = env.int("NOTIFICATION_RETENTION_DAYS", default=365)
# Programme monitoring (docs/decisions/0018): briefings after their expiry; refresher reminders.
BRIEFING_RETENTION_DAYS = env.int("BRIEFING_RETENTION_DAYS", default=2 * 365)
REFRESHER_REMINDER_RETENTION_DAYS = env.int("REFRESHER_REMINDER_RETENTION_DAYS", default=365)
# Community grants (docs/decisions/0019): sign-in links, drafts, unsuccessful applications, awards
# (as long as financial records), and applicants' accounts left with nothing.
GRANT_SIGN_IN_LINK_RETENTION_DAYS = env.int("GRANT_SIGN_IN_LINK_RETENTION_DAYS", default=7)
GRANT_DRAFT_RETENTION_DAYS = env.int("GRANT_DRAFT_RETENTION_DAYS", default=365)
GRANT_UNSUCCESSFUL_RETENTION_DAYS = env.int("GRANT_UNSUCCESSFUL_RETENTION_DAYS", default=2 * 365)
GRANT_AWARD_RETENTION_DAYS = env.int("GRANT_AWARD_RETENTION_DAYS", default=7 * 365)
GRANT_APPLICANT_RETENTION_DAYS = env.int("GRANT_APPLICANT_RETENTION_DAYS", default=2 * 365)
# Awarded grants published in the 360Giving Data Standard: the publisher's identifier prefix (from
# 360Giving), the funder as 360Giving names it, and the licence. The defaults mark a demonstration.
THREESIXTYGIVING_PREFIX = env.str("THREESIXTYGIVING_PREFIX", default="360G-commonground-demo")
THREESIXTYGIVING_FUNDER_ID = env.str(
    "THREESIXTYGIVING_FUNDER_ID", default="360G-commonground-demo-partnership"
)
THREESIXTYGIVING_FUNDER_NAME = env.str(
    "THREESIXTYGIVING_FUNDER_NAME", default="Common Ground partnership (demonstration)"
)
THREESIXTYGIVING_LICENCE_NAME = env.str(
    "THREESIXTYGIVING_LICENCE_NAME", default="Open Government Licence v3.0"
)
THREESIXTYGIVING_LICENCE_URL = env.str(
    "THREESIXTYGIVING_LICENCE_URL",
    default="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
)
# The report and advice line's phone details, shown on the start page, every journey's "call 999"
# box and the advice pages. Each deployment sets its own; the defaults are placeholders to replace.
HELPLINE_PHONE = env.str("HELPLINE_PHONE", default="0300 123 4567")
HELPLINE_HOURS = env.str("HELPLINE_HOURS", default="Monday to Friday, 9am to 5pm")
HELPLINE_TEXT_RELAY = env.str("HELPLINE_TEXT_RELAY", default="18001 0300 123 4567")
HELPLINE_BSL_RELAY_URL = env.str("HELPLINE_BSL_RELAY_URL", default="https://contactscotland-bsl.org/")
# Call-back requests: after this many failed attempts a request goes to a triage officer.
CALL_BACK_MAX_FAILED_ATTEMPTS = env.int("CALL_BACK_MAX_FAILED_ATTEMPTS", default=3)
# Look-ups of a caller's report by reference and one detail, per advisor per hour.
HELPLINE_LOOKUP_LIMIT = env.int("HELPLINE_LOOKUP_LIMIT", default=20)
# Retention of safeguarding casework (documented defaults: ../shared/guides/domain.md section 1).
# A daily task lists records past these periods; a data protection officer confirms each erasure.
# Referrals ended by no further action, signposting or "not adopted": counted from that decision.
SAFEGUARDING_RETENTION_NO_FURTHER_ACTION_DAYS = env.int(
    "SAFEGUARDING_RETENTION_NO_FURTHER_ACTION_DAYS", default=3 * 365
)
# Channel cases: counted from the exit (support ended or consent withdrawn).
SAFEGUARDING_RETENTION_CASE_DAYS = env.int("SAFEGUARDING_RETENTION_CASE_DAYS", default=6 * 365)
# A panel pack of this many cases or more is rendered by the worker, not in the request; a prepared
# pack holds personal data, so it is deleted this many hours after it is ready.
PANEL_PACK_BACKGROUND_FROM = env.int("PANEL_PACK_BACKGROUND_FROM", default=10)
PANEL_PACK_KEEP_HOURS = env.int("PANEL_PACK_KEEP_HOURS", default=24)
# Public report submissions per client per hour before "try again later" (see reports/flood.py).
REPORT_FLOOD_LIMIT = env.int("REPORT_FLOOD_LIMIT", default=10)
# Photos checked per client per hour (each costs memory to decode), and messages or consent changes
# per private status link per hour; past these, "try again later" with what was typed kept.
REPORT_PHOTO_UPLOAD_LIMIT = env.int("REPORT_PHOTO_UPLOAD_LIMIT", default=30)
REPORT_STATUS_ACTION_LIMIT = env.int("REPORT_STATUS_ACTION_LIMIT", default=20)
# The largest photo accepted, in pixels, read from the file's header before anything is decoded.
# 24 megapixels holds a phone's photo (12 to 24 MP is usual) and bounds the memory a photo can cost.
REPORT_PHOTO_MAX_PIXELS = env.int("REPORT_PHOTO_MAX_PIXELS", default=24_000_000)
# Photos uploaded in a journey that is never sent are removed after this many minutes; the sweep
# runs every 15 minutes, so none stays longer than an hour.
REPORT_PENDING_PHOTO_MINUTES = env.int("REPORT_PENDING_PHOTO_MINUTES", default=45)
# API tokens record their last use at most this often, to keep reads cheap.
API_TOKEN_LAST_USED_RESOLUTION = timedelta(minutes=5)
# The API's idempotency keys (and the answer each gave) are kept this many days, then swept daily:
# a partner retrying a call within this window gets the first answer, never a second record.
API_IDEMPOTENCY_KEY_DAYS = env.int("API_IDEMPOTENCY_KEY_DAYS", default=30)
# A directory entry (reporting centre or meeting space) is overdue for its audit this many days
# after its latest one (directory/listing_rules.py).
DIRECTORY_AUDIT_PERIOD_DAYS = env.int("DIRECTORY_AUDIT_PERIOD_DAYS", default=365)
