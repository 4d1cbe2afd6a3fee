"""Notifications: every email the governance cycle sends, as a row that is
its once-only guard and its log; and each person's choice of immediate
emails, a weekly digest or none, per kind. The kinds are the apps' own,
registered in their notices.py (hwbb/notices.py). The audit log: who did
what, and when (hwbb/audit.py writes it)."""

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from hwbb import notices, retention


class Notification(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        HELD = "held", "Held for the weekly digest"
        IN_DIGEST = "in_digest", "Sent in a weekly digest"
        SUPPRESSED = "suppressed", "Not sent: unsubscribed"
        NOT_NEEDED = "not_needed", "Not sent: no longer needed"

    key = models.CharField(
        max_length=200,
        unique=True,
        help_text="What makes this notice once only: its kind, object and occasion.",
    )
    kind = models.CharField(max_length=30, choices=notices.kind_choices)
    person = models.ForeignKey(
        "meetings.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    subscription = models.ForeignKey(
        "meetings.Subscription",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
        help_text="For an email alert: the subscription it is sent under, "
        "to an address with no account.",
    )
    email = models.EmailField()
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    about = models.CharField(max_length=300, help_text="What the notice is about.")
    extra = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was handed to the task queue."
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "email notice"
        verbose_name_plural = "email notices"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.email}: {self.about}"

    @property
    def is_statutory(self):
        return notices.is_statutory(self.kind)


class Preference(models.Model):
    class Mode(models.TextChoices):
        IMMEDIATE = "immediate", "Email me straight away"
        DIGEST = "digest", "Put it in a weekly digest"
        NONE = "none", "Do not email me"

    person = models.ForeignKey(
        "meetings.Person", on_delete=models.CASCADE, related_name="preferences"
    )
    kind = models.CharField(max_length=30, choices=notices.kind_choices)
    mode = models.CharField(max_length=10, choices=Mode.choices)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "email setting"
        verbose_name_plural = "email settings"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"], name="preference_unique_kind"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()}, {self.get_mode_display()}"


class Provenance(models.Model):
    """Where a value came from, for officers: the document and line it was
    taken from, and whether it is inferred rather than stated there. Notes
    about source documents belong here, never in a field a public page shows.
    Shown only in the admin (hwbb/provenance.py records them)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    field = models.CharField(
        max_length=100,
        blank=True,
        help_text="The field the note is about; blank for the whole row.",
    )
    note = models.TextField()
    inferred = models.BooleanField(
        default=False, help_text="Inferred: not stated in the source."
    )

    class Meta:
        verbose_name = "note on a value's source"
        verbose_name_plural = "notes on where values came from"
        ordering = ["content_type", "object_id", "field"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field"],
                name="provenance_unique_field",
            )
        ]

    def __str__(self):
        where = f"{self.content_type.model} {self.object_id}"
        return f"{where}, {self.field}" if self.field else where


class RetentionRule(models.Model):
    """One line of the council's retention schedule: how long a kind of
    record is kept, counted from what, and what happens then. Reference data,
    edited by administrators; the defaults and their sources are in the
    migration that seeds them (hwbb/migrations/0007_retention_defaults.py).
    A daily beat task applies every rule (hwbb/retention_apply.py)."""

    class Period(models.TextChoices):
        PERMANENT = "permanent", "Permanently"
        DAYS = "days", "Days"
        MONTHS = "months", "Months"
        YEARS = "years", "Years"

    class Action(models.TextChoices):
        KEEP = retention.KEEP, "Keep"
        WITHDRAW = retention.WITHDRAW, "Remove from public view"
        DELETE = retention.DELETE, "Delete"

    record_type = models.CharField(
        max_length=40,
        choices=retention.record_type_choices,
        help_text="The kind of record: one of those the code knows how to apply.",
    )
    label = models.CharField(max_length=200, help_text="The rule in a few words.")
    period = models.CharField(
        max_length=10, choices=Period.choices, default=Period.PERMANENT
    )
    length = models.PositiveSmallIntegerField(
        default=0,
        help_text="How many days, months or years after the trigger; "
        "0 for as soon as it happens. Ignored when kept permanently.",
    )
    action = models.CharField(
        max_length=10, choices=Action.choices, default=Action.KEEP
    )
    legal_basis = models.TextField(
        help_text="The law or guidance the rule follows, or the council's own "
        "reason where no law sets a period (UK GDPR, Article 5(1)(e), storage "
        "limitation: ico.org.uk, 'Principle (e): Storage limitation')."
    )
    source_url = models.URLField(
        blank=True, max_length=500, help_text="Where the basis can be read."
    )
    last_reviewed = models.DateField(default=timezone.localdate)

    class Meta:
        verbose_name = "retention rule"
        verbose_name_plural = "retention schedule"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "action"], name="retention_rule_once_per_action"
            )
        ]

    def __str__(self):
        return f"{self.label}: {self.describe()}"

    def clean(self):
        errors = {}
        kind = retention.record_type(self.record_type)
        permanent = self.period == self.Period.PERMANENT
        if permanent and self.action != self.Action.KEEP:
            errors["action"] = "A record kept permanently cannot be removed or deleted."
        if not permanent and self.action == self.Action.KEEP:
            errors["period"] = (
                "A record that is kept has no period: choose permanently."
            )
        if kind is not None and self.action not in kind.actions:
            allowed = ", ".join(str(self.Action(a).label).lower() for a in kind.actions)
            errors.setdefault("action", f"{kind.label} can only be: {allowed}.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_permanent(self):
        return self.period == self.Period.PERMANENT

    @property
    def trigger(self):
        kind = retention.record_type(self.record_type)
        return kind.trigger if kind else ""

    def describe(self):
        """The rule in words: "Removed from public view 0 days after ..."."""
        if self.is_permanent:
            return "Kept permanently"
        done = {"withdraw": "Removed from public view", "delete": "Deleted"}
        unit = self.get_period_display().lower()
        if self.length == 1:
            unit = unit[:-1]
        when = "at" if self.length == 0 else f"{self.length} {unit} after"
        return f"{done.get(self.action, 'Kept')} {when} {self.trigger}".strip()

    def cutoff(self, today):
        """The latest trigger date whose period has run out by `today`;
        None for a rule that keeps its records permanently."""
        if self.is_permanent:
            return None
        return today - relativedelta(**{self.period: self.length})


class RetentionRun(models.Model):
    """What one application of a rule did: when, how many rows, which."""

    rule = models.ForeignKey(
        RetentionRule, on_delete=models.CASCADE, related_name="runs"
    )
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    duration_ms = models.PositiveIntegerField(default=0)
    cutoff = models.DateField(
        null=True, blank=True, help_text="Records whose period ran out by this day."
    )
    affected = models.PositiveIntegerField(default=0)
    row_ids = models.JSONField(
        default=list, blank=True, help_text="The rows' ids (the first 1,000)."
    )
    summary = models.CharField(max_length=300)

    class Meta:
        verbose_name = "retention run"
        verbose_name_plural = "retention runs"
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"{self.rule.label}, {self.started_at:%Y-%m-%d %H:%M}: {self.summary}"


class AuditEntryQuerySet(models.QuerySet):
    """The log is written once and read: a queryset's update() and delete()
    are refused like a row's (and on PostgreSQL a trigger refuses them too,
    migration 0006)."""

    def update(self, **kwargs):
        raise AuditEntryIsFinal("An audit entry cannot be changed.")

    def delete(self):
        raise AuditEntryIsFinal("An audit entry cannot be deleted.")


class AuditEntryIsFinal(Exception):
    """An audit entry was asked to change or go: it never does."""


class AuditEntry(models.Model):
    """Who did what to which row, and when: signing in (and failing to),
    publishing, changing, cancelling, approving, signing, exporting and
    reading exempt papers. Written by hwbb.audit.record(); never changed or
    deleted from the application. Who and what are kept as words as they
    stood at the time, so an entry still reads the same after the account or
    the row is gone."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        SIGNED_OUT = "signed_out", "Signed out"
        LOCKED_OUT = "locked_out", "Locked out"
        UNLOCKED = "unlocked", "Lock-out lifted"
        SECOND_FACTOR_ADDED = "second_factor_added", "Second factor added"
        SECOND_FACTOR_REMOVED = "second_factor_removed", "Second factor removed"
        PUBLISHED = "published", "Published"
        CHANGED = "changed", "Changed"
        CANCELLED = "cancelled", "Cancelled"
        WITHDRAWN = "withdrawn", "Withdrawn"
        SIGNED_OFF = "signed_off", "Signed off"
        ACCEPTED = "accepted", "Accepted"
        RETURNED = "returned", "Returned"
        APPROVED = "approved", "Approved"
        SIGNED = "signed", "Signed"
        TAKEN = "taken", "Decision taken"
        EXPORTED = "exported", "Exported"
        VIEWED_EXEMPT = "viewed_exempt", "Viewed exempt paper"

    when = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, db_index=True)
    # No database constraint and nothing done when the account goes: the
    # entry outlives it, and a trigger refuses the update SET_NULL would make.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(
        "who", max_length=300, blank=True, help_text="As the account was named then."
    )
    ip_address = models.GenericIPAddressField("address", null=True, blank=True)
    object_type = models.CharField(
        max_length=100, blank=True, db_index=True, help_text="app_label.model"
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField("what", max_length=300, blank=True)
    detail = models.CharField(max_length=500, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log"
        ordering = ["-when", "-pk"]
        indexes = [models.Index(fields=["kind", "when"])]

    def __str__(self):
        what = f": {self.object_label}" if self.object_label else ""
        return f"{self.when:%Y-%m-%d %H:%M} {self.actor_name} {self.kind}{what}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditEntryIsFinal("An audit entry cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditEntryIsFinal("An audit entry cannot be deleted.")

    @property
    def object_type_name(self):
        """The kind of row in words ("meeting"), from the label kept."""
        return type_name(self.object_type)


def type_name(label):
    try:
        return apps.get_model(label)._meta.verbose_name
    except (LookupError, ValueError):
        return label
