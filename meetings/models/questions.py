"""Public questions and requests to speak: sent by a resident from a meeting's
page until the body's deadline, reviewed by an officer (accepted, refused
with a reason, or merged into another on the same subject), put on the
agenda under their item once accepted, and answered at the meeting. Nothing
a resident sends is public until an officer accepts it, and their email
address never is."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from hwbb import permissions
from meetings.models.agenda import AgendaItem, Meeting, _meeting_visible

# A question is read out at the meeting: about three minutes' worth at most.
QUESTION_MAX_CHARS = 2000


def _open_item(path):
    """A condition: the row names no agenda item, or an open one (neither
    exempt nor in a private section)."""
    return Q(**{f"{path}__isnull": True}) | Q(
        Q(**{f"{path}__is_exempt": False}),
        Q(**{f"{path}__section__isnull": True})
        | Q(**{f"{path}__section__is_private": False}),
    )


class PublicQuestionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officers see every question; anyone else only accepted ones, of
        meetings they may see, and never one under a private item (an item
        may be made exempt after the question about it was accepted)."""
        if permissions.is_officer(user):
            return self
        return self.filter(
            _meeting_visible(user, "meeting__"),
            _open_item("agenda_item"),
            status=PublicQuestion.Status.ACCEPTED,
        )

    def for_page(self):
        """What the pages print of each question, read in one query."""
        return self.select_related("meeting__body", "agenda_item").order_by(
            "submitted_at", "pk"
        )

    def awaiting_decision(self):
        return self.filter(status=PublicQuestion.Status.SUBMITTED)


class PublicQuestion(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", "A question"
        SPEAK = "speak", "A request to speak"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for an officer's decision"
        ACCEPTED = "accepted", "Accepted"
        REFUSED = "refused", "Refused"
        MERGED = "merged", "Merged with another question"
        WITHDRAWN = "withdrawn", "Withdrawn"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="public_questions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="public_questions",
        help_text="The item it is about; none for a question on the board's "
        "work in general.",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.QUESTION)
    name = models.CharField(max_length=200)
    email = models.EmailField(help_text="Never published.")
    organisation = models.CharField(max_length=200, blank=True)
    lived_experience = models.BooleanField(
        default=False,
        help_text="Speaks from their own experience of the service or condition.",
    )
    text = models.TextField(validators=[MaxLengthValidator(QUESTION_MAX_CHARS)])
    fingerprint = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        help_text="The meeting, address and words, hashed: the same question "
        "sent twice is kept once.",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    refusal_reason = models.TextField(blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField(blank=True)
    answered_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who answered at the meeting: 'Cllr Kamran Caan, Chair'.",
    )
    answer_recorded_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    objects = PublicQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "submitted_at", "pk"]
        verbose_name = "public question"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""),
                name="publicquestion_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="publicquestion_merged_names_question",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.name}"

    def get_absolute_url(self):
        return reverse("meetings:question", args=[self.pk])

    @property
    def is_accepted(self):
        return self.status == self.Status.ACCEPTED

    @property
    def is_speaking(self):
        return self.kind == self.Kind.SPEAK

    def make_fingerprint(self):
        words = " ".join(self.text.split()).casefold()
        key = f"{self.meeting_id}|{self.email.strip().casefold()}|{words}"
        return hashlib.sha256(key.encode()).hexdigest()

    def clean(self):
        """The item, if any, must be one of the meeting's open items: the
        public is never offered, and cannot post, an exempt or private one."""
        item = self.agenda_item
        if item is None:
            return
        if item.meeting_id != self.meeting_id:
            raise ValidationError({"agenda_item": "Choose an item of this meeting"})
        if item.is_private_business:
            raise ValidationError({"agenda_item": "Choose an item of this meeting"})
