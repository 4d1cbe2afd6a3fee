"""The board and priority dashboards: indicator tiles beside the actions'
progress, by pillar; the board dashboard as a PDF; cached judgements."""

import io
import pickle
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from indicators import judgements, summary
from meetings.models import Action
from strategy import dashboards
from tests import factories

pytestmark = pytest.mark.django_db


def _section(context, pillar):
    return next(s for s in context["sections"] if s["pillar"] == pillar)


def test_tiles_by_pillar_from_its_priorities_and_its_own(board):
    context = dashboards.board(AnonymousUser())
    section = _section(context, board["pillar"])
    names = [row.indicator.name for row in section["tiles"]]
    assert names == ["Healthy life expectancy at birth", "Working-age employment rate"]
    assert section["priorities"] == [board["priority"]]
    assert _section(context, board["other"])["tiles"] == []
    hle = section["tiles"][0]
    assert hle.judgement == "Worse than England"
    assert [v.value for v in hle.history] == [60.2, 60.5, 61.0]


def test_a_tile_shows_the_periods_its_trend_is_read_from(board):
    """Not every year held: a tile weighs the same at ten years as at five."""
    hle = board["hle"]
    for year in range(2000, 2010):
        factories.ValueFactory(
            indicator=hle,
            period_key=str(year),
            period_label=str(year),
            value=50.0 + year - 2000,
        )
    row = summary.comparisons_of([hle.pk])[hle.pk]
    assert len(row.history) == judgements.POINTS
    assert [v.period_key for v in row.history][-1] == row.local.period_key
    assert "5 periods" in row.sparkline


def test_tile_says_in_words_what_its_colour_and_sparkline_show(client, board):
    html = client.get(reverse("strategy:dashboard")).content.decode()
    assert "Worse than England" in html and "app-judgement--worse" in html
    assert "Not enough data for a trend" in html
    # The sparkline's accessible name carries every value it draws; the
    # newest is in words on the tile, and every value on the indicator's page.
    label = 'aria-label="Healthy life expectancy at birth, 3 periods. 2011 - 13: 60.2'
    assert label in html and "2012 - 14: 60.5" in html and "2013 - 15: 61" in html
    assert '<p class="app-tile__value">61' in html
    assert reverse("indicators:detail", args=[board["hle"].slug]) in html
    assert "69.2%" in html


def test_actions_progress_counts_only_what_the_reader_may_see(board, officer):
    pillar = board["pillar"]
    factories.ActionFactory(primary_pillar=pillar, status=Action.Status.DONE)
    late = factories.ActionFactory(
        primary_pillar=pillar,
        status=Action.Status.AT_RISK,
        due_date=factories.london(2020, 1, 6).date(),
    )
    hidden = factories.ActionFactory(
        status=Action.Status.OFF_TRACK, minute__is_exempt=True
    )
    hidden.secondary_pillars.add(pillar)
    public = _section(dashboards.board(AnonymousUser()), pillar)["progress"]
    assert (public.total, public.overdue, public.done_percent) == (2, 1, 50)
    assert [label for _, label, _ in public.rows] == ["At risk", "Done"]
    seen_by_officer = _section(dashboards.board(officer), pillar)["progress"]
    assert seen_by_officer.total == 3
    assert late.is_overdue


def test_an_action_counts_once_under_each_of_its_pillars(board):
    pillar, other = board["pillar"], board["other"]
    both = factories.ActionFactory(primary_pillar=pillar, status="on_track")
    both.secondary_pillars.add(pillar, other)  # its primary one again
    late = factories.ActionFactory(
        primary_pillar=None,
        status=Action.Status.OFF_TRACK,
        due_date=factories.london(2020, 1, 6).date(),
    )
    late.secondary_pillars.add(other)
    factories.ActionFactory(
        primary_pillar=None, status="done", due_date=late.due_date
    ).secondary_pillars.add(other)
    context = dashboards.board(AnonymousUser())
    mine = _section(context, pillar)["progress"]
    assert (mine.counts, mine.overdue) == ({"on_track": 1}, 0)
    theirs = _section(context, other)["progress"]
    assert theirs.counts == {"on_track": 1, "off_track": 1, "done": 1}
    assert theirs.overdue == 1  # a done action is never overdue


def test_dashboard_pdf_shows_the_public_view_whoever_asks(client, board, officer):
    pillar = board["pillar"]
    factories.ActionFactory(primary_pillar=pillar)
    factories.ActionFactory(primary_pillar=pillar, minute__is_exempt=True)
    client.force_login(officer)
    response = client.get(reverse("strategy:dashboard_pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Board dashboard" in text and "The wider determinants of health" in text
    assert "Healthy life expectancy at birth" in text
    assert "Worse than England" in text
    assert "Actions: 1," in text  # the exempt minute's action is not counted


def test_priority_dashboard_lists_open_actions_and_the_progress(client, board, member):
    priority = board["priority"]
    for title, status in [
        ("Map employment support for people at risk of homelessness", "on_track"),
        ("Closed: report on the prevention pilot", "done"),
    ]:
        action = factories.ActionFactory(title=title, status=status)
        action.priorities.add(priority)
    client.force_login(member)
    html = client.get(
        reverse("strategy:priority_dashboard", args=[priority.slug])
    ).content.decode()
    assert "Map employment support" in html
    assert "Closed: report on the prevention pilot" not in html
    assert "2 actions, 50% done" in html
    assert "Healthy life expectancy at birth" in html


def test_judgements_are_cached_until_the_data_changes(board):
    first = summary.comparisons()
    pks = [r.indicator.pk for r in first]
    with CaptureQueriesContext(connection) as queries:
        again = summary.comparisons_of(pks)
    assert len(queries) == 0 and list(again) == pks
    # A new value (saved, so the signal fires) is seen at once.
    factories.ValueFactory(
        indicator=board["hle"],
        period_label="2014 - 16",
        period_key="2014",
        value=61.4,
        lower_ci_95=60.4,
        upper_ci_95=62.4,
    )
    row = next(r for r in summary.comparisons() if r.indicator == board["hle"])
    assert row.local.value == 61.4
    # Deleting it is seen too.
    row.local.delete()
    row = next(r for r in summary.comparisons() if r.indicator == board["hle"])
    assert row.local.value == 61.0


def test_an_import_that_changes_nothing_keeps_the_cache(board):
    from indicators import fingertips

    summary.comparisons()
    version = summary.data_version()
    result = fingertips.import_csv(io.StringIO(",".join(fingertips.HEADER) + "\n"))
    assert result.created == 0 and summary.data_version() == version
    header = ",".join(fingertips.HEADER)
    row = "90362,Healthy life expectancy at birth,,,E08000026,Coventry,UA,Persons,"
    row += "All ages,,,2019 - 21,62.1,,,,,,,,,,,20190000,,"
    result = fingertips.import_csv(io.StringIO(f"{header}\n{row}\n"))
    assert result.created == 1 and summary.data_version() != version


def test_a_page_computes_only_the_judgements_it_shows(board):
    hle, other = board["hle"], factories.IndicatorFactory(name="Smoking prevalence")
    assert list(summary.comparisons_of([hle.pk])) == [hle.pk]
    # Cached, hle is not computed again: only the other indicator is.
    with mock.patch.object(summary, "_compute", wraps=summary._compute) as compute:
        rows = summary.comparisons_of([hle.pk, other.pk])
    compute.assert_called_once_with([other.pk])
    assert list(rows) == [hle.pk, other.pk]
    assert rows[other.pk].judgement == "No local value"


def test_a_cached_judgement_keeps_only_the_values_it_shows(board):
    hle = board["hle"]
    for period in range(2000, 2010):  # old values and another breakdown
        factories.ValueFactory(
            indicator=hle, period_key=str(period), period_label=str(period)
        )
        factories.ValueFactory(
            indicator=hle, period_key=str(period), sex="Male", value=50.0
        )
    row = summary.comparisons_of([hle.pk])[hle.pk]
    cached = pickle.loads(pickle.dumps(row))
    assert len(row.indicator.area_values) > 20  # the page's own row is whole
    assert "area_values" not in cached.indicator.__dict__
    # nor through the values kept, each of which remembers its indicator
    for value in [cached.local, cached.comparator, *cached.history]:
        assert "area_values" not in value.indicator.__dict__
    assert cached.local is cached.history[-1]  # one copy of a value
    assert (cached.judgement, cached.trend) == (row.judgement, row.trend)
    assert [v.value for v in cached.history] == [v.value for v in row.history]
    assert cached.sparkline == row.sparkline


def test_a_change_sets_a_new_version_again_once_committed(
    board, django_capture_on_commit_callbacks
):
    """A page that read the values before the commit must not leave its
    judgement under the version later pages read."""
    with django_capture_on_commit_callbacks(execute=True):
        factories.ValueFactory(indicator=board["hle"], period_key="2020")
        during = summary.data_version()
    assert summary.data_version() != during
