"""The dashboards, an indicator page and a Fingertips upload in real Chromium,
with axe-core on each page: no serious or critical violation."""

import pytest

from indicators import fingertips
from indicators.models import ImportJob
from tests.e2e.browser import check, check_at_widths, sign_in
from tests.helpers import FINGERTIPS_ROWS, fingertips_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_reads_the_board_and_priority_dashboards(live_server, page, demo_world):
    sign_in(page, live_server, "member")
    page.goto(live_server.url + "/strategy/dashboard/")
    main = page.inner_text("main")
    assert "The wider determinants of health" in main
    assert "Working-age employment rate" in main
    assert "Lower than England, which is worse" in main
    tile = page.locator("#pillar-WD .app-tile", has_text="Working-age employment rate")
    # The tile's trend line names each value it draws; every value is on the
    # indicator's page, which the tile's title links to.
    line = tile.locator('svg[role="img"]').get_attribute("aria-label")
    assert line.startswith("Working-age employment rate, ") and "periods." in line
    assert tile.locator("h3 a").get_attribute("href").startswith("/indicators/")
    check(page, "board-dashboard")

    page.click("text=Improving mental health for all >> nth=0")
    assert "Mean mental wellbeing score (SWEMWBS)" in page.inner_text("main")
    check(page, "priority-dashboard")

    page.click("text=Mean mental wellbeing score (SWEMWBS)")
    assert "Over time" in page.inner_text("main")
    check_at_widths(page, "indicator")
    page.select_option("#id_area", "all")
    page.select_option("#id_sex", "Persons")
    page.click("text=Show these values")
    assert "All areas" in page.locator("#id_area option:checked").inner_text()
    check_at_widths(page, "indicator-values-chosen")


def test_officer_uploads_a_fingertips_file_and_sees_it_imported(
    live_server, page, demo_world, tmp_path
):
    sign_in(page, live_server, "officer")
    path = tmp_path / "hle.csv"
    path.write_text(
        fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS).getvalue(), encoding="utf-8"
    )
    page.goto(live_server.url + "/indicators/import/")
    check(page, "import")
    page.set_input_files("#id_file", str(path))
    page.click("main [type=submit]")
    page.wait_for_selector("text=Import finished")
    assert "3 values added" in page.inner_text("main")
    assert ImportJob.objects.get().status == "done"
    check(page, "import-job")
