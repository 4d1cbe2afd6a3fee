"""The decisions register: every visible resolution, searchable and filtered."""

import pytest
from django.urls import reverse

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
