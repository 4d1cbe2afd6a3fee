"""The agenda pack against a plain pypdf merge of the same files, in one run.

A 300-page pack: the front sheet and ten reports, each a 3-page PDF with a
27-page PDF appendix. The baseline merges the same twenty PDFs with pypdf and
nothing else; the ratio is what building the pack costs on top (rendering the
front sheet twice, checking page ranges, stamping page numbers).

    make bench
"""

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

REPEAT = 3
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


def _median(function):
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def main():
    DB.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    from meetings import pack

    meeting, pdfs = _world()
    baseline, merged = _median(lambda: _plain_merge(pdfs))
    built, (data, ranges) = _median(lambda: pack.build(pack.inputs(meeting, "public")))
    pages = pack.page_count(data)
    print(
        f"plain pypdf merge of {len(pdfs)} PDFs ({pack.page_count(merged)} pages): "
        f"{baseline * 1000:.0f} ms median of {REPEAT}"
    )
    print(
        f"agenda pack ({pages} pages, front sheet and page numbers): "
        f"{built * 1000:.0f} ms median of {REPEAT}"
    )
    print(f"pack / plain merge: {built / baseline:.1f}x")
    DB.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
