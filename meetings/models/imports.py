"""What the importers remember: the names they have met and who each one is (an
officer can correct it), and the packs an officer has uploaded."""

import re
import unicodedata

from django.conf import settings
from django.db import models
from django.utils import timezone

from meetings.models.people import Person

HONORIFICS = {
    "councillor",
    "councillors",
    "cllr",
    "cllrs",
    "professor",
    "prof",
    "sir",
    "dame",
    "dr",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "lord",
    "lady",
    "rev",
    "reverend",
    "the",
    "chief",
    "superintendent",
    "inspector",
}


def name_tokens(printed):
    """The words of a printed name without honorifics, roles or punctuation:
    "Cllr K. Caan (Chair)" -> ["k", "caan"]."""
    s = unicodedata.normalize("NFKC", printed or "")
    while True:
        stripped = re.sub(r"\([^()]*\)", " ", s)
        if stripped == s:
            break
        s = stripped
    s = s.split(",")[0].replace("’", "'")
    tokens = re.sub(r"[.\u2018\u201c\u201d\"]", " ", s).casefold().split()
    while tokens and tokens[0] in HONORIFICS:
        tokens = tokens[1:]
    return tokens


def name_key(printed):
    return " ".join(name_tokens(printed))


class NameAlias(models.Model):
    """A name as the records print it, and the person it is. The importer adds
    one for every name it places; an officer corrects a wrong one here and every
    later import follows the correction."""

    printed = models.CharField(max_length=200, help_text="The name as printed.")
    key = models.CharField(max_length=200, unique=True, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="name_aliases"
    )
    confirmed = models.BooleanField(
        default=False, help_text="An officer has checked that this is the person."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key"]
        verbose_name = "name in imported records"
        verbose_name_plural = "names in imported records"

    def __str__(self):
        return f"{self.printed} → {self.person}"

    def save(self, *args, **kwargs):
        self.key = name_key(self.printed)
        super().save(*args, **kwargs)


class PackImport(models.Model):
    """An agenda pack an officer uploaded: read in the background, previewed,
    corrected and confirmed."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to be read"
        READING = "reading", "Being read"
        READ = "read", "Read: check and confirm"
        FAILED = "failed", "Could not be read"
        SAVED = "saved", "Imported"

    file = models.FileField(upload_to="imports/%Y/%m/")
    name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.WAITING
    )
    started_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker began to read it."
    )
    pages_done = models.PositiveIntegerField(default=0)
    pages_total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    reading = models.JSONField(null=True, blank=True)
    choices = models.JSONField(
        default=dict,
        blank=True,
        help_text='The officer\'s corrections: {name key: person pk, "new" or "skip"}.',
    )
    result = models.JSONField(null=True, blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "imported agenda pack"
        verbose_name_plural = "imported agenda packs"
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    @property
    def is_active(self):
        """Still to be read, or being read: its page follows the reader."""
        return self.status in (self.Status.WAITING, self.Status.READING)

    @property
    def progress(self):
        """Per cent read, for the progress bar and its words."""
        if self.status in (self.Status.READ, self.Status.SAVED):
            return 100
        if not self.pages_total:
            return 0
        return min(99, 100 * self.pages_done // self.pages_total)

    @property
    def progress_in_words(self):
        """How far the reader has got, for the page and for its poller."""
        if self.status == self.Status.WAITING:
            return "Waiting for the reader to start."
        if self.status == self.Status.READING:
            if not self.pages_total:
                return "Reading the text."
            if self.pages_done >= self.pages_total:
                return (
                    f"All {self.pages_total:,} pages read: "
                    "now working out what they say."
                )
            return (
                f"{self.pages_done:,} of {self.pages_total:,} pages read "
                f"({self.progress}%)."
            )
        if self.status == self.Status.FAILED:
            return "It could not be read."
        pages = f"All {self.pages_total:,} pages read." if self.pages_total else ""
        return pages or "Read."
