"""Resolutions typed as council minutes print them: numbered clauses, nested
sub-clauses, a preamble, or a single inline resolution; verbs read from wording."""

import pytest
from django.urls import reverse

from meetings import resolutions
from meetings.models import Resolution
from tests import factories

MINUTE_45 = """(1) The Coventry Physical Activity Framework 2019 - 2024 be approved.
(2) The implementation approach be approved as follows:
(i) To align governance, reporting and delivery of the objectives with planning already underway around sports, culture and destination, infrastructure, travel and greenspace.
(ii) To establish an overarching work programme that combines existing delivery with new requirements identified in the framework."""  # noqa: E501


def test_nested_clauses_and_verbs():
    clauses = resolutions.parse(MINUTE_45)
    assert [c.label for c in clauses] == ["1", "2"]
    assert [s.label for s in clauses[1].subclauses] == ["i", "ii"]
    assert clauses[0].verb == "approved" and clauses[0].kind == "decision"


@pytest.mark.parametrize(
    "text, verb, kind",
    [
        ("The content of the report be noted.", "noted", "decision"),
        (
            "Officers be requested to give further consideration to the governance "
            "arrangements.",
            "requested",
            "decision",
        ),
        (
            "Cabinet be recommended to approve the Strategy.",
            "recommended",
            "recommendation",
        ),
    ],
)
def test_single_resolution_verbs(text, verb, kind):
    (clause,) = resolutions.parse(text)
    assert clause.label == "" and (clause.verb, clause.kind) == (verb, kind)


def test_unnumbered_lines_are_refused_with_a_reason():
    with pytest.raises(ValueError, match=r"Start each line with \(1\) or \(i\)"):
        resolutions.parse("(1) The report be noted.\nFurther reports be submitted.")


def test_officer_saves_a_resolution_and_it_prints_in_bold(client, officer, hwb):
    meeting = factories.MeetingFactory(body=hwb, minutes_status="draft")
    minute = factories.MinuteFactory(
        meeting=meeting,
        number=45,
        title="Coventry Physical Activity Framework 2019 - 2024",
    )
    client.force_login(officer)
    url = reverse("meetings:resolution_edit", args=[meeting.pk, minute.pk])
    bad = client.post(
        url, {"clauses": "(1) Approved.\nno number here"}
    ).content.decode()
    assert "Start each line with (1) or (i)" in bad
    client.post(url, {"clauses": MINUTE_45})
    resolution = Resolution.objects.get(minute=minute)
    assert resolution.clauses.count() == 4 and not resolution.is_inline
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "(ii) To establish an overarching work programme" in page
    assert (
        "(i) To align governance" in client.get(url).content.decode()
    )  # editable again


def test_a_recommendation_records_the_body_it_goes_to(client, officer, hwb):
    cabinet = factories.BodyFactory(name="Cabinet", slug="cabinet")
    meeting = factories.MeetingFactory(body=hwb, minutes_status="draft")
    minute = factories.MinuteFactory(meeting=meeting, number=50)
    client.force_login(officer)
    client.post(
        reverse("meetings:resolution_edit", args=[meeting.pk, minute.pk]),
        {"clauses": "Cabinet be recommended to approve the Strategy."},
    )
    clause = Resolution.objects.get(minute=minute).clauses.get()
    assert clause.kind == "recommendation" and clause.recommended_to == cabinet


def test_editing_a_resolution_keeps_the_actions_made_from_its_clauses(officer, hwb):
    from meetings import services

    meeting = factories.MeetingFactory(body=hwb, minutes_status="draft")
    minute = factories.MinuteFactory(meeting=meeting, number=44)
    services.resolution_save(
        minute=minute,
        preamble="",
        user=officer,
        clauses=resolutions.parse(
            "(1) The approach be endorsed.\n(2) Officers be requested to report back."
        ),
    )
    clause = Resolution.objects.get(minute=minute).clauses.get(label="2")
    action = factories.ActionFactory(minute=minute, resolution_clause=clause)
    services.resolution_save(
        minute=minute,
        preamble="",
        user=officer,
        clauses=resolutions.parse(
            "(1) The approach be endorsed and supported.\n"
            "(2) Officers be requested to report back in autumn."
        ),
    )
    action.refresh_from_db()
    assert action.resolution_clause_id == clause.pk
    assert action.resolution_clause.text.endswith("in autumn.")
