"""Computed judgements, cached per indicator until the data changes.

Every page that shows indicators (the list, the watchlist, the dashboards, a
priority's or a pillar's golden thread) reads its comparisons from here. Each
indicator's comparison (against the configured home area, England and the
region) is kept in Django's cache under its own key, which holds a data
version, so a page reads only the indicators it shows, in one round trip, and
computes only those missing. Saving or deleting an indicator, a value or an
area, or an import that changed a value, sets a new version (`data_changed`),
so the next page computes them afresh. The version lives in the same cache, so
with a shared cache (Redis, `CACHE_URL`) every web process sees the change at
once.

An entry holds the comparison's few values (the newest local one, England's
and the region's for its period, and the local series of its breakdown), not
every value of the indicator: at ten years one entry for all indicators was
282 KB and 17,308 model instances, unpickled by every dashboard to read a few.
"""

import contextlib
import contextvars
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from hwbb import pagecache
from indicators.models import Indicator

VERSION_KEY = "indicators:data-version"
TIMEOUT = 60 * 60 * 24


def data_version():
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None)


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


_held = contextvars.ContextVar("indicators_changes_held", default=None)


def data_changed(**kwargs):
    """Invalidate every cached comparison, and the public pages that show
    them (also a signal receiver): now, so this process reads its own change,
    and again once the change is committed, so a page that read the data
    before the commit cannot leave its stale comparison under the version
    every later page reads. Within `one_change()`, only noted."""
    if (held := _held.get()) is not None:
        held.append(kwargs.get("sender"))
        return
    _new_version()
    transaction.on_commit(_new_version)
    pagecache.data_changed()


@contextlib.contextmanager
def one_change():
    """Data changed within (an import's hundreds of new areas and indicators)
    renews the versions once, as it ends, rather than four cache writes for
    each row saved."""
    held = []
    token = _held.set(held)
    try:
        yield
    finally:
        _held.reset(token)
        if held:
            data_changed()


def _keys(pks):
    prefix = (
        f"indicators:comparison:{data_version()}:{settings.HOME_AREA_CODE}:"
        f"{settings.COMPARATOR_AREA_CODE}:{settings.REGION_AREA_CODE}"
    )
    return {pk: f"{prefix}:{pk}" for pk in pks}


def _compute(pks):
    rows = Indicator.objects.filter(pk__in=pks).comparisons(
        settings.HOME_AREA_CODE,
        settings.COMPARATOR_AREA_CODE,
        settings.REGION_AREA_CODE,
    )
    return {row.indicator.pk: row for row in rows}


def comparisons_of(pks):
    """{indicator pk: IndicatorComparison} for these indicators: one cache
    read for them all, and one computation for those not cached."""
    keys = _keys(dict.fromkeys(pks))
    found = cache.get_many(keys.values())
    rows = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in keys if pk not in rows]
    if missing:
        computed = _compute(missing)
        cache.set_many({keys[pk]: row for pk, row in computed.items()}, TIMEOUT)
        rows.update(computed)
    return rows


def comparisons(indicators=None):
    """IndicatorComparison rows, in name order, for all indicators or for those
    of a queryset (which costs one query for their ids)."""
    if indicators is None:
        indicators = Indicator.objects.all()
    rows = comparisons_of(indicators.order_by().values_list("pk", flat=True))
    return sorted(rows.values(), key=lambda row: (row.indicator.name, row.indicator.pk))
