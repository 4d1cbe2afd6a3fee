"""Pack import speed against pypdf's plain text extraction, in the same run.

Prints the July 2019 Coventry pack (meetings/demo/seeds) to a PDF of at least
300 pages with WeasyPrint (its text repeated after the minutes, as a pack's
reports follow them), then times, each as the median of a few runs:

1. pypdf's `extract_text()` over every page: the floor (text only, no layout);
2. the importer's reading (`read_lines`: text with each line's position, so
   wrapped lines are joined again; then `read_pack`), as `import_pack --json`
   does;
3. the reading plus saving it into a fresh PostgreSQL database through the
   services (`import_commit`), as `import_pack --commit` does, from empty.

Ratios against (1), not seconds, are what to compare between machines.

    make bench                        # or: .venv/bin/python bench/import_pack.py

BENCH_PAGES (default 300) sets the pack's size; BENCH_DATABASE_URL the
throwaway database, dropped and created afresh.
"""

import html
import io
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.throwaway import URL, recreate_database  # noqa: E402

PAGES = int(os.environ.get("BENCH_PAGES", "300"))
REPEAT = 3
os.environ.update(DEBUG="1", DATABASE_URL=URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hwbb.settings")
recreate_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from pypdf import PdfReader, PdfWriter  # noqa: E402
from weasyprint import HTML  # noqa: E402

from meetings import services  # noqa: E402
from meetings.importers.pack import read_pack  # noqa: E402
from meetings.importers.source import read_lines  # noqa: E402
from meetings.models import Meeting, Minute  # noqa: E402

SEED = ROOT / "meetings" / "demo" / "seeds" / "coventry-hwb-2019-07-08-pack.txt"


logging.getLogger("weasyprint").setLevel(logging.ERROR)  # emoji in the reports' text


def pack_pdf():
    cached = Path(tempfile.gettempdir()) / f"hwbb-bench-pack-{PAGES}.pdf"
    if cached.exists():
        return cached.read_bytes()
    lines = SEED.read_text().splitlines()
    closing = next(i for i, line in enumerate(lines) if "Meeting closed at" in line)
    front, reports = lines[: closing + 1], lines[closing + 1 :]
    paras = [f"<p>{html.escape(line.replace('**', ''))}</p>" for line in front]
    data = b""
    while True:
        body = "".join(paras)
        data = HTML(
            string=f"<style>p{{margin:0 0 6pt}}</style><body>{body}</body>"
        ).write_pdf()
        if len(PdfReader(io.BytesIO(data)).pages) >= PAGES:
            break
        paras += [f"<p>{html.escape(line.replace('**', ''))}</p>" for line in reports]
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages[:PAGES]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    cached.write_bytes(out.getvalue())
    return out.getvalue()


def median_time(fn):
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def plain(data):
    return sum(len(p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages)


def reading(data):
    return read_pack(read_lines(data, name="pack.pdf"))


def importing(data):
    Minute.objects.all().delete()
    Meeting.objects.all().delete()
    return services.import_commit(reading(data), by=None)


def main():
    data = pack_pdf()
    pages = len(PdfReader(io.BytesIO(data)).pages)
    call_command("migrate", verbosity=0)
    base, chars = median_time(lambda: plain(data))
    read, got = median_time(lambda: reading(data))
    saved, result = median_time(lambda: importing(data))
    print(f"Pack of {pages} pages ({len(data) / 1e6:.1f} MB), {chars:,} characters")
    problems = len(got["problems"])
    print(f"  read: {len(got['minutes'])} minutes sets, {problems} problems")
    print(f"  saved: {result['counts']}")
    print(f"{'step':46s} {'seconds':>8s} {'ratio':>6s}")
    for name, t in [
        ("pypdf extract_text, every page (baseline)", base),
        ("import_pack --json (read_lines + read_pack)", read),
        ("import_pack --commit (read + save, from empty)", saved),
    ]:
        print(f"{name:46s} {t:8.2f} {t / base:6.2f}x")


if __name__ == "__main__":
    main()
