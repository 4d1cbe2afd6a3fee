from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from meetings import search
from meetings.models import Subscription

FREQUENCY_ERROR = "Choose how often to get the alerts"


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will send a link to this address. Nothing else is sent "
        "until you follow it.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like "
            "name@example.com",
            "max_length": "Enter an email address of 254 characters or fewer",
        },
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
        error_messages={"required": FREQUENCY_ERROR, "invalid_choice": FREQUENCY_ERROR},
    )

    def __init__(self, *args, with_query=False, **kwargs):
        super().__init__(*args, **kwargs)
        first = []
        if with_query:
            self.fields = {"query": _query_field(), **self.fields}
            first = [Field.text("query", field_width=Fluid.TWO_THIRDS)]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *first,
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.radios("frequency", legend_size=Size.SMALL),
            Submit("submit", "Get email alerts"),
        )
        self.fields["email"].widget.attrs.update(
            {"autocomplete": "email", "spellcheck": "false"}
        )


def _clean_query(form):
    return " ".join(form.cleaned_data["query"].split())


SubscribeForm.clean_query = _clean_query


def _query_field():
    return forms.CharField(
        label="Words to search for",
        max_length=200,
        help_text="We will email you when something new that anyone may read "
        "matches them: an agenda item, report, minute, decision, action or paper.",
        error_messages={
            "required": "Enter the words to search for",
            "max_length": "Enter 200 characters or fewer",
        },
        validators=[_searchable],
    )


def _searchable(value):
    if "\x00" in value:
        return  # refused by the field's own check, before it reaches the database
    if not search.engine_for(" ".join(value.split())).searchable:
        raise forms.ValidationError(search.NOTHING_TO_SEARCH)


class FrequencyForm(forms.Form):
    """One subscription's frequency, on the manage page."""

    frequency = forms.ChoiceField(
        choices=Subscription.Frequency.choices,
        error_messages={"required": FREQUENCY_ERROR, "invalid_choice": FREQUENCY_ERROR},
    )
