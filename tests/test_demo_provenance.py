"""Notes about the demo's source documents (a line "L1371", "seed 000", "period
not stated in seed", "[sic]") are for officers: they live in the provenance
record, shown in the admin, and never on a page, feed or API answer a reader
or a board member can open."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from hwbb.models import Provenance
from indicators.models import Indicator, IndicatorValue
from meetings import demo, search
from meetings.models import Action, AgendaItem, Body, Meeting, Minute, Report
from strategy.models import Framework, Pillar, Priority, ProgressReport
from tests.helpers import content_of

# A note about the seed documents, as the demo's content used to write them.
SEED_NOTE = re.compile(r"\bseeds?\b|\[sic\]|\bL\d{2,5}\b", re.IGNORECASE)
# Attributes whose text a reader sees or hears, besides the page's text.
SHOWN_ATTRIBUTES = {"title", "alt", "aria-label", "content"}
API_LISTS = [
    "bodies",
    "organisations",
    "people",
    "memberships",
    "meetings",
    "agenda-items",
    "documents",
    "minutes",
    "resolutions",
    "actions",
    "urgent-decisions",
    "priorities",
    "pillars",
    "indicators",
    "values",
    "areas",
]
SEARCHED = ["life expectancy", "youth violence", "fuel poverty", "strategy"]


class _ShownText(HTMLParser):
    """The text of a page as a reader meets it: its text nodes and shown
    attributes, not its scripts, styles or drawing instructions (an SVG
    path's "L120" is a line to x=120, not a line reference)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        self.parts += [value or "" for name, value in attrs if name in SHOWN_ATTRIBUTES]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def shown_text(response):
    """A page's shown text; a feed's, an export's or an API answer's all of it."""
    body = content_of(response).decode()
    if "html" not in response.get("Content-Type", ""):
        return body
    parser = _ShownText()
    parser.feed(body)
    return " ".join(parser.parts)


def seed_notes(text):
    """Each note about the seeds in the text, with a little context."""
    return [
        text[max(0, hit.start() - 60) : hit.end() + 60].strip()
        for hit in SEED_NOTE.finditer(text)
    ]


def _api_pages(client, url):
    """A list endpoint's every page."""
    while url:
        response = client.get(url)
        yield url, response
        url = response.json().get("next") if response.status_code == 200 else None


def public_urls(user):
    """The pages, feeds and exports the user may open: the rows' own pages
    through each model's visible_to(user), so each answers 200."""
    urls = [
        reverse("home"),
        reverse("meetings:list"),
        reverse("meetings:decisions"),
        reverse("strategy:overview"),
        reverse("strategy:frameworks"),
        reverse("strategy:interconnections"),
        reverse("strategy:dashboard"),
        reverse("indicators:list"),
        reverse("indicators:watchlist"),
        reverse("indicators:export", args=["csv"]),
        reverse("meetings:feed"),
        reverse("meetings:calendar_all"),
        reverse("api:ocd_events"),
        reverse("api:popolo"),
        reverse("api:meetings_csv"),
        reverse("api:decisions_csv"),
        reverse("api:actions_csv"),
    ]
    urls += [f"{reverse('search')}?q={words}" for words in SEARCHED]
    for meeting in Meeting.objects.visible_to(user):
        urls += [
            meeting.get_absolute_url(),
            reverse("meetings:meeting_ics", args=[meeting.pk]),
        ]
    minuted = Minute.objects.visible_to(user).values("meeting").distinct()
    urls += [reverse("meetings:minutes", args=[m["meeting"]]) for m in minuted]
    for body in Body.objects.visible_to(user):
        for name in (
            "meetings:body",
            "meetings:action_log",
            "meetings:forward_plan",
            "meetings:attendance_stats",
            "meetings:calendar_body",
        ):
            urls.append(reverse(name, args=[body.slug]))
    for priority in Priority.objects.all():
        urls += [
            priority.get_absolute_url(),
            reverse("strategy:priority_dashboard", args=[priority.slug]),
        ]
    urls += [pillar.get_absolute_url() for pillar in Pillar.objects.all()]
    urls += [
        reverse("indicators:detail", args=[slug])
        for slug in Indicator.objects.values_list("slug", flat=True)
    ]
    for model in (AgendaItem, Action, Report, ProgressReport):
        urls += [row.get_absolute_url() for row in model.objects.visible_to(user)]
    return urls


def pages_with_seed_notes(client, user):
    """{url: [notes]} over the pages, feeds and API lists the user may open."""
    found = {}
    fetched = [(url, client.get(url)) for url in public_urls(user)]
    for name in API_LISTS:
        fetched += _api_pages(client, f"/api/{name}/")
    for url, response in fetched:
        assert response.status_code == 200, url
        if notes := seed_notes(shown_text(response)):
            found[url] = notes
    return found


@pytest.fixture
def loaded(db):
    demo.load(papers=False)


@pytest.mark.parametrize("username", [None, "member"])
def test_no_public_page_shows_a_note_about_the_seeds(client, loaded, username):
    """As an anonymous reader and as a signed-in board member."""
    user = AnonymousUser()
    if username:
        user = User.objects.get(username=username)
        client.force_login(user)
    assert pages_with_seed_notes(client, user) == {}


def test_search_finds_no_note_about_the_seeds(loaded):
    member = User.objects.get(username="member")
    for user in (AnonymousUser(), member):
        for words in ("seed", "sic", "L1371", "period not stated"):
            assert search.search(user, words).hits == [], (user, words)


def test_the_check_finds_a_seed_note_put_back(client, loaded):
    """The checks can fail: notes as the content used to write them, put
    back into the fields a page shows, are found on those pages."""
    value = IndicatorValue.objects.filter(indicator__slug="hle").first()
    value.value_note = "period not stated in seed; as reported in the JSNA 2019"
    value.save()
    action = Action.objects.exclude(closing_note="").first()
    action.closing_note += " (seed 004 L392)"
    action.save()
    Framework.objects.filter(slug="kings-fund").update(source="Adopted [sic]")
    found = pages_with_seed_notes(client, AnonymousUser())
    indicator = reverse("indicators:detail", args=["hle"])
    assert "period not stated in seed" in " ".join(found[indicator])
    assert any("L392" in note for note in found[action.get_absolute_url()])
    assert "Adopted [sic]" in " ".join(found[reverse("strategy:frameworks")])
    assert search.search(AnonymousUser(), "seed").hits


def _notes_on(obj):
    return Provenance.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )


def test_the_seed_notes_are_kept_in_the_provenance_record(loaded):
    value = IndicatorValue.objects.get(
        indicator__slug="hle",
        area__code="E08000026",
        period_key="2019",
        sex="Female",
    )
    assert (
        value.source == "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)"
    )
    whole = _notes_on(value).get(field="")
    assert whole.note == "seed 000 L1371; period not stated in the seed"
    assert not whole.inferred
    england = IndicatorValue.objects.get(
        indicator__slug="hle", area__code="E92000001", sex="Female"
    )
    assert _notes_on(england).get(field="area").inferred
    action = Action.objects.get(title__startswith="Give further consideration")
    notes = {p.field: p for p in _notes_on(action)}
    assert "L392" in notes["closing_note"].note
    assert not notes["closing_note"].inferred
    assert notes["owner_person"].inferred and notes["status"].inferred
    framework = Framework.objects.get(slug="kings-fund")
    assert "seed 004 L1748" in _notes_on(framework).get(field="source").note
    for priority in Priority.objects.all():
        assert _notes_on(priority).get(field="pillars").inferred, priority


def test_only_officers_read_the_provenance_record_in_the_admin(client, loaded):
    url = reverse("admin:hwbb_provenance_changelist")
    assert client.get(url).status_code == 302  # to the admin's sign-in
    client.force_login(User.objects.get(username="member"))
    assert client.get(url).status_code == 302
    client.force_login(User.objects.get(username="officer"))
    page = client.get(url, {"q": "L1371"})
    assert page.status_code == 200
    assert "seed 000 L1371; period not stated in the seed" in page.content.decode()
    inferred = client.get(url, {"inferred__exact": "1", "q": "general knowledge"})
    assert "63.9 assigned to England by general knowledge" in inferred.content.decode()
