import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from hwbb.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Put back an archive written by `backup`: check its manifest and every "
        "digest first, then replace the database and MEDIA_ROOT with it."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A .tar.gz written by `backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace a database that already holds data.",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Never ask: without --replace, refuse a database that holds data.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, archive, replace, interactive, database, **options):
        confirm = self._confirm if interactive and sys.stdin.isatty() else None
        try:
            summary = backup_restore(
                path=archive, using=database, replace=replace, confirm=confirm
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(summary.line("Restored from", archive))
        self.stdout.write(
            "If this code is newer than the archive, run `manage.py migrate` now."
        )

    def _confirm(self):
        answer = input(
            "The database holds data. Replace it, and MEDIA_ROOT, with the "
            "archive? Type 'yes' to continue: "
        )
        return answer.strip().lower() == "yes"
