"""The strategy and the population health framework, and the tags that join
governance objects to them."""

import datetime
import re
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hwbb import permissions

# The tag fields every tagged model keeps in its history.
TAG_M2M_FIELDS = ["secondary_pillars", "priorities"]
# What a page prefetches to show an object's tags (templates/includes/tags.html).
TAG_PREFETCH = ("secondary_pillars__framework", "priorities")


def normalise_label(text):
    """A pillar label as the seeds vary it, reduced to compare: lower case,
    "&" read as "and", American spellings and quotes and punctuation dropped."""
    text = text.lower().replace("&", " and ").replace("behavior", "behaviour")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return " ".join(text.split())


class Framework(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PillarQuerySet(models.QuerySet):
    def kings_fund(self):
        return self.filter(framework__slug="kings-fund")

    def in_choice_order(self):
        """For a form's choices: the King's Fund pillars first, then any other
        framework's, each in its own order."""
        first = models.Case(
            models.When(framework__slug="kings-fund", then=0), default=1
        )
        return self.select_related("framework").order_by(
            first, "framework__name", "order", "code"
        )

    def find(self, label):
        """The pillar a label names, by its code, name, short name or any alias,
        whatever its case, "&" or "and", and words such as "pillar" or "quadrant"
        after it; None if no pillar, or more than one, matches."""
        wanted = normalise_label(label)
        bare = re.sub(r" (pillar|quadrant|component|objective)$", "", wanted)
        found = [
            pillar for pillar in self if {wanted, bare} & pillar.normalised_labels()
        ]
        return found[0] if len(found) == 1 else None


class Pillar(models.Model):
    """One component of a framework: a King's Fund pillar, a Marmot objective."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="pillars"
    )
    code = models.CharField(max_length=10)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    aliases = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    indicators = models.ManyToManyField(
        "indicators.Indicator",
        blank=True,
        related_name="pillars",
        help_text="Indicators that evidence this pillar directly (those of its "
        "priorities count as well).",
    )

    objects = PillarQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="pillar_unique_code"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("strategy:pillar", args=[self.framework.slug, self.code])

    @property
    def label(self):
        return self.short_name or self.name

    @property
    def choice_label(self):
        """The label in a form: another framework's pillars say whose they are."""
        if self.framework.slug == "kings-fund":
            return self.label
        return f"{self.label} ({self.framework.name})"

    def normalised_labels(self):
        labels = [self.code, self.name, self.short_name, *self.aliases]
        return {normalise_label(label) for label in labels if label}


class Strategy(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name_plural = "strategies"

    def __str__(self):
        return self.name


class Standing(NamedTuple):
    """Where a strategy version stands on a day: "current", "upcoming" or
    "ended", the day that is about (it starts or it ended), and the version
    that replaced it, if one is recorded."""

    state: str
    on: datetime.date
    successor: "StrategyVersion | None" = None

    @property
    def is_current(self):
        return self.state == "current"

    @property
    def phrase(self):
        """As within a sentence: "ended on 31 December 2023"."""
        if self.state == "upcoming":
            return f"starts on {self.on:%-d %B %Y}"
        if self.state == "ended":
            return f"ended on {self.on:%-d %B %Y}"
        return "current"

    def __str__(self):
        return self.phrase[:1].upper() + self.phrase[1:]


def _starts_on(prefix=""):
    """In SQL, as StrategyVersion.starts_on: the later of the period's start
    and the day the version was published."""
    start = f"{prefix}period_start"
    return Greatest(start, Coalesce(f"{prefix}published", start))


class StrategyVersionQuerySet(models.QuerySet):
    def with_dates(self):
        return self.annotate(
            took_effect=_starts_on(), successor_took_effect=_starts_on("successor__")
        )

    def in_force(self, today=None):
        """The versions that are current today: `StrategyVersion.standing`
        in SQL (a test holds the two to the same answers)."""
        today = today or timezone.localdate()
        return (
            self.exclude(kind=StrategyVersion.Kind.STOCKTAKE)
            .with_dates()
            .filter(took_effect__lte=today, period_end__gte=today)
            .filter(Q(successor__isnull=True) | Q(successor_took_effect__gt=today))
        )

    def worked_to(self, today=None):
        """The version the board works to: the latest to have started (the one
        in force, or, once its period has ended and no successor is recorded,
        still the last one), newest first."""
        today = today or timezone.localdate()
        return (
            self.exclude(kind=StrategyVersion.Kind.STOCKTAKE)
            .with_dates()
            .filter(took_effect__lte=today)
            .order_by("-took_effect", "-pk")
        )


class StrategyVersion(models.Model):
    class Kind(models.TextChoices):
        ORIGINAL = "original", "Original strategy"
        STOCKTAKE = "stocktake", "Stocktake"
        REFRESH = "refresh", "Refresh"

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="versions"
    )
    key = models.SlugField(help_text="Short key, such as 2019 or 2023.")
    label = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    published = models.DateField(null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text="The version that replaced this one: it ends the day before "
        "its successor starts.",
    )
    vision = models.TextField(blank=True)
    principles = models.JSONField(default=list, blank=True)

    objects = StrategyVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "version of a strategy"
        verbose_name_plural = "versions of strategies"
        ordering = ["strategy", "period_start", "published"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "key"], name="strategyversion_unique_key"
            )
        ]

    def __str__(self):
        return self.label

    @property
    def starts_on(self):
        """The day the version took effect: its period's start, or its
        publication if later (a refresh keeps the period of the strategy)."""
        return max(self.period_start, self.published or self.period_start)

    @property
    def ends_on(self):
        """The end of its period, or the day before its successor started."""
        if self.successor_id is None:
            return self.period_end
        replaced = self.successor.starts_on - datetime.timedelta(days=1)
        return min(self.period_end, replaced)

    @property
    def standing(self):
        """Current, upcoming or ended, from the dates and today; None for a
        stocktake, which reports on a strategy rather than being one. The one
        rule every page, PDF and the API show ("Current", "Ended on ...")."""
        if self.kind == self.Kind.STOCKTAKE:
            return None
        today = timezone.localdate()
        if today < self.starts_on:
            return Standing("upcoming", self.starts_on)
        if today > self.ends_on:
            return Standing("ended", self.ends_on, self.successor)
        return Standing("current", self.starts_on)

    @property
    def is_current(self):
        standing = self.standing
        return standing is not None and standing.is_current

    @property
    def short_label(self):
        """ "2019-23" for a strategy, "2023 refresh" for a refresh of one."""
        if self.kind == self.Kind.ORIGINAL:
            return f"{self.period_start:%Y}-{self.period_end:%y}"
        day = self.published or self.period_start
        return f"{day:%Y} {self.get_kind_display().lower()}"


class Ambition(models.Model):
    version = models.ForeignKey(
        StrategyVersion, on_delete=models.CASCADE, related_name="ambitions"
    )
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "number"]

    def __str__(self):
        return self.title


class PriorityQuerySet(models.QuerySet):
    def current(self, today=None):
        """The priorities the board works to: those of the version it works
        to (StrategyVersionQuerySet.worked_to), which may have ended."""
        latest = StrategyVersion.objects.worked_to(today).values("pk")[:1]
        return self.filter(version__in=latest)

    def in_force(self, today=None):
        """The priorities of a version that is current today."""
        return self.filter(version__in=StrategyVersion.objects.in_force(today))

    def for_reader(self, user):
        """Annotate whether the reader may see each priority's internal state
        (its review date and whether the review is overdue): officers, and
        the people named as its leads. Read by `Priority.shows_internal`."""
        if permissions.is_officer(user):
            shown = Value(True)
        elif user is not None and user.is_authenticated:
            shown = Exists(
                PriorityLead.objects.filter(priority=OuterRef("pk"), person__user=user)
            )
        else:
            shown = Value(False)
        return self.annotate(internal_shown=shown)

    def lineage_of(self, priority):
        """The priority and those it was carried forward from, nearest
        first, each with its version: one query however long the chain."""
        if priority.predecessor_id is None:
            return [priority]
        rows = {p.pk: p for p in self.select_related("version")}
        chain = [priority]
        step = rows.get(priority.predecessor_id)
        while step is not None and step not in chain:  # a loop ends the chain
            chain.append(step)
            step = rows.get(step.predecessor_id)
        return chain


class Priority(models.Model):
    class Kind(models.TextChoices):
        SHORT_TERM = "short_term", "Short-term priority"
        CROSS_CUTTING = "cross_cutting", "Cross-cutting priority"

    class Lineage(models.TextChoices):
        NEW = "new", "New"
        CONTINUED = "continued", "Continued"
        BROADENED = "broadened", "Broadened"
        RENAMED = "renamed", "Renamed"
        INTENSIFIED = "intensified", "Intensified"

    version = models.ForeignKey(
        StrategyVersion, on_delete=models.CASCADE, related_name="priorities"
    )
    slug = models.SlugField(unique=True)
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.SHORT_TERM
    )
    predecessor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
    )
    lineage = models.CharField(
        max_length=20, choices=Lineage.choices, default=Lineage.NEW
    )
    review_months = models.PositiveSmallIntegerField(
        default=18,
        validators=[MinValueValidator(12), MaxValueValidator(18)],
        help_text="The review window: between 12 and 18 months.",
    )
    next_review_date = models.DateField(null=True, blank=True)
    pillars = models.ManyToManyField(Pillar, blank=True, related_name="priorities")
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="priorities"
    )

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["version", "number"]
        verbose_name_plural = "priorities"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("strategy:priority", args=[self.slug])

    @property
    def shows_internal(self):
        """Whether the reader may see the priority's internal state: closed
        unless the queryset said otherwise (PriorityQuerySet.for_reader)."""
        try:
            return self.__dict__["internal_shown"]
        except KeyError:
            raise ImproperlyConfigured(
                "Read priorities through Priority.objects.for_reader(user) to "
                "show their internal state."
            ) from None

    @property
    def review_due(self):
        """The next review date, for those who may see it."""
        return self.next_review_date if self.shows_internal else None

    @property
    def review_overdue(self):
        """Past its review date, for those who may see it; a priority of a
        version that has been replaced is no longer reviewed."""
        due = self.review_due
        return (
            due is not None
            and due < timezone.localdate()
            and self.version.successor_id is None
        )

    def carried_label(self):
        """How an item tagged to this priority reads on a successor's page."""
        return f"under the {self.version.short_label} priority ‘{self.title}’"


class PriorityLead(models.Model):
    class Role(models.TextChoices):
        CHAMPION = "champion", "Champion"
        SPONSOR = "sponsor", "Senior sponsor"
        LEAD_BODY = "lead_body", "Lead body"
        PARTNERSHIP_BOARD = "partnership_board", "Partnership board"

    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="leads"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    person = models.ForeignKey(
        "meetings.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="priority_leads",
        help_text="The person who writes the priority's progress reports.",
    )

    def __str__(self):
        return f"{self.get_role_display()}: {self.name}"


class TaggedQuerySet(models.QuerySet):
    def tags_shown(self):
        """The rows whose tags the reader may see: all of them here; a model
        with closed (exempt) rows leaves out those closed to the reader."""
        return self

    def tagged(self, *, pillar=None, priority=None, priorities=None):
        """Rows tagged to a priority (or to any of `priorities`: a priority
        and those it was carried forward from), or to a pillar as primary or
        secondary, among those whose tags the reader may see.

        The tags are read in subqueries, not joined: each row comes once
        without DISTINCT, so the result can be counted, grouped and ordered
        as it is (a join to the secondary pillars, OR'd with the primary one,
        read every row of the table and then took out the duplicates)."""
        self = self.tags_shown()
        column = f"{self.model._meta.model_name}_id"
        if priority is not None:
            priorities = [priority]
        if priorities is not None:
            tags = self.model.priorities.through.objects.filter(priority__in=priorities)
            return self.filter(pk__in=tags.values(column))
        tags = self.model.secondary_pillars.through.objects.filter(pillar=pillar)
        return self.filter(Q(primary_pillar=pillar) | Q(pk__in=tags.values(column)))


class Tagged(models.Model):
    """One primary pillar, any secondary pillars, and priorities.

    An abstract base for every governance object the golden thread follows.
    """

    primary_pillar = models.ForeignKey(
        Pillar,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="primary_%(app_label)s_%(class)s_set",
    )
    secondary_pillars = models.ManyToManyField(
        Pillar, blank=True, related_name="secondary_%(app_label)s_%(class)s_set"
    )
    priorities = models.ManyToManyField(
        Priority, blank=True, related_name="%(app_label)s_%(class)s_set"
    )

    class Meta:
        abstract = True

    def take_tags_from(self, source):
        """Carry the source's pillars and priorities (an agenda item's, to the
        resolution made on it and the actions from that) when this object has
        none of its own; an officer's own choice is never overwritten."""
        if source is None or self.is_tagged:
            return False
        self.primary_pillar_id = source.primary_pillar_id
        self.save(update_fields=["primary_pillar"])
        self.secondary_pillars.set(source.secondary_pillars.all())
        self.priorities.set(source.priorities.all())
        return True

    @classmethod
    def mark_carried_forward(cls, rows, lineage):
        """Set `carried_from` on each row tagged only to a priority the
        lineage's head was carried forward from (the nearest such), None on
        the others: one query for all the rows."""
        head, *earlier = lineage
        through = cls.priorities.through
        column = f"{cls._meta.model_name}_id"
        tags = {}
        if earlier and rows:
            pairs = through.objects.filter(
                **{f"{column}__in": [r.pk for r in rows]},
                priority_id__in=[p.pk for p in lineage],
            ).values_list(column, "priority_id")
            for row_id, priority_id in pairs:
                tags.setdefault(row_id, set()).add(priority_id)
        for row in rows:
            tagged = tags.get(row.pk, {head.pk})
            row.carried_from = next(
                (p for p in earlier if p.pk in tagged and head.pk not in tagged),
                None,
            )
        return rows

    @property
    def is_tagged(self):
        return bool(
            self.primary_pillar_id
            or self.secondary_pillars.exists()
            or self.priorities.exists()
        )


class ReportingSchedule(models.Model):
    """How often a priority's lead reports its progress, and to which body."""

    priority = models.OneToOneField(
        Priority, on_delete=models.CASCADE, related_name="schedule"
    )
    every_months = models.PositiveSmallIntegerField(
        default=6, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    body = models.ForeignKey(
        "meetings.Body",
        on_delete=models.PROTECT,
        related_name="reporting_schedules",
        help_text="The board the returns go to.",
    )
    lead = models.ForeignKey(
        "meetings.Person",
        on_delete=models.PROTECT,
        related_name="reporting_schedules",
        help_text="Who is asked for the return.",
    )
    next_request_on = models.DateField(
        help_text="The day the next request goes to the lead."
    )
    working_days_to_respond = models.PositiveSmallIntegerField(
        default=20, validators=[MinValueValidator(5), MaxValueValidator(60)]
    )
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = "progress report schedule"
        verbose_name_plural = "progress report schedules"

    def __str__(self):
        return f"{self.priority}: every {self.every_months} months"


class ProgressReportQuerySet(TaggedQuerySet):
    def visible_to(self, user):
        """Officers see every return; a lead sees the requests made of them,
        and a priority's named leads its returns (awaited and missing ones
        included: internal state, for them and officers only); anyone sees a
        return once an officer has accepted it, if they may see the body it
        was filed to (a body that does not meet in public keeps
        its returns to its members)."""
        if permissions.is_officer(user):
            return self
        # Body is the governance floor's model, above this one: reached
        # through the relation, so its one visibility rule is used.
        bodies = self.model._meta.get_field("body").related_model.objects
        seen = Q(body__isnull=True) | Q(body__in=bodies.visible_to(user))
        visible = Q(status__in=ProgressReport.PUBLISHED) & seen
        if user.is_authenticated:
            led = PriorityLead.objects.filter(person__user=user).values("priority")
            visible |= Q(requested_of__user=user) | Q(priority__in=led)
        return self.filter(visible)

    def missing(self, today=None):
        """Requests past their due date with no return."""
        return self.filter(
            status__in=ProgressReport.AWAITED,
            due_date__lt=today or timezone.localdate(),
        )


class ProgressReport(Tagged):
    """A priority lead's return on a priority: requested with a due date,
    submitted, reviewed by an officer and placed on an agenda. The September
    2021 stocktake is loaded as three of them."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned to the lead"
        ACCEPTED = "accepted", "Accepted"
        ON_AGENDA = "on_agenda", "On an agenda"

    class Rag(models.TextChoices):
        NONE = "", "Not rated"
        RED = "red", "Red"
        AMBER = "amber", "Amber"
        GREEN = "green", "Green"

    AWAITED = (Status.REQUESTED, Status.RETURNED)
    PUBLISHED = (Status.ACCEPTED, Status.ON_AGENDA)

    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="progress_reports"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.ACCEPTED
    )
    date = models.DateField(help_text="The date the return reports progress to.")
    title = models.CharField(max_length=300, blank=True)
    body = models.ForeignKey(
        "meetings.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    requested_of = models.ForeignKey(
        "meetings.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="progress_requests",
    )
    requested_at = models.DateTimeField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comments = models.TextField(blank=True)
    agenda_item = models.OneToOneField(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="progress_report",
    )
    rag = models.CharField("RAG status", max_length=10, choices=Rag.choices, blank=True)
    rag_narrative = models.TextField(
        "why this RAG status",
        blank=True,
        help_text="Required when the status is amber or red.",
    )
    progress = models.TextField("progress and impact", blank=True)
    deliverables = models.TextField("key deliverables", blank=True)
    next_steps = models.TextField("next steps", blank=True)
    risks = models.TextField("risks and exceptions", blank=True)

    objects = ProgressReportQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=TAG_M2M_FIELDS)

    class Meta:
        ordering = ["priority", "-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "date"], name="progressreport_unique_date"
            )
        ]

    def __str__(self):
        return f"{self.priority} ({self.date:%B %Y})"

    def get_absolute_url(self):
        return reverse("strategy:progress_report", args=[self.pk])

    @property
    def is_awaited(self):
        return self.status in self.AWAITED

    @property
    def is_missing(self):
        return (
            self.is_awaited
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )

    @property
    def is_published(self):
        return self.status in self.PUBLISHED

    SECTIONS = (
        ("progress", "Progress and impact"),
        ("deliverables", "Key deliverables"),
        ("next_steps", "Next steps"),
        ("risks", "Risks and exceptions"),
    )

    def sections(self):
        return [
            (label, getattr(self, f)) for f, label in self.SECTIONS if getattr(self, f)
        ]
