"""Public questions: the resident's form, and the officer's refusal, merge and
record of the answer."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.contrib.auth.models import AnonymousUser

from meetings.models import QUESTION_MAX_CHARS, AgendaItem, PublicQuestion


def items_the_public_may_ask_about(meeting):
    """The meeting's items the public may see, and no private one: read as a
    reader who is not signed in, whoever fills in the form, so a member's
    view of the draft or of exempt business never reaches the choices."""
    return (
        AgendaItem.objects.visible_to(AnonymousUser())
        .filter(meeting=meeting, is_exempt=False)
        .exclude(section__is_private=True)
        .select_related("section")
        .in_agenda_order()
    )


class _ItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, item):
        return f"{item.reference}. {item.title}"


class QuestionForm(forms.ModelForm):
    agenda_item = _ItemChoice(
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label="None: the board's work in general",
        label="Which agenda item is it about?",
        error_messages={"invalid_choice": "Choose an item of this meeting's agenda"},
    )
    text = forms.CharField(
        label="Your question, or what you would like to speak about",
        help_text="Say what you would like the board to answer, or what you "
        "would like to speak about. It is read out at the meeting.",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=QUESTION_MAX_CHARS,
        error_messages={
            "required": "Enter your question, or what you would like to say",
            "max_length": f"Keep it to {QUESTION_MAX_CHARS:,} characters or "
            "fewer: it is read out at the meeting",
        },
    )

    class Meta:
        model = PublicQuestion
        fields = [
            "kind",
            "agenda_item",
            "text",
            "name",
            "organisation",
            "lived_experience",
            "email",
        ]
        labels = {
            "kind": "What would you like to do?",
            "name": "Your full name",
            "organisation": "Organisation you represent (optional)",
            "lived_experience": "I speak from my own experience (lived experience)",
            "email": "Email address",
        }
        help_texts = {
            "name": "Published with your question if it is accepted.",
            "organisation": "Leave this empty if you are asking as a resident.",
            "lived_experience": "",
            "email": "We send you a confirmation and tell you the decision. "
            "It is never published.",
        }
        error_messages = {
            "name": {"required": "Enter your full name"},
            "email": {
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, "
                "like name@example.com",
            },
        }
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = items_the_public_may_ask_about(meeting)
        self.fields["kind"].choices = PublicQuestion.Kind.choices
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.SMALL),
            Field.select("agenda_item"),
            Field.textarea("text", rows=8, max_characters=QUESTION_MAX_CHARS),
            Field.text("name"),
            Field.text("organisation"),
            Field.checkbox("lived_experience"),
            Field.text("email"),
            Submit("submit", "Send"),
        )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class RefuseQuestionForm(forms.Form):
    refusal_reason = forms.CharField(
        label="Why is it refused?",
        help_text="The sender is told this by email. It is not published.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Say why it is refused"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.textarea("refusal_reason", rows=3),
            Submit("submit", "Refuse it", css_class="govuk-button--warning"),
        )


class MergeQuestionForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=PublicQuestion.objects.none(),
        label="Merge it into which question?",
        help_text="The other is answered for both; the sender is told.",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the question to merge it into",
            "invalid_choice": "Choose another question for this meeting",
        },
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            PublicQuestion.objects.filter(
                meeting=question.meeting_id,
                status__in=[
                    PublicQuestion.Status.SUBMITTED,
                    PublicQuestion.Status.ACCEPTED,
                ],
            )
            .exclude(pk=question.pk)
            .order_by("submitted_at", "pk")
        )
        self.fields["into"].label_from_instance = lambda q: (
            f"{q.name}: {q.text[:120]} ({q.get_status_display().lower()})"
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("into", legend_size=Size.SMALL),
            Submit("submit", "Merge it"),
        )


class AnswerQuestionForm(forms.ModelForm):
    answer = forms.CharField(
        label="The answer given at the meeting",
        help_text="For a request to speak, a note of what was said and any "
        "reply. Published in the minutes and on the question's page.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        error_messages={"required": "Enter the answer given at the meeting"},
    )

    class Meta:
        model = PublicQuestion
        fields = ["answer", "answered_by"]
        labels = {"answered_by": "Who answered (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.textarea("answer", rows=6),
            Field.text("answered_by"),
            Submit("submit", "Save the answer"),
        )
