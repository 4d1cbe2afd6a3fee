from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.utils import timezone

from hwbb.fields import DateField
from meetings.models import AgendaItem, Declaration, Interest


class InterestForm(forms.ModelForm):
    start = DateField(label="Since (optional)", required=False)

    class Meta:
        model = Interest
        fields = ["kind", "organisation", "description", "start"]
        labels = {"kind": "Kind of interest", "organisation": "Organisation (optional)"}
        error_messages = {"description": {"required": "Describe the interest"}}

    def __init__(self, *args, submit="Ask to add to my register", **kwargs):
        """Never saved itself: the member asks for the entry, and an officer's
        approval writes it (services.interest_change_ask)."""
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("kind"),
            Field.select("organisation"),
            Field.textarea("description", rows=3),
            Field("start"),
            Submit("submit", submit),
        )

    def clean_start(self):
        start = self.cleaned_data.get("start")
        if start and start > timezone.localdate():
            raise forms.ValidationError("The start date cannot be in the future")
        return start


class InterestEndForm(forms.Form):
    end = DateField(label="The day the interest ended")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(Field("end"), Submit("submit", "Ask to end it"))


class InterestDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("approve", "Approve: the register shows the change"),
            ("reject", "Do not approve: the register stays as it is"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve the change"},
    )
    reason = forms.CharField(
        label="Why it is not approved (sent to the member)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("decision", legend_size=Size.SMALL),
            Field.textarea("reason"),
            Submit("submit", "Record the decision"),
        )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", "Say why the change is not approved")
        return data


class DeclarationForm(forms.Form):
    agenda_item = forms.ModelChoiceField(
        label="Agenda item",
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label="The meeting as a whole",
    )
    kind = forms.ChoiceField(
        label="Kind of interest",
        choices=Declaration.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of interest"},
    )
    text = forms.CharField(
        label="The interest",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe the interest you are declaring"},
    )
    withdrew = forms.BooleanField(
        label="I will leave the meeting for this item", required=False
    )
    interest = forms.ModelChoiceField(
        queryset=Interest.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, items, person, **kwargs):
        """`items`: the agenda items this person may see (AgendaItem.visible_to)."""
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = items.in_agenda_order()
        self.fields["agenda_item"].label_from_instance = lambda i: str(i)
        self.fields["interest"].queryset = person.interests.all()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("agenda_item"),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.textarea("text"),
            Field.checkbox("withdrew"),
            Field("interest"),
            Submit("submit", "Declare"),
        )
