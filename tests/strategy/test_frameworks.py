"""A second framework, added by an officer through the app (no code), and
items tagged to both."""

import pytest
from django.urls import reverse

from meetings import tagging
from strategy.models import Framework, Pillar
from tests import factories

MARMOT = [
    ("M1", "Give every child the best start in life"),
    (
        "M2",
        "Enable all children, young people and adults to maximise their "
        "capabilities and have control over their lives",
    ),
    ("M3", "Create fair employment and good work for all"),
    ("M4", "Ensure a healthy standard of living for all"),
    ("M5", "Create and develop healthy and sustainable places and communities"),
    ("M6", "Strengthen the role and impact of ill health prevention"),
    ("M7", "Tackle racism, discrimination and their outcomes"),
    ("M8", "Pursue environmental sustainability and health equity together"),
]


def _post(objectives, **framework):
    data = {
        "name": "Marmot's eight principles",
        "slug": "marmot",
        "description": "Build Back Fairer: The COVID-19 Marmot Review (2020).",
        "source": "Institute of Health Equity",
        "pillars-TOTAL_FORMS": str(len(objectives)),
        "pillars-INITIAL_FORMS": "0",
        "pillars-MIN_NUM_FORMS": "0",
        "pillars-MAX_NUM_FORMS": "20",
        **framework,
    }
    for n, (code, name) in enumerate(objectives):
        data[f"pillars-{n}-code"] = code
        data[f"pillars-{n}-name"] = name
        data[f"pillars-{n}-aliases"] = (
            f"Marmot objective {n + 1}\nPolicy objective {code}"
        )
    return data


def test_an_officer_adds_marmots_eight_objectives(client, officer):
    client.force_login(officer)
    assert client.get(reverse("strategy:framework_new")).status_code == 200
    response = client.post(
        reverse("strategy:framework_new"), _post(MARMOT), follow=True
    )
    assert "Marmot&#x27;s eight principles was saved" in response.text
    marmot = Framework.objects.get(slug="marmot")
    assert [p.code for p in marmot.pillars.order_by("order")] == [c for c, _ in MARMOT]
    assert marmot.pillars.get(code="M3").aliases == [
        "Marmot objective 3",
        "Policy objective M3",
    ]
    assert (
        Pillar.objects.filter(framework=marmot).find("marmot objective 7").code == "M7"
    )
    assert "Tackle racism, discrimination and their outcomes" in response.text


def test_bad_framework_input_is_refused_with_a_message(client, officer):
    client.force_login(officer)
    url = reverse("strategy:framework_new")
    response = client.post(url, _post([("M1", "Best start"), ("M1", "Good work")]))
    assert "Each code must be different: M1 is used twice" in response.text
    response = client.post(url, _post([]))
    assert "Add at least one pillar or objective" in response.text
    response = client.post(url, _post(MARMOT[:1], name=""))
    assert "Enter the framework&#x27;s name" in response.text
    response = client.post(url, _post([("M1", "")]))
    assert "New pillar or objective 1: Enter the name" in response.text
    assert response.text.count("There is a problem") == 1
    assert not Framework.objects.filter(slug="marmot").exists()


def test_an_officer_changes_a_pillar_and_adds_one(client, officer):
    pillar = factories.PillarFactory()
    client.force_login(officer)
    data = _post([], name=pillar.framework.name, slug=pillar.framework.slug)
    data.update(
        {
            "pillars-TOTAL_FORMS": "2",
            "pillars-INITIAL_FORMS": "1",
            "pillars-0-id": str(pillar.pk),
            "pillars-0-code": "WD",
            "pillars-0-name": "The wider determinants of health",
            "pillars-0-aliases": "wider determinants quadrant",
            "pillars-1-code": "HB",
            "pillars-1-name": "Our health behaviours and lifestyles",
        }
    )
    url = reverse("strategy:framework_edit", args=[pillar.framework.slug])
    response = client.post(url, data)
    assert response.status_code == 302
    pillar.refresh_from_db()
    assert pillar.aliases == ["wider determinants quadrant"]
    assert pillar.framework.pillars.count() == 2


@pytest.mark.django_db
def test_an_item_is_tagged_to_both_frameworks(client, officer):
    kf = factories.PillarFactory()
    marmot = factories.FrameworkFactory(slug="marmot", name="Marmot")
    fair_work = factories.PillarFactory(
        framework=marmot, code="M3", name="Create fair employment and good work"
    )
    action = factories.ActionFactory(title="Job Shop outreach")
    tagging.tags_correct(
        obj=action,
        primary_pillar=kf,
        secondary_pillars=[fair_work],
        priorities=[],
        user=officer,
        reason="Employment is a Marmot objective too",
    )
    for pillar in (kf, fair_work):
        assert "Job Shop outreach" in client.get(pillar.get_absolute_url()).text
    response = client.get(reverse("strategy:frameworks"))
    assert "Create fair employment and good work" in response.text


@pytest.mark.parametrize(
    "pillars, message",
    [
        ([("", "Best start")], "New pillar or objective 1: Enter a code, like M1"),
        (
            [("M1", "Best start"), ("M" * 11, "Good work")],
            "New pillar or objective 2: Ensure this value has at most 10 characters",
        ),
        ([("M\x001", "Best start")], "Null characters are not allowed"),
    ],
)
def test_a_pillar_without_a_readable_code_is_refused_with_a_message(
    client, officer, pillars, message
):
    client.force_login(officer)
    response = client.post(reverse("strategy:framework_new"), _post(pillars))
    assert response.status_code == 200
    assert message in response.text
    assert 'value="Best start"' in response.text
    assert not Framework.objects.filter(slug="marmot").exists()


def test_an_altered_count_of_pillars_is_refused_without_building_them(
    client, officer, django_assert_max_num_queries
):
    client.force_login(officer)
    data = _post(MARMOT[:1], **{"pillars-TOTAL_FORMS": "9" * 30})
    with django_assert_max_num_queries(40):
        response = client.post(reverse("strategy:framework_new"), data)
    assert response.status_code == 200
    assert "Please submit at most 20 forms." in response.text
    assert response.text.count('name="pillars-') < 20 * 8
