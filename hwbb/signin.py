"""Signing in: single sign-on's match of a person to an account, local
passwords switched off, who must have a second factor, the throttle on
failed attempts, and the officers' list of the accounts and addresses it has
locked out.

django-axes counts the failures (settings, "Sign-in throttling"); this module
tells it whose address a request comes from, which account a form named, and
what a locked-out visitor is told: when to try again, in the council's time.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.db.models import Max, Q, Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hwbb import audit
from hwbb.permissions import CHAIR, OFFICER, has_role, role_required


def client_ip(request):
    """The client's own address: REMOTE_ADDR, or with API_NUM_PROXIES
    proxies in front, the address the outermost of them saw (as DRF's
    throttles read it, so the API and the sign-in agree)."""
    num_proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if num_proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(num_proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR")


def username_tried(request, credentials):
    """The account a sign-in named, whichever form sent it, as the database
    can keep it (no null character, at most 255 characters: no account's
    name is longer, so a longer one is counted as that much of it)."""
    credentials = credentials or {}
    name = credentials.get("username") or credentials.get("login")
    if not name and request is not None:
        name = request.POST.get("username") or request.POST.get("login")
    return str(name or "").replace("\x00", "").strip()[:255] or None


def retry_at():
    """When a locked-out visitor may try again: the wait starts afresh with
    each attempt made while locked out, so it ends a full wait from now."""
    return timezone.localtime() + settings.AXES_COOLOFF_TIME


def locked_out(request, original_response=None, credentials=None):
    return render(
        request,
        "registration/locked_out.html",
        {
            "retry_at": retry_at(),
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )


def _locked(field):
    """(value, failures, locked until) for each account or address whose
    failures within the wait have reached the limit, newest first."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
    return [
        {
            "value": row[field],
            "failures": row["failures"],
            "until": timezone.localtime(row["last"] + settings.AXES_COOLOFF_TIME),
        }
        for row in rows
    ]


def is_address(value):
    try:
        validate_ipv46_address(value)
    except ValidationError:
        return False
    return True


@role_required(OFFICER)
def lockouts(request):
    """The accounts and addresses locked out now, for an officer to see (and
    lift, once they know the person asking is who they say)."""
    return render(
        request,
        "registration/lockouts.html",
        {
            "tables": [
                ("Accounts locked out", _locked("username"), "username"),
                ("Addresses locked out", _locked("ip_address"), "ip_address"),
            ],
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


@role_required(OFFICER)
@require_POST
def unlock(request):
    username = request.POST.get("username", "").strip()
    address = request.POST.get("ip_address", "").strip()
    if username and "\x00" not in username and len(username) <= 255:
        removed = reset(username=username)
        what = f"the account “{username}”"
    elif is_address(address):
        removed = reset(ip=address)
        what = f"the address {address}"
    else:
        messages.error(request, "Choose an account or address to unlock.")
        return redirect("lockouts")
    if removed:
        audit.record(audit.Kind.UNLOCKED, request=request, detail=f"For {what}")
        messages.success(request, f"Sign-in failures cleared for {what}.")
    else:
        messages.info(request, f"{what[0].upper()}{what[1:]} was not locked out.")
    return redirect("lockouts")


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are made by officers and administrators, never by signing up."""

    def is_open_for_signup(self, request):
        return False


def needs_second_factor(user):
    """Whether the user must have a second factor: officers, chairs and
    administrators, who publish and sign (MFA_REQUIRED)."""
    return bool(
        settings.MFA_REQUIRED
        and user.is_authenticated
        and (user.is_staff or user.is_superuser or has_role(user, OFFICER, CHAIR))
    )


def has_second_factor(user):
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


class LocalPasswordBackend(ModelBackend):
    """Django's own check of a password, refused with LOCAL_PASSWORDS off
    (single sign-on is then the only way in)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.LOCAL_PASSWORDS:
            return None
        return super().authenticate(request, username, password, **kwargs)


def account_for_email(email):
    """The one active account whose address, or whose person's, is `email`."""
    if not email:
        return None
    accounts = User.objects.filter(
        Q(email__iexact=email) | Q(person__email__iexact=email), is_active=True
    ).distinct()
    found = list(accounts[:2])
    return found[0] if len(found) == 1 else None


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on signs in an existing account, matched by the email the
    council's directory vouches for; it never makes one."""

    def is_open_for_signup(self, request, sociallogin):
        return False

    def pre_social_login(self, request, sociallogin):
        if sociallogin.is_existing:
            return
        email = sociallogin.account.extra_data.get("userinfo", {}).get("email") or (
            sociallogin.account.extra_data.get("id_token", {}).get("email")
        )
        verified = any(
            address.verified and address.email.lower() == (email or "").lower()
            for address in sociallogin.email_addresses
        )
        user = account_for_email(email) if verified else None
        if user is None:
            messages.error(
                request,
                "There is no account on this site for the email address "
                f"{settings.OIDC_PROVIDER_NAME} gave"
                f"{f' ({email})' if email else ''}. Ask a governance officer "
                "of the board to add you.",
            )
            raise ImmediateHttpResponse(redirect("login"))
        sociallogin.connect(request, user)
