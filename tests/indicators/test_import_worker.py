"""An uploaded Fingertips file imported by a real Celery worker through Redis."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse

from indicators import fingertips
from indicators.models import ImportJob, IndicatorValue
from tests import files
from tests.helpers import FINGERTIPS_ROWS, fingertips_csv

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_upload_is_imported_by_a_real_worker_and_the_page_follows_it(
    redis_app, client, officer
):
    client.force_login(officer)
    data = fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS).getvalue().encode()
    with start_worker(redis_app, pool="solo", perform_ping_check=False):
        response = client.post(
            reverse("indicators:import"), {"file": files.upload("hle.csv", data)}
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            status = client.get(response.url, {"format": "json"}).json()
            if status["finished"]:
                break
            time.sleep(0.1)
    assert status["status"] == "done", status
    assert status["summary"].startswith("3 values added")
    assert IndicatorValue.objects.count() == 3
    assert ImportJob.objects.get().rows_total == 3
