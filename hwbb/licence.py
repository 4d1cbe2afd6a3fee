"""The licence the open data is published under: the Open Government Licence
v3.0, as The National Archives asks public bodies to use for information they
publish.

A CSV file has nowhere to say so without breaking the parsers that read it,
so every export says it in an HTTP `Link` header with the registered
`license` relation (RFC 8288, RFC 4946); JSON exports say it in their data
as well (`LICENSE`), and the site's footer says it in words.
"""

import functools

NAME = "Open Government Licence v3.0"
URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
# The attribution statement the licence asks re-users to give.
ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government "
    "Licence v3.0."
)
# Named after Dublin Core's `license` term, as Popolo and DCAT name it.
LICENSE = {"name": NAME, "url": URL, "attribution": ATTRIBUTION}
LINK = f'<{URL}>; rel="license"'


def add_link(response):
    """Add the licence to a successful response's `Link` header, beside any
    link already there; an error is not data and says nothing of it."""
    if 200 <= response.status_code < 300:
        existing = response.get("Link")
        response["Link"] = f"{existing}, {LINK}" if existing else LINK
    return response


def licensed(view):
    """A view whose answers carry the licence's `Link` header."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return add_link(view(request, *args, **kwargs))

    return wrapped
