"""python manage.py verify_minutes [--meeting PK]

Checks every chair's signature (or one meeting's): the minutes as they now
stand, and the kept copy of the text signed, against the SHA-256 digest
recorded when the chair signed. Exits 1 if any does not verify."""

from django.core.management.base import BaseCommand, CommandError

from meetings import signing
from meetings.models import MinutesSignature


class Command(BaseCommand):
    help = "Check the chair's signatures on approved minutes against their digests."

    def add_arguments(self, parser):
        parser.add_argument("--meeting", type=int, help="one meeting's minutes")

    def handle(self, meeting=None, **options):
        signatures = MinutesSignature.objects.select_related(
            "meeting__body", "signed_by", "signed_at_meeting"
        ).order_by("meeting__start")
        if meeting is not None:
            signatures = signatures.filter(meeting_id=meeting)
            if not signatures.exists():
                raise CommandError(f"The minutes of meeting {meeting} are not signed.")
        failed = 0
        for signature in signatures:
            check = signing.verify(signature)
            failed += not check.verified
            self.stdout.write(
                f"{signature.meeting.body.name}, "
                f"{signature.meeting.start:%d %B %Y}: {check.in_words}"
            )
        if failed:
            raise CommandError(f"{failed} signature(s) did not verify.")
