"""Interests and declarations: the checklist of items a person may have an
interest in, declarations made at a meeting, and the register's review."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hwbb import pagecache
from meetings.models import Declaration


def _mentions(item, organisation):
    text = f"{item.title} {item.presenter} {item.description}".lower()
    names = [organisation.name, *organisation.aliases]
    return any(name and name.lower() in text for name in names)


def declarations_checklist(*, meeting, person):
    """[(item, [interests])]: each agenda item with the person's current
    register entries whose organisation the item concerns, either tagged on the
    item or named in its title, presenter or description."""
    interests = list(
        person.interests.current(timezone.localdate(meeting.start))
        .exclude(organisation=None)
        .select_related("organisation")
    )
    items = meeting.agenda_items.prefetch_related("organisations").in_agenda_order()
    checklist = []
    for item in items:
        tagged = {o.pk for o in item.organisations.all()}
        matches = [
            i
            for i in interests
            if i.organisation_id in tagged or _mentions(item, i.organisation)
        ]
        checklist.append((item, matches))
    return checklist


@transaction.atomic
def declaration_make(
    *, meeting, person, agenda_item, kind, text, withdrew, interest=None
):
    """Record a declaration; the same declaration made twice is recorded once."""
    if meeting.is_cancelled:
        raise ValidationError("The meeting was cancelled: there is nothing to declare.")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(
            {"agenda_item": "Choose an item on this meeting's agenda."}
        )
    declaration, created = Declaration.objects.get_or_create(
        meeting=meeting,
        person=person,
        agenda_item=agenda_item,
        interest=interest,
        defaults={"kind": kind, "text": text, "withdrew": withdrew},
    )
    return declaration, created


@transaction.atomic
def interests_reviewed(*, person):
    """The person confirms their register is up to date, today."""
    pagecache.data_changed()  # update() sends no signal
    return person.interests.current().update(reviewed_on=timezone.localdate())
