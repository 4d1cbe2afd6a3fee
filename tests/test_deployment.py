"""Settings fail loudly in production, and docker-compose.yml is valid."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import service_missing

ROOT = Path(__file__).resolve().parent.parent


def _import_settings(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")
    }
    return subprocess.run(
        [sys.executable, "-c", "import hwbb.settings"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_the_default_secret_key():
    result = _import_settings(DEBUG="0", ALLOWED_HOSTS="hwbb.example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set SECRET_KEY" in result.stderr


def test_production_refuses_empty_allowed_hosts():
    result = _import_settings(DEBUG="0", SECRET_KEY="a-real-secret")
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set ALLOWED_HOSTS" in result.stderr


def test_production_starts_when_configured():
    result = _import_settings(
        DEBUG="0", SECRET_KEY="a-real-secret", ALLOWED_HOSTS="hwbb.example.org"
    )
    assert result.returncode == 0, result.stderr


def test_embedded_default_is_sqlite_eager_celery_and_console_email():
    code = (
        "from hwbb import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER,"
        " s.EMAIL_BACKEND, s.TIME_ZONE, s.LANGUAGE_CODE)"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_HOST")
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DEBUG": "1"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.console.EmailBackend",
        "Europe/London",
        "en-gb",
    ]


def _compose_command():
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker"):
        service_missing("docker exists but neither `docker compose` nor docker-compose")
    pytest.skip("no docker client on this machine")


def test_docker_compose_file_parses():
    env = {
        **os.environ,
        "SECRET_KEY": "x",
        "ALLOWED_HOSTS": "x",
        "POSTGRES_PASSWORD": "x",
    }
    result = subprocess.run(
        [*_compose_command(), "-f", "docker-compose.yml", "config", "-q"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
