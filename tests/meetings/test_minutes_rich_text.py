"""Minutes are written, not coded: paragraphs and "- " bullets typed into the
minute form (with no JavaScript: a plain textarea) print as paragraphs and a
list on the minutes page, in the minutes PDF and in the next meeting's pack.
The officer's notes on a minute are seen on the minutes editor only."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from hwbb.html import html_to_text, rich_text
from meetings import demo, pack, services
from meetings.models import Minute
from tests import factories
from tests.helpers import content_of

TYPED = (
    "The Board considered a report of the Director of Public Health.\n"
    "\n"
    "The Board noted:\n"
    "- the rise in hospital admissions for self-harm\n"
    "- the new Marmot partnership\n"
    "\n"
    "Further to Minute 44/18, the Board asked for:\n"
    "1. a plan by September\n"
    "2. a report to the next meeting"
)
PRINTED = (
    "<p>The Board considered a report of the Director of Public Health.</p>"
    "<p>The Board noted:</p>"
    "<ul><li>the rise in hospital admissions for self-harm</li>"
    "<li>the new Marmot partnership</li></ul>"
    "<p>Further to Minute 44/18, the Board asked for:</p>"
    "<ol><li>a plan by September</li><li>a report to the next meeting</li></ol>"
)
NOTES = "Zanzibarquill: check the admissions figure with Jane before publishing."
SECRET = "Zanzibarquill"


@pytest.fixture
def board(hwb):
    """8 April 2019, whose minutes are being written, and 8 July 2019, whose
    pack asks the Board to agree them."""
    april = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 4, 8, 14), minutes_status="none"
    )
    july = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 7, 8, 14), minutes_status="none"
    )
    factories.AgendaItemFactory(
        meeting=july, number=3, title="Minutes of Previous Meeting", kind="minutes"
    )
    return {"april": april, "july": july}


def _write_minute(client, officer, meeting, **typed):
    """As an officer with no JavaScript does: the form's plain textareas."""
    client.force_login(officer)
    data = {"title": "Director of Public Health's Annual Report", "version": ""}
    response = client.post(
        reverse("meetings:minute_add", args=[meeting.pk]), {**data, **typed}
    )
    assert response.status_code == 302, response.content.decode()
    client.logout()
    return Minute.objects.get(meeting=meeting)


def _publish(meeting):
    meeting.minutes_status = "published_draft"
    meeting.save()


@pytest.fixture
def written(client, officer, board):
    minute = _write_minute(
        client, officer, board["april"], narrative=TYPED, officer_notes=NOTES
    )
    _publish(board["april"])
    return minute


@pytest.fixture
def pdf_html(monkeypatch):
    """The HTML each PDF is rendered from, as WeasyPrint is given it."""
    seen = []
    real = pack._layout

    def spy(html):
        seen.append(html)
        return real(html)

    monkeypatch.setattr(pack, "_layout", spy)
    return seen


def _pdf_lines(data):
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _assert_printed_apart(lines):
    """Each paragraph and list item on a line of its own, the list markers
    drawn (pypdf reads WeasyPrint's markers after the text)."""
    noted = lines.index("The Board noted:")
    assert lines[noted + 1] == "the rise in hospital admissions for self-harm"
    assert lines[noted + 2] == "the new Marmot partnership"
    assert lines[noted + 3] == "Further to Minute 44/18, the Board asked for:"
    assert lines[noted + 4 : noted + 6] == [
        "a plan by September",
        "a report to the next meeting",
    ]
    assert lines.count("\u2022") == 2 and "1." in lines and "2." in lines


def _squash(html):
    return re.sub(r">\s+<", "><", html)


def test_typed_paragraphs_and_lists_are_saved_as_html(written):
    assert written.narrative == PRINTED


def test_the_minutes_page_prints_paragraphs_and_lists(client, written):
    html = _squash(
        client.get(
            reverse("meetings:minutes", args=[written.meeting_id])
        ).content.decode()
    )
    assert "<p>The Board noted:</p><ul><li>the rise in hospital admissions" in html
    assert "<li>the new Marmot partnership</li></ul>" in html
    assert (
        "<ol><li>a plan by September</li><li>a report to the next meeting</li></ol>"
        in html
    )


def test_the_minutes_pdf_prints_paragraphs_and_lists(client, written, pdf_html):
    response = client.get(reverse("meetings:minutes_pdf", args=[written.meeting_id]))
    assert response.status_code == 200
    assert PRINTED in _squash(pdf_html[-1])
    _assert_printed_apart(_pdf_lines(response.content))


def test_the_next_pack_prints_paragraphs_and_lists(written, board, pdf_html):
    services.agenda_pack_build(meeting=board["july"])
    minutes_html = [h for h in pdf_html if "Minutes of the Meeting" in h]
    assert minutes_html and all(PRINTED in _squash(h) for h in minutes_html)
    _assert_printed_apart(
        _pdf_lines(board["july"].packs.get(kind="public").file.read())
    )


def test_the_form_shows_the_text_as_typed_and_saving_it_again_changes_nothing(
    client, officer, written
):
    client.force_login(officer)
    url = reverse("meetings:minute_edit", args=[written.meeting_id, written.pk])
    page = client.get(url).content.decode()
    assert (
        "The Board noted:\n\n- the rise in hospital admissions for self-harm\n" in page
    )
    form = client.get(url).context["form"]
    shown = {name: form[name].value() for name in ("title", "version")}
    shown["narrative"] = html_to_text(written.narrative)
    shown["officer_notes"] = html_to_text(written.officer_notes)
    assert client.post(url, shown).status_code == 302
    written.refresh_from_db()
    assert written.narrative == PRINTED and written.version == 2
    assert written.officer_notes == f"<p>{NOTES}</p>"


def test_the_editor_html_is_saved_sanitised(client, officer, board):
    minute = _write_minute(
        client,
        officer,
        board["april"],
        narrative='<p><strong>Agreed</strong> <a href="javascript:alert(1)">x</a></p>'
        "<ul><li><p>one</p></li></ul><script>alert(1)</script>",
    )
    assert minute.narrative == (
        '<p><strong>Agreed</strong> <a rel="noopener">x</a></p><ul><li>one</li></ul>'
    )


def test_the_importer_and_demo_narratives_are_not_changed(db):
    demo.load(papers=False)
    narratives = list(
        Minute.objects.exclude(narrative="").values_list("narrative", flat=True)
    )
    assert len(narratives) > 20
    for narrative in narratives:
        assert rich_text(narrative) == narrative
        assert narrative.startswith(("<p>", "<ul>", "<ol>"))
        assert html_to_text(narrative) is not None  # the plain textarea can say it


# -- The officer's notes ------------------------------------------------------------


def test_the_officer_sees_the_notes_on_the_minute_form(client, officer, written):
    client.force_login(officer)
    url = reverse("meetings:minute_edit", args=[written.meeting_id, written.pk])
    page = client.get(url).content.decode()
    assert "s notes (not published)" in page
    assert SECRET in page


def _public_urls(minute, meeting):
    return [
        reverse("meetings:minutes", args=[meeting.pk]),
        reverse("meetings:minutes_pdf", args=[meeting.pk]),
        reverse("meetings:detail", args=[meeting.pk]),
        reverse("meetings:minute_ref", args=[meeting.body.slug, minute.number, 18]),
        reverse("search") + "?q=admissions",
        reverse("meetings:feed"),
        "/api/minutes/",
        f"/api/minutes/{minute.pk}/",
        reverse("api:search") + "?q=admissions",
        reverse("api:ocd_events"),
        reverse("api:ocd_event", args=[meeting.pk]),
        reverse("api:meetings_csv"),
        reverse("api:decisions_csv"),
        reverse("api:actions_csv"),
    ]


def _text(response):
    if response["Content-Type"] == "application/pdf":
        return "\n".join(_pdf_lines(response.content))
    return content_of(response).decode()


@pytest.mark.parametrize("role", ["anonymous", "member", "author", "chair", "officer"])
def test_the_notes_are_never_printed_published_or_exported(
    role, request, client, written
):
    factories.ResolutionFactory(minute=written)
    user = request.getfixturevalue(role)
    if user:
        client.force_login(user)
    for url in _public_urls(written, written.meeting):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert SECRET not in _text(response), url
    # the narrative itself is there: the pages were the right ones
    assert "Marmot partnership" in _text(
        client.get(_public_urls(written, written.meeting)[0])
    )
    # and a search for a word of the notes finds nothing (the page repeats the word)
    for url in (
        reverse("search"),
        reverse("api:search"),
        reverse("meetings:decisions"),
    ):
        found = client.get(url, {"q": SECRET}).content.decode()
        assert "Annual Report" not in found and "Annual%20Report" not in found, url
    found = client.get(reverse("search"), {"q": "admissions"}).content.decode()
    assert "Annual Report" in found  # the search does find the minute by its text


def test_the_notes_are_not_in_the_chairs_check_or_the_pack(
    client, chair, written, board
):
    client.force_login(chair)
    review = client.get(reverse("meetings:minutes_review", args=[board["april"].pk]))
    assert review.status_code == 200 and "Marmot partnership" in review.content.decode()
    assert SECRET not in review.content.decode()
    services.agenda_pack_build(meeting=board["july"])
    for kind in ("public", "members"):
        lines = _pdf_lines(board["july"].packs.get(kind=kind).file.read())
        assert "The Board noted:" in lines and SECRET not in "\n".join(lines), kind


@pytest.mark.parametrize("role", ["anonymous", "member", "author", "chair"])
def test_only_officers_open_the_minute_form(role, request, client, written):
    user = request.getfixturevalue(role)
    if user:
        client.force_login(user)
    url = reverse("meetings:minute_edit", args=[written.meeting_id, written.pk])
    response = client.get(url)
    assert response.status_code in (302, 403, 404)
    assert SECRET not in response.content.decode()
