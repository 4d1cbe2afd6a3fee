"""Public pages cached for readers who are not signed in, keyed on the data.

A page decorated with `public_page` is served to a reader who is not signed
in from Django's cache (its CacheMiddleware, as `cache_page` uses it) under a
key that holds the version of the public data and today's date. Any save or
delete of a row an app registered with `watch` (each app does, from its
AppConfig.ready) sets a new version, so the next reader gets a fresh page: an
edit shows at once, in every process that shares the cache (Redis with
CACHE_URL). Code that writes such rows with QuerySet.update(), bulk_create()
or bulk_update(), which send no signal, calls `data_changed()` itself.

A signed-in reader is never served the public's copy, nor is a page rendered
for them ever stored under the public's key: what they see depends on who they
are (exempt business, their own actions). Their page is kept apart, under a key
of their own: the user, their session and CSRF cookie, and the same data
version (which a change to a user's roles or memberships renews too), so it
reaches nobody else, not even the same person in another browser, and is marked
private for every cache on the way. It is stored sealed with a key that only
their own requests can make (`_Sealed`), so the exempt business a member may
read never lies in the cache in clear. A page whose every reading the audit log
records (an exempt paper, item or minutes) is recorded again at each reading
from the cache (`on_each_reading`). Members and officers
open the same dashboards and registers again and again between edits; each pays
for the page once. No page is stored that carries a message, or a cookie for
its reader; the public's copy is not stored with a CSRF token either. An entry
lives PUBLIC_PAGE_CACHE_SECONDS (a minute): pages that change with the clock
(the meetings to come, what is overdue) are at most that late, and entries
under an old version go with it. Browsers are told to ask again each time
(max-age=0), so they never keep a page after an edit either.
"""

import functools
import hashlib
import hmac
import os
import pickle
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.cache import CacheMiddleware
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_response_headers
from django.utils.module_loading import import_string
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
        and not len(get_messages(request))
    )


def _own(request):
    """What is a signed-in reader's own: their user, their session and their
    CSRF cookie (the page's token is valid for that cookie only)."""
    session = getattr(request, "session", None)
    return "|".join(
        [
            str(request.user.pk),
            getattr(session, "session_key", None) or "",
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        ]
    )


def _reader_key(user, own):
    """The part of the key that is a signed-in reader's: a digest of `own`."""
    return f"reader:{user.pk}:{hashlib.sha256(own.encode()).hexdigest()}"


NONCE = 12  # bytes: AES-GCM's


class _Sealed:
    """The cache as one signed-in reader's requests use it: every entry is
    sealed (AES-GCM) under a key made from the site's secret and what is the
    reader's own (`_own`, or their API token), none of which the cache holds.
    A copy of the cache (Redis, or the embedded default's files) shows no
    reader's page: not their own actions, nor the closed titles and exempt
    business a member's page carries. An entry opens only for its reader's
    requests, and only under the key it was stored at."""

    def __init__(self, own):
        made = hmac.new(
            settings.SECRET_KEY.encode(), f"hwbb.pagecache:{own}".encode(), "sha256"
        )
        self._aead = AESGCM(made.digest())

    def get(self, key, default=None):
        kept = cache.get(key)
        if not isinstance(kept, bytes):
            return default
        try:
            opened = self._aead.decrypt(kept[:NONCE], kept[NONCE:], key.encode())
        except InvalidTag:  # not sealed for this reader, or under an old secret
            return default
        return pickle.loads(opened)

    def set(self, key, value, timeout):
        nonce = os.urandom(NONCE)
        plain = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        cache.set(key, nonce + self._aead.encrypt(nonce, plain, key.encode()), timeout)


class _PageCache(CacheMiddleware):
    """Django's cache middleware over `store`: the cache itself for the
    public's copy, a reader's `_Sealed` cache for theirs."""

    def __init__(self, get_response, *, store, **kwargs):
        super().__init__(get_response, **kwargs)
        self._store = store

    @property
    def cache(self):
        return self._store


KEEP_OUT = "_pagecache_keep_out"
ON_READING = "hwbb_on_reading"  # on a request, and on the page stored from it


def keep_out(request):
    """Store no copy of the page this request renders: it is reached by an
    address anyone holding it may read (a private calendar's), or it is the
    public's and asks to be read again (`on_each_reading`). A REST framework
    request marks the request it wraps."""
    setattr(getattr(request, "_request", request), KEEP_OUT, True)


def _kept_out(request):
    return getattr(getattr(request, "_request", request), KEEP_OUT, False)


def on_each_reading(request, function, *args):
    """Call `function(request, *args)` again whenever the page this request
    renders is read from the cache (the audit log records each reading of
    exempt business): the call is stored with the page, which is kept only
    for a signed-in reader (sealed), and by name (a module-level function).
    A page for the public, or an API answer, that asks it is not kept."""
    request = getattr(request, "_request", request)
    if not request.user.is_authenticated:
        keep_out(request)
    name = f"{function.__module__}.{function.__qualname__}"
    calls = request.__dict__.setdefault(ON_READING, [])
    calls.append((name, args))


def _read_again(request, response):
    """The calls stored with a page read from the cache, for this reading."""
    for name, args in getattr(response, ON_READING, ()):
        import_string(name)(request, *args)


def _for_anyone(response, request):
    """Mark a response private when it is its reader's own: it set a cookie,
    or its page holds a CSRF token or a session the view changed. The cache
    middleware stores no private response. A signed-in reader's page is kept
    under their own key, so its CSRF token (valid for their cookie) may stay."""
    own = (
        response.cookies
        or _kept_out(request)
        or (
            not request.user.is_authenticated
            and request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        )
        or getattr(request, "session", None) is not None
        and request.session.modified
    )
    if own:
        patch_cache_control(response, private=True)
    if calls := getattr(request, ON_READING, None):
        setattr(response, ON_READING, calls)
    patch_response_headers(response, cache_timeout=0)
    if not response.streaming:
        # One piece: a response written in pieces (a syndication feed writes
        # each element, 1,234 of them for the RSS) would be stored so and
        # sent a piece at a time, a write to the socket each under gunicorn.
        response.content = response.content
    return response


def public_page(view=None, *, same_for_all=False):
    """Serve the view from the cache: to readers not signed in under the
    public's key, to a signed-in reader under their own. `same_for_all`: a
    view that shows every reader what it shows the public (the RSS feed
    reads as an anonymous reader; a private calendar's address names whose
    it is), so all share the public's copy of each address."""
    if view is None:
        return functools.partial(public_page, same_for_all=same_for_all)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        signed_in = request.user.is_authenticated and not same_for_all
        if signed_in:
            own = _own(request)
            reader, store = _reader_key(request.user, own), _Sealed(own)
        else:
            reader, store = "public", cache
        rendered = []

        def render(request):
            rendered.append(True)
            return _for_anyone(view(request, *args, **kwargs), request)

        middleware = _PageCache(
            render,
            store=store,
            page_timeout=settings.PUBLIC_PAGE_CACHE_SECONDS,
            key_prefix=f"{reader}:{data_version()}:{timezone.localdate():%Y%m%d}",
        )
        response = middleware(request)
        if not rendered:
            _read_again(request, response)
        if signed_in:  # stored for them alone: for no cache on the way
            patch_cache_control(response, private=True)
        return response

    return wrapped


def _account_changed(sender, update_fields=None, **kwargs):
    """A user's name, roles or standing changed: pages show them. Signing in
    (which writes last_login alone) does not count."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    data_changed(**kwargs)


def watch_accounts(user_model):
    """Renew the version when an account, or its groups (roles), change."""
    post_save.connect(_account_changed, sender=user_model, dispatch_uid="pages-user")
    post_delete.connect(data_changed, sender=user_model, dispatch_uid="pages-user-")
    m2m_changed.connect(
        data_changed,
        sender=user_model.groups.through,
        dispatch_uid="pages-user-groups",
    )


# -- The API's answers -----------------------------------------------------------------
def _api_own(request):
    """A REST framework request's signed-in reader's own: a token's holder
    and the token sent, or a session's (as for pages)."""
    if request.auth is not None:  # a token (knox): the session plays no part
        sent = request.META.get("HTTP_AUTHORIZATION", "")
        return f"token|{request.user.pk}|{sent}"
    return _own(request._request)


def _api_key(request, reader):
    asked = "|".join(
        [request._request.build_absolute_uri(), request.META.get("HTTP_ACCEPT", "")]
    )
    return ":".join(
        [
            "api",
            reader,
            data_version(),
            f"{timezone.localdate():%Y%m%d}",
            hashlib.sha256(asked.encode()).hexdigest(),
        ]
    )


def _api_headers(response, signed_in):
    patch_response_headers(response, cache_timeout=0)
    if signed_in:
        patch_cache_control(response, private=True)
    return response


def api_answer(method):
    """A REST framework view's GET answer (`list`, `retrieve`) from the cache,
    under the data version, today's date, its full address and its reader's
    key, as `public_page` keeps pages. It runs inside the view, after REST
    framework has authenticated the reader (a token is not seen before),
    checked permissions and counted the request against the throttle: a
    cached answer is counted as any other. Only a 200 is kept, rendered, and
    none marked `keep_out` or that sets a cookie; a signed-in reader's is
    kept sealed for them (`_Sealed`)."""

    @functools.wraps(method)
    def wrapped(self, request, *args, **kwargs):
        if not (
            settings.PUBLIC_PAGE_CACHE_SECONDS > 0 and request.method in ("GET", "HEAD")
        ):
            return method(self, request, *args, **kwargs)
        signed_in = request.user.is_authenticated
        if signed_in:
            own = _api_own(request)
            key, store = _api_key(request, _reader_key(request.user, own)), _Sealed(own)
        else:
            key, store = _api_key(request, "public"), cache
        kept = store.get(key)
        if kept is not None:
            content, content_type = kept
            response = HttpResponse(content, content_type=content_type)
            return _api_headers(response, signed_in)
        response = method(self, request, *args, **kwargs)

        def keep(rendered):
            if rendered.status_code == 200 and not (
                rendered.cookies
                or _kept_out(request)
                or getattr(request._request, ON_READING, None)
            ):
                kept = (rendered.content, rendered["Content-Type"])
                store.set(key, kept, settings.PUBLIC_PAGE_CACHE_SECONDS)

        response.add_post_render_callback(keep)
        return _api_headers(response, signed_in)

    return wrapped
