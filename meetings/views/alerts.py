"""Email alerts for anyone, with no account: ask for them, confirm by the
emailed link, manage them from the link in every alert, and unsubscribe in
one click (RFC 8058). The pages answer the same whether or not an address
was subscribed already, so they tell no one who subscribes."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from hwbb import notify, ratelimit
from hwbb.signin import client_ip
from meetings import alerts, services
from meetings.forms.alerts import FrequencyForm, SubscribeForm
from meetings.models import Body, Subscription
from strategy.models import Framework, Pillar, Priority

LIMIT_WINDOW = 60 * 60


def _topic(kind, key):
    """What the address names alerts about, as the public sees it: a private
    board is unknown here, whoever asks."""
    public = AnonymousUser()
    if kind == "board":
        body = Body.objects.visible_to(public).filter(slug=key).first()
        return {"body": body} if body else None
    if kind == "pillar":
        wanted = int(key) if key.isdigit() and len(key) < 10 else 0
        pillar = Pillar.objects.select_related("framework").filter(pk=wanted).first()
        return {"pillar": pillar} if pillar else None
    if kind == "priority":
        priority = Priority.objects.filter(slug=key).first()
        return {"priority": priority} if priority else None
    return None


def _label(topic):
    return Subscription(**topic).label


def _too_many(request):
    """True once this client has asked for alerts ALERT_REQUESTS_PER_HOUR
    times this hour."""
    sender = client_ip(request) or "unknown"
    used = ratelimit.count("alerts-request", sender, LIMIT_WINDOW)
    return used > settings.ALERT_REQUESTS_PER_HOUR


def _address_asked_too_often(email):
    """Confirmation emails to one address are capped too, so nobody can use
    the form to flood someone's inbox from many addresses."""
    used = ratelimit.count("alerts-address", email.strip(), LIMIT_WINDOW)
    return used > settings.ALERT_REQUESTS_PER_HOUR


def index(request):
    """What can be followed: the public boards, the pillars, the priorities
    the board works to, and a search to save."""
    public = AnonymousUser()
    return render(
        request,
        "alerts/index.html",
        {
            "bodies": Body.objects.visible_to(public).order_by("name"),
            "frameworks": Framework.objects.prefetch_related("pillars"),
            "priorities": Priority.objects.current().order_by("title"),
        },
    )


@require_http_methods(["GET", "POST"])
def subscribe(request, kind, key):
    """Alerts about a board, a pillar or a priority."""
    topic = _topic(kind, key)
    if topic is None:
        raise Http404("There is nothing by that name to get alerts about")
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    return _subscribe(request, form, topic)


@require_http_methods(["GET", "POST"])
def subscribe_search(request):
    """Alerts of new results for the words of a search (its filters are not
    kept: the words are the saved search)."""
    posted = request.POST if request.method == "POST" else None
    form = SubscribeForm(
        posted, with_query=True, initial={"query": request.GET.get("q", "")[:200]}
    )
    return _subscribe(request, form, None)


def _subscribe(request, form, topic):
    if request.method == "POST" and form.is_valid():
        if _too_many(request):
            return render(request, "alerts/too_many.html", status=429)
        data = form.cleaned_data
        topic = topic or {"query": data["query"]}
        if not _address_asked_too_often(data["email"]):
            services.subscription_request(
                email=data["email"], frequency=data["frequency"], **topic
            )
        request.session["alerts_sent"] = {
            "email": data["email"].strip().lower(),
            "label": _label(topic),
        }
        return redirect("alerts:sent")
    return render(
        request,
        "alerts/subscribe.html",
        {
            "form": form,
            "label": _label(topic) if topic else "",
            "topic_url": Subscription(**topic).topic_url if topic else "",
        },
    )


def sent(request):
    """The same answer for every address: whether it was new, waiting for
    its confirmation, or subscribed long ago."""
    asked = request.session.get("alerts_sent") or {}
    return render(
        request,
        "alerts/sent.html",
        {"email": asked.get("email", ""), "label": asked.get("label", "")},
    )


def _invalid(request, what):
    return render(request, "alerts/invalid.html", {"what": what}, status=404)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The confirmation link. Following it (GET) asks for one click more, so
    a mail scanner that opens every link confirms nothing."""
    data = alerts.read_confirm_token(token)
    if data is None:
        return _invalid(request, "confirmation")
    subscription = (
        Subscription.objects.of_address(data["e"]).filter(pk=data["s"]).first()
    )
    if subscription is None:
        return _invalid(request, "confirmation")
    if request.method == "POST":
        services.subscription_confirm(token=token)
        messages.success(request, f"Your alerts are confirmed: {subscription.label}.")
        return redirect("alerts:manage", notify.alert_manage_token(subscription.email))
    return render(request, "alerts/confirm.html", {"subscription": subscription})


@require_http_methods(["GET", "POST"])
def manage(request, token):
    email = notify.read_alert_manage_token(token)
    if not isinstance(email, str):
        return _invalid(request, "alerts")
    subscriptions = list(Subscription.objects.of_address(email))
    if request.method == "POST":
        return _manage_post(request, email, subscriptions)
    return render(
        request,
        "alerts/manage.html",
        {
            "email": email,
            "subscriptions": subscriptions,
            "frequencies": Subscription.Frequency.choices,
        },
    )


def _manage_post(request, email, subscriptions):
    by_pk = {str(s.pk): s for s in subscriptions}
    action = request.POST.get("action", "")
    chosen = by_pk.get(request.POST.get("subscription", ""))
    if action == "cancel_all":
        services.subscriptions_cancel(subscriptions=subscriptions)
        messages.success(request, "You are unsubscribed from all your alerts.")
    elif chosen is None:
        # Already ended (a second click), or never this address's.
        messages.info(request, "That subscription has already ended.")
    elif action == "cancel":
        services.subscriptions_cancel(subscriptions=[chosen])
        messages.success(request, f"You are unsubscribed: {chosen.label}.")
    elif action == "frequency":
        form = FrequencyForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["frequency"][0])
        else:
            services.subscription_set_frequency(
                subscription=chosen, frequency=form.cleaned_data["frequency"]
            )
            messages.success(request, f"Saved: {chosen.label}.")
    else:
        messages.error(request, "Choose what to change.")
    return redirect(request.path)


@csrf_exempt  # RFC 8058: mail clients post with no cookie; the token is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One click: a POST ends the subscription (or, from a digest, all the
    address's subscriptions) with no sign-in and no form token. A GET, which
    scanners also make, only shows the button."""
    data = notify.read_alert_unsubscribe_token(token)
    if not isinstance(data, dict) or not ({"s", "e"} & data.keys()):
        return _invalid(request, "unsubscribe")
    if "s" in data:
        subscriptions = list(Subscription.objects.filter(pk=data["s"]))
        email = subscriptions[0].email if subscriptions else ""
    else:
        email = data["e"]
        subscriptions = list(Subscription.objects.filter(email=email))
    done = request.method == "POST"
    if done:
        services.subscriptions_cancel(subscriptions=subscriptions)
    return render(
        request,
        "alerts/unsubscribe.html",
        {
            "done": done,
            "all": "e" in data,
            "subscriptions": subscriptions,
            "manage_token": notify.alert_manage_token(email) if email else "",
        },
    )
