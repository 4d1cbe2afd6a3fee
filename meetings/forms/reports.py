from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.db.models import Q
from django.utils import timezone

from meetings.forms.agenda import offer_sections
from meetings.models import (
    AgendaSection,
    Body,
    Consideration,
    Document,
    Meeting,
    Person,
    Report,
)
from strategy.forms import TagFields


def _meeting_must_be_of_body(form, data):
    meeting, body = data.get("meeting"), data.get("body")
    if meeting and body and meeting.body_id != body.pk:
        form.add_error("meeting", f"Choose a meeting of {body}")


class ReportForm(TagFields, forms.ModelForm):
    """The council's report template."""

    class Meta:
        model = Report
        fields = [
            "title",
            "body",
            "meeting",
            "presented_by",
            "authors",
            *Report.TEXT_FIELDS,
            "is_exempt",
            "exempt_paragraph",
            "primary_pillar",
            "secondary_pillars",
            "priorities",
        ]
        labels = {
            "body": "First considered by",
            "meeting": "Meeting",
            "presented_by": "Presenter line on the agenda",
            "purpose": "1. Purpose of the report",
            "recommendations": "2. Recommendations",
            "background": "3. Background",
            "options": "4. Options considered",
            "is_exempt": "Exempt: contains information to be considered in private",
            "exempt_paragraph": "Schedule 12A paragraph",
        }
        widgets = {"authors": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A private body and its meetings are closed content: offered only to
        # those who may see them, and to a report already filed there.
        bodies = Q(pk__in=Body.objects.visible_to(user).values("pk"))
        meetings = Q(pk__in=Meeting.objects.visible_to(user).values("pk"))
        if self.instance.pk:
            bodies |= Q(pk=self.instance.body_id)
            meetings |= Q(pk=self.instance.meeting_id)
        self.fields["body"].queryset = Body.objects.filter(bodies)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(meetings, start__gte=timezone.now())
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("body")
            .order_by("start")
        )
        self.fields["authors"].queryset = Person.objects.filter(user__isnull=False)
        text = [
            Field.textarea(name, rows=4)
            for name in (
                "purpose",
                "recommendations",
                "background",
                "options",
                "implications_financial",
                "implications_legal",
                "implications_equalities",
                "implications_climate",
                "implications_partners",
            )
        ]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("title"),
            Field.select("body"),
            Field.select("meeting"),
            Field.text("presented_by"),
            Field.checkboxes("authors", legend_size=Size.SMALL, small=True),
            *text,
            Field.checkbox("is_exempt"),
            Field.select("exempt_paragraph"),
            Field.select("primary_pillar"),
            Field.checkboxes("secondary_pillars", legend_size=Size.SMALL, small=True),
            Field.checkboxes("priorities", legend_size=Size.SMALL, small=True),
            Submit("submit", "Save draft"),
        )

    def clean(self):
        data = super().clean()
        _meeting_must_be_of_body(self, data)
        return data


class ReportReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[
            ("accept", "Accept and put it on the agenda"),
            ("return", "Return it to the author with comments"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to accept or return the report"},
    )
    comments = forms.CharField(
        label="Comments for the author",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    section = forms.ModelChoiceField(
        label="Agenda section", queryset=AgendaSection.objects.none(), required=False
    )
    urgency_reason = forms.CharField(
        label="Reason for the urgency (only if the agenda is late)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        offer_sections(self.fields["section"], report.body, required=False)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("decision", legend_size=Size.SMALL),
            Field.textarea("comments"),
            Field.select("section"),
            Field.textarea("urgency_reason"),
            Submit("submit", "Record the decision"),
        )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comments", "").strip():
            self.add_error("comments", "Say what the author should change")
        sections = self.fields["section"].queryset
        if (
            data.get("decision") == "accept"
            and self.report.meeting_id
            and not data.get("section")
            and sections.exists()
        ):
            self.add_error("section", "Choose the agenda section the report goes in")
        return data


class WithdrawForm(forms.Form):
    """Asks why something is withdrawn, with a warning button; a subclass
    names what (`thing`)."""

    thing = "report"
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.label = reason.label or f"Why is the {self.thing} withdrawn?"
        reason.error_messages["required"] = (
            f"Give the reason the {self.thing} is withdrawn"
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.textarea("reason"),
            Submit(
                "submit",
                f"Yes, withdraw the {self.thing}",
                css_class="govuk-button--warning",
            ),
        )


class DocumentForm(forms.Form):
    title = forms.CharField(
        max_length=300, error_messages={"required": "Give the document a title"}
    )
    kind = forms.ChoiceField(
        choices=Document.Kind.choices,
        initial=Document.Kind.APPENDIX,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label="File (PDF, Word, Excel or OpenDocument text)",
        error_messages={"required": "Choose a file to upload"},
    )
    is_exempt = forms.BooleanField(
        label="Exempt: only members and officers may see it", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = True
        self.helper.attrs = {"enctype": "multipart/form-data"}
        self.helper.layout = Layout(
            Field.text("title"),
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field("file"),
            Field.checkbox("is_exempt"),
            Submit("submit", "Upload"),
        )


class ConsiderationForm(forms.ModelForm):
    class Meta:
        model = Consideration
        fields = ["body", "meeting", "outcome"]
        labels = {
            "body": "Then considered by",
            "meeting": "Meeting (optional)",
            "outcome": "Outcome (optional)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.select_related("body")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("body"),
            Field.select("meeting"),
            Field.text("outcome"),
            Submit("submit", "Add to the route"),
        )

    def clean(self):
        data = super().clean()
        _meeting_must_be_of_body(self, data)
        return data
