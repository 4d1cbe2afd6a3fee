"""The demo loads the real seed content, idempotently, and the pages show it."""

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser, User
from django.core.management import call_command
from django.urls import reverse

from hwbb.models import Provenance
from indicators.models import IndicatorValue
from meetings import demo, search
from meetings.models import (
    Action,
    AgendaItem,
    AgendaPack,
    Document,
    Meeting,
    Minute,
    ResolutionClause,
)
from strategy.models import Framework, Priority, ProgressReport, ReportingSchedule

COUNTED = [
    Meeting,
    AgendaItem,
    Minute,
    ResolutionClause,
    Action,
    IndicatorValue,
    ProgressReport,
    ReportingSchedule,
    Document,
    Provenance,
]


@pytest.fixture
def loaded(db):
    """The demo without the seed packs' papers, which take most of the time to
    load; the papers' own test and the idempotence test load them."""
    demo.load(papers=False)


def _counts():
    return [model.objects.count() for model in COUNTED]


def test_loading_twice_changes_nothing(db):
    call_command("load_demo_data")
    before = _counts()
    call_command("load_demo_data")
    assert _counts() == before


def test_reset_reloads_the_same_content(loaded):
    before = _counts()
    call_command("load_demo_data", "--reset", "--without-papers")
    assert _counts() == before


def test_demo_holds_the_seed_content(loaded):
    april = Meeting.objects.get(start__date="2019-04-08", body__slug="hwb")
    assert list(april.minutes.values_list("number", flat=True)) == list(range(40, 54))
    july = Meeting.objects.get(start__date="2019-07-08", body__slug="hwb")
    assert july.agenda_items.filter(sub_letter="").count() == 12
    assert Priority.objects.filter(version__key="2019").count() == 3
    assert Priority.objects.current().count() == 5
    # Every action from a resolution has an owner. Two asks in the July papers go
    # to every partner organisation at once and have no single owner.
    from_minutes = Action.objects.exclude(minute=None)
    assert not from_minutes.filter(owner_person=None, owner_organisation=None)
    item6 = july.agenda_items.get(number=6)
    assert item6.primary_pillar.code == "WD"


def test_demo_uploads_the_seed_packs_papers_as_an_author_would(
    db, django_capture_on_commit_callbacks
):
    """Each paper goes through the upload's checks and text extraction: its
    pages are counted, its text is searched, and the packs are made of it."""
    with django_capture_on_commit_callbacks(execute=True):
        demo.load()
    assert Document.objects.count() == 19
    strategy = Document.objects.get(
        report__agenda_item__meeting__start__date="2019-07-08",
        title="Appendix 4: Draft Coventry Health and Wellbeing Strategy 2019-2023",
    )
    assert strategy.file_type == "pdf" and strategy.page_count > 1
    assert "The Campaign to End Loneliness" in strategy.extracted_text
    assert strategy.report.purpose.startswith("This paper reports on the outcomes")
    assert not Document.objects.filter(extracted_text="")
    hits = search.search(AnonymousUser(), "campaign to end loneliness").hits
    assert ("document", strategy.pk) in {(h.kind, h.pk) for h in hits}
    july = AgendaPack.objects.get(
        meeting__start__date="2019-07-08", kind=AgendaPack.Kind.PUBLIC
    )
    assert july.page_count > 100
    # The items' pages are the pack's, not the seed's printed 212-page pack's
    # (item 7 was pages 23-114), and loading again does not bring those back.
    items = july.meeting.agenda_items.order_by("number", "sub_letter")
    pages = list(items.values_list("number", "page_start", "page_end"))
    assert (7, 23, 114) not in pages
    assert max(end or 0 for *_, end in pages) == july.page_count
    with django_capture_on_commit_callbacks(execute=True):
        demo.load()
    assert list(items.values_list("number", "page_start", "page_end")) == pages


def test_demo_loads_the_stocktake_as_returns_and_a_second_framework(loaded):
    stocktake = ProgressReport.objects.filter(date="2021-09-01")
    assert sorted(r.priority.version.key for r in stocktake) == ["2019"] * 3
    assert all(r.is_published and r.priorities.exists() for r in stocktake)
    assert ReportingSchedule.objects.count() == 5  # one per 2023 priority
    awaited = ProgressReport.objects.get(status="requested")
    assert awaited.requested_of.user.username == "member"
    assert Framework.objects.get(slug="marmot").pillars.count() == 8


def test_demo_password_works_only_with_debug_on(loaded, settings, rf):
    # a sign-in always has its request (the throttle counts by its address)
    request = rf.post("/accounts/login/")
    demo_password = settings.DEMO_PASSWORD
    settings.DEBUG = False
    assert authenticate(request, username="officer", password=demo_password) is None
    settings.DEBUG = True
    user = authenticate(request, username="officer", password=demo_password)
    assert user is not None and user.person.display_name == "Liz Knight"
    assert authenticate(request, username="officer", password="wrong") is None


def test_the_demo_creates_exactly_the_users_the_demo_password_is_for(loaded, settings):
    """The sign-in backend reads the demo's usernames from the settings: they
    are the users the demo creates, no more and no fewer."""
    assert set(settings.DEMO_USERNAMES) == demo.DEMO_USERNAMES
    created = User.objects.filter(username__in=settings.DEMO_USERNAMES)
    assert created.count() == len(settings.DEMO_USERNAMES)


def test_home_shows_meetings_pillars_and_priorities(loaded, client):
    html = client.get(reverse("home")).content.decode()
    assert "Next meetings" in html
    assert "Committee Room 3 - Council House" in html
    for pillar in (
        "The wider determinants of health",
        "An integrated health and care system",
    ):
        assert pillar in html
    assert "Improving mental health for all" in html


def test_minutes_print_resolutions_as_council_minutes_do(loaded, client):
    april = Meeting.objects.get(start__date="2019-04-08", body__slug="hwb")
    html = client.get(reverse("meetings:minutes", args=[april.pk])).content.decode()
    assert "44. Young People and Violence" in html
    assert "RESOLVED that:" in html
    assert "RESOLVED that the content of the report be noted." in html
    assert "(i) To align governance" in html
    assert "Approved as a true record at the meeting of 8 July 2019" in html


def test_priority_page_compares_indicators_with_england_in_words(loaded, client):
    # 2023 priority 3: the employment rate, below England's 75.4%.
    priority = Priority.objects.get(slug__startswith="2023-p3")
    html = client.get(priority.get_absolute_url()).content.decode()
    assert "Compared with England" in html
    assert "Lower than England, which is worse (significance not tested)" in html
