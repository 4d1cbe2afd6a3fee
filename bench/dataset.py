"""A board's ten years: a PostgreSQL database at the size of a real council's record.

The demo (meetings/demo: the Coventry seed packs read by the pack importer, the
strategy and its versions, the indicators, the people, the bodies and the demo
users) is loaded first through the product's own loader; then YEARS of business
are added around it with bulk_create, written in the demo's own sentences and
tagged to its pillars and priorities. At --years 10 and --scale 1 that is about:

    15 bodies (8 meeting in private), ~600 meetings, ~8,000 agenda items (about
    1 in 14 exempt, Part 2), ~6,000 minutes, ~3,000 decisions, ~20,000 actions
    (a third owned by an organisation) with ~60,000 progress updates, ~2,000
    papers (report records, each with one small shared PDF), ~100,000 indicator
    values (21 indicators x 160 areas x 3 sexes a year), progress returns on
    each priority, attendance, and an older strategy version for the years
    before the demo's 2019 strategy.

The same page can be read at one year and at ten (`--years 1`): the demo's own
rows are the same in both; only the years of generated business differ.

The demo users (officer, chair, member, author, lead, admin) get a real
password, BENCH_PASSWORD, so a load test can sign in with DEBUG off.

    python bench/dataset.py --years 10 \\
        --database-url postgres://postgres@127.0.0.1:5432/hwbb_bench10

The database is dropped and created afresh (migrated from a template database
kept per set of migrations, so the second run skips the migrations). History
rows (django-simple-history) and notifications are not generated: the pages
that read them are not the ones this dataset is for. `build()` adds the
business to whatever database Django is connected to (the tests call it on
theirs, at a small --scale).
"""

import argparse
import datetime
import hashlib
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_PASSWORD = "hwbb-bench-2019"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/hwbb_bench10"
SEED = 2019

# (slug, name, meets in public): five more bodies beside the demo's ten
EXTRA_BODIES = [
    ("health-protection-board", "Health Protection Board", False),
    ("bcf-executive", "Better Care Fund Executive", False),
    ("jsna-steering-group", "JSNA Steering Group", False),
    ("scrutiny-board-4", "Scrutiny Board 4 (Health and Social Care)", True),
    ("place-partnership", "Coventry Place Partnership Board", True),
]
# By kind of body: meetings a year, business items on an agenda, actions from
# each minute of business. The home board carries the most: its action log
# holds about 40% of the actions, as in the measured dataset.
MEETINGS_A_YEAR = {"home": 8, "public": 5, "private": 3}
BUSINESS_ITEMS = {"home": (8, 12), "public": (5, 9), "private": (5, 9)}
ACTIONS_PER_MINUTE = {"home": (4, 14), "public": (1, 5), "private": (1, 5)}
TOPICS = [
    "Better Care Fund plan",
    "Pharmaceutical needs assessment",
    "Joint Strategic Needs Assessment",
    "Director of Public Health annual report",
    "Youth violence prevention",
    "Homelessness and rough sleeping",
    "Loneliness and social isolation",
    "Children and young people's mental health",
    "Marmot City programme",
    "Healthy weight strategy",
    "Tobacco control plan",
    "Drug and alcohol strategy",
    "Suicide prevention plan",
    "Winter pressures and hospital discharge",
    "Integrated care system update",
    "Population health management",
    "Health inequalities in employment",
    "Community mental health transformation",
    "Immunisation and screening uptake",
    "Air quality and health",
    "Dementia strategy",
    "Carers strategy",
    "Safeguarding adults annual report",
    "Safeguarding children annual report",
    "Social prescribing",
    "Physical activity and sport",
    "Food insecurity",
    "Fuel poverty and cold homes",
    "Domestic abuse strategy",
    "Sexual health services",
    "Maternity and early years",
    "Special educational needs",
    "Learning disability and autism",
    "Health protection assurance",
    "Covid-19 outbreak management",
    "Cost of living",
    "Co-production with communities",
    "Workforce and recruitment",
    "Primary care access",
    "Digital inclusion",
]
ITEM_KINDS = ["update", "report", "plan", "review", "progress"]
REPORT_KINDS = ["report", "report", "report", "presentation", "oral_update"]
EXEMPT_TITLES = [
    "Contract award: community services",
    "Provider market position",
    "Staffing restructure",
    "Legal advice on a commissioning dispute",
    "Individual care package review",
]
VERBS = ["noted", "endorsed", "approved", "agreed", "requested", "supported"]
UPDATE_STATUSES = ["on_track", "on_track", "at_risk", "off_track"]
SEXES = ["Persons", "Male", "Female"]
# the share of these standing items that get no minute of their own
UNMINUTED = {"chairs_update": 0.5, "declarations": 0.3, "any_other_business": 0.7}
OLD_PRIORITIES = [
    "Early help for children and families",
    "Healthy ageing",
    "Reducing health inequalities",
]


def _local(day, hour=14):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class Generator:
    """Adds `years` of business, ending about now, to a database that holds the
    demo. `scale` shrinks (or grows) the counts per meeting and per indicator."""

    def __init__(self, *, years, scale=1.0, seed=SEED):
        from django.utils import timezone

        self.years, self.scale = years, scale
        self.rng = random.Random(seed)
        self.today = timezone.localdate()
        self.start = self.today - datetime.timedelta(days=round(365.25 * years))
        self.counts = {}

    def n(self, low, high):
        """A count between low and high, scaled (at least 1 while high is)."""
        k = self.rng.randint(low, high)
        return max(1 if high else 0, round(k * self.scale)) if k else 0

    def run(self):
        from django.db import transaction

        with transaction.atomic():
            self.setup()
            self.bodies_and_members()
            self.strategy_versions()
            self.meetings()
            self.agenda()
            self.minutes()
            self.decisions()
            self.actions()
            self.papers()
            self.returns()
            self.indicators()
            self.users()
        return self.counts

    # -- words ----------------------------------------------------------------------
    def setup(self):
        from meetings import models as m
        from meetings import search
        from meetings.demo import content

        texts = list(m.Minute.objects.values_list("narrative", flat=True))
        texts += list(m.ResolutionClause.objects.values_list("text", flat=True))
        texts += [a.get("description") or "" for a in content.ACTIONS]
        words = " ".join(search.TAG.sub(" ", t) for t in texts)
        self.sentences = [
            s.strip() + "." for s in words.split(".") if 5 <= len(s.split()) <= 45
        ]
        self.people = list(m.Person.objects.all())
        self.orgs = list(m.Organisation.objects.all())

    def text(self, words):
        out, count = [], 0
        while count < words:
            sentence = self.rng.choice(self.sentences)
            out.append(sentence)
            count += len(sentence.split())
        return " ".join(out)

    # -- who ------------------------------------------------------------------------
    def bodies_and_members(self):
        from django.conf import settings

        from meetings import models as m

        for slug, name, public in EXTRA_BODIES:
            body, _ = m.Body.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "kind": "committee", "meets_in_public": public},
            )
            for order, section in enumerate(["Public business", "Private business"]):
                m.AgendaSection.objects.get_or_create(
                    body=body,
                    name=section,
                    defaults={"order": order, "is_private": bool(order)},
                )
            if not body.memberships.exists():
                seats = self.rng.sample(self.people, 12)
                m.Membership.objects.bulk_create(
                    m.Membership(
                        body=body,
                        person=p,
                        role="chair" if i == 0 else "voting_member",
                        on_behalf_of=p.organisation,
                    )
                    for i, p in enumerate(seats)
                )
        self.bodies = list(m.Body.objects.order_by("pk"))
        self.home = m.Body.objects.get(slug=settings.HOME_BODY_SLUG)
        self.public = {b.pk: b.meets_in_public for b in self.bodies}
        self.seats = {b.pk: [] for b in self.bodies}
        for ms in m.Membership.objects.seats():
            self.seats[ms.body_id].append(ms.person_id)
        for body in self.bodies:  # a body with no recorded members: borrow some
            if len(self.seats[body.pk]) < 4:
                self.seats[body.pk] += [p.pk for p in self.rng.sample(self.people, 8)]
        self.sections = {}
        for section in m.AgendaSection.objects.all():
            self.sections.setdefault(section.body_id, {})[section.is_private] = section
        self.counts["bodies"] = len(self.bodies)

    def kind_of(self, body_id):
        if body_id == self.home.pk:
            return "home"
        return "public" if self.public[body_id] else "private"

    def strategy_versions(self):
        """The priorities current on each day: the demo's 2019 strategy, its
        2023 refresh, and before 2019 an older strategy of the board's."""
        from strategy import models as s

        self.kings_fund = list(
            s.Pillar.objects.filter(framework__slug="kings-fund").order_by("order")
        )
        self.pillars = list(s.Pillar.objects.all())
        versions = list(
            s.StrategyVersion.objects.filter(kind__in=["original", "refresh"])
            .prefetch_related("priorities")
            .order_by("published")
        )
        first = versions[0]
        if self.start < first.period_start:
            older, _ = s.StrategyVersion.objects.get_or_create(
                strategy=first.strategy,
                key="2014",
                defaults={
                    "label": "Health and Wellbeing Strategy 2014-2018",
                    "kind": "original",
                    "period_start": datetime.date(2014, 1, 1),
                    "period_end": datetime.date(2018, 12, 31),
                    "published": datetime.date(2014, 4, 1),
                    "successor": first,
                    "vision": self.text(30),
                },
            )
            for number, title in enumerate(OLD_PRIORITIES, 1):
                priority, _ = s.Priority.objects.get_or_create(
                    slug=f"2014-p{number}",
                    defaults={"version": older, "number": number, "title": title},
                )
                priority.pillars.set(self.rng.sample(self.kings_fund, 2))
            versions.insert(0, older)
        self.versions = [
            (v.published or v.period_start, list(v.priorities.all())) for v in versions
        ]

    def priorities_on(self, day):
        current = self.versions[0][1]
        for since, priorities in self.versions:
            if since <= day:
                current = priorities
        return current

    # -- meetings and their agendas -------------------------------------------------
    def meetings(self):
        from meetings import models as m

        officer = m.Person.objects.filter(user__username="officer").first()
        self.officer = officer or self.people[0]
        rows = []
        for body in self.bodies:
            every = 365.25 / MEETINGS_A_YEAR[self.kind_of(body.pk)]
            day = self.start + datetime.timedelta(days=self.rng.randint(0, int(every)))
            while day < self.today + datetime.timedelta(days=120):
                rows.append(self._meeting(body, day))
                day += datetime.timedelta(days=round(every))
        self.meetings_made = m.Meeting.objects.bulk_create(rows)
        self._approvals()
        self.counts["meetings"] = len(self.meetings_made)

    def _meeting(self, body, day):
        from meetings import models as m

        while day.weekday() > 3:
            day += datetime.timedelta(days=1)
        start = _local(day, self.rng.choice([10, 14, 14, 17]))
        past = day < self.today
        agenda_out = day - datetime.timedelta(days=7) <= self.today
        if not past:
            minutes = "none"
        elif day > self.today - datetime.timedelta(days=14):
            minutes = "draft"
        else:
            minutes = "approved"
        return m.Meeting(
            body=body,
            start=start,
            end=start + datetime.timedelta(hours=2),
            venue="Committee Room 3 - Council House",
            status="held" if past else "scheduled",
            agenda_status="published" if agenda_out else "draft",
            agenda_published_at=start - datetime.timedelta(days=7)
            if agenda_out
            else None,
            published_by="Governance Services" if agenda_out else "",
            minutes_status=minutes,
            contact_officer=self.officer,
        )

    def _approvals(self):
        """Approved minutes point at the body's next meeting, and the last
        held meeting's are published as a draft until then."""
        from meetings import models as m

        by_body = {}
        for meeting in sorted(self.meetings_made, key=lambda x: x.start):
            by_body.setdefault(meeting.body_id, []).append(meeting)
        changed = []
        for meetings in by_body.values():
            for meeting, later in zip(meetings, meetings[1:] + [None], strict=True):
                if meeting.minutes_status != "approved":
                    continue
                if later is None or later.start.date() >= self.today:
                    meeting.minutes_status = "published_draft"
                else:
                    meeting.minutes_approved_at = later
                meeting.minutes_published_at = meeting.start + datetime.timedelta(
                    days=10
                )
                changed.append(meeting)
        m.Meeting.objects.bulk_update(
            changed, ["minutes_status", "minutes_approved_at", "minutes_published_at"]
        )

    def agenda(self):
        from meetings import models as m

        rows, self.tags = [], {}
        for meeting in self.meetings_made:
            rows += self._agenda_of(meeting)
        self.items = m.AgendaItem.objects.bulk_create(rows)
        self._bulk_tags(m.AgendaItem, self.items)
        self.counts["agenda items"] = len(self.items)
        self.counts["exempt agenda items"] = sum(i.is_exempt for i in self.items)

    def _agenda_of(self, meeting):
        from meetings import models as m

        sections = self.sections.get(meeting.body_id, {})
        openly = sections.get(False)
        standing = [
            ("Apologies for absence", "apologies"),
            ("Declarations of interest", "declarations"),
            ("Minutes of the previous meeting", "minutes"),
            ("Chair's update", "chairs_update"),
        ]
        items = [
            m.AgendaItem(meeting=meeting, section=openly, title=t, kind=k)
            for t, k in standing
        ]
        for _ in range(self.n(*BUSINESS_ITEMS[self.kind_of(meeting.body_id)])):
            topic = self.rng.choice(TOPICS)
            items.append(
                m.AgendaItem(
                    meeting=meeting,
                    section=openly,
                    title=f"{topic}: {self.rng.choice(ITEM_KINDS)}",
                    kind=self.rng.choice(REPORT_KINDS),
                    presenter=self.rng.choice(self.people).display_name,
                    description=self.text(40),
                )
            )
        if self.rng.random() < 0.4:
            for _ in range(self.rng.randint(1, 2)):
                title = self.rng.choice(EXEMPT_TITLES)
                items.append(
                    m.AgendaItem(
                        meeting=meeting,
                        section=sections.get(True, openly),
                        title=f"{title} ({self.rng.choice(TOPICS)})",
                        kind="report",
                        description=self.text(40),
                        is_exempt=True,
                        exempt_paragraph=self.rng.choice([1, 3, 3, 5]),
                        open_title=title.split(":")[0],
                    )
                )
        items.append(
            m.AgendaItem(
                meeting=meeting,
                section=openly,
                title="Any other business",
                kind="any_other_business",
                is_standing_end=True,
            )
        )
        day = meeting.start.date()
        for number, item in enumerate(items, 1):
            item.number = number
            if item.kind in ("report", "presentation", "oral_update"):
                self._tag(item, day)
        return items

    def _tag(self, item, day):
        """Most business is tagged: a primary pillar, maybe secondary ones,
        and one or two of the priorities current on the day."""
        if self.rng.random() > 0.85:
            return
        item.primary_pillar = self.rng.choice(self.kings_fund)
        others = [p for p in self.pillars if p.pk != item.primary_pillar.pk]
        priorities = self.priorities_on(day)
        item._secondary = self.rng.sample(others, self.rng.randint(0, 2))
        item._priorities = self.rng.sample(
            priorities, min(len(priorities), self.rng.randint(1, 2))
        )

    def _bulk_tags(self, model, rows, source=lambda row: row):
        """Each row's secondary pillars and priorities, in two bulk inserts,
        from `source(row)` (the row's own, or the item it carries them from)."""
        field = model._meta.model_name
        secondary = model.secondary_pillars.through
        priorities = model.priorities.through
        s_rows, p_rows = [], []
        for row in rows:
            origin = source(row)
            for pillar in getattr(origin, "_secondary", []):
                s_rows.append({f"{field}_id": row.pk, "pillar_id": pillar.pk})
            for priority in getattr(origin, "_priorities", []):
                p_rows.append({f"{field}_id": row.pk, "priority_id": priority.pk})
        copy_rows(secondary, s_rows)
        copy_rows(priorities, p_rows)
        self.counts[f"{field} tags"] = len(s_rows) + len(p_rows)

    # -- minutes, decisions, actions ------------------------------------------------
    def minutes(self):
        from django.db.models import Max

        from meetings import models as m

        meetings = {mt.pk: mt for mt in self.meetings_made}
        numbers = {
            (r["body"], r["municipal_year"]): r["n"]
            for r in m.Minute.objects.values("body", "municipal_year").annotate(
                n=Max("number")
            )
        }
        rows = []
        for item in self.items:
            meeting = meetings[item.meeting_id]
            if meeting.minutes_status == "none" or item.kind == "apologies":
                continue
            if self.rng.random() < UNMINUTED.get(item.kind, 0):
                continue
            year = meeting.municipal_year
            key = (meeting.body_id, year)
            numbers[key] = numbers.get(key, 0) + 1
            rows.append(
                m.Minute(
                    meeting=meeting,
                    agenda_item=item,
                    body_id=meeting.body_id,
                    number=numbers[key],
                    municipal_year=year,
                    title=item.title,
                    narrative=f"<p>{self.text(self.n(60, 180))}</p>"
                    f"<p>{self.text(40)}</p>",
                    is_exempt=item.is_exempt,
                    exempt_paragraph=item.exempt_paragraph,
                    taken_at=meeting.start,
                    updated_at=meeting.start,
                )
            )
        self.minutes_made = m.Minute.objects.bulk_create(rows, batch_size=2000)
        self.counts["minutes"] = len(self.minutes_made)
        self.counts["exempt minutes"] = sum(x.is_exempt for x in self.minutes_made)

    def decisions(self):
        from meetings import models as m

        items = {i.pk: i for i in self.items}
        self.item_of = {}
        decided = [
            x
            for x in self.minutes_made
            if items[x.agenda_item_id].kind in ("report", "presentation")
            and self.rng.random() < 0.6
        ]
        resolutions = m.Resolution.objects.bulk_create(
            m.Resolution(
                minute=x,
                primary_pillar=items[x.agenda_item_id].primary_pillar,
                preamble="the Board",
            )
            for x in decided
        )
        for r in resolutions:
            self.item_of[r.minute_id] = items[r.minute.agenda_item_id]
        self._bulk_tags(m.Resolution, resolutions, lambda r: self.item_of[r.minute_id])
        clauses = []
        for r in resolutions:
            for order in range(1, self.rng.randint(1, 4) + 1):
                verb = self.rng.choice(VERBS)
                clauses.append(
                    m.ResolutionClause(
                        resolution=r,
                        label=str(order),
                        order=order,
                        verb=verb,
                        text=f"{verb.capitalize()} {self.text(20)}",
                    )
                )
        clauses = m.ResolutionClause.objects.bulk_create(clauses, batch_size=5000)
        self.clauses = {}
        for c in clauses:
            self.clauses.setdefault(c.resolution.minute_id, []).append(c)
        self.counts["decisions"] = len(resolutions)
        self.counts["decision clauses"] = len(clauses)

    def actions(self):
        from meetings import models as m

        items = {i.pk: i for i in self.items}
        meetings = {mt.pk: mt for mt in self.meetings_made}
        leads = set(
            m.OrganisationLead.objects.values_list("organisation_id", flat=True)
        )
        self.led_orgs = [o for o in self.orgs if o.pk in leads] or self.orgs
        rows = []
        for minute in self.minutes_made:
            item = items[minute.agenda_item_id]
            if item.kind not in ("report", "presentation", "oral_update"):
                continue
            meeting = meetings[minute.meeting_id]
            for _ in range(self.n(*ACTIONS_PER_MINUTE[self.kind_of(meeting.body_id)])):
                rows.append(self._action(meeting, minute, item))
        standalone = [mt for mt in self.meetings_made if mt.start.date() < self.today]
        for meeting in self.rng.sample(standalone, len(standalone) // 3):
            rows.append(self._action(meeting, None, None))
        self.actions_made = m.Action.objects.bulk_create(rows, batch_size=2000)
        self._bulk_tags(m.Action, self.actions_made, lambda a: a._item)
        self.counts["actions"] = len(self.actions_made)
        self.counts["organisation-owned actions"] = sum(
            a.owner_organisation_id is not None for a in self.actions_made
        )
        self.updates()

    def _action(self, meeting, minute, item):
        from meetings import models as m

        day = meeting.start.date()
        due = day + datetime.timedelta(days=self.rng.choice([30, 60, 90, 120, 180]))
        owner = self.rng.choice(self.seats[meeting.body_id])
        by_org = self.rng.random() < 0.33
        status, percent = self._status(due)
        clauses = self.clauses.get(minute.pk, []) if minute else []
        action = m.Action(
            body_id=meeting.body_id,
            minute=minute,
            resolution_clause=self.rng.choice(clauses) if clauses else None,
            title=f"{self.rng.choice(TOPICS)}: {self.text(8)}"[:300],
            description=self.text(30),
            owner_person_id=None if by_org else owner,
            owner_organisation=self.rng.choice(self.led_orgs) if by_org else None,
            due_date=due,
            status=status,
            percent_complete=percent,
            closing_note=self.text(15) if status in ("done", "dropped") else "",
            primary_pillar=item.primary_pillar if item else None,
            created_at=meeting.start,
        )
        action._item = item
        return action

    def _status(self, due):
        """Old actions mostly done; recent ones under way, some slipping."""
        late = (self.today - due).days
        roll = self.rng.random()
        if late > 90:
            if roll < 0.8:
                return "done", 100
            if roll < 0.88:
                return "dropped", self.rng.choice([0, 20, 50])
        if late > 0 and roll < 0.5:
            return "done", 100
        if roll < 0.2:
            return "not_started", 0
        return self.rng.choice(UPDATE_STATUSES), self.rng.choice([10, 25, 50, 75, 90])

    def updates(self):
        from meetings import models as m

        users = {p.pk: p.user_id for p in self.people}
        rows = []
        for action in self.actions_made:
            agreed = action.created_at.date()
            last = min(self.today, action.due_date + datetime.timedelta(days=30))
            span = max(1, (last - agreed).days)
            count = 0 if action.status == "not_started" else self.n(1, 5)
            for k in range(count):
                final = k == count - 1
                day = agreed + datetime.timedelta(days=span * (k + 1) // (count + 1))
                rows.append(
                    dict(
                        action_id=action.pk,
                        date=day,
                        author_id=users.get(action.owner_person_id),
                        author_person_id=action.owner_person_id,
                        status=action.status
                        if final
                        else self.rng.choice(UPDATE_STATUSES),
                        percent_complete=action.percent_complete
                        if final
                        else action.percent_complete * (k + 1) // (count + 1),
                        narrative=self.text(25),
                        created_at=_local(day, 11),
                    )
                )
        copy_rows(m.ActionUpdate, rows)
        self.counts["action updates"] = len(rows)

    # -- papers ---------------------------------------------------------------------
    def papers(self):
        """A report record on about 40% of the report items, each with one
        document; every document's file is the same small PDF."""
        from django.conf import settings

        from meetings import models as m

        pdf = Path(settings.MEDIA_ROOT) / "documents" / "bench" / "paper.pdf"
        pdf.parent.mkdir(parents=True, exist_ok=True)
        if not pdf.exists():
            pdf.write_bytes(_tiny_pdf())
        meetings = {mt.pk: mt for mt in self.meetings_made}
        items = [
            i
            for i in self.items
            if i.kind == "report"
            and meetings[i.meeting_id].agenda_status == "published"
            and self.rng.random() < 0.62
        ]
        reports = m.Report.objects.bulk_create(
            m.Report(
                title=i.title,
                body_id=meetings[i.meeting_id].body_id,
                meeting_id=i.meeting_id,
                agenda_item=i,
                presented_by=i.presenter,
                purpose=self.text(60),
                recommendations=self.text(40),
                background=self.text(self.n(100, 300)),
                is_exempt=i.is_exempt,
                exempt_paragraph=i.exempt_paragraph,
                status="accepted",
                primary_pillar=i.primary_pillar,
                created_at=meetings[i.meeting_id].start - datetime.timedelta(days=21),
            )
            for i in items
        )
        for report, item in zip(reports, items, strict=True):
            report._item = item
        self._bulk_tags(m.Report, reports, lambda r: r._item)
        authors = m.Report.authors.through
        author_person = m.Person.objects.filter(user__username="author").first()
        authors.objects.bulk_create(
            authors(
                report_id=r.pk,
                person_id=author_person.pk
                if author_person and self.rng.random() < 0.1
                else self.rng.choice(self.people).pk,
            )
            for r in reports
        )
        m.Consideration.objects.bulk_create(
            m.Consideration(report=r, body_id=r.body_id, meeting_id=r.meeting_id)
            for r in reports
        )
        size = pdf.stat().st_size
        m.Document.objects.bulk_create(
            (
                m.Document(
                    report=r,
                    title=r.title,
                    kind="report",
                    file="documents/bench/paper.pdf",
                    file_type="pdf",
                    size=size,
                    checksum=hashlib.sha256(str(r.pk).encode()).hexdigest(),
                    page_count=1,
                    extracted_text=self.text(self.n(200, 600)),
                    is_exempt=r.is_exempt,
                    uploaded_at=r.created_at,
                )
                for r in reports
            ),
            batch_size=1000,
        )
        self.counts["papers"] = len(reports)

    def returns(self):
        """A six-monthly progress return on each priority while its version
        was current, accepted by the home board."""
        from strategy import models as s

        rows, origin = [], {}
        for n, (since, priorities) in enumerate(self.versions):
            until = (
                self.versions[n + 1][0] if n + 1 < len(self.versions) else self.today
            )
            day = max(since, self.start)
            while day < until:
                for priority in priorities:
                    row = s.ProgressReport(
                        priority=priority,
                        status="accepted",
                        date=day,
                        title=f"Six-monthly return: {priority.title}"[:300],
                        body=self.home,
                        rag=self.rng.choice(["red", "amber", "green", "green"]),
                        progress=self.text(80),
                        next_steps=self.text(30),
                    )
                    row._priorities = [priority]
                    rows.append(row)
                day += datetime.timedelta(days=182)
        made = s.ProgressReport.objects.bulk_create(rows)
        for row, made_row in zip(rows, made, strict=True):
            origin[made_row.pk] = row
        self._bulk_tags(s.ProgressReport, made, lambda r: origin[r.pk])
        self.counts["progress returns"] = len(made)

    # -- indicators -----------------------------------------------------------------
    def indicators(self):
        """Each indicator's yearly value for 160 areas (England, nine regions,
        150 local authorities) by sex, as a Fingertips import would bring."""
        from indicators.models import Area, Indicator, IndicatorValue

        areas = self._areas()
        existing = set(
            IndicatorValue.objects.values_list("indicator", "area", "period_key", "sex")
        )
        rows = []
        areas_used = areas[: max(3, round(len(areas) * self.scale))]
        for indicator in Indicator.objects.all():
            base = self.rng.uniform(20, 80)
            for year in range(self.start.year, self.today.year):
                for area in areas_used:
                    for sex in SEXES:
                        if (indicator.pk, area.pk, str(year), sex) in existing:
                            continue
                        value = round(base + self.rng.uniform(-8, 8), 1)
                        half = round(self.rng.uniform(0.3, 3), 1)
                        rows.append(
                            dict(
                                indicator_id=indicator.pk,
                                area_id=area.pk,
                                period_key=str(year),
                                period_label=f"{year}/{(year + 1) % 100:02d}",
                                sex=sex,
                                value=value,
                                lower_ci_95=value - half,
                                upper_ci_95=value + half,
                                count=round(value * 100),
                                denominator=10000,
                                source="Fingertips (bench)",
                                updated_at=_local(datetime.date(year + 1, 6, 30), 9),
                            )
                        )
        copy_rows(IndicatorValue, rows)
        self.counts["indicator values"] = len(rows)
        self.counts["areas"] = Area.objects.count()

    def _areas(self):
        from django.conf import settings

        from indicators.models import Area

        england, _ = Area.objects.get_or_create(
            code="E92000001", defaults={"name": "England", "area_type": "country"}
        )
        regions = []
        for r in range(1, 10):
            region, _ = Area.objects.get_or_create(
                code=f"E120000{r:02d}",
                defaults={
                    "name": f"Region {r}",
                    "area_type": "region",
                    "parent": england,
                },
            )
            regions.append(region)
        home = Area.objects.filter(code=settings.HOME_AREA_CODE).first()
        wanted = [
            Area(
                code=f"E06{a:06d}",
                name=f"Local authority {a}",
                area_type="local_authority",
                parent=regions[a % 9],
            )
            for a in range(1, 150 if home else 151)
        ]
        Area.objects.bulk_create(wanted, ignore_conflicts=True)
        areas = [home] if home else []
        areas += [england, *regions]
        areas += list(Area.objects.filter(code__startswith="E06").order_by("code"))
        return areas

    # -- who signs in ---------------------------------------------------------------
    def users(self):
        """The demo users, with a real password, so a load test can sign in
        with DEBUG off (the demo's shared password works only with DEBUG on)."""
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import User

        from meetings.demo import DEMO_USERNAMES

        hashed = make_password(BENCH_PASSWORD)
        User.objects.filter(username__in=DEMO_USERNAMES).update(password=hashed)


def copy_rows(model, rows):
    """Insert rows (dicts of column values; a field left out takes its
    default) with PostgreSQL's COPY: the largest tables, whose rows no later
    step needs back, go in several times faster than with bulk_create."""
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    connection.ensure_connection()
    sql = f"COPY {table} ({columns}) FROM STDIN"
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([row.get(k, d) for k, d in defaults.items()])


def _tiny_pdf():
    """A one-page PDF, written with pypdf."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build(*, years, scale=1.0, seed=SEED):
    """Load the demo if it is not there, then add `years` of business."""
    from meetings import demo
    from meetings.models import Body

    if not Body.objects.filter(slug="hwb").exists():
        demo.load(papers=False)
    return Generator(years=years, scale=scale, seed=seed).run()


# -- the database ----------------------------------------------------------------------
def _fingerprint(*patterns):
    digest = hashlib.sha256()
    for pattern in patterns:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _migrations_fingerprint():
    return _fingerprint("*/migrations/*.py")


def label(*, years, scale=1.0, seed=SEED):
    """What a built database is, written on it as its comment: a load bench
    may reuse a database whose label matches (the same code, the same day)."""
    code = _fingerprint("*/migrations/*.py", "bench/dataset.py", "meetings/demo/*.py")
    today = datetime.date.today().isoformat()
    return f"hwbb bench dataset years={years} scale={scale} seed={seed} {code} {today}"


def database_label(url):
    """The label of the database at url, or None if it has none or is absent."""
    from urllib.parse import urlparse

    import psycopg

    parts = urlparse(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE datname = %s",
            [parts.path.lstrip("/")],
        ).fetchone()
    return row[0] if row else None


def _create_from_template(url):
    """Drop and create the database, from a template migrated once per set of
    migrations (`<name>_tpl_<fingerprint>`). True if the template was there."""
    from urllib.parse import urlparse

    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    template = f"hwbb_bench_tpl_{_migrations_fingerprint()}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        found = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [template]
        ).fetchone()
        if found:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        else:
            conn.execute(f'CREATE DATABASE "{name}"')
    return template, bool(found), admin


def _save_template(url, template, admin):
    from urllib.parse import urlparse

    import psycopg
    from django.db import connections

    connections.close_all()
    name = urlparse(url).path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as conn:
        try:
            conn.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
        except psycopg.errors.DuplicateDatabase:
            pass  # another run migrated at the same time and saved it first


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL),
        help="PostgreSQL; dropped and created afresh",
    )
    args = parser.parse_args(argv)
    began = time.perf_counter()
    template, migrated, admin = _create_from_template(args.database_url)
    os.environ.update(DEBUG="1", DATABASE_URL=args.database_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hwbb.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if not migrated:
        call_command("migrate", verbosity=0)
        _save_template(args.database_url, template, admin)
    ready = time.perf_counter()
    counts = build(years=args.years, scale=args.scale, seed=args.seed)
    from django.db import connection

    name = connection.settings_dict["NAME"]
    mark = label(years=args.years, scale=args.scale, seed=args.seed)
    with connection.cursor() as cursor:
        # As autovacuum leaves a database that has lived its years: its
        # statistics, and its visibility map, without which PostgreSQL may
        # not read a covering index alone (an index-only scan).
        cursor.execute("VACUUM ANALYZE")
        quoted = mark.replace("'", "''")
        cursor.execute(f"COMMENT ON DATABASE \"{name}\" IS '{quoted}'")
    done = time.perf_counter()
    print(f"{args.years} years at scale {args.scale} in {args.database_url}:")
    for what, count in counts.items():
        print(f"  {count:>8,} {what}")
    print(
        f"database ready in {ready - began:.1f} s "
        f"({'from the template' if migrated else 'migrated, template saved'}); "
        f"demo and {args.years} years of business in {done - ready:.1f} s"
    )
    print(f"sign in as officer, chair, member, author or lead: {BENCH_PASSWORD!r}")


if __name__ == "__main__":
    main()
