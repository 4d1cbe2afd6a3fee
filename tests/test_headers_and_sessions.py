"""The headers every page carries, sessions that end, and the passwords
refused (issue: a hardened deployment). `check --deploy` is run with the
production settings and must find nothing."""

import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from hwbb.middleware import EndIdleSessions
from tests import factories

ROOT = Path(__file__).resolve().parent.parent


def _policy(response):
    return dict(
        (part.split()[0], part.split()[1:])
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/api/docs/"])
def test_every_page_has_a_policy_with_no_inline_script(client, db, url):
    response = client.get(url, secure=True)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy.get("default-src", [])
    assert "'unsafe-eval'" not in " ".join(response["Content-Security-Policy"].split())
    permissions = response["Permissions-Policy"]
    assert "camera=()" in permissions and "geolocation=()" in permissions
    assert "publickey-credentials-get=(self)" in permissions
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    # and no page sends an inline script for the policy to refuse
    page = response.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", page):
        assert "src=" in tag or 'type="application/json"' in tag, (url, tag)


def test_plain_http_is_sent_to_https_in_production(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def _templates():
    for base in (ROOT / "templates", *ROOT.glob("*/templates")):
        yield from base.rglob("*.html")


def test_no_template_holds_an_inline_script_or_event_handler():
    """The policy refuses them, so one would silently stop working."""
    found = []
    for path in _templates():
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag:
                found.append(f"{path}: {tag}")
        for handler in re.findall(r"<[^>]*\son[a-z]+\s*=", text):
            found.append(f"{path}: {handler[:60]}")
        if "javascript:" in text:
            found.append(f"{path}: javascript: URL")
    assert not found, "\n".join(found)


def test_the_api_docs_script_comes_from_its_own_address(client, db):
    page = client.get("/api/docs/").content.decode()
    script = re.search(r'<script src="([^"]*script=[^"]*)"', page).group(1)
    response = client.get(script.replace("&amp;", "&"))
    assert response.status_code == 200
    assert "SwaggerUIBundle" in response.content.decode()


def test_an_idle_session_is_signed_out(client, officer):
    client.force_login(officer)
    assert client.get(reverse("meetings:my_actions")).status_code == 200
    session = client.session
    idle = settings.SESSION_IDLE_MINUTES * 60
    session[EndIdleSessions.KEY] = int(time.time()) - idle - 5
    session.save()
    response = client.get(reverse("meetings:my_actions"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    minutes = settings.SESSION_IDLE_MINUTES
    assert f"You were signed out after {minutes} minutes without activity" in page


def test_an_active_session_stays_signed_in(client, officer):
    client.force_login(officer)
    session = client.session
    idle = settings.SESSION_IDLE_MINUTES * 60
    session[EndIdleSessions.KEY] = int(time.time()) - idle + 60
    session.save()
    assert client.get(reverse("meetings:my_actions")).status_code == 200
    # the visit was noted, so the idle time starts again
    assert client.session[EndIdleSessions.KEY] >= int(time.time()) - 5


def test_sessions_end_when_the_browser_closes_and_within_hours():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600


@pytest.mark.parametrize(
    "password",
    [
        "officer123",  # a common word with digits
        "Coventry2019!",  # the council's name with digits
        "Wellbeing#2024",
        "password12345",
        "ruthknight99",  # the username
        "short9&Xq",  # fewer than 12 characters
        "qwertyuiop123",  # a common password with digits
    ],
)
def test_weak_passwords_are_refused(db, password):
    user = factories.UserFactory(username="ruthknight", first_name="Ruth")
    with pytest.raises(ValidationError):
        validate_password(password, user)


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "kettle-orbit-gravel-7"]
)
def test_long_unusual_passwords_are_accepted(db, password):
    user = factories.UserFactory(username="ruthknight", first_name="Ruth")
    validate_password(password, user)


def test_check_deploy_is_clean_with_the_production_settings():
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT)),
        "DJANGO_SETTINGS_MODULE": "hwbb.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "hwbb.example.org",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
