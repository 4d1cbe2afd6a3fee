"""Sanitising rich text that officers write (minutes narratives)."""

import nh3

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


def sanitise(html):
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)
