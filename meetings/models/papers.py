"""Reports, their review and route through the bodies, their documents, and
the agenda packs built from them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hwbb import permissions
from hwbb.history import HistoricalRecords
from meetings.models.agenda import AgendaItem, Meeting, _item_visible
from meetings.models.people import Body, Person, _may_see_closed
from strategy.models import TAG_M2M_FIELDS, Tagged, TaggedQuerySet


def _report_visibility(user, prefix=""):
    """(public, closed): Q filters for the reports the user may read as
    anyone may (open reports on open items they may see), and for those
    whose exempt papers the user may also read; the user may read either.
    Officers are handled by callers.

    Each is a condition on the report's own item (its meeting and body), not
    `IN (every item the user may see)`: that set grows with the years held,
    and PostgreSQL built it in full for a page of twenty meetings."""
    item = f"{prefix}agenda_item__"
    on_agenda = _item_visible(user, item)
    closed = on_agenda & Q(_may_see_closed(user, f"{item}meeting__body"))
    if user.is_authenticated:
        closed |= Q(**{f"{prefix}authors__user": user})
        closed |= Q(**{f"{prefix}created_by": user})
    public = on_agenda & Q(**{f"{item}is_exempt": False, f"{prefix}is_exempt": False})
    return public, closed


class ReportQuerySet(TaggedQuerySet):
    def visible_to(self, user):
        """Officers see every report; authors their own; anyone else a report
        once it is on a published agenda, and an exempt one only if they may see
        the body's exempt papers."""
        if permissions.is_officer(user):
            return self
        public, closed = _report_visibility(user)
        return self.filter(public | closed).distinct()

    def for_audience(self, *, members):
        """The reports a document for an audience prints (an agenda pack):
        the members' copy has the report of every item, the public's only
        open reports on items the public may read."""
        items = AgendaItem.objects.for_audience(members=members).readable()
        reports = self.filter(agenda_item__in=items.values("pk"))
        return reports if members else reports.filter(is_exempt=False)


class Report(Tagged):
    """A paper written on the council's report template."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned with comments"
        RESUBMITTED = "resubmitted", "Resubmitted"
        ACCEPTED = "accepted", "Accepted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    title = models.CharField(max_length=300)
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="reports",
        help_text="The board or committee the report goes to first.",
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text="The meeting the report is for.",
    )
    agenda_item = models.OneToOneField(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report",
    )
    authors = models.ManyToManyField(Person, blank=True, related_name="reports")
    presented_by = models.CharField(
        max_length=300,
        blank=True,
        help_text='As the agenda prints it: "Report of the Director of Public Health '
        'and Wellbeing".',
    )
    purpose = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    background = models.TextField(blank=True)
    options = models.TextField(blank=True)
    implications_financial = models.TextField("financial implications", blank=True)
    implications_legal = models.TextField("legal implications", blank=True)
    implications_equalities = models.TextField("equalities implications", blank=True)
    implications_climate = models.TextField("climate change implications", blank=True)
    implications_partners = models.TextField(
        "implications for partner organisations", blank=True
    )
    is_exempt = models.BooleanField(default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=AgendaItem.ExemptParagraph.choices, null=True, blank=True
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_created",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=TAG_M2M_FIELDS)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:report", args=[self.pk])

    IMPLICATIONS = (
        ("implications_financial", "Financial"),
        ("implications_legal", "Legal"),
        ("implications_equalities", "Equalities"),
        ("implications_climate", "Climate change"),
        ("implications_partners", "Partner organisations"),
    )
    # The template's text, in the order it prints: what search reads.
    TEXT_FIELDS = (
        "purpose",
        "recommendations",
        "background",
        "options",
        *(field for field, _ in IMPLICATIONS),
    )

    NOT_EDITABLE = "Only a draft or returned report can be changed."
    NOT_WITHDRAWABLE = (
        "This report has been accepted onto the agenda: it can no longer be withdrawn."
    )

    @property
    def is_editable(self):
        """Its author may change it: a draft, or one returned with comments.
        Once submitted it is the officer's to review, and it stays as read."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def may_be_withdrawn(self):
        """Until it is accepted onto an agenda (or already withdrawn)."""
        return self.status not in (self.Status.ACCEPTED, self.Status.WITHDRAWN)

    def implications(self):
        return [
            (label, getattr(self, f))
            for f, label in self.IMPLICATIONS
            if getattr(self, f)
        ]


class ReportReview(models.Model):
    """A step in a report's route to the agenda: submitted, returned with the
    officer's comments, resubmitted, accepted or withdrawn. Kept as history."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(max_length=20, choices=Report.Status.choices)
    comments = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "step in a report's review"
        verbose_name_plural = "steps in reports' reviews"
        ordering = ["report", "at"]

    def __str__(self):
        return f"{self.report}: {self.get_status_display()}"


class Consideration(models.Model):
    """One stop on a report's route: the HWB, then Cabinet, then Council."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="considerations"
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)
    outcome = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "stop on a report's route"
        verbose_name_plural = "stops on a report's route"
        ordering = ["report", "order"]

    def __str__(self):
        return f"{self.report} at {self.body}"


def document_path(document, filename):
    return f"documents/{timezone.now():%Y/%m}/{document.checksum[:16]}-{filename}"


class DocumentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(replaced_by__isnull=True)

    def in_reading_order(self, *first):
        """The report first, then its appendices by title; after any orderings
        given first (the agenda's, for papers of several items)."""
        report_first = models.Case(
            models.When(kind=Document.Kind.REPORT, then=0), default=1
        )
        return self.order_by(*first, report_first, "title", "-version", "pk")

    def visible_to(self, user):
        """Documents of reports the user may read; exempt documents only where
        the user may read the report's exempt papers."""
        if permissions.is_officer(user):
            return self
        public, closed = _report_visibility(user, prefix="report__")
        # (public or closed) and (not exempt or closed), with each written once
        return self.filter(closed | (public & Q(is_exempt=False))).distinct()

    def for_audience(self, *, members):
        """The documents a document for an audience prints: those of the
        reports it prints, and exempt ones only in the members' copy."""
        reports = Report.objects.for_audience(members=members)
        documents = self.filter(report__in=reports.values("pk"))
        return documents if members else documents.filter(is_exempt=False)


class Document(models.Model):
    """An uploaded paper: the report itself or an appendix. A new version
    replaces the old one on the page and keeps it in the history."""

    class Kind(models.TextChoices):
        REPORT = "report", "Report"
        APPENDIX = "appendix", "Appendix"

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.APPENDIX)
    file = models.FileField(upload_to=document_path)
    file_type = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    checksum = models.CharField(max_length=64)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    extracted_text = models.TextField(blank=True)
    is_exempt = models.BooleanField(default=False)
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
    )
    version = models.PositiveSmallIntegerField(default=1)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "paper (a report or appendix)"
        verbose_name_plural = "papers (reports and appendices)"
        ordering = ["report", "kind", "title", "-version"]

    def __str__(self):
        return f"{self.title} (version {self.version})"


class AgendaPack(models.Model):
    """The agenda pack as a PDF: the public pack, and the members' pack that
    adds the exempt papers. Built on publication; rebuilt when the fingerprint
    of its inputs no longer matches (on download, or by the beat's sweep)."""

    class Kind(models.TextChoices):
        PUBLIC = "public", "Public pack"
        MEMBERS = "members", "Members' pack (with exempt papers)"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="packs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    file = models.FileField(upload_to="packs/%Y/%m/")
    page_count = models.PositiveIntegerField()
    fingerprint = models.CharField(
        max_length=64,
        help_text="Of everything in the pack: unchanged means no rebuild.",
    )
    built_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind"], name="pack_unique_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.meeting}"
