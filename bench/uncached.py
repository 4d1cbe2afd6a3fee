"""What one page costs its first reader after an edit, in-process and measured
in ways a shared machine's load does not move: queries, the buffers PostgreSQL
read for them (EXPLAIN (ANALYZE, BUFFERS) of each, run again) and their
planning time, the Python function calls the request made (cProfile), and the
page's size; beside the median time of a few requests (which load does move).

Each page of bench/load.py is read through Django's test client with the page
cache off (PUBLIC_PAGE_CACHE_SECONDS=0), anonymous and signed in as the bench's
board member, from a bench/dataset.py database:

    .venv/bin/python bench/uncached.py --years 10,1 --pages 'priority page'
    .venv/bin/python bench/uncached.py --years 10 --pages 'board dashboard' \\
        --profile 25          # and cProfile's top entries, by tottime

The cache's Redis database (--redis-url, as bench/load.py's) is flushed before
each dataset: this one process reads the second dataset under the cache
settings made for the first, so the first's indicator judgements would
otherwise be shown on the second's pages.

Compare two trees by running each (PYTHONPATH at the tree) on the same
database: the queries, buffers and calls should not differ between runs of
one tree, so a change shows in them whatever else the machine is doing.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/hwbb_bench{years}"


def _setup(database_url, redis_url):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="hwbb.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=database_url,
        CACHE_URL=redis_url,
        PUBLIC_PAGE_CACHE_SECONDS="0",
        SECURE_SSL_REDIRECT="0",
    )
    import django

    django.setup()


def _buffers(connection, queries):
    """Buffers read and planning time (ms) of the queries, run again as the
    page ran them: a setting the page made for its next queries (search reads
    its matches with table scans off) is made again, in one transaction that
    ends it; transaction statements themselves are not run."""
    from django.db import transaction

    read, planning = 0, 0.0
    with transaction.atomic(), connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if "set_config(" in sql:
                cursor.execute(sql, None)
                continue
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue  # BEGIN, COMMIT, SAVEPOINT, RELEASE
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0][0]
            top = plan["Plan"]
            read += top.get("Shared Hit Blocks", 0) + top.get("Shared Read Blocks", 0)
            planning += plan["Planning Time"]
    return read, planning


def measure(client, path, *, runs, profile):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # templates compiled, judgements cached
        assert client.get(path).status_code == 200, path
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        profiler.enable()
        response = client.get(path)
        profiler.disable()
    stats = pstats.Stats(profiler)
    read, planning = _buffers(connection, queries.captured_queries)
    row = {
        "ms": statistics.median(times),
        "queries": len(queries),
        "buffers": read,
        "planning": planning,
        "calls": stats.total_calls,
        "bytes": len(response.content),
    }
    if profile:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(profile)
        row["profile"] = out.getvalue()
    return row


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", default="10,1")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--pages", default="", help="a regular expression on names")
    parser.add_argument("--runs", type=int, default=5, help="timed requests a page")
    parser.add_argument("--profile", type=int, default=0, help="cProfile's top N")
    args = parser.parse_args(argv)

    print(
        f"{'page':20} {'who':9} {'years':>5} {'median ms':>9} {'queries':>7} "
        f"{'buffers':>7} {'plan ms':>7} {'py calls':>8} {'bytes':>7}"
    )
    for years in args.years.split(","):
        url = args.database_url.format(years=years)
        if years == args.years.split(",")[0]:
            _setup(url, args.redis_url)
        else:  # the same process, another database
            from django.db import connections

            connections.close_all()
            connections["default"].settings_dict["NAME"] = url.rsplit("/", 1)[1]
        from django.contrib.auth import get_user_model
        from django.core.cache import cache
        from django.test import Client

        cache.clear()

        member = Client()
        member.force_login(get_user_model().objects.get(username=load.SIGNED_IN))
        for name, path in load.pages(url):
            if not re.search(args.pages, name):
                continue
            for who, client in (("anonymous", Client()), ("member", member)):
                r = measure(client, path, runs=args.runs, profile=args.profile)
                print(
                    f"{name:20} {who:9} {years:>5} {r['ms']:9.1f} {r['queries']:7} "
                    f"{r['buffers']:7} {r['planning']:7.1f} {r['calls']:8} "
                    f"{r['bytes']:7}",
                    flush=True,
                )
                if args.profile:
                    print(r["profile"])


if __name__ == "__main__":
    main()
