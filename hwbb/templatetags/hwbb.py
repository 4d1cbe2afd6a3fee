from django import template
from django.utils.safestring import mark_safe

from hwbb.html import sanitise as _sanitise

register = template.Library()


@register.filter
def sanitise(html):
    """Render officer-written rich text, cleaned again on the way out."""
    return mark_safe(_sanitise(html))
