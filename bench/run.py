"""Page speed, as ratios against a baseline measured in the same run.

The baseline is the sign-in page (a template render and no data). Each page is
timed as the median of repeated requests through Django's test client, on a
throwaway SQLite database, with 10 and then 500 of everything tagged to one
priority. Ratios, not seconds, are what to compare between machines.

    make bench
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.gettempdir()) / "hwbb-bench.sqlite3"
os.environ.update(DEBUG="1", DATABASE_URL=f"sqlite:///{DB}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hwbb.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

REPEAT = 25


def _time(client, url):
    client.get(url)  # warm up
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(samples), len(queries)


def _grow(world, n):
    from tests import factories

    meeting, priority, pillar = world["meeting"], world["priority"], world["pillar"]
    for _ in range(n):
        item = factories.AgendaItemFactory(meeting=meeting, primary_pillar=pillar)
        item.priorities.add(priority)
        minute = factories.MinuteFactory(meeting=meeting, agenda_item=item)
        clause = factories.ClauseFactory(resolution__minute=minute)
        clause.resolution.priorities.add(priority)
        action = factories.ActionFactory(minute=minute, primary_pillar=pillar)
        action.priorities.add(priority)
        factories.MeetingFactory(body=meeting.body)


def main():
    DB.unlink(missing_ok=True)
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from tests import factories

    world = {
        "meeting": factories.MeetingFactory(),
        "priority": factories.PriorityFactory(),
        "pillar": factories.PillarFactory(),
    }
    client = Client()
    pages = {
        "home": reverse("home"),
        "meetings list": reverse("meetings:list"),
        "meeting minutes": reverse("meetings:minutes", args=[world["meeting"].pk]),
        "priority page": world["priority"].get_absolute_url(),
    }
    baseline, _ = _time(client, reverse("login"))
    print(f"baseline (sign-in page): {baseline * 1000:.1f} ms median of {REPEAT}")
    print(f"{'page':<18}{'rows':>6}{'queries':>9}{'x baseline':>12}")
    results = {}
    for rows in (10, 500):
        _grow(world, rows - (10 if rows == 500 else 0))
        for name, url in pages.items():
            seconds, queries = _time(client, url)
            results[name, rows] = seconds
            print(f"{name:<18}{rows:>6}{queries:>9}{seconds / baseline:>12.1f}")
    for name in pages:
        growth = results[name, 500] / results[name, 10]
        print(f"{name}: 500 rows take {growth:.1f}x the time of 10 rows")
    DB.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
