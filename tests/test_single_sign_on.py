"""Single sign-on through OpenID Connect, against a real provider: a second
Django process running django-oauth-toolkit with OpenID Connect on
(tests/oidc_provider/), started here on a port of its own. The site finds it
through its discovery document, sends the browser there, exchanges the code
for tokens over HTTP, checks the signed ID token and matches the person by
email. A requests session plays the browser at the provider."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse

from tests import factories
from tests.helpers import sign_in

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("OIDC_TEST_PORT", "8772"))
CLIENT_ID = "hwbb-test-client"
CLIENT_SECRET = secrets.token_urlsafe(32)
EMAIL = "Ruth.Knight@coventry.example.gov.uk"
PASSWORD = "directory password for the tests"
CALLBACK = "https://testserver/accounts/oidc/council/login/callback/"


def _free(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """The provider's address (its issuer), running until the module ends."""
    if not _free(PORT):
        pytest.fail(f"port {PORT} is taken: set OIDC_TEST_PORT to a free one")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "PYTHONPATH": os.pathsep.join(
            [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
        "OIDC_PROVIDER_DB": str(tmp_path_factory.mktemp("oidc") / "provider.db"),
        "OIDC_RSA_PRIVATE_KEY": key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
        "OIDC_USER_EMAIL": EMAIL,
        "OIDC_USER_PASSWORD": PASSWORD,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_REDIRECT_URI": CALLBACK,
    }
    django = [sys.executable, "-m", "django"]
    subprocess.run([*django, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    directory = "import tests.oidc_provider.directory"
    subprocess.run([*django, "shell", "-c", directory], env=env, check=True, cwd=ROOT)
    server = subprocess.Popen(
        [*django, "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    issuer = f"http://127.0.0.1:{PORT}/o"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                discovery = f"{issuer}/.well-known/openid-configuration"
                if requests.get(discovery, timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            pytest.fail("the OpenID Connect provider did not start")
        yield issuer
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def configured(settings, provider):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": [
                {
                    "provider_id": "council",
                    "name": "Coventry City Council",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": provider},
                }
            ],
        }
    }
    return provider


def _through_the_provider(client):
    """Press "Sign in with ..." on the site, sign in at the provider as its
    person, and bring its answer back to the site: the site's response."""
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with Coventry City Council" in page
    start = client.post(reverse("openid_connect_login", args=["council"]))
    assert start.status_code == 302, start.content
    browser = requests.Session()
    url = start["Location"]
    assert url.startswith(f"http://127.0.0.1:{PORT}/o/authorize/")
    for _ in range(10):
        if url.startswith("https://testserver/"):
            break
        answer = browser.get(url, allow_redirects=False, timeout=10)
        if answer.status_code == 200 and "csrfmiddlewaretoken" in answer.text:
            token = re.search(
                r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.text
            ).group(1)
            next_url = re.search(r'name="next" value="([^"]+)"', answer.text)
            answer = browser.post(
                url,
                {
                    "csrfmiddlewaretoken": token,
                    "username": "ruth.k",
                    "password": PASSWORD,
                    "next": next_url.group(1).replace("&amp;", "&"),
                },
                allow_redirects=False,
                timeout=10,
            )
        assert answer.status_code == 302, (url, answer.status_code, answer.text)
        location = answer.headers["Location"]
        if location.startswith("/"):
            location = f"http://127.0.0.1:{PORT}{location}"
        url = location
    assert url.startswith(CALLBACK), url
    back = urlsplit(url)
    return client.get(f"{back.path}?{back.query}", secure=True)


def test_a_person_signs_in_through_the_council_and_keeps_their_roles(
    client, configured, chair
):
    chair.person.email = EMAIL.lower()
    chair.person.save()
    response = _through_the_provider(client)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.session["_auth_user_id"] == str(chair.pk)
    page = client.get(reverse("your_work")).content.decode()
    assert "(Chair)" in page  # the role is still HWBB's group
    # the second time, the account is already linked
    client.post(reverse("logout"))
    assert _through_the_provider(client).status_code == 302
    assert client.session["_auth_user_id"] == str(chair.pk)


def test_the_account_s_own_address_matches_too(client, configured, db):
    user = factories.UserFactory(email=EMAIL.upper())
    _through_the_provider(client)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_nobody_unknown_gets_an_account(client, configured, member):
    from django.contrib.auth.models import User

    before = User.objects.count()
    response = _through_the_provider(client)
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == before
    page = client.get(reverse("login")).content.decode()
    assert "There is no account on this site for the email address" in page


def test_with_local_passwords_off_only_single_sign_on_signs_in(
    client, configured, settings, member
):
    settings.LOCAL_PASSWORDS = False
    member.set_password("a long and correct password")
    member.save()
    page = client.get(reverse("login")).content.decode()
    assert 'name="password"' not in page
    sign_in(client, member.username, "a long and correct password")
    assert "_auth_user_id" not in client.session
    member.person.email = EMAIL
    member.person.save()
    _through_the_provider(client)
    assert client.session["_auth_user_id"] == str(member.pk)
