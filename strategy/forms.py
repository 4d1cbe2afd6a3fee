from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from hwbb.fields import DateField
from strategy.models import (
    Framework,
    Pillar,
    Priority,
    ProgressReport,
    ReportingSchedule,
)


class TagFields(forms.Form):
    """Secondary pillars and priorities, and the check every tagged form makes;
    the primary pillar is the model's own field."""

    secondary_pillars = forms.ModelMultipleChoiceField(
        queryset=Pillar.objects.in_choice_order(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    priorities = forms.ModelMultipleChoiceField(
        queryset=Priority.objects.select_related("version"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].label_from_instance = lambda p: (
            f"{p.title} ({p.version.key} strategy)"
        )
        for name in ("primary_pillar", "secondary_pillars"):
            if name in self.fields:
                self.fields[name].queryset = Pillar.objects.in_choice_order()
                self.fields[name].label_from_instance = lambda p: p.choice_label

    def clean(self):
        data = super().clean()
        primary = data.get("primary_pillar")
        if primary and primary in data.get("secondary_pillars", []):
            self.add_error(
                "secondary_pillars",
                "A secondary pillar cannot also be the primary pillar",
            )
        return data


class TagCorrectionForm(TagFields):
    """An officer's correction of an object's tags, with the reason for it."""

    primary_pillar = forms.ModelChoiceField(
        queryset=Pillar.objects.in_choice_order(),
        required=False,
        empty_label="No primary pillar",
    )
    reason = forms.CharField(
        label="Why are the tags being corrected?",
        max_length=500,
        error_messages={"required": "Say why the tags are being corrected"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("primary_pillar"),
            Field.checkboxes("secondary_pillars", legend_size=Size.SMALL, small=True),
            Field.checkboxes("priorities", legend_size=Size.SMALL, small=True),
            Field.text("reason"),
            Submit("submit", "Save the tags"),
        )


RETURN_MAX_CHARS = 10000


class ProgressReturnForm(forms.ModelForm):
    """The lead's structured return."""

    class Meta:
        model = ProgressReport
        fields = [
            "rag",
            "rag_narrative",
            "progress",
            "deliverables",
            "next_steps",
            "risks",
        ]
        widgets = {"rag": forms.RadioSelect}
        labels = {
            "rag": "RAG status",
            "rag_narrative": "Why amber or red (needed for either)",
            "progress": "Progress and impact",
            "deliverables": "Key deliverables",
            "next_steps": "Next steps",
            "risks": "Risks and exceptions (optional)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rag"].choices = [
            (ProgressReport.Rag.GREEN, "Green: on track"),
            (ProgressReport.Rag.AMBER, "Amber: some risk to delivery"),
            (ProgressReport.Rag.RED, "Red: off track"),
        ]
        self.fields["rag"].required = True
        self.fields["rag"].error_messages["required"] = "Choose a RAG status"
        for name in ("progress", "deliverables", "next_steps"):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = (
                f"Write the {self.fields[name].label.lower()}"
            )
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.validators.append(
                    MaxLengthValidator(
                        RETURN_MAX_CHARS,
                        f"Keep each answer under {RETURN_MAX_CHARS:,} characters",
                    )
                )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("rag", legend_size=Size.SMALL),
            Field.textarea("rag_narrative", rows=3),
            Field.textarea("progress", rows=6),
            Field.textarea("deliverables", rows=4),
            Field.textarea("next_steps", rows=4),
            Field.textarea("risks", rows=3),
            Submit("submit", "Submit the progress report"),
        )

    def clean(self):
        data = super().clean()
        rag = data.get("rag")
        if (
            rag in (ProgressReport.Rag.AMBER, ProgressReport.Rag.RED)
            and not (data.get("rag_narrative") or "").strip()
        ):
            self.add_error(
                "rag_narrative",
                f"Say why the status is {ProgressReport.Rag(rag).label.lower()}",
            )
        return data


class ProgressRequestForm(forms.Form):
    """Ask a lead for a return: `people` and `bodies` are the page's choices of
    who to ask (those with an email address are offered) and which board."""

    priority = forms.ModelChoiceField(
        queryset=Priority.objects.none(),  # today's: set in __init__
        empty_label="Choose a priority",
        error_messages={"required": "Choose the priority"},
    )
    lead = forms.ModelChoiceField(
        label="Ask",
        queryset=None,
        empty_label="Choose a person",
        help_text="Only people with an email address are listed.",
        error_messages={"required": "Choose who to ask"},
    )
    body = forms.ModelChoiceField(
        label="Reporting to",
        queryset=None,
        error_messages={"required": "Choose the board the return goes to"},
    )
    due_date = DateField(label="Due date")

    def __init__(self, *args, people, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = Priority.objects.current()
        self.fields["lead"].queryset = people.exclude(email="")
        self.fields["body"].queryset = bodies
        self.fields["due_date"].error_messages["required"] = "Enter the due date"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("priority"),
            Field.select("lead"),
            Field.select("body"),
            Field("due_date"),
            Submit("submit", "Send the request"),
        )

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due and due < timezone.localdate():
            raise forms.ValidationError("The due date must be today or later")
        return due


class ProgressReviewForm(forms.Form):
    """Accept a return (and put it on an agenda) or send it back: `meetings`
    are the page's choice of agendas it may go on."""

    ACCEPT, SEND_BACK = "accept", "send_back"
    decision = forms.ChoiceField(
        choices=[
            (ACCEPT, "Accept it"),
            (SEND_BACK, "Send it back to the lead with comments"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to accept it or send it back"},
    )
    meeting = forms.ModelChoiceField(
        label="Put it on the agenda of (optional)",
        queryset=None,
        required=False,
        empty_label="Not yet",
    )
    section = forms.ModelChoiceField(
        label="Agenda section",
        queryset=None,
        required=False,
        help_text="Needed where that meeting's agenda has sections. The item goes "
        "at the end of the section, before any other business.",
    )
    urgency_reason = forms.CharField(
        label="Reason for urgency (needed if that agenda is already late)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    comments = forms.CharField(
        label="Comments for the lead (needed to send it back)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )

    def __init__(self, *args, meetings, sections, **kwargs):
        """`sections`: the agenda sections of those meetings' bodies."""
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["section"].queryset = sections
        if len({s.body_id for s in sections}) > 1:  # name each section's body
            self.fields["section"].label_from_instance = lambda s: f"{s.body}: {s}"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("decision", legend_size=Size.SMALL),
            Field.select("meeting"),
            Field.select("section"),
            Field.textarea("urgency_reason", rows=2),
            Field.textarea("comments", rows=4),
            Submit("submit", "Save the review"),
        )
        self.helper.form_tag = False  # the page gives the form its action

    def clean(self):
        data = super().clean()
        if (
            data.get("decision") == self.SEND_BACK
            and not (data.get("comments") or "").strip()
        ):
            self.add_error("comments", "Say what the lead should change")
        if data.get("decision") == self.ACCEPT and data.get("meeting"):
            self._check_section(data["meeting"], data.get("section"))
        return data

    def _check_section(self, meeting, section):
        sections = self.fields["section"].queryset.filter(body=meeting.body_id)
        if section is None and sections.exists():
            self.add_error("section", "Choose the agenda section it goes in")
        elif section is not None and section.body_id != meeting.body_id:
            self.add_error(
                "section", f"Choose a section of the {meeting.body}'s agendas"
            )


class ScheduleForm(forms.ModelForm):
    next_request_on = DateField(label="Next request on")

    class Meta:
        model = ReportingSchedule
        fields = [
            "every_months",
            "body",
            "lead",
            "next_request_on",
            "working_days_to_respond",
            "active",
        ]
        widgets = {
            "every_months": forms.TextInput(attrs={"inputmode": "numeric"}),
            "working_days_to_respond": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {
            "body": "",
            "lead": "Only people with an email address are listed.",
        }
        labels = {
            "every_months": "Report every (months)",
            "body": "Reporting to",
            "lead": "Lead asked for the return",
            "working_days_to_respond": "Working days to respond",
            "active": "Send requests on this schedule",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = self.fields["lead"].queryset.exclude(email="")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("every_months", field_width=4),
            Field.select("body"),
            Field.select("lead"),
            Field("next_request_on"),
            Field.text("working_days_to_respond", field_width=4),
            Field.checkbox("active"),
            Submit("submit", "Save the schedule"),
        )

    def clean_next_request_on(self):
        day = self.cleaned_data["next_request_on"]
        if day and day < timezone.localdate():
            raise forms.ValidationError("The next request date must be today or later")
        return day


class FrameworkForm(forms.ModelForm):
    class Meta:
        model = Framework
        fields = ["name", "slug", "description", "source"]
        labels = {"slug": "Short name for web addresses", "source": "Source"}
        help_texts = {"slug": "Lower case letters, numbers and hyphens: marmot-8"}
        error_messages = {
            "name": {"required": "Enter the framework's name"},
            "slug": {
                "required": "Enter a short name for web addresses, like marmot-8",
                "invalid": "Use only lower case letters, numbers and hyphens",
                "unique": "Another framework has this short name: choose another",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("name"),
            Field.text("slug", field_width=20),
            Field.textarea("description", rows=3),
            Field.text("source"),
        )


class PillarForm(forms.ModelForm):
    """One pillar or objective; aliases one per line."""

    aliases = forms.CharField(
        label="Other names used for it (one per line)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Pillar
        fields = ["code", "name", "short_name", "description", "aliases"]
        labels = {"code": "Code", "short_name": "Short name (optional)"}
        error_messages = {
            "code": {"required": "Enter a code, like M1"},
            "name": {"required": "Enter the name"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["aliases"] = "\n".join(self.instance.aliases)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.text("code", field_width=5),
            Field.text("name"),
            Field.text("short_name"),
            Field.textarea("description", rows=2),
            Field.textarea("aliases", rows=2),
        )

    def clean_aliases(self):
        lines = self.cleaned_data["aliases"].splitlines()
        return [line.strip() for line in lines if line.strip()]


class BasePillarFormSet(forms.BaseInlineFormSet):
    def clean(self):
        rows = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if not rows:
            raise forms.ValidationError("Add at least one pillar or objective")
        # A row whose code could not be read has its own error already.
        codes = [row["code"] for row in rows if "code" in row]
        repeated = {c for c in codes if codes.count(c) > 1}
        if repeated:
            raise forms.ValidationError(
                f"Each code must be different: {', '.join(sorted(repeated))} "
                "is used twice"
            )
        super().clean()


MAX_PILLARS = 20


def pillar_formset(extra):
    """Pillars of a framework: blank rows to add `extra` more."""
    return forms.inlineformset_factory(
        Framework,
        Pillar,
        form=PillarForm,
        formset=BasePillarFormSet,
        extra=extra,
        can_delete=False,
        max_num=MAX_PILLARS,
        validate_max=True,
        # A count of forms altered to a huge number builds no more than this.
        absolute_max=MAX_PILLARS,
    )
