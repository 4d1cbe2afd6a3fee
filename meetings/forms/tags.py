from django import forms

from strategy.models import Pillar, Priority


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
