"""Failed sign-ins are counted per account and per address, through the
real sign-in form and the admin's, and a locked-out visitor is told when to
try again; officers see the lock-outs and may lift one."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.helpers import sign_in

PASSWORD = "a long and correct password"
LIMIT = settings.AXES_FAILURE_LIMIT


@pytest.fixture
def person(db):
    user = factories.UserFactory(username="ruth")
    user.set_password(PASSWORD)
    user.save()
    return user


def _signed_in(client):
    return "_auth_user_id" in client.session


def test_the_right_password_signs_in_after_a_few_wrong_ones(client, person):
    for _ in range(LIMIT - 1):
        assert sign_in(client, "ruth", "wrong").status_code == 200
    assert sign_in(client, "ruth", PASSWORD).status_code == 302
    assert _signed_in(client)


def test_an_account_is_locked_whichever_address_guesses(client, person):
    for n in range(LIMIT):
        response = sign_in(client, "ruth", "wrong", address=f"198.51.100.{n}")
    assert response.status_code == 429
    # the right password, from a new address, is refused too
    response = sign_in(client, "ruth", PASSWORD, address="203.0.113.7")
    assert response.status_code == 429
    assert not _signed_in(client)
    page = response.content.decode()
    assert "Too many attempts to sign in" in page
    expected = timezone.localtime() + settings.AXES_COOLOFF_TIME
    assert f"Try again after {expected:%H:%M}" in page or (
        f"Try again after {expected - datetime.timedelta(minutes=1):%H:%M}" in page
    )


def test_an_address_is_locked_whichever_accounts_it_guesses(client, person):
    for n in range(LIMIT):
        sign_in(client, f"guess{n}", "wrong", address="198.51.100.9")
    response = sign_in(client, "ruth", PASSWORD, address="198.51.100.9")
    assert response.status_code == 429
    assert not _signed_in(client)
    # the account itself is not locked: from elsewhere it signs in
    assert sign_in(client, "ruth", PASSWORD, address="203.0.113.7").status_code == 302


def test_the_admin_login_counts_and_refuses_alike(client, person):
    """The admin's login is the site's sign-in (hwbb/urls.py), so its
    failures count towards the same lock-out."""
    person.is_staff = True
    person.save()
    admin_login = client.get(reverse("admin:login"))["Location"]
    assert admin_login.startswith(reverse("login"))
    for _ in range(LIMIT):
        response = sign_in(client, "ruth", "wrong", url=admin_login)
    assert response.status_code == 429
    assert sign_in(client, "ruth", PASSWORD).status_code == 429
    assert not _signed_in(client)
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_lock_lifts_when_the_wait_is_over(client, person):
    from axes.models import AccessAttempt

    for _ in range(LIMIT):
        sign_in(client, "ruth", "wrong")
    assert sign_in(client, "ruth", PASSWORD).status_code == 429
    later = timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=later)
    assert sign_in(client, "ruth", PASSWORD).status_code == 302


def test_officers_see_the_lock_outs_and_lift_one(client, person, officer):
    for _ in range(LIMIT):
        sign_in(client, "ruth", "wrong", address="198.51.100.20")
    client.force_login(officer)
    page = client.get(reverse("lockouts")).content.decode()
    assert "ruth" in page and "198.51.100.20" in page
    response = client.post(reverse("unlock"), {"username": "ruth"}, follow=True)
    cleared = "Sign-in failures cleared for the account “ruth”"
    assert cleared in response.content.decode()
    client.logout()
    # the account is free again; the address was counted with it and is too
    assert sign_in(client, "ruth", PASSWORD, address="203.0.113.8").status_code == 302


def test_only_officers_see_the_lock_outs(client, member):
    client.force_login(member)
    assert client.get(reverse("lockouts")).status_code == 403
    assert client.post(reverse("unlock"), {"username": "x"}).status_code == 403


def test_unlock_refuses_what_is_not_an_account_or_address(client, officer):
    client.force_login(officer)
    response = client.post(reverse("unlock"), {"ip_address": "not an address"})
    assert response.status_code == 302
    page = client.get(reverse("lockouts")).content.decode()
    assert "Choose an account or address to unlock." in page


def test_the_address_behind_a_proxy_is_the_clients(client, person, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    for n in range(LIMIT):
        client.post(
            reverse("login"),
            {"login": f"guess{n}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR="198.51.100.30",
        )
    # another client behind the same proxy is not locked out
    response = client.post(
        reverse("login"),
        {"login": "ruth", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.31",
    )
    assert response.status_code == 302


def test_sign_in_attempts_from_one_address_are_slowed(client, person, settings):
    """Beyond SIGNIN_RATE attempts a minute from one address, right or wrong,
    the address waits a minute (allauth's limit), on a page that says so."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    for _ in range(3):
        assert sign_in(client, "ruth", "wrong").status_code == 200
    response = sign_in(client, "ruth", PASSWORD)
    assert response.status_code == 429
    assert "Wait a minute, then try again." in response.content.decode()
    assert not _signed_in(client)
    # another address is not slowed
    assert sign_in(client, "ruth", PASSWORD, address="203.0.113.9").status_code == 302
