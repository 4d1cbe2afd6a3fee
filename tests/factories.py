"""factory_boy factories. Defaults are the real Coventry content from the seeds."""

import datetime

import factory
from django.contrib.auth.models import User
from django.utils import timezone

from indicators.models import Area, Indicator, IndicatorValue
from meetings import services
from meetings.models import (
    Action,
    AgendaItem,
    AgendaSection,
    Body,
    Meeting,
    Membership,
    Minute,
    Organisation,
    Person,
    Report,
    Resolution,
    ResolutionClause,
)
from strategy.models import (
    Framework,
    Pillar,
    Priority,
    ProgressReport,
    Strategy,
    StrategyVersion,
)
from tests import files


def london(*args):
    return timezone.make_aware(datetime.datetime(*args))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = "Coventry City Council"
    kind = Organisation.Kind.LOCAL_AUTHORITY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_names = "Liz"
    family_name = factory.Sequence(lambda n: f"Gaulton{n}")
    display_name = factory.LazyAttribute(lambda p: f"{p.given_names} {p.family_name}")
    job_title = "Director of Public Health and Wellbeing"
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.LazyAttribute(lambda p: f"{p.family_name.lower()}@example.org")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ["slug"]

    name = "Coventry Health and Well-being Board"
    short_name = "Health and Wellbeing Board"
    slug = "hwb"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaSection
        django_get_or_create = ["body", "name"]

    body = factory.SubFactory(BodyFactory)
    name = "Development Items"
    order = 2


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    on_behalf_of = factory.SubFactory(OrganisationFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    start = factory.LazyFunction(lambda: london(2019, 7, 8, 14, 0))
    venue = "Committee Room 3 - Council House"
    status = Meeting.Status.HELD
    agenda_status = Meeting.AgendaStatus.PUBLISHED
    minutes_status = Meeting.MinutesStatus.APPROVED


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    section = factory.SubFactory(
        SectionFactory, body=factory.SelfAttribute("..meeting.body")
    )
    number = factory.Sequence(lambda n: n + 1)
    title = "Housing and Homelessness One Coventry Approach"
    presenter = "Report and presentation of Jim Crawshaw, Head of Housing"


class MinuteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minute

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: 44 + n)
    municipal_year = 2018
    title = "Young People and Violence"
    narrative = (
        "<p>The Board considered a report and presentation of Chief Superintendent "
        "Mike O'Hara, West Midlands Police.</p>"
    )


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution

    minute = factory.SubFactory(MinuteFactory)


class ClauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResolutionClause

    resolution = factory.SubFactory(ResolutionFactory)
    label = "2"
    order = 2
    verb = ResolutionClause.Verb.REQUESTED
    text = (
        "Officers be requested to give further consideration to the governance "
        "arrangements, with particular reference to the Youth Violence Reduction Board."
    )


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    body = factory.SubFactory(BodyFactory)
    minute = factory.SubFactory(MinuteFactory)
    title = "Review governance of the Youth Violence Reduction Board"
    owner_person = factory.SubFactory(PersonFactory)
    due_date = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )
    status = Action.Status.ON_TRACK


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework
        django_get_or_create = ["slug"]

    name = "The King's Fund population health framework"
    slug = "kings-fund"


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar
        django_get_or_create = ["framework", "code"]

    framework = factory.SubFactory(FrameworkFactory)
    code = "WD"
    name = "The wider determinants of health"
    short_name = "Wider determinants"


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy
        django_get_or_create = ["slug"]

    name = "Coventry Joint Health and Wellbeing Strategy"
    slug = "coventry-jhws"


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyVersion
        django_get_or_create = ["strategy", "key"]

    strategy = factory.SubFactory(StrategyFactory)
    key = "2019"
    label = "Coventry Health and Wellbeing Strategy 2019-2023"
    kind = StrategyVersion.Kind.ORIGINAL
    period_start = datetime.date(2019, 1, 1)
    period_end = datetime.date(2023, 12, 31)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    version = factory.SubFactory(VersionFactory)
    slug = factory.Sequence(lambda n: f"priority-{n}")
    number = factory.Sequence(lambda n: n + 1)
    title = "Loneliness and social isolation"


class ProgressReportFactory(factory.django.DjangoModelFactory):
    """An accepted return, as the 2021 stocktake's are."""

    class Meta:
        model = ProgressReport

    priority = factory.SubFactory(PriorityFactory)
    date = factory.Sequence(lambda n: datetime.date(2021, 9, 1) + datetime.timedelta(n))
    title = "Health and Wellbeing Strategy stocktake"
    rag = "green"
    progress = "14 new Social Supermarkets/ Food Hubs supported and set up."


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["code"]

    code = "E08000026"
    name = "Coventry"
    area_type = Area.Type.LOCAL_AUTHORITY


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    slug = factory.Sequence(lambda n: f"indicator-{n}")
    name = "Healthy life expectancy at birth (Female)"
    unit = "years"
    polarity = Indicator.Polarity.HIGHER_IS_BETTER


class ValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    area = factory.SubFactory(AreaFactory)
    period_label = "2015 - 17"
    period_key = "2015"
    value = 61.0


def due_reminders(count, owner):
    """`count` actions of one owner whose overdue reminder is due now, made in
    bulk (for the exactly-once test and bench/reminders.py)."""
    minute = MinuteFactory()
    return Action.objects.bulk_create(
        Action(
            body=minute.meeting.body,
            minute=minute,
            title=f"Action {n}",
            owner_person=owner,
            due_date=timezone.localdate() - datetime.timedelta(days=2),
        )
        for n in range(count)
    )


class Closed:
    """The words of Part 2 (exempt) business: only officers and the body's own
    members may read them."""

    SEES = {"officer", "chair", "member"}
    TITLE = "Contract award: integrated substance misuse service"
    OPEN_TITLE = "Contract award"
    TEXT = "The Board considered the tender evaluation of the three bidders"
    CLAUSE = "The contract be awarded to the preferred bidder"
    ACTION = "Notify the unsuccessful bidders"
    PAPER = "Tender evaluation matrix"
    SECRETS = (TITLE, TEXT, CLAUSE, ACTION, PAPER)


def paper(report, title, *, text=None, name="paper.pdf", data=None, **kwargs):
    """A paper uploaded to a report as an author uploads one (services.
    document_add): a PDF of `text` unless other bytes are given; an appendix,
    public and uploaded by nobody in particular unless said otherwise."""
    kwargs.setdefault("kind", "appendix")
    kwargs.setdefault("is_exempt", False)
    kwargs.setdefault("user", None)
    if data is None:
        data = files.pdf_bytes((text or title,), pages=kwargs.pop("pages", 1))
    return services.document_add(
        report=report, title=title, uploaded=files.upload(name, data), **kwargs
    )


def exempt_business(body):
    """An exempt item with its report, paper, minute, resolution and action,
    tagged to a pillar and a priority."""
    meeting = MeetingFactory(body=body)
    pillar = PillarFactory()
    priority = PriorityFactory()
    item = AgendaItemFactory(
        meeting=meeting,
        title=Closed.TITLE,
        open_title=Closed.OPEN_TITLE,
        description=Closed.TEXT,
        is_exempt=True,
        exempt_paragraph=3,
        primary_pillar=pillar,
    )
    item.priorities.add(priority)
    report = Report.objects.create(
        title=Closed.TITLE,
        body=body,
        meeting=meeting,
        agenda_item=item,
        purpose=Closed.TEXT,
        is_exempt=True,
        exempt_paragraph=3,
        status=Report.Status.ACCEPTED,
    )
    paper_ = paper(
        report, Closed.PAPER, text=Closed.TEXT, name="matrix.pdf", is_exempt=True
    )
    minute = MinuteFactory(
        meeting=meeting,
        agenda_item=item,
        title=Closed.TITLE,
        narrative=f"<p>{Closed.TEXT}.</p>",
        is_exempt=True,
        exempt_paragraph=3,
    )
    clause = ClauseFactory(resolution__minute=minute, text=Closed.CLAUSE)
    clause.resolution.priorities.add(priority)
    action = ActionFactory(
        body=body,
        minute=minute,
        title=Closed.ACTION,
        owner_person=PersonFactory(family_name="Bidder"),
    )
    action.priorities.add(priority)
    return {
        "meeting": meeting,
        "item": item,
        "minute": minute,
        "resolution": clause.resolution,
        "action": action,
        "paper": paper_,
        "pillar": pillar,
        "priority": priority,
    }
