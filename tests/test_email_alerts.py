"""Email alerts for anyone: subscribe with an address and no account,
confirm by the emailed link (double opt-in), manage from the link in every
alert, unsubscribe in one click (RFC 8058); each alert sent once per
occasion, and only what the public may read."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hwbb import notify
from hwbb.models import Notification
from hwbb.tasks import plan_notifications, send_alert_digests
from meetings import alerts, services
from meetings.models import Subscription
from tests import factories
from tests.factories import Closed

# Real commits: alerts go out once the publication commits, as they do live.
pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = "resident@example.net"


def _subscribe(client, topic, email=ADDRESS, frequency="immediate", **extra):
    """Ask for alerts: topic is "board/<slug>", "pillar/<pk>",
    "priority/<slug>" or "search/<words>"."""
    kind, key = topic.split("/", 1)
    data = {"email": email, "frequency": frequency}
    if kind == "search":
        url, data["query"] = reverse("alerts:subscribe_search"), key
    else:
        url = reverse("alerts:subscribe", args=[kind, key])
    return client.post(url, data, **extra)


def _link(message, name):
    """The site link in an email whose path starts as the named route's."""
    prefix = reverse(name, args=["TOKEN"]).split("TOKEN")[0]
    found = re.search(rf"https?://[^\s\"<>]*{re.escape(prefix)}[^\s\"<>]+", message)
    assert found, f"no {name} link in:\n{message}"
    return found.group(0).split("//", 1)[1].split("/", 1)[1].join(["/", ""])


def _confirm(client, email=ADDRESS):
    """Follow the confirmation email's link and press the button."""
    message = [m for m in mail.outbox if m.to == [email]][-1]
    assert message.subject == "Confirm your email alerts"
    path = _link(message.body, "alerts:confirm")
    assert client.get(path).status_code == 200
    return client.post(path)


def _upcoming(body, **kwargs):
    return factories.MeetingFactory(
        body=body,
        start=kwargs.pop("start", timezone.now() + datetime.timedelta(days=30)),
        status="scheduled",
        agenda_status=kwargs.pop("agenda_status", "signed_off"),
        minutes_status="none",
        **kwargs,
    )


@pytest.fixture
def subscriber(client, hwb):
    """A confirmed subscriber to the board; the confirmation email cleared."""
    _subscribe(client, "board/hwb")
    _confirm(client)
    mail.outbox.clear()
    return Subscription.objects.get(email=ADDRESS)


def _publish(meeting, officer):
    return services.agenda_publish(meeting=meeting, user=officer)


# Subscribing and confirming


def test_nothing_is_sent_until_the_address_confirms(client, hwb, officer):
    response = _subscribe(client, "board/hwb")
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.email == ADDRESS and not subscription.is_confirmed
    assert [m.subject for m in mail.outbox] == ["Confirm your email alerts"]
    mail.outbox.clear()
    meeting = _upcoming(hwb)
    factories.AgendaItemFactory(meeting=meeting, number=1)
    _publish(meeting, officer)
    assert not [m for m in mail.outbox if m.to == [ADDRESS]]
    assert not Notification.objects.filter(subscription=subscription).exclude(
        kind=alerts.CONFIRM
    )


def test_confirming_starts_the_alerts(client, hwb, officer):
    _subscribe(client, "board/hwb")
    response = _confirm(client)
    subscription = Subscription.objects.get()
    assert subscription.is_confirmed
    assert response.status_code == 302
    token = response["Location"].rstrip("/").rsplit("/", 1)[1]
    assert response["Location"] == reverse("alerts:manage", args=[token])
    assert notify.read_alert_manage_token(token) == ADDRESS
    mail.outbox.clear()
    meeting = _upcoming(hwb)
    factories.AgendaItemFactory(meeting=meeting, number=1, title="Housing first")
    _publish(meeting, officer)
    alerts_sent = [m for m in mail.outbox if m.to == [ADDRESS]]
    assert len(alerts_sent) == 1
    assert alerts_sent[0].subject.startswith("Agenda published: ")
    assert "Housing first" in alerts_sent[0].body


def test_a_confirmation_link_is_good_for_seven_days(client, hwb):
    _subscribe(client, "board/hwb")
    path = _link(mail.outbox[-1].body, "alerts:confirm")
    later = timezone.now() + datetime.timedelta(days=8)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: later.timestamp())
        response = client.post(path)
    assert response.status_code == 404
    assert "This link does not work" in response.text
    assert not Subscription.objects.get().is_confirmed


def test_a_forged_or_altered_token_confirms_nothing(client, hwb):
    _subscribe(client, "board/hwb")
    subscription = Subscription.objects.get()
    forged = signing.dumps(
        {"s": subscription.pk, "e": ADDRESS}, salt="not.the.confirm.salt"
    )
    for token in (forged, "nonsense", "x" * 5000):
        response = client.post(reverse("alerts:confirm", args=[token]))
        assert response.status_code == 404
    assert not Subscription.objects.get().is_confirmed


def test_the_form_says_the_same_whether_or_not_the_address_is_subscribed(client, hwb):
    first = _subscribe(client, "board/hwb")
    _confirm(client)
    mail.outbox.clear()
    pages = []
    for email in (ADDRESS, "stranger@example.net"):
        fresh = Client()  # a new visitor each time, as an enumerator would be
        response = _subscribe(fresh, "board/hwb", email=email)
        assert response["Location"] == first["Location"]
        page = fresh.get(response["Location"]).text
        pages.append(re.sub(r'value="[^"]{40,}"', "", page.replace(email, "X")))
    assert pages[0] == pages[1]
    # Nothing goes to the confirmed address, and its choice is not changed
    # by whoever asked again.
    assert not [m for m in mail.outbox if m.to == [ADDRESS]]


def test_asking_twice_sends_one_confirmation_a_day(client, hwb):
    for _ in range(3):
        _subscribe(client, "board/hwb", frequency="weekly")
    assert Subscription.objects.count() == 1
    assert len(mail.outbox) == 1
    assert Subscription.objects.get().frequency == "weekly"


def test_bad_addresses_get_a_clear_message(client, hwb):
    for email, message in (
        ("", "Enter your email address"),
        ("not-an-address", "Enter an email address in the correct format"),
        ("a" * 300 + "@example.net", "254 characters or fewer"),
    ):
        response = _subscribe(client, "board/hwb", email=email)
        assert response.status_code == 200
        assert message in response.text
    response = _subscribe(client, "board/hwb", frequency="hourly")
    assert "Choose how often to get the alerts" in response.text
    assert not Subscription.objects.exists()


def test_a_private_board_or_unknown_topic_cannot_be_followed(client, hwb):
    factories.BodyFactory(name="Private panel", slug="private", meets_in_public=False)
    for kind, key in (
        ("board", "private"),
        ("board", "nope"),
        ("pillar", "99999999999999999999"),
        ("pillar", "abc"),
        ("priority", "nope"),
        ("meeting", "1"),
    ):
        url = reverse("alerts:subscribe", args=[kind, key])
        assert client.get(url).status_code == 404
        assert _subscribe(client, f"{kind}/{key}").status_code == 404
    for words, message in (
        ("x" * 201, "200 characters or fewer"),
        (" ", "Enter the words to search for"),
        ("!!!", "There are no words to search for"),
    ):
        response = _subscribe(client, f"search/{words}")
        assert response.status_code == 200 and message in response.text
    assert not Subscription.objects.exists()


def test_an_officer_cannot_follow_a_private_board_either(client, officer):
    factories.BodyFactory(name="Private panel", slug="private", meets_in_public=False)
    client.force_login(officer)
    assert _subscribe(client, "board/private").status_code == 404


def test_requests_are_limited_per_client_address(client, hwb, settings):
    settings.ALERT_REQUESTS_PER_HOUR = 3
    cache.clear()
    codes = [
        _subscribe(client, "board/hwb", email=f"p{n}@example.net").status_code
        for n in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]
    assert Subscription.objects.count() == 3


def test_an_address_gets_few_confirmations_however_many_ask(client, hwb, settings):
    settings.ALERT_REQUESTS_PER_HOUR = 2
    cache.clear()
    pillars = [factories.PillarFactory(code=f"P{n}") for n in range(4)]
    for n, pillar in enumerate(pillars):
        response = _subscribe(client, f"pillar/{pillar.pk}", REMOTE_ADDR=f"10.0.0.{n}")
        assert response.status_code == 302  # the same answer each time
    assert len(mail.outbox) == 2


# What alerts say, and to whom


def test_exempt_business_never_reaches_an_alert(client, hwb, officer, exempt):
    """A hostile reader subscribes to the board, the exempt item's pillar and
    its priority, and to a search for the exempt words."""
    _subscribe(client, "board/hwb")
    _confirm(client)
    for query in (
        f"pillar/{exempt['pillar'].pk}",
        f"priority/{exempt['priority'].slug}",
        "search/tender",
    ):
        _subscribe(client, query)
        _confirm(client)
    mail.outbox.clear()
    meeting = _upcoming(hwb)
    factories.AgendaItemFactory(meeting=meeting, number=1, title="Open business")
    item = factories.AgendaItemFactory(
        meeting=meeting,
        number=2,
        title=Closed.TITLE,
        open_title=Closed.OPEN_TITLE,
        is_exempt=True,
        exempt_paragraph=3,
        primary_pillar=exempt["pillar"],
    )
    item.priorities.add(exempt["priority"])
    _publish(meeting, officer)
    plan_notifications()
    plan_notifications()
    sent = [m for m in mail.outbox if m.to == [ADDRESS]]
    assert len(sent) == 1  # the board's alert; the pillar's is the same occasion
    message = sent[0]
    html = message.alternatives[0][0]
    for text in (message.subject, message.body, html):
        for secret in Closed.SECRETS:
            assert secret not in text
    assert "Open business" in message.body
    assert "1 further item will be taken in private" in message.body


def test_pillar_subscribers_hear_only_of_public_business(client, hwb, officer, exempt):
    """The exempt item's tags are closed: its pillar's subscriber hears of
    the meeting only through an open item tagged to the pillar."""
    _subscribe(client, f"pillar/{exempt['pillar'].pk}")
    _confirm(client)
    mail.outbox.clear()
    closed_only = _upcoming(hwb)
    factories.AgendaItemFactory(
        meeting=closed_only,
        number=1,
        title=Closed.TITLE,
        is_exempt=True,
        exempt_paragraph=3,
        primary_pillar=exempt["pillar"],
    )
    _publish(closed_only, officer)
    assert not [m for m in mail.outbox if m.to == [ADDRESS]]
    open_one = _upcoming(hwb, start=timezone.now() + datetime.timedelta(days=40))
    factories.AgendaItemFactory(
        meeting=open_one,
        number=1,
        title="Active travel",
        primary_pillar=exempt["pillar"],
    )
    _publish(open_one, officer)
    sent = [m for m in mail.outbox if m.to == [ADDRESS]]
    assert len(sent) == 1 and "Active travel" in sent[0].body
    assert f"pillar {exempt['pillar'].name}" in sent[0].body


def test_an_alert_withdrawn_before_it_is_sent_is_not_sent(
    client, hwb, officer, subscriber, monkeypatch
):
    meeting = _upcoming(hwb)
    factories.AgendaItemFactory(meeting=meeting, number=1)
    monkeypatch.setattr(notify, "hand_over_all", lambda pks: 0)  # the queue is slow
    _publish(meeting, officer)
    row = Notification.objects.get(subscription=subscriber, kind=alerts.AGENDA)
    hwb.meets_in_public = False
    hwb.save()
    from hwbb.tasks import deliver_notification

    deliver_notification(row.pk)
    row.refresh_from_db()
    assert row.status == "not_needed"
    assert not [m for m in mail.outbox if m.to == [ADDRESS]]


def test_minutes_alert_lists_public_decisions_only(client, hwb, subscriber, exempt):
    meeting = exempt["meeting"]
    open_minute = factories.MinuteFactory(meeting=meeting, title="Air quality")
    factories.ClauseFactory(resolution__minute=open_minute, text="Noted")
    meeting.minutes_status = "published_draft"
    meeting.minutes_published_at = timezone.now()
    meeting.save()
    assert plan_notifications() == 1
    (message,) = [m for m in mail.outbox if m.to == [ADDRESS]]
    assert message.subject.startswith("Minutes published: ")
    assert "Air quality" in message.body
    for secret in Closed.SECRETS:
        assert secret not in message.body + message.subject


def test_a_subscriber_hears_only_of_what_follows_confirmation(hwb, subscriber):
    meeting = _upcoming(hwb, agenda_status="published")
    meeting.agenda_published_at = subscriber.confirmed_at - datetime.timedelta(
        minutes=1
    )
    meeting.save()
    assert plan_notifications() == 0


def test_publish_twice_and_plan_twice_sends_once(client, hwb, officer, subscriber):
    meeting = _upcoming(hwb)
    factories.AgendaItemFactory(meeting=meeting, number=1)
    _publish(meeting, officer)
    _, again = _publish(meeting, officer)
    assert again is False
    assert plan_notifications() == 0
    assert plan_notifications() == 0
    assert len([m for m in mail.outbox if m.to == [ADDRESS]]) == 1


# One-click unsubscribe (RFC 8058) and the manage page


def test_every_alert_carries_one_click_unsubscribe(client, hwb, officer, subscriber):
    meeting = _upcoming(hwb)
    factories.AgendaItemFactory(meeting=meeting, number=1)
    _publish(meeting, officer)
    (message,) = [m for m in mail.outbox if m.to == [ADDRESS]]
    header = message.extra_headers["List-Unsubscribe"]
    assert re.fullmatch(r"<https?://[^>]+/alerts/unsubscribe/[^>]+/>", header)
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert header[1:-1] in message.body
    manage = _link(message.body, "alerts:manage").split("/")[-2]
    assert notify.read_alert_manage_token(manage) == ADDRESS
    # The mail client's one-click POST: no cookie, no CSRF token, no sign-in.
    strict = client.__class__(enforce_csrf_checks=True)
    path = "/" + header[1:-1].split("//", 1)[1].split("/", 1)[1]
    response = strict.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "You are unsubscribed" in response.text
    assert not Subscription.objects.exists()
    assert strict.post(path).status_code == 200  # a second click is harmless


def test_a_get_of_the_unsubscribe_link_changes_nothing(client, subscriber):
    url = notify.alert_unsubscribe_url(subscriber.pk)
    response = client.get(url.removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200
    assert Subscription.objects.filter(pk=subscriber.pk).exists()


def test_a_forged_unsubscribe_token_ends_nothing(client, subscriber):
    forged = signing.dumps({"s": subscriber.pk}, salt="hwbb.unsubscribe")
    for token in (forged, "bad", signing.dumps("x", salt="hwbb.alerts.unsubscribe")):
        response = client.post(reverse("alerts:unsubscribe", args=[token]))
        assert response.status_code == 404
    assert Subscription.objects.filter(pk=subscriber.pk).exists()


def _manage_path(email=ADDRESS):
    return "/" + notify.alert_manage_url(email).split("//", 1)[1].split("/", 1)[1]


def test_the_manage_page_changes_frequency_and_unsubscribes(
    client, hwb, subscriber, exempt
):
    _subscribe(client, f"pillar/{exempt['pillar'].pk}")
    page = client.get(_manage_path())
    assert page.status_code == 200
    assert subscriber.label in page.text and "Not confirmed yet" in page.text
    response = client.post(
        _manage_path(),
        {"action": "frequency", "subscription": subscriber.pk, "frequency": "daily"},
    )
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.frequency == "daily"
    bad = client.post(
        _manage_path(),
        {"action": "frequency", "subscription": subscriber.pk, "frequency": "x"},
        follow=True,
    )
    assert "Choose how often to get the alerts" in bad.text
    client.post(_manage_path(), {"action": "cancel", "subscription": subscriber.pk})
    assert Subscription.objects.filter(email=ADDRESS).count() == 1
    twice = client.post(
        _manage_path(), {"action": "cancel", "subscription": subscriber.pk}, follow=True
    )
    assert "already ended" in twice.text
    client.post(_manage_path(), {"action": "cancel_all"})
    assert not Subscription.objects.filter(email=ADDRESS).exists()


def test_one_address_cannot_touch_anothers_subscriptions(client, hwb, subscriber):
    response = client.post(
        _manage_path("someone.else@example.net"),
        {"action": "cancel", "subscription": subscriber.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert Subscription.objects.filter(pk=subscriber.pk).exists()
    assert client.get(reverse("alerts:manage", args=["forged"])).status_code == 404


def test_the_manage_page_reads_a_fixed_number_of_queries(
    client, hwb, django_assert_max_num_queries
):
    for n in range(3):
        factories.PillarFactory(code=f"Q{n}")
    for pillar in factories.PillarFactory._meta.model.objects.all():
        services.subscription_request(
            email=ADDRESS, frequency="immediate", pillar=pillar
        )
    services.subscription_request(email=ADDRESS, frequency="weekly", body=hwb)
    services.subscription_request(
        email=ADDRESS, frequency="daily", priority=factories.PriorityFactory()
    )
    services.subscription_request(email=ADDRESS, frequency="daily", query="housing")
    with django_assert_max_num_queries(4):
        response = client.get(_manage_path())
    assert response.text.count('<h2 class="govuk-summary-card__title">') == 6


# Digests


def test_a_daily_digest_gathers_the_days_alerts_once(client, hwb, officer, subscriber):
    services.subscription_set_frequency(subscription=subscriber, frequency="daily")
    for days in (30, 40):
        meeting = _upcoming(hwb, start=timezone.now() + datetime.timedelta(days=days))
        factories.AgendaItemFactory(meeting=meeting, number=1)
        _publish(meeting, officer)
    assert not [m for m in mail.outbox if m.to == [ADDRESS]]
    held = Notification.objects.filter(subscription=subscriber, status="held")
    assert held.count() == 2
    assert send_alert_digests("weekly") == 0  # not this address's frequency
    assert send_alert_digests("daily") == 1
    assert send_alert_digests("daily") == 0
    (digest,) = [m for m in mail.outbox if m.to == [ADDRESS]]
    assert digest.subject == "Your daily email alerts: 2 new"
    assert digest.body.count("Agenda published: ") == 2
    assert digest.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert set(
        Notification.objects.filter(
            subscription=subscriber, kind=alerts.AGENDA
        ).values_list("status", flat=True)
    ) == {"in_digest"}


def test_choosing_straight_away_sends_what_was_held(client, hwb, officer, subscriber):
    services.subscription_set_frequency(subscription=subscriber, frequency="weekly")
    meeting = _upcoming(hwb)
    factories.AgendaItemFactory(meeting=meeting, number=1)
    _publish(meeting, officer)
    assert not [m for m in mail.outbox if m.to == [ADDRESS]]
    services.subscription_set_frequency(subscription=subscriber, frequency="immediate")
    assert len([m for m in mail.outbox if m.to == [ADDRESS]]) == 1


# Saved searches


def test_a_saved_search_alerts_new_public_results_once(client, hwb):
    factories.AgendaItemFactory(title="Homelessness strategy")
    _subscribe(client, "search/homelessness")
    _confirm(client)
    mail.outbox.clear()
    assert plan_notifications() == 0  # what it found when confirmed
    new = factories.AgendaItemFactory(
        title="Homelessness prevention fund",
        meeting=_upcoming(hwb, agenda_status="published"),
    )
    assert plan_notifications() == 1
    assert plan_notifications() == 0
    (message,) = [m for m in mail.outbox if m.to == [ADDRESS]]
    assert "Homelessness prevention fund" in message.subject
    assert new.get_absolute_url() in message.body


# Retention


def test_unconfirmed_requests_are_deleted_after_seven_days(client, hwb):
    from hwbb.models import RetentionRule
    from hwbb.retention_apply import retention_apply

    RetentionRule.objects.get_or_create(  # the migration's rule; flushed here
        record_type="alert_requests",
        action="delete",
        defaults={"label": "Unconfirmed", "period": "days", "length": 7},
    )
    _subscribe(client, "board/hwb")
    _subscribe(client, "board/hwb", email="keeper@example.net")
    Subscription.objects.filter(email=ADDRESS).update(
        created_at=timezone.now() - datetime.timedelta(days=9)
    )
    keeper = Subscription.objects.get(email="keeper@example.net")
    keeper.confirmed_at = timezone.now() - datetime.timedelta(days=20)
    keeper.created_at = keeper.confirmed_at
    keeper.save()
    retention_apply()
    assert list(Subscription.objects.values_list("email", flat=True)) == [
        "keeper@example.net"
    ]


def test_confirmation_emails_are_alert_kinds_no_person_can_choose():
    from hwbb import notices

    chosen = dict(notices.choosable())
    assert alerts.AGENDA not in chosen and alerts.CONFIRM not in chosen


# Every role, signed in or not, the same


def test_each_role_subscribes_confirms_manages_and_unsubscribes_alike(
    persona, client, hwb
):
    """The POST views need no account and give a signed-in reader nothing
    more: each persona goes the whole way with the same answers."""
    name, _ = persona
    email = f"{name}@example.net"
    response = _subscribe(client, "board/hwb", email=email)
    assert response.status_code == 302 and response["Location"] == reverse(
        "alerts:sent"
    )
    confirmed = _confirm(client, email=email)
    assert confirmed.status_code == 302
    subscription = Subscription.objects.get(email=email)
    assert subscription.is_confirmed
    changed = client.post(
        _manage_path(email),
        {"action": "frequency", "subscription": subscription.pk, "frequency": "daily"},
    )
    assert changed.status_code == 302
    subscription.refresh_from_db()
    assert subscription.frequency == "daily"
    url = notify.alert_unsubscribe_url(subscription.pk)
    assert client.post(_path(url)).status_code == 200
    assert not Subscription.objects.filter(email=email).exists()


def _path(url):
    return "/" + url.split("//", 1)[1].split("/", 1)[1]


def test_the_alerts_page_reads_a_fixed_number_of_queries(
    client, hwb, django_assert_max_num_queries
):
    for n in range(4):
        factories.PillarFactory(code=f"R{n}")
        factories.BodyFactory(name=f"Panel {n}", slug=f"panel-{n}")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("alerts:index"))
    assert response.text.count('href="/alerts/subscribe/') >= 9
