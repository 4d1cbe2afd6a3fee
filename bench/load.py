"""Load benchmark: the key pages on a board's ten years, served as docker-compose
serves them, beside two bare views measured on the same server in the same run.

For each dataset (bench/dataset.py; ten years, then one year for the key pages)
it starts gunicorn as docker-compose.yml's web service runs it (`gunicorn
hwbb.wsgi --workers 3`: sync workers, DEBUG=0, PostgreSQL, Redis for the cache
and the broker, the same environment variables) and drives each page with wrk,
16 concurrent connections for a few seconds, once anonymous and once signed in
as the demo's board member (a session cookie from the real sign-in form). It
prints, per page: its size in bytes, requests per second, p50/p95/p99 latency,
and its share of the one-query bare view's requests per second. The bare views
(hwbb/bench_urls.py: no database, and one `SELECT 1`) are routed only because
the bench sets BENCH_BARE_VIEWS=1. Then the pages measured at both sizes side
by side: a page whose time or size grows with the years shows it there.

    make bench-load                   # installs wrk (Debian) first; or:
    .venv/bin/python bench/load.py --reuse
    .venv/bin/python bench/load.py --years 10 --pages 'action log|search'
    DB_CONN_MAX_AGE=60 .venv/bin/python bench/load.py --reuse   # try a knob

Environment knobs the server reads (DB_CONN_MAX_AGE and the rest of
hwbb/settings.py's) pass through from the caller's environment, so a change
can be measured without editing the bench. Two settings differ from
production on purpose: BENCH_BARE_VIEWS=1 (the baselines) and API_ANON_RATE
lifted (one address sends thousands of API requests a minute here).

--reuse keeps a dataset whose label (bench/dataset.py: same code, same day)
matches, instead of building it again (about 40 s for ten years). Results
also go to bench/results/load-<time>.json. The cache's Redis database
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/14) is flushed at each start.

Pages that take seconds get a longer run (up to --max-seconds), and the server
is let drain its queue after each run, so one page's backlog is not counted
against the next. Ratios to the bare view, not req/s, are what to compare
between machines.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import dataset  # noqa: E402

HOME_BODY = "hwb"
SEARCH = "mental health"
WORKERS = 3  # docker-compose.yml's web service
SIGNED_IN = "member"
BASELINES = [
    ("bare view, no query", "/bench/bare/"),
    ("bare view, one query", "/bench/bare-query/"),
]
ONE_QUERY = BASELINES[1][0]
# measured again after the pages: the share is of the mean of the two, and
# their difference shows how steady the machine was during the run
AGAIN = (f"{ONE_QUERY} (2)", BASELINES[1][1])
# The pages measured at one year too: the table, the indicator page,
# the API's lists and the feeds.
KEY_PAGES = {
    "home",
    "meeting page",
    "minutes page",
    "priority page",
    "board dashboard",
    "action log",
    "decisions register",
    "search",
    "indicator page",  # its values grow with the years too
    # the open data and the feeds: their counts and windows must not grow
    "API meetings",
    "API actions",
    "OCD events",
    "RSS feed",
    "calendar feed",
}


# -- the pages -------------------------------------------------------------------------
def _one(conn, sql, params=()):
    row = conn.execute(sql, params).fetchone()
    return row[0] if row else None


def pages(url):
    """(name, path) of every key page, picked by rule so that the one-year
    and ten-year datasets show the same page: the home board's latest meeting
    with approved minutes, the current strategy's first priority, the first
    King's Fund pillar, that priority's first indicator."""
    import psycopg

    with psycopg.connect(url) as conn:
        meeting = _one(
            conn,
            "SELECT m.id FROM meetings_meeting m JOIN meetings_body b "
            "ON b.id = m.body_id WHERE b.slug = %s AND m.minutes_status = "
            "'approved' ORDER BY m.start DESC LIMIT 1",
            [HOME_BODY],
        )
        priority_id, priority = conn.execute(
            "SELECT p.id, p.slug FROM strategy_priority p JOIN "
            "strategy_strategyversion v ON v.id = p.version_id "
            "ORDER BY v.published DESC NULLS LAST, p.number LIMIT 1"
        ).fetchone()
        pillar = _one(
            conn,
            "SELECT p.code FROM strategy_pillar p JOIN strategy_framework f "
            "ON f.id = p.framework_id WHERE f.slug = 'kings-fund' "
            'ORDER BY p."order" LIMIT 1',
        )
        indicator = _one(
            conn,
            "SELECT i.slug FROM indicators_indicator i LEFT JOIN "
            "strategy_priority_indicators pi ON pi.indicator_id = i.id "
            "AND pi.priority_id = %s ORDER BY pi.id NULLS LAST, i.slug LIMIT 1",
            [priority_id],
        )
    return [
        ("home", "/"),
        ("meeting page", f"/meetings/{meeting}/"),
        ("minutes page", f"/meetings/{meeting}/minutes/"),
        ("priority page", f"/strategy/priorities/{priority}/"),
        ("pillar page", f"/strategy/pillars/kings-fund/{pillar}/"),
        ("board dashboard", "/strategy/dashboard/"),
        ("priority dashboard", f"/strategy/dashboard/priorities/{priority}/"),
        ("action log", f"/meetings/actions/log/{HOME_BODY}/"),
        ("decisions register", "/meetings/decisions/"),
        ("search", "/search/?" + urlencode({"q": SEARCH})),
        ("indicator page", f"/indicators/{indicator}/"),
        ("API meetings", "/api/meetings/"),
        ("API actions", "/api/actions/"),
        ("OCD events", "/api/ocd/events/"),
        ("RSS feed", "/meetings/feed.rss"),
        ("calendar feed", "/meetings/calendar.ics"),
    ]


# -- the server ------------------------------------------------------------------------
class Server:
    """gunicorn as docker-compose.yml's web service runs it, on one port."""

    def __init__(self, *, database_url, redis_url, port, log):
        self.port, self.log = port, log
        self.env = {
            **os.environ,
            # docker-compose.yml's x-app environment
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": redis_url,
            "CACHE_URL": redis_url,
            # the bench's own
            # Plain HTTP straight to gunicorn: in production Caddy terminates
            # TLS in front of it; here nothing does, so no redirect to HTTPS.
            "SECURE_SSL_REDIRECT": "0",
            "BENCH_BARE_VIEWS": "1",
            "API_ANON_RATE": "100000000/minute",
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.process = None

    def collectstatic(self):
        """As the image's build does (Dockerfile); once, since the pages'
        HTML does not depend on it (their static URLs carry no hash) and it
        takes most of a minute here."""
        if (ROOT / "staticfiles").exists():
            return
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=self.env,
            check=True,
        )

    def start(self):
        command = [sys.executable, "-m", "gunicorn", "hwbb.wsgi"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", str(WORKERS)]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(self.port, "/bench/bare/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop(quick=True)  # or it would hold the port for the next run
        raise RuntimeError(f"gunicorn did not answer on port {self.port}")

    def stop(self, *, quick=False):
        """Stop gunicorn: gracefully, or at once (QUIT), dropping what is queued."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT if quick else signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def settle(self, backlog):
        """Let the next run start on an idle server. A run leaves up to a
        request per connection queued: a few seconds' worth is drained, more
        than that is dropped by restarting gunicorn, which is quicker."""
        if backlog > 4:
            self.stop(quick=True)
            self.start()
        else:
            self.drain()

    def drain(self):
        """Wait until the workers have worked off what a run left queued:
        until three bare requests running answer within 100 ms."""
        deadline, quick = time.monotonic() + 120, 0
        while quick < 3 and time.monotonic() < deadline:
            began = time.perf_counter()
            get(self.port, "/bench/bare/")
            quick = quick + 1 if time.perf_counter() - began < 0.1 else 0


def get(port, path, headers=None, method="GET", body=None):
    """(status, headers, body) of one request, without following redirects."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def _cookies(headers):
    jar = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            jar[key.strip()] = rest.split(";")[0]
    return jar


def sign_in(port, username):
    """The Cookie header of a session signed in through the sign-in form."""
    status, headers, body = get(port, "/accounts/login/")
    csrf = _cookies(headers)["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1]
    form = urlencode(
        {
            "login": username,
            "password": dataset.BENCH_PASSWORD,
            "csrfmiddlewaretoken": token.decode(),
        }
    )
    status, headers, _ = get(
        port,
        "/accounts/login/",
        method="POST",
        body=form,
        headers={
            "Cookie": f"csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{port}/accounts/login/",
        },
    )
    jar = _cookies(headers)
    session = jar.get("sessionid")
    if status != 302 or not session:
        raise RuntimeError(f"{username} could not sign in ({status})")
    # Both cookies, as a browser sends them: signing in renews the CSRF one.
    return f"sessionid={session}; csrftoken={jar.get('csrftoken', csrf)}"


# -- measuring -------------------------------------------------------------------------
def wrk(port, path, *, seconds, connections, cookie=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s"]
    command += ["-s", str(ROOT / "bench" / "wrk.lua")]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRK "))
    result = json.loads(line[4:])
    result["rps"] = result["requests"] / result["seconds"]
    result["errors"] = sum(
        result[k] for k in ("non2xx", "timeouts", "connect", "read", "write")
    )
    return result


def measure(server, name, path, *, who, cookie, args):
    """One page for one reader: checked, sized and timed alone with one
    request, then loaded with wrk for a time that lets a slow page finish
    a round or two (the first request also fills any cache the page keeps)."""
    headers = {"Cookie": cookie} if cookie else {}
    began = time.perf_counter()
    status, _, body = get(server.port, path, headers)
    alone = time.perf_counter() - began
    if status != 200:
        raise RuntimeError(f"{name} ({path}) answered {status} for {who}")
    backlog = alone * args.connections / WORKERS
    seconds = min(args.max_seconds, max(args.seconds, round(backlog * 2 + 0.5)))
    result = wrk(
        server.port, path, seconds=seconds, connections=args.connections, cookie=cookie
    )
    server.settle(backlog)
    result.update(
        page=name,
        path=path,
        who=who,
        size=len(body),
        alone_ms=alone * 1000,
        connections=args.connections,
    )
    return result


def run_dataset(years, args, *, all_pages):
    url = args.database_url.format(years=years)
    if not (args.reuse and dataset.database_label(url) == dataset.label(years=years)):
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "dataset.py")]
            + ["--years", str(years), "--database-url", url],
            check=True,
            stdout=subprocess.DEVNULL if args.quiet_build else None,
        )
    chosen = [
        (name, path)
        for name, path in pages(url)
        if (all_pages or name in KEY_PAGES) and re.search(args.pages, name)
    ]
    _flush(args.redis_url)
    results = []
    log_path = ROOT / "bench" / "results" / f"gunicorn-{years}y.log"
    log_path.parent.mkdir(exist_ok=True)
    with log_path.open("w") as log:
        server = Server(
            database_url=url, redis_url=args.redis_url, port=args.port, log=log
        )
        server.collectstatic()
        server.start()
        try:
            readers = [("anonymous", None)]
            if not args.anonymous_only:
                readers.append((SIGNED_IN, sign_in(args.port, SIGNED_IN)))
            for who, cookie in readers:
                for name, path in BASELINES + chosen + [AGAIN]:
                    result = measure(
                        server, name, path, who=who, cookie=cookie, args=args
                    )
                    result["years"] = years
                    results.append(result)
                    print(_row(result, results), flush=True)
        finally:
            server.stop()
    return results


def _flush(redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()


# -- the table -------------------------------------------------------------------------
PERCENTILES = ("p50", "p95", "p99")
HEADER = (
    f"{'page':24} {'who':9} {'years':>5} {'bytes':>9} {'req/s':>8} {'p50 ms':>8}"
    f" {'p95 ms':>8} {'p99 ms':>8} {'share':>6} {'errors':>6}"
)


def _share(result, results):
    bases = [
        r["rps"]
        for r in results
        if r["page"] in (ONE_QUERY, AGAIN[0])
        and r["years"] == result["years"]
        and r["who"] == result["who"]
    ]
    return result["rps"] / (sum(bases) / len(bases)) if bases else float("nan")


def _row(r, results):
    # fewer answers than connections: the slowest requests never finished
    # in the run, so its percentiles are a floor
    floor = "*" if r["requests"] < 2 * r.get("connections", 16) else " "
    times = [f"{r[p]:>8.1f}" if r["requests"] else f"{'-':>8}" for p in PERCENTILES]
    return (
        f"{r['page']:24} {r['who']:9} {r['years']:>5} {r['size']:>9,} "
        f"{r['rps']:>8.1f} {' '.join(times)}{floor}"
        f"{_share(r, results):>6.3f} {r['errors']:>6}"
    )


def _p95(r):
    return f"{r['p95']:.1f}" if r["requests"] else "-"


def growth(results):
    """Each page measured at more than one size: req/s and bytes at the
    largest against the smallest."""
    sizes = sorted({r["years"] for r in results})
    if len(sizes) < 2:
        return []
    small, large = sizes[0], sizes[-1]
    keyed = {(r["page"], r["who"], r["years"]): r for r in results}
    lines = [
        f"{'page':24} {'who':9} {'bytes ' + str(small) + 'y':>11} "
        f"{'bytes ' + str(large) + 'y':>11} {'x':>6} {'share ' + str(small) + 'y':>9} "
        f"{'share ' + str(large) + 'y':>9} {'p95 ' + str(small) + 'y':>8} "
        f"{'p95 ' + str(large) + 'y':>8}"
    ]
    for (page, who, years), a in keyed.items():
        b = keyed.get((page, who, large))
        if years != small or b is None:
            continue
        lines.append(
            f"{page:24} {who:9} {a['size']:>11,} {b['size']:>11,} "
            f"{b['size'] / a['size']:>6.2f} {_share(a, results):>9.3f} "
            f"{_share(b, results):>9.3f} {_p95(a):>8} {_p95(b):>8}"
        )
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--years",
        default="10,1",
        help="datasets, comma separated; every page at the first, key pages "
        "at the others (default 10,1)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL_PATTERN",
            "postgres://postgres@127.0.0.1:5432/hwbb_bench{years}",
        ),
        help="with {years} for the dataset's size",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
    )
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("BENCH_PORT", "8765"))
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=3, help="per page at least")
    parser.add_argument("--max-seconds", type=int, default=5, help="per page at most")
    parser.add_argument("--pages", default="", help="a regular expression on names")
    parser.add_argument("--reuse", action="store_true", help="keep a matching dataset")
    parser.add_argument("--anonymous-only", action="store_true")
    parser.add_argument("--quiet-build", action="store_true")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `make bench-load` installs it (apt-get).")
    began = time.perf_counter()
    sizes = [int(y) for y in args.years.split(",")]
    print(HEADER, flush=True)
    results = []
    for n, years in enumerate(sizes):
        results += run_dataset(years, args, all_pages=n == 0)
    print()
    print(HEADER)
    for r in results:
        print(_row(r, results))
    if lines := growth(results):
        print()
        print("\n".join(lines))
    out = ROOT / "bench" / "results" / f"load-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(results, indent=1))
    print(
        "\n* fewer than two answers per connection in the run: the slowest "
        "requests did not finish, so the percentiles are a floor ('-': none did)"
    )
    print(
        f"{len(results)} runs, {args.connections} connections, "
        f"{WORKERS} gunicorn workers, in {time.perf_counter() - began:.0f} s; "
        f"results in {out.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
