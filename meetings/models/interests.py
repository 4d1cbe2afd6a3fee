"""The register of interests, and interests declared at meetings."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from hwbb import permissions
from meetings.models.agenda import AgendaItem, Meeting
from meetings.models.closed import OPENED, ClosedContent, ClosedContentQuerySet
from meetings.models.people import Membership, Organisation, Person


class InterestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The register as the user may read it: the entries of the people
        they may see (Person.visible_to), except those removed from public
        view under the retention schedule, which only officers and the
        member themself still see (Localism Act 2011, s29(3))."""
        if permissions.is_officer(user):
            return self
        shown = self.filter(person__in=Person.objects.visible_to(user))
        public = Q(withdrawn_from_public_on__isnull=True)
        if user.is_authenticated:
            public |= Q(person__user=user)
        return shown.filter(public)

    def current(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(end__isnull=True) | Q(end__gte=day))

    def term_ended(self, cutoff):
        """Entries of people whose every membership of a body ended on or
        before `cutoff`: members who have left (a person with no membership
        at all was never a member, and is not counted)."""
        memberships = Membership.objects.filter(person=OuterRef("person"))
        sitting = memberships.filter(Q(end__isnull=True) | Q(end__gt=cutoff))
        return self.filter(Exists(memberships)).exclude(Exists(sitting))


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
    withdrawn_from_public_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the retention schedule removed the entry from public "
        "view, the member having left (Localism Act 2011, s29(3)).",
    )

    objects = InterestQuerySet.as_manager()

    class Meta:
        verbose_name = "entry in the register of interests"
        verbose_name_plural = "register of interests"
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


class DeclarationQuerySet(ClosedContentQuerySet):
    def visible_to(self, user):
        """Declarations at the meetings the user may see. One made on an
        exempt item is closed content with it: the public read who declared
        what kind of interest in the item, not the words."""
        meetings = Meeting.objects.visible_to(user)
        return self.filter(meeting__in=meetings)._opened_for(user, "meeting__body")

    def readable(self):
        self._require_opened()
        return self.filter(
            Q(agenda_item__isnull=True)
            | Q(agenda_item__is_exempt=False)
            | Q(**{OPENED: True})
        )


class Declaration(ClosedContent, models.Model):
    """An interest declared at a meeting, on an item, by a member or an officer."""

    class Kind(models.TextChoices):
        PECUNIARY = "pecuniary", "Disclosable pecuniary interest"
        REGISTRABLE = "registrable", "Other registrable interest"
        NON_REGISTRABLE = "non_registrable", "Non-registrable interest"
        NOT_STATED = "not_stated", "Kind not stated in the record"

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

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = "declaration of interest"
        verbose_name_plural = "declarations of interest"
        ordering = ["meeting", "agenda_item__number", "person__family_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "agenda_item", "person", "interest"],
                name="declaration_once_per_interest",
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()} ({self.meeting})"

    @property
    def is_exempt(self):
        """Made on an exempt item: its words are that item's closed content."""
        return self.agenda_item is not None and self.agenda_item.is_exempt


class InterestChangeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officers see every change asked for; a member their own; no one
        else any: a change is not in the register until it is approved."""
        if permissions.is_officer(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(person__user=user)

    def pending(self):
        return self.filter(status=InterestChange.Status.PENDING)


class InterestChange(models.Model):
    """A change a member asks for in their own register: a new entry, new
    words for an entry, or the end of one. The register (Interest) shows the
    approved version until an officer approves the change; only then is the
    change written into the entry. A rejected change keeps the reason."""

    class Action(models.TextChoices):
        ADD = "add", "Add an entry"
        CHANGE = "change", "Change an entry"
        END = "end", "End an entry"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Not approved"

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="interest_changes"
    )
    interest = models.ForeignKey(
        Interest,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="changes",
        help_text="The entry changed or ended; empty for a new entry until "
        "it is approved.",
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    kind = models.CharField(max_length=20, choices=Interest.Kind.choices)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField()
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(blank=True, help_text="Why it was not approved.")

    objects = InterestChangeQuerySet.as_manager()

    class Meta:
        verbose_name = "change asked for in a register of interests"
        verbose_name_plural = "changes asked for in registers of interests"
        ordering = ["submitted_at", "pk"]
        constraints = [
            # One change waits per entry: asking again revises it.
            models.UniqueConstraint(
                fields=["interest"],
                condition=Q(status="pending"),
                name="interest_change_one_pending",
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_action_display().lower()}"

    def get_absolute_url(self):
        return reverse("meetings:interest_change", args=[self.pk])

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING
