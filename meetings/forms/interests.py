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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("kind"),
            Field.select("organisation"),
            Field.textarea("description", rows=3),
            Field("start"),
            Submit("submit", "Add to my register"),
        )

    def clean_start(self):
        start = self.cleaned_data.get("start")
        if start and start > timezone.localdate():
            raise forms.ValidationError("The start date cannot be in the future")
        return start


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
