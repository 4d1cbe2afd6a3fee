"""Public pages cached for readers who are not signed in, keyed on the data.

A page decorated with `public_page` is served to a reader who is not signed
in from Django's cache (its CacheMiddleware, as `cache_page` uses it) under a
key that holds the version of the public data and today's date. Any save or
delete of a row an app registered with `watch` (each app does, from its
AppConfig.ready) sets a new version, so the next reader gets a fresh page: an
edit shows at once, in every process that shares the cache (Redis with
CACHE_URL). Code that writes such rows with QuerySet.update(), bulk_create()
or bulk_update(), which send no signal, calls `data_changed()` itself.

A signed-in reader is never served from this cache nor stored in it: what
they see depends on who they are (exempt business, their own actions), and a
page rendered for them must never reach anyone else. Nor is a page stored that
carries a message, a CSRF token or a cookie for its reader. An entry lives
PUBLIC_PAGE_CACHE_SECONDS (a minute): pages that change with the clock (the
meetings to come, what is overdue) are at most that late, and entries under an
old version go with it. Browsers are told to ask again each time (max-age=0),
so they never keep a page after an edit either.
"""

import functools
import uuid

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.cache import CacheMiddleware
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_response_headers
from simple_history.models import HistoricalChanges

VERSION_KEY = "pages:data-version"


def data_version():
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None)


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def data_changed(action="", **kwargs):
    """A public page may show something else now (also a signal receiver).
    The version is set at once, so this process reads its own change, and
    again on commit, so a page rendered from the data before the commit cannot
    stay cached under the version that every later page reads."""
    if action.startswith("pre_"):
        return  # m2m_changed: the post_ signal follows
    _new_version()
    transaction.on_commit(_new_version)


def watch(app_config, leave_out=()):
    """Set a new version whenever a row of the app's models (or of their
    many-to-many fields) is saved or deleted, but for those left out (rows no
    public page shows) and the history kept of the others."""
    for model in app_config.get_models():
        if model in leave_out or issubclass(model, HistoricalChanges):
            continue
        name = model._meta.label
        post_save.connect(data_changed, sender=model, dispatch_uid=f"pages-{name}")
        post_delete.connect(data_changed, sender=model, dispatch_uid=f"pages-{name}-")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                data_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"pages-{name}-{field.name}",
            )


def _may_use_cache(request):
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def _for_anyone(response, request):
    """Mark a response private when it is its reader's own: it set a cookie,
    or its page holds a CSRF token or a session the view changed. The cache
    middleware stores no private response."""
    own = (
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or getattr(request, "session", None) is not None
        and request.session.modified
    )
    if own:
        patch_cache_control(response, private=True)
    patch_response_headers(response, cache_timeout=0)
    return response


def public_page(view):
    """Serve the view from the cache to readers who are not signed in."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        middleware = CacheMiddleware(
            lambda request: _for_anyone(view(request, *args, **kwargs), request),
            page_timeout=settings.PUBLIC_PAGE_CACHE_SECONDS,
            key_prefix=f"public:{data_version()}:{timezone.localdate():%Y%m%d}",
        )
        return middleware(request)

    return wrapped
