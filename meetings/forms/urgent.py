"""Decisions taken between meetings: the proposal, the chair's (or the
officer's) record that it was taken, a member's answer to a written
resolution, and the ratification at the next meeting."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.utils import timezone

from hwbb.fields import DateField
from meetings import resolutions
from meetings.forms.reports import WithdrawForm
from meetings.models import (
    MemberResponse,
    Minute,
    Person,
    PlannedItem,
    RecurringItem,
    UrgentDecision,
)
from strategy.forms import TagFields


class UrgentDecisionForm(TagFields, forms.ModelForm):
    deadline = DateField(
        label="Deadline",
        help_text="The date the decision is needed by.",
    )
    planned_item = forms.ModelChoiceField(
        queryset=PlannedItem.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "The forward plan row is not this body's"},
    )
    recurring = forms.ModelChoiceField(
        queryset=RecurringItem.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "The statutory duty is not this body's"},
    )

    class Meta:
        model = UrgentDecision
        fields = [
            "kind",
            "title",
            "is_exempt",
            "exempt_paragraph",
            "open_title",
            "decision",
            "reasons",
            "deadline",
            "deadline_source",
            "options_considered",
            "conflicts",
            "consultation",
            "primary_pillar",
            "secondary_pillars",
            "priorities",
            "planned_item",
            "recurring",
        ]
        labels = {
            "kind": "How it is to be taken",
            "title": "Title (the closed title, if it is exempt)",
            "is_exempt": "Exempt: its content is not for the public (Part 2)",
            "exempt_paragraph": "Schedule 12A paragraph",
            "open_title": "Open title, shown to the public",
            "decision": "The decision",
            "reasons": "Why it cannot wait for the next meeting",
            "deadline_source": "What sets the deadline",
            "options_considered": "Options considered (optional)",
            "conflicts": "Conflicts of interest declared (optional)",
            "consultation": "Consultation: who was consulted, and what they said",
        }
        help_texts = {
            "open_title": "Only for an exempt decision.",
            "reasons": "",
            "deadline_source": 'For example, "NHS England: Better Care Fund plan '
            'submission".',
            "consultation": "Needed before a chair's action is taken: the lead "
            "officer, the deputy chair, the partners concerned.",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "decision": forms.Textarea(attrs={"rows": 6}),
            "reasons": forms.Textarea(attrs={"rows": 4}),
            "options_considered": forms.Textarea(attrs={"rows": 3}),
            "conflicts": forms.Textarea(attrs={"rows": 2}),
            "consultation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planned_item"].queryset = PlannedItem.objects.filter(
            meeting__body=body
        )
        self.fields["recurring"].queryset = body.recurring_items.all()
        if self.instance.pk:  # a proposal keeps its kind: the members were asked
            self.fields["kind"].disabled = True
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("title"),
            Field.checkbox("is_exempt"),
            Field.select("exempt_paragraph"),
            Field.text("open_title"),
            Field.textarea("decision", rows=6),
            Field.textarea("reasons", rows=4),
            Field("deadline"),
            Field.text("deadline_source"),
            Field.textarea("options_considered", rows=3),
            Field.textarea("conflicts", rows=2),
            Field.textarea("consultation", rows=4),
            Field.select("primary_pillar"),
            Field.checkboxes("secondary_pillars", legend_size=Size.SMALL, small=True),
            Field.checkboxes("priorities", legend_size=Size.SMALL, small=True),
            Field("planned_item"),
            Field("recurring"),
            Submit("submit", "Save and send for the decision"),
        )

    def clean_decision(self):
        text = self.cleaned_data["decision"]
        try:
            resolutions.parse(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return text

    def clean(self):
        data = super().clean()
        if data.get("is_exempt"):
            if not data.get("exempt_paragraph"):
                self.add_error(
                    "exempt_paragraph", "Choose the Schedule 12A paragraph that applies"
                )
            if not (data.get("open_title") or "").strip():
                self.add_error("open_title", "Give an open title the public may see")
        return data


class TakeForm(forms.Form):
    """The chair takes the decision; an officer records it for the chair who
    took it (`taken_by`), or records a written resolution agreed."""

    taken_by = forms.ModelChoiceField(
        label="Taken by",
        queryset=Person.objects.none(),
        error_messages={"required": "Choose the chair or deputy chair who took it"},
    )
    taken_on = DateField(label="Taken on")
    confirm = forms.BooleanField(
        error_messages={"required": "Confirm that the decision is taken"},
    )

    def __init__(self, *args, decision, chairs, for_the_chair, **kwargs):
        kwargs.setdefault("initial", {"taken_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        if decision.is_chairs_action and for_the_chair:
            self.fields["taken_by"].queryset = chairs
            self.fields[
                "confirm"
            ].label = "The chair has agreed this decision, and I record it for them"
        else:
            del self.fields["taken_by"]
            self.fields["confirm"].label = (
                "I take this decision as chair's action"
                if decision.is_chairs_action
                else "A majority of the voting members have agreed it"
            )
        button = (
            "Take the decision"
            if decision.is_chairs_action and not for_the_chair
            else "Record the decision as taken"
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *([Field.select("taken_by")] if "taken_by" in self.fields else []),
            Field("taken_on"),
            Field.checkbox("confirm"),
            Submit("submit", button),
        )

    def clean_taken_on(self):
        day = self.cleaned_data["taken_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError("The date it was taken cannot be ahead")
        return day


class RespondForm(forms.Form):
    """A member's answer to a written resolution; an officer chooses whose."""

    person = forms.ModelChoiceField(
        label="The member answering",
        queryset=Person.objects.none(),
        error_messages={"required": "Choose the member whose answer this is"},
    )
    answer = forms.ChoiceField(
        label="Do you agree the decision?",
        choices=[
            (MemberResponse.Answer.AGREE, "I agree"),
            (MemberResponse.Answer.DISAGREE, "I do not agree"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you agree"},
    )
    comment = forms.CharField(
        label="Comment (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, asked, for_a_member, **kwargs):
        super().__init__(*args, **kwargs)
        if for_a_member:
            self.fields["person"].queryset = asked
            self.fields["answer"].label = "Does the member agree the decision?"
        else:
            del self.fields["person"]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *([Field.select("person")] if for_a_member else []),
            Field.radios("answer", legend_size=Size.SMALL),
            Field.textarea("comment"),
            Submit("submit", "Send the answer"),
        )


class RatifyForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What did the meeting decide?",
        choices=[("ratified", "Ratified"), ("not_ratified", "Not ratified")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the meeting ratified it"},
    )
    minute = forms.ModelChoiceField(
        label="The minute that records it (optional)",
        queryset=Minute.objects.none(),
        required=False,
    )
    note = forms.CharField(
        label="Note (needed if not ratified: what the meeting decided instead)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minute"].queryset = (
            meeting.minutes.order_by("number") if meeting else Minute.objects.none()
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("outcome", legend_size=Size.SMALL),
            Field.select("minute"),
            Field.textarea("note"),
            Submit("submit", "Record the ratification"),
        )


class WithdrawProposalForm(WithdrawForm):
    thing = "proposal"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = (
            "Those asked to decide it are emailed that it is withdrawn; the "
            "reason shows on its page."
        )
