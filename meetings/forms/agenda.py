import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.utils import timezone

from hwbb.fields import DateField
from meetings.models import (
    AgendaItem,
    AgendaSection,
    Attendance,
    Meeting,
    Person,
    PlannedItem,
)
from strategy.forms import TagFields

SECTION_HELP = (
    "The item goes at the end of this section, before any other business. "
    "An exempt item goes in a private section."
)
SECTION_REQUIRED = "Choose the agenda section this item goes in"


def offer_sections(field, body, *, required=True):
    """Offer the body's agenda sections in a form's section field; where the
    body has sections, one must be chosen (`AgendaItem.check_placement`)."""
    field.queryset = body.sections.all()
    field.help_text = SECTION_HELP
    field.required = required and field.queryset.exists()
    field.error_messages["required"] = SECTION_REQUIRED


class TimeField(forms.TimeField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%H:%M", "%H.%M", "%I.%M%p", "%I:%M%p"])
        kwargs.setdefault(
            "error_messages",
            {"invalid": "Enter a time like 14:00", "required": "Enter the time"},
        )
        super().__init__(**kwargs)


def _when(date, time):
    return timezone.make_aware(datetime.datetime.combine(date, time))


class MeetingForm(forms.ModelForm):
    date = DateField(label="Date")
    start_time = TimeField(label="Start time", help_text="For example, 14:00")
    end_time = TimeField(label="End time (optional)", required=False)
    online_link = forms.URLField(
        label="Online link (optional)", required=False, assume_scheme="https"
    )

    class Meta:
        model = Meeting
        fields = ["body", "venue", "online_link", "contact_officer"]
        labels = {"body": "Board or committee", "online_link": "Online link (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].initial = "Committee Room 3 - Council House"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("body"),
            Field("date"),
            Field.text("start_time", field_width=5),
            Field.text("end_time", field_width=5),
            Field.text("venue"),
            Field.text("online_link"),
            Field.select("contact_officer"),
            Submit("submit", "Create meeting"),
        )

    def clean(self):
        data = super().clean()
        date, start = data.get("date"), data.get("start_time")
        if date and start:
            if _when(date, start) <= timezone.now():
                self.add_error("date", "The meeting must be in the future")
            end = data.get("end_time")
            if end and end <= start:
                self.add_error("end_time", "The end time must be after the start time")
        return data

    def save(self, commit=True):
        meeting = super().save(commit=False)
        data = self.cleaned_data
        meeting.start = _when(data["date"], data["start_time"])
        if data.get("end_time"):
            meeting.end = _when(data["date"], data["end_time"])
        return meeting


class AgendaItemForm(TagFields, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "section",
            "title",
            "kind",
            "presenter",
            "description",
            "page_start",
            "page_end",
            "is_exempt",
            "exempt_paragraph",
            "open_title",
            "is_urgent",
            "urgency_reason",
            "primary_pillar",
            "secondary_pillars",
            "priorities",
        ]
        labels = {
            "title": "Title (the closed title, if the item is exempt)",
            "presenter": "Presenter",
            "is_exempt": "Exempt: to be considered in private (Part 2)",
            "exempt_paragraph": "Schedule 12A paragraph",
            "open_title": "Open title, shown to the public",
            "is_urgent": "Urgent item",
            "urgency_reason": "Reason for the urgency",
        }
        help_texts = {
            "presenter": 'For example, "Report of the Director of Public Health '
            'and Wellbeing"',
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        offer_sections(self.fields["section"], meeting.body)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("section"),
            Field.text("title"),
            Field.select("kind"),
            Field.text("presenter"),
            Field.textarea("description", rows=3),
            Field.text("page_start", field_width=4),
            Field.text("page_end", field_width=4),
            Field.checkbox("is_exempt"),
            Field.select("exempt_paragraph"),
            Field.text("open_title"),
            Field.checkbox("is_urgent"),
            Field.textarea("urgency_reason", rows=2),
            Field.select("primary_pillar"),
            Field.checkboxes("secondary_pillars", legend_size=Size.SMALL, small=True),
            Field.checkboxes("priorities", legend_size=Size.SMALL, small=True),
            Submit("submit", "Save item"),
        )

    def clean(self):
        data = super().clean()
        if data.get("is_exempt"):
            if not data.get("exempt_paragraph"):
                self.add_error(
                    "exempt_paragraph",
                    "Choose the Schedule 12A paragraph that makes the item exempt",
                )
            if not data.get("open_title"):
                self.add_error("open_title", "Give an open title the public may see")
        if data.get("is_urgent") and not (data.get("urgency_reason") or "").strip():
            self.add_error("urgency_reason", "Give the reason the item is urgent")
        start, end = data.get("page_start"), data.get("page_end")
        if start and end and end < start:
            self.add_error("page_end", "The last page cannot come before the first")
        return data


class PublishForm(forms.Form):
    late_reason = forms.CharField(
        label="Reason for the urgency",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed only when the agenda is published with fewer than five "
        "clear working days' notice. It is shown on the meeting page.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.textarea("late_reason"), Submit("submit", "Publish the agenda")
        )


class RescheduleForm(forms.Form):
    date = DateField(label="New date")
    start_time = TimeField(label="Start time")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("date"),
            Field.text("start_time", field_width=5),
            Submit("submit", "Reschedule the meeting"),
        )

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("start_time"):
            data["start"] = _when(data["date"], data["start_time"])
            if data["start"] <= timezone.now():
                self.add_error("date", "The new date must be in the future")
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is the meeting cancelled?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason the meeting is cancelled"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.textarea("reason"),
            Submit(
                "submit", "Yes, cancel this meeting", css_class="govuk-button--warning"
            ),
        )


class PlannedItemForm(forms.ModelForm):
    report_deadline = DateField(label="Report deadline")
    statutory_deadline = DateField(
        label="Deadline set outside the board (optional)",
        required=False,
        help_text=PlannedItem._meta.get_field("statutory_deadline").help_text,
    )

    class Meta:
        model = PlannedItem
        fields = [
            "meeting",
            "title",
            "report_author",
            "report_deadline",
            "statutory_deadline",
            "deadline_source",
            "notes",
        ]
        labels = {
            "meeting": "Meeting",
            "report_author": "Report author",
            "deadline_source": "What sets that deadline",
        }

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["meeting"].required = True
        self.fields["meeting"].error_messages["required"] = "Choose the meeting"
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(body=body, start__gte=timezone.now())
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("body")
            .order_by("start")
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("meeting"),
            Field.text("title"),
            Field.select("report_author"),
            Field("report_deadline"),
            Field("statutory_deadline"),
            Field.text("deadline_source"),
            Field.textarea("notes", rows=3),
            Submit(
                "submit",
                "Save" if self.instance.pk else "Add to the forward plan",
            ),
        )

    def clean(self):
        data = super().clean()
        deadline, meeting = data.get("report_deadline"), data.get("meeting")
        if deadline and deadline < timezone.localdate():
            self.add_error(
                "report_deadline", "The report deadline cannot be in the past"
            )
        elif deadline and meeting and deadline > timezone.localdate(meeting.start):
            self.add_error(
                "report_deadline", "The report deadline must be before the meeting"
            )
        if data.get("statutory_deadline") and not data.get("deadline_source"):
            self.add_error("deadline_source", "Say what sets the deadline")
        return data


class PlannedToAgendaForm(forms.Form):
    """Put a planned item on its meeting's agenda: the section it goes in and,
    if the agenda is late, the reason for the urgency."""

    section = forms.ModelChoiceField(
        label="Agenda section", queryset=AgendaSection.objects.none()
    )
    urgency_reason = forms.CharField(
        label="Reason for the urgency (only if the agenda is late)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        offer_sections(self.fields["section"], meeting.body)
        if not self.fields["section"].queryset.exists():
            del self.fields["section"]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *([Field.select("section")] if "section" in self.fields else []),
            Field.textarea("urgency_reason", rows=2),
            Submit("submit", "Put it on the agenda"),
        )


class AttendanceForm(forms.Form):
    """One status (and perhaps a substitute) per seat on the body, showing
    what is recorded: a member whose seat a substitute took shows
    "Substituted" and the substitute, so saving it again changes nothing."""

    STATUS_CHOICES = [
        ("", "Not recorded"),
        (Attendance.Status.PRESENT, "Present"),
        (Attendance.Status.APOLOGIES, "Apologies"),
        (Attendance.Status.SUBSTITUTE, "Substituted"),
        (Attendance.Status.ABSENT, "Absent"),
    ]

    def __init__(self, *args, meeting, members, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        people = Person.objects.visible_to(user).order_by("family_name", "given_names")
        # Read once for every row's substitute list (the template loops over it).
        self.people = list(people)
        recorded = _recorded_seats(meeting)
        for person in members:
            status, substitute = recorded.get(person.pk, ("", None))
            self.fields[f"status_{person.pk}"] = forms.ChoiceField(
                label=f"{person}: attendance",
                choices=self.STATUS_CHOICES,
                required=False,
                initial=status,
            )
            self.fields[f"substitute_{person.pk}"] = forms.ModelChoiceField(
                label=f"{person}: substitute",
                queryset=people,
                required=False,
                initial=substitute,
            )

    def rows(self):
        """[(person, status field, substitute field)] for the template."""
        return [
            (p, self[f"status_{p.pk}"], self[f"substitute_{p.pk}"])
            for p in self.members
        ]

    def cleaned_rows(self):
        data = self.cleaned_data
        return [
            (p, data.get(f"status_{p.pk}"), data.get(f"substitute_{p.pk}"))
            for p in self.members
        ]

    def clean(self):
        data = super().clean()
        for person in self.members:
            status = data.get(f"status_{person.pk}")
            substitute = data.get(f"substitute_{person.pk}")
            if status == Attendance.Status.SUBSTITUTE and substitute is None:
                self.add_error(
                    f"substitute_{person.pk}", f"Choose who substituted for {person}"
                )
            if substitute is not None and status != Attendance.Status.SUBSTITUTE:
                self.add_error(
                    f"status_{person.pk}",
                    f"Choose Substituted for {person}, or clear the substitute",
                )
        return data


def _recorded_seats(meeting):
    """{member pk: (status as the form shows it, substitute pk or None)}.

    A member whose seat a substitute took shows "substitute" with the
    substitute; a member recorded as a substitute themselves (as an import may
    say) was there, and shows as present."""
    rows = list(meeting.attendances.all())
    shown = {
        a.person_id: (
            Attendance.Status.PRESENT
            if a.status == Attendance.Status.SUBSTITUTE
            else a.status,
            None,
        )
        for a in rows
    }
    for a in rows:
        if a.substitute_for_id:
            shown[a.substitute_for_id] = (Attendance.Status.SUBSTITUTE, a.person_id)
    return shown


class AttendeeForm(forms.Form):
    """Someone at the meeting who is not a member: another representative or an
    officer in attendance."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        error_messages={"required": "Choose who attended"},
    )
    capacity = forms.ChoiceField(
        label="Attending as",
        choices=[
            (Attendance.Capacity.OTHER_REPRESENTATIVE, "Other representative"),
            (Attendance.Capacity.OFFICER, "Officer in attendance"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they attended"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, prefix="other", **kwargs)
        self.fields["person"].queryset = Person.objects.visible_to(user).order_by(
            "family_name", "given_names"
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("person"),
            Field.radios("capacity", legend_size=Size.SMALL),
            Submit("add_other", "Add to the attendance"),
        )
