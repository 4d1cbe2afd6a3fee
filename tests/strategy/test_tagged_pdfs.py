"""Every PDF HWBB writes is tagged for assistive technology: a structure tree
with headings and tables whose header cells are marked, the document's title
and language set, and the title shown in the reader's window. Read here from
the PDF itself, as a screen reader would find it."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from hwbb import pdftags
from meetings import pack

pytestmark = pytest.mark.django_db


def _tagged(pdf):
    """The PDF's title and its structure types, depth first, once its tree is
    found well formed (hwbb/pdftags.py: tagged, language, title shown, each
    marked text tied both ways to its element, each figure described)."""
    reader = PdfReader(io.BytesIO(pdf))
    assert pdftags.problems(reader) == []
    assert reader.root_object["/Lang"] == "en-GB"
    kinds = [str(e["/S"]).lstrip("/") for _, e in pdftags.elements(reader)]
    return reader.metadata.title, kinds


def _get(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_the_board_dashboard_pdf_is_tagged(client, board):
    title, tags = _tagged(_get(client, "strategy:dashboard_pdf"))
    assert title.startswith("Board dashboard")
    assert {"H1", "H2", "Table", "TH", "TD"} <= set(tags), tags


def test_the_dashboards_charts_have_alternative_text(client, board):
    """The dashboard's sparklines are the only images any HWBB PDF holds:
    each is a Figure described by its values in words."""
    reader = PdfReader(io.BytesIO(_get(client, "strategy:dashboard_pdf")))
    figures = [e for _, e in pdftags.elements(reader) if e["/S"] == "/Figure"]
    assert [str(f["/Alt"]) for f in figures] == [
        "Healthy life expectancy at birth, 3 periods. "
        "2011 - 13: 60.2 years, 2012 - 14: 60.5 years, 2013 - 15: 61 years"
    ]


def test_the_strategy_overview_pdf_is_tagged(client, board):
    title, tags = _tagged(_get(client, "strategy:overview_pdf"))
    assert title.startswith("Strategy overview")
    assert "H1" in tags


def test_the_minutes_pdf_is_tagged(client, exempt):
    meeting = exempt["meeting"]
    title, tags = _tagged(_get(client, "meetings:minutes_pdf", meeting.pk))
    assert title == f"Minutes: {meeting.body.name}, {meeting.start:%-d %B %Y}"
    assert {"H1", "P"} <= set(tags), tags


def test_the_agenda_pack_keeps_the_tags_of_its_front_sheet(exempt):
    meeting = exempt["meeting"]
    data, _ = pack.build(pack.inputs(meeting, "public"))
    title, tags = _tagged(data)
    assert title == f"Agenda: {meeting.body.name}, {meeting.start:%-d %B %Y}"
    assert tags[0] == "Document" and tags.count("Document") == 1
    assert {"H1", "H2", "P"} <= set(tags), tags


def test_the_members_pack_keeps_the_tags_of_the_reports_hwbb_wrote(exempt):
    """Each report written on the template is a Part of the pack's tree,
    named by its title, after the front sheet's own elements."""
    meeting = exempt["meeting"]
    data, _ = pack.build(pack.inputs(meeting, "members"))
    reader = PdfReader(io.BytesIO(data))
    assert pdftags.problems(reader) == []
    parts = [e for d, e in pdftags.elements(reader) if e["/S"] == "/Part"]
    assert [str(p["/T"]) for p in parts] == [exempt["item"].report.title]
    kinds = [str(e["/S"]) for _, e in pdftags.elements(reader)]
    assert kinds.count("/H1") == 2  # the front sheet's and the report's
