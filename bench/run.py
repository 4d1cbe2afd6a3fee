"""Page speed, as ratios against a baseline measured in the same run.

The baseline is the sign-in page (a template render and no data). Each page is
timed as the median of repeated requests through Django's test client, on a
throwaway SQLite database, with 10 and then 500 of everything tagged to one
priority (items at meetings of about 15 items each; the minutes page reads one
meeting with all the minutes). Ratios, not seconds, are what to compare between
machines.

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
# The bench times pages, not the public's rate limit: its hundreds of
# requests a minute would otherwise be answered 429.
os.environ["API_ANON_RATE"] = "1000000/minute"
# A cache of its own, not the demo's (.cache), whose counts it would share.
os.environ["CACHE_DIR"] = tempfile.mkdtemp(prefix="hwbb-bench-cache-")
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


ITEMS_PER_MEETING = 15  # a board meeting's agenda, roughly


def _grow(world, n):
    """n more of everything: minutes at the one meeting the minutes page
    reads, and as many items tagged to the priority and pillar, with their
    resolutions and actions, at meetings of about 15 items each."""
    from tests import factories

    meeting, priority, pillar = world["meeting"], world["priority"], world["pillar"]
    for _ in range(n):
        factories.ClauseFactory(resolution__minute__meeting=meeting)
        if world["count"] % ITEMS_PER_MEETING == 0:
            world["thread_meeting"] = factories.MeetingFactory(body=meeting.body)
        world["count"] += 1
        item = factories.AgendaItemFactory(
            meeting=world["thread_meeting"], primary_pillar=pillar
        )
        item.priorities.add(priority)
        minute = factories.MinuteFactory(
            meeting=world["thread_meeting"], agenda_item=item
        )
        clause = factories.ClauseFactory(resolution__minute=minute)
        clause.resolution.priorities.add(priority)
        action = factories.ActionFactory(minute=minute, primary_pillar=pillar)
        action.priorities.add(priority)
        action.secondary_pillars.add(world["other"])


def main():
    DB.unlink(missing_ok=True)
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from tests import factories

    world = {
        "meeting": factories.MeetingFactory(),
        "priority": factories.PriorityFactory(),
        "pillar": factories.PillarFactory(),
        "other": factories.PillarFactory(code="HB", name="Our health behaviours"),
        "count": 0,
    }
    world["priority"].pillars.add(world["pillar"])
    client = Client()
    pages = {
        "home": reverse("home"),
        "meetings list": reverse("meetings:list"),
        "meeting minutes": reverse("meetings:minutes", args=[world["meeting"].pk]),
        "priority page": world["priority"].get_absolute_url(),
        "pillar page": world["pillar"].get_absolute_url(),
        "interconnections": reverse("strategy:interconnections")
        + f"?framework={world['pillar'].framework.slug}",
        "strategy overview": reverse("strategy:overview"),
        # The open data: a page of the API, an event, and search (word by word
        # here, on SQLite; bench/search.py measures PostgreSQL's full text).
        "API agenda items": reverse("api:agendaitem-list"),
        "API resolutions": reverse("api:resolution-list"),
        "OCD event": reverse("api:ocd_event", args=[world["meeting"].pk]),
        "search": reverse("search") + "?q=violence",
    }
    baseline, _ = _time(client, reverse("login"))
    print(f"baseline (sign-in page): {baseline * 1000:.1f} ms median of {REPEAT}")
    print(f"{'page':<20}{'rows':>6}{'queries':>9}{'x baseline':>12}")
    results = {}
    for rows in (10, 500):
        _grow(world, rows - (10 if rows == 500 else 0))
        for name, url in pages.items():
            seconds, queries = _time(client, url)
            results[name, rows] = seconds
            print(f"{name:<20}{rows:>6}{queries:>9}{seconds / baseline:>12.1f}")
    for name in pages:
        growth = results[name, 500] / results[name, 10]
        print(f"{name}: 500 rows take {growth:.1f}x the time of 10 rows")
    DB.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
