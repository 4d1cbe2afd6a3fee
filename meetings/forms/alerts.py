from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.radios("frequency", legend_size=Size.SMALL),
            Submit("submit", "Get email alerts"),
        )
        self.fields["email"].widget.attrs.update(
            {"autocomplete": "email", "spellcheck": "false"}
        )


class FrequencyForm(forms.Form):
    """One subscription's frequency, on the manage page."""

    frequency = forms.ChoiceField(
        choices=Subscription.Frequency.choices,
        error_messages={"required": FREQUENCY_ERROR, "invalid_choice": FREQUENCY_ERROR},
    )
