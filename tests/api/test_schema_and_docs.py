"""The OpenAPI schema is valid and complete; its browsable docs load their
files from this server, never a CDN."""

import re

from django.core.management import call_command
from django.urls import reverse

from tests import factories

OPERATIONS = [
    "/api/bodies/",
    "/api/organisations/",
    "/api/people/",
    "/api/memberships/",
    "/api/meetings/",
    "/api/agenda-items/",
    "/api/documents/",
    "/api/minutes/",
    "/api/resolutions/",
    "/api/actions/",
    "/api/actions/{id}/",
    "/api/priorities/",
    "/api/pillars/",
    "/api/indicators/",
    "/api/values/",
    "/api/ocd/events/",
    "/api/ocd/events/{id}.json",
    "/api/popolo.json",
    "/api/exports/meetings.csv",
    "/api/exports/decisions.csv",
    "/api/exports/actions.csv",
]


def test_schema_validates(tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--file", str(out), "--validate", "--fail-on-warn")
    text = out.read_text()
    assert "openapi: 3" in text


def test_schema_lists_every_resource_and_its_filters(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    assert set(OPERATIONS) <= set(schema["paths"])
    params = {
        p["name"] for p in schema["paths"]["/api/resolutions/"]["get"]["parameters"]
    }
    assert {"body", "since", "until", "pillar", "priority", "verb", "page"} <= params
    assert "patch" in schema["paths"]["/api/actions/{id}/"]
    assert "put" not in schema["paths"]["/api/actions/{id}/"]
    assert "knoxApiToken" in schema["components"]["securitySchemes"]
    assert (
        "Contains public sector information licensed under the [Open Government "
        "Licence v3.0](https://www.nationalarchives.gov.uk/doc/open-government-"
        "licence/version/3/)." in schema["info"]["description"]
    )


def test_schema_says_what_each_error_looks_like(client, db):
    """drf-spectacular lists only the 200; a client also needs the 400 of a
    bad filter, the 404 of a missing row, the PATCH's 401 and 403, and 429."""
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    paths = schema["paths"]
    assert {"400", "429"} <= set(paths["/api/meetings/"]["get"]["responses"])
    assert "404" in paths["/api/meetings/{id}/"]["get"]["responses"]
    patch = paths["/api/actions/{id}/"]["patch"]
    assert {"400", "401", "403", "404"} <= set(patch["responses"])
    required = schema["components"]["schemas"]["ActionProgressRequest"]["required"]
    assert {"status", "percent_complete", "narrative"} <= set(required)
    csv_error = paths["/api/exports/actions.csv"]["get"]["responses"]["400"]
    assert "text/csv" in csv_error["content"]
    assert "example.org" not in str(schema)


def test_docs_page_uses_only_vendored_files(client, db):
    html = client.get(reverse("api:docs")).content.decode()
    assets = re.findall(r'<(?:script|link|img)[^>]* (?:src|href)="([^"]+)"', html)
    assert assets, html
    # Swagger UI's set-up script comes from the page's own address (no
    # inline script: the Content-Security-Policy refuses them)
    own = reverse("api:docs") + "?script="
    assert own in assets
    for asset in assets:
        assert asset.startswith("/static/") or asset == own, asset
        assert client.get(asset).status_code == 200, asset
    assert "cdn" not in html.lower()
    assert '"validatorUrl": null' in client.get(own).content.decode()
    assert '<html lang="en">' in html and 'href="/"' in html  # a way back


def test_api_root_lists_the_resources(client, db):
    factories.BodyFactory()
    root = client.get("/api/").json()
    assert {"meetings", "agenda-items", "actions", "values"} <= set(root)
