"""Outcome indicators, areas and values, in Fingertips' shape.

This app knows nothing of meetings or the strategy: the strategy links its
priorities and pillars to indicators.
"""

import copy

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone

from indicators import charts, judgements

ENGLAND = "E92000001"


class Area(models.Model):
    class Type(models.TextChoices):
        COUNTRY = "country", "Country"
        REGION = "region", "Region"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        WARD = "ward", "Ward"

    # The ONS entity a GSS code's first three characters name: the type of
    # such an area is known from its code, whatever a file calls it
    # (Fingertips labels England's rows "England", not "Country").
    TYPE_BY_ENTITY = {
        "E92": Type.COUNTRY,  # England
        "W92": Type.COUNTRY,
        "S92": Type.COUNTRY,
        "N92": Type.COUNTRY,
        "E12": Type.REGION,
        "E06": Type.LOCAL_AUTHORITY,  # unitary authorities
        "E07": Type.LOCAL_AUTHORITY,  # non-metropolitan districts
        "E08": Type.LOCAL_AUTHORITY,  # metropolitan districts (Coventry)
        "E09": Type.LOCAL_AUTHORITY,  # London boroughs
        "E10": Type.LOCAL_AUTHORITY,  # counties
        "E05": Type.WARD,
        "W05": Type.WARD,
    }

    code = models.CharField("GSS code", max_length=9, unique=True)
    name = models.CharField(max_length=200)
    area_type = models.CharField(max_length=20, choices=Type.choices)
    type_label = models.CharField(
        max_length=100,
        blank=True,
        help_text='As Fingertips names it: "Counties & UAs".',
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def clean(self):
        known = self.type_of_code(self.code)
        if known and self.area_type != known:
            raise ValidationError(
                {"area_type": f"A {self.code[:3]} code is a {known.label.lower()}"}
            )

    @classmethod
    def type_of_code(cls, code):
        """The area type a GSS code names, or None where the code does not say."""
        return cls.TYPE_BY_ENTITY.get((code or "")[:3])

    @property
    def label(self):
        """The name with the kind of area it is: "England (country)"."""
        return f"{self.name} ({self.get_area_type_display().lower()})"


class IndicatorQuerySet(models.QuerySet):
    def with_latest_values(self, area_codes):
        """Prefetch each indicator's values for the given areas, newest first.

        Templates then read `indicator.area_values` without further queries.
        """
        values = (
            IndicatorValue.objects.filter(area__code__in=area_codes)
            .select_related("area")
            .order_by("-period_key")
        )
        return self.prefetch_related(
            Prefetch("values", queryset=values, to_attr="area_values")
        )

    def comparisons(self, home, comparator=ENGLAND, region=None):
        """Each indicator's newest value for `home` against `comparator` (and the
        region), with its trend."""
        codes = [home, comparator, *([region] if region else [])]
        return [
            IndicatorComparison(indicator, home, comparator, region)
            for indicator in self.with_latest_values(codes)
        ]


def judgement_slug(judgement):
    """A CSS modifier for a comparison in words; the words are always shown too."""
    for word in ("Better", "Worse", "Similar"):
        if judgement.startswith(word):
            return word.lower()
    return "none"


class IndicatorComparison:
    """An indicator's newest local value beside England and the region, judged in
    words, with its recent trend."""

    def __init__(self, indicator, home, comparator, region=None):
        self.indicator = indicator
        self.local, self.comparator = indicator.latest_comparison(home, comparator)
        polarity = indicator.polarity
        self.judgement = (
            self.local.compare_with(self.comparator, polarity)
            if self.local
            else "No local value"
        )
        self.region = None
        self.region_judgement = ""
        if region and self.local:
            self.region = indicator.latest_comparison(home, region)[1]
            if self.region:
                self.region_judgement = self.local.compare_with(self.region, polarity)
        series = self.series(home) if self.local else []
        self.trend = judgements.trend(series, polarity) if self.local else ""
        # The recent values shown beside the trend (a tile's line, the PDF's
        # words): the periods the trend is read from, not every year held, so
        # a dashboard's tiles weigh the same at ten years as at five. The
        # indicator's page holds its decade and every value.
        self.history = series[-judgements.POINTS :]

    def __getstate__(self):
        """Cached without the indicator's other values: only those shown (the
        newest local value, its comparators and its recent series) go with
        it. Each value remembers its indicator, which holds every value for
        the areas compared (the prefetch), so each goes with a copy of the
        indicator without them: else an entry carried the indicator's whole
        history (33 KB an indicator at ten years, unpickled by every page)."""
        indicator = copy.copy(self.indicator)
        indicator.__dict__.pop("area_values", None)
        alone = {}

        def detached(value):
            if value is None:
                return None
            if id(value) not in alone:
                alone[id(value)] = copy.copy(value)
                alone[id(value)]._state.fields_cache["indicator"] = indicator
            return alone[id(value)]

        return {
            **self.__dict__,
            "indicator": indicator,
            "local": detached(self.local),
            "comparator": detached(self.comparator),
            "region": detached(self.region),
            "history": [detached(v) for v in self.history],
        }

    @property
    def sparkline(self):
        return charts.sparkline(
            self.indicator.name,
            [(v.period_label, v.value) for v in self.history],
            self.indicator.unit,
        )

    @property
    def judgement_slug(self):
        return judgement_slug(self.judgement)

    def series(self, home):
        """The local values of the newest value's breakdown, oldest first."""
        local = self.local
        rows = [
            v
            for v in self.indicator.area_values
            if v.area.code == home
            and (v.sex, v.age, v.category_type, v.category)
            == (local.sex, local.age, local.category_type, local.category)
        ]
        return sorted(rows, key=lambda v: v.period_key)

    @property
    def red_red(self):
        """Significantly worse than England and getting worse: the watchlist."""
        worse = self.judgement.startswith("Worse than")
        return worse and self.trend.endswith("getting worse")


class Indicator(models.Model):
    class Polarity(models.TextChoices):
        HIGHER_IS_BETTER = "higher_is_better", "Higher is better"
        LOWER_IS_BETTER = "lower_is_better", "Lower is better"
        NO_JUDGEMENT = "no_judgement", "No judgement"

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=300)
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=50, blank=True)
    polarity = models.CharField(
        max_length=20, choices=Polarity.choices, default=Polarity.NO_JUDGEMENT
    )
    source = models.CharField(max_length=300, blank=True)
    fingertips_id = models.PositiveIntegerField(null=True, blank=True, unique=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def latest_comparison(self, area_code, comparator_code=ENGLAND):
        """The newest value for the area, and its comparator for the same period.

        Reads the prefetched `area_values` (see `with_latest_values`).
        """
        rows = getattr(self, "area_values", None)
        if rows is None:
            rows = list(self.values.select_related("area").order_by("-period_key"))
        local = next((v for v in rows if v.area.code == area_code), None)
        if local is None:
            return None, None
        comparator = next(
            (
                v
                for v in rows
                if v.area.code == comparator_code and v.period_key == local.period_key
            ),
            None,
        )
        return local, comparator


# A value's natural key: one per indicator, area, period and breakdown.
VALUE_KEY = [
    "indicator",
    "area",
    "period_key",
    "sex",
    "age",
    "category_type",
    "category",
]


class IndicatorValue(models.Model):
    # No index of its own: the unique breakdown's index begins with it.
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", db_index=False
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="values")
    period_label = models.CharField(max_length=50)
    period_key = models.CharField(
        max_length=20, help_text="Sorts in time order, e.g. 2017 or 201703."
    )
    value = models.FloatField(null=True, blank=True)
    lower_ci_95 = models.FloatField("lower 95% CI", null=True, blank=True)
    upper_ci_95 = models.FloatField("upper 95% CI", null=True, blank=True)
    lower_ci_998 = models.FloatField("lower 99.8% CI", null=True, blank=True)
    upper_ci_998 = models.FloatField("upper 99.8% CI", null=True, blank=True)
    count = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    sex = models.CharField(max_length=20, default="Persons")
    age = models.CharField(max_length=50, default="All ages")
    category_type = models.CharField(max_length=100, blank=True)
    category = models.CharField(max_length=100, blank=True)
    value_note = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=300, blank=True)
    # As Fingertips states them in its files; HWBB computes its own as well.
    recent_trend = models.CharField(max_length=100, blank=True)
    updated_at = models.DateTimeField(
        default=timezone.now, help_text="When HWBB last received this value."
    )
    compared_to_england = models.CharField(max_length=100, blank=True)
    compared_to_parent = models.CharField(max_length=100, blank=True)
    new_data = models.CharField(max_length=50, blank=True)
    compared_to_goal = models.CharField(max_length=100, blank=True)
    period_range = models.CharField(
        max_length=20,
        blank=True,
        help_text='Fingertips\' "Time period range": how long a period is, e.g. 3y.',
    )

    class Meta:
        ordering = ["indicator", "area", "period_key"]
        constraints = [
            models.UniqueConstraint(
                fields=VALUE_KEY, name="indicatorvalue_unique_breakdown"
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.area.name} {self.period_label}: {self.value}"

    @property
    def has_count(self):
        return self.count is not None or self.denominator is not None

    @property
    def has_interval(self):
        return self.lower_ci_95 is not None and self.upper_ci_95 is not None

    def compare_with(self, comparator, polarity):
        """Compare this value with a comparator's value, in words.

        The Fingertips method: if this value's 95% confidence interval contains the
        comparator's value the two are "Similar"; otherwise the value is better or
        worse according to the indicator's polarity ("Higher"/"Lower" where it has
        none). Without an interval no significance can be judged, so the result
        says only which way the value lies, and that it is not tested.
        """
        if comparator is None or comparator.value is None or self.value is None:
            return "No comparison available"
        name = comparator.area.name
        Polarity = Indicator.Polarity
        if not self.has_interval:
            if self.value == comparator.value:
                return f"Same as {name} (significance not tested)"
            higher = self.value > comparator.value
            words = f"{'Higher' if higher else 'Lower'} than {name}"
            if polarity != Polarity.NO_JUDGEMENT:
                better = higher == (polarity == Polarity.HIGHER_IS_BETTER)
                words += f", which is {'better' if better else 'worse'}"
            return f"{words} (significance not tested)"
        if self.lower_ci_95 <= comparator.value <= self.upper_ci_95:
            return f"Similar to {name}"
        higher = self.lower_ci_95 > comparator.value
        if polarity == Polarity.NO_JUDGEMENT:
            return f"{'Higher' if higher else 'Lower'} than {name}"
        better = higher == (polarity == Polarity.HIGHER_IS_BETTER)
        return f"{'Better' if better else 'Worse'} than {name}"


class ImportJob(models.Model):
    """A Fingertips CSV uploaded by an officer, imported by a Celery worker; the
    page polls its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    ERRORS_KEPT = 1000

    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(
        default=list, blank=True, help_text="[line, reason], the first 1,000."
    )
    error_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True, help_text="Why the import failed.")

    class Meta:
        verbose_name = "import of indicator data"
        verbose_name_plural = "imports of indicator data"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self):
        if self.status == self.Status.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_read / self.rows_total))

    @property
    def summary(self):
        return (
            f"{self.created} values added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.error_count} rows refused"
        )
