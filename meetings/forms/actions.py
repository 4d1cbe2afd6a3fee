from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.utils import timezone

from hwbb import duedates
from hwbb.fields import DateField
from meetings.models import Action, Organisation, Person
from strategy.forms import TagFields
from strategy.models import Pillar, Priority


class ActionUpdateForm(forms.Form):
    """The action page's progress update: reads the date, the choice and the
    number; `services.action_add_update` holds the rules it must meet."""

    date = DateField(label="Date of this update")
    status = forms.ChoiceField(
        choices=Action.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action's status"},
    )
    percent_complete = forms.IntegerField(
        label="Percent complete",
        widget=forms.NumberInput(attrs={"min": 0, "max": 100}),  # a hint only
        error_messages={
            "required": "Enter how complete the action is, from 0 to 100",
            "invalid": "Enter percent complete as a whole number, like 50",
        },
    )
    narrative = forms.CharField(
        label="What has happened since the last update",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Describe the progress made"},
    )
    closing_note = forms.CharField(
        label="Closing note (needed when the action is done or dropped)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("date"),
            Field.radios("status", legend_size=Size.SMALL),
            Field.text("percent_complete", field_width=3),
            Field.textarea("narrative"),
            Field.textarea("closing_note"),
            Submit("submit", "Save update"),
        )


class ActionRagForm(forms.Form):
    """An officer's RAG status for an action, with the reason shown beside it;
    `services.action_set_rag` holds the rule that a RAG needs a reason."""

    rag = forms.ChoiceField(
        label="RAG status",
        choices=[
            *Action.Rag.choices,
            ("", "Work it out from the due date and progress"),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Why (shown beside the RAG status)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=500,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("rag", legend_size=Size.SMALL, small=True),
            Field.textarea("reason", rows=3),
            Submit("submit", "Set the RAG status", css_class="govuk-button--secondary"),
        )


class MyActionsFilter(forms.Form):
    """Which of a person's actions "My actions" shows (GET); all by default."""

    CHOICES = [
        ("", "All"),
        ("open", "Open"),
        ("overdue", "Overdue"),
        ("due", "Due this month"),
        ("done", "Done or dropped"),
    ]
    show = forms.ChoiceField(label="Show", choices=CHOICES, required=False)

    def which(self):
        return self.cleaned_data["show"] if self.is_valid() else ""


class ActionForm(TagFields, forms.ModelForm):
    due_date = DateField(label="Due date", required=False)

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

    def clean(self):
        data = super().clean()
        words = (data.get("due_text") or "").strip()
        if words and not data.get("due_date") and "due_date" not in self.errors:
            data["due_date"] = duedates.parse(words)
            if data["due_date"] is None:
                self.add_error(
                    "due_date",
                    f'"{words}" names no date we can read: enter the date as well',
                )
        due = data.get("due_date")
        if due and due < timezone.localdate():
            self.add_error("due_date", "The due date must be today or in the future")
        if not data.get("owner_person") and not data.get("owner_organisation"):
            self.add_error(
                "owner_person", "Choose an owner: a person, an organisation or both"
            )
        return data


class ActionLogFilter(forms.Form):
    """The action log's filters (GET); every field optional."""

    status = forms.ChoiceField(
        choices=[("", "Any status"), *Action.Status.choices], required=False
    )
    owner = forms.ModelChoiceField(
        queryset=Person.objects.filter(actions__isnull=False).distinct(),
        required=False,
        empty_label="Anyone",
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(actions__isnull=False).distinct(),
        required=False,
        empty_label="Any organisation",
    )
    pillar = forms.ModelChoiceField(
        queryset=Pillar.objects.all(), required=False, empty_label="Any pillar"
    )
    priority = forms.ModelChoiceField(
        queryset=Priority.objects.select_related("version"),
        required=False,
        empty_label="Any priority",
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, actions, **kwargs):
        """`actions`: those the user may see; the owner lists name only their owners."""
        super().__init__(*args, **kwargs)
        # A body's log has thousands of actions and a few dozen owners, and
        # choosing the actions a reader may see is the costly part: choose
        # them once, for both lists (their distinct pairs of owners).
        owners = actions.order_by().values_list("owner_person", "owner_organisation")
        people, organisations = set(), set()
        for person, organisation in owners.distinct():
            people.add(person)
            organisations.add(organisation)
        self.fields["owner"].queryset = Person.objects.filter(pk__in=people)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=organisations
        )

    def apply(self, actions):
        if not self.is_valid():
            return actions.none()
        data = self.cleaned_data
        if data["status"]:
            actions = actions.filter(status=data["status"])
        if data["owner"]:
            actions = actions.filter(owner_person=data["owner"])
        if data["organisation"]:
            actions = actions.filter(owner_organisation=data["organisation"])
        if data["pillar"]:
            actions = actions.tagged(pillar=data["pillar"])
        if data["priority"]:
            actions = actions.tagged(priority=data["priority"])
        if data["overdue"]:
            actions = actions.overdue()
        return actions
