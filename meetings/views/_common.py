"""Lookups the views of several subjects share: the meeting or body a user may
read, the meeting an officer works on, whether a user chairs a body, the
posted data, a service's errors onto a form, the user's person, the row or
municipal year a page's address asks for, and the members whose attendance
is recorded."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone

from meetings.models import (
    MUNICIPAL_YEARS,
    Body,
    Meeting,
    Membership,
    municipal_year_of,
)


def _posted(request):
    """The POST data to bind a form to, even when empty (an empty form posted
    must show its errors, not a fresh form)."""
    return request.POST if request.method == "POST" else None


def _get_meeting_for_user(request, pk):
    meetings = Meeting.objects.visible_to(request.user).select_related(
        "body", "contact_officer", "minutes_approved_at__body"
    )
    return get_object_or_404(meetings, pk=pk)


def _get_body_for_user(request, slug):
    return get_object_or_404(Body.objects.visible_to(request.user), slug=slug)


def _get_meeting_for_officer(pk):
    meetings = Meeting.objects.select_related("body", "contact_officer")
    return get_object_or_404(meetings, pk=pk)


def _is_chair_of(user, body):
    return body.memberships.filter(
        person__user=user,
        role__in=[Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR],
    ).exists()


def _members_at(meeting):
    """The people whose seats the attendance form lists: the body's members
    on the day of the meeting, once each, by family name."""
    day = timezone.localdate(meeting.start)
    seats = (
        Membership.objects.current_on(day)
        .seats()
        .filter(body=meeting.body)
        .select_related("person")
        .order_by("person__family_name")
    )
    return list({ms.person.pk: ms.person for ms in seats}.values())


def _form_errors_from(form, error):
    """Put a service's ValidationError onto the form, field by field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _person_of(request):
    person = getattr(request.user, "person", None)
    if person is None:
        raise PermissionDenied("Your account is not linked to a person.")
    return person


def _municipal_year(request):
    """The municipal year `?year=` asks for, or this one, with a message saying
    so, when it names no year a page can show (`?year=0`, `?year=abc`)."""
    this_year = municipal_year_of(timezone.localdate())
    asked = request.GET.get("year", "").strip()
    if not asked:
        return this_year
    year = int(asked) if asked.isdecimal() and len(asked) <= 4 else None
    if year in MUNICIPAL_YEARS:
        return year
    first, last = MUNICIPAL_YEARS[0], MUNICIPAL_YEARS[-1]
    messages.warning(
        request,
        f'There is no municipal year "{asked[:20]}": this is {this_year}/'
        f"{(this_year + 1) % 100:02d}. To see another, choose one from {first} "
        f"to {last}.",
    )
    return this_year


def _other_years(year):
    """The years before and after, for the page's links: None past the ends."""
    return [y if y in MUNICIPAL_YEARS else None for y in (year - 1, year + 1)]


def _pk_in_query(request, name):
    """The row number `?<name>=` gives, or None when it gives no whole number
    a row could have (`?clause=abc` names no clause, as `?clause=0` does not)."""
    value = request.GET.get(name, "")
    return int(value) if value.isdecimal() and len(value) <= 18 else None
