"""Saving what an importer read (an agenda pack, ModernGov) through the services
a council's officers use.

`import_plan(reading)` works out, without writing, what each printed thing is:
the body, the meeting, each agenda item and minute (already held, or new), and
each printed name (a person met before, a new person, or one it cannot tell).
`import_commit(reading, by=...)` saves that plan. Both take the officer's
corrections as `choices`: {name key: person pk, "new" or "skip"}.

Nothing is doubled: a meeting is matched by its body and date, an item by its
number, a minute by its number, an attendance or declaration by its person, so
importing the same pack twice changes nothing, and a pack whose minutes came in
from the meeting's own minutes document adds only what is new.
"""

import datetime
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from hwbb import provenance
from meetings import resolutions
from meetings.models import (
    AgendaItem,
    AgendaSection,
    Attendance,
    Body,
    Declaration,
    Meeting,
    Minute,
    NameAlias,
    Organisation,
    Person,
    Resolution,
    name_key,
    name_tokens,
)
from meetings.services.interests import declaration_make
from meetings.services.minutes import minute_create, resolution_save

PRIVATE = re.compile(
    r"\b(?:private|exempt|confidential|closed)\b|^part\s+(?:2|two|ii|b)\b", re.I
)
HONORIFIC_WORDS = {
    "councillor": "Councillor",
    "cllr": "Councillor",
    "dr": "Dr",
    "professor": "Professor",
    "prof": "Professor",
    "sir": "Sir",
    "dame": "Dame",
    "mr": "Mr",
    "mrs": "Mrs",
    "ms": "Ms",
    "miss": "Miss",
    "chief": "Chief",
    "superintendent": "Superintendent",
    "inspector": "Inspector",
}
ITEM_KINDS = [
    (r"^apologies", AgendaItem.Kind.APOLOGIES),
    (r"^declarations? of interest", AgendaItem.Kind.DECLARATIONS),
    (r"^matters arising", AgendaItem.Kind.MATTERS_ARISING),
    (r"\bminutes\b", AgendaItem.Kind.MINUTES),
    (r"^chair'?s? ?update", AgendaItem.Kind.CHAIRS_UPDATE),
    (r"^any other (?:items|business)", AgendaItem.Kind.ANY_OTHER_BUSINESS),
    (r"^appointment", AgendaItem.Kind.APPOINTMENT),
]


# -------------------------------------------------------------- matching names
@dataclass
class NameMatch:
    printed: str
    key: str
    person: Person | None = None
    how: str = "new"  # alias | name | member | chosen | new | ambiguous | skip | gone
    candidates: list = field(default_factory=list)

    @property
    def placed(self):
        return self.how not in ("ambiguous", "skip", "gone")


def _given(person):
    if person.given_names:
        return name_tokens(person.given_names)
    return name_tokens(person.display_name)[:-1]


def _fits(printed_given, person):
    """'K', 'Kamran' and nothing all fit Kamran Caan; 'J' does not."""
    for a, b in zip(printed_given, _given(person), strict=False):
        if (len(a) == 1 or len(b) == 1) and a[0] != b[0]:
            return False
        if len(a) > 1 and len(b) > 1 and a != b:
            return False
    return True


class People:
    """Who a printed name is: the alias table first, then surname and initials."""

    def __init__(self, *, choices=None):
        self.choices = choices or {}
        self.persons = {p.pk: p for p in Person.objects.select_related("organisation")}
        self.alias = {}
        clash = set()
        for person in self.persons.values():
            for printed in [person.display_name, *person.aliases]:
                key = name_key(printed)
                if key and self.alias.get(key, person) != person:
                    clash.add(key)
                self.alias.setdefault(key, person)
        for key in clash:
            del self.alias[key]
        # an officer's table wins over what the people's own names suggest
        for row in NameAlias.objects.select_related("person"):
            self.alias[row.key] = row.person
        self.by_surname = defaultdict(list)
        for person in self.persons.values():
            self.by_surname[person.family_name.casefold()].append(person)
        self.made = {}  # key -> person created in this import

    def match(self, printed, *, members=()):
        key = name_key(printed)
        choice = self.choices.get(key)
        if choice == "skip":
            return NameMatch(printed, key, how="skip")
        if choice == "new":
            return NameMatch(printed, key, self.made.get(key), how="new")
        if choice:
            chosen = self.persons.get(int(choice)) if str(choice).isdigit() else None
            # a person chosen on the preview and deleted since: ask again
            return NameMatch(printed, key, chosen, how="chosen" if chosen else "gone")
        if key in self.alias:
            return NameMatch(printed, key, self.alias[key], how="alias")
        if key in self.made:
            return NameMatch(printed, key, self.made[key], how="new")
        tokens = name_tokens(printed)
        if not tokens:
            return NameMatch(printed, key, how="ambiguous")
        found = [
            p for p in self.by_surname.get(tokens[-1], []) if _fits(tokens[:-1], p)
        ]
        if len(found) > 1:
            in_body = [p for p in found if p.pk in members]
            if len(in_body) == 1:
                return NameMatch(
                    printed, key, in_body[0], how="member", candidates=found
                )
            return NameMatch(printed, key, how="ambiguous", candidates=found)
        if found:
            return NameMatch(printed, key, found[0], how="name")
        return NameMatch(printed, key, how="new")

    def person_for(self, match, *, organisation=None, post=""):
        """The matched person, or a new one made from the printed name."""
        if not match.placed:
            return None
        if match.person is not None:
            return match.person
        if match.key in self.made:
            return self.made[match.key]
        printed = re.sub(r"\s*\([^()]*\)\s*$", "", match.printed).split(",")[0].strip()
        words = printed.split()
        honorific = []
        while words[:-1] and words[0].rstrip(".").casefold() in HONORIFIC_WORDS:
            honorific.append(HONORIFIC_WORDS[words.pop(0).rstrip(".").casefold()])
        person = Person(
            honorific=" ".join(honorific),
            given_names=" ".join(words[:-1]),
            family_name=words[-1],
            display_name=printed,
            organisation=organisation,
            job_title=post[:200],
        )
        person.full_clean()
        person.save()
        self.persons[person.pk] = person
        self.by_surname[person.family_name.casefold()].append(person)
        self.made[match.key] = person
        return person


# -------------------------------------------------------------- bodies, places
def _plain(name):
    return re.sub(r"[^a-z0-9]", "", (name or "").casefold().replace("&", "and"))


def body_match(name):
    if not name:
        return None
    wanted = _plain(name)
    for body in Body.objects.all():
        if wanted in {_plain(n) for n in [body.name, body.short_name, *body.aliases]}:
            return body
    return None


def _body_for(name):
    body = body_match(name)
    if body:
        return body
    kind = Body.Kind.BOARD
    for word, k in (
        ("cabinet", Body.Kind.CABINET),
        ("committee", Body.Kind.COMMITTEE),
        ("partnership", Body.Kind.PARTNERSHIP),
    ):
        if word in name.casefold():
            kind = k
    slug, n = slugify(name)[:45] or "body", 1
    while Body.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{slugify(name)[:45]}-{n}"
    body = Body(name=name, slug=slug, kind=kind)
    body.full_clean()
    body.save()
    return body


def _organisation(name, cache):
    if not name:
        return None
    key = _plain(name)
    if key not in cache:
        for org in Organisation.objects.all():
            if key in {_plain(n) for n in [org.name, *org.aliases]}:
                cache[key] = org
                break
        else:
            org = Organisation(name=name[:200])
            org.full_clean()
            org.save()
            cache[key] = org
    return cache[key]


def _start(date, time):
    day = datetime.date.fromisoformat(date)
    hh, mm = (int(x) for x in (time or "00:00").split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hh, mm)))


def meeting_match(body, date):
    if body is None or not date:
        return None
    day = datetime.date.fromisoformat(date)
    held = list(Meeting.objects.filter(body=body, start__date=day).order_by("pk"))
    # a meeting that went ahead before one that was cancelled on the same day
    held.sort(key=lambda m: m.status == Meeting.Status.CANCELLED)
    return held[0] if held else None


# -------------------------------------------------------------- the plan
def _people_in(reading):
    """(printed, body as printed) for every name in the reading's minutes."""
    for minutes in reading.get("minutes") or []:
        n = minutes.get("body")
        att = minutes.get("attendance") or {}
        for role in ("present_members", "other_representatives", "employees"):
            for row in att.get(role) or []:
                yield row["name"], n
        for row in att.get("apologies_detail") or []:
            yield row["name"], n
        for row in att.get("substitutes") or []:
            yield row["name"], n
            if row.get("for"):
                yield row["for"], n
        for item in minutes.get("items") or []:
            for declaration in item.get("declarations") or []:
                for name in declaration["names"]:
                    yield name, n


def import_plan(reading, *, choices=None):
    """What saving this reading would do, in words an officer can check."""
    people = People(choices=choices)
    plan = {
        "meetings": [],
        "names": [],
        "problems": list(reading.get("problems") or []),
    }
    sets = []
    for pack in as_packs(reading):
        if pack.get("agenda"):
            sets.append(("agenda", pack["agenda"]))
        sets += [("minutes", m) for m in pack.get("minutes") or []]
    for kind, part in sets:
        if not part.get("date") or not part.get("body"):
            plan["meetings"].append(
                {
                    "kind": kind,
                    "body": part.get("body"),
                    "date": part.get("date"),
                    "unusable": "no date" if not part.get("date") else "no body",
                }
            )
            continue
        body = body_match(part.get("body"))
        meeting = meeting_match(body, part.get("date"))
        row = {
            "kind": kind,
            "body": part.get("body"),
            "body_found": body.name if body else None,
            "date": part.get("date"),
            "meeting_found": meeting.pk if meeting else None,
        }
        if kind == "agenda":
            held = (
                set(meeting.agenda_items.values_list("number", "sub_letter"))
                if meeting
                else set()
            )
            row["items_new"] = sum(
                1
                for it in part["items"]
                if (int(it["number"]), it["sub"] or "") not in held
            )
            row["items_held"] = len(part["items"]) - row["items_new"]
        else:
            held = (
                set(meeting.minutes.values_list("number", flat=True))
                if meeting
                else set()
            )
            numbers = [_minute_number(it["number"]) for it in part.get("items") or []]
            row["minutes_new"] = sum(1 for n in numbers if n not in held)
            row["minutes_held"] = len(numbers) - row["minutes_new"]
        plan["meetings"].append(row)
    seen, members = set(), {}
    names = [row for pack in as_packs(reading) for row in _people_in(pack)]
    for printed, body_name in names:
        if body_name not in members:
            body = body_match(body_name)
            members[body_name] = (
                set(body.memberships.values_list("person_id", flat=True))
                if body
                else set()
            )
        m = people.match(printed, members=members[body_name])
        if m.key in seen:
            continue
        seen.add(m.key)
        plan["names"].append(
            {
                "printed": printed,
                "key": m.key,
                "how": m.how,
                "person": m.person.pk if m.person else None,
                "person_name": str(m.person) if m.person else None,
                "candidates": [{"pk": p.pk, "name": str(p)} for p in m.candidates],
            }
        )
    return plan


def _minute_number(printed):
    return int(re.match(r"\d+", str(printed)).group())


# -------------------------------------------------------------- saving
class _Saver:
    def __init__(self, *, by, choices, source=""):
        self.by = by
        self.source = source or "an imported document"
        self.people = People(choices=choices)
        self.orgs = {}
        self.counts = defaultdict(int)
        self.left_out = []

    def count(self, what, n=1):
        self.counts[what] += n

    def came_from(self, obj, line):
        """Where a new row was read, for officers (never on a public page)."""
        where = f", line {line}" if line else ""
        provenance.record(obj, f"Imported from {self.source}{where}.")

    def leave_out(self, where, message):
        self.left_out.append({"line": where, "message": message})

    # -- meetings
    def meeting(self, part, *, kind="minutes", published=None):
        """The meeting a part of the reading is about, or None (reported) when
        the reading has no date or no body for it."""
        if not part.get("date") or not part.get("body"):
            what = "date" if not part.get("date") else "body"
            self.leave_out(
                part.get("date_line") or (part.get("header_lines") or [None])[0],
                f"The meeting's {what} could not be read: its {kind} "
                + ("is" if kind == "agenda" else "are")
                + " left out.",
            )
            return None
        body = _body_for(part["body"])
        meeting = meeting_match(body, part["date"])
        if meeting is not None:
            self.count("meetings matched")
            changed = []
            if part.get("place") and not meeting.venue:
                meeting.venue = part["place"][:200]
                changed.append("venue")
            if part.get("closing_time") and meeting.closed_at is None:
                meeting.closed_at = datetime.time.fromisoformat(part["closing_time"])
                changed.append("closed_at")
            if changed:
                meeting.save(update_fields=[*changed, "updated_at"])
            return meeting
        if not part.get("time"):
            self.leave_out(
                part.get("date_line") or (part.get("header_lines") or [None])[0],
                f"{body} {part['date']}: no time is printed; the meeting is saved "
                "at midnight. Correct its time.",
            )
        start = _start(part["date"], part.get("time"))
        status = {
            "cancelled": Meeting.Status.CANCELLED,
            "held": Meeting.Status.HELD,
            "scheduled": Meeting.Status.SCHEDULED,
        }.get(part.get("status"))
        meeting = Meeting(
            body=body,
            start=start,
            venue=(part.get("place") or "")[:200],
            status=status
            or (
                Meeting.Status.HELD
                if start < timezone.now()
                else Meeting.Status.SCHEDULED
            ),
            closed_at=(
                datetime.time.fromisoformat(part["closing_time"])
                if part.get("closing_time")
                else None
            ),
        )
        if published:
            meeting.agenda_status = Meeting.AgendaStatus.PUBLISHED
            meeting.agenda_published_at = _start(published, "09:00")
        meeting.full_clean()
        meeting.save()
        self.came_from(
            meeting, part.get("date_line") or (part.get("header_lines") or [None])[0]
        )
        self.count("meetings added")
        return meeting

    # -- the agenda
    def agenda(self, agenda):
        meeting = self.meeting(agenda, kind="agenda", published=agenda.get("published"))
        if meeting is None:
            return None
        if meeting.agenda_status != Meeting.AgendaStatus.PUBLISHED:
            meeting.agenda_status = Meeting.AgendaStatus.PUBLISHED
            meeting.agenda_published_at = meeting.agenda_published_at or (
                _start(agenda["published"], "09:00")
                if agenda.get("published")
                else None
            )
            meeting.save(
                update_fields=["agenda_status", "agenda_published_at", "updated_at"]
            )
        if agenda.get("publisher") and not meeting.published_by:
            meeting.published_by = agenda["publisher"][:200]
            meeting.save(update_fields=["published_by", "updated_at"])
        held = {(i.number, i.sub_letter): i for i in meeting.agenda_items.all()}
        sections = {}
        for it in agenda["items"]:
            number, sub = int(it["number"]), it["sub"] or ""
            if (number, sub) in held:
                self.count("agenda items matched")
                known = held[(number, sub)]
                if it.get("documents") and not known.source_documents:
                    known.source_documents = _documents(it)
                    known.save(update_fields=["source_documents"])
                    self.count("agenda items given their papers")
                continue
            if it["exempt"] and not it.get("exempt_paragraph"):
                self.leave_out(
                    it.get("line"),
                    f"Item {it['number']}{sub} of {meeting.body} on "
                    f"{meeting.start:%-d %B %Y}: exempt, but no Schedule 12A paragraph "
                    "is printed; left out. Add it by hand with its paragraph.",
                )
                continue
            item = AgendaItem(
                meeting=meeting,
                section=self._section(meeting.body, it.get("section"), sections),
                number=number,
                sub_letter=sub,
                title=it["title"][:300],
                kind=_item_kind(it),
                presenter=(it.get("presenter") or "")[:300],
                description=it.get("description") or "",
                page_start=(it.get("pages") or [None])[0],
                page_end=(it.get("pages") or [None, None])[-1],
                is_exempt=bool(it["exempt"]),
                exempt_paragraph=it.get("exempt_paragraph") if it["exempt"] else None,
                open_title=it["title"][:300] if it["exempt"] else "",
                is_standing_end=_item_kind(it) == AgendaItem.Kind.ANY_OTHER_BUSINESS,
                source_documents=_documents(it),
            )
            item.full_clean()
            item.save()
            self.came_from(item, it.get("line"))
            held[(number, sub)] = item
            self.count("agenda items added")
        self._link_minutes(meeting)
        return meeting

    def _link_minutes(self, meeting):
        """Join each minute to the agenda item it records, when the titles are
        the same but for spacing and dashes and only one item fits: the minutes
        and the agenda may come from different documents, in either order."""
        items = [
            i
            for i in meeting.agenda_items.filter(minutes__isnull=True)
            if i.kind not in (AgendaItem.Kind.MINUTES, AgendaItem.Kind.MATTERS_ARISING)
        ]
        for minute in meeting.minutes.filter(agenda_item__isnull=True):
            fits = [i for i in items if _same_title(i.title, minute.title)]
            if len(fits) == 1:
                minute.agenda_item = fits[0]
                minute.save(update_fields=["agenda_item"])
                items.remove(fits[0])
                self.count("minutes joined to their agenda items")

    def _section(self, body, name, cache):
        if not name:
            return None
        if name not in cache:
            section = AgendaSection.objects.filter(body=body, name__iexact=name).first()
            if section is None:
                section = AgendaSection.objects.create(
                    body=body,
                    name=name[:100],
                    order=body.sections.count(),
                    is_private=bool(PRIVATE.search(name)),
                )
            cache[name] = section
        return cache[name]

    # -- the minutes
    def minutes(self, part):
        meeting = self.meeting(part)
        if meeting is None:
            return None
        members = set(meeting.body.memberships.values_list("person_id", flat=True))
        self.attendance(meeting, part.get("attendance") or {}, members)
        held = {m.number: m for m in meeting.minutes.all()}
        for it in part.get("items") or []:
            number = _minute_number(it["number"])
            if number in held:
                self.count("minutes matched")
                minute = held[number]
            else:
                minute = Minute(
                    meeting=meeting,
                    number=number,
                    title=it["title"][:300],
                    narrative=narrative_html(it.get("narrative") or []),
                    is_exempt=bool(it.get("exempt")),
                )
                try:
                    minute = minute_create(minute=minute, user=self.by)
                except ValidationError as exc:
                    self.leave_out(
                        it.get("line_start"), f"Minute {number}: {exc.messages[0]}"
                    )
                    continue
                held[number] = minute
                self.came_from(minute, it.get("line_start"))
                self.count("minutes added")
            if (
                it.get("resolutions")
                and not Resolution.objects.filter(minute=minute).exists()
            ):
                resolution_save(
                    minute=minute,
                    preamble=_preamble(it),
                    clauses=[_clause(c) for c in it["resolutions"]],
                    user=self.by,
                )
                self.count("resolutions added")
            for declaration in it.get("declarations") or []:
                self.declaration(meeting, minute, declaration, members)
        self._link_minutes(meeting)
        meeting.refresh_from_db()
        if meeting.minutes_status == Meeting.MinutesStatus.DRAFT:
            # printed in a published pack: public, subject to approval
            meeting.minutes_status = Meeting.MinutesStatus.PUBLISHED_DRAFT
            meeting.minutes_published_at = (
                meeting.minutes_published_at or timezone.now()
            )
            meeting.save(
                update_fields=["minutes_status", "minutes_published_at", "updated_at"]
            )
        return meeting

    def _person(self, row, members):
        match = self.people.match(row["name"], members=members)
        if not match.placed:
            if match.candidates:
                message = (
                    f"{row['name']!r} could be "
                    + " or ".join(str(p) for p in match.candidates)
                    + ": choose who it is; left out."
                )
            elif match.how == "gone":
                message = (
                    f"{row['name']!r}: the person chosen no longer exists; left out."
                )
            else:
                message = f"{row['name']!r} was skipped."
            self.leave_out(row.get("line"), message)
            return None
        org = _organisation(row.get("organisation"), self.orgs)
        person = self.people.person_for(
            match, organisation=org, post=row.get("post") or ""
        )
        NameAlias.objects.get_or_create(
            key=match.key, defaults={"printed": row["name"], "person": person}
        )
        return person

    def attendance(self, meeting, att, members):
        """The minutes' attendance, recorded as the attendance form records
        it: a substitute as a substitute for the member named, who sent
        apologies. A row that already says the same is left as it is."""
        if meeting.is_cancelled:
            return
        rows = []
        for role, status, capacity in (
            ("present_members", Attendance.Status.PRESENT, Attendance.Capacity.MEMBER),
            (
                "apologies_detail",
                Attendance.Status.APOLOGIES,
                Attendance.Capacity.MEMBER,
            ),
            (
                "other_representatives",
                Attendance.Status.PRESENT,
                Attendance.Capacity.OTHER_REPRESENTATIVE,
            ),
            ("employees", Attendance.Status.PRESENT, Attendance.Capacity.OFFICER),
        ):
            for row in att.get(role) or []:
                rows.append((row, status, capacity, None))
        for row in att.get("substitutes") or []:
            rows.append(
                (
                    row,
                    Attendance.Status.SUBSTITUTE,
                    Attendance.Capacity.MEMBER,
                    row.get("for"),
                )
            )
        for row, status, capacity, for_name in rows:
            person = self._person(row, members)
            if person is None:
                continue
            seat = None
            if for_name:
                seat = self._person(
                    {"name": for_name, "line": row.get("line")}, members
                )
            if seat is not None and not self._seat_free(meeting, person, seat, row):
                continue
            note = row.get("directorate") or ""
            wanted = {
                "status": status,
                "capacity": capacity,
                "substitute_for": seat if seat != person else None,
                "note": note[:200],
            }
            changed = self._attendance_row(meeting, person, wanted)
            if seat is not None and seat != person:
                # the member whose seat it was sent apologies
                apologies = {"status": Attendance.Status.APOLOGIES}
                changed |= self._attendance_row(meeting, seat, apologies)
            self.count("attendance added" if changed else "attendance matched")

    def _seat_free(self, meeting, person, seat, row):
        """Whether `person` may take `seat`'s place: a seat has one substitute,
        and one recorded already is not replaced by a reading."""
        taken = (
            Attendance.objects.filter(meeting=meeting, substitute_for=seat)
            .exclude(person=person)
            .select_related("person")
            .first()
        )
        if taken is None:
            return True
        self.leave_out(
            row.get("line"),
            f"{row['name']!r} as substitute for {seat}: {taken.person} is "
            "already recorded in that seat; left out.",
        )
        return False

    def _attendance_row(self, meeting, person, wanted):
        """Make the person's row at the meeting say `wanted`; whether it wrote."""
        current = Attendance.objects.filter(meeting=meeting, person=person).first()
        if current and all(getattr(current, k) == v for k, v in wanted.items()):
            return False
        row = current or Attendance(meeting=meeting, person=person)
        for key, value in wanted.items():
            setattr(row, key, value)
        if row.status != Attendance.Status.SUBSTITUTE:
            row.substitute_for = None
        row.save()
        return True

    def declaration(self, meeting, minute, declaration, members):
        kind = (
            Declaration.Kind.PECUNIARY
            if re.search(r"pecuniary", declaration["text"], re.I)
            else Declaration.Kind.NOT_STATED
        )
        cited = declaration.get("minute")
        about = None
        if cited:
            about = meeting.minutes.filter(number=_minute_number(cited)).first()
        item = (about or minute).agenda_item
        for name in declaration["names"]:
            person = self._person(
                {"name": name, "line": (declaration.get("lines") or [None])[0]}, members
            )
            if person is None:
                continue
            _, created = declaration_make(
                meeting=meeting,
                person=person,
                agenda_item=item,
                kind=kind,
                text=declaration["text"],
                withdrew=bool(declaration.get("withdrew")),
            )
            self.count("declarations added" if created else "declarations matched")


def _same_title(a, b):
    def plain(t):
        return re.sub(r"[^a-z0-9]+", " ", t.casefold()).strip()

    return difflib.SequenceMatcher(None, plain(a), plain(b)).ratio() >= 0.9


def _documents(it):
    return [
        {"title": d["title"], "url": d["url"]}
        for d in it.get("documents") or []
        if d.get("url", "").startswith(("https://", "http://"))
    ]


def _item_kind(it):
    title = it["title"].strip().casefold()
    for pattern, kind in ITEM_KINDS:
        if re.search(pattern, title):
            return kind
    presenter_line = (it.get("presenter_line") or "").casefold()
    if "presentation" in presenter_line:
        return AgendaItem.Kind.PRESENTATION
    if it.get("presenter") or it.get("pages"):
        return AgendaItem.Kind.REPORT
    return AgendaItem.Kind.OTHER


RESOLVED = re.compile(r"^(?:it\s+was\s+)?resolved\b\s*(?:that\b)?[\s,:\-\u2013]*", re.I)


def _preamble(item):
    """What the minutes print between "RESOLVED that" and the colon, which is
    how the minutes page prints an opener back: "having considered ...",
    "the Cabinet"."""
    opener = RESOLVED.sub("", item.get("resolution_opener") or "")
    return re.sub(r"[\s:\-\u2013]+$", "", opener)


def _clause(row):
    """A clause as the product keeps it: without its label, and an inline
    resolution without its "RESOLVED that"."""
    text = row["text"]
    if not row.get("label"):
        text = RESOLVED.sub("", text) or text
    return resolutions.Clause(
        row.get("label") or "",
        text,
        [_clause(c) for c in row.get("children") or []],
    )


def narrative_html(paras):
    """Paragraphs and bullets as the minutes page shows them."""
    out, bullets = [], []
    for p in paras:
        if p.get("bullet"):
            bullets.append(f"<li>{escape(p['text'])}</li>")
            continue
        if bullets:
            out.append("<ul>" + "".join(bullets) + "</ul>")
            bullets = []
        out.append(f"<p>{escape(p['text'])}</p>")
    if bullets:
        out.append("<ul>" + "".join(bullets) + "</ul>")
    return "".join(out)


def as_packs(reading):
    """A ModernGov reading as one pack-shaped reading per meeting: its agenda,
    with its status, and its attendance as a set of minutes without minutes."""
    if "meetings" not in reading:
        return [reading]
    packs = []
    for m in reading["meetings"]:
        agenda = dict(m["agenda"], status=m.get("status"))
        minutes = []
        att = m.get("attendance") or {}
        if m.get("status") == "held" and any(att.get(k) for k in att):
            minutes.append(
                {k: m.get(k) for k in ("body", "date", "time", "place")}
                | {"attendance": att, "items": []}
            )
        packs.append({"agenda": agenda, "minutes": minutes, "problems": []})
    return packs


# One import at a time: two officers importing packs of the same meetings at
# once would each find no meeting and each add one. PostgreSQL holds this lock
# to the end of the transaction; SQLite already writes one transaction at once.
IMPORT_LOCK = 0x48574242  # "HWBB"


def _one_import_at_a_time():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


@transaction.atomic
def import_commit(reading, *, by, choices=None):
    """Save a reading (a pack's or ModernGov's); returns what was added, matched
    and left out."""
    _one_import_at_a_time()
    saver = _Saver(by=by, choices=choices, source=reading.get("source"))
    meetings = []
    for pack in as_packs(reading):
        if pack.get("agenda"):
            meetings.append(saver.agenda(pack["agenda"]))
        for part in pack.get("minutes") or []:
            meetings.append(saver.minutes(part))
    return {
        "counts": dict(saver.counts),
        "left_out": saver.left_out,
        "meetings": [m.pk for m in meetings if m is not None],
    }


HOW = {
    "alias": "known name",
    "name": "matched by name",
    "member": "matched: the body's member of that name",
    "chosen": "chosen by an officer",
    "new": "new person",
    "ambiguous": "cannot tell who: left out",
    "skip": "skipped",
    "gone": "the person chosen no longer exists: left out",
}


def plan_in_words(plan):
    out = ["What saving would do:"]
    for row in plan["meetings"]:
        if row.get("unusable"):
            out.append(f"  {row['kind']}: {row['unusable']}, so left out")
            continue
        found = "existing meeting" if row["meeting_found"] else "new meeting"
        body = row["body_found"] or f"{row['body']} (new body)"
        if row["kind"] == "agenda":
            counts = f"{row['items_new']} new items, {row['items_held']} already held"
        else:
            counts = (
                f"{row['minutes_new']} new minutes, {row['minutes_held']} already held"
            )
        out.append(f"  {row['kind']}: {body}, {row['date']}: {found}; {counts}")
    for name in plan["names"]:
        who = f" -> {name['person_name']}" if name["person_name"] else ""
        out.append(f"  {name['printed']}: {HOW[name['how']]}{who}")
    return "\n".join(out)


def result_in_words(result):
    out = ["Saved:"]
    for what, n in sorted(result["counts"].items()):
        out.append(f"  {n} {what}")
    for row in result["left_out"]:
        out.append(f"  left out (line {row['line']}): {row['message']}")
    return "\n".join(out)
