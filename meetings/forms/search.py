from django import forms

from hwbb.fields import iso_date
from meetings.models import Body
from meetings.search import KIND_CHOICES, MAX_QUERY_LENGTH
from strategy.models import Pillar, Priority


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Words to find",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Search for {MAX_QUERY_LENGTH} characters or fewer"
        },
    )
    body = forms.ModelChoiceField(
        label="Board or committee",
        queryset=Body.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="Any board or committee",
        error_messages={"invalid_choice": "Choose a board or committee from the list"},
    )
    type = forms.ChoiceField(
        label="Type",
        choices=[("", "Anything"), *KIND_CHOICES],
        required=False,
        error_messages={"invalid_choice": "Choose a type from the list"},
    )
    pillar = forms.ModelChoiceField(
        queryset=Pillar.objects.in_choice_order(),
        required=False,
        empty_label="Any pillar",
        error_messages={"invalid_choice": "Choose a pillar from the list"},
    )
    priority = forms.ModelChoiceField(
        queryset=Priority.objects.select_related("version"),
        to_field_name="slug",
        required=False,
        empty_label="Any priority",
        error_messages={"invalid_choice": "Choose a priority from the list"},
    )
    since = iso_date("From", example="2019-04-08")
    until = iso_date("To", example="2019-07-08")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.visible_to(user)
        self.fields["pillar"].label_from_instance = lambda p: p.choice_label
        self.fields["priority"].label_from_instance = lambda p: (
            f"{p.title} ({p.version.key} strategy)"
        )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The 'to' date must be on or after the 'from' date")
        return data
