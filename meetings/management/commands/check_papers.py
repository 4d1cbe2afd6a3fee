"""python manage.py check_papers

Checks every stored PDF paper, each version, against today's upload rules
(hwbb/uploads.py): active content (JavaScript, launch actions, embedded
files...) and the page limit. A paper stored before a rule is still served
as it was uploaded when it is downloaded on its own (the agenda pack strips
active content from what it merges): this lists those to replace with a
clean copy. Exits 1 if any would be refused."""

from django.core.management.base import BaseCommand, CommandError

from hwbb import uploads
from meetings.models import Document


class Command(BaseCommand):
    help = "List stored PDF papers that today's upload checks would refuse."

    def handle(self, **options):
        papers = Document.objects.filter(file_type="pdf").select_related("report")
        refused = 0
        for paper in papers.order_by("pk").iterator():
            with paper.file.open("rb") as f:
                reason = uploads.pdf_refusal(f.read())
            if reason:
                refused += 1
                self.stdout.write(
                    f"Paper {paper.pk}, {paper.title} (version {paper.version}) "
                    f"of the report {paper.report.title}: {reason}"
                )
        if refused:
            raise CommandError(f"{refused} stored paper(s) would be refused now.")
        self.stdout.write("Every stored PDF paper passes today's upload checks.")
