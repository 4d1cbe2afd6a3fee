from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.utils import timezone

from hwbb.fields import DateField
from meetings.models import Action, Organisation, Person
from strategy.models import Pillar, Priority


class ActionUpdateForm(forms.Form):
    date = DateField(label="Date of this update")
    status = forms.ChoiceField(
        choices=Action.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action's status"},
    )
    percent_complete = forms.IntegerField(
        label="Percent complete",
        min_value=0,
        max_value=100,
        error_messages={
            "required": "Enter how complete the action is, from 0 to 100",
            "min_value": "Percent complete must be 0 or more",
            "max_value": "Percent complete must be 100 or less",
            "invalid": "Enter percent complete as a whole number, like 50",
        },
    )
    narrative = forms.CharField(
        label="What has happened since the last update",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Describe the progress made"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("date"),
            Field.radios("status", legend_size=Size.SMALL),
            Field.text("percent_complete", field_width=3),
            Field.textarea("narrative"),
            Submit("submit", "Save update"),
        )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("The date of an update cannot be in the future")
        return date

    def clean(self):
        data = super().clean()
        if data.get("status") == Action.Status.DONE and data.get(
            "percent_complete"
        ) not in (None, 100):
            self.add_error(
                "percent_complete", "An action that is done must be 100% complete"
            )
        return data


class ActionForm(forms.ModelForm):
    due_date = DateField(label="Due date", required=False)
    secondary_pillars = forms.ModelMultipleChoiceField(
        queryset=Pillar.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    priorities = forms.ModelMultipleChoiceField(
        queryset=Priority.objects.select_related("version"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Action
        fields = [
            "body",
            "title",
            "description",
            "owner_person",
            "owner_organisation",
            "due_date",
            "due_text",
            "primary_pillar",
            "secondary_pillars",
            "priorities",
        ]
        labels = {
            "body": "Board or committee",
            "owner_person": "Owner (person)",
            "owner_organisation": "Owner (organisation)",
            "due_text": "Due, in the officer's words (optional)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_person"].queryset = Person.objects.all()
        self.fields["owner_organisation"].queryset = Organisation.objects.all()
        self.fields["priorities"].label_from_instance = lambda p: (
            f"{p.title} ({p.version.key} strategy)"
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("body"),
            Field.text("title"),
            Field.textarea("description", rows=4),
            Field.select("owner_person"),
            Field.select("owner_organisation"),
            Field("due_date"),
            Field.text("due_text", field_width=20),
            Field.select("primary_pillar"),
            Field.checkboxes("secondary_pillars", legend_size=Size.SMALL, small=True),
            Field.checkboxes("priorities", legend_size=Size.SMALL, small=True),
            Submit("submit", "Create action"),
        )

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due and due < timezone.localdate():
            raise forms.ValidationError("The due date must be today or in the future")
        return due

    def clean(self):
        data = super().clean()
        if not data.get("owner_person") and not data.get("owner_organisation"):
            self.add_error(
                "owner_person", "Choose an owner: a person, an organisation or both"
            )
        primary = data.get("primary_pillar")
        if primary and primary in data.get("secondary_pillars", []):
            self.add_error(
                "secondary_pillars",
                "A secondary pillar cannot also be the primary pillar",
            )
        return data
