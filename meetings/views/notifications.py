"""Notification settings, one-click unsubscribe, and the officers' log."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from hwbb import notices, notify
from hwbb.models import Notification, Preference
from hwbb.permissions import OFFICER, role_required
from meetings.models import Person

CHOOSABLE = notices.choosable()


@csrf_exempt  # the signed token is the credential; mail clients post without cookies
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    found = notify.read_unsubscribe_token(token)
    kind = notices.kind(found[1]) if found else None
    if kind is None or kind.statutory:
        raise Http404("This unsubscribe link is not valid")
    person = get_object_or_404(Person, pk=found[0])
    done = request.method == "POST"
    if done:
        Preference.objects.update_or_create(
            person=person, kind=kind.value, defaults={"mode": Preference.Mode.NONE}
        )
    return render(
        request,
        "notifications/unsubscribe.html",
        {"person": person, "kind": kind, "done": done},
    )


CHOOSE_A_MODE = "choose straight away, a weekly digest or no email"


class PreferencesForm(forms.Form):
    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in CHOOSABLE:
            self.fields[value] = forms.ChoiceField(
                label=label,
                choices=Preference.Mode.choices,
                initial=current.get(value, Preference.Mode.IMMEDIATE),
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"{label}: {CHOOSE_A_MODE}",
                    "invalid_choice": f"{label}: {CHOOSE_A_MODE}",
                },
            )


@role_required()
@require_http_methods(["GET", "POST"])
def settings_page(request):
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404("Notification settings belong to a person record")
    current = dict(person.preferences.values_list("kind", "mode"))
    posted = request.POST if request.method == "POST" else None
    form = PreferencesForm(posted, current=current)
    if request.method == "POST" and form.is_valid():
        for kind, mode in form.cleaned_data.items():
            Preference.objects.update_or_create(
                person=person, kind=kind, defaults={"mode": mode}
            )
        messages.success(request, "Your notification settings were saved.")
        return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "statutory": [k.label for k in notices.statutory()]},
    )


@role_required(OFFICER)
def log(request):
    """Who was told what, when, and what failed."""
    rows = Notification.objects.select_related("person")
    status, kind = request.GET.get("status", ""), request.GET.get("kind", "")
    if status in Notification.Status.values:
        rows = rows.filter(status=status)
    if notices.kind(kind):
        rows = rows.filter(kind=kind)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/log.html",
        {
            "page": page,
            "statuses": Notification.Status.choices,
            "kinds": notices.kind_choices(),
            "status": status,
            "kind": kind,
            "query": f"status={status}&kind={kind}",
            "failed": Notification.objects.filter(
                status=Notification.Status.FAILED
            ).count(),
            "waiting": Notification.objects.filter(
                status=Notification.Status.PENDING, queued_at__isnull=True
            ).count(),
        },
    )
