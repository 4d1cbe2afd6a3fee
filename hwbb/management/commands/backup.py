from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from hwbb.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write the database and every file under MEDIA_ROOT to one archive "
        "(.tar.gz with a manifest of row counts and file digests). Put it back "
        "with `restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=".",
            help="The archive to write, or a directory to write "
            "hwbb-backup-<UTC time>.tar.gz in (default: here).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, path, database, **options):
        path = Path(path)
        if path.is_dir():
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            path = path / f"hwbb-backup-{stamp}.tar.gz"
        try:
            summary = backup_create(path=path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(summary.line("Backed up to", path))
