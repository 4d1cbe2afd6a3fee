"""The agenda pack against a plain pypdf merge of the same files, in one run.

A 300-page pack: the front sheet and ten reports, each a 3-page PDF with a
27-page PDF appendix. The baseline merges the same twenty PDFs with pypdf and
nothing else; the ratio is what building the pack costs on top (laying out
the front sheet, checking its page ranges, stamping page numbers). The two
are timed in turn, so that both see the same load on a shared machine; the
ratio of CPU times is printed too, as it is the steadier of the two there.

    make bench
"""

import gc
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.gettempdir()) / "hwbb-bench-pack.sqlite3"
os.environ.update(
    DEBUG="1",
    DATABASE_URL=f"sqlite:///{DB}",
    MEDIA_ROOT=tempfile.mkdtemp(prefix="hwbb-bench-media-"),
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hwbb.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from pypdf import PdfWriter  # noqa: E402

REPEAT = 7
REPORTS = 10


def _world():
    from meetings import services
    from meetings.models import Report
    from tests import factories, files

    # A draft agenda while the papers go up, so no pack is built along the way.
    meeting = factories.MeetingFactory(agenda_status="draft")
    pdfs = []
    for n in range(REPORTS):
        item = factories.AgendaItemFactory(meeting=meeting, number=n + 1)
        report = Report.objects.create(
            title=f"Report {n + 1}",
            body=meeting.body,
            meeting=meeting,
            agenda_item=item,
        )
        for title, kind, pages in (
            ("Report", "report", 3),
            ("Appendix", "appendix", 27),
        ):
            data = files.pdf_bytes([f"{title} {n + 1}"], pages=pages)
            pdfs.append(data)
            services.document_add(
                report=report,
                user=None,
                title=f"{title} {n + 1}",
                kind=kind,
                is_exempt=False,
                uploaded=files.upload(f"{title}-{n}.pdf", data),
            )
    meeting.agenda_status = "published"
    meeting.save()
    return meeting, pdfs


def _plain_merge(pdfs):
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(io.BytesIO(pdf))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _timed(function):
    gc.collect()  # so that no run pays for the garbage of the one before
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _medians(*functions):
    """Each function run REPEAT times, in turn; the median wall and CPU
    seconds of each, and its last result."""
    runs = [[] for _ in functions]
    for _ in range(REPEAT):
        for samples, function in zip(runs, functions, strict=True):
            samples.append(_timed(function))
    return [
        (
            statistics.median(s[0] for s in samples),
            statistics.median(s[1] for s in samples),
            samples[-1][2],
        )
        for samples in runs
    ]


def main():
    DB.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    from meetings import pack

    meeting, pdfs = _world()
    (baseline, baseline_cpu, merged), (built, built_cpu, (data, ranges)) = _medians(
        lambda: _plain_merge(pdfs), lambda: pack.build(pack.inputs(meeting, "public"))
    )
    pages = pack.page_count(data)
    print(
        f"plain pypdf merge of {len(pdfs)} PDFs ({pack.page_count(merged)} pages): "
        f"{baseline * 1000:.0f} ms median of {REPEAT} "
        f"({baseline_cpu * 1000:.0f} ms CPU)"
    )
    print(
        f"agenda pack ({pages} pages, front sheet and page numbers): "
        f"{built * 1000:.0f} ms median of {REPEAT} ({built_cpu * 1000:.0f} ms CPU)"
    )
    print(
        f"pack / plain merge: {built / baseline:.1f}x "
        f"({built_cpu / baseline_cpu:.1f}x in CPU time)"
    )
    DB.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
