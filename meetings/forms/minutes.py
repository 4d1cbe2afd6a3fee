import copy
import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.utils import timezone

from hwbb.fields import iso_date
from hwbb.widgets import RichTextarea
from meetings import resolutions, search, services
from meetings.forms.agenda import TimeField
from meetings.models import Body, Meeting, Minute, Person, ResolutionClause
from strategy.models import Pillar, Priority


class MinuteForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    number = forms.IntegerField(
        label="Minute number",
        required=False,
        min_value=1,
        help_text="Leave empty for the next number in the municipal year.",
        # a text box, as GOV.UK asks for numbers, so it takes the input styles
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Minute
        fields = [
            "agenda_item",
            "title",
            "narrative",
            "officer_notes",
            "is_exempt",
            "exempt_paragraph",
        ]
        labels = {
            "agenda_item": "Agenda item (leave empty for a minute with no item)",
            "narrative": "Minute",
            "officer_notes": "Officer's notes (not published)",
            "is_exempt": "Exempt: considered in private",
            "exempt_paragraph": "Schedule 12A paragraph",
        }
        help_texts = {
            "narrative": "Leave a blank line between paragraphs. Start a line with "
            '"- " for a bulleted list or "1. " for a numbered list. '
            '"Minute 31/18" becomes a link to that minute.',
            "officer_notes": "Your working notes for this minute. Only governance "
            "officers see them, here: they are never printed, published or exported.",
        }
        widgets = {
            "narrative": RichTextarea(),
            "officer_notes": RichTextarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by(
            "number", "sub_letter"
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("number", field_width=4),
            Field.select("agenda_item"),
            Field.text("title"),
            Field.textarea("narrative"),
            Field.textarea("officer_notes"),
            Field.checkbox("is_exempt"),
            Field.select("exempt_paragraph"),
            Field("version"),
            Submit("submit", "Save minute"),
        )

    def clean(self):
        data = super().clean()
        if data.get("is_exempt") and not data.get("exempt_paragraph"):
            self.add_error(
                "exempt_paragraph",
                "Choose the Schedule 12A paragraph for the exempt minute",
            )
        return data


class MinutesApproveForm(forms.Form):
    """Approve the minutes at a later meeting and record the chair's signature."""

    approved_at = forms.ModelChoiceField(
        label="Approved at the meeting of",
        queryset=Meeting.objects.none(),
        error_messages={"required": "Choose the meeting that approved the minutes"},
    )
    signed_by = forms.ModelChoiceField(
        label="Signed as a correct record by",
        queryset=Person.objects.none(),
        error_messages={"required": "Choose the chair who signed the minutes"},
    )

    def __init__(self, *args, meeting, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        approving = Meeting.objects.approving(meeting).select_related("body")
        if meeting.minutes_approved_at_id:
            # approved already (before signatures were kept, or imported): signed
            # at the meeting that approved them
            approving = approving.filter(pk=meeting.minutes_approved_at_id)
            self.fields["approved_at"].initial = meeting.minutes_approved_at_id
        self.fields["approved_at"].queryset = approving
        chairs = services.chairs_who_may_sign(meeting)
        self.fields["signed_by"].queryset = chairs
        own = getattr(user, "person", None) if user else None
        if own is not None and chairs.filter(pk=own.pk).exists():
            self.fields["signed_by"].initial = own.pk
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("approved_at"),
            Field.select("signed_by"),
            Submit("submit", "Approve and sign as a correct record"),
        )
        self.helper.form_tag = False


class MinuteAmendmentForm(forms.Form):
    text = forms.CharField(
        label="The correction",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write the correction"},
    )
    reason = forms.CharField(
        label="Why it is needed",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Give the reason for the amendment"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.textarea("text"),
            Field.textarea("reason"),
            Submit("submit", "Record the amendment"),
        )


class DecisionFilter(forms.Form):
    q = forms.CharField(label="Words in the decision", required=False, max_length=200)
    body = forms.ModelChoiceField(
        queryset=Body.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any board or committee",
    )
    verb = forms.ChoiceField(
        choices=[("", "Any kind of decision"), *ResolutionClause.Verb.choices],
        required=False,
    )
    pillar = forms.ModelChoiceField(
        queryset=Pillar.objects.all(), required=False, empty_label="Any pillar"
    )
    priority = forms.ModelChoiceField(
        queryset=Priority.objects.select_related("version"),
        required=False,
        empty_label="Any priority",
    )
    since = iso_date("From", example="2019-04-08")
    until = iso_date("To", example="2019-07-08")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.visible_to(user)
        self.words = None

    def clean_q(self):
        """The words, found as /search/ finds a decision's: stemmed, in any
        order, in the minute's title, the preamble or the clauses."""
        q = self.cleaned_data["q"]
        if q.strip():
            self.words = search.engine_for(q)
            if not self.words.searchable:
                raise forms.ValidationError(search.NOTHING_TO_SEARCH)
        return q

    def apply(self, resolutions):
        if not self.is_valid():
            return resolutions.none()
        data = self.cleaned_data
        if self.words is not None:
            resolutions = self.words.match("resolution", resolutions)
        if data["body"]:
            resolutions = resolutions.filter(minute__meeting__body=data["body"])
        if data["verb"]:
            resolutions = resolutions.filter(clauses__verb=data["verb"])
        if data["pillar"]:
            resolutions = resolutions.tagged(pillar=data["pillar"])
        if data["priority"]:
            resolutions = resolutions.tagged(priority=data["priority"])
        if data["since"]:
            resolutions = resolutions.filter(
                minute__meeting__start__date__gte=data["since"]
            )
        if data["until"]:
            resolutions = resolutions.filter(
                minute__meeting__start__date__lte=data["until"]
            )
        return resolutions.distinct()


class ResolutionForm(forms.Form):
    preamble = forms.CharField(
        label='Preamble (optional): the words between "RESOLVED that" and the colon',
        required=False,
        max_length=1000,
    )
    clauses = forms.CharField(
        label="Resolution",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One clause a line, as the minutes print them: (1), (2) for clauses, "
        "(i), (ii) for sub-clauses of the clause above; or a single resolution with no "
        "number.",
        error_messages={"required": "Write the resolution"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("preamble"),
            Field.textarea("clauses"),
            Submit("submit", "Save the resolution"),
        )

    def clean_clauses(self):
        try:
            return resolutions.parse(self.cleaned_data["clauses"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class MinuteTakingForm(MinuteForm):
    """One item's minute as the officer takes it during the meeting: the
    narrative (in MinuteForm's own widget), the time the item was taken, and
    the resolution typed as the minutes print it. The version guards all of
    it. Each minute's form gives its fields ids of their own (`auto_id`), so
    a page holds many."""

    TAKEN = ("narrative", "taken_at", "preamble", "clauses", "version")

    taken_at = TimeField(
        label="Time taken",
        required=False,
        help_text="24-hour clock, like 14:05. On the day of the meeting it is set "
        "when you first write the minute.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    preamble = copy.deepcopy(ResolutionForm.base_fields["preamble"])
    clauses = forms.CharField(
        label="Resolution",
        required=False,
        widget=forms.Textarea,
        help_text=ResolutionForm.base_fields["clauses"].help_text,
    )

    def __init__(self, *args, meeting, **kwargs):
        minute = kwargs["instance"]
        kwargs.setdefault("auto_id", f"m{minute.pk}-%s")
        self.resolution = getattr(minute, "resolution", None)
        kwargs["initial"] = {
            "version": minute.version,
            "taken_at": minute.taken_time,
            "preamble": self.resolution.preamble if self.resolution else "",
            "clauses": resolutions.as_text(self.resolution) if self.resolution else "",
            **kwargs.get("initial", {}),
        }
        super().__init__(*args, meeting=meeting, **kwargs)
        self.meeting = meeting
        for name in list(self.fields):
            if name not in self.TAKEN:
                del self.fields[name]
        # the narrative laid out as MinuteForm lays it out, whatever that is
        narrative = next(
            f
            for f in self.helper.layout.fields
            if "narrative" in getattr(f, "fields", ())
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        # the page holds a form a minute: it loads the editor's scripts once
        self.helper.include_media = False
        self.helper.layout = Layout(
            narrative,
            Field.text("taken_at", field_width=5),
            Field.text("preamble"),
            Field.textarea("clauses", rows=5),
            Field("version"),
        )

    def clean_taken_at(self):
        time = self.cleaned_data["taken_at"]
        if time is None:
            return None
        day = timezone.localdate(self.meeting.start)
        return timezone.make_aware(datetime.datetime.combine(day, time))

    def clean_clauses(self):
        text = self.cleaned_data["clauses"]
        if not text.strip():
            if self.resolution is not None:
                raise forms.ValidationError(
                    "Write the resolution: one already recorded is changed here, "
                    "not removed"
                )
            return []
        try:
            return resolutions.parse(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def resolution_errors(self):
        """The resolution's problems, in words, or []."""
        return [e for f in ("preamble", "clauses") for e in self.errors.get(f, [])]
