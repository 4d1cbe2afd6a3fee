"""The audit log's one writer: `record(kind, actor=, request=, obj=, detail=)`.

Services call it inside their own transaction, so an entry is kept exactly
when the change it tells of is (a rolled-back publish leaves no entry). Who
and from where are taken from the request being served when the caller does
not say: django-simple-history's middleware (HistoryRequestMiddleware, in
settings) already keeps the current request for the history it records, and
the log reads the same one, so a service that is not handed the user (the
minutes' approval, a cancellation) still names who did it. A task run by
Celery has no request: its entries name no one unless the caller does.

Signing in is recorded from the signals Django, django-axes and allauth's
MFA send (connected in hwbb/apps.py); reading public pages is never
recorded, only what a reader signed in takes away (`exported`) and exempt
papers and items opened (`viewed_exempt`).
"""

from allauth.mfa import signals as mfa
from axes.signals import user_locked_out
from django.contrib.auth import signals as auth
from simple_history.models import HistoricalRecords

from hwbb import pagecache, signin
from hwbb.models import AuditEntry

Kind = AuditEntry.Kind


def current_request():
    """The request being served on this thread, if any."""
    return getattr(HistoricalRecords.context, "request", None)


def _signed_in(user):
    return user is not None and getattr(user, "is_authenticated", False)


def name_of(user):
    """An account as the log names it: "Liz Knight (officer)"."""
    full = user.get_full_name()
    return f"{full} ({user.username})" if full else user.username


def _address(request):
    address = signin.client_ip(request) if request is not None else None
    return address if address and signin.is_address(address) else None


def record(
    kind, *, actor=None, request=None, obj=None, detail="", actor_name="", about=None
):
    """Add an entry to the audit log. `actor`: the account that acted (by
    default the request's signed-in user); `obj`: the row it acted on, kept
    as its type, key and name as they stand now (or `about`, those three as
    an earlier entry kept them); `actor_name`: who, in words, where there is
    no account (the name a failed sign-in tried)."""
    request = request or current_request()
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if not _signed_in(actor):
        actor = None
    if about is None:
        about = {
            "object_type": obj._meta.label_lower if obj is not None else "",
            "object_id": str(obj.pk) if obj is not None else "",
            "object_label": str(obj)[:300] if obj is not None else "",
        }
    return AuditEntry.objects.create(
        kind=kind,
        actor=actor,
        actor_name=(name_of(actor) if actor else actor_name)[:300],
        ip_address=_address(request),
        detail=str(detail)[:500],
        **about,
    )


def exported(request, detail, *, obj=None):
    """A signed-in reader took a file away (a CSV, an agenda pack, minutes):
    recorded; the public's downloads of open data are not."""
    if _signed_in(request.user):
        record(Kind.EXPORTED, request=request, obj=obj, detail=detail)


def viewed_exempt(request, obj, detail=""):
    """A reader opened an exempt (Part 2) paper or item: recorded, and
    recorded again each time the page is read from their own page cache."""
    entry = record(Kind.VIEWED_EXEMPT, request=request, obj=obj, detail=detail)
    about = {f: getattr(entry, f) for f in ("object_type", "object_id", "object_label")}
    pagecache.on_each_reading(request, read_again, entry.kind, about, entry.detail)


def read_again(request, kind, about, detail):
    """An entry again, as it was made, for another reading of its page."""
    record(kind, request=request, about=about, detail=detail)


# -- Signing in, from the signals ------------------------------------------------


def on_signed_in(sender, request, user, **kwargs):
    record(Kind.SIGNED_IN, actor=user, request=request)


def on_signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(Kind.SIGNED_OUT, actor=user, request=request)


def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    """A wrong password. An attempt axes refuses because the account or
    address is locked out is recorded once, by `on_locked_out`."""
    if request is not None and getattr(request, "axes_locked_out", False):
        return
    record(
        Kind.SIGN_IN_FAILED,
        request=request,
        actor_name=signin.username_tried(request, credentials) or "",
        detail="Wrong username or password",
    )


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    """axes: the attempt that reached the limit, and each made while locked."""
    record(
        Kind.LOCKED_OUT,
        request=request,
        actor_name=username or "",
        detail="Too many failed sign-ins for the account or the address: refused",
    )


def on_second_factor_failed(sender, request, user, **kwargs):
    record(
        Kind.SIGN_IN_FAILED,
        actor=user,
        request=request,
        detail="Wrong second-factor code",
    )


# An authenticator's type as "Sign-in security" names it.
FACTOR_NAMES = {
    "totp": "Authenticator app",
    "webauthn": "Security key or passkey",
    "recovery_codes": "Recovery codes",
}


def _factor(authenticator):
    return FACTOR_NAMES.get(authenticator.type, authenticator.type)


def on_second_factor_added(sender, request, user, authenticator, **kwargs):
    record(
        Kind.SECOND_FACTOR_ADDED,
        actor=user,
        request=request,
        detail=_factor(authenticator),
    )


def on_second_factor_removed(sender, request, user, authenticator, **kwargs):
    record(
        Kind.SECOND_FACTOR_REMOVED,
        actor=user,
        request=request,
        detail=_factor(authenticator),
    )


def connect():
    """Called once from HwbbConfig.ready()."""
    for signal, receiver in [
        (auth.user_logged_in, on_signed_in),
        (auth.user_logged_out, on_signed_out),
        (auth.user_login_failed, on_sign_in_failed),
        (user_locked_out, on_locked_out),
        (mfa.authentication_failed, on_second_factor_failed),
        (mfa.authenticator_added, on_second_factor_added),
        (mfa.authenticator_removed, on_second_factor_removed),
    ]:
        signal.connect(receiver, dispatch_uid=f"hwbb-audit-{receiver.__name__}")
