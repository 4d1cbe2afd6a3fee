"""A second factor at sign-in: officers, chairs and administrators must set
one up (MFA_REQUIRED, on in production), others may; a real TOTP code
(pyotp, from the secret the page shows) is asked for after the password,
and a recovery code stands in for a lost phone."""

import re

import pyotp
import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.helpers import sign_in

PASSWORD = "a long and correct password"


@pytest.fixture(autouse=True)
def required(settings):
    settings.MFA_REQUIRED = True


def _with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def _signed_in(client):
    return "_auth_user_id" in client.session


def test_a_chair_without_a_second_factor_must_set_one_up(client, chair):
    _with_password(chair)
    response = sign_in(client, chair.username, PASSWORD)
    assert response.status_code == 302
    # every page sends the chair to set one up first
    response = client.get(reverse("your_work"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_index")
    assert client.get(reverse("meetings:list")).status_code == 302
    assert client.get("/api/meetings/").status_code == 403
    # setting one up asks for the password again, as any change of how one
    # signs in does
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(response["Location"], {"password": PASSWORD})
    # the page that sets up an authenticator app shows its secret
    page = client.get(reverse("mfa_activate_totp")).content.decode()
    secret = re.search(r'value="([A-Z2-7]{32})"', page).group(1)
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert "Incorrect code" in wrong.content.decode()
    response = client.post(
        reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()}
    )
    assert response.status_code == 302
    # recovery codes were made with it, and the site is open
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert client.get(reverse("your_work")).status_code == 200


def test_signing_in_asks_for_the_code_after_the_password(client, officer):
    _with_password(officer)
    secret = generate_totp_secret()
    TOTP.activate(officer, secret)
    response = sign_in(client, officer.username, PASSWORD)
    assert response["Location"] == reverse("mfa_authenticate")
    assert not _signed_in(client)  # the password alone is not enough
    response = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert "Incorrect code" in response.content.decode()
    assert not _signed_in(client)
    response = client.post(
        reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()}
    )
    assert response.status_code == 302
    assert _signed_in(client)
    assert client.get(reverse("your_work")).status_code == 200


def test_a_recovery_code_stands_in_for_the_app_once(client, officer):
    _with_password(officer)
    TOTP.activate(officer, generate_totp_secret())
    code = RecoveryCodes.activate(officer).get_unused_codes()[0]
    sign_in(client, officer.username, PASSWORD)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert _signed_in(client)
    client.post(reverse("logout"))
    sign_in(client, officer.username, PASSWORD)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert "Incorrect code" in response.content.decode()
    assert not _signed_in(client)


def test_a_member_may_go_without_a_second_factor(client, member):
    _with_password(member)
    sign_in(client, member.username, PASSWORD)
    assert client.get(reverse("your_work")).status_code == 200
    # and may set one up
    response = client.get(reverse("mfa_index"))
    assert reverse("mfa_activate_totp") in response.content.decode()


def test_an_administrator_must_too(client, db):
    from tests import factories

    admin = _with_password(factories.UserFactory(is_staff=True, is_superuser=True))
    sign_in(client, admin.username, PASSWORD)
    assert client.get(reverse("admin:index"))["Location"] == reverse("mfa_index")


def test_the_admin_login_is_the_sites(client, db):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_off_the_demo_lets_an_officer_in_without_one(client, officer, settings):
    settings.MFA_REQUIRED = False
    _with_password(officer)
    sign_in(client, officer.username, PASSWORD)
    assert client.get(reverse("your_work")).status_code == 200


def test_the_production_default_requires_it():
    """MFA_REQUIRED follows DEBUG unless set: on in production."""
    import subprocess
    import sys

    code = "import hwbb.settings as s; print(s.MFA_REQUIRED)"
    env = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "hwbb.example.org"}
    for debug, expected in (("", "True"), ("1", "False")):
        out = subprocess.run(
            [sys.executable, "-c", code],
            env={**env, "DEBUG": debug, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip() == expected


def test_signing_out_everywhere_ends_the_other_sessions(client, member):
    from django.test import Client

    _with_password(member)
    elsewhere = Client()
    sign_in(elsewhere, member.username, PASSWORD, address="203.0.113.5")
    sign_in(client, member.username, PASSWORD)
    security = client.get(reverse("mfa_index")).content.decode()
    assert f'href="{reverse("usersessions_list")}"' in security
    page = client.get(reverse("usersessions_list")).content.decode()
    assert "203.0.113.5" in page and "Sign Out Other Sessions" in page
    client.post(reverse("usersessions_list"))
    assert _signed_in(client)
    assert elsewhere.get(reverse("your_work")).status_code == 302
    assert not _signed_in(elsewhere)
