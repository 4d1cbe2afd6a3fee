"""The pillar x pillar matrix: counts of items spanning pillars, drilling down
to the items, with exempt items counted only for those who may see them."""

import pytest
from django.urls import reverse

from meetings import connections
from tests import factories


@pytest.fixture
def kf(db):
    framework = factories.FrameworkFactory(slug="kings-fund", name="King's Fund")
    wd = factories.PillarFactory(framework=framework, code="WD", order=0)
    hb = factories.PillarFactory(
        framework=framework, code="HB", name="Our health behaviours", order=1
    )
    pc = factories.PillarFactory(
        framework=framework, code="PC", name="Places and communities", order=2
    )
    return framework, wd, hb, pc


def _url(**params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("strategy:interconnections") + "?" + query


def test_counts_pairs_and_single_pillars(kf, officer):
    framework, wd, hb, pc = kf
    both = factories.AgendaItemFactory(title="Marmot City", primary_pillar=wd)
    both.secondary_pillars.add(hb)
    three = factories.ActionFactory(title="Food hubs", primary_pillar=pc)
    three.secondary_pillars.add(wd, hb)
    factories.ResolutionFactory(primary_pillar=wd)  # wd alone
    sets = connections.pillar_sets(officer, framework)
    grid = {
        (row.code, col.code): n
        for row, cells in connections.matrix([wd, hb, pc], sets)
        for col, n in cells
    }
    assert grid[("WD", "HB")] == grid[("HB", "WD")] == 2
    assert grid[("WD", "PC")] == 1
    assert grid[("WD", "WD")] == 1  # the resolution, tagged to WD alone
    assert grid[("HB", "HB")] == 0


def test_a_count_drills_down_to_its_items(client, kf):
    framework, wd, hb, pc = kf
    item = factories.AgendaItemFactory(title="Marmot City update", primary_pillar=wd)
    item.secondary_pillars.add(hb)
    factories.AgendaItemFactory(title="Better Care Fund plan", primary_pillar=wd)
    response = client.get(_url(framework="kings-fund", a="WD", b="HB"))
    assert response.status_code == 200
    assert "Marmot City update" in response.text
    assert "Better Care Fund plan" not in response.text
    alone = client.get(_url(framework="kings-fund", a="WD", b="WD"))
    assert "Better Care Fund plan" in alone.text


def test_exempt_items_are_not_counted_for_the_public(client, kf, officer):
    framework, wd, hb, pc = kf
    item = factories.AgendaItemFactory(
        title="Contract award: Integrated Sexual Health Service",
        primary_pillar=wd,
        is_exempt=True,
        exempt_paragraph=3,
        open_title="Contract award (exempt)",
        meeting__agenda_status="draft",
    )
    item.secondary_pillars.add(hb)
    response = client.get(_url(framework="kings-fund", a="WD", b="HB"))
    assert "Contract award" not in response.text
    assert "None." in response.text
    client.force_login(officer)
    response = client.get(_url(framework="kings-fund", a="WD", b="HB"))
    assert "Integrated Sexual Health Service" in response.text


def test_the_matrix_keeps_its_query_count(client, kf, django_assert_max_num_queries):
    framework, wd, hb, pc = kf
    for _ in range(2):
        factories.ActionFactory(primary_pillar=wd).secondary_pillars.add(hb)
    url = _url(framework="kings-fund", a="WD", b="HB")
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(30):
        factories.ActionFactory(primary_pillar=wd).secondary_pillars.add(hb, pc)
        factories.AgendaItemFactory(primary_pillar=hb).secondary_pillars.add(pc)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "32 items" in response.text
