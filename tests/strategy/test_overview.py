"""The strategy overview: each priority's latest RAG, its actions counted by
status and its indicators in words; printable, and as a PDF of the public view."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Action
from strategy import dashboards
from strategy.models import ProgressReport
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def priority(board):
    return board["priority"]


def _row(user, priority):
    for version in dashboards.overview(user)["versions"]:
        for p in version.priorities.all():
            if p.pk == priority.pk:
                return p
    raise AssertionError("priority not in the overview")


def test_the_rag_is_the_latest_published_return(priority, member):
    factories.ProgressReportFactory(priority=priority, rag="green")
    newer = factories.ProgressReportFactory(priority=priority, rag="amber")
    factories.ProgressReportFactory(
        priority=priority, rag="red", status=ProgressReport.Status.SUBMITTED
    )  # not yet accepted: not the priority's RAG
    row = _row(member, priority)
    assert row.latest_report.pk == newer.pk
    assert row.latest_report.rag == "amber"


def test_actions_are_counted_by_status_as_the_reader_may_see_them(priority, officer):
    for status in ("on_track", "on_track", "done"):
        factories.ActionFactory(status=status).priorities.add(priority)
    exempt = factories.ActionFactory(minute__is_exempt=True, status="off_track")
    exempt.priorities.add(priority)
    public = _row(AnonymousUser(), priority).progress
    assert public.counts == {"on_track": 2, "done": 1}
    assert _row(officer, priority).progress.counts[Action.Status.OFF_TRACK] == 1


def test_indicators_are_summarised_in_words(priority):
    words = str(_row(AnonymousUser(), priority).indicator_summary)
    assert words.startswith("1 indicator: ")
    assert "England" in words


def test_the_page_and_the_pdf_show_the_public_view(client, priority, officer):
    factories.ProgressReportFactory(priority=priority, rag="amber")
    factories.ActionFactory(minute__is_exempt=True, status="off_track").priorities.add(
        priority
    )
    client.force_login(officer)
    page = client.get(reverse("strategy:overview"))
    assert "RAG: Amber" in page.text
    assert "off track 1" in page.text  # officers see the exempt minute's action
    pdf = client.get(reverse("strategy:overview_pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "RAG: Amber" in text
    assert "Focus on employment and homelessness" in text
    assert "off track" not in text  # the public view, whoever makes it


def test_the_lineage_says_what_each_priority_became(client):
    old = factories.PriorityFactory(title="Loneliness and social isolation")
    new_version = factories.VersionFactory(key="2023", kind="refresh")
    factories.PriorityFactory(
        version=new_version,
        title="Tackling loneliness and social isolation for all",
        predecessor=old,
        lineage="broadened",
    )
    factories.PriorityFactory(
        version=new_version,
        title="Focus on employment and homelessness as a prevention opportunity",
    )
    text = client.get(reverse("strategy:overview")).text
    lineage = text[text.index('id="lineage"') :]
    assert "Broadened: " in lineage
    assert "Tackling loneliness and social isolation for all" in lineage
    assert "New: " in lineage
