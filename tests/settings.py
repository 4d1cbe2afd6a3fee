"""Test settings: the real settings, sped up, on PostgreSQL."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from hwbb.settings import *  # noqa: E402,F403
from hwbb.settings import dj_database_url, env_str  # noqa: E402

# Connections are kept and health-checked as in production (hwbb/settings.py).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL_TEST", "postgres://postgres@127.0.0.1:5432/hwbb"),
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],  # noqa: F405
        conn_health_checks=DATABASES["default"]["CONN_HEALTH_CHECKS"],  # noqa: F405
    )
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_BROKER_URL = ""
CELERY_TASK_ALWAYS_EAGER = True
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

import tempfile  # noqa: E402

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="hwbb-test-media-"))  # noqa: F405

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The test client speaks plain HTTP; production redirects it to HTTPS.
SECURE_SSL_REDIRECT = False
# Most tests sign people in with force_login and no second factor; the tests
# of the second factor (tests/test_second_factor.py) turn this on.
MFA_REQUIRED = False
