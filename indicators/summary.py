"""Computed judgements, cached until the data changes.

Every page that shows indicators (the list, the watchlist, the dashboards, a
priority's or a pillar's golden thread) reads its comparisons from here. They
are computed once for all indicators against the configured home area, England
and the region, and kept in Django's cache under a key that holds a data
version. Saving or deleting an indicator, a value or an area, or an import that
changed a value, sets a new version (`data_changed`), so the next page computes
them afresh. The version lives in the same cache, so with a shared cache (Redis,
`CACHE_URL`) every web process sees the change at once.
"""

import uuid

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "indicators:data-version"
TIMEOUT = 60 * 60 * 24


def data_version():
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None)


def data_changed(**kwargs):
    """Invalidate every cached comparison (also a signal receiver)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _all_comparisons():
    from indicators.models import Indicator

    home = settings.HOME_AREA_CODE
    key = (
        f"indicators:comparisons:{data_version()}:{home}:"
        f"{settings.COMPARATOR_AREA_CODE}:{settings.REGION_AREA_CODE}"
    )
    rows = cache.get(key)
    if rows is None:
        rows = {
            row.indicator.pk: row
            for row in Indicator.objects.comparisons(
                home, settings.COMPARATOR_AREA_CODE, settings.REGION_AREA_CODE
            )
        }
        cache.set(key, rows, TIMEOUT)
    return rows


def comparisons(indicators=None):
    """IndicatorComparison rows, in name order, for all indicators or for those
    of a queryset (which costs one query for their ids)."""
    rows = _all_comparisons()
    if indicators is None:
        return list(rows.values())
    wanted = set(indicators.values_list("pk", flat=True))
    return [row for pk, row in rows.items() if pk in wanted]


def comparisons_by_indicator():
    """{indicator pk: IndicatorComparison}, for pages that group them."""
    return _all_comparisons()
