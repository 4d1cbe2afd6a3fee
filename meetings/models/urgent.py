"""Decisions taken between meetings: a chair's action, or a written resolution
of the members, when a deadline (the Better Care Fund's national returns) will
not wait for the board. Each records its reasons, the deadline and what sets
it, the consultation and, for a written resolution, each member's answer; it
goes to the next meeting's agenda for ratification (Openness of Local
Government Bodies Regulations 2014)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from hwbb import permissions
from hwbb.history import HistoricalRecords
from meetings import resolutions
from meetings.models.agenda import AgendaItem, PlannedItem, RecurringItem
from meetings.models.closed import ClosedContent, ClosedContentQuerySet
from meetings.models.minutes import Minute
from meetings.models.people import Body, Person, _member_of_body
from strategy.models import TAG_M2M_FIELDS, Tagged, TaggedQuerySet


class UrgentDecisionQuerySet(ClosedContentQuerySet, TaggedQuerySet):
    def visible_to(self, user):
        """Decisions once taken, of the bodies the user may see; a proposal
        only to officers and the body's own members (the chair who is to take
        it, the members asked to agree it). Each row knows whether this user
        may read its exempt content (`is_readable`); else it shows its open
        title and paragraph."""
        qs = self.filter(body__in=Body.objects.visible_to(user))
        if not permissions.is_officer(user):
            decided = Q(status__in=UrgentDecision.DECIDED)
            qs = qs.filter(decided | Q(_member_of_body(user, "body")))
        return qs._opened_for(user, "body")

    def tags_shown(self):
        """An exempt decision's tags are closed content, as an exempt item's."""
        return self.readable()

    def awaiting_agenda(self):
        """Taken, and not yet on an agenda for ratification."""
        return self.filter(
            status=UrgentDecision.Status.TAKEN, ratification_item__isnull=True
        )


class UrgentDecision(ClosedContent, Tagged):
    class Kind(models.TextChoices):
        CHAIRS_ACTION = "chairs_action", "Chair's action"
        WRITTEN_RESOLUTION = "written_resolution", "Written resolution of the members"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed: not yet taken"
        TAKEN = "taken", "Taken: awaiting ratification"
        RATIFIED = "ratified", "Ratified"
        NOT_RATIFIED = "not_ratified", "Not ratified"
        WITHDRAWN = "withdrawn", "Withdrawn before it was taken"

    DECIDED = (Status.TAKEN, Status.RATIFIED, Status.NOT_RATIFIED)

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="urgent_decisions"
    )
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.CHAIRS_ACTION
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    title = models.CharField(max_length=300)
    is_exempt = models.BooleanField(default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=AgendaItem.ExemptParagraph.choices, null=True, blank=True
    )
    open_title = models.CharField(
        max_length=300, blank=True, help_text="What the public sees of an exempt one."
    )
    decision = models.TextField(
        help_text="The decision, typed as minutes print a resolution: (1), (2) for "
        "clauses, (i), (ii) for sub-clauses; or a single one with no number."
    )
    reasons = models.TextField(help_text="Why it could not wait for the next meeting.")
    options_considered = models.TextField(blank=True)
    conflicts = models.TextField(
        blank=True, help_text="Any conflict of interest declared, and any dispensation."
    )
    deadline = models.DateField(help_text="The date the decision is needed by.")
    deadline_source = models.CharField(
        max_length=300,
        help_text='What sets the deadline, such as "NHS England: Better Care Fund '
        'plan submission".',
    )
    consultation = models.TextField(
        blank=True, help_text="Who was consulted, and what they said."
    )
    planned_item = models.ForeignKey(
        PlannedItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="urgent_decisions",
    )
    recurring = models.ForeignKey(
        RecurringItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="urgent_decisions",
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    taken_on = models.DateField(null=True, blank=True)
    taken_by = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The chair (or deputy) who took a chair's action.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who recorded it as taken: the chair, or an officer for them.",
    )
    ratification_item = models.OneToOneField(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="urgent_decision",
    )
    ratified_on = models.DateField(null=True, blank=True)
    ratification_minute = models.ForeignKey(
        Minute, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ratification_note = models.TextField(blank=True)
    withdrawn_reason = models.TextField(
        blank=True, help_text="Why the proposal was withdrawn before it was taken."
    )

    objects = UrgentDecisionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=TAG_M2M_FIELDS)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_exempt=False) | Q(exempt_paragraph__isnull=False),
                name="urgentdecision_exempt_has_paragraph",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.public_title}"

    def get_absolute_url(self):
        return reverse("meetings:urgent_decision", args=[self.pk])

    def clean(self):
        errors = {}
        if self.is_exempt and not self.exempt_paragraph:
            errors["exempt_paragraph"] = "Choose the Schedule 12A paragraph."
        if self.is_exempt and not self.open_title.strip():
            errors["open_title"] = "Give an open title the public may see."
        try:
            resolutions.parse(self.decision or "")
        except ValueError as error:
            errors["decision"] = str(error)
        if errors:
            raise ValidationError(errors)

    @property
    def public_title(self):
        if self.is_exempt:
            return self.open_title or "Exempt decision"
        return self.title

    @property
    def is_chairs_action(self):
        return self.kind == self.Kind.CHAIRS_ACTION

    @property
    def clauses(self):
        """The decision's clauses as the resolution parser reads them, each
        with its verb: [(clause, [sub-clauses])]."""
        try:
            return [(c, c.subclauses) for c in resolutions.parse(self.decision)]
        except ValueError:
            return []

    @property
    def is_inline(self):
        clauses = self.clauses
        return len(clauses) == 1 and not clauses[0][0].label

    @property
    def recorded_for_the_chair(self):
        """Recorded by someone other than the chair who took it: an officer
        writing down a decision the chair gave by phone or email."""
        return bool(
            self.taken_by_id
            and self.recorded_by_id
            and self.taken_by.user_id != self.recorded_by_id
        )

    # -- A written resolution's count: from the (prefetched) responses -----------

    @property
    def asked(self):
        return len(self.responses.all())

    @property
    def agreed(self):
        agree = MemberResponse.Answer.AGREE
        return sum(r.answer == agree for r in self.responses.all())

    @property
    def needed(self):
        """A majority of the voting members asked: more than half of them."""
        return self.asked // 2 + 1

    @property
    def enough_agreed(self):
        return self.asked > 0 and self.agreed >= self.needed

    @property
    def count_in_words(self):
        return (
            f"{self.agreed} of the {self.asked} voting members asked have agreed; "
            f"{self.needed} must agree (a majority of them)."
        )


class MemberResponse(models.Model):
    """A voting member's answer to a written resolution: asked when it is
    proposed (no reply yet), then agree or disagree, with any comment."""

    class Answer(models.TextChoices):
        NO_REPLY = "no_reply", "No reply yet"
        AGREE = "agree", "Agrees"
        DISAGREE = "disagree", "Does not agree"

    decision = models.ForeignKey(
        UrgentDecision, on_delete=models.CASCADE, related_name="responses"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="urgent_responses"
    )
    answer = models.CharField(
        max_length=10, choices=Answer.choices, default=Answer.NO_REPLY
    )
    comment = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member, or an officer recording an answer sent by email.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "person__family_name", "person__given_names"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "person"], name="memberresponse_once_a_member"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_answer_display()}"

    @property
    def recorded_for_the_member(self):
        return bool(self.recorded_by_id and self.person.user_id != self.recorded_by_id)
