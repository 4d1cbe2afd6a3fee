"""Two officers take the minutes of the same meeting in two Chromium windows,
typing into the same minute. The page saves as they type; the second is told
in words that the first saved before them, keeps everything they typed, sees
the other version, and saves theirs only by pressing Save. A rich-text editor
that only dispatches `input` on the textarea is heard; a half-typed resolution
is left unsaved, and said so. axe-core on the page; screenshots at a desktop
and a phone width, with nothing wider than the screen."""

import pytest
from django.contrib.auth.models import User
from django.db import connections
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from meetings import services
from meetings.models import Resolution
from tests import factories
from tests.e2e.browser import ARTIFACTS, CHROMIUM_ARGS, check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOUSING = "Housing and Homelessness One Coventry Approach"


@pytest.fixture
def chromium(chromium_path):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()  # see conftest.page


@pytest.fixture
def today(hwb, officer, chair, member):
    """Today's meeting, begun just after midnight."""
    start = timezone.localtime().replace(hour=0, minute=1, second=0, microsecond=0)
    meeting = factories.MeetingFactory(body=hwb, start=start, minutes_status="none")
    factories.AgendaItemFactory(meeting=meeting, number=1, title="Apologies")
    factories.AgendaItemFactory(meeting=meeting, number=2, title=HOUSING)
    factories.AgendaItemFactory(
        meeting=meeting,
        number=3,
        title="Contract award: integrated substance misuse service",
        is_exempt=True,
        exempt_paragraph=3,
    )
    services.minutes_prepare(meeting=meeting, user=officer)
    return meeting


def _window(chromium, live_server, username, url):
    tab = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(tab, live_server, username)
    tab.goto(url)
    return tab


def _section(tab, minute):
    return tab.locator(f"#minute-{minute.pk}")


def _status(tab, minute):
    return _section(tab, minute).locator("[data-autosave-status]")


def test_two_officers_typing_into_one_minute(chromium, live_server, officer, today):
    second = factories.UserFactory(username="second", first_name="Sam")
    second.groups.add(*officer.groups.all())
    housing = today.minutes.get(title=HOUSING)
    url = f"{live_server.url}/meetings/{today.pk}/minutes/live/"
    first = _window(chromium, live_server, officer.username, url)
    other = _window(chromium, live_server, "second", url)
    # the rich-text editor stands in for the narrative's textarea
    box = f"#m{housing.pk}-narrative-editor"

    first.fill(box, "The Board considered the report of the Head of Housing.")
    expect(_status(first, housing)).to_contain_text("Saved at", timeout=10_000)
    housing.refresh_from_db()
    assert housing.narrative.startswith("<p>The Board considered the report")
    assert housing.taken_time  # set when first written
    assert first.input_value(f"#m{housing.pk}-taken_at") == housing.taken_time

    # the second officer's page still holds version 1
    other.fill(box, "Jim Crawshaw presented the One Coventry approach.")
    expect(_status(other, housing)).to_contain_text(
        "Someone else changed this minute at", timeout=10_000
    )
    expect(_status(other, housing)).to_contain_text("nothing of yours is lost")
    assert other.inner_text(box) == "Jim Crawshaw presented the One Coventry approach."
    conflict = _section(other, housing).locator("[data-conflict]")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("The Board considered the report")
    housing.refresh_from_db()
    assert housing.narrative.startswith("<p>The Board considered the report")
    # typing more does not overwrite theirs: autosave waits for Save
    other.locator(box).press("End")
    other.locator(box).type(" Members asked about temporary accommodation.")
    other.wait_for_timeout(4000)
    housing.refresh_from_db()
    assert housing.narrative.startswith("<p>The Board considered the report")
    check(other, "minutes-live-conflict")

    other.locator(f"#minute-{housing.pk} button[type=submit]:not([name])").click()
    expect(_status(other, housing)).to_contain_text("Saved at", timeout=10_000)
    expect(conflict).to_be_hidden()
    housing.refresh_from_db()
    assert housing.narrative == (
        "<p>Jim Crawshaw presented the One Coventry approach. "
        "Members asked about temporary accommodation.</p>"
    )


def test_an_editor_that_only_dispatches_input_is_heard(
    chromium, live_server, officer, today
):
    housing = today.minutes.get(title=HOUSING)
    url = f"{live_server.url}/meetings/{today.pk}/minutes/live/"
    tab = _window(chromium, live_server, officer.username, url)
    # as a rich-text editor does: set the textarea, dispatch `input` (not bubbling)
    tab.eval_on_selector(
        f"#m{housing.pk}-narrative",
        "box => { box.value = '<p>From the editor.</p>';"
        " box.dispatchEvent(new Event('input')); }",
    )
    expect(_status(tab, housing)).to_contain_text("Saved at", timeout=10_000)
    housing.refresh_from_db()
    assert housing.narrative == "<p>From the editor.</p>"

    tab.fill(f"#m{housing.pk}-clauses", "(1) The report be noted.\n(2")
    expect(_status(tab, housing)).to_contain_text(
        "but not the resolution: Start each line with (1) or (i)", timeout=10_000
    )
    assert not Resolution.objects.filter(minute=housing).exists()
    tab.fill(
        f"#m{housing.pk}-clauses",
        "(1) The report be noted.\n(2) The approach be endorsed.",
    )
    tab.locator(f"#m{housing.pk}-narrative-editor").focus()  # leaving saves
    expect(_status(tab, housing)).not_to_contain_text("not the resolution")
    expect(_status(tab, housing)).to_contain_text("Saved at", timeout=10_000)
    verbs = Resolution.objects.get(minute=housing).clauses.values_list("verb")
    assert sorted(v for (v,) in verbs) == ["endorsed", "noted"]

    apologies = today.minutes.get(title="Apologies")
    _section(tab, apologies).locator("button[name=taken_now]").click()
    expect(_status(tab, apologies)).to_contain_text("Saved at", timeout=10_000)
    apologies.refresh_from_db()
    assert apologies.taken_time
    assert tab.input_value(f"#m{apologies.pk}-taken_at") == apologies.taken_time

    tab.set_viewport_size({"width": 1280, "height": 900})
    check(tab, "minutes-live-wide")
    for width in (1280, 390):
        tab.set_viewport_size({"width": width, "height": 844})
        tab.screenshot(path=ARTIFACTS / f"minutes-live-{width}.png", full_page=True)
        wider = tab.evaluate("document.documentElement.scrollWidth")
        assert wider <= width, f"the page is {wider} px wide at {width} px"
    assert User.objects.filter(username=officer.username).exists()
