"""The decisions register: every visible resolution, searchable and filtered."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from meetings import search
from tests import factories
from tests.helpers import content_of


@pytest.fixture
def register(hwb):
    april = factories.MeetingFactory(body=hwb, start=factories.london(2019, 4, 8, 14))
    endorsed = factories.ClauseFactory(
        resolution__minute=factories.MinuteFactory(meeting=april, number=44),
        verb="endorsed",
        text="The proposed approach to tackling young people and violence be endorsed.",
    )
    noted = factories.ClauseFactory(
        resolution__minute=factories.MinuteFactory(
            meeting=april, number=48, title="Better Health, Better Care, Better Value"
        ),
        verb="noted",
        text="The content of the report be noted.",
    )
    secret = factories.ClauseFactory(
        resolution__minute=factories.MinuteFactory(
            meeting=april,
            number=54,
            is_exempt=True,
            exempt_paragraph=3,
            title="Contract award",
        ),
        verb="approved",
        text="The contract be awarded to the preferred bidder.",
    )
    return {"endorsed": endorsed, "noted": noted, "secret": secret}


def _page(client, **params):
    return client.get(reverse("meetings:decisions"), params).content.decode()


def test_filters_by_verb_and_words(client, register):
    html = _page(client, verb="endorsed")
    assert "young people and violence" in html and "content of the report" not in html
    html = _page(client, q="Better Care")
    assert "content of the report" in html and "young people" not in html


def test_exempt_decisions_only_for_members(client, member, register):
    assert "preferred bidder" not in _page(client)
    client.force_login(member)
    assert "preferred bidder" in _page(client)


def test_a_malformed_date_is_explained(client, register):
    html = _page(client, since="8th April")
    assert "Enter the date like 2019-04-08" in html


def test_decisions_download_as_csv_with_the_page_filters(client, hwb):
    import csv
    import io

    from meetings.api.exports import DECISION_COLUMNS

    kept = factories.ClauseFactory(verb="approved", text="The plan be approved.")
    factories.ClauseFactory(
        resolution=kept.resolution, label="3", order=3, verb="noted", text="Noted."
    )
    factories.ClauseFactory(verb="approved", text="Another meeting's approval.")
    page = client.get(reverse("meetings:decisions"), {"verb": "approved"})
    assert "format=csv" in page.content.decode()
    response = client.get(
        reverse("meetings:decisions"), {"verb": "approved", "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(content_of(response).decode())))
    assert rows[0] == DECISION_COLUMNS
    assert sorted(r[11] for r in rows[1:]) == [
        "Another meeting's approval.",
        "The plan be approved.",
    ]


@pytest.fixture
def worded(hwb):
    """Decisions whose words are not side by side as a person would type
    them, and one with only some of them."""
    strategy = factories.ClauseFactory(
        resolution__minute__title="Joint Health and Wellbeing Strategy 2019-23",
        text="The draft Coventry Health and Wellbeing Strategy be endorsed.",
    )
    youth = factories.ClauseFactory(
        resolution__minute__title="Youth Justice Plan",
        text="The Plan's work with partners to reduce serious violence be supported.",
    )
    only_youth = factories.ClauseFactory(
        resolution__minute__title="Youth Council",
        text="The Youth Council's manifesto be noted.",
    )
    return {"strategy": strategy, "youth": youth, "only_youth": only_youth}


@pytest.fixture(params=["full_text", "word_by_word"])
def engine(request, monkeypatch):
    """PostgreSQL's full-text search, and the word-by-word fallback the
    SQLite default uses, as /search/ is tested."""
    monkeypatch.setattr(search, "USE_FULL_TEXT", request.param == "full_text")
    return request.param


def _minutes_found(client, q):
    html = _page(client, q=q)
    return html, {
        key
        for key, title in [
            ("strategy", "Joint Health and Wellbeing Strategy"),
            ("youth", "Youth Justice Plan"),
            ("only_youth", "Youth Council"),
        ]
        if title in html
    }


def test_the_word_box_finds_decisions_as_search_does(client, engine, worded):
    """ "Endorse draft" (endorsed, with words between) and "youth violence"
    (the title and a clause) were a literal substring that found nothing."""
    html, found = _minutes_found(client, "youth violence")
    assert found == {"youth"} and "1 decision." in html
    if engine == "full_text":  # stemmed: "endorse" finds "endorsed"
        assert _minutes_found(client, "Endorse draft")[1] == {"strategy"}
    assert _minutes_found(client, '"draft Coventry" -violence')[1] == {"strategy"}
    assert _minutes_found(client, "manifesto or violence")[1] == {
        "youth",
        "only_youth",
    }
    # The register finds what /search/ finds, for the same words.
    for q in ("youth violence", "Endorse draft", "youth -plan"):
        hits = search.search(AnonymousUser(), q, kinds=["resolution"]).hits
        register = _minutes_found(client, q)[1]
        assert {worded[k].resolution_id for k in register} == {h.pk for h in hits}


def test_the_word_box_says_when_there_is_nothing_to_search_for(client, worded):
    html = _page(client, q="!!")
    assert search.NOTHING_TO_SEARCH.replace("'", "&#x27;") in html
    assert "0 decisions." in html


def test_the_word_box_never_finds_closed_decisions_for_the_public(
    client, member, register
):
    assert "preferred bidder" not in _page(client, q="contract preferred")
    assert "0 decisions." in _page(client, q="contract preferred")
    client.force_login(member)
    assert "preferred bidder" in _page(client, q="contract preferred")
