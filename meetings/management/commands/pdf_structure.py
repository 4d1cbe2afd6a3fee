"""python manage.py pdf_structure (FILE.pdf | --pack MEETING [--members]) [--leaves]

Prints a PDF's structure tree as a screen reader finds it (Document > H1 ...
> Table > TR > TH), a run of like siblings once with its count, then what
would mislead a screen reader (hwbb/pdftags.py), or that the tree is well
formed. With --pack, the agenda pack of that meeting (its id) as it would be
built now, for the public or, with --members, the members."""

import io

from django.core.management.base import BaseCommand, CommandError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from hwbb import pdftags
from meetings import pack
from meetings.models import AgendaPack, Meeting


class Command(BaseCommand):
    help = "Print a PDF's structure tree and what is wrong with it."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="a PDF file")
        parser.add_argument(
            "--pack", type=int, dest="meeting", help="a meeting's id: its pack"
        )
        parser.add_argument("--members", action="store_true", help="members' pack")
        parser.add_argument(
            "--leaves", action="store_true", help="show Span, Link, Lbl... too"
        )

    def handle(self, file=None, meeting=None, members=False, leaves=False, **options):
        if (file is None) == (meeting is None):
            raise CommandError("Give a PDF file or --pack MEETING, not both.")
        reader = self._reader(file) if file else self._pack(meeting, members)
        untagged = sum("/StructParents" not in page for page in reader.pages)
        title = (reader.metadata and reader.metadata.title) or "(no title)"
        self.stdout.write(f"{title} ({len(reader.pages)} pages)")
        self.stdout.write(pdftags.outline(reader, leaves=leaves))
        self.stdout.write(f"Pages outside the tree (uploaded papers): {untagged}")
        problems = pdftags.problems(reader)
        for problem in sorted(set(problems)):
            self.stdout.write(f"{problems.count(problem)} x {problem}")
        if not problems:
            self.stdout.write("The structure tree is well formed.")

    def _reader(self, path):
        try:
            return PdfReader(path)
        except (OSError, PdfReadError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from None

    def _pack(self, pk, members):
        meeting = Meeting.objects.filter(pk=pk).first()
        if meeting is None:
            raise CommandError(f"No meeting {pk}.")
        kind = AgendaPack.Kind.MEMBERS if members else AgendaPack.Kind.PUBLIC
        data, _ = pack.build(pack.inputs(meeting, kind))
        return PdfReader(io.BytesIO(data))
