from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hwbb.permissions import is_officer, role_required
from meetings import services
from meetings.forms import DeclarationForm, InterestForm
from meetings.models import AgendaItem, Interest, Membership, Person
from meetings.views._common import (
    _form_errors_from,
    _get_meeting_for_user,
    _person_of,
    _posted,
)


@role_required()
@require_http_methods(["GET", "POST"])
def my_interests(request):
    person = _person_of(request)
    form = InterestForm(_posted(request))
    if request.method == "POST":
        if "reviewed" in request.POST:
            services.interests_reviewed(person=person)
            messages.success(request, "Thank you: your register is marked as reviewed.")
            return redirect("meetings:interests")
        if form.is_valid():
            interest = form.save(commit=False)
            interest.person = person
            interest.save()
            messages.success(request, "Added to your register of interests.")
            return redirect("meetings:interests")
    interests = person.interests.current().select_related("organisation")
    return render(
        request,
        "meetings/interest_list.html",
        {"form": form, "interests": interests, "person": person},
    )


@role_required()
@require_http_methods(["GET", "POST"])
def declarations(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    person = _person_of(request)
    items = AgendaItem.objects.visible_to(request.user).filter(meeting=meeting)
    form = DeclarationForm(_posted(request), items=items, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            _, created = services.declaration_make(
                meeting=meeting, person=person, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            text = "Declaration recorded." if created else "Already declared."
            messages.success(request, text)
            return redirect("meetings:declarations", meeting.pk)
    visible = {item.pk: item for item in items}
    checklist = [
        (visible[item.pk], interests)
        for item, interests in services.declarations_checklist(
            meeting=meeting, person=person
        )
        if item.pk in visible
    ]
    made = meeting.declarations.filter(person=person).select_related("agenda_item")
    return render(
        request,
        "meetings/declaration_form.html",
        {"meeting": meeting, "form": form, "checklist": checklist, "made": made},
    )


def person_interests(request, pk):
    """A member's register of interests, as the public register publishes
    it (Localism Act 2011, s29(5)): their current entries, until the
    retention schedule removes them from public view after the member
    leaves. Officers still see those, marked with the day they went."""
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    interests = (
        Interest.objects.visible_to(request.user)
        .filter(person=person)
        .current()
        .select_related("organisation")
    )
    memberships = (
        Membership.objects.visible_to(request.user)
        .filter(person=person)
        .select_related("body")
        .order_by("-start")
    )
    return render(
        request,
        "meetings/person_interests.html",
        {
            "person": person,
            "interests": interests,
            "memberships": memberships,
            "today": timezone.localdate(),
            "officer": is_officer(request.user),
        },
    )
