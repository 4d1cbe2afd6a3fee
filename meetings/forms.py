import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.db.models import Q
from django.utils import formats, timezone

from hwbb import duedates
from hwbb.fields import DateField, iso_date
from meetings import resolutions
from meetings.models import (
    Action,
    AgendaItem,
    AgendaSection,
    Attendance,
    Body,
    Consideration,
    Declaration,
    Document,
    Interest,
    Meeting,
    Minute,
    Organisation,
    Person,
    PlannedItem,
    Report,
    ResolutionClause,
)
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
    closing_note = forms.CharField(
        label="Closing note (needed when the action is done or dropped)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("date"),
            Field.radios("status", legend_size=Size.SMALL),
            Field.text("percent_complete", field_width=3),
            Field.textarea("narrative"),
            Field.textarea("closing_note"),
            Submit("submit", "Save update"),
        )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("The date of an update cannot be in the future")
        agreed = self.action.agreed_on if self.action else None
        if agreed and date < agreed:
            raise forms.ValidationError(
                "The date of an update cannot be before the action was agreed, "
                f"on {formats.date_format(agreed, 'j F Y')}"
            )
        return date

    def clean(self):
        data = super().clean()
        closing = data.get("status") in Action.CLOSED
        if closing and not (data.get("closing_note") or "").strip():
            self.add_error(
                "closing_note",
                "Say what closed the action: what was done, or why it was dropped",
            )
        if data.get("status") == Action.Status.DONE and data.get(
            "percent_complete"
        ) not in (None, 100):
            self.add_error(
                "percent_complete", "An action that is done must be 100% complete"
            )
        newest = self._newest_update_date()
        if closing and data.get("date") and newest and data["date"] < newest:
            self.add_error(
                "date",
                "An update that closes the action must be dated on or after its "
                f"newest update, of {formats.date_format(newest, 'j F Y')}",
            )
        return data

    def _newest_update_date(self):
        """The newest update's date: an earlier one goes in the history and
        does not change the action's status, so it may not close it."""
        if self.action is None or self.action.pk is None:
            return None
        newest = self.action.updates.order_by("-date").values_list("date", flat=True)
        return newest.first()


def _meeting_must_be_of_body(form, data):
    meeting, body = data.get("meeting"), data.get("body")
    if meeting and body and meeting.body_id != body.pk:
        form.add_error("meeting", f"Choose a meeting of {body}")


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
        self.fields["section"].queryset = meeting.body.sections.all()
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
            Submit("submit", "Cancel the meeting", css_class="govuk-button--warning"),
        )


class PlannedItemForm(forms.ModelForm):
    report_deadline = DateField(label="Report deadline")

    class Meta:
        model = PlannedItem
        fields = ["meeting", "title", "report_author", "report_deadline", "notes"]
        labels = {"meeting": "Meeting", "report_author": "Report author"}

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
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
            Field.textarea("notes", rows=3),
            Submit("submit", "Add to the forward plan"),
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
        return data


class AttendanceForm(forms.Form):
    """One status (and perhaps a substitute) per current member of the body."""

    def __init__(self, *args, meeting, members, **kwargs):
        super().__init__(*args, **kwargs)
        recorded = {a.person_id: a for a in meeting.attendances.all()}
        self.members = members
        choices = [("", "Not recorded"), *Attendance.Status.choices]
        people = Person.objects.order_by("family_name", "given_names")
        # Read once for every row's substitute list (the template loops over it).
        self.people = list(people)
        for person in members:
            record = recorded.get(person.pk)
            self.fields[f"status_{person.pk}"] = forms.ChoiceField(
                label=f"{person}: attendance",
                choices=choices,
                required=False,
                initial=record.status if record else "",
            )
            self.fields[f"substitute_{person.pk}"] = forms.ModelChoiceField(
                label=f"{person}: substitute",
                queryset=people,
                required=False,
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
                    f"Choose Substitute for {person}, or clear the substitute",
                )
        return data


class ReportForm(TagFields, forms.ModelForm):
    """The council's report template."""

    class Meta:
        model = Report
        fields = [
            "title",
            "body",
            "meeting",
            "presented_by",
            "authors",
            *Report.TEXT_FIELDS,
            "is_exempt",
            "exempt_paragraph",
            "primary_pillar",
            "secondary_pillars",
            "priorities",
        ]
        labels = {
            "body": "First considered by",
            "meeting": "Meeting",
            "presented_by": "Presenter line on the agenda",
            "purpose": "1. Purpose of the report",
            "recommendations": "2. Recommendations",
            "background": "3. Background",
            "options": "4. Options considered",
            "is_exempt": "Exempt: contains information to be considered in private",
            "exempt_paragraph": "Schedule 12A paragraph",
        }
        widgets = {"authors": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(start__gte=timezone.now())
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("body")
            .order_by("start")
        )
        self.fields["authors"].queryset = Person.objects.filter(user__isnull=False)
        text = [
            Field.textarea(name, rows=4)
            for name in (
                "purpose",
                "recommendations",
                "background",
                "options",
                "implications_financial",
                "implications_legal",
                "implications_equalities",
                "implications_climate",
                "implications_partners",
            )
        ]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("title"),
            Field.select("body"),
            Field.select("meeting"),
            Field.text("presented_by"),
            Field.checkboxes("authors", legend_size=Size.SMALL, small=True),
            *text,
            Field.checkbox("is_exempt"),
            Field.select("exempt_paragraph"),
            Field.select("primary_pillar"),
            Field.checkboxes("secondary_pillars", legend_size=Size.SMALL, small=True),
            Field.checkboxes("priorities", legend_size=Size.SMALL, small=True),
            Submit("submit", "Save draft"),
        )

    def clean(self):
        data = super().clean()
        _meeting_must_be_of_body(self, data)
        return data


class ReportReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[
            ("accept", "Accept and put it on the agenda"),
            ("return", "Return it to the author with comments"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to accept or return the report"},
    )
    comments = forms.CharField(
        label="Comments for the author",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    section = forms.ModelChoiceField(
        label="Agenda section", queryset=AgendaSection.objects.none(), required=False
    )
    urgency_reason = forms.CharField(
        label="Reason for the urgency (only if the agenda is late)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = report.body.sections.all()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("decision", legend_size=Size.SMALL),
            Field.textarea("comments"),
            Field.select("section"),
            Field.textarea("urgency_reason"),
            Submit("submit", "Record the decision"),
        )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comments", "").strip():
            self.add_error("comments", "Say what the author should change")
        return data


class DocumentForm(forms.Form):
    title = forms.CharField(
        max_length=300, error_messages={"required": "Give the document a title"}
    )
    kind = forms.ChoiceField(
        choices=Document.Kind.choices,
        initial=Document.Kind.APPENDIX,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label="File (PDF, Word, Excel or OpenDocument text)",
        error_messages={"required": "Choose a file to upload"},
    )
    is_exempt = forms.BooleanField(
        label="Exempt: only members and officers may see it", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = True
        self.helper.attrs = {"enctype": "multipart/form-data"}
        self.helper.layout = Layout(
            Field.text("title"),
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field("file"),
            Field.checkbox("is_exempt"),
            Submit("submit", "Upload"),
        )


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
        self.fields["agenda_item"].queryset = items.order_by("number", "sub_letter")
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


class ConsiderationForm(forms.ModelForm):
    class Meta:
        model = Consideration
        fields = ["body", "meeting", "outcome"]
        labels = {
            "body": "Then considered by",
            "meeting": "Meeting (optional)",
            "outcome": "Outcome (optional)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.select_related("body")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("body"),
            Field.select("meeting"),
            Field.text("outcome"),
            Submit("submit", "Add to the route"),
        )

    def clean(self):
        data = super().clean()
        _meeting_must_be_of_body(self, data)
        return data


class AttendeeForm(forms.Form):
    """Someone at the meeting who is not a member: another representative or an
    officer in attendance."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.order_by("family_name", "given_names"),
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="other", **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("person"),
            Field.radios("capacity", legend_size=Size.SMALL),
            Submit("add_other", "Add to the attendance"),
        )


class MinuteForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    number = forms.IntegerField(
        label="Minute number",
        required=False,
        min_value=1,
        help_text="Leave empty for the next number in the municipal year.",
    )

    class Meta:
        model = Minute
        fields = [
            "agenda_item",
            "title",
            "narrative",
            "is_exempt",
            "exempt_paragraph",
        ]
        labels = {
            "agenda_item": "Agenda item (leave empty for a minute with no item)",
            "narrative": "Minute",
            "is_exempt": "Exempt: considered in private",
            "exempt_paragraph": "Schedule 12A paragraph",
        }
        help_texts = {
            "narrative": 'Paragraphs and lists; "Minute 31/18" becomes a link.',
        }
        widgets = {"narrative": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by(
            "number", "sub_letter"
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("number", field_width=4),
            Field.select("agenda_item"),
            Field.text("title"),
            Field.textarea("narrative"),
            Field.checkbox("is_exempt"),
            Field.select("exempt_paragraph"),
            Field("version"),
            Submit("submit", "Save minute"),
        )

    def clean(self):
        data = super().clean()
        if data.get("is_exempt") and not data.get("exempt_paragraph"):
            self.add_error(
                "exempt_paragraph",
                "Choose the Schedule 12A paragraph for the exempt minute",
            )
        return data


class MinutesApproveForm(forms.Form):
    approved_at = forms.ModelChoiceField(
        label="Approved at the meeting of",
        queryset=Meeting.objects.none(),
        error_messages={"required": "Choose the meeting that approved the minutes"},
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_at"].queryset = (
            Meeting.objects.filter(body=meeting.body, start__gt=meeting.start)
            .select_related("body")
            .order_by("start")
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("approved_at"), Submit("submit", "Record the approval")
        )


class MinuteAmendmentForm(forms.Form):
    text = forms.CharField(
        label="The correction",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write the correction"},
    )
    reason = forms.CharField(
        label="Why it is needed",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Give the reason for the amendment"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.textarea("text"),
            Field.textarea("reason"),
            Submit("submit", "Record the amendment"),
        )


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
        self.fields["owner"].queryset = Person.objects.filter(
            actions__in=actions
        ).distinct()
        self.fields["organisation"].queryset = Organisation.objects.filter(
            actions__in=actions
        ).distinct()

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


class DecisionFilter(forms.Form):
    q = forms.CharField(label="Words in the decision", required=False, max_length=200)
    body = forms.ModelChoiceField(
        queryset=Body.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any board or committee",
    )
    verb = forms.ChoiceField(
        choices=[("", "Any kind of decision"), *ResolutionClause.Verb.choices],
        required=False,
    )
    pillar = forms.ModelChoiceField(
        queryset=Pillar.objects.all(), required=False, empty_label="Any pillar"
    )
    priority = forms.ModelChoiceField(
        queryset=Priority.objects.select_related("version"),
        required=False,
        empty_label="Any priority",
    )
    since = iso_date("From", example="2019-04-08")
    until = iso_date("To", example="2019-07-08")

    def apply(self, resolutions):
        if not self.is_valid():
            return resolutions.none()
        data = self.cleaned_data
        if data["q"]:
            resolutions = resolutions.filter(
                Q(clauses__text__icontains=data["q"])
                | Q(minute__title__icontains=data["q"])
            )
        if data["body"]:
            resolutions = resolutions.filter(minute__meeting__body=data["body"])
        if data["verb"]:
            resolutions = resolutions.filter(clauses__verb=data["verb"])
        if data["pillar"]:
            resolutions = resolutions.tagged(pillar=data["pillar"])
        if data["priority"]:
            resolutions = resolutions.tagged(priority=data["priority"])
        if data["since"]:
            resolutions = resolutions.filter(
                minute__meeting__start__date__gte=data["since"]
            )
        if data["until"]:
            resolutions = resolutions.filter(
                minute__meeting__start__date__lte=data["until"]
            )
        return resolutions.distinct()


class ResolutionForm(forms.Form):
    preamble = forms.CharField(
        label='Preamble (optional): the words between "RESOLVED that" and the colon',
        required=False,
        max_length=1000,
    )
    clauses = forms.CharField(
        label="Resolution",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One clause a line, as the minutes print them: (1), (2) for clauses, "
        "(i), (ii) for sub-clauses of the clause above; or a single resolution with no "
        "number.",
        error_messages={"required": "Write the resolution"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("preamble"),
            Field.textarea("clauses"),
            Submit("submit", "Save the resolution"),
        )

    def clean_clauses(self):
        try:
            return resolutions.parse(self.cleaned_data["clauses"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
