"""The load bench's URLs (bench/load.py): the site's own, and two bare views
that every page is measured against on the same server in the same run.

Routed only when the settings read BENCH_BARE_VIEWS=1 (hwbb/settings.py), which
only the load bench sets: production never serves these views.
"""

from django.db import connection
from django.http import HttpResponse
from django.urls import path

from hwbb.urls import handler400
from hwbb.urls import urlpatterns as site_urlpatterns


def bare(request):
    """The floor: Django's request cycle and middleware, no database."""
    return HttpResponse("bare\n", content_type="text/plain")


def bare_query(request):
    """The floor with the database: one query on the request's connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("bare query\n", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("bench/bare-query/", bare_query, name="bench_bare_query"),
    *site_urlpatterns,
]

__all__ = ["handler400", "urlpatterns"]
