import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from knox.models import AuthToken

from hwbb import paging
from hwbb.pagecache import public_page
from hwbb.permissions import OFFICER, is_officer, role_required
from meetings import services
from meetings.api import exports
from meetings.forms import (
    ActionForm,
    ActionLogFilter,
    ActionRagForm,
    ActionUpdateForm,
    MyActionsFilter,
)
from meetings.models import (
    Action,
    ActionUpdate,
    Organisation,
    OrganisationLead,
    ResolutionClause,
)
from meetings.views._common import (
    _form_errors_from,
    _get_body_for_user,
    _person_of,
    _pk_in_query,
    _posted,
)

CLAUSE_NOT_FOUND = (
    "The resolution clause in the address could not be found: this action "
    "will not be linked to a clause."
)


def _get_action_for_user(request, pk):
    actions = Action.objects.visible_to(request.user).for_list()
    return get_object_or_404(actions, pk=pk)


@role_required()
@require_POST
def calendar_token_renew(request):
    """A new private address for the person's actions calendar; the old one stops."""
    person = _person_of(request)
    person.calendar_token = uuid.uuid4()
    person.save(update_fields=["calendar_token"])
    messages.success(
        request, "Your actions calendar has a new address; the old one no longer works."
    )
    return redirect("meetings:my_actions")


NEW_API_TOKEN = "new_api_token"  # the session key that carries it to one page


@role_required()
@require_POST
def api_token_renew(request):
    """A new API token for updating one's actions, or none ("revoke"); either
    way the old one stops working. Only the token's hash is kept, so the new
    token is shown once, on the next page, and never again."""
    AuthToken.objects.filter(user=request.user).delete()
    if "revoke" in request.POST:
        messages.success(request, "Your API token no longer works.")
    else:
        _record, token = AuthToken.objects.create(user=request.user)
        request.session[NEW_API_TOKEN] = token
    return redirect("meetings:my_actions")


def _action_list(actions, which):
    """A "My actions" list: its counts, and the actions the filter asks for,
    open first."""
    return {
        "counts": actions.counts(),
        "actions": list(actions.shown(which).for_list().open_first()),
    }


@role_required()
def my_actions(request):
    """The actions the person owns by name; for an organisation's nominated
    leads, the organisation's too, as a second list. Both through
    visible_to, as the action page is, so every link opens."""
    filters = MyActionsFilter(request.GET)
    which = filters.which()
    mine = _action_list(Action.objects.mine(request.user), which)
    led = Action.objects.of_organisations_led_by(request.user)
    organisations = list(
        Organisation.objects.filter(
            pk__in=OrganisationLead.objects.organisations_of(request.user)
        )
    )
    theirs = _action_list(led, which) if organisations else None
    person = getattr(request.user, "person", None)
    token = person.calendar_token if person else None
    calendar_url = (
        request.build_absolute_uri(reverse("meetings:actions_ics", args=[token]))
        if token
        else ""
    )
    api_token = AuthToken.objects.filter(user=request.user).order_by("-created").first()
    return render(
        request,
        "meetings/action_mine.html",
        {
            "filters": filters,
            "which": which,
            "mine": mine,
            "theirs": theirs,
            "organisations": organisations,
            "person": person,
            "calendar_url": calendar_url,
            "new_api_token": request.session.pop(NEW_API_TOKEN, ""),
            "api_token": api_token,
            "api_token_expired": bool(api_token and api_token.expiry <= timezone.now()),
            "api_example": mine["actions"][0] if mine["actions"] else None,
        },
    )


def _rag_form(action, data=None):
    initial = {"rag": action.rag_override, "reason": action.rag_override_reason}
    form = ActionRagForm(data, initial=initial)
    form.helper.form_action = reverse("meetings:action_rag", args=[action.pk])
    return form


def _render_detail(request, action, form, rag_form=None):
    updates = ActionUpdate.objects.filter(action=action).select_related(
        "author", "author_person"
    )
    if rag_form is None and is_officer(request.user) and not action.is_closed:
        rag_form = _rag_form(action)
    return render(
        request,
        "meetings/action_detail.html",
        {"action": action, "form": form, "updates": updates, "rag_form": rag_form},
    )


@require_http_methods(["GET", "POST"])
def action_detail(request, pk):
    action = _get_action_for_user(request, pk)
    may_update = action.may_update(request.user)
    form = None
    if may_update:
        initial = {
            "date": timezone.localdate(),
            "status": action.status,
            "percent_complete": action.percent_complete,
        }
        form = ActionUpdateForm(_posted(request), initial=initial)
    if request.method == "POST":
        if not may_update:
            raise PermissionDenied
        if form.is_valid():
            try:
                _, created = services.action_add_update(
                    action=action, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                _form_errors_from(form, error)
            else:
                text = "Update saved." if created else "That update was already saved."
                messages.success(request, text)
                return redirect(action)
    return _render_detail(request, action, form)


@role_required(OFFICER)
@require_POST
def action_rag(request, pk):
    """An officer sets the action's RAG status, with the reason shown beside
    it, or hands it back to the due date and progress."""
    action = _get_action_for_user(request, pk)
    form = _rag_form(action, request.POST)
    if form.is_valid():
        try:
            services.action_set_rag(
                action=action,
                rag=form.cleaned_data["rag"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for field, words in error.message_dict.items():
                on = "reason" if field == "rag_override_reason" else None
                form.add_error(on, words)
        else:
            messages.success(request, "RAG status saved.")
            return redirect(action)
    may_update = action.may_update(request.user)
    update_form = ActionUpdateForm(initial={"date": timezone.localdate()})
    return _render_detail(request, action, update_form if may_update else None, form)


def _action_initial_from_clause(request):
    """The clause an action is made from (?clause=), and what the form takes
    from it; a clause the address names but that cannot be found is said."""
    if "clause" not in request.GET:
        return None, {}
    clause = (
        ResolutionClause.objects.filter(pk=_pk_in_query(request, "clause"))
        .select_related("resolution__minute__meeting")
        .first()
    )
    if clause is None:
        if request.method == "GET":
            messages.warning(request, CLAUSE_NOT_FOUND)
        return None, {}
    resolution = clause.resolution
    initial = {
        "body": resolution.minute.meeting.body_id,
        "title": clause.text[:300],
        "description": clause.text,
        "primary_pillar": resolution.primary_pillar_id,
        "secondary_pillars": list(resolution.secondary_pillars.all()),
        "priorities": list(resolution.priorities.all()),
    }
    return clause, initial


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def action_create(request):
    clause, initial = _action_initial_from_clause(request)
    form = ActionForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        action = form.save(commit=False)
        if clause is not None:
            action.resolution_clause = clause
            action.minute = clause.resolution.minute
        action, created = services.action_create(
            action=action,
            secondary_pillars=form.cleaned_data["secondary_pillars"],
            priorities=form.cleaned_data["priorities"],
        )
        done = "Action created" if created else "That action was already created"
        messages.success(request, f"{done}: {action.title}")
        return redirect(action)
    return render(
        request, "meetings/action_form.html", {"form": form, "clause": clause}
    )


# -- Action log ----------------------------------------------------------------------


ACTION_LOG_PAGE = 50


@public_page
def action_log(request, slug):
    """A body's actions, due soonest first, a page at a time; the CSV has every
    action the filters choose."""
    body = _get_body_for_user(request, slug)
    visible = Action.objects.visible_to(request.user).filter(body=body)
    filters = ActionLogFilter(request.GET, actions=visible)
    actions = filters.apply(visible).order_by("due_date", "pk")
    rows = (
        Action.objects.for_list()
        .select_related("primary_pillar")
        .prefetch_related("priorities")
    )
    if request.GET.get("format") == "csv":
        return exports.csv_response(
            f"{body.slug}-actions.csv",
            exports.ACTION_COLUMNS,
            exports.action_rows(request, rows.filter(pk__in=actions.values("pk"))),
            request=request,
        )
    page = paging.page_of(
        actions, request.GET.get("page"), per_page=ACTION_LOG_PAGE, rows=rows
    )
    return render(
        request,
        "meetings/action_log.html",
        {
            "body": body,
            "filters": filters,
            "page": page,
            **paging.link_queries(request),
        },
    )
