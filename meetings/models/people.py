"""Organisations, people, the bodies they sit on and their memberships; and
the membership expressions the other models' visibility rules are built on."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import BooleanField, Exists, OuterRef, Q, Value
from django.utils import timezone

from hwbb import permissions


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
    leads = models.ManyToManyField(
        "Person",
        through="OrganisationLead",
        blank=True,
        related_name="organisations_led",
        help_text="The people the organisation names to report progress on its "
        "actions and to receive their reminders.",
    )

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

    def officers(self):
        """The governance officers with an email address: whom the cycle's
        notices go to when a meeting names no contact officer."""
        return self.filter(
            user__groups__name=permissions.OFFICER, user__is_active=True
        ).exclude(email="")

    def chairing(self, body, day):
        """The body's chair and deputy chair on `day`, with an email address."""
        return (
            self.filter(
                memberships__in=Membership.objects.current_on(day).filter(
                    body=body,
                    role__in=[Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR],
                )
            )
            .exclude(email="")
            .distinct()
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
    takes_public_questions = models.BooleanField(
        default=True,
        help_text="Residents may send a question, or ask to speak, from a "
        "meeting's page (a body that meets in public only).",
    )
    question_deadline_days = models.PositiveSmallIntegerField(
        default=3,
        validators=[MaxValueValidator(20)],
        help_text="Questions close this many clear working days before the "
        "meeting (neither the closing day nor the meeting day counts).",
    )

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = "board or committee"
        verbose_name_plural = "boards and committees"
        ordering = ["name"]

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

    def seats(self):
        """The places expected at every meeting: a named substitute holds none
        of their own, and attends only in another member's seat."""
        return self.exclude(role=Membership.Role.SUBSTITUTE)


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
        verbose_name = "membership of a board"
        verbose_name_plural = "memberships of boards"
        ordering = ["body", "person__family_name"]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}, {self.body})"


class OrganisationLeadQuerySet(models.QuerySet):
    def current_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(since__isnull=True) | Q(since__lte=day)).filter(
            Q(until__isnull=True) | Q(until__gte=day)
        )

    def organisations_of(self, user):
        """The organisations the user leads today, as a subquery of their pks."""
        if not user.is_authenticated:
            return Organisation.objects.none().values("pk")
        return self.current_on().filter(person__user=user).values("organisation")


class OrganisationLead(models.Model):
    """A person an organisation names as its lead for the board's actions:
    they may update the organisation's actions and receive the reminders of
    those that name no person."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="lead_roles"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="lead_roles"
    )
    since = models.DateField(null=True, blank=True)
    until = models.DateField(
        null=True, blank=True, help_text="Leave empty while they are the lead."
    )

    objects = OrganisationLeadQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "person__family_name"]
        verbose_name = "nominated lead"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person", "since"],
                name="organisation_lead_once",
            )
        ]

    def __str__(self):
        return f"{self.person}, lead for {self.organisation}"

    def clean(self):
        if self.since and self.until and self.until < self.since:
            raise ValidationError(
                {"until": "The end of the nomination cannot be before its start"}
            )
