from django import template
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from meetings.feeds import meeting_json_ld

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
