"""HWBB settings, driven by environment variables.

The embedded default (no environment at all) is a SQLite file, console email and
eager Celery, so `make run` needs no other service. Production sets DATABASE_URL,
CELERY_BROKER_URL, SECRET_KEY and ALLOWED_HOSTS; with DEBUG off, a default secret
key or an empty ALLOWED_HOSTS refuses to start.
"""

import datetime
import hashlib
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name, default=""):
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEFAULT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", DEFAULT_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

if not DEBUG:
    if SECRET_KEY == DEFAULT_SECRET_KEY:
        raise ImproperlyConfigured("Set SECRET_KEY: DEBUG is off.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set ALLOWED_HOSTS: DEBUG is off.")

# Behind a reverse proxy (docker-compose.yml's Caddy): TRUSTED_PROXY=1 says
# one is in front that overwrites X-Forwarded-Proto and X-Forwarded-For with
# what it saw. Only then is a request with X-Forwarded-Proto: https taken as
# secure, and the client's address read from X-Forwarded-For (one proxy,
# unless API_NUM_PROXIES says how many). Without it those headers are the
# client's own word and are ignored: gunicorn reached directly must not let
# anyone claim HTTPS or another address.
TRUSTED_PROXY = env_bool("TRUSTED_PROXY", False)
if TRUSTED_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
NUM_PROXIES = env_int("API_NUM_PROXIES", 1 if TRUSTED_PROXY else None)

# The public site address, used for links in emails.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
SITE_NAME = env_str("SITE_NAME", "Coventry Health and Wellbeing Board")
COUNCIL_NAME = env_str("COUNCIL_NAME", "Coventry City Council")
COUNCIL_ADDRESS = env_str(
    "COUNCIL_ADDRESS", "Council House, Earl Street, Coventry CV1 5RR"
)

# The statements a council publishes (hwbb/statements.py): the accessibility
# statement, the privacy notice and /.well-known/security.txt. The defaults
# are the demo's; a council fills in its own. Dates are ISO (2026-12-05).
ACCESSIBILITY_CONTACT_EMAIL = env_str(
    "ACCESSIBILITY_CONTACT_EMAIL", "governance.services@example.org"
)
ACCESSIBILITY_CONTACT_PHONE = env_str("ACCESSIBILITY_CONTACT_PHONE")
ACCESSIBILITY_RESPONSE_DAYS = env_int("ACCESSIBILITY_RESPONSE_DAYS", 10)
# fully, partially or not (compliant with WCAG 2.2 AA)
ACCESSIBILITY_COMPLIANCE = env_str("ACCESSIBILITY_COMPLIANCE", "partially")
ACCESSIBILITY_STATEMENT_PREPARED = datetime.date.fromisoformat(
    env_str("ACCESSIBILITY_STATEMENT_PREPARED", "2026-12-05")
)
ACCESSIBILITY_STATEMENT_REVIEWED = datetime.date.fromisoformat(
    env_str("ACCESSIBILITY_STATEMENT_REVIEWED", "2026-12-05")
)
ACCESSIBILITY_LAST_TESTED = datetime.date.fromisoformat(
    env_str("ACCESSIBILITY_LAST_TESTED", "2026-12-05")
)
ACCESSIBILITY_TESTED_BY = env_str(
    "ACCESSIBILITY_TESTED_BY",
    "the HWBB developers, with axe-core's automated WCAG 2.2 AA checks in "
    "Chromium and by hand at desktop and phone widths",
)
PRIVACY_CONTACT_EMAIL = env_str(
    "PRIVACY_CONTACT_EMAIL", "information.governance@example.org"
)
DPO_EMAIL = env_str("DPO_EMAIL", "dpo@example.org")
PRIVACY_NOTICE_UPDATED = datetime.date.fromisoformat(
    env_str("PRIVACY_NOTICE_UPDATED", "2026-12-05")
)
ICO_REGISTRATION_NUMBER = env_str("ICO_REGISTRATION_NUMBER")
RETENTION_SCHEDULE_URL = env_str("RETENTION_SCHEDULE_URL")
# RFC 9116: a mailto: or https: address for reporting a vulnerability.
SECURITY_CONTACT = env_str("SECURITY_CONTACT", "mailto:security@example.org")
SECURITY_POLICY_URL = env_str("SECURITY_POLICY_URL")
# security.txt's Expires is this many days after the day it is read (at most
# 364: RFC 9116 asks for less than a year).
SECURITY_TXT_DAYS = min(env_int("SECURITY_TXT_DAYS", 180), 364)

INSTALLED_APPS = [
    "hwbb.admin_site.CouncilAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.usersessions",
    "hwbb",
    "strategy",
    "indicators",
    "meetings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "hwbb.middleware.RefuseNullCharacters",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Headers and sessions (see "Headers and sessions" below).
    "csp.middleware.CSPMiddleware",
    "hwbb.middleware.PermissionsPolicy",
    "hwbb.middleware.EndIdleSessions",
    "hwbb.middleware.RequireSecondFactor",
    # Last: turns a locked-out sign-in into the page that says when to retry.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hwbb.urls"
# The load bench's baselines (bench/load.py): two bare views beside the site,
# routed only when the bench asks for them; never set in production.
if env_bool("BENCH_BARE_VIEWS", False):
    ROOT_URLCONF = "hwbb.bench_urls"

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
                "hwbb.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "hwbb.wsgi.application"

# Each web process and worker keeps its database connection for a minute
# rather than opening one per request: a one-query page served 448 requests
# a second with a new connection each time and 2,441 with a kept one. The
# health check, at the start of each request or task, replaces a connection
# the database has dropped (a restart, a failover) instead of failing on it.
# DB_CONN_MAX_AGE=0 closes it after each request, as Django does by default.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (Index.include) are PostgreSQL's, which production runs;
# on SQLite (the demo, quick tests) they are plain indexes, as intended.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Passwords: at least 12 characters (NCSC: three random words), not like the
# username or the person's name, not a common password, and not a common
# word with digits added ("officer123": hwbb/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "hwbb.passwords.CommonWordWithDigitsValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "your_work"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

# Cache: computed indicator judgements (indicators/summary.py). CACHE_URL
# (redis://...) shares it, and its invalidation, between every web process and
# worker; without it a directory on disk does, so a demo reloaded by another
# process is seen at once.
# Its keys carry the database's name: two sites (or a bench's one-year and
# ten-year datasets) sharing a Redis never read each other's judgements or pages.
CACHE_URL = env_str("CACHE_URL")
_database = DATABASES["default"]
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": hashlib.sha256(
                f"{_database.get('HOST')}:{_database.get('PORT')}/{_database['NAME']}".encode()
            ).hexdigest()[:12],
        }
        if CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("CACHE_DIR", str(BASE_DIR / ".cache")),
        }
    )
}

# Public pages (hwbb/pagecache.py) are cached this many seconds for readers
# who are not signed in, under a version of the data that any edit renews;
# pages that change with the clock (meetings to come) are at most this late.
# 0 turns the page cache off.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 60)

# The API (meetings/api/urls.py): read-only for the public, through the same
# visibility rules as the pages; signed-in owners update their own actions
# with a token (Authorization: Token <key>) or their session. Tokens are
# django-rest-knox's: only a hash is stored, the token is shown once, and it
# stops working after API_TOKEN_DAYS.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 365)
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(days=API_TOKEN_DAYS),
    # A prefix secret scanners (GitHub's, for one) can be taught to look for.
    "TOKEN_PREFIX": "hwbb_",
    "AUTH_HEADER_PREFIX": "Token",
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # JSON only: DRF's browsable pages fail WCAG 2.2 AA in markup this project
    # cannot reach (no page language, an unnamed button, two main landmarks);
    # /api/docs/ is where people browse and try the API.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly"
    ],
    "DEFAULT_FILTER_BACKENDS": ["hwbb.api_filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "hwbb.api_pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The public's requests are limited per address (the cache counts them);
    # signed-in users and tokens are not. API_NUM_PROXIES: the proxies in front
    # of the app, so the client's own address is read from X-Forwarded-For.
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env_str("API_ANON_RATE", "120/minute")},
    "NUM_PROXIES": NUM_PROXIES,
    "EXCEPTION_HANDLER": "hwbb.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    # PATCH /api/actions/<id>/ records a whole progress update: its body's
    # required fields are required, not made optional as for a partial edit.
    "COMPONENT_SPLIT_PATCH": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "hwbb.api_schema.error_responses",
        "hwbb.api_schema.blank_or_format",
        "hwbb.api_schema.nullable_refs",
    ],
    "TITLE": "Health and Wellbeing Board open data API",
    "DESCRIPTION": "Meetings, agendas, minutes, decisions, actions, the strategy's "
    "priorities and pillars, and outcome indicators. Read-only without "
    "signing in; exempt (Part 2) content is never shown to those who may not "
    "see it.\n\nContains public sector information licensed under the [Open "
    "Government Licence v3.0](https://www.nationalarchives.gov.uk/doc/"
    "open-government-licence/version/3/).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and ReDoc from drf-spectacular-sidecar's files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {
        "deepLinking": False,  # its links sit inside buttons (nested-interactive)
        "validatorUrl": None,  # else it fetches a badge from validator.swagger.io
        "syntaxHighlight": False,  # its colours fail contrast on the dark panel
    },
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "MeetingStatusEnum": "meetings.models.Meeting.Status",
        "ActionStatusEnum": "meetings.models.Action.Status",
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Email: console by default; SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Health and Wellbeing Board <hwbb@example.org>"
)
# With EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend: where.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))

# Celery: eager (in-process) unless a broker is configured.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# Celery closes a worker's database connection around every task unless this
# is set; it then renews it only every so many tasks, and hwbb/celery.py keeps
# or renews it between tasks by DB_CONN_MAX_AGE, as Django does between requests.
CELERY_DB_REUSE_MAX = 1000
CELERY_BEAT_SCHEDULE = {
    # Every 15 minutes: queue every notice the apps' planners find due from the
    # rows (each app's notices.py), each once by its key: actions' and progress
    # returns' reminders from REMINDER_HOUR, the cycle's other deadlines from
    # the start of their day (reports, draft minutes, escalations, interests,
    # priority reviews, declarations).
    "notices": {
        "task": "hwbb.tasks.plan_notifications",
        "schedule": crontab(minute="*/15"),
    },
    # Every morning at 7: request the progress returns the schedules say are due.
    "progress-requests": {
        "task": "strategy.tasks.request_scheduled_progress_reports",
        "schedule": crontab(minute=0, hour=7),
    },
    # Every 10 minutes: rebuild the agenda packs of published agendas (future
    # meetings and those of the last eight weeks) whose content changed since
    # they were built; a download checks its pack too, so this saves a wait.
    "agenda-packs": {
        "task": "meetings.tasks.refresh_agenda_packs",
        "schedule": crontab(minute="*/10"),
    },
    # Monday 8am: one email to each person who chose a weekly digest.
    "weekly-digest": {
        "task": "hwbb.tasks.send_weekly_digests",
        "schedule": crontab(minute=0, hour=8, day_of_week=1),
    },
    # Every morning at 7, and Monday at 7: the email alerts' daily and weekly
    # digests, one to each address that chose one (meetings/alerts.py).
    "alert-digest-daily": {
        "task": "hwbb.tasks.send_alert_digests",
        "schedule": crontab(minute=0, hour=7),
        "args": ("daily",),
    },
    "alert-digest-weekly": {
        "task": "hwbb.tasks.send_alert_digests",
        "schedule": crontab(minute=0, hour=7, day_of_week=1),
        "args": ("weekly",),
    },
    # Every 5 minutes: hand notifications over again that the broker never took
    # (it was down) or whose worker died while sending (hwbb/notify.py).
    "notification-sweep": {
        "task": "hwbb.tasks.sweep_notifications",
        "schedule": crontab(minute="*/5"),
    },
    # Every 5 minutes: hand Fingertips uploads over again that no worker has
    # taken for 15 minutes (indicators/tasks.py).
    "import-sweep": {
        "task": "indicators.tasks.requeue_waiting",
        "schedule": crontab(minute="*/5"),
    },
    # Every 5 minutes: hand uploaded agenda packs over again that no worker has
    # taken for 15 minutes, or whose worker was lost while reading them
    # (meetings/services/pack_imports.py).
    "pack-import-sweep": {
        "task": "meetings.tasks.requeue_pack_imports",
        "schedule": crontab(minute="*/5"),
    },
    # Every night at 2:30: apply the retention schedule (Admin > Retention
    # schedule), each rule once, and record what it did (/retention/).
    "retention": {
        "task": "hwbb.tasks.apply_retention",
        "schedule": crontab(minute=30, hour=2),
    },
}
# Fail fast when the broker is down: the notification stays pending, the
# page that queued it says so, and the sweep hands it over later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}

# Working days before an action's due date that its owner is reminded.
ACTION_REMINDER_WORKING_DAYS = env_int("ACTION_REMINDER_WORKING_DAYS", 5)
# Working days before a report deadline that its authors are reminded.
REPORT_REMINDER_WORKING_DAYS = env_int("REPORT_REMINDER_WORKING_DAYS", 3)
# Working days after a meeting by which its draft minutes are due.
MINUTES_DRAFT_WORKING_DAYS = env_int("MINUTES_DRAFT_WORKING_DAYS", 10)
# Working days an action may be overdue before the governance officer is told.
ACTION_ESCALATE_WORKING_DAYS = env_int("ACTION_ESCALATE_WORKING_DAYS", 10)
# Working days before a meeting that members are asked to consider declarations.
DECLARATIONS_REMINDER_WORKING_DAYS = env_int("DECLARATIONS_REMINDER_WORKING_DAYS", 2)
# Working days before a progress return is due that its lead is reminded.
PROGRESS_REMINDER_WORKING_DAYS = env_int("PROGRESS_REMINDER_WORKING_DAYS", 5)
# Hour of the day (Europe/London) at which reminders fall due.
REMINDER_HOUR = env_int("REMINDER_HOUR", 9)
# Email alerts for anyone (/alerts/): requests for alerts one client address
# may make in an hour, and confirmation emails one email address may be sent
# in an hour; past either, the form answers 429 or sends nothing.
ALERT_REQUESTS_PER_HOUR = env_int("ALERT_REQUESTS_PER_HOUR", 10)

# Demo passwords work only with DEBUG on (see hwbb/auth_backends.py), and only
# for the demo's users, which meetings/demo creates with these usernames.
DEMO_PASSWORD = "hwbb-demo-2019"
DEMO_USERNAMES = ["officer", "chair", "member", "author", "lead", "admin"]
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is
    # checked (see "Sign-in throttling" below).
    "axes.backends.AxesStandaloneBackend",
    # Django's, answering no password when LOCAL_PASSWORDS is off.
    "hwbb.signin.LocalPasswordBackend",
    "hwbb.auth_backends.DemoPasswordBackend",
]

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)

# -- Headers and sessions ------------------------------------------------------
# In production every page is HTTPS only: HSTS for a year (subdomains too),
# plain HTTP redirected, cookies marked Secure (above). SECURE_SSL_REDIRECT
# can be turned off where the proxy in front already redirects.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The containers' health check asks gunicorn itself, over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# A session ends after SESSION_IDLE_MINUTES without a request
# (hwbb.middleware.EndIdleSessions), when the browser closes, and at the
# latest SESSION_MAX_HOURS after signing in.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = env_int("SESSION_MAX_HOURS", 12) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Content-Security-Policy (django-csp): scripts, styles, fonts and images
# from the site itself, no inline script anywhere (every page's scripts are
# files in static/js/); a style attribute is allowed (a progress bar's
# widths), a <style> element is not. No page may be framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy (hwbb.middleware.PermissionsPolicy): the features the
# site never uses are off; WebAuthn (security keys, passkeys) is the site's.
PERMISSIONS_POLICY = [
    ("accelerometer", "()"),
    ("camera", "()"),
    ("geolocation", "()"),
    ("gyroscope", "()"),
    ("magnetometer", "()"),
    ("microphone", "()"),
    ("payment", "()"),
    ("usb", "()"),
    ("browsing-topics", "()"),
    ("publickey-credentials-create", "(self)"),
    ("publickey-credentials-get", "(self)"),
]

# -- Signing in: django-allauth (accounts, second factors, sessions) -----------
# The sign-in pages are allauth's, in the GOV.UK style (templates/allauth/,
# templates/account/, templates/mfa/). Nobody signs themselves up: officers
# and administrators make the accounts. A second factor (an authenticator
# app's code, or a security key or passkey, with recovery codes) is asked
# for at sign-in from whoever has one; MFA_REQUIRED makes officers, chairs
# and administrators enrol one before anything else (hwbb/middleware.py).
# It is on in production and off by default with DEBUG, so the demo's
# shared-password logins work without an authenticator.
MFA_REQUIRED = env_bool("MFA_REQUIRED", not DEBUG)
ACCOUNT_ADAPTER = "hwbb.signin.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
# A signed-in visitor may still open the sign-in page (to sign in as
# someone who may see a page their account may not).
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
# Failed sign-ins are counted by axes (below), not twice; allauth slows
# every sign-in attempt from one address to SIGNIN_RATE (its other limits,
# on codes and password changes, stand), answered by templates/429.html.
ACCOUNT_RATE_LIMITS = {
    "login_failed": None,
    "login": env_str("SIGNIN_RATE", "30/m/ip"),
}
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
MFA_PASSKEY_LOGIN_ENABLED = False
# WebAuthn needs HTTPS, except on localhost for the demo.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Sign out everywhere: allauth records each signed-in session, and lists
# them at /accounts/sessions/ with a button that ends all the others.
USERSESSIONS_TRACK_ACTIVITY = False
# The client's address (sessions, rate limits) behind API_NUM_PROXIES.
ALLAUTH_TRUSTED_PROXY_COUNT = NUM_PROXIES or 0

# -- Single sign-on: OpenID Connect ------------------------------------------
# A council's Entra ID, NHSmail or any OpenID Connect provider: set
# OIDC_ISSUER (e.g. https://login.microsoftonline.com/<tenant>/v2.0),
# OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, and register
# <SITE_URL>/accounts/oidc/council/login/callback/ as the redirect address.
# The sign-in page then offers "Sign in with OIDC_PROVIDER_NAME". Whoever
# signs in is matched by email to an account (its own address or its
# person's); roles stay HWBB's groups; nobody unknown gets an account.
# LOCAL_PASSWORDS=off leaves single sign-on the only way in.
OIDC_ISSUER = env_str("OIDC_ISSUER")
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "your council account")
LOCAL_PASSWORDS = env_bool("LOCAL_PASSWORDS", True)
SOCIALACCOUNT_ADAPTER = "hwbb.signin.SocialAccountAdapter"
# The redirect address given to the provider: HTTPS in production.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "SCOPE": ["openid", "email", "profile"],
        "APPS": [
            {
                "provider_id": "council",
                "name": OIDC_PROVIDER_NAME,
                "client_id": env_str("OIDC_CLIENT_ID"),
                "secret": env_str("OIDC_CLIENT_SECRET"),
                "settings": {"server_url": OIDC_ISSUER},
            }
        ]
        if OIDC_ISSUER
        else [],
    }
}
if OIDC_ISSUER:
    # The sign-in button's form is answered by a redirect to the provider.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        "/".join(OIDC_ISSUER.split("/")[:3])
    )

# -- Sign-in throttling (django-axes) -----------------------------------------
# Every sign-in, the admin's included, goes through authenticate(), where
# axes counts failures per account and, separately, per address. At
# SIGNIN_FAILURE_LIMIT failures within SIGNIN_LOCKOUT_MINUTES either is
# refused until that many minutes have passed since its last attempt (a
# guess made while locked out starts the wait again): Cyber Essentials asks
# for no more than 10 guesses. The page says when to try again
# (hwbb/signin.py); officers see and lift lock-outs at /accounts/lockouts/.
# The client's address is read as the API reads it (API_NUM_PROXIES).
AXES_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("SIGNIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "hwbb.signin.locked_out"
AXES_CLIENT_IP_CALLABLE = "hwbb.signin.client_ip"
AXES_USERNAME_CALLABLE = "hwbb.signin.username_tried"
AXES_VERBOSE = False

# -- Public questions: how many one sender may send ---------------------------
# A resident sends a question or asks to speak without an account; these
# bound what one address (IP) sends in an hour, and one email address in a
# day, so a script cannot fill the officers' queue (hwbb/ratelimit.py).
QUESTIONS_PER_ADDRESS_PER_HOUR = env_int("QUESTIONS_PER_ADDRESS_PER_HOUR", 5)
QUESTIONS_PER_EMAIL_PER_DAY = env_int("QUESTIONS_PER_EMAIL_PER_DAY", 3)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every layout step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # pikepdf says at INFO that it is loaded, in every process.
        "pikepdf": {"level": "WARNING"},
    },
}
HOME_AREA_CODE = env_str("HOME_AREA_CODE", "E08000026")  # Coventry
COMPARATOR_AREA_CODE = "E92000001"  # England
# The largest paper that may be uploaded.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
# The most pages an uploaded PDF may have: counted before its text is read.
MAX_PDF_PAGES = env_int("MAX_PDF_PAGES", 1000)
REGION_AREA_CODE = env_str("REGION_AREA_CODE", "E12000005")  # West Midlands
# The board whose forward plan the indicator watchlist feeds.
HOME_BODY_SLUG = env_str("HOME_BODY_SLUG", "hwb")
