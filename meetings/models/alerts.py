"""Email alerts for anyone: an email address's subscription to one topic (a
board's agendas, minutes and decisions; a pillar; a priority; or a saved
search), with no account. Nothing is sent until the address confirms it
(double opt-in); unconfirmed ones expire (meetings/retention.py). The alerts
themselves are notifications like any other (hwbb/notify.py), each naming its
subscription, so the one engine queues, sends, digests and sweeps them."""

import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from meetings.models.people import Body

# How long a confirmation link works, and an unconfirmed subscription lives.
CONFIRM_WITHIN = datetime.timedelta(days=7)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.exclude(confirmed_at=None)

    def unconfirmed_before(self, moment):
        return self.filter(confirmed_at=None, created_at__lt=moment)

    def of_address(self, email):
        """An address's subscriptions, each with what its label reads."""
        return (
            self.filter(email=email)
            .select_related("body", "pillar__framework", "priority")
            .order_by("created_at", "pk")
        )


class Subscription(models.Model):
    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", "Straight away, one email each time"
        DAILY = "daily", "A daily digest"
        WEEKLY = "weekly", "A weekly digest (Mondays)"

    email = models.EmailField()
    topic = models.CharField(
        max_length=120,
        help_text="What the subscription is to, as a key: body-3, pillar-2, "
        "priority-5 or search-<digest of the words>; one a topic per address.",
    )
    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    pillar = models.ForeignKey(
        "strategy.Pillar",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    priority = models.ForeignKey(
        "strategy.Priority",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    query = models.CharField(max_length=200, blank=True)
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    seen = models.JSONField(
        default=list,
        blank=True,
        help_text="A saved search's hits already known when it was confirmed "
        "or last alerted, as kind-pk keys.",
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = "email alert subscription"
        verbose_name_plural = "email alert subscriptions"
        ordering = ["email", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "topic"], name="subscription_once_per_topic"
            )
        ]

    def __str__(self):
        return f"{self.email}: {self.label}"

    @property
    def label(self):
        if self.body_id:
            return f"Agendas, minutes and decisions of {self.body.name}"
        if self.pillar_id:
            return f"Business on the pillar {self.pillar.name}"
        if self.priority_id:
            return f"Business on the priority {self.priority.title}"
        return f"New search results for \u201c{self.query}\u201d"

    @property
    def topic_url(self):
        if self.body_id:
            return reverse("meetings:body", args=[self.body.slug])
        if self.pillar_id:
            return self.pillar.get_absolute_url()
        if self.priority_id:
            return self.priority.get_absolute_url()
        return reverse("search") + "?" + urlencode({"q": self.query})

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def mode(self):
        """As the notice engine names it: straight away, or held for a digest."""
        return "immediate" if self.frequency == self.Frequency.IMMEDIATE else "digest"

    def confirm_expires_at(self):
        return self.created_at + CONFIRM_WITHIN
