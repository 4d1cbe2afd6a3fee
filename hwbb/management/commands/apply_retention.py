"""python manage.py apply_retention [--dry-run]

Applies the retention schedule now, as the nightly beat task does, and
prints what each rule did; with --dry-run, what each rule would do, changing
and recording nothing."""

from django.core.management.base import BaseCommand

from hwbb.retention_apply import retention_apply


class Command(BaseCommand):
    help = "Apply the retention schedule (or, with --dry-run, say what it would do)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="say what each rule would do, and change nothing",
        )

    def handle(self, dry_run=False, **options):
        outcomes = retention_apply(dry_run=dry_run)
        for outcome in outcomes:
            ids = ", ".join(map(str, outcome.row_ids[:20]))
            more = " ..." if outcome.affected > 20 else ""
            line = f"{outcome.rule.label}: {outcome.summary}"
            self.stdout.write(f"{line} [ids {ids}{more}]" if ids else line)
        total = sum(o.affected for o in outcomes)
        verb = "would change" if dry_run else "changed"
        self.stdout.write(f"{len(outcomes)} rules; {verb} {total} records.")
