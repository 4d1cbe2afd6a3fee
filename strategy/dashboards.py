"""The board dashboard (by pillar) and the priority dashboard: indicator tiles
beside the progress of the actions tagged to the same pillar or priority.

Each dashboard is read in a fixed number of queries whatever the number of
pillars, priorities, indicators or actions, and the actions are counted in
the database (grouped by pillar or priority and status), never fetched one
by one. Indicator judgements come from the cache in indicators.summary, only
for the indicators shown; actions are always read for the user, through
Action.objects.visible_to, so a dashboard never counts an action its reader
may not see.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, Prefetch

from indicators import summary
from meetings.models import Action, Meeting
from strategy.models import Pillar, Priority, ProgressReport, StrategyVersion


@dataclass
class Progress:
    """Counts of actions by status, in the order the statuses are defined."""

    counts: dict = field(default_factory=dict)
    overdue: int = 0

    def add(self, status, overdue, n=1):
        """Count n actions of a status, `overdue` of them past due."""
        self.counts[status] = self.counts.get(status, 0) + n
        self.overdue += overdue

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def rows(self):
        """[(CSS slug, label, count)] for every status with actions."""
        return [
            (value.replace("_", "-"), label, self.counts[value])
            for value, label in Action.Status.choices
            if self.counts.get(value)
        ]

    @property
    def done_percent(self):
        counted = self.total - self.counts.get(Action.Status.DROPPED, 0)
        if not counted:
            return None
        return round(100 * self.counts.get(Action.Status.DONE, 0) / counted)


def last_board_meeting():
    """When the board last met: values received since then are "new"."""
    return (
        Meeting.objects.held()
        .filter(body__slug=settings.HOME_BODY_SLUG)
        .order_by("-start")
        .values_list("start", flat=True)
        .first()
    )


def _progress_by_pillar(user, pillar_ids):
    """{pillar pk: Progress} of the actions the user may see, each counted
    once under each of its pillars (primary or secondary), grouped in the
    database: two queries of a few rows each, whatever the number of actions."""
    visible = Action.objects.visible_to(user)
    progress = {pk: Progress() for pk in pillar_ids}
    primary = visible.filter(primary_pillar__in=pillar_ids).by_status("primary_pillar")
    # A secondary pillar that is also the action's primary one counts once.
    # Read from the visible actions joined to their tags, not as tags whose
    # action is `IN (every visible action)`: PostgreSQL checked that set an
    # action at a time, 50,000 buffers for a member at ten years.
    secondary = (
        visible.filter(secondary_pillars__in=pillar_ids)
        .annotate(tag=F("secondary_pillars"))
        .exclude(primary_pillar=F("tag"))
        .by_status("tag")
    )
    for pillar_id, status, n, overdue in [*primary, *secondary]:
        progress[pillar_id].add(status, overdue, n)
    return progress


def _tiles(indicators, comparisons):
    seen, tiles = set(), []
    for indicator in sorted(indicators, key=lambda i: i.name):
        if indicator.pk not in seen and indicator.pk in comparisons:
            seen.add(indicator.pk)
            tiles.append(comparisons[indicator.pk])
    return tiles


def board(user):
    """The pillars of the strategy the board works to, each with its
    priorities, its indicator tiles and the progress of its actions. The
    version's standing says whether that strategy is current or has ended."""
    version = (
        StrategyVersion.objects.worked_to()
        .select_related("strategy", "successor")
        .first()
    )
    current = Priority.objects.filter(version=version).prefetch_related("indicators")
    pillars = list(
        Pillar.objects.kings_fund()
        .select_related("framework")  # each section links to its pillar
        .prefetch_related(
            Prefetch("priorities", queryset=current, to_attr="current_priorities"),
            "indicators",
        )
    )
    shown = {
        pillar.pk: [
            *pillar.indicators.all(),
            *(i for p in pillar.current_priorities for i in p.indicators.all()),
        ]
        for pillar in pillars
    }
    comparisons = summary.comparisons_of(i.pk for rows in shown.values() for i in rows)
    progress = _progress_by_pillar(user, [pillar.pk for pillar in pillars])
    sections = []
    for pillar in pillars:
        sections.append(
            {
                "pillar": pillar,
                "priorities": pillar.current_priorities,
                "tiles": _tiles(shown[pillar.pk], comparisons),
                "progress": progress[pillar.pk],
            }
        )
    return {"version": version, "sections": sections, "since": last_board_meeting()}


def priority(user, priority, lineage):
    """One priority's tiles, its actions' progress (those of the priorities
    it was carried forward from too, marked) and the latest words on it."""
    indicators = list(priority.indicators.all())
    comparisons = summary.comparisons_of(i.pk for i in indicators)
    actions = Action.objects.visible_to(user).tagged(priorities=lineage)
    progress = Progress()
    for status, n, overdue in actions.by_status():
        progress.add(status, overdue, n)
    open_actions = Action.mark_carried_forward(actions.next_due(10), lineage)
    return {
        "tiles": _tiles(indicators, comparisons),
        "progress": progress,
        "open_actions": open_actions,
        "latest_report": _published_reports(user)
        .filter(priority__in=lineage)
        .select_related("priority__version")
        .first(),
        "since": last_board_meeting(),
    }


def _published_reports(user):
    return (
        ProgressReport.objects.visible_to(user)
        .filter(status__in=ProgressReport.PUBLISHED)
        .order_by("-date")
    )


@dataclass
class IndicatorSummary:
    """An in-words count of a priority's indicators against England and by trend."""

    total: int = 0
    better: int = 0
    similar: int = 0
    worse: int = 0
    not_compared: int = 0
    getting_worse: int = 0
    improving: int = 0

    def add(self, comparison):
        self.total += 1
        slug = comparison.judgement_slug
        if slug in ("better", "similar", "worse"):
            setattr(self, slug, getattr(self, slug) + 1)
        else:
            self.not_compared += 1
        self.getting_worse += comparison.trend.endswith("getting worse")
        self.improving += comparison.trend.endswith("getting better")

    def __str__(self):
        """In words, naming only what is there: "3 indicators: 1 worse than
        England, 2 not compared; 1 getting worse"."""
        if not self.total:
            return "No indicator"
        parts = [
            f"{n} {label}"
            for n, label in (
                (self.better, "better than England"),
                (self.similar, "similar to England"),
                (self.worse, "worse than England"),
                (self.not_compared, "not compared with England"),
            )
            if n
        ]
        trends = [
            f"{n} {label}"
            for n, label in (
                (self.improving, "getting better"),
                (self.getting_worse, "getting worse"),
            )
            if n
        ]
        plural = "s" if self.total != 1 else ""
        text = f"{self.total} indicator{plural}: {', '.join(parts)}"
        return text + (f"; {', '.join(trends)}" if trends else "")


def overview(user):
    """Every strategy version, with each priority's latest RAG, its actions
    counted by status and its indicators summarised: a fixed number of queries
    whatever the number of priorities, actions or indicators."""
    versions = list(
        StrategyVersion.objects.select_related(
            "strategy", "successor"
        ).prefetch_related(
            "ambitions",
            Prefetch(
                "priorities",
                queryset=Priority.objects.for_reader(user)
                .prefetch_related("pillars__framework", "indicators")
                .select_related("predecessor", "version__successor"),
            ),
        )
    )
    latest = {}
    for report in _published_reports(user).only("priority_id", "rag", "date"):
        latest.setdefault(report.priority_id, report)
    progress = {}
    rows = (  # the visible actions joined to their priorities, as by pillar
        Action.objects.visible_to(user)
        .filter(priorities__isnull=False)
        .annotate(tag=F("priorities"))
        .by_status("tag")
    )
    for priority_id, status, n, overdue in rows:
        progress.setdefault(priority_id, Progress()).add(status, overdue, n)
    comparisons = summary.comparisons_of(
        i.pk for v in versions for p in v.priorities.all() for i in p.indicators.all()
    )
    every = [(v, p) for v in versions for p in v.priorities.all()]
    lineage = []
    for version, p in every:
        p.later = [(v, q) for v, q in every if q.predecessor_id == p.pk]
        if p.later or (
            p.lineage == Priority.Lineage.NEW and version.kind != "original"
        ):
            lineage.append((version, p))
    for version in versions:
        for p in version.priorities.all():
            p.latest_report = latest.get(p.pk)
            p.progress = progress.get(p.pk, Progress())
            p.indicator_summary = IndicatorSummary()
            for indicator in p.indicators.all():
                if indicator.pk in comparisons:
                    p.indicator_summary.add(comparisons[indicator.pk])
    return {"versions": versions, "lineage": lineage}
