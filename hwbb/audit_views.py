"""The officers' audit log page (/audit/): newest first, fifty a page,
filtered by kind, person, kind of row and dates, and downloaded as CSV.
Downloading it is itself recorded."""

import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Div, Field, Layout
from django import forms
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from hwbb import audit, paging
from hwbb.fields import iso_date
from hwbb.models import AuditEntry, type_name
from hwbb.permissions import OFFICER, role_required
from hwbb.spreadsheets import csv_lines

PAGE = 50
CSV_CHUNK = 500
CSV_COLUMNS = [
    "when",
    "kind",
    "who",
    "account_id",
    "address",
    "object_type",
    "object_id",
    "object",
    "detail",
]


def _third(name):
    return Div(Field(name), css_class="govuk-grid-column-one-third")


class AuditFilter(forms.Form):
    """The log's filters (GET); every field optional."""

    kind = forms.ChoiceField(
        label="What happened",
        choices=[("", "Anything"), *AuditEntry.Kind.choices],
        required=False,
    )
    person = forms.CharField(
        label="Who (part of a name or username)", required=False, max_length=100
    )
    object_type = forms.ChoiceField(label="Kind of record", required=False)
    since = iso_date("From", example="2026-04-01")
    until = iso_date("To", example="2026-04-30")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The kinds of row the log names: one indexed query, whatever its size.
        held = (
            AuditEntry.objects.exclude(object_type="")
            .order_by("object_type")
            .values_list("object_type", flat=True)
            .distinct()
        )
        self.fields["object_type"].choices = [
            ("", "Any"),
            *((label, type_name(label).capitalize()) for label in held),
        ]
        for name in ("since", "until"):  # crispy-forms-gds styles no DateField
            self.fields[name].widget.attrs["class"] = (
                "govuk-input govuk-input--width-10"
            )
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Div(_third("kind"), _third("person"), css_class="govuk-grid-row"),
            Div(
                _third("object_type"),
                _third("since"),
                _third("until"),
                css_class="govuk-grid-row",
            ),
            Button.secondary("filter", "Filter"),
        )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date must be on or after the start")
        return data

    def apply(self, entries):
        if not self.is_valid():
            return entries.none()
        data = self.cleaned_data
        if data["kind"]:
            entries = entries.filter(kind=data["kind"])
        if data["person"].strip():
            entries = entries.filter(actor_name__icontains=data["person"].strip())
        if data["object_type"]:
            entries = entries.filter(object_type=data["object_type"])
        if data["since"]:
            entries = entries.filter(when__gte=_start_of(data["since"]))
        if data["until"]:
            next_day = data["until"] + datetime.timedelta(days=1)
            entries = entries.filter(when__lt=_start_of(next_day))
        return entries

    def described(self):
        """The filters in words, for the export's own entry."""
        if not self.is_valid():
            return "nothing (the filters were not valid)"
        shown = [
            f"{self.fields[name].label}: {value}"
            for name, value in self.cleaned_data.items()
            if value not in ("", None)
        ]
        return "; ".join(shown) or "every entry"


def _start_of(day):
    """Midnight at the start of `day`, in the council's time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@role_required(OFFICER)
def audit_log(request):
    """Who signed in, published, changed, approved, signed, exported or read
    exempt papers, and when: for officers, never changed here."""
    filters = AuditFilter(request.GET)
    entries = filters.apply(AuditEntry.objects.order_by("-when", "-pk"))
    if request.GET.get("format") == "csv":
        audit.exported(request, f"Audit log CSV of {filters.described()}")
        return _csv(entries)
    page = paging.page_of(entries, request.GET.get("page"), per_page=PAGE)
    return render(
        request,
        "audit/log.html",
        {
            "filters": filters,
            "page": page,
            **paging.link_queries(request),
        },
    )


def _csv(entries):
    """Every entry the filters chose, sent as it is made."""
    response = StreamingHttpResponse(
        csv_lines(_with_header(_rows(entries))), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response


def _with_header(rows):
    yield CSV_COLUMNS
    yield from rows


def _rows(entries):
    for e in entries.iterator(chunk_size=CSV_CHUNK):
        yield [
            timezone.localtime(e.when).isoformat(),
            e.get_kind_display(),
            e.actor_name,
            e.actor_id,
            e.ip_address or "",
            e.object_type_name if e.object_type else "",
            e.object_id,
            e.object_label,
            e.detail,
        ]
