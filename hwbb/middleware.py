"""The site's own middleware: null characters refused, the Permissions-Policy
header, idle sessions ended, and a second factor required of those who
publish.

A request carrying a null character is refused in words before any view
reads it: PostgreSQL cannot store or compare one, so a slug or a search
filter holding "%00" would otherwise end in a server error."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect, render

from hwbb import signin

NULL = "\x00"
MESSAGE = "Null characters are not allowed in an address or its query."


def _has_null(request):
    if NULL in request.path:
        return True
    return any(
        NULL in key or any(NULL in value for value in values)
        for key, values in request.GET.lists()
    )


class RefuseNullCharacters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _has_null(request):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": MESSAGE}, status=400)
        return render(request, "400.html", {"message": MESSAGE}, status=400)


class PermissionsPolicy:
    """The browser features the site never uses, turned off for its pages and
    anything they might embed; security keys and passkeys (WebAuthn) are
    allowed for the site itself."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}={allow}" for feature, allow in settings.PERMISSIONS_POLICY
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


def note_sign_in(sender, request, user, **kwargs):
    """Signing in is activity: the idle time starts then, with no second write
    of the session on the first page."""
    if request is not None and hasattr(request, "session"):
        request.session[EndIdleSessions.KEY] = int(time.time())


class EndIdleSessions:
    """Sign out a session left idle for SESSION_IDLE_MINUTES: the request goes
    on as the public's (a page that needs signing in sends the visitor to the
    sign-in page, which says why). Activity is noted at most once a minute,
    so a session is not written on every request."""

    KEY = "hwbb_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(self.KEY)
            idle = settings.SESSION_IDLE_MINUTES * 60
            if seen is not None and now - seen > idle:
                logout(request)
                messages.info(
                    request,
                    f"You were signed out after {settings.SESSION_IDLE_MINUTES} "
                    "minutes without activity.",
                )
            elif seen is None or now - seen >= 60:
                request.session[self.KEY] = now
        return self.get_response(request)


class RequireSecondFactor:
    """An officer, chair or administrator with no second factor sets one up
    before anything else (the first sign-in's enrolment): every page but the
    sign-in and second-factor pages sends them there."""

    ALLOWED = (
        "/accounts/login/",
        "/accounts/logout/",
        "/accounts/reauthenticate/",
        "/accounts/2fa/",
        "/static/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            not request.path.startswith(self.ALLOWED)
            and signin.needs_second_factor(request.user)
            and not signin.has_second_factor(request.user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Set up a second factor at /accounts/2fa/ first."},
                    status=403,
                )
            messages.info(
                request,
                "Your role needs a second way to prove it is you when you sign "
                "in. Set one up to continue.",
            )
            return redirect("mfa_index")
        return self.get_response(request)
