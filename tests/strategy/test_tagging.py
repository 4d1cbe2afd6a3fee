"""Tags: pillar aliases, officers' corrections kept in history, and the
coverage page's list of the board's untagged business."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services, tagging
from meetings.models import AgendaItem, Report
from strategy.forms import TagCorrectionForm
from strategy.models import Pillar
from tests import factories


@pytest.fixture
def pillars(db):
    framework = factories.FrameworkFactory(slug="kings-fund")
    return {
        "WD": factories.PillarFactory(framework=framework),
        "HB": factories.PillarFactory(
            framework=framework,
            code="HB",
            name="Our health behaviours and lifestyles",
            short_name="Health behaviours and lifestyles",
            aliases=["health behaviours"],
        ),
        "PC": factories.PillarFactory(
            framework=framework,
            code="PC",
            name="The places and communities we live in and with",
            short_name="Places and communities",
        ),
    }


@pytest.mark.parametrize(
    "label, code",
    [
        ("Our health behaviours and lifestyles", "HB"),
        ("our health behaviours & lifestyles", "HB"),
        ("health behaviours", "HB"),
        ("Health behaviors", "HB"),
        ("health behaviours quadrant", "HB"),
        ("the places & communities we live in & with", "PC"),
        ("Places and communities pillar", "PC"),
        ("WD", "WD"),
        ("The wider determinants of health", "WD"),
    ],
)
def test_a_pillar_is_found_by_the_labels_the_seeds_use(pillars, label, code):
    assert Pillar.objects.find(label) == pillars[code]


def test_an_unknown_label_finds_no_pillar(pillars):
    assert Pillar.objects.find("integrated health and care") is None


def _correct(obj, user, primary=None, secondary=(), priorities=(), reason="Wrong"):
    return tagging.tags_correct(
        obj=obj,
        primary_pillar=primary,
        secondary_pillars=list(secondary),
        priorities=list(priorities),
        user=user,
        reason=reason,
    )


def test_a_correction_is_kept_in_history_with_who_and_why(pillars, officer):
    action = factories.ActionFactory(primary_pillar=pillars["WD"])
    priority = factories.PriorityFactory(title="Improving mental health for all")
    assert _correct(
        action,
        officer,
        primary=pillars["HB"],
        secondary=[pillars["PC"]],
        priorities=[priority],
        reason="Minuted under mental health",
    )
    action.refresh_from_db()
    assert action.primary_pillar == pillars["HB"]
    assert set(action.secondary_pillars.all()) == {pillars["PC"]}
    [(record, changes)] = tagging.tag_history(action)
    assert record.history_user == officer
    assert record.history_change_reason == "Minuted under mental health"
    assert (
        "Primary pillar",
        "The wider determinants of health",
        "Our health behaviours and lifestyles",
    ) in changes
    assert (
        "Secondary pillars",
        "none",
        "The places and communities we live in and with",
    ) in changes
    assert ("Priorities", "none", "Improving mental health for all") in changes


def test_a_correction_that_changes_nothing_adds_no_history(pillars, officer):
    action = factories.ActionFactory(primary_pillar=pillars["WD"])
    before = action.history.count()
    assert not _correct(action, officer, primary=pillars["WD"])
    assert action.history.count() == before


def test_a_correction_needs_a_reason_and_distinct_pillars(pillars, officer):
    action = factories.ActionFactory()
    with pytest.raises(ValidationError, match="why"):
        _correct(action, officer, primary=pillars["WD"], reason=" ")
    with pytest.raises(ValidationError, match="secondary"):
        _correct(action, officer, primary=pillars["WD"], secondary=[pillars["WD"]])


def test_correcting_a_report_corrects_its_agenda_item(pillars, officer):
    item = factories.AgendaItemFactory(primary_pillar=pillars["WD"])
    report = Report.objects.create(
        title=item.title, body=item.meeting.body, agenda_item=item
    )
    _correct(report, officer, primary=pillars["PC"])
    item.refresh_from_db()
    assert item.primary_pillar == pillars["PC"]
    assert tagging.tag_history(item)[0][0].history_change_reason == "Wrong"


def test_officer_corrects_tags_through_the_page(client, officer, pillars):
    resolution = factories.ResolutionFactory(primary_pillar=pillars["WD"])
    client.force_login(officer)
    url = reverse("strategy:tags", args=["resolution", resolution.pk])
    response = client.post(url, {"primary_pillar": pillars["PC"].pk, "reason": ""})
    assert response.status_code == 200
    assert "Say why the tags are being corrected" in response.text
    resolution.refresh_from_db()
    assert resolution.primary_pillar == pillars["WD"]  # nothing lost, nothing saved

    response = client.post(
        url,
        {
            "primary_pillar": pillars["PC"].pk,
            "secondary_pillars": [pillars["HB"].pk],
            "reason": "The minute is about community hubs",
        },
        follow=True,
    )
    assert "The tags were corrected" in response.text
    assert "The minute is about community hubs" in response.text
    assert "Secondary pillars" in response.text


def test_an_unknown_kind_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("strategy:tags", args=["minute", 1])).status_code == 404


def test_coverage_lists_the_boards_untagged_business(client, officer, pillars):
    priority = factories.PriorityFactory()
    tagged = factories.AgendaItemFactory(
        title="Marmot City update", primary_pillar=pillars["WD"]
    )
    tagged.priorities.add(priority)
    no_priority = factories.AgendaItemFactory(
        title="Better Care Fund plan", primary_pillar=pillars["WD"]
    )
    factories.AgendaItemFactory(title="Apologies for Absence", kind="apologies")
    other_body = factories.BodyFactory(slug="cabinet", name="Cabinet")
    factories.AgendaItemFactory(title="Cabinet budget", meeting__body=other_body)
    client.force_login(officer)
    response = client.get(reverse("strategy:coverage") + "?kind=item")
    assert no_priority.title in response.text
    assert tagged.title not in response.text
    assert "Apologies for Absence" not in response.text  # procedural
    assert "Cabinet budget" not in response.text  # another body
    rows = {
        kind.slug: (total, missing) for kind, total, missing, _ in tagging.coverage()
    }
    assert rows["item"] == (2, 1)


def test_coverage_keeps_its_query_count_as_items_grow(
    client, officer, pillars, django_assert_max_num_queries
):
    factories.AgendaItemFactory.create_batch(3)
    client.force_login(officer)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("strategy:coverage") + "?kind=item")
    factories.AgendaItemFactory.create_batch(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("strategy:coverage") + "?kind=item")
    assert "43 to tag" in response.text
    assert AgendaItem.objects.count() == 43


def test_accepting_a_report_puts_tags_on_its_item_in_history(pillars, officer):
    meeting = factories.MeetingFactory(
        agenda_status="draft",
        status="scheduled",
        start=factories.london(2030, 1, 7, 14, 0),
    )
    report = Report.objects.create(
        title="Director of Public Health annual report",
        body=meeting.body,
        meeting=meeting,
        primary_pillar=pillars["WD"],
        purpose="To present the report",
        recommendations="To note the report",
        status="submitted",
    )
    report.secondary_pillars.add(pillars["HB"])
    report, _ = services.report_accept(report=report, user=officer)
    item = report.agenda_item
    assert item.primary_pillar == pillars["WD"]
    assert list(item.secondary_pillars.all()) == [pillars["HB"]]
    assert item.history.exists()


def test_only_officers_see_the_link_to_correct_tags(client, officer, member, pillars):
    action = factories.ActionFactory(primary_pillar=pillars["WD"])
    link = reverse("strategy:tags", args=["action", action.pk])
    client.force_login(member)
    assert link not in client.get(action.get_absolute_url()).text
    client.force_login(officer)
    assert link in client.get(action.get_absolute_url()).text


def test_the_king_s_fund_pillars_come_first_in_a_form(pillars):
    marmot = factories.FrameworkFactory(slug="marmot", name="Marmot")
    factories.PillarFactory(
        framework=marmot, code="M1", name="Best start in life", short_name=""
    )
    form = TagCorrectionForm()
    labels = [label for _, label in form.fields["secondary_pillars"].choices]
    assert "(Marmot)" not in " ".join(labels[:3])  # the King's Fund three first
    assert labels[-1] == "Best start in life (Marmot)"
