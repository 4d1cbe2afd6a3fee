"""What a meeting records: attendance, minutes and their amendments,
resolutions and their clauses, and the business tagged to the strategy."""

from django.conf import settings
from django.db import models
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone

from hwbb import permissions
from hwbb.history import HistoricalRecords
from meetings.models.agenda import AgendaItem, Meeting, _meeting_visible
from meetings.models.closed import ClosedContent, ClosedContentQuerySet
from meetings.models.people import Body, Person, _may_see_closed
from strategy.models import TAG_M2M_FIELDS, Tagged, TaggedQuerySet


class Attendance(models.Model):
    """One person at (or sending apologies to) one meeting.

    The status is the person's own: a member who sent apologies and whose
    seat someone else took is recorded with apologies; the one who took it is
    recorded as a substitute, `substitute_for` naming the member. So each row
    prints as it reads, and a seat has at most one substitute.
    """

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        SUBSTITUTE = "substitute", "Substitute"
        ABSENT = "absent", "Absent"

    class Capacity(models.TextChoices):
        MEMBER = "member", "Board member"
        OTHER_REPRESENTATIVE = "other_representative", "Other representative"
        OFFICER = "officer", "Officer in attendance"
        PUBLIC = "public", "Public"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PRESENT
    )
    capacity = models.CharField(
        max_length=30, choices=Capacity.choices, default=Capacity.MEMBER
    )
    substitute_for = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="On a substitute's row: the member whose seat they took.",
    )
    note = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "attendance record"
        verbose_name_plural = "attendance records"
        ordering = ["meeting", "capacity", "person__family_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_unique"
            ),
            # NULLs are distinct: any number of rows name no seat.
            models.UniqueConstraint(
                fields=["meeting", "substitute_for"],
                name="attendance_one_substitute_a_seat",
                violation_error_message="The member already has a substitute.",
            ),
            models.CheckConstraint(
                condition=Q(substitute_for__isnull=True) | Q(status="substitute"),
                name="attendance_substitute_for_only_on_a_substitute",
                violation_error_message=(
                    "Only a substitute is recorded as standing in for a member."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(substitute_for=F("person")),
                name="attendance_not_substitute_for_oneself",
                violation_error_message="Nobody substitutes for themselves.",
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"

    @property
    def office(self):
        """ "Chair" or "Deputy Chair", as minutes mark them; else blank."""
        return self.note if self.note in ("Chair", "Deputy Chair") else ""

    @property
    def described(self):
        """The person as minutes list them: name, then job title or organisation."""
        person = self.person
        detail = person.job_title or (
            person.organisation.name if person.organisation else ""
        )
        return f"{person}, {detail}" if detail else str(person)

    def minuted(self, substitute=None):
        """The line the minutes print for this row, the same on the page, in
        the PDF and in the next pack: "Dr A Smith (substitute for B Jones)";
        given the row of whoever took this member's seat, "B Jones
        (substituted by Dr A Smith)"."""
        line = self.described
        if self.office:
            line += f" ({self.office})"
        if self.status == self.Status.SUBSTITUTE:
            seat = self.substitute_for
            line += f" (substitute for {seat})" if seat else " (substitute)"
        if substitute is not None:
            line += f" (substituted by {substitute.person})"
        return line


class MinuteQuerySet(ClosedContentQuerySet):
    def visible_to(self, user):
        """Minutes once published (as a draft or approved); officers see all.
        Each row knows whether this user may read it in full (`is_readable`)."""
        return self.filter(_minute_visible(user))._opened_for(user, "meeting__body")

    def for_checking(self, user, meeting):
        """A meeting's minutes as the chair checks them: drafts included, exempt
        ones open to whoever may read the body's exempt business. Only for the
        officer and the body's chair (the view asks)."""
        return self.filter(meeting=meeting)._opened_for(user, "meeting__body")

    def next_number(self, meeting):
        """The next minute's number at the meeting: minute numbers run through
        the body's municipal year (May to May) and restart with the next."""
        last = self.filter(
            meeting__body=meeting.body, municipal_year=meeting.municipal_year
        ).aggregate(n=Max("number"))["n"]
        return (last or 0) + 1


def _minute_visible(user, path=""):
    """A condition: the minute at `path` is one the user may see: its meeting
    is, and its minutes are published (as a draft or approved) unless the
    user is an officer."""
    visible = _meeting_visible(user, f"{path}meeting__")
    if permissions.is_officer(user):
        return visible
    return visible & Q(**{f"{path}meeting__minutes_status__in": Meeting.PUBLIC_MINUTES})


def _minute_readable(user, path=""):
    """A condition: the user may read the minute at `path` in full. Read
    across the row's own joins, not as `IN (every minute the user may read)`,
    a set that grows with the years held and was built in full for a page's
    few resolutions or actions."""
    body = f"{path}meeting__body"
    opened = Q(**{f"{path}is_exempt": False}) | Q(_may_see_closed(user, body))
    return _minute_visible(user, path) & opened


class Minute(ClosedContent, models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="minutes"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes",
    )
    # The meeting's body, kept on the minute so the database itself can hold the
    # rule that a number is used once in a body's municipal year.
    body = models.ForeignKey(
        "meetings.Body",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        blank=True,  # taken from the meeting (clean, save)
    )
    number = models.PositiveIntegerField()
    municipal_year = models.PositiveSmallIntegerField(
        help_text="The year the municipal year starts (May): 2018 for 2018/19."
    )
    title = models.CharField(max_length=300)
    narrative = models.TextField(blank=True, help_text="Sanitised HTML.")
    officer_notes = models.TextField(
        blank=True,
        help_text="Sanitised HTML. The officers' working notes: shown on the minutes "
        "editor only, never printed, published or exported.",
    )
    is_exempt = models.BooleanField(default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=AgendaItem.ExemptParagraph.choices, null=True, blank=True
    )
    taken_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the meeting took the item: set when the officer first "
        "minutes it during the meeting; it can be corrected.",
    )
    version = models.PositiveIntegerField(
        default=1,
        help_text="Raised on every save: two officers cannot overwrite each other.",
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MinuteQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "number"]
        indexes = [
            # Which minutes a reader may read (MinuteQuerySet.visible_to, and
            # the actions and decisions it opens) is asked of every page that
            # counts them: read from this index, not a scan of the 9 MB table.
            models.Index(
                fields=["meeting"], include=["id", "is_exempt"], name="minute_readable"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "municipal_year", "number"],
                name="minute_number_once_a_year",
                violation_error_message="That minute number is already used in this "
                "board's municipal year: minutes are numbered once a year.",
            )
        ]

    def __str__(self):
        return f"Minute {self.reference} {self.title}"

    def save(self, *args, **kwargs):
        self.clean()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return (
            reverse("meetings:minutes", args=[self.meeting_id])
            + f"#minute-{self.number}"
        )

    def clean(self):
        if self.meeting_id and not self.body_id:
            self.body_id = self.meeting.body_id

    @property
    def reference(self):
        """How minutes cite each other: "44/18"."""
        return f"{self.number}/{self.municipal_year % 100:02d}"

    @property
    def taken_time(self):
        """When the item was taken, as the live page shows it: "14:05", or ""."""
        return f"{timezone.localtime(self.taken_at):%H:%M}" if self.taken_at else ""

    @property
    def public_title(self):
        return "Exempt item" if self.is_exempt else self.title

    @property
    def is_frozen(self):
        """Approved minutes change only by a recorded amendment."""
        return self.meeting.minutes_status == Meeting.MinutesStatus.APPROVED


class MinuteAmendment(models.Model):
    """A correction to approved minutes, recorded rather than edited in."""

    minute = models.ForeignKey(
        Minute, on_delete=models.CASCADE, related_name="amendments"
    )
    text = models.TextField(help_text="The correction, as it should be read.")
    reason = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "amendment to signed minutes"
        verbose_name_plural = "amendments to signed minutes"
        ordering = ["minute", "at"]

    def __str__(self):
        return f"Amendment to minute {self.minute.reference}"


class ResolutionQuerySet(TaggedQuerySet):
    def visible_to(self, user):
        """Resolutions of minutes the user may read, leaving out exempt ones the
        user may not see."""
        return self.filter(_minute_readable(user, "minute__"))


class Resolution(Tagged):
    minute = models.OneToOneField(
        Minute, on_delete=models.CASCADE, related_name="resolution"
    )
    preamble = models.TextField(
        blank=True, help_text='Words between "RESOLVED that" and the colon.'
    )
    is_inline = models.BooleanField(
        default=False, help_text="A single resolution with no numbered clauses."
    )

    objects = ResolutionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=TAG_M2M_FIELDS)

    def __str__(self):
        return f"Resolution of minute {self.minute.reference}"

    def get_absolute_url(self):
        return self.minute.get_absolute_url()

    def clause_tree(self):
        """[(clause, [sub-clauses])] in order, from the (prefetched) clauses."""
        clauses = list(self.clauses.all())
        return [
            (c, [s for s in clauses if s.parent_id == c.pk])
            for c in clauses
            if c.parent_id is None
        ]


class TaggedBusiness:
    """The agenda items and resolutions tagged to one pillar or priority, as
    a reader sees them: what the golden thread follows. An exempt item counts
    only for those who may see its tags (AgendaItemQuerySet.tags_shown)."""

    def __init__(self, user, **tag):
        self.items = AgendaItem.objects.visible_to(user).tagged(**tag)
        self.resolutions = Resolution.objects.visible_to(user).tagged(**tag)

    def meetings(self):
        """A condition on meetings: those with such an item or decision."""
        return Q(pk__in=self.items.values("meeting")) | Q(
            pk__in=self.resolutions.values("minute__meeting")
        )

    def minutes(self):
        """A condition on minutes: those of such an item, or with such a
        decision."""
        return Q(agenda_item__in=self.items.values("pk")) | Q(
            pk__in=self.resolutions.values("minute")
        )


class ResolutionClause(models.Model):
    class Verb(models.TextChoices):
        NOTED = "noted", "Noted"
        ENDORSED = "endorsed", "Endorsed"
        APPROVED = "approved", "Approved"
        AGREED = "agreed", "Agreed"
        REQUESTED = "requested", "Requested"
        DELEGATED = "delegated", "Delegated"
        RECOMMENDED = "recommended", "Recommended"
        SUPPORTED = "supported", "Supported"
        OTHER = "other", "Other"

    class Kind(models.TextChoices):
        DECISION = "decision", "Decision"
        RECOMMENDATION = "recommendation", "Recommendation to another body"

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="clauses"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subclauses",
    )
    label = models.CharField(max_length=10, blank=True, help_text='"1", or "i".')
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    verb = models.CharField(max_length=20, choices=Verb.choices, default=Verb.NOTED)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.DECISION)
    recommended_to = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "clause of a resolution"
        verbose_name_plural = "clauses of resolutions"
        ordering = ["resolution", "order"]

    def __str__(self):
        return f"({self.label}) {self.text}" if self.label else self.text


class MinutesSignature(models.Model):
    """The chair's signature on approved minutes as a correct record (Local
    Government Act 1972, Schedule 12): who signed, when, at which meeting, and
    the SHA-256 digest of the text signed. The text is kept so the digest can
    be checked against it and against the minutes as they now stand; it holds
    exempt minutes in full, so it is shown to officers only."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, related_name="signature"
    )
    signed_at_meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="signatures_given"
    )
    signed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="minutes_signed"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField(default=timezone.now)
    digest = models.CharField(max_length=64)
    text = models.TextField()

    class Meta:
        verbose_name = "chair's signature of minutes"
        verbose_name_plural = "chairs' signatures of minutes"

    def __str__(self):
        return f"Minutes of {self.meeting} signed by {self.signed_by}"


class MinutesComment(models.Model):
    """The chair's comment on draft minutes, on one minute or on the whole,
    sent back to the officer who wrote them."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="minutes_comments"
    )
    minute = models.ForeignKey(
        Minute,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
        help_text="Blank: a comment on the minutes as a whole.",
    )
    text = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "chair's comment on draft minutes"
        verbose_name_plural = "chairs' comments on draft minutes"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"Comment on the minutes of {self.meeting}"
