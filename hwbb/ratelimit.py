"""How often one sender may do something in a window of time, counted in the
cache (shared by every process with CACHE_URL). A fixed window: the count
for a scope and sender starts afresh each `seconds`. The sender is kept as a
digest, so the cache holds no email address or IP address in clear.

Used where the public may write without an account (a question to a
meeting, a request for email alerts); signing in has django-axes, the API
DRF's throttles."""

import hashlib
import time

from django.core.cache import cache


def _key(scope, sender, seconds):
    digest = hashlib.sha256(str(sender).casefold().encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{int(time.time() // seconds)}"


def used(scope, sender, seconds):
    """How many times `sender` has done `scope` in this window."""
    return cache.get(_key(scope, sender, seconds), 0)


def allowed(scope, sender, limit, seconds):
    """Whether `sender` may do `scope` once more in this window."""
    return used(scope, sender, seconds) < limit


def count(scope, sender, seconds):
    """Count one more; the number now in this window."""
    key = _key(scope, sender, seconds)
    cache.add(key, 0, seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, seconds)
        return 1
