"""Actions agreed at meetings (or set between them) and their progress updates."""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import formats, timezone

from hwbb import permissions
from hwbb.history import HistoricalRecords
from meetings.models.minutes import Minute, ResolutionClause, _minute_readable
from meetings.models.people import (
    Body,
    Organisation,
    OrganisationLead,
    Person,
    _member_of_body,
)
from strategy.models import TAG_M2M_FIELDS, Tagged, TaggedQuerySet


class ActionQuerySet(TaggedQuerySet):
    def visible_to(self, user):
        """Officers see every action. Anyone sees actions from published public
        minutes; members also those from their own body's exempt minutes and
        those set without a minute; owners always see their own, and an
        organisation's nominated leads its actions, as they act for it."""
        if permissions.is_officer(user):
            return self
        visible = _minute_readable(user, "minute__")
        if user.is_authenticated:
            standalone = Q(minute__isnull=True) & Q(_member_of_body(user, "body"))
            leads = OrganisationLead.objects.organisations_of(user)
            led = Q(owner_organisation__in=leads)
            visible |= Q(owner_person__user=user) | led | standalone
        return self.filter(visible)

    def open(self):
        return self.exclude(status__in=Action.CLOSED)

    def closed(self):
        return self.filter(status__in=Action.CLOSED)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def due_this_month(self, today=None):
        """Open, due from today to the end of the month."""
        today = today or timezone.localdate()
        end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
        return self.open().filter(due_date__gte=today, due_date__lte=end)

    def shown(self, which, today=None):
        """The actions a "My actions" filter asks for: "open", "overdue",
        "due" (this month), "done" (done or dropped), or all of them."""
        if which == "open":
            return self.open()
        if which == "overdue":
            return self.overdue(today)
        if which == "due":
            return self.due_this_month(today)
        if which == "done":
            return self.closed()
        return self

    def counts(self, today=None):
        """How many are overdue, due this month, open and done (or dropped),
        in one query."""
        today = today or timezone.localdate()
        end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
        is_open = ~Q(status__in=Action.CLOSED)
        return self.aggregate(
            overdue=Count("pk", filter=is_open & Q(due_date__lt=today)),
            due_this_month=Count(
                "pk", filter=is_open & Q(due_date__gte=today, due_date__lte=end)
            ),
            open=Count("pk", filter=is_open),
            done=Count("pk", filter=Q(status__in=Action.CLOSED)),
        )

    def by_status(self, *fields, today=None):
        """Rows of (*fields, status, how many, how many of them overdue), one
        for each status held (and value of the fields), in one query."""
        today = today or timezone.localdate()
        late = Q(due_date__lt=today) & ~Q(status__in=Action.CLOSED)
        return (
            self.order_by()
            .values_list(*fields, "status")
            .annotate(n=Count("pk"), overdue=Count("pk", filter=late))
        )

    def mine(self, user):
        """The actions the user owns by name, as far as they may read them."""
        if not user.is_authenticated:
            return self.none()
        return self.visible_to(user).filter(owner_person__user=user)

    def of_organisations_led_by(self, user):
        """The actions of the organisations the user leads, less their own."""
        if not user.is_authenticated:
            return self.none()
        led = OrganisationLead.objects.organisations_of(user)
        return (
            self.visible_to(user)
            .filter(owner_organisation__in=led)
            .exclude(owner_person__user=user)
        )

    def owned_by_person(self, person):
        """Owned by the person by name; callers read it through
        visible_to(the reader) first, as the calendar does."""
        if person is None:
            return self.none()
        return self.filter(owner_person=person)

    def open_first(self):
        """Open actions first, the soonest due first; then the closed ones."""
        closed = Case(
            When(status__in=Action.CLOSED, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        return self.order_by(closed, F("due_date").asc(nulls_last=True), "pk")

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

    def next_due(self, n):
        """The n open actions due soonest, as a list shows them: their keys
        read through the filters alone, then those rows by key with their
        relations (hwbb/paging.py). In one query, PostgreSQL planned the six
        joins with the visibility subqueries for 48 ms, and carried them
        through every open action it passed (4,965 buffers for a priority at
        ten years) to keep ten."""
        keys = list(
            self.open().order_by("due_date", "pk").values_list("pk", flat=True)[:n]
        )
        rows = Action.objects.for_list().in_bulk(keys)
        return [rows[key] for key in keys if key in rows]


class Action(Tagged):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        OFF_TRACK = "off_track", "Off track"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    class Rag(models.TextChoices):
        RED = "red", "Red"
        AMBER = "amber", "Amber"
        GREEN = "green", "Green"

    CLOSED = (Status.DONE, Status.DROPPED)
    # The RAG of a done action: complete (blue, where a council uses BRAG).
    COMPLETE = "complete"
    # An open action due within this many days with less than this much done
    # is amber: it is not late yet, but little suggests it will not be.
    AMBER_WITHIN_DAYS = 28
    LITTLE_PROGRESS = 50

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
    rag_override = models.CharField(
        "RAG set by an officer",
        max_length=10,
        choices=Rag.choices,
        blank=True,
        help_text="Leave empty for the RAG worked out from the due date and progress.",
    )
    rag_override_reason = models.TextField("why the officer set it", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=TAG_M2M_FIELDS)

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [
            # A body's action log, a page at a time in this order: read from
            # the index, the first page stops after its rows, not after a sort
            # of every action the body ever had.
            models.Index(fields=["body", "due_date", "id"], name="action_body_due"),
            # Every body's, as the API lists them: the same, a page of keys.
            models.Index(fields=["due_date", "id"], name="action_due"),
            # The open actions (not Action.CLOSED) soonest due first: the next
            # few of a priority, a pillar or a dashboard are read from here
            # until enough match, not sorted out of every action ever set.
            models.Index(
                fields=["due_date", "id"],
                condition=~Q(status__in=["done", "dropped"]),
                name="action_open_due",
            ),
            # What counting actions reads (by status, overdue, by pillar, as
            # a reader may see them), in an index-only scan of about 1 MB at
            # ten years instead of a scan of the 30 MB table with its texts and
            # search vectors: a priority's counts read 1,120 buffers, not 5,129.
            models.Index(
                fields=["minute", "id"],
                include=[
                    "status",
                    "due_date",
                    "primary_pillar",
                    "body",
                    "owner_person",
                    "owner_organisation",
                ],
                name="action_tally",
            ),
        ]
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
    def is_exempt_business(self):
        """Whether the action came of exempt (Part 2) business: of an exempt
        minute, or of a clause of an exempt minute's resolution. Reads the
        minute (or the clause, its resolution and minute): select them."""
        minute = self.minute if self.minute_id else None
        if minute is None and self.resolution_clause_id:
            minute = self.resolution_clause.resolution.minute
        return minute is not None and minute.is_exempt

    @property
    def is_overdue(self):
        return (
            not self.is_closed
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )

    def _worked_out_rag(self):
        """(RAG, the words that say why) from the status, due date and
        progress: an overdue action is red whatever its status says."""
        if self.status == self.Status.DONE:
            return self.COMPLETE, "done"
        if self.status == self.Status.DROPPED:
            return "", "dropped"
        if self.is_overdue:
            return self.Rag.RED, "overdue"
        if self.status == self.Status.OFF_TRACK:
            return self.Rag.RED, "off track"
        if self.status == self.Status.AT_RISK:
            return self.Rag.AMBER, "at risk"
        if self.is_due_soon and self.percent_complete < self.LITTLE_PROGRESS:
            return self.Rag.AMBER, "due soon, little progress"
        return self.Rag.GREEN, self.get_status_display().lower()

    @property
    def is_due_soon(self):
        today = timezone.localdate()
        return (
            not self.is_closed
            and self.due_date is not None
            and today <= self.due_date
            and (self.due_date - today).days <= self.AMBER_WITHIN_DAYS
        )

    @property
    def rag_is_set_by_officer(self):
        return bool(self.rag_override) and not self.is_closed

    @property
    def rag(self):
        """red, amber, green, complete (done), or "" (dropped). An officer's
        RAG stands while the action is open."""
        if self.rag_is_set_by_officer:
            return self.rag_override
        return self._worked_out_rag()[0]

    @property
    def rag_label(self):
        """The RAG in words, the one status shown: "Red: overdue", "Done",
        "Green (set by an officer: ...)"."""
        if self.rag_is_set_by_officer:
            colour = self.get_rag_override_display()
            return f"{colour} (set by an officer: {self.rag_override_reason})"
        rag, words = self._worked_out_rag()
        if rag in self.Rag.values:
            return f"{self.Rag(rag).label}: {words}"
        return words.capitalize()

    def may_update(self, user):
        """Whether the user may record progress: an officer or the chair, the
        owner named on it, or a nominated lead of the organisation owning it."""
        if not user.is_authenticated:
            return False
        if permissions.has_role(user, permissions.OFFICER, permissions.CHAIR):
            return True
        if self.owner_person_id and self.owner_person.user_id == user.id:
            return True
        return (
            self.owner_organisation_id is not None
            and OrganisationLead.objects.current_on()
            .filter(organisation_id=self.owner_organisation_id, person__user=user)
            .exists()
        )

    @property
    def owner_label(self):
        names = [str(o) for o in (self.owner_person, self.owner_organisation) if o]
        return ", ".join(names) or "No owner"

    def newest_update_date(self):
        """The date of the newest progress update; None before the first."""
        newest = self.updates.order_by("-date").values_list("date", flat=True)
        return newest.first()

    def clean(self):
        errors = {}
        if self.is_closed and not self.closing_note.strip():
            errors["closing_note"] = (
                "Say what closed the action: what was done, or why it was dropped"
            )
        if self.rag_override and not self.rag_override_reason.strip():
            errors["rag_override_reason"] = "Say why you are setting the RAG status"
        if errors:
            raise ValidationError(errors)


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
        verbose_name = "progress update on an action"
        verbose_name_plural = "progress updates on actions"
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
