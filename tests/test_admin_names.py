"""The admin reads in a council's words: named for the council, its models
grouped by what they are (reference data first, then the records it shows
read-only), each called what a council calls it."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

from hwbb.admin import ReadOnlyAdmin
from hwbb.admin_site import GROUPS
from tests import factories

APPS = ("hwbb", "meetings", "strategy", "indicators")


def _registered():
    return {
        f"{model._meta.app_label}.{model._meta.model_name}": model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in APPS
    }


def test_every_model_is_in_one_group_and_read_only_groups_say_so():
    grouped = [label for _, _, labels in GROUPS for label in labels]
    assert sorted(grouped) == sorted(_registered())
    registered = _registered()
    for _, heading, labels in GROUPS:
        read_only = "read only" in heading
        for label in labels:
            assert isinstance(registered[label], ReadOnlyAdmin) == read_only, label


@pytest.fixture
def superuser(db):
    return factories.UserFactory(is_superuser=True, is_staff=True)


def test_the_index_is_named_for_the_council_and_grouped(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:index")).content.decode()
    assert f"{settings.COUNCIL_NAME}: reference data" in page
    headings = [heading for _, heading, _ in GROUPS]
    places = [page.index(heading) for heading in headings]
    assert places == sorted(places)
    for words in (
        "Boards and committees",
        "Stops on a report&#x27;s route",
        "Clauses of resolutions",
        "Declarations of interest",
        "Email notices",
    ):
        assert words in page, words
    for developer_words in (
        ">Considerations<",
        ">Resolution clauses<",
        ">Bodies<",
        ">Notifications<",
    ):
        assert developer_words not in page, developer_words


def test_an_apps_own_page_still_lists_its_models(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:app_list", args=["meetings"])).text
    assert "Stops on a report&#x27;s route" in page
    assert "Boards and committees" in page


def test_the_header_link_to_the_admin_says_what_it_is(client, officer):
    client.force_login(officer)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("admin:index")}">Reference data</a>' in page
    assert ">Manage</a>" not in page
