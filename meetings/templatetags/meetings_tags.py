import re

from django import template
from django.urls import reverse
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from meetings.api.feeds import meeting_json_ld
from meetings.models import Minute

register = template.Library()


@register.simple_tag(takes_context=True)
def meeting_structured_data(context, meeting):
    """The meeting as schema.org Event JSON-LD, safely escaped."""
    data = meeting_json_ld(meeting, context["request"])
    html = json_script(data)  # escapes <, > and & inside the JSON
    return mark_safe(
        html.replace(
            '<script type="application/json">', '<script type="application/ld+json">', 1
        )
    )


CITATION = re.compile(r"\b(Minutes?) (\d{1,3})(?:/(\d{2}))?\b")


@register.filter
def minute_links(html, minute):
    """Turn citations such as "Further to Minute 31/18" or "Minute 38" into links;
    a bare number is a minute of the same body and municipal year."""

    meeting = minute.meeting
    # the body's minute numbers, once per meeting object (a minutes page's
    # minutes share theirs): a citation links only to a minute that exists
    if not hasattr(meeting, "_minute_refs"):
        meeting._minute_refs = {
            (year % 100, number)
            for year, number in Minute.objects.filter(
                body_id=meeting.body_id
            ).values_list("municipal_year", "number")
        }

    def link(match):
        word, number, year = match.groups()
        year = int(year) if year else minute.municipal_year % 100
        if (year, int(number)) not in meeting._minute_refs:
            return match.group(0)
        url = reverse(
            "meetings:minute_ref", args=[meeting.body.slug, int(number), year]
        )
        return f'<a class="govuk-link" href="{url}">{word} {number}' + (
            f"/{match.group(3)}</a>" if match.group(3) else "</a>"
        )

    return mark_safe(CITATION.sub(link, str(html)))
