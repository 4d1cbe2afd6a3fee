"""Decisions taken between meetings: the list per body, a proposal (filled in
from the forward plan), the decision's page, the chair's page to take it, a
member's answer to a written resolution, and the ratification."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hwbb.permissions import CHAIR, OFFICER, has_role, role_required
from meetings import services
from meetings.forms import (
    RatifyForm,
    RespondForm,
    TakeForm,
    UrgentDecisionForm,
    WithdrawProposalForm,
)
from meetings.models import Meeting, Person, PlannedItem, UrgentDecision
from meetings.views._common import (
    _form_errors_from,
    _get_body_for_user,
    _pk_in_query,
    _posted,
)
from strategy.models import TAG_PREFETCH


def _decisions_for_user(request):
    return (
        UrgentDecision.objects.visible_to(request.user)
        .select_related(
            "body",
            "taken_by",
            "ratification_item__meeting",
            "ratification_minute",
            "planned_item__meeting",
            "primary_pillar__framework",
        )
        .prefetch_related(*TAG_PREFETCH, "responses__person")
    )


def _get_decision_for_user(request, pk):
    return get_object_or_404(_decisions_for_user(request), pk=pk)


def _get_decision_for_officer(pk):
    decisions = UrgentDecision.objects.select_related(
        "body", "ratification_item__meeting"
    )
    return get_object_or_404(decisions, pk=pk)


def urgent_list(request, slug):
    body = _get_body_for_user(request, slug)
    decisions = _decisions_for_user(request).filter(body=body)
    return render(
        request,
        "meetings/urgent_list.html",
        {"body": body, "decisions": decisions},
    )


def _prefill(request, body):
    """The proposal's first values: from the forward plan row or the
    statutory duty it was started from (`?planned=` or `?recurring=`)."""
    planned = _pk_in_query(request, "planned")
    row = PlannedItem.objects.filter(meeting__body=body, pk=planned).first()
    if planned and row is not None:
        return {
            "title": row.title,
            "deadline": row.statutory_deadline,
            "deadline_source": row.deadline_source,
            "planned_item": row.pk,
        }
    recurring = _pk_in_query(request, "recurring")
    duty = body.recurring_items.filter(pk=recurring).first() if recurring else None
    if duty is not None:
        return {
            "title": duty.title,
            "deadline": duty.next_due,
            "deadline_source": duty.legal_basis,
            "recurring": duty.pk,
        }
    return {}


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def urgent_new(request, slug):
    body = _get_body_for_user(request, slug)
    initial = {"kind": UrgentDecision.Kind.CHAIRS_ACTION, **_prefill(request, body)}
    form = UrgentDecisionForm(_posted(request), initial=initial, body=body)
    if request.method == "POST" and form.is_valid():
        decision = form.save(commit=False)
        decision.body = body
        try:
            decision, created = services.urgent_decision_propose(
                decision=decision,
                user=request.user,
                secondary_pillars=form.cleaned_data["secondary_pillars"],
                priorities=form.cleaned_data["priorities"],
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _proposed_in_words(decision, created))
            return redirect(decision)
    return render(
        request,
        "meetings/form_page.html",
        {
            "form": form,
            "heading": f"Propose a decision between meetings: {body.name}",
            "intro": "For a decision that cannot wait for the next meeting: a "
            "chair's action, or a written resolution of the voting members. "
            "Once taken, it goes on the next meeting's agenda for ratification.",
        },
    )


def _proposed_in_words(decision, created):
    if not created:
        return "This proposal was already sent."
    if decision.is_chairs_action:
        return "Proposed. The chair and deputy chair are being emailed to take it."
    return "Proposed. The voting members are being emailed for their answer."


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def urgent_edit(request, pk):
    decision = _get_decision_for_officer(pk)
    if decision.status != UrgentDecision.Status.PROPOSED:
        messages.info(request, "It has been taken: it can no longer be changed.")
        return redirect(decision)
    form = UrgentDecisionForm(_posted(request), instance=decision, body=decision.body)
    if request.method == "POST" and form.is_valid():
        try:
            services.urgent_decision_update(decision=form.save(commit=False))
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            form.save_m2m()
            messages.success(request, "Proposal saved.")
            return redirect(decision)
    return render(
        request,
        "meetings/form_page.html",
        {"form": form, "heading": f"Change the proposal: {decision.title}"},
    )


def urgent_detail(request, pk):
    decision = _get_decision_for_user(request, pk)
    is_officer = has_role(request.user, OFFICER)
    proposed = decision.status == UrgentDecision.Status.PROPOSED
    taken = decision.status == UrgentDecision.Status.TAKEN
    return render(
        request,
        "meetings/urgent_detail.html",
        {
            "decision": decision,
            "closed": decision.closed,
            "can_take": proposed and _may_take(request.user, decision),
            "can_edit": proposed and is_officer,
            "can_withdraw": proposed and is_officer,
            "can_answer": proposed and _may_answer(request.user, decision),
            "can_ratify": taken and is_officer and decision.ratification_item_id,
            "can_place": taken and is_officer and not decision.ratification_item_id,
        },
    )


def _is_chair(user, decision):
    if not user.is_authenticated:  # user=None would find chairs with no account
        return False
    return services.chairs_who_may_act(decision.body).filter(user=user).exists()


def _may_take(user, decision):
    return has_role(user, OFFICER) or _is_chair(user, decision)


def _asked(decision):
    return Person.objects.filter(urgent_responses__decision=decision)


def _may_answer(user, decision):
    if decision.is_chairs_action:
        return False
    if not user.is_authenticated:
        return False
    return has_role(user, OFFICER) or _asked(decision).filter(user=user).exists()


@role_required(OFFICER, CHAIR)
@require_http_methods(["GET", "POST"])
def urgent_take(request, pk):
    decision = _get_decision_for_user(request, pk)
    if not _may_take(request.user, decision):
        raise PermissionDenied
    if decision.status != UrgentDecision.Status.PROPOSED:
        messages.info(request, services.urgent_decision_already(decision))
        return redirect(decision)
    chairs = services.chairs_who_may_act(decision.body)
    for_the_chair = not _is_chair(request.user, decision)
    form = TakeForm(
        _posted(request), decision=decision, chairs=chairs, for_the_chair=for_the_chair
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision, taken, words = services.urgent_decision_take(
                decision=decision,
                user=request.user,
                taken_by=form.cleaned_data.get("taken_by"),
                taken_on=form.cleaned_data["taken_on"],
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            if taken:
                messages.success(request, f"The decision is taken. {words}")
            else:
                messages.info(request, words)
            return redirect(decision)
    return render(
        request,
        "meetings/urgent_take.html",
        {
            "decision": decision,
            "closed": decision.closed,
            "form": form,
            "could_wait": _meeting_before_deadline(decision),
            "ratified_at": services.ratification_meeting(decision.body)[0],
        },
    )


def _meeting_before_deadline(decision):
    """The body's next meeting, if it comes before the deadline: the board
    could decide it there."""
    meeting = Meeting.objects.filter(body=decision.body).upcoming().first()
    if meeting and timezone.localdate(meeting.start) <= decision.deadline:
        return meeting
    return None


@role_required()
@require_http_methods(["GET", "POST"])
def urgent_respond(request, pk):
    decision = _get_decision_for_user(request, pk)
    if decision.is_chairs_action:
        raise Http404("A chair's action asks the members nothing.")
    if not _may_answer(request.user, decision):
        raise PermissionDenied
    if decision.status != UrgentDecision.Status.PROPOSED:
        messages.info(request, "This written resolution is closed: it has been taken.")
        return redirect(decision)
    for_a_member = has_role(request.user, OFFICER)
    form = RespondForm(
        _posted(request), asked=_asked(decision), for_a_member=for_a_member
    )
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data.get("person") or request.user.person
        try:
            services.urgent_decision_respond(
                decision=decision,
                person=person,
                answer=form.cleaned_data["answer"],
                comment=form.cleaned_data["comment"],
                user=request.user,
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            counted = UrgentDecision.objects.get(pk=decision.pk)
            messages.success(
                request, f"The answer of {person} is recorded. {counted.count_in_words}"
            )
            return redirect(decision)
    return render(
        request,
        "meetings/urgent_take.html",
        {"decision": decision, "closed": decision.closed, "form": form},
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def urgent_ratify(request, pk):
    decision = _get_decision_for_officer(pk)
    if decision.status != UrgentDecision.Status.TAKEN:
        messages.info(request, f"It is {decision.get_status_display().lower()}.")
        return redirect(decision)
    item = decision.ratification_item
    form = RatifyForm(_posted(request), meeting=item.meeting if item else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.urgent_decision_ratify(
                decision=decision,
                ratified=form.cleaned_data["outcome"] == "ratified",
                minute=form.cleaned_data["minute"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, "The ratification is recorded.")
            return redirect(decision)
    return render(
        request,
        "meetings/form_page.html",
        {
            "form": form,
            "meeting": item.meeting if item else None,
            "heading": f"Record the ratification: {decision.title}",
        },
    )


@role_required(OFFICER)
@require_POST
def urgent_place(request, pk):
    decision = _get_decision_for_officer(pk)
    try:
        words = services.urgent_decision_place(decision=decision, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, words)
    return redirect(decision)


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def urgent_withdraw(request, pk):
    """A page of its own that says what withdrawing a proposal does and asks
    why; it is withdrawn only when that is posted."""
    decision = _get_decision_for_user(request, pk)
    if decision.status == UrgentDecision.Status.WITHDRAWN:
        messages.info(request, "This proposal is already withdrawn.")
        return redirect(decision)
    if decision.status != UrgentDecision.Status.PROPOSED:
        messages.info(request, services.urgent_decision_already(decision))
        return redirect(decision)
    form = WithdrawProposalForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            _, withdrawn = services.urgent_decision_withdraw(
                decision=decision,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            text = "Proposal withdrawn." if withdrawn else "Already withdrawn."
            messages.success(request, text)
            return redirect(decision)
    if decision.is_chairs_action:
        told = "the chair and deputy chair are emailed that it is withdrawn"
    else:
        told = "each member asked is emailed that it is withdrawn"
    return render(
        request,
        "meetings/confirm_page.html",
        {
            "form": form,
            "heading": "Withdraw this proposal?",
            "caption": decision.public_title if decision.closed else decision.title,
            "consequences": [
                "it can no longer be taken, answered or changed",
                told + ", with your reason",
                "it stays listed, marked withdrawn, for officers and the "
                "board's members; the public never sees a proposal",
            ],
            "back_url": decision.get_absolute_url(),
            "back_text": "No, keep the proposal",
        },
    )
