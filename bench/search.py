"""Search speed: PostgreSQL full-text with its GIN indexes, against the
word-by-word scan (the SQLite default's way) over the same rows, in the same run.

Builds a board's archive in a fresh PostgreSQL database from the demo's own
sentences (BENCH_MEETINGS meetings, default 1,000, each with 10 agenda items and
minutes, half the minutes with a resolution, an action each, and a paper of
about 1,000 words for every third item), then times a page of results for the
public for a few searches as the median of repeated runs:

1. the word-by-word scan (icontains on every field; the baseline);
2. full-text on the stored vectors with their GIN indexes
   (meetings/migrations/0013_search_vectors.py, 0034 for decisions);
3. full-text with those indexes dropped, to show what they are worth.

    make bench                                  # or:
    BENCH_MEETINGS=200 .venv/bin/python bench/search.py

BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/hwbb_bench) is
dropped and created afresh.
"""

import importlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.throwaway import URL, recreate_database  # noqa: E402

MEETINGS = int(os.environ.get("BENCH_MEETINGS", "1000"))
REPEAT = 5
os.environ.update(DEBUG="1", DATABASE_URL=URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hwbb.settings")

recreate_database()

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from meetings import demo, search  # noqa: E402
from meetings.migrations import __name__ as migrations  # noqa: E402
from meetings.models import (  # noqa: E402
    Action,
    AgendaItem,
    Body,
    Document,
    Meeting,
    Minute,
    Report,
    Resolution,
    ResolutionClause,
)

INDEXES = importlib.import_module(f"{migrations}.0013_search_vectors").INDEXES
SEARCHES = [
    "homelessness",
    "Better Care Fund",
    "youth violence",
    "pharmaceutical needs assessment",
    "loneliness and social isolation",
]


def _sentences():
    """The demo's own sentences, to write the archive in the board's words."""
    texts = list(Minute.objects.values_list("narrative", flat=True))
    texts += list(ResolutionClause.objects.values_list("text", flat=True))
    texts += list(Action.objects.values_list("description", flat=True))
    words = " ".join(search.TAG.sub(" ", t) for t in texts)
    return [s.strip() + "." for s in words.split(".") if len(s.split()) > 4]


def _text(rng, sentences, words):
    out = []
    while sum(len(s.split()) for s in out) < words:
        out.append(rng.choice(sentences))
    return " ".join(out)


def build_archive():
    rng = random.Random(2019)
    sentences = _sentences()
    body = Body.objects.get(slug="hwb")
    start = timezone.now() - timezone.timedelta(days=MEETINGS * 30)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            body=body,
            start=start + timezone.timedelta(days=30 * n),
            status="held",
            agenda_status="published",
            minutes_status="approved",
        )
        for n in range(MEETINGS)
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=m,
            number=n + 1,
            title=_text(rng, sentences, 8)[:300],
            description=_text(rng, sentences, 60),
        )
        for m in meetings
        for n in range(10)
    )
    minutes = Minute.objects.bulk_create(
        Minute(
            meeting_id=item.meeting_id,
            body=body,
            agenda_item=item,
            # numbered from 1 in each (made-up) year, clear of the demo's
            number=n % 10_000 + 1,
            municipal_year=3000 + n // 10_000,
            title=item.title,
            narrative=f"<p>{_text(rng, sentences, 150)}</p>",
        )
        for n, item in enumerate(items)
    )
    resolutions = Resolution.objects.bulk_create(
        Resolution(minute=m) for m in minutes[::2]
    )
    ResolutionClause.objects.bulk_create(
        ResolutionClause(
            resolution=r, label=str(n), order=n, text=rng.choice(sentences)
        )
        for r in resolutions
        for n in (1, 2)
    )
    Action.objects.bulk_create(
        Action(
            body=body,
            minute=m,
            title=_text(rng, sentences, 10)[:300],
            description=_text(rng, sentences, 40),
        )
        for m in minutes
    )
    reports = Report.objects.bulk_create(
        Report(
            title=item.title,
            body=body,
            meeting_id=item.meeting_id,
            agenda_item=item,
            purpose=_text(rng, sentences, 80),
            status="accepted",
        )
        for item in items[::3]
    )
    Document.objects.bulk_create(
        Document(
            report=r,
            title=f"Appendix: {r.title}"[:300],
            file=f"documents/bench-{r.pk}.pdf",
            file_type="pdf",
            size=1,
            checksum=f"{r.pk:064d}",
            extracted_text=_text(rng, sentences, 1000),
        )
        for r in reports
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return len(items), len(reports)


def _time(q, full_text):
    search.USE_FULL_TEXT = full_text
    user = AnonymousUser()
    result = search.search(user, q)  # warm up
    samples = []
    for _ in range(REPEAT):
        begin = time.perf_counter()
        search.search(user, q)
        samples.append(time.perf_counter() - begin)
    return statistics.median(samples), result.total


def _round(full_text):
    return {q: _time(q, full_text) for q in SEARCHES}


def main():
    call_command("migrate", verbosity=0)
    demo.load()
    items, papers = build_archive()
    print(
        f"Search over {items:,} agenda items and minutes, {items // 2:,} decisions,"
        f" {items:,} actions and {papers:,} papers of about 1,000 words"
    )
    scan = _round(False)
    indexed = _round(True)
    with connection.cursor() as cursor:
        for index in [*INDEXES.values(), "resolution_search"]:
            cursor.execute(f"DROP INDEX {index}")
    unindexed = _round(True)
    print(
        f"{'search':34} {'scan ms':>8} {'hits':>6} {'FTS ms':>8} {'hits':>6}"
        f" {'FTS/scan':>9} {'no GIN ms':>10} {'no GIN/scan':>12}"
    )
    for q in SEARCHES:
        (s, s_hits), (f, f_hits), (u, _) = scan[q], indexed[q], unindexed[q]
        print(
            f"{q:34} {s * 1000:8.1f} {s_hits:6} {f * 1000:8.1f} {f_hits:6}"
            f" {f / s:9.2f} {u * 1000:10.1f} {u / s:12.2f}"
        )
    total = [sum(r[q][0] for q in SEARCHES) for r in (scan, indexed, unindexed)]
    print(
        f"all searches: full-text with GIN {total[1] / total[0]:.2f} x the scan's "
        f"time; without GIN {total[2] / total[0]:.2f} x"
    )


if __name__ == "__main__":
    main()
