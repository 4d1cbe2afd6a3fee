"""Every PDF HWBB writes is tagged for assistive technology: a structure tree
with headings and tables whose header cells are marked, the document's title
and language set, and the title shown in the reader's window. Read here from
the PDF itself, as a screen reader would find it."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings import pack

pytestmark = pytest.mark.django_db


def _structure(node, found):
    """The structure types in the tree, depth first."""
    node = node.get_object()
    kind = node.get("/S")
    if kind is not None:
        found.append(str(kind).lstrip("/"))
    kids = node.get("/K")
    if kids is None:
        return found
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object()
        if hasattr(kid, "get"):
            _structure(kid, found)
    return found


def _tagged(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    return reader.metadata.title, _structure(root["/StructTreeRoot"], [])


def _get(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_the_board_dashboard_pdf_is_tagged(client, board):
    title, tags = _tagged(_get(client, "strategy:dashboard_pdf"))
    assert title.startswith("Board dashboard")
    assert {"H1", "H2", "Table", "TH", "TD"} <= set(tags), tags


def test_the_strategy_overview_pdf_is_tagged(client, board):
    title, tags = _tagged(_get(client, "strategy:overview_pdf"))
    assert title.startswith("Strategy overview")
    assert "H1" in tags


def test_the_minutes_pdf_is_tagged(client, exempt):
    meeting = exempt["meeting"]
    title, tags = _tagged(_get(client, "meetings:minutes_pdf", meeting.pk))
    assert title == f"Minutes: {meeting.body.name}, {meeting.start:%-d %B %Y}"
    assert {"H1", "P"} <= set(tags), tags


def test_the_agenda_pack_has_its_title_and_language(exempt):
    meeting = exempt["meeting"]
    data, _ = pack.build(pack.inputs(meeting, "public"))
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert reader.metadata.title == (
        f"Agenda: {meeting.body.name}, {meeting.start:%-d %B %Y}"
    )
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
