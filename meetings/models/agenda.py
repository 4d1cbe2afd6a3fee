"""Meetings and their agendas: sections, items, standing items, supplements,
and the forward plan (recurring and planned items)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone

from hwbb import permissions, workdays
from hwbb.history import HistoricalRecords
from meetings.models.closed import ClosedContent, ClosedContentQuerySet
from meetings.models.people import (
    Body,
    Organisation,
    Person,
    _chair_of_body,
    _member_of_body,
)
from strategy.models import TAG_M2M_FIELDS, Tagged, TaggedQuerySet

CLEAR_WORKING_DAYS = 5


def municipal_year_of(day):
    """The municipal year runs May to May; it is named by the year it starts."""
    return day.year if day.month >= 5 else day.year - 1


# The municipal years a page may be asked for: the board's record and its plans
# fit well inside them, and every date in them can be stored and compared.
MUNICIPAL_YEARS = range(1900, 2101)


def municipal_year_span(year):
    """The first moment of a municipal year (1 May) and of the next one."""
    start = timezone.make_aware(datetime.datetime(year, 5, 1))
    return start, start.replace(year=year + 1)


class AgendaSection(models.Model):
    """A heading an agenda groups items under; data per body, not code."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="sections")
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)
    is_private = models.BooleanField(default=False)

    class Meta:
        ordering = ["body", "order"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="section_unique")
        ]

    def __str__(self):
        return self.name


def _meeting_visible(user, path):
    """A condition: the meeting at `path` is one the user may see (its body
    meets in public, or is one of theirs). Read across the row's own join
    rather than as `IN (visible meetings)`, which PostgreSQL checks with an
    index lookup per row: minutes and items number thousands a body."""
    if permissions.is_officer(user):
        return Q()
    return Q(**{f"{path}body__meets_in_public": True}) | Q(
        _member_of_body(user, f"{path}body")
    )


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Meetings of bodies that meet in public, or of the user's own bodies."""
        return self.filter(_meeting_visible(user, ""))

    def upcoming(self):
        """Meetings to come that will take place: what reminders, the "Your
        work" page and the choice of a next meeting count on."""
        return (
            self.filter(start__gte=timezone.now())
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("start")
        )

    def to_come(self):
        """Meetings to come, cancelled ones included: what the lists of
        upcoming meetings show, a cancelled one marked so rather than gone."""
        return self.filter(start__gte=timezone.now()).order_by("start")

    def held(self):
        """Meetings that have taken place: started by now and not cancelled
        (an officer need not have marked one held). "Last discussed" and
        "since the board last met" count these, never a meeting to come."""
        return self.filter(start__lte=timezone.now()).exclude(
            status=Meeting.Status.CANCELLED
        )

    def approving(self, meeting):
        """The meetings that may approve this meeting's minutes: later meetings
        of the same body that have taken place and were not cancelled."""
        return (
            self.filter(
                body_id=meeting.body_id,
                start__gt=meeting.start,
                start__lte=timezone.now(),
            )
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("start")
        )


class Meeting(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        RESCHEDULED = "rescheduled", "Rescheduled"
        CANCELLED = "cancelled", "Cancelled"
        HELD = "held", "Held"

    class AgendaStatus(models.TextChoices):
        DRAFT = "draft", "Draft"
        SIGNED_OFF = "signed_off", "Signed off by the chair"
        PUBLISHED = "published", "Published"

    class MinutesStatus(models.TextChoices):
        NONE = "none", "No minutes yet"
        DRAFT = "draft", "Draft"
        CHECKED = "checked", "Checked by the chair"
        PUBLISHED_DRAFT = "published_draft", "Published: subject to approval"
        APPROVED = "approved", "Approved"

    PUBLIC_MINUTES = (MinutesStatus.PUBLISHED_DRAFT, MinutesStatus.APPROVED)

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    online_link = models.URLField(blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    previous_start = models.DateTimeField(
        null=True, blank=True, help_text="The original date of a rescheduled meeting."
    )
    agenda_status = models.CharField(
        max_length=20, choices=AgendaStatus.choices, default=AgendaStatus.DRAFT
    )
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.CharField(max_length=200, blank=True)
    minutes_status = models.CharField(
        max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.NONE
    )
    minutes_published_at = models.DateTimeField(
        null=True, blank=True, help_text="When the minutes were first made public."
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes_approved",
        help_text="The meeting that approved these minutes.",
    )
    contact_officer = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings_serviced",
    )
    closed_at = models.TimeField(null=True, blank=True)
    agenda_signed_off_at = models.DateTimeField(null=True, blank=True)
    agenda_signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    late_publication_reason = models.TextField(
        blank=True,
        help_text="Why the agenda was published with fewer than five clear "
        "working days' notice.",
    )
    cancellation_reason = models.TextField(blank=True)
    cancelled_at = models.DateTimeField(
        null=True, blank=True, help_text="When the meeting was cancelled."
    )
    sequence = models.PositiveIntegerField(
        default=0, help_text="iCalendar SEQUENCE: raised on every change."
    )
    updated_at = models.DateTimeField(auto_now=True)
    # who scheduled, published, checked, approved, moved or cancelled, and when
    history = HistoricalRecords(excluded_fields=["updated_at", "sequence"])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]

    def __str__(self):
        local = timezone.localtime(self.start)
        return f"{self.body.short_name or self.body.name}, {local:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])

    @property
    def agenda_is_public(self):
        return self.agenda_status == self.AgendaStatus.PUBLISHED

    @property
    def minutes_are_public(self):
        return self.minutes_status in self.PUBLIC_MINUTES

    @property
    def municipal_year(self):
        return municipal_year_of(timezone.localdate(self.start))

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_today(self):
        return timezone.localdate(self.start) == timezone.localdate()

    def why_no_minutes(self):
        """Why minutes cannot be written for this meeting, or None. Minutes
        record a meeting that took place: not a cancelled one, not one still
        to come; they may be written from the day of the meeting."""
        if self.is_cancelled:
            return "The meeting was cancelled: it has no minutes."
        if timezone.localdate(self.start) > timezone.localdate():
            return (
                "The meeting has not happened yet: its minutes are written on the day."
            )
        return None

    @property
    def minutes_may_be_taken(self):
        """On the day of the meeting and after, unless the minutes are approved
        (then they change only by a recorded amendment)."""
        return (
            self.why_no_minutes() is None
            and self.minutes_status != self.MinutesStatus.APPROVED
        )

    NOT_CANCELLABLE = (
        "This meeting has minutes: it took place, so it cannot be cancelled."
    )

    @property
    def may_be_cancelled(self):
        """A meeting with minutes took place: it can no longer be cancelled."""
        return not self.is_cancelled and self.minutes_status == self.MinutesStatus.NONE

    def _others_of_body(self):
        """The body's other meetings that are not cancelled."""
        return (
            Meeting.objects.filter(body_id=self.body_id)
            .exclude(status=self.Status.CANCELLED)
            .exclude(pk=self.pk)
        )

    def previous_meeting(self):
        """The body's last meeting before this one that was not cancelled."""
        return (
            self._others_of_body()
            .filter(start__lt=self.start)
            .order_by("-start")
            .first()
        )

    def next_meeting(self):
        """The body's next meeting after this one that is not cancelled."""
        return (
            self._others_of_body()
            .filter(start__gt=self.start)
            .order_by("start")
            .first()
        )

    def officers_to_tell(self):
        """Whom the meeting's notices to an officer go to: its contact
        officer, or every officer when it names none who has an email."""
        officer = self.contact_officer
        if officer is not None and officer.email:
            return [officer]
        return list(Person.objects.officers())

    def publication_deadline(self):
        """The last day the agenda may be published with five clear working days'
        notice: neither the day of publication nor the meeting day counts, nor do
        weekends or England's bank holidays (Local Government Act 1972, s100B)."""
        meeting_day = timezone.localdate(self.start)
        return workdays.last_day_with_clear_working_days(
            meeting_day, CLEAR_WORKING_DAYS
        )

    def is_late_to_publish(self, on):
        return on > self.publication_deadline()

    def question_deadline(self):
        """The last day the public may send a question or ask to speak: the
        body's number of clear working days before the meeting."""
        return workdays.last_day_with_clear_working_days(
            timezone.localdate(self.start), self.body.question_deadline_days
        )

    QUESTIONS_OPEN, QUESTIONS_CLOSED = "open", "closed"

    def questions_state(self, today=None):
        """Whether the public may send questions: QUESTIONS_OPEN until the
        deadline, QUESTIONS_CLOSED from then to the meeting day, and None
        where none are taken (a private body, one that takes none, a
        cancelled meeting, one that has taken place)."""
        body = self.body
        if not (body.meets_in_public and body.takes_public_questions):
            return None
        today = today or timezone.localdate()
        if self.is_cancelled or timezone.localdate(self.start) < today:
            return None
        if today <= self.question_deadline():
            return self.QUESTIONS_OPEN
        return self.QUESTIONS_CLOSED


# A sub-item's letter, as the agenda prints it: 3(a), 3(b). One lower-case
# letter, so items sort as printed and Open Civic Data's order is "3.1", "3.2".
SUB_LETTER = RegexValidator(
    r"^[a-z]?$", "Use one lower-case letter, such as a for item 3(a)"
)
SUB_LETTER_HELP = "One lower-case letter: a for item 3(a)."


def agenda_order(prefix=""):
    """The order an agenda prints its items in, as order_by() terms; `prefix`
    reaches the item through a relation ("report__agenda_item__").

    Public business first, then private: an item is private business if its
    section is private or if it is exempt (an exempt item is never public
    business, whatever section it was filed under). Within each part, any
    other business comes last. Then the sections in the body's order; within
    a section, the items by number. The services number the items 1..n in
    exactly this order (`agenda_renumber`), so a new item given the next free
    number lands at the end of its section, before its part's any other
    business."""
    return [
        _flag(
            Q(**{f"{prefix}section__is_private": True})
            | Q(**{f"{prefix}is_exempt": True})
        ).asc(),
        _flag(
            Q(**{f"{prefix}is_standing_end": True})
            | Q(**{f"{prefix}kind": AgendaItem.Kind.ANY_OTHER_BUSINESS})
        ).asc(),
        F(f"{prefix}section__order").asc(nulls_first=True),
        F(f"{prefix}section_id").asc(nulls_first=True),
        f"{prefix}number",
        f"{prefix}sub_letter",
        f"{prefix}pk",
    ]


def _flag(condition):
    return Case(
        When(condition, then=Value(1)), default=Value(0), output_field=IntegerField()
    )


def _item_visible(user, path=""):
    """A condition: the agenda item at `path` is one the user may see: its
    meeting is, and its agenda is published, or the user chairs the body (who
    reads the draft to sign it off). Read across the row's own joins, as
    `_meeting_visible` is, so a page's reports and papers are checked against
    their own items rather than against every item the user may see."""
    visible = _meeting_visible(user, f"{path}meeting__")
    if permissions.is_officer(user):
        return visible
    published = Q(**{f"{path}meeting__agenda_status": Meeting.AgendaStatus.PUBLISHED})
    return visible & (published | Q(_chair_of_body(user, f"{path}meeting__body")))


class AgendaItemQuerySet(ClosedContentQuerySet, TaggedQuerySet):
    def in_agenda_order(self, *first):
        """The items in the order the agenda prints them (`agenda_order`),
        after any orderings given first (the meeting's, for several)."""
        return self.order_by(*first, *agenda_order())

    def visible_to(self, user):
        """Items of published agendas; officers and the body's chair see drafts.
        Each row knows whether this user may read its exempt (Part 2) title,
        papers and tags (`is_readable`); else it shows `public_title`."""
        return self.filter(_item_visible(user))._opened_for(user, "meeting__body")

    def tags_shown(self):
        """An exempt item's pillars and priorities are part of its closed
        content: the public sees its open title and paragraph only. So items
        are chosen by their tags only as a reader sees them, through
        `visible_to(user)`."""
        return self.readable()

    def with_readable_report(self, user):
        """Each item's `readable_report_id`: its report's, if the user may read
        that report (an open item's report may since have been made exempt)."""
        # Report lives in papers, which builds on this module: reach it
        # through the relation rather than by an import.
        reports = self.model._meta.get_field("report").related_model.objects
        readable = reports.visible_to(user).filter(agenda_item=OuterRef("pk"))
        return self.annotate(readable_report_id=Subquery(readable.values("pk")[:1]))


class AgendaItem(ClosedContent, Tagged):
    class Kind(models.TextChoices):
        APOLOGIES = "apologies", "Apologies"
        DECLARATIONS = "declarations", "Declarations of interest"
        MINUTES = "minutes", "Minutes of the previous meeting"
        MATTERS_ARISING = "matters_arising", "Matters arising"
        CHAIRS_UPDATE = "chairs_update", "Chair's update"
        REPORT = "report", "Report"
        PRESENTATION = "presentation", "Presentation"
        ORAL_UPDATE = "oral_update", "Oral update"
        APPOINTMENT = "appointment", "Appointment"
        RATIFICATION = "ratification", "Decision taken between meetings: to ratify"
        ANY_OTHER_BUSINESS = "any_other_business", "Any other business"
        OTHER = "other", "Other"

    class ExemptParagraph(models.IntegerChoices):
        P1 = 1, "Paragraph 1: information relating to any individual"
        P2 = (
            2,
            "Paragraph 2: information likely to reveal the identity of an individual",
        )
        P3 = 3, "Paragraph 3: financial or business affairs"
        P4 = 4, "Paragraph 4: labour relations"
        P5 = 5, "Paragraph 5: legal professional privilege"
        P6 = 6, "Paragraph 6: notices, orders or directions"
        P7 = 7, "Paragraph 7: prevention, investigation or prosecution of crime"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items"
    )
    section = models.ForeignKey(
        AgendaSection, null=True, blank=True, on_delete=models.PROTECT
    )
    number = models.PositiveSmallIntegerField()
    sub_letter = models.CharField(
        max_length=2, blank=True, validators=[SUB_LETTER], help_text=SUB_LETTER_HELP
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REPORT)
    presenter = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    page_start = models.PositiveIntegerField(null=True, blank=True)
    page_end = models.PositiveIntegerField(null=True, blank=True)
    is_exempt = models.BooleanField(default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=ExemptParagraph.choices, null=True, blank=True
    )
    open_title = models.CharField(
        max_length=300, blank=True, help_text="What the public sees of an exempt item."
    )
    is_urgent = models.BooleanField(default=False)
    urgency_reason = models.TextField(blank=True)
    source_documents = models.JSONField(
        default=list,
        blank=True,
        help_text="Papers published elsewhere (the council's old committee site), "
        'as [{"title": ..., "url": ...}], brought in by an importer.',
    )
    is_standing_end = models.BooleanField(
        default=False,
        help_text="A closing standing item (any other business): stays last.",
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="agenda_items",
        help_text="Organisations the item concerns: members with interests in "
        "them are prompted to declare.",
    )

    objects = AgendaItemQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=TAG_M2M_FIELDS)

    class Meta:
        ordering = ["meeting", "number", "sub_letter"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number", "sub_letter"], name="agendaitem_number"
            ),
            models.CheckConstraint(
                condition=Q(is_exempt=False) | Q(exempt_paragraph__isnull=False),
                name="agendaitem_exempt_has_paragraph",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.public_title}"

    def get_absolute_url(self):
        return reverse("meetings:item", args=[self.meeting_id, self.pk])

    @property
    def reference(self):
        return (
            f"{self.number}({self.sub_letter})" if self.sub_letter else str(self.number)
        )

    @property
    def dotted_order(self):
        """The reference as Open Civic Data orders items: "3(a)" is "3.1"."""
        letter = self.sub_letter.lower()
        if not letter:
            return str(self.number)
        if len(letter) == 1 and letter.isalpha():
            return f"{self.number}.{ord(letter) - ord('a') + 1}"
        return f"{self.number}.{letter}"

    @property
    def is_private_business(self):
        """Taken in private: in a private section, or exempt (`agenda_order`)."""
        return self.is_exempt or bool(self.section_id and self.section.is_private)

    @property
    def is_closing(self):
        """Any other business: it ends its part of the agenda (`agenda_order`)."""
        return self.is_standing_end or self.kind == self.Kind.ANY_OTHER_BUSINESS

    @property
    def place(self):
        """The run of the agenda the item moves within: its part, whether it
        closes that part, and its section."""
        return (self.is_private_business, self.is_closing, self.section_id)

    @property
    def heading(self):
        """The heading the agenda prints the item under: its section's name;
        a body without sections prints its exempt business under "Private
        business" and no heading above the rest."""
        if self.section_id:
            return self.section.name
        return "Private business" if self.is_exempt else ""

    def check_placement(self):
        """Raise a ValidationError unless the item can take its place on its
        meeting's agenda: where the body has sections, in one of that body's
        (an exempt item in a private one); a sub-item in its parent's."""
        sections = list(self.meeting.body.sections.all())
        names = ", ".join(s.name for s in sections)
        if self.section_id is None:
            if sections:
                raise ValidationError(
                    {"section": f"Choose the agenda section it goes in: {names}."}
                )
            return
        if self.section.body_id != self.meeting.body_id:
            raise ValidationError(
                {
                    "section": f"{self.section} is a section of another body's "
                    f"agendas: choose one of {names}."
                }
            )
        if self.is_exempt and not self.section.is_private:
            private = " or ".join(s.name for s in sections if s.is_private)
            where = private or "a private section (an administrator can add one)"
            raise ValidationError(
                {"section": f"An exempt item is private business: put it in {where}."}
            )
        self._check_sub_item()

    def _check_sub_item(self):
        if not self.sub_letter:
            return
        parent = (
            AgendaItem.objects.filter(
                meeting_id=self.meeting_id, number=self.number, sub_letter=""
            )
            .select_related("section")
            .first()
        )
        if parent is not None and parent.section_id != self.section_id:
            raise ValidationError(
                {
                    "section": f"Item {self.reference} is part of item "
                    f"{parent.number}: it goes in {parent.heading or 'its section'}."
                }
            )

    @property
    def public_title(self):
        if self.is_exempt:
            return self.open_title or "Exempt item"
        return self.title

    @property
    def open_urgency_reason(self):
        """The reason for urgency as the public reads it. The law wants it
        stated, but an exempt item's reason is its closed content: the public
        are told it is urgent and that the reason is exempt information."""
        if not self.is_exempt:
            return self.urgency_reason
        return (
            "The reason for the urgency is exempt information "
            f"(Schedule 12A, {self.get_exempt_paragraph_display()})."
        )

    @property
    def shown_urgency_reason(self):
        return self.open_urgency_reason if self.closed else self.urgency_reason

    @property
    def pages(self):
        if self.page_start and self.page_end:
            return f"Pages {self.page_start} - {self.page_end}"
        return ""


class StandingItem(models.Model):
    """An item every meeting of the body starts (or ends) with; data, not code."""

    class Position(models.TextChoices):
        START = "start", "Start of the agenda"
        END = "end", "End of the agenda"

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="standing_items"
    )
    section = models.ForeignKey(
        AgendaSection, null=True, blank=True, on_delete=models.SET_NULL
    )
    position = models.CharField(
        max_length=10, choices=Position.choices, default=Position.START
    )
    order = models.PositiveSmallIntegerField(default=0)
    sub_letter = models.CharField(
        max_length=2,
        blank=True,
        validators=[SUB_LETTER],
        help_text=f"Set for a sub-item of the one before. {SUB_LETTER_HELP}",
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(
        max_length=20, choices=AgendaItem.Kind.choices, default=AgendaItem.Kind.OTHER
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["body", "order", "sub_letter"]

    def __str__(self):
        return self.title

    def clean(self):
        """Where the body's agendas have sections, each standing item is in
        one of them: a new meeting's agenda is numbered by section."""
        if self.body_id is None:
            return
        if self.section_id is None and self.body.sections.exists():
            raise ValidationError(
                {"section": "Choose the agenda section this item goes in."}
            )
        if self.section_id and self.section.body_id != self.body_id:
            raise ValidationError(
                {"section": "Choose one of this body's own agenda sections."}
            )


class AgendaSupplement(models.Model):
    """A change to a published agenda, published as a supplement and sent to
    the members."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="supplements"
    )
    number = models.PositiveSmallIntegerField()
    changes = models.TextField(help_text="What changed, in words.")
    reason = models.TextField(blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "supplement to a published agenda"
        verbose_name_plural = "supplements to published agendas"
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="supplement_unique_number"
            )
        ]

    def __str__(self):
        return f"Supplement {self.number} to {self.meeting}"


class RecurringItem(models.Model):
    """A duty the body's forward plan must carry every so often: the JSNA, the
    Pharmaceutical Needs Assessment, the Better Care Fund returns."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="recurring_items"
    )
    title = models.CharField(max_length=300)
    every_months = models.PositiveSmallIntegerField(
        help_text="3 for quarterly, 12 for annual, 36 for every three years."
    )
    statutory = models.BooleanField(default=True)
    legal_basis = models.CharField(max_length=300, blank=True)
    next_due = models.DateField(help_text="When the next one should be considered.")
    default_author = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "recurring duty"
        verbose_name_plural = "recurring duties (statutory business)"
        ordering = ["body", "next_due", "title"]

    def __str__(self):
        return self.title

    def deadline_warning(self, next_meeting, today):
        """In words, when the duty falls due before the body's next meeting."""
        if not self.statutory:
            return ""
        return deadline_warning(self.next_due, next_meeting, next_meeting, today)


def deadline_warning(deadline, meeting, next_meeting, today):
    """In words, when a deadline still to come falls before the meeting that
    would consider the business: "The deadline (30 March 2027) falls before
    the next meeting (15 April 2027)."; else blank."""
    if deadline is None or deadline < today:
        return ""
    if meeting is None:
        return f"No meeting is scheduled before the deadline ({deadline:%-d %B %Y})."
    day = timezone.localdate(meeting.start)
    if deadline >= day:
        return ""
    which = (
        "the next meeting"
        if next_meeting is not None and meeting.pk == next_meeting.pk
        else "the meeting it is planned for"
    )
    return (
        f"The deadline ({deadline:%-d %B %Y}) falls before {which} ({day:%-d %B %Y})."
    )


class PlannedItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The forward plan is public for bodies that meet in public; a row
        not yet given a meeting is seen where its body is."""
        return self.filter(
            (Q(meeting__isnull=False) & _meeting_visible(user, "meeting__"))
            | Q(meeting__isnull=True, body__in=Body.objects.visible_to(user))
        )

    def unscheduled(self, body):
        """The body's planned business not yet given a meeting."""
        return self.filter(body=body, meeting__isnull=True)


class PlannedItem(models.Model):
    """An item planned on a future meeting, with its report author and
    deadline; or, sent on by another body and not yet given a meeting, on
    its body's forward plan until the officer chooses one."""

    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="planned_items",
    )
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="planned_items",
        help_text="The body whose forward plan carries it: needed while it "
        "has no meeting.",
    )
    title = models.CharField(max_length=300)
    recurring = models.ForeignKey(
        RecurringItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_items",
    )
    report_author = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    report_deadline = models.DateField(null=True, blank=True)
    statutory_deadline = models.DateField(
        null=True,
        blank=True,
        help_text="The date a decision is needed by, set outside the board (a "
        "national return, a statutory date).",
    )
    deadline_source = models.CharField(
        max_length=300,
        blank=True,
        help_text='What sets it, such as "NHS England: Better Care Fund plan '
        'submission".',
    )
    notes = models.TextField(blank=True)
    agenda_item = models.OneToOneField(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_item",
    )
    consideration = models.OneToOneField(
        "meetings.Consideration",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="planned_item",
        help_text="The stop on a report's route this plans: a report sent on "
        "from another body (to Cabinet, to Council).",
    )

    objects = PlannedItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting__start", "title"]
        verbose_name = "item on a forward plan"
        verbose_name_plural = "items on forward plans"
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False) | Q(body__isnull=False),
                name="planneditem_has_meeting_or_body",
            )
        ]

    def __str__(self):
        return self.title

    def deadline_warning(self, next_meeting, today):
        """In words, when its deadline falls before the meeting it is planned for."""
        return deadline_warning(
            self.statutory_deadline, self.meeting, next_meeting, today
        )

    @property
    def plan_body(self):
        """The body whose forward plan carries the row."""
        return self.meeting.body if self.meeting_id else self.body
