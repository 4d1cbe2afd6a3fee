from django.core.management.base import BaseCommand

from meetings import demo


class Command(BaseCommand):
    help = (
        "Load the demo: the Coventry Health and Well-being Board from the real "
        "seed documents, and one demo user per role. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo data first."
        )
        parser.add_argument(
            "--without-papers",
            action="store_true",
            help="Leave out the seed packs' papers (quicker: no text to extract).",
        )

    def handle(self, *args, reset=False, without_papers=False, **options):
        demo.load(reset=reset, papers=not without_papers)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(demo.logins_table())
        self.stdout.write("Open http://127.0.0.1:8000/ and sign in.")
