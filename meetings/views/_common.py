"""Lookups the views of several subjects share: the meeting or body a user may
read, the meeting an officer works on, whether a user chairs a body, the
posted data, a service's errors onto a form, and the user's person."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from meetings.models import Body, Meeting, Membership


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
