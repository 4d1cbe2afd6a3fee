"""Notifications: every email the governance cycle sends, as a row that is
its schedule, its once-only guard and its log; and each person's choice of
immediate emails, a weekly digest or none, per kind."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    AGENDA_PUBLISHED = "agenda_published", "Agenda published"
    AGENDA_SUPPLEMENT = "agenda_supplement", "Agenda supplement"
    MEETING_RESCHEDULED = "meeting_rescheduled", "Meeting rescheduled"
    MEETING_CANCELLED = "meeting_cancelled", "Meeting cancelled"
    ACTION_DUE_SOON = "action_due_soon", "Action due soon"
    ACTION_OVERDUE = "action_overdue", "Action overdue"
    PROGRESS_REQUESTED = "progress_requested", "Progress report requested"
    PROGRESS_DUE_SOON = "progress_due_soon", "Progress report due soon"
    PROGRESS_OVERDUE = "progress_overdue", "Progress report overdue"
    PROGRESS_RETURNED = "progress_returned", "Progress report returned"
    REPORT_DUE = "report_due", "Report due"
    REPORT_OVERDUE = "report_overdue", "Report overdue"
    MINUTES_DRAFT_DUE = "minutes_draft_due", "Draft minutes due"
    MINUTES_READY = "minutes_ready", "Draft minutes ready for the chair's check"
    ACTION_ESCALATED = "action_escalated", "Overdue action escalated"
    INTERESTS_REVIEW = "interests_review", "Register of interests: annual review"
    PRIORITY_REVIEW = "priority_review", "Priority review window passed"
    DECLARATIONS = "declarations", "Declarations of interest before a meeting"


# The summons and notices of a meeting (Local Government Act 1972, Schedule 12,
# and the Access to Information rules) go to every member: no unsubscribe.
STATUTORY = frozenset(
    {
        Kind.AGENDA_PUBLISHED,
        Kind.AGENDA_SUPPLEMENT,
        Kind.MEETING_RESCHEDULED,
        Kind.MEETING_CANCELLED,
    }
)


class Notification(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        HELD = "held", "Held for the weekly digest"
        IN_DIGEST = "in_digest", "Sent in a weekly digest"
        SUPPRESSED = "suppressed", "Not sent: unsubscribed"
        NOT_NEEDED = "not_needed", "Not sent: no longer needed"

    key = models.CharField(
        max_length=200,
        unique=True,
        help_text="What makes this notice once only: its kind, object and occasion.",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    person = models.ForeignKey(
        "meetings.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    email = models.EmailField()
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    about = models.CharField(max_length=300, help_text="What the notice is about.")
    extra = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was handed to the task queue."
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.email}: {self.about}"

    @property
    def is_statutory(self):
        return self.kind in STATUTORY


class Preference(models.Model):
    class Mode(models.TextChoices):
        IMMEDIATE = "immediate", "Email me straight away"
        DIGEST = "digest", "Put it in a weekly digest"
        NONE = "none", "Do not email me"

    person = models.ForeignKey(
        "meetings.Person", on_delete=models.CASCADE, related_name="preferences"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    mode = models.CharField(max_length=10, choices=Mode.choices)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"], name="preference_unique_kind"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()}, {self.get_mode_display()}"
