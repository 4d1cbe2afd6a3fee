"""The page for a request the site refuses before any view reads it: what
was wrong, in words, and never the exception's own text."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import JsonResponse
from django.shortcuts import render
from django.views import defaults

TOO_LARGE = (
    "What you sent is too large for this site to read, so nothing was saved. "
    "Go back, shorten the longest answers and send the form again; a long "
    "text belongs in a document uploaded to the report."
)
TOO_MANY = (
    "What you sent has more fields or files than any form on this site, so "
    "nothing was saved. Go back to the form and send it again."
)


def bad_request(request, exception):
    if isinstance(exception, RequestDataTooBig):
        heading, message = "The form could not be read", TOO_LARGE
    elif isinstance(exception, (TooManyFieldsSent, TooManyFilesSent)):
        heading, message = "The form could not be read", TOO_MANY
    else:
        heading, message = None, None  # the template's own words
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message or "Bad request."}, status=400)
    if not hasattr(request, "user"):  # refused before the user was read
        request.user = AnonymousUser()
    context = {"heading": heading, "message": message}
    return render(request, "400.html", context, status=400)


def page_not_found(request, exception):
    """An address under /api/ that no route takes (an id such as "0.5",
    which the routes' patterns refuse) answers as the API's own 404s do, in
    JSON, not with an HTML page a client cannot read."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
