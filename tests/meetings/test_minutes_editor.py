"""The minute editor: numbering through the municipal year, two officers editing
the same minute, the minutes lifecycle, amendments and citations."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Minute
from tests import factories


@pytest.fixture
def april(hwb):
    return factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 4, 8, 14), minutes_status="none"
    )


def _minute(meeting, title, user=None, **extra):
    minute = Minute(meeting=meeting, title=title, **extra)
    return services.minute_create(minute=minute, user=user)


def test_numbers_continue_through_the_year_and_restart_in_may(hwb, april):
    january = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 1, 14, 14), minutes_status="none"
    )
    for _ in range(39):
        _minute(january, "Earlier business")
    assert _minute(april, "Declarations of Interest").reference == "40/18"
    july = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 7, 8, 14), minutes_status="none"
    )
    assert _minute(july, "Declarations of Interest").reference == "1/19"


def test_second_officer_is_told_and_loses_nothing(client, officer, april):
    minute = _minute(
        april,
        "Young People and Violence",
        narrative="<p>The Board considered a report.</p>",
    )
    other = factories.UserFactory(username="second")
    other.groups.add(*officer.groups.all())
    url = reverse("meetings:minute_edit", args=[april.pk, minute.pk])
    first = {
        "title": minute.title,
        "narrative": "<p>First officer's text.</p>",
        "version": 1,
    }
    second = {
        "title": minute.title,
        "narrative": "<p>Second officer's text.</p>",
        "version": 1,
    }
    client.force_login(officer)
    assert client.post(url, first).status_code == 302
    client.force_login(other)
    html = client.post(url, second).content.decode()
    assert "saved this minute at" in html
    assert "Second officer&#x27;s text." in html  # what they typed is kept
    assert "First officer&#x27;s text." in html  # and the saved version is shown
    minute.refresh_from_db()
    assert minute.narrative == "<p>First officer's text.</p>" and minute.version == 2
    # Saving again from the version now on the form succeeds.
    second["version"] = 2
    assert client.post(url, second).status_code == 302


def test_lifecycle_then_frozen_with_amendments(client, officer, chair, hwb, april):
    minute = _minute(april, "Chair's Update")
    july = factories.MeetingFactory(body=hwb, start=factories.london(2019, 7, 8, 14))
    client.force_login(officer)
    publish = reverse("meetings:minutes_publish", args=[april.pk])
    client.post(publish)  # not yet checked by the chair: refused
    april.refresh_from_db()
    assert april.minutes_status == "draft"
    client.force_login(chair)
    client.post(
        reverse("meetings:minutes_review", args=[april.pk]), {"answer": "checked"}
    )
    client.force_login(officer)
    client.post(publish)
    client.post(
        reverse("meetings:minutes_approve", args=[april.pk]),
        {"approved_at": july.pk, "signed_by": chair.person.pk},
    )
    april.refresh_from_db()
    assert april.minutes_status == "approved" and april.minutes_approved_at == july
    url = reverse("meetings:minute_edit", args=[april.pk, minute.pk])
    html = client.post(url, {"title": "Changed", "version": 1}).content.decode()
    assert "These minutes are approved and cannot be changed" in html
    client.post(
        reverse("meetings:minute_amend", args=[april.pk, minute.pk]),
        {"text": "For 'Kings Fund' read 'King's Fund'.", "reason": "Typo."},
    )
    page = client.get(reverse("meetings:minutes", args=[april.pk])).content.decode()
    assert "For &#x27;Kings Fund&#x27; read &#x27;King&#x27;s Fund&#x27;." in page
    assert "Approved as a true record at the meeting of 8 July 2019" in page


def test_citations_become_links_that_resolve(client, hwb, april):
    earlier = factories.MeetingFactory(
        body=hwb, start=factories.london(2018, 4, 9, 14), minutes_status="none"
    )
    cited = _minute(earlier, "Joint Strategic Needs Assessment", number=31)
    earlier.minutes_status = "approved"
    earlier.save()
    _minute(
        april,
        "JSNA Update",
        number=46,
        narrative="<p>Further to Minute 31/17, the Board considered a report.</p>",
    )
    april.minutes_status = "published_draft"
    april.save()
    page = client.get(reverse("meetings:minutes", args=[april.pk])).content.decode()
    url = reverse("meetings:minute_ref", args=["hwb", 31, 17])
    assert f'<a class="govuk-link" href="{url}">Minute 31/17</a>' in page
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/meetings/{earlier.pk}/minutes/#minute-31")
    assert cited.reference == "31/17"


def test_unpublished_minutes_pdf_is_not_found_for_the_public(client, april):
    _minute(april, "Declarations of Interest")
    assert (
        client.get(reverse("meetings:minutes_pdf", args=[april.pk])).status_code == 404
    )


def test_officer_adds_a_minute_numbered_for_them(client, officer, april):
    client.force_login(officer)
    url = reverse("meetings:minute_add", args=[april.pk])
    response = client.post(
        url,
        {
            "title": "Declarations of Interest",
            "narrative": "<p>There were no declarations.</p>",
        },
    )
    assert response.status_code == 302
    minute = april.minutes.get()
    assert minute.reference == "1/18" and minute.updated_by == officer
