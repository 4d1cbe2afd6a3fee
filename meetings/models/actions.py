"""Actions agreed at meetings (or set between them) and their progress updates."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone

from hwbb import permissions
from hwbb.history import HistoricalRecords
from meetings.models.minutes import Minute, ResolutionClause, _readable_minutes
from meetings.models.people import Body, Organisation, Person, _member_of_body
from strategy.models import TAG_M2M_FIELDS, Tagged, TaggedQuerySet


class ActionQuerySet(TaggedQuerySet):
    def visible_to(self, user):
        """Officers see every action. Anyone sees actions from published public
        minutes; members also those from their own body's exempt minutes and
        those set without a minute; owners always see their own."""
        if permissions.is_officer(user):
            return self
        visible = Q(minute__in=_readable_minutes(user))
        if user.is_authenticated:
            standalone = Q(minute__isnull=True) & Q(_member_of_body(user, "body"))
            visible |= Q(owner_person__user=user) | standalone
        return self.filter(visible)

    def open(self):
        return self.exclude(status__in=Action.CLOSED)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def owned_by(self, user):
        """The user's own actions and those of the organisation they work for,
        as far as the user may read them: a colleague's action from exempt or
        unpublished minutes, or of a private body, is not theirs to read."""
        person = getattr(user, "person", None) if user.is_authenticated else None
        return self.visible_to(user).owned_by_person(person)

    def owned_by_person(self, person):
        """Owned by the person or their organisation; callers read it through
        visible_to(the reader) first, as owned_by does."""
        if person is None:
            return self.none()
        owned = Q(owner_person=person)
        if person.organisation_id:
            owned |= Q(owner_organisation_id=person.organisation_id)
        return self.filter(owned)

    def arising_between(self, body, since, until):
        """The body's actions due, or updated, between two meetings: what the
        next meeting's matters arising item reports."""
        due = Q(due_date__gt=since.date(), due_date__lte=until.date())
        changed = Q(updates__created_at__gt=since, updates__created_at__lte=until)
        return self.filter(body=body).filter(due | changed).distinct()

    def for_list(self):
        return self.select_related(
            "owner_person", "owner_organisation", "minute__meeting__body", "body"
        )


class Action(Tagged):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        OFF_TRACK = "off_track", "Off track"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    CLOSED = (Status.DONE, Status.DROPPED)
    RAG = {
        Status.ON_TRACK: "green",
        Status.AT_RISK: "amber",
        Status.OFF_TRACK: "red",
    }

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="actions")
    minute = models.ForeignKey(
        Minute, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    resolution_clause = models.ForeignKey(
        ResolutionClause,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
    )
    due_date = models.DateField(null=True, blank=True)
    due_text = models.CharField(
        max_length=100, blank=True, help_text='The officer\'s words, e.g. "Q3 2019/20".'
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    percent_complete = models.PositiveSmallIntegerField(default=0)
    closing_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=TAG_M2M_FIELDS)

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_complete__lte=100), name="action_percent_max_100"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:action", args=[self.pk])

    @property
    def agreed_on(self):
        """The day the action was agreed: its meeting's, else the day it was
        recorded. No progress update is dated before it."""
        if self.minute_id:
            return timezone.localdate(self.minute.meeting.start)
        return timezone.localdate(self.created_at)

    @property
    def is_closed(self):
        return self.status in self.CLOSED

    @property
    def is_overdue(self):
        return (
            not self.is_closed
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )

    @property
    def status_slug(self):
        return self.status.replace("_", "-")

    @property
    def rag(self):
        return self.RAG.get(self.status, "")

    @property
    def owner_label(self):
        names = [str(o) for o in (self.owner_person, self.owner_organisation) if o]
        return ", ".join(names) or "No owner"

    def newest_update_date(self):
        """The date of the newest progress update; None before the first."""
        newest = self.updates.order_by("-date").values_list("date", flat=True)
        return newest.first()

    def clean(self):
        if self.is_closed and not self.closing_note.strip():
            raise ValidationError(
                {
                    "closing_note": "Say what closed the action: what was done, "
                    "or why it was dropped"
                }
            )


class ActionUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_updates",
    )
    author_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_updates",
    )
    status = models.CharField(
        max_length=20,
        choices=Action.Status.choices,
        error_messages={"blank": "Select the action's status"},
    )
    percent_complete = models.PositiveSmallIntegerField(
        default=0,
        validators=[
            MinValueValidator(0, "Percent complete must be 0 or more"),
            MaxValueValidator(100, "Percent complete must be 100 or less"),
        ],
    )
    narrative = models.TextField(error_messages={"blank": "Describe the progress made"})
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["action", "-date", "-created_at"]

    def __str__(self):
        return f"Update on {self.action} ({self.date})"

    def clean(self):
        """An update is dated between the day its action was agreed and today,
        and one that says the action is done says it is 100% complete."""
        errors = {}
        if isinstance(self.date, datetime.date) and self.action_id is not None:
            agreed = self.action.agreed_on
            if self.date > timezone.localdate():
                errors["date"] = "The date of an update cannot be in the future"
            elif self.date < agreed:
                errors["date"] = (
                    "The date of an update cannot be before the action was agreed, "
                    f"on {formats.date_format(agreed, 'j F Y')}"
                )
        percent = self.percent_complete
        if (
            self.status == Action.Status.DONE
            and isinstance(percent, int)
            and percent < 100
        ):
            errors["percent_complete"] = "An action that is done must be 100% complete"
        if errors:
            raise ValidationError(errors)

    @property
    def author_label(self):
        if self.author_person:
            return str(self.author_person)
        return (
            self.author.get_full_name() or self.author.username if self.author else ""
        )
