"""A member's page, and a body's register of its members' interests: what
councils publish for every member (Localism Act 2011, s29), each part read
through its own model's visibility rule."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import (
    AgendaItem,
    Declaration,
    Interest,
    Membership,
    Person,
    municipal_year_span,
)
from meetings.views._common import (
    _get_body_for_user,
    _municipal_year,
    _other_years,
)

DECLARATIONS_SHOWN = 20


def _is_current(membership, today):
    return membership.end is None or membership.end >= today


def person_detail(request, pk):
    """A member's roles on the bodies the reader may see, whom they sit for,
    their attendance this municipal year as the statistics count it, their
    register of interests as published, and the interests they declared at
    meetings the reader may see (the words of one made on an exempt item
    only to those who may read the item)."""
    people = Person.objects.visible_to(request.user).select_related("organisation")
    person = get_object_or_404(people, pk=pk)
    today = timezone.localdate()
    memberships = list(
        Membership.objects.visible_to(request.user)
        .filter(person=person)
        .select_related("body", "on_behalf_of")
        .order_by("body__name", "-start")
    )
    year = _municipal_year(request)
    since, until = municipal_year_span(year)
    # an item of an agenda not yet published is named to no one who may not
    # read the draft
    items = AgendaItem.objects.visible_to(request.user)
    declarations = (
        Declaration.objects.visible_to(request.user)
        .filter(person=person)
        .filter(Q(agenda_item=None) | Q(agenda_item__in=items.values("pk")))
        .select_related("meeting__body", "agenda_item")
        .order_by("-meeting__start", "pk")
    )
    return render(
        request,
        "meetings/person_detail.html",
        {
            "person": person,
            "current": [m for m in memberships if _is_current(m, today)],
            "past": [m for m in memberships if not _is_current(m, today)],
            "year": year,
            "years": _other_years(year),
            "attendance": services.member_attendance(
                memberships=memberships, since=since, until=until
            ),
            "interests": Interest.objects.visible_to(request.user)
            .filter(person=person)
            .current()
            .select_related("organisation"),
            "declarations": declarations[:DECLARATIONS_SHOWN],
            "declarations_shown": DECLARATIONS_SHOWN,
        },
    )


def body_register(request, slug):
    """Every current member's register of interests, as published, on one
    page: three queries whatever the number of members and entries."""
    body = _get_body_for_user(request, slug)
    seats = (
        Membership.objects.visible_to(request.user)
        .current_on(timezone.localdate())
        .filter(body=body)
        .select_related("person", "on_behalf_of")
        .order_by("person__family_name", "person__given_names", "pk")
    )
    members = {}
    for seat in seats:
        members.setdefault(seat.person_id, {"person": seat.person, "seats": []})
        members[seat.person_id]["seats"].append(seat)
        members[seat.person_id]["interests"] = []
    interests = (
        Interest.objects.visible_to(request.user)
        .current()
        .filter(person__in=list(members))
        .select_related("organisation")
    )
    for interest in interests:
        members[interest.person_id]["interests"].append(interest)
    return render(
        request,
        "meetings/body_register.html",
        {
            "body": body,
            "members": list(members.values()),
            "csv": f"{reverse('api:interests_csv')}?body={body.slug}",
        },
    )
