"""Governance: organisations, people, bodies, meetings, agendas, minutes,
resolutions and actions."""

import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import BooleanField, Exists, OuterRef, Q, Subquery, Value
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hwbb import permissions, workdays
from strategy.models import TAG_M2M_FIELDS, Tagged, TaggedQuerySet

CLEAR_WORKING_DAYS = 5


def municipal_year_of(day):
    """The municipal year runs May to May; it is named by the year it starts."""
    return day.year if day.month >= 5 else day.year - 1


def _member_of_body(user, body_path):
    """An expression: the user's person has a membership of the row's body."""
    if not user.is_authenticated:
        return Value(False, output_field=BooleanField())
    return Exists(
        Membership.objects.filter(body=OuterRef(body_path), person__user=user)
    )


def _chair_of_body(user, body_path):
    """An expression: the user chairs (or deputises for the chair of) the body."""
    if not user.is_authenticated:
        return Value(False, output_field=BooleanField())
    chairs = Membership.objects.filter(
        body=OuterRef(body_path),
        person__user=user,
        role__in=[Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR],
    )
    return Exists(chairs)


def _may_see_closed(user, body_path):
    """Exempt (Part 2) content: officers, and members of the row's own body."""
    if permissions.is_officer(user):
        return Value(True, output_field=BooleanField())
    return _member_of_body(user, body_path)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        ICB = "icb", "Integrated care board"
        CCG = "ccg", "Clinical commissioning group"
        NHS_TRUST = "nhs_trust", "NHS trust"
        POLICE = "police", "Police"
        FIRE = "fire", "Fire and rescue"
        UNIVERSITY = "university", "University"
        VCS = "vcs", "Voluntary and community sector"
        HEALTHWATCH = "healthwatch", "Healthwatch"
        NATIONAL_BODY = "national_body", "National body"
        PARTNERSHIP = "partnership", "Partnership"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    aliases = models.JSONField(default=list, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    active_from = models.DateField(null=True, blank=True)
    active_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """People who sit on a body the user may see; officers see everyone.

        Report authors and officers in attendance are named on the pages that
        concern them, not listed here.
        """
        if permissions.is_officer(user):
            return self
        bodies = Body.objects.visible_to(user)
        return self.filter(
            Exists(Membership.objects.filter(person=OuterRef("pk"), body__in=bodies))
        )


class Person(models.Model):
    honorific = models.CharField(max_length=50, blank=True)
    given_names = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100)
    display_name = models.CharField(max_length=200)
    aliases = models.JSONField(default=list, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employees",
        help_text="Employer. Who a member represents is on the membership.",
    )
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    calendar_token = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        help_text="The private address of the person's actions calendar; "
        "a new one revokes the old.",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_names"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.display_name


class BodyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Bodies that meet in public, all bodies for officers, and the user's own."""
        if permissions.is_officer(user):
            return self
        return self.filter(Q(meets_in_public=True) | Q(_member_of_body(user, "pk")))


class Body(models.Model):
    class Kind(models.TextChoices):
        BOARD = "board", "Board"
        COMMITTEE = "committee", "Committee"
        CABINET = "cabinet", "Cabinet"
        SUB_BOARD = "sub_board", "Sub-board"
        PARTNERSHIP = "partnership", "Partnership"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=100, blank=True)
    slug = models.SlugField(unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BOARD)
    aliases = models.JSONField(default=list, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    terms_of_reference = models.TextField(blank=True)
    meets_in_public = models.BooleanField(default=True)
    requires_framework_tags = models.BooleanField(
        default=False,
        help_text="Reports must carry a primary pillar and at least one priority "
        "(the Health and Wellbeing Board's rule).",
    )

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self):
        return self.name


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


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Memberships of the bodies the user may see."""
        return self.filter(body__in=Body.objects.visible_to(user))

    def current_on(self, day):
        return self.filter(Q(start__isnull=True) | Q(start__lte=day)).filter(
            Q(end__isnull=True) | Q(end__gte=day)
        )


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        DEPUTY_CHAIR = "deputy_chair", "Deputy chair"
        VOTING_MEMBER = "voting_member", "Voting member"
        CO_OPTED = "co_opted", "Co-opted member"
        BY_INVITATION = "by_invitation", "By invitation"
        SUBSTITUTE = "substitute", "Substitute"
        OBSERVER = "observer", "Observer"
        ADVISER = "adviser", "Adviser"

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        max_length=20, choices=Role.choices, default=Role.VOTING_MEMBER
    )
    on_behalf_of = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    voting = models.BooleanField(default=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "person__family_name"]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}, {self.body})"


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Meetings of bodies that meet in public, or of the user's own bodies."""
        if permissions.is_officer(user):
            return self
        return self.filter(
            Q(body__meets_in_public=True) | Q(_member_of_body(user, "body"))
        )

    def upcoming(self):
        return (
            self.filter(start__gte=timezone.now())
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
    sequence = models.PositiveIntegerField(
        default=0, help_text="iCalendar SEQUENCE: raised on every change."
    )
    updated_at = models.DateTimeField(auto_now=True)

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

    def publication_deadline(self):
        """The last day the agenda may be published with five clear working days'
        notice: neither the day of publication nor the meeting day counts, nor do
        weekends or England's bank holidays (Local Government Act 1972, s100B)."""
        meeting_day = timezone.localdate(self.start)
        fifth = workdays.subtract_working_days(meeting_day, CLEAR_WORKING_DAYS)
        return fifth - datetime.timedelta(days=1)

    def is_late_to_publish(self, on):
        return on > self.publication_deadline()


# A sub-item's letter, as the agenda prints it: 3(a), 3(b). One lower-case
# letter, so items sort as printed and Open Civic Data's order is "3.1", "3.2".
SUB_LETTER = RegexValidator(
    r"^[a-z]?$", "Use one lower-case letter, such as a for item 3(a)"
)
SUB_LETTER_HELP = "One lower-case letter: a for item 3(a)."


class AgendaItemQuerySet(TaggedQuerySet):
    def visible_to(self, user):
        """Items of published agendas; officers and the body's chair see drafts.

        Every row carries `show_closed`: whether this user may see the exempt
        (Part 2) title and papers. Templates show `public_title` otherwise.
        """
        qs = self.filter(meeting__in=Meeting.objects.visible_to(user))
        if not permissions.is_officer(user):
            published = Q(meeting__agenda_status=Meeting.AgendaStatus.PUBLISHED)
            # The chair reads the draft to sign it off.
            qs = qs.filter(published | Q(_chair_of_body(user, "meeting__body")))
        return qs.annotate(show_closed=_may_see_closed(user, "meeting__body"))

    def tags_shown(self):
        """An exempt item's pillars and priorities are part of its closed
        content: the public sees its open title and paragraph only. So items
        are chosen by their tags only as a reader sees them, through
        `visible_to(user)` (whose rows carry `show_closed`)."""
        if "show_closed" not in self.query.annotations:
            raise ValueError(
                "Agenda items are chosen by their tags through visible_to(user), "
                "which knows whose tags the reader may see."
            )
        return self.filter(Q(is_exempt=False) | Q(show_closed=True))

    def with_readable_report(self, user):
        """Each item's `readable_report_id`: its report's, if the user may read
        that report (an open item's report may since have been made exempt)."""
        readable = Report.objects.visible_to(user).filter(agenda_item=OuterRef("pk"))
        return self.annotate(readable_report_id=Subquery(readable.values("pk")[:1]))


class AgendaItem(Tagged):
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
    def public_title(self):
        if self.is_exempt:
            return self.open_title or "Exempt item"
        return self.title

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
        ordering = ["body", "next_due", "title"]

    def __str__(self):
        return self.title


class PlannedItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The forward plan is public for bodies that meet in public."""
        return self.filter(meeting__in=Meeting.objects.visible_to(user))


class PlannedItem(models.Model):
    """An item planned on a future meeting, with its report author and deadline."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="planned_items"
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
    notes = models.TextField(blank=True)
    agenda_item = models.OneToOneField(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_item",
    )

    objects = PlannedItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting__start", "title"]

    def __str__(self):
        return self.title


class Attendance(models.Model):
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
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "capacity", "person__family_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_unique"
            )
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


class MinuteQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Minutes once published (as a draft or approved); officers see all.

        Every row carries `show_closed`, as on agenda items.
        """
        qs = self.filter(meeting__in=Meeting.objects.visible_to(user))
        if not permissions.is_officer(user):
            qs = qs.filter(meeting__minutes_status__in=Meeting.PUBLIC_MINUTES)
        return qs.annotate(show_closed=_may_see_closed(user, "meeting__body"))


def _readable_minutes(user):
    """Primary keys of minutes whose content the user may read in full."""
    minutes = Minute.objects.visible_to(user)
    return minutes.filter(Q(is_exempt=False) | Q(show_closed=True)).values("pk")


class Minute(models.Model):
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
    number = models.PositiveIntegerField()
    municipal_year = models.PositiveSmallIntegerField(
        help_text="The year the municipal year starts (May): 2018 for 2018/19."
    )
    title = models.CharField(max_length=300)
    narrative = models.TextField(blank=True, help_text="Sanitised HTML.")
    is_exempt = models.BooleanField(default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=AgendaItem.ExemptParagraph.choices, null=True, blank=True
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
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="minute_unique_number"
            )
        ]

    def __str__(self):
        return f"Minute {self.reference} {self.title}"

    def get_absolute_url(self):
        return (
            reverse("meetings:minutes", args=[self.meeting_id])
            + f"#minute-{self.number}"
        )

    @property
    def reference(self):
        """How minutes cite each other: "44/18"."""
        return f"{self.number}/{self.municipal_year % 100:02d}"

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
        ordering = ["minute", "at"]

    def __str__(self):
        return f"Amendment to minute {self.minute.reference}"


class ResolutionQuerySet(TaggedQuerySet):
    def visible_to(self, user):
        """Resolutions of minutes the user may read, leaving out exempt ones the
        user may not see."""
        return self.filter(minute__in=_readable_minutes(user))


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
        ordering = ["resolution", "order"]

    def __str__(self):
        return f"({self.label}) {self.text}" if self.label else self.text


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
        """The user's own actions and those of the organisation they work for."""
        person = getattr(user, "person", None) if user.is_authenticated else None
        return self.owned_by_person(person)

    def owned_by_person(self, person):
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

    @property
    def owner_email(self):
        return self.owner_person.email if self.owner_person else ""


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
    status = models.CharField(max_length=20, choices=Action.Status.choices)
    percent_complete = models.PositiveSmallIntegerField(default=0)
    narrative = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["action", "-date", "-created_at"]

    def __str__(self):
        return f"Update on {self.action} ({self.date})"

    @property
    def author_label(self):
        if self.author_person:
            return str(self.author_person)
        return (
            self.author.get_full_name() or self.author.username if self.author else ""
        )


def _report_visibility(user, prefix=""):
    """(visible, closed): Q filters for reports the user may read, and for those
    whose exempt papers the user may also read. Officers are handled by callers."""
    items = AgendaItem.objects.visible_to(user)
    closed_items = items.filter(show_closed=True).values("pk")
    open_items = items.filter(is_exempt=False).values("pk")
    closed = Q(**{f"{prefix}agenda_item__in": closed_items})
    if user.is_authenticated:
        closed |= Q(**{f"{prefix}authors__user": user})
        closed |= Q(**{f"{prefix}created_by": user})
    public = Q(**{f"{prefix}agenda_item__in": open_items, f"{prefix}is_exempt": False})
    return closed | public, closed


class ReportQuerySet(TaggedQuerySet):
    def visible_to(self, user):
        """Officers see every report; authors their own; anyone else a report
        once it is on a published agenda, and an exempt one only if they may see
        the body's exempt papers."""
        if permissions.is_officer(user):
            return self
        visible, _ = _report_visibility(user)
        return self.filter(visible).distinct()


class Report(Tagged):
    """A paper written on the council's report template."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned with comments"
        RESUBMITTED = "resubmitted", "Resubmitted"
        ACCEPTED = "accepted", "Accepted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    title = models.CharField(max_length=300)
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="reports",
        help_text="The board or committee the report goes to first.",
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text="The meeting the report is for.",
    )
    agenda_item = models.OneToOneField(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report",
    )
    authors = models.ManyToManyField(Person, blank=True, related_name="reports")
    presented_by = models.CharField(
        max_length=300,
        blank=True,
        help_text='As the agenda prints it: "Report of the Director of Public Health '
        'and Wellbeing".',
    )
    purpose = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    background = models.TextField(blank=True)
    options = models.TextField(blank=True)
    implications_financial = models.TextField("financial implications", blank=True)
    implications_legal = models.TextField("legal implications", blank=True)
    implications_equalities = models.TextField("equalities implications", blank=True)
    implications_climate = models.TextField("climate change implications", blank=True)
    implications_partners = models.TextField(
        "implications for partner organisations", blank=True
    )
    is_exempt = models.BooleanField(default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=AgendaItem.ExemptParagraph.choices, null=True, blank=True
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_created",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=TAG_M2M_FIELDS)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:report", args=[self.pk])

    IMPLICATIONS = (
        ("implications_financial", "Financial"),
        ("implications_legal", "Legal"),
        ("implications_equalities", "Equalities"),
        ("implications_climate", "Climate change"),
        ("implications_partners", "Partner organisations"),
    )
    # The template's text, in the order it prints: what search reads.
    TEXT_FIELDS = (
        "purpose",
        "recommendations",
        "background",
        "options",
        *(field for field, _ in IMPLICATIONS),
    )

    def implications(self):
        return [
            (label, getattr(self, f))
            for f, label in self.IMPLICATIONS
            if getattr(self, f)
        ]


class ReportReview(models.Model):
    """A step in a report's route to the agenda: submitted, returned with the
    officer's comments, resubmitted, accepted or withdrawn. Kept as history."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(max_length=20, choices=Report.Status.choices)
    comments = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["report", "at"]

    def __str__(self):
        return f"{self.report}: {self.get_status_display()}"


class Consideration(models.Model):
    """One stop on a report's route: the HWB, then Cabinet, then Council."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="considerations"
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)
    outcome = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["report", "order"]

    def __str__(self):
        return f"{self.report} at {self.body}"


def document_path(document, filename):
    return f"documents/{timezone.now():%Y/%m}/{document.checksum[:16]}-{filename}"


class DocumentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(replaced_by__isnull=True)

    def in_reading_order(self, *first):
        """The report first, then its appendices by title; after any orderings
        given first (the agenda's, for papers of several items)."""
        report_first = models.Case(
            models.When(kind=Document.Kind.REPORT, then=0), default=1
        )
        return self.order_by(*first, report_first, "title", "-version")

    def visible_to(self, user):
        """Documents of reports the user may read; exempt documents only where
        the user may read the report's exempt papers."""
        if permissions.is_officer(user):
            return self
        visible, closed = _report_visibility(user, prefix="report__")
        return self.filter(visible).filter(Q(is_exempt=False) | closed).distinct()


class Document(models.Model):
    """An uploaded paper: the report itself or an appendix. A new version
    replaces the old one on the page and keeps it in the history."""

    class Kind(models.TextChoices):
        REPORT = "report", "Report"
        APPENDIX = "appendix", "Appendix"

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.APPENDIX)
    file = models.FileField(upload_to=document_path)
    file_type = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    checksum = models.CharField(max_length=64)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    extracted_text = models.TextField(blank=True)
    is_exempt = models.BooleanField(default=False)
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
    )
    version = models.PositiveSmallIntegerField(default=1)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["report", "kind", "title", "-version"]

    def __str__(self):
        return f"{self.title} (version {self.version})"


class AgendaPack(models.Model):
    """The agenda pack as a PDF: the public pack, and the members' pack that
    adds the exempt papers. Rebuilt when anything in it changes."""

    class Kind(models.TextChoices):
        PUBLIC = "public", "Public pack"
        MEMBERS = "members", "Members' pack (with exempt papers)"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="packs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    file = models.FileField(upload_to="packs/%Y/%m/")
    page_count = models.PositiveIntegerField()
    fingerprint = models.CharField(
        max_length=64,
        help_text="Of everything in the pack: unchanged means no rebuild.",
    )
    built_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind"], name="pack_unique_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.meeting}"


class InterestQuerySet(models.QuerySet):
    def current(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(end__isnull=True) | Q(end__gte=day))


class Interest(models.Model):
    """An entry in a person's standing register of interests."""

    class Kind(models.TextChoices):
        EMPLOYMENT = "employment", "Employment, office, trade or profession"
        SPONSORSHIP = "sponsorship", "Sponsorship"
        CONTRACT = "contract", "Contracts"
        LAND = "land", "Land and property"
        SECURITIES = "securities", "Securities"
        MEMBERSHIP = "membership", "Membership of a body or organisation"
        GIFT = "gift", "Gifts and hospitality"
        OTHER = "other", "Other"

    REVIEW_MONTHS = 12

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="interests"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interests",
    )
    description = models.TextField()
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    reviewed_on = models.DateField(default=timezone.localdate)

    objects = InterestQuerySet.as_manager()

    class Meta:
        ordering = ["person", "kind", "pk"]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()}"

    @property
    def review_due(self):
        day = self.reviewed_on
        month = day.month - 1 + self.REVIEW_MONTHS
        return day.replace(year=day.year + month // 12, month=month % 12 + 1, day=1)

    @property
    def review_overdue(self):
        return self.review_due <= timezone.localdate()


class Declaration(models.Model):
    """An interest declared at a meeting, on an item, by a member or an officer."""

    class Kind(models.TextChoices):
        PECUNIARY = "pecuniary", "Disclosable pecuniary interest"
        REGISTRABLE = "registrable", "Other registrable interest"
        NON_REGISTRABLE = "non_registrable", "Non-registrable interest"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="declarations"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="declarations",
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="declarations"
    )
    interest = models.ForeignKey(
        Interest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="declarations",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    withdrew = models.BooleanField(
        default=False, help_text="Left the room for the item."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "agenda_item__number", "person__family_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "agenda_item", "person", "interest"],
                name="declaration_once_per_interest",
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()} ({self.meeting})"
