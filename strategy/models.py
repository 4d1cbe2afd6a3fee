"""The strategy and the population health framework, and the tags that join
governance objects to them."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


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


class Strategy(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name_plural = "strategies"

    def __str__(self):
        return self.name


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
    vision = models.TextField(blank=True)
    principles = models.JSONField(default=list, blank=True)
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["strategy", "period_start", "published"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "key"], name="strategyversion_unique_key"
            )
        ]

    def __str__(self):
        return self.label


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
    def current(self):
        return self.filter(version__is_current=True)


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
    review_months = models.PositiveSmallIntegerField(default=18)
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
    def review_overdue(self):
        return (
            self.next_review_date is not None
            and self.next_review_date < timezone.localdate()
        )


class PriorityLead(models.Model):
    class Role(models.TextChoices):
        CHAMPION = "champion", "Champion"
        SPONSOR = "sponsor", "Senior sponsor"
        LEAD_BODY = "lead_body", "Lead body"

    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="leads"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return f"{self.get_role_display()}: {self.name}"


class ProgressReport(models.Model):
    """A priority lead's return on a priority (the 2021 stocktake, say)."""

    class Rag(models.TextChoices):
        NONE = "", "Not rated"
        RED = "red", "Red"
        AMBER = "amber", "Amber"
        GREEN = "green", "Green"

    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="progress_reports"
    )
    date = models.DateField()
    title = models.CharField(max_length=300, blank=True)
    rag = models.CharField(max_length=10, choices=Rag.choices, blank=True)
    progress = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)

    class Meta:
        ordering = ["priority", "-date"]

    def __str__(self):
        return f"{self.priority} ({self.date:%B %Y})"


class TaggedQuerySet(models.QuerySet):
    def tagged(self, *, pillar=None, priority=None):
        """Rows tagged to a priority, or to a pillar as primary or secondary."""
        if priority is not None:
            return self.filter(priorities=priority)
        return self.filter(
            Q(primary_pillar=pillar) | Q(secondary_pillars=pillar)
        ).distinct()


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
