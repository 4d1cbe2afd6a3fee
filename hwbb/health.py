"""/healthz: the answer a container's health check and an uptime monitor ask
for. It is cheap (one `SELECT 1`), reads no user's data, and says "ok" only
when this process can reach its database; plain HTTP is not redirected to
HTTPS for it (SECURE_REDIRECT_EXEMPT), since the check asks gunicorn itself
from inside the container, not through the proxy."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        log.exception("Health check: the database did not answer")
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain"
        )
    return HttpResponse("ok\n", content_type="text/plain")
