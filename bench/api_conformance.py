"""The API's answers checked against its own schema, on the demo's data.

Asks every operation in /api/schema/ what tests/api/test_schema_conformance.py
asks (each list, every row by its key and one that does not exist, a filter
it does not take, a page past the end, PATCH updates good and bad) as the
public, the demo member (signed in) and the demo officer, and prints how many
answers were checked and how many conformance errors they held, one a place
in a body (tests/helpers.py: check_response). Every write is rolled back.

    DEBUG=1 DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python \\
        manage.py load_demo_data --without-papers
    DEBUG=1 DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python \\
        bench/api_conformance.py [--list]
"""

import collections
import logging
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hwbb.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tests.helpers import api_requests, check_response  # noqa: E402


def _ask(client, method, url, data):
    cache.clear()  # the public's rate limit
    if method == "patch":
        return client.patch(url, data, content_type="application/json")
    return getattr(client, method)(url, data)


def main():
    setup_test_environment()
    settings.DEBUG = False  # answers as production sends them (its 404s, not DEBUG's)
    logging.disable(logging.WARNING)  # each 4xx's log line
    client = Client(HTTP_HOST="localhost")
    schema = client.get("/api/schema/", {"format": "json"}).json()
    answers, errors = 0, []
    for reader in [None, "member", "officer"]:
        client.logout()
        if reader:
            client.force_login(User.objects.get(username=reader))
        with transaction.atomic():
            for label, method, url, data in api_requests(schema):
                answers += 1
                response = _ask(client, method, url, data)
                found = check_response(schema, label, method, response)
                errors += [f"{reader or 'public'}: {error}" for error in found]
            transaction.set_rollback(True)
    print(f"{answers} answers checked, {len(errors)} conformance errors")
    kinds = collections.Counter(re.sub(r"/\d+/", "/N/", e) for e in errors)
    for kind, count in kinds.most_common(None if "--list" in sys.argv else 25):
        print(f"{count:6}  {kind}")


if __name__ == "__main__":
    main()
