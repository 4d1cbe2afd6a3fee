"""Tags on governance objects: correcting them (kept in history), reading
their history, and the coverage of the board's business by the framework.

Every tagged model carries one primary pillar, any secondary pillars and
priorities (`strategy.models.Tagged`), and keeps them in its
django-simple-history record, many-to-many fields included.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from meetings.models import Action, AgendaItem, Report, Resolution
from strategy.models import Pillar, Priority, ProgressReport

TAG_FIELDS = ["primary_pillar", "secondary_pillars", "priorities"]

# Agenda items that are business of the board; procedural standing items
# (apologies, declarations, the minutes) carry no tags.
SUBSTANTIVE_ITEMS = (
    AgendaItem.Kind.REPORT,
    AgendaItem.Kind.PRESENTATION,
    AgendaItem.Kind.ORAL_UPDATE,
    AgendaItem.Kind.OTHER,
)


class Kind:
    """One kind of tagged object: its model, name, and how to reach its body."""

    def __init__(self, slug, model, label, body_path, select, substantive=None):
        self.slug, self.model, self.label = slug, model, label
        self.body_path, self.select = body_path, select
        self.substantive = substantive or Q()

    def of_body(self, body_slug):
        return self.model.objects.filter(**{f"{self.body_path}__slug": body_slug})


KINDS = {
    kind.slug: kind
    for kind in [
        Kind(
            "report",
            Report,
            "Reports",
            "body",
            ["body"],
            ~Q(status=Report.Status.WITHDRAWN),
        ),
        Kind(
            "item",
            AgendaItem,
            "Agenda items",
            "meeting__body",
            ["meeting__body"],
            Q(kind__in=SUBSTANTIVE_ITEMS),
        ),
        Kind(
            "resolution",
            Resolution,
            "Resolutions",
            "minute__meeting__body",
            ["minute__meeting__body"],
        ),
        Kind("action", Action, "Actions", "body", ["body"]),
        Kind(
            "progress",
            ProgressReport,
            "Progress reports",
            "body",
            ["priority", "body"],
            Q(status__in=ProgressReport.PUBLISHED),
        ),
    ]
}


def kind_of(obj):
    return next(k for k in KINDS.values() if isinstance(obj, k.model))


def title_of(obj):
    """The name an officer knows the object by."""
    if isinstance(obj, AgendaItem):
        return f"Item {obj.reference} {obj.shown_title}, {obj.meeting}"
    if isinstance(obj, Resolution):
        return f"Resolution of minute {obj.minute.reference} {obj.minute.title}"
    return str(obj)


def untagged(kind, body_slug=None):
    """Rows of a kind, at the home board, missing a primary pillar or a priority."""
    rows = kind.of_body(body_slug or settings.HOME_BODY_SLUG).filter(kind.substantive)
    return rows.filter(Q(primary_pillar__isnull=True) | Q(priorities__isnull=True))


def coverage(body_slug=None):
    """[(kind, rows at the board, untagged rows)] for every kind, in a few
    queries whatever the number of rows."""
    result = []
    for kind in KINDS.values():
        rows = kind.of_body(body_slug or settings.HOME_BODY_SLUG).filter(
            kind.substantive
        )
        total = rows.count()
        missing = untagged(kind, body_slug).values("pk").distinct().count()
        result.append((kind, total, missing, total - missing))
    return result


def _followers(obj):
    """Objects that inherit their tags from this one: a report's agenda item,
    a progress report's agenda item."""
    item_id = getattr(obj, "agenda_item_id", None)
    return [AgendaItem.objects.get(pk=item_id)] if item_id else []


def _set_tags(obj, primary_pillar, secondary_pillars, priorities, user, reason):
    """Change one object's tags as one history record, with who and why."""
    obj.skip_history_when_saving = True
    try:
        obj.secondary_pillars.set(secondary_pillars)
        obj.priorities.set(priorities)
    finally:
        del obj.skip_history_when_saving
    obj.primary_pillar = primary_pillar
    obj._history_user = user
    obj._change_reason = reason
    obj.save()


def tags_of(obj):
    return (
        obj.primary_pillar_id,
        {p.pk for p in obj.secondary_pillars.all()},
        {p.pk for p in obj.priorities.all()},
    )


@transaction.atomic
def tags_correct(*, obj, primary_pillar, secondary_pillars, priorities, user, reason):
    """Correct an object's tags, and those that inherit them; False if nothing
    changed. The change goes into each object's history with the reason."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the tags are being corrected."})
    if primary_pillar is not None and primary_pillar in secondary_pillars:
        raise ValidationError(
            {"secondary_pillars": "A secondary pillar cannot also be the primary"}
        )
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    wanted = (
        primary_pillar.pk if primary_pillar else None,
        {p.pk for p in secondary_pillars},
        {p.pk for p in priorities},
    )
    if tags_of(obj) == wanted:
        return False
    for target in [obj, *_followers(obj)]:
        _set_tags(target, primary_pillar, secondary_pillars, priorities, user, reason)
    return True


def _names(values):
    return ", ".join(sorted(str(v) for v in values)) or "none"


def tag_history(obj, limit=50):
    """[(record, [(what, before, after)])]: each change of the object's tags,
    newest first, with who made it and why."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[:limit]
    )
    names = {
        "primary_pillar": dict(Pillar.objects.values_list("pk", "name")),
        "secondary_pillars": dict(Pillar.objects.values_list("pk", "name")),
        "priorities": dict(Priority.objects.values_list("pk", "title")),
    }
    labels = {
        "primary_pillar": "Primary pillar",
        "secondary_pillars": "Secondary pillars",
        "priorities": "Priorities",
    }
    changes = []
    for newer, older in zip(records, records[1:], strict=False):
        delta = newer.diff_against(older, included_fields=TAG_FIELDS)
        rows = []
        for change in delta.changes:
            lookup = names[change.field]
            if change.field == "primary_pillar":
                before = lookup.get(change.old, "none")
                after = lookup.get(change.new, "none")
            else:
                key = "pillar" if change.field == "secondary_pillars" else "priority"
                before = _names(lookup.get(r[key]) for r in change.old)
                after = _names(lookup.get(r[key]) for r in change.new)
            rows.append((labels[change.field], before, after))
        if rows:
            changes.append((newer, rows))
    return changes
