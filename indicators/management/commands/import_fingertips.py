from django.core.management.base import BaseCommand, CommandError

from indicators import fingertips


class Command(BaseCommand):
    help = "Import a Fingertips 'all data' CSV. Safe to run again: rows are upserted."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            with open(path, encoding="utf-8-sig", newline="") as stream:
                result = fingertips.import_csv(stream)
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        for line, reason in result.errors:
            self.stderr.write(f"line {line}: {reason}")
        self.stdout.write(result.summary)
        if result.errors and not (result.created or result.updated):
            raise CommandError("No rows were imported.")
