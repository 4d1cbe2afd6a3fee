"""Put every agenda item in a section of its body, and number the agendas
still being built in the order they print.

Items are now ordered by section, and an item with no section cannot be
placed where the body has sections. Items saved before that rule are placed:

- an exempt item in the body's first private section (exempt business is
  private business), and an exempt item filed under a public section moves
  there too;
- any other business (a closing standing item) in the last section of its
  part, so that it still ends that part under the heading above it: private
  if its title says so ("Any other items of private business");
- a sub-item in its parent's section;
- anything else in the body's first public section.

An item with no section of the right kind to go to is left as it is and
named. Agendas not yet published are then renumbered 1..n in agenda order.
A published agenda keeps its numbers, which are the record the minutes cite:
one whose numbers no longer follow the order is named, for an officer to
publish a supplement if it needs one.

The ordering below is a frozen copy of `meetings.models.agenda.agenda_order`,
as a migration must not follow the code's later changes.
"""

import re

from django.db import migrations

PRIVATE_WORDS = re.compile(r"\b(private|exempt|part (2|ii))\b", re.IGNORECASE)
AOB = "any_other_business"
PUBLISHED = "published"
PARKED = 16000


def _closing(item):
    return item.is_standing_end or item.kind == AOB


def _private(item):
    return item.is_exempt or bool(item.section_id and item.section.is_private)


def _order_key(item):
    section = item.section
    return (
        _private(item),
        _closing(item),
        (0, section.order, section.pk) if section else (-1, 0, 0),
        item.number,
        item.sub_letter,
        item.pk,
    )


def _section_for(item, sections, parents):
    public = [s for s in sections if not s.is_private]
    private = [s for s in sections if s.is_private]
    if item.sub_letter and parents.get((item.meeting_id, item.number)):
        parent_section = parents[(item.meeting_id, item.number)]
        if not (item.is_exempt and not parent_section.is_private):
            return parent_section
    if item.is_exempt:
        return private[0] if private else None
    if _closing(item):
        part = private if PRIVATE_WORDS.search(item.title) else public
        return part[-1] if part else None
    return public[0] if public else None


def place_items(apps, schema_editor, say=print):
    """Place the items with no section (or exempt ones in a public section);
    renumber the unpublished agendas. Returns what it did, in lines."""
    Body = apps.get_model("meetings", "Body")
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    lines = []
    touched = set()
    for body in Body.objects.all():
        sections = list(body.sections.order_by("order", "pk"))
        if not sections:
            continue
        items = AgendaItem.objects.filter(meeting__body=body).select_related(
            "section", "meeting"
        )
        parents = {
            (i.meeting_id, i.number): i.section
            for i in items
            if not i.sub_letter and i.section_id
        }
        for item in items.order_by("meeting__start", "number", "sub_letter"):
            misfiled = (
                item.is_exempt and item.section_id and not item.section.is_private
            )
            if item.section_id and not misfiled:
                continue
            section = _section_for(item, sections, parents)
            where = f"{item.meeting.start:%Y-%m-%d} item {item.number}{item.sub_letter}"
            if section is None or section == item.section:
                kind = "private" if item.is_exempt else "public"
                lines.append(
                    f"{body.name}, {where} ({item.title[:60]}): the body has no "
                    f"{kind} section to put it in; left as it was."
                )
                continue
            item.section = section
            item.save(update_fields=["section"])
            touched.add(item.meeting_id)
            lines.append(
                f"{body.name}, {where} ({item.title[:60]}): put in {section.name}."
            )
            if not item.sub_letter:
                parents[(item.meeting_id, item.number)] = section
    Meeting = apps.get_model("meetings", "Meeting")
    for meeting in Meeting.objects.order_by("start", "pk"):
        lines += _renumber(meeting, AgendaItem)
    if lines:
        say("\n  Agenda items placed in sections and numbered in agenda order:")
    for line in lines:
        say(f"  {line}")
    return lines


def _renumber(meeting, AgendaItem):
    items = sorted(
        AgendaItem.objects.filter(meeting=meeting).select_related("section"),
        key=_order_key,
    )
    numbers, number, last = {}, 0, None
    for item in items:
        if not (item.sub_letter and item.number == last):
            number += 1
        last = item.number
        numbers[item.pk] = number
    changed = [i for i in items if i.number != numbers[i.pk]]
    if not changed:
        return []
    day = f"{meeting.start:%Y-%m-%d}"
    if meeting.agenda_status == PUBLISHED:
        return [
            f"Meeting {meeting.pk} ({day}): published, its numbers kept, though "
            "they no longer follow the order of its sections."
        ]
    for item in changed:
        item.number = PARKED + numbers[item.pk]
    AgendaItem.objects.bulk_update(changed, ["number"])
    for item in changed:
        item.number = numbers[item.pk]
    AgendaItem.objects.bulk_update(changed, ["number"])
    return [f"Meeting {meeting.pk} ({day}): renumbered in agenda order."]


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0023_minutes_comments"),
    ]

    operations = [
        migrations.RunPython(place_items, migrations.RunPython.noop),
    ]
