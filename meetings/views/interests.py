from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hwbb.permissions import OFFICER, is_officer, role_required
from meetings import services
from meetings.forms import (
    DeclarationForm,
    InterestDecisionForm,
    InterestEndForm,
    InterestForm,
)
from meetings.models import AgendaItem, Interest, InterestChange, Membership, Person
from meetings.views._common import (
    _form_errors_from,
    _get_meeting_for_user,
    _person_of,
    _posted,
)

RECENT_DECISIONS = 5
Change = InterestChange.Action


def _ask(request, form, person, action, interest=None):
    """Ask for the change the valid form holds; the page to go to, or None
    with the service's reason put on the form."""
    try:
        change, created = services.interest_change_ask(
            person=person, action=action, interest=interest, **form.cleaned_data
        )
    except ValidationError as error:
        _form_errors_from(form, error)
        return None
    if created:
        messages.success(
            request,
            "Sent for approval. Your published register stays as it is until "
            "an officer approves the change.",
        )
    else:
        messages.info(request, "Your change waiting for approval is updated.")
    return redirect("meetings:interests")


@role_required()
@require_http_methods(["GET", "POST"])
def my_interests(request):
    """The member's register: the entries as published, each to change or
    end, the changes waiting for an officer, and the last ones decided."""
    person = _person_of(request)
    form = InterestForm(_posted(request))
    if request.method == "POST":
        if "reviewed" in request.POST:
            services.interests_reviewed(person=person)
            messages.success(request, "Thank you: your register is marked as reviewed.")
            return redirect("meetings:interests")
        if form.is_valid() and (done := _ask(request, form, person, Change.ADD)):
            return done
    interests = person.interests.current().select_related("organisation")
    changes = person.interest_changes.select_related("organisation", "interest")
    return render(
        request,
        "meetings/interest_list.html",
        {
            "form": form,
            "interests": interests,
            "person": person,
            "pending": changes.pending(),
            "decided": changes.exclude(status=InterestChange.Status.PENDING).order_by(
                "-decided_at"
            )[:RECENT_DECISIONS],
        },
    )


def _own_entry(request, pk):
    """An entry of the signed-in member's own register: another's is not
    found (404), as an entry that does not exist."""
    person = _person_of(request)
    interests = person.interests.current().select_related("organisation")
    interest = get_object_or_404(interests, pk=pk)
    return person, interest, interest.changes.pending().first()


@role_required()
@require_http_methods(["GET", "POST"])
def interest_edit(request, pk):
    person, interest, waiting = _own_entry(request, pk)
    shown = waiting or interest
    initial = {f: getattr(shown, f) for f in ("kind", "description", "start")}
    initial["organisation"] = shown.organisation_id
    form = InterestForm(
        _posted(request), initial=initial, submit="Send the change for approval"
    )
    if request.method == "POST" and form.is_valid():
        if done := _ask(request, form, person, Change.CHANGE, interest):
            return done
    return _entry_page(request, form, interest, waiting, "Change an entry")


@role_required()
@require_http_methods(["GET", "POST"])
def interest_end(request, pk):
    person, interest, waiting = _own_entry(request, pk)
    form = InterestEndForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if done := _ask(request, form, person, Change.END, interest):
            return done
    return _entry_page(request, form, interest, waiting, "End an entry")


def _entry_page(request, form, interest, waiting, heading):
    return render(
        request,
        "meetings/interest_edit.html",
        {"form": form, "interest": interest, "waiting": waiting, "heading": heading},
    )


@role_required(OFFICER)
def interest_changes(request):
    """The officers' queue: every change waiting, the oldest first, and the
    last few decided."""
    changes = InterestChange.objects.visible_to(request.user).select_related(
        "person", "organisation", "interest__organisation", "decided_by"
    )
    return render(
        request,
        "meetings/interest_changes.html",
        {
            "pending": changes.pending(),
            "decided": changes.exclude(status=InterestChange.Status.PENDING).order_by(
                "-decided_at"
            )[:10],
        },
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def interest_change(request, pk):
    """One change: the entry as published beside the change asked for, and
    the decision. A change decided meanwhile (a second officer, a second
    click) says who decided it, and nothing is written twice."""
    changes = InterestChange.objects.visible_to(request.user).select_related(
        "person__user", "organisation", "interest__organisation", "decided_by"
    )
    change = get_object_or_404(changes, pk=pk)
    form = InterestDecisionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.interest_change_approve(change=change, user=request.user)
                messages.success(
                    request, f"Approved: {change.person}'s register shows it."
                )
            else:
                services.interest_change_reject(
                    change=change, user=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, f"Not approved: {change.person} is told why.")
        except ValidationError as error:
            _form_errors_from(form, error)
            change.refresh_from_db()  # decided meanwhile: show by whom
        else:
            return redirect("meetings:interest_changes")
    return render(
        request,
        "meetings/interest_change.html",
        {
            "change": change,
            "form": form,
            "own": change.person.user_id == request.user.pk,
        },
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
