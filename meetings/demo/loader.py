"""Load the demo: the Coventry seed packs in meetings/demo/seeds/, read and saved
by the pack importer; what the packs do not hold (meetings/demo/content.py: the
directory of people and bodies, the strategy, indicators, inferred tags and
actions); the demo users (one per role), and the next few meetings.

Idempotent: every row is found by its natural key and updated in place.
"""

import datetime
import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from hwbb import notify, permissions, provenance, reminders, workdays
from indicators.models import Area, Indicator, IndicatorValue
from meetings import deadlines, services
from meetings import models as m
from meetings.demo import content
from meetings.importers.pack import read_pack
from meetings.importers.source import read_lines
from strategy import models as s
from strategy import progress

PAPERS_DIR = Path(__file__).resolve().parent / "papers"
SEEDS_DIR = Path(__file__).resolve().parent / "seeds"

# username, role, display name of the person they sign in as, what to try
DEMO_USERS = [
    (
        "officer",
        permissions.OFFICER,
        "Liz Knight",
        "Governance officer (democratic services)",
    ),
    ("chair", permissions.CHAIR, "Councillor Kamran Caan", "Chair of the Board"),
    ("member", permissions.MEMBER, "Liz Gaulton", "Board member who owns actions"),
    ("author", permissions.AUTHOR, "Jim Crawshaw", "Report author"),
    (
        "lead",
        permissions.MEMBER,
        "Chief Superintendent Mike O'Hara",
        "West Midlands Police's nominated lead for its actions",
    ),
    ("admin", None, None, "System administrator (Django admin)"),
]
DEMO_USERNAMES = {username for username, *_ in DEMO_USERS}


def _text(data, key):
    """Optional text: the content writes None or leaves it out for "none"."""
    return data.get(key) or ""


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _datetime(value):
    if not value:
        return None
    return timezone.make_aware(datetime.datetime.fromisoformat(value))


def _record_provenance(obj, data):
    """The row's notes for officers: where its values came from (content's
    "provenance": a note on the whole row, or per field) and which are
    inferred ("inferred": per field, "" for the whole row)."""
    for key, inferred in (("provenance", False), ("inferred", True)):
        notes = data.get(key) or {}
        if isinstance(notes, str):
            notes = {"": notes}
        for field, note in notes.items():
            provenance.record(obj, note, field=field, inferred=inferred)


class Loader:
    def __init__(self, *, papers=True):
        self.with_papers = papers
        self.orgs, self.people, self.bodies, self.meetings = {}, {}, {}, {}
        self.pillars, self.priorities, self.indicators = {}, {}, {}
        self.left_out = []  # what the importer could not place in the seed packs

    def run(self):
        self.frameworks()
        self.organisations()
        self.persons()
        self.organisation_leads()
        self.bodies_and_memberships()
        self.indicator_data()
        self.strategy()
        self.pillar_indicators()
        self.seed_packs()
        self.meeting_data()
        self.tags()
        self.actions()
        self.reports()
        if self.with_papers:
            self.papers()
        self.standing_items()
        self.calendar()
        self.forward_plan()
        self.users()
        self.between_meetings()
        self.progress_cycle()

    # -- framework and strategy -------------------------------------------------
    def frameworks(self):
        for fw in content.FRAMEWORKS:
            framework, _ = s.Framework.objects.update_or_create(
                slug=fw["key"],
                defaults={
                    "name": fw["name"],
                    "description": _text(fw, "description"),
                    "source": _text(fw, "source"),
                },
            )
            _record_provenance(framework, fw)
            for order, p in enumerate(fw["pillars"]):
                pillar, _ = s.Pillar.objects.update_or_create(
                    framework=framework,
                    code=p["code"],
                    defaults={
                        "name": p["name"],
                        "short_name": _text(p, "short_name"),
                        "description": _text(p, "description"),
                        "aliases": p.get("aliases", []),
                        "order": order,
                    },
                )
                if fw["key"] == "kings-fund":
                    self.pillars[p["code"]] = pillar

    def strategy(self):
        data = content.STRATEGY
        strategy, _ = s.Strategy.objects.update_or_create(
            slug=data["slug"], defaults={"name": data["name"]}
        )
        versions = data["versions"]
        for v in versions:
            version, _ = s.StrategyVersion.objects.update_or_create(
                strategy=strategy,
                key=v["key"],
                defaults={
                    "label": v["label"],
                    "kind": v["kind"],
                    "period_start": _date(v["period_start"]),
                    "period_end": _date(v["period_end"]),
                    "published": _date(v.get("published")),
                    "vision": _text(v, "vision"),
                    "principles": v.get("principles", []),
                },
            )
            _record_provenance(version, v)
            for a in v.get("ambitions", []):
                s.Ambition.objects.update_or_create(
                    version=version,
                    number=a["number"],
                    defaults={
                        "title": a["title"],
                        "description": _text(a, "description"),
                    },
                )
            for p in v.get("priorities", []):
                self.priority(version, p)
        keyed = {v.key: v for v in strategy.versions.all()}
        for v in versions:
            if v.get("successor"):
                version = keyed[v["key"]]
                version.successor = keyed[v["successor"]]
                version.save(update_fields=["successor"])
        home = m.Body.objects.get(slug=settings.HOME_BODY_SLUG)
        for v in versions:
            for r in v.get("progress_reports", []):
                report, _ = s.ProgressReport.objects.update_or_create(
                    priority=self.priorities[r["priority"]],
                    date=_date(r["date"]),
                    defaults={
                        "status": s.ProgressReport.Status.ACCEPTED,
                        "body": home,
                        "title": r.get("title") or v["label"],
                        "rag": r.get("rag") or "",
                        "progress": _text(r, "progress"),
                        "next_steps": _text(r, "next_steps"),
                    },
                )
                progress.inherit_tags(report)

    def progress_cycle(self):
        """Six-monthly returns on the 2023 priorities from the Director of Public
        Health (inferred: the refresh names no leads), and one return awaited."""
        home = m.Body.objects.get(slug=settings.HOME_BODY_SLUG)
        lead = m.Person.objects.get(display_name="Liz Gaulton")
        today = timezone.localdate()
        first_of_next_month = (
            today.replace(day=28) + datetime.timedelta(days=4)
        ).replace(day=1)
        for priority in s.Priority.objects.current():
            schedule, _ = s.ReportingSchedule.objects.get_or_create(
                priority=priority,
                defaults={
                    "every_months": 6,
                    "body": home,
                    "lead": lead,
                    "next_request_on": first_of_next_month,
                },
            )
            provenance.record(
                schedule, "the refresh names no leads", field="lead", inferred=True
            )
        priority = self.priorities["2023-p2"]
        if not priority.progress_reports.filter(
            status__in=s.ProgressReport.AWAITED
        ).exists():
            due = workdays.add_working_days(today, 15)
            progress.open_request(priority=priority, lead=lead, body=home, due_date=due)

    def priority(self, version, p):
        priority, _ = s.Priority.objects.update_or_create(
            slug=slugify(f"{p['key']}-{p['title']}")[:50],
            defaults={
                "version": version,
                "number": p["number"],
                "title": p["title"],
                "description": _text(p, "description"),
                "kind": p.get("kind", "short_term"),
                "predecessor": self.priorities.get(p.get("predecessor")),
                "lineage": p.get("lineage", "new"),
                "review_months": p.get("review_months") or 18,
            },
        )
        start = version.published or version.period_start
        if priority.next_review_date is None:
            priority.next_review_date = workdays.add_months(
                start, priority.review_months
            ).replace(day=1)
            priority.save(update_fields=["next_review_date"])
        priority.pillars.set([self.pillars[c] for c in p.get("pillars", [])])
        _record_provenance(priority, p)
        priority.indicators.set([self.indicators[k] for k in p.get("indicators", [])])
        priority.leads.all().delete()
        for lead in p.get("leads", []):
            org = self.orgs.get(lead.get("organisation"))
            priority.leads.create(
                role=lead["role"],
                name=lead["name"],
                organisation=org.name if org else "",
            )
        self.priorities[p["key"]] = priority

    # -- people and bodies ------------------------------------------------------
    def organisations(self):
        for o in content.ORGANISATIONS:
            self.orgs[o["key"]], _ = m.Organisation.objects.update_or_create(
                name=o["name"],
                defaults={
                    "kind": o.get("kind", "other"),
                    "aliases": o.get("aliases", []),
                },
            )
            _record_provenance(self.orgs[o["key"]], o)
        for o in content.ORGANISATIONS:
            if o.get("successor"):
                org = self.orgs[o["key"]]
                org.successor = self.orgs[o["successor"]]
                org.save(update_fields=["successor"])

    def persons(self):
        for p in content.PEOPLE:
            self.people[p["key"]], _ = m.Person.objects.update_or_create(
                display_name=p["display_name"],
                defaults={
                    "honorific": _text(p, "honorific"),
                    "given_names": _text(p, "given_names"),
                    "family_name": p["family_name"],
                    "aliases": p.get("aliases", []),
                    "job_title": _text(p, "job_title"),
                    "organisation": self.orgs.get(p.get("organisation")),
                    "email": _text(p, "email"),
                },
            )
            _record_provenance(self.people[p["key"]], p)

    def organisation_leads(self):
        for row in content.ORGANISATION_LEADS:
            lead, _ = m.OrganisationLead.objects.update_or_create(
                organisation=self.orgs[row["organisation"]],
                person=self.people[row["person"]],
                since=_date(row.get("since")),
                defaults={"until": _date(row.get("until"))},
            )
            _record_provenance(lead, row)

    def bodies_and_memberships(self):
        for b in content.BODIES:
            body, _ = m.Body.objects.update_or_create(
                slug=b["key"],
                defaults={
                    "name": b["name"],
                    "short_name": _text(b, "short_name"),
                    "kind": b.get("kind", "board"),
                    "aliases": b.get("aliases", []),
                    "meets_in_public": b.get("meets_in_public", True),
                    # The 2019 strategy: every HWB paper maps to the framework.
                    "requires_framework_tags": b["key"] == "hwb",
                },
            )
            for order, section in enumerate(b.get("sections", [])):
                m.AgendaSection.objects.update_or_create(
                    body=body,
                    name=section["name"],
                    defaults={
                        "order": order,
                        "is_private": section.get("is_private", False),
                    },
                )
            self.bodies[b["key"]] = body
            _record_provenance(body, b)
        for ms in content.MEMBERSHIPS:
            membership, _ = m.Membership.objects.update_or_create(
                body=self.bodies[ms["body"]],
                person=self.people[ms["person"]],
                role=ms.get("role", "voting_member"),
                start=_date(ms.get("start")),
                defaults={
                    "on_behalf_of": self.orgs.get(ms.get("on_behalf_of")),
                    "voting": ms.get("voting", True),
                    "end": _date(ms.get("end")),
                },
            )
            _record_provenance(membership, ms)

    # -- meetings, agendas, minutes and actions --------------------------------
    def seed_packs(self):
        """The Coventry agenda packs, read and saved by the importer a council's
        own packs go through: their meetings, agendas, minutes, resolutions,
        attendance and declarations."""
        for path in sorted(SEEDS_DIR.glob("*-pack.txt")):
            reading = read_pack(
                read_lines(path.read_bytes(), name=path.name), source=path.name
            )
            result = services.import_commit(reading, by=None)
            self.left_out += [dict(row, pack=path.name) for row in result["left_out"]]

    def _imported(self, mt):
        """What the pack does not print about a meeting it brought in (inferred)."""
        day = _datetime(mt["start"]).date()
        meeting = m.Meeting.objects.get(body=self.bodies[mt["body"]], start__date=day)
        meeting.status = mt["status"]
        meeting.agenda_status = mt["agenda_status"]
        meeting.minutes_status = mt["minutes_status"]
        meeting.contact_officer = self.people.get(mt.get("contact_officer"))
        meeting.save(
            update_fields=[
                "status",
                "agenda_status",
                "minutes_status",
                "contact_officer",
                "updated_at",
            ]
        )
        return meeting

    def meeting_data(self):
        for mt in content.MEETINGS:
            if mt.get("imported"):
                self.meetings[mt["key"]] = self._imported(mt)
                continue
            meeting, _ = m.Meeting.objects.update_or_create(
                body=self.bodies[mt["body"]],
                start=_datetime(mt["start"]),
                defaults={
                    "end": _datetime(mt.get("end")),
                    "venue": _text(mt, "venue"),
                    "status": mt.get("status", "held"),
                    "agenda_status": mt.get("agenda_status", "published"),
                    "agenda_published_at": _datetime(mt["agenda_published"] + "T09:00")
                    if mt.get("agenda_published")
                    else None,
                    "published_by": _text(mt, "published_by"),
                    "minutes_status": mt.get("minutes_status", "none"),
                    "contact_officer": self.people.get(mt.get("contact_officer")),
                    "closed_at": _datetime(mt["end"]).time() if mt.get("end") else None,
                },
            )
            self.meetings[mt["key"]] = meeting
            for a in mt.get("attendance", []):
                m.Attendance.objects.update_or_create(
                    meeting=meeting,
                    person=self.people[a["person"]],
                    defaults={
                        "status": a.get("status", "present"),
                        "capacity": a.get("capacity", "member"),
                        "note": _text(a, "note"),
                    },
                )
        self._link_minutes_approval()

    def _link_minutes_approval(self):
        """Approved minutes point at the body's next meeting, which approved them."""
        for meeting in self.meetings.values():
            if meeting.minutes_status != m.Meeting.MinutesStatus.APPROVED:
                continue
            later = (
                m.Meeting.objects.filter(
                    body=meeting.body,
                    start__gt=meeting.start,
                    status=m.Meeting.Status.HELD,
                )
                .order_by("start")
                .first()
            )
            if later and meeting.minutes_approved_at_id != later.pk:
                meeting.minutes_approved_at = later
                meeting.save(update_fields=["minutes_approved_at"])
            if later and meeting.minutes_published_at is None:
                # Published in the next meeting's pack (seed 000: 8 April 2019's
                # minutes are pages 5-20 of the 8 July pack, out on 28 June).
                meeting.minutes_published_at = later.agenda_published_at
                meeting.save(update_fields=["minutes_published_at"])

    def _tag(self, obj, data):
        obj.primary_pillar = self.pillars.get(data.get("primary_pillar"))
        obj.save()
        obj.secondary_pillars.set(
            [self.pillars[c] for c in data.get("secondary_pillars", [])]
        )
        obj.priorities.set([self.priorities[k] for k in data.get("priorities", [])])

    def tags(self):
        """The demo's (inferred) reading of the imported items and minutes."""
        for row in content.ITEM_TAGS:
            item = self.meetings[row["meeting"]].agenda_items.get(
                number=row["number"], sub_letter=row["sub_letter"]
            )
            self._tag(item, row)
        for row in content.MINUTE_TAGS:
            minute = self.meetings[row["meeting"]].minutes.get(number=row["number"])
            resolution = m.Resolution.objects.filter(minute=minute).first()
            if resolution is not None:
                self._tag(resolution, row)

    def actions(self):
        for ac in content.ACTIONS:
            meeting = self.meetings[ac["meeting"]]
            minute = m.Minute.objects.filter(
                meeting=meeting, number=ac.get("minute")
            ).first()
            clause = None
            if minute and ac.get("clause") is not None:
                clause = m.ResolutionClause.objects.filter(
                    resolution__minute=minute, label=ac["clause"]
                ).first()
            action, _ = m.Action.objects.update_or_create(
                body=meeting.body,
                title=ac["title"],
                defaults={
                    "minute": minute,
                    "resolution_clause": clause,
                    "description": _text(ac, "description"),
                    "owner_person": self.people.get(ac.get("owner_person")),
                    "owner_organisation": self.orgs.get(ac.get("owner_organisation")),
                    "due_date": _date(ac.get("due_date")),
                    "due_text": _text(ac, "due_text"),
                    "status": ac.get("status", "not_started"),
                    "percent_complete": ac.get("percent_complete", 0),
                    "closing_note": _text(ac, "closing_note"),
                    "created_at": meeting.start,
                },
            )
            if action.due_date:  # history: its reminders went at the time
                for reminder in (reminders.DUE_SOON, reminders.OVERDUE):
                    for notice in deadlines.action_reminders(action, reminder):
                        notify.settle(**notice)
            self._tag(action, ac)
            _record_provenance(action, ac)
            action.updates.all().delete()
            for up in ac.get("updates", []):
                action.updates.create(
                    date=_date(up["date"]),
                    status=up["status"],
                    percent_complete=up.get("percent", 0),
                    narrative=up["narrative"],
                    author_person=self.people.get(up.get("author")),
                )

    def reports(self):
        """Reports on the template, accepted onto their agenda items."""
        for row in content.REPORTS:
            self._accepted_report(row)

    def _accepted_report(self, row):
        meeting = self.meetings[row["meeting"]]
        item = meeting.agenda_items.get(number=row["item"], sub_letter="")
        report, _ = m.Report.objects.update_or_create(
            body=meeting.body,
            title=row["title"],
            defaults={
                "meeting": meeting,
                "agenda_item": item,
                "presented_by": row["presented_by"],
                "purpose": row.get("purpose", ""),
                "recommendations": row.get("recommendations", ""),
                "background": row.get("background", ""),
                "status": m.Report.Status.ACCEPTED,
                "primary_pillar": item.primary_pillar,
            },
        )
        report.authors.set([self.people[k] for k in row.get("authors", [])])
        report.secondary_pillars.set(item.secondary_pillars.all())
        report.priorities.set(item.priorities.all())
        m.Consideration.objects.get_or_create(
            report=report, body=meeting.body, meeting=meeting
        )
        return report

    def papers(self):
        """The seed packs' papers, uploaded onto their items' reports through the
        same checks and text extraction as an author's upload. A paper already
        there is left as it is, so loading again adds nothing. Then the packs of
        their published agendas are built, as publishing them would have."""
        for row in content.PAPERS:
            report = self._accepted_report(row)
            for n, (title, kind, *_lines) in enumerate(row["documents"]):
                if report.documents.filter(title=title).exists():
                    continue
                with paper_path(row, n).open("rb") as f:
                    services.document_add(
                        report=report,
                        uploaded=File(f, name=paper_path(row, n).name),
                        title=title,
                        kind=kind,
                        is_exempt=False,
                        user=None,
                    )
        for meeting in {self.meetings[row["meeting"]] for row in content.PAPERS}:
            if meeting.agenda_is_public:
                services.agenda_pack_build(meeting=meeting)

    def standing_items(self):
        for body_key in {row["body"] for row in content.STANDING_ITEMS}:
            self.bodies[body_key].standing_items.all().delete()
        for order, row in enumerate(content.STANDING_ITEMS):
            body = self.bodies[row["body"]]
            m.StandingItem.objects.create(
                body=body,
                section=body.sections.filter(name=row["section"]).first(),
                position=row["position"],
                order=order,
                sub_letter=_text(row, "sub_letter"),
                title=row["title"],
                kind=row["kind"],
                description=_text(row, "description"),
            )

    def calendar(self):
        """The board's next three meetings (14:00, Committee Room 3), so the demo
        has an upcoming calendar. Dated from today: not from the seeds."""
        hwb = self.bodies["hwb"]
        day = timezone.localdate()
        officer = m.Person.objects.filter(display_name="Liz Knight").first()
        for _ in range(3):
            day = _first_monday_of_next_quarter_month(day)
            start = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(14))
            )
            if not m.Meeting.objects.filter(body=hwb, start=start).exists():
                meeting = m.Meeting(
                    body=hwb,
                    start=start,
                    venue="Committee Room 3 - Council House",
                    contact_officer=officer,
                )
                services.meeting_create(meeting=meeting)

    def forward_plan(self):
        for row in content.RECURRING_ITEMS:
            item, _ = m.RecurringItem.objects.get_or_create(
                body=self.bodies[row["body"]],
                title=row["title"],
                defaults={
                    "every_months": row["every_months"],
                    "legal_basis": row["legal_basis"],
                    "next_due": _date(row["next_due"]),
                    "default_author": self.people.get(row.get("author")),
                },
            )
            _record_provenance(item, row)
        hwb = self.bodies["hwb"]
        until = timezone.localdate() + datetime.timedelta(days=365)
        services.forward_plan_schedule(body=hwb, until=until)

    def between_meetings(self):
        """National deadlines on the next planned rows of the Better Care
        Fund's duties, and a chair's action taken on one of them through the
        services (proposed, then taken by the chair, so it goes on the next
        meeting's agenda for ratification). Once only."""
        planned = {}
        for row in content.PLANNED_DEADLINES:
            item = (
                m.PlannedItem.objects.filter(
                    meeting__body=self.bodies[row["body"]],
                    title=row["title"],
                    meeting__start__gte=timezone.now(),
                )
                .select_related("meeting")
                .order_by("meeting__start")
                .first()
            )
            if item is None:
                continue
            day = timezone.localdate(item.meeting.start)
            item.statutory_deadline = day - datetime.timedelta(
                days=row["days_before_meeting"]
            )
            item.deadline_source = row["deadline_source"]
            item.save(update_fields=["statutory_deadline", "deadline_source"])
            _record_provenance(item, row)
            planned[row["title"]] = item
        for row in content.BETWEEN_MEETINGS:
            self._chairs_action(row, planned.get(row["planned"]))

    def _chairs_action(self, row, planned):
        body = self.bodies[row["body"]]
        if planned is None or body.urgent_decisions.filter(title=row["title"]).exists():
            return
        # the chair's account was linked after the people were loaded (users())
        chair = m.Person.objects.get(pk=self.people[row["taken_by"]].pk)
        officer = User.objects.get(username="officer")
        decision, _ = services.urgent_decision_propose(
            decision=m.UrgentDecision(
                body=body,
                kind=row["kind"],
                title=row["title"],
                decision=row["decision"],
                reasons=row["reasons"],
                options_considered=_text(row, "options_considered"),
                consultation=row["consultation"],
                deadline=planned.statutory_deadline,
                deadline_source=planned.deadline_source,
                planned_item=planned,
            ),
            user=officer,
        )
        services.urgent_decision_take(decision=decision, user=chair.user)
        _record_provenance(decision, row)

    def pillar_indicators(self):
        for code, keys in content.PILLAR_INDICATORS.items():
            pillar = self.pillars[code]
            pillar.indicators.set([self.indicators[k] for k in keys])
            note = content.PILLAR_INDICATORS_INFERRED
            provenance.record(pillar, note, field="indicators", inferred=True)

    # -- indicators -------------------------------------------------------------
    def indicator_data(self):
        areas = {}
        for a in content.AREAS:
            areas[a["code"]], _ = Area.objects.update_or_create(
                code=a["code"],
                defaults={
                    "name": a["name"],
                    "area_type": a["type"],
                    "parent": areas.get(a.get("parent")),
                },
            )
        for i in content.INDICATORS:
            self.indicators[i["key"]], _ = Indicator.objects.update_or_create(
                slug=i["key"],
                defaults={
                    "name": i["name"],
                    "definition": _text(i, "definition"),
                    "unit": _text(i, "unit"),
                    "polarity": i.get("polarity", "no_judgement"),
                    "source": _text(i, "source"),
                    "fingertips_id": i.get("fingertips_id"),
                },
            )
            _record_provenance(self.indicators[i["key"]], i)
        for v in content.INDICATOR_VALUES:
            value, _ = IndicatorValue.objects.update_or_create(
                indicator=self.indicators[v["indicator"]],
                area=areas[v["area"]],
                period_key=v["period_key"],
                sex=v.get("sex") or "Persons",
                age=v.get("age") or "All ages",
                category_type=_text(v, "category_type"),
                category=_text(v, "category"),
                defaults={
                    "period_label": v["period_label"],
                    "value": v.get("value"),
                    "lower_ci_95": v.get("lower_ci"),
                    "upper_ci_95": v.get("upper_ci"),
                    "count": v.get("count"),
                    "denominator": v.get("denominator"),
                    "value_note": _text(v, "value_note"),
                    "source": _text(v, "source"),
                    "updated_at": _received(v["period_label"]),
                },
            )
            _record_provenance(value, v)
            provenance.record(value, RECEIVED, field="updated_at", inferred=True)

    # -- users ------------------------------------------------------------------
    def users(self):
        for username, role, display_name, _ in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username)
            user.set_unusable_password()  # the demo password works only with DEBUG on
            user.is_staff = role == permissions.OFFICER or username == "admin"
            user.is_superuser = username == "admin"
            person = m.Person.objects.filter(display_name=display_name).first()
            if person:
                user.first_name, user.last_name = person.given_names, person.family_name
                user.email = person.email
            user.save()
            user.groups.set(Group.objects.filter(name=role) if role else [])
            if person and person.user_id != user.pk:
                m.Person.objects.filter(user=user).update(user=None)
                person.user = user
                person.save(update_fields=["user"])


def paper_path(paper, n):
    """The PDF of a paper's nth document (scripts/demo_papers.py builds them)."""
    return PAPERS_DIR / f"{paper['meeting']}-item{paper['item']}-{n}.pdf"


def _first_monday_of_next_quarter_month(day):
    """The first Monday of the next January, April, July or October after `day`."""
    month = day.month + 1
    while (month - 1) % 3:
        month += 1
    year = day.year + (month - 1) // 12
    first = datetime.date(year, (month - 1) % 12 + 1, 1)
    return first + datetime.timedelta(days=(7 - first.weekday()) % 7)


RESET_ORDER = [
    m.MemberResponse,
    m.UrgentDecision,
    s.ReportingSchedule,
    s.ProgressReport,
    m.PlannedItem,
    m.RecurringItem,
    m.StandingItem,
    m.AgendaSupplement,
    m.Consideration,
    m.ReportReview,
    m.Document,
    m.Report,
    m.ActionUpdate,
    m.Action,
    m.ResolutionClause,
    m.Resolution,
    m.Minute,
    m.Attendance,
    m.AgendaItem,
    m.Meeting,
    m.Membership,
    m.AgendaSection,
    m.Body,
    s.PriorityLead,
    s.Priority,
    s.Ambition,
    s.StrategyVersion,
    s.Strategy,
    s.Pillar,
    s.Framework,
    IndicatorValue,
    Indicator,
    Area,
    m.OrganisationLead,
    m.Person,
    m.Organisation,
]


RECEIVED = (
    "when HWBB would have received it, for the demo: on its document's date, or "
    "in the June after its period ends"
)


def _received(period_label):
    """When HWBB would have received a seed value (inferred), so that "new since
    the last meeting" means something in the demo: a document's values on its
    date (the 2023 refresh in March 2023), a period's in the June after it ends."""
    if "refresh" in period_label:
        return datetime.datetime(2023, 3, 1, 9, tzinfo=datetime.UTC)
    if "stocktake" in period_label:
        return datetime.datetime(2021, 9, 1, 9, tzinfo=datetime.UTC)
    year = int(re.search(r"(20\d\d)", period_label)[1])
    if end := re.search(r"20\d\d\s*[/-]\s*(\d\d)$", period_label):
        year = 2000 + int(end[1])
    if re.fullmatch(r"[\d/ -]+", period_label):
        year += 1  # a period: published the year after it ends
    return datetime.datetime(year, 6, 30, 9, tzinfo=datetime.UTC)


HISTORIES = (
    m.UrgentDecision,
    m.MemberResponse,
    m.Minute,
    m.Resolution,
    m.ResolutionClause,
    m.Action,
    m.AgendaItem,
    m.Report,
    s.ProgressReport,
)


@transaction.atomic
def load(*, reset=False, papers=True):
    """Load the demo. papers=False leaves out the seed packs' papers, whose
    text extraction takes most of the time (about 7 s for 191 pages)."""
    if reset:
        for model in (m.Document, m.AgendaPack):  # their files, not only rows
            for row in model.objects.all():
                row.file.delete(save=False)
        Area.objects.update(parent=None)
        provenance.of_models(*RESET_ORDER).delete()
        for model in RESET_ORDER:
            model.objects.all().delete()
        for model in HISTORIES:
            model.history.all().delete()
        User.objects.filter(username__in=DEMO_USERNAMES).delete()
    permissions.ensure_role_groups()
    Loader(papers=papers).run()


def logins_table():
    rows = [f"Demo logins (password '{settings.DEMO_PASSWORD}', DEBUG on only):"]
    for username, *_, what in DEMO_USERS:
        person = m.Person.objects.filter(user__username=username).first()
        who = f" as {person}" if person else ""
        rows.append(f"  {username:<8} {what}{who}")
    return "\n".join(rows)
