"""Governance objects in the API.

Rows come from each model's `visible_to(user)`; an exempt (Part 2) agenda
item or minute whose `closed` property says the reader may not read it gives
only what the public agenda shows: the open title and the Schedule 12A
paragraph.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers
from rest_framework.settings import api_settings

from hwbb.api import AbsoluteUrl, OtherNames
from hwbb.api_filters import END_BEFORE_START
from meetings import search, services
from meetings.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Body,
    Document,
    Interest,
    Meeting,
    Membership,
    Minute,
    Organisation,
    Person,
    Resolution,
    ResolutionClause,
    UrgentDecision,
)
from strategy.models import Pillar, Priority
from strategy.serializers import TaggedSerializer


class WebUrlMixin(serializers.Serializer):
    """`web_url`: the row's page on the site."""

    web_url = AbsoluteUrl()


class ClosedContentMixin(serializers.Serializer):
    """Exempt rows the reader may not see show only their open fields; every
    row says its Schedule 12A paragraph in words."""

    exempt_paragraph = serializers.CharField(
        source="get_exempt_paragraph_display",
        default=None,
        allow_null=True,
        read_only=True,
    )

    CLOSED_BLANK = ()
    CLOSED_NULL = ()
    CLOSED_EMPTY = ()

    def to_representation(self, row):
        data = super().to_representation(row)
        if row.closed:
            data["title"] = row.public_title
            for field in self.CLOSED_BLANK:
                data[field] = None if field in self.CLOSED_NULL else ""
            for field in self.CLOSED_EMPTY:
                data[field] = []
        return data


class OrganisationSerializer(serializers.ModelSerializer):
    other_names = OtherNames()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kind",
            "other_names",
            "parent",
            "successor",
            "active_from",
            "active_to",
        ]


class BodySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    web_url = AbsoluteUrl(lambda body: reverse("meetings:body", args=[body.slug]))

    class Meta:
        model = Body
        fields = [
            "slug",
            "name",
            "short_name",
            "kind",
            "parent",
            "meets_in_public",
            "terms_of_reference",
            "web_url",
        ]


class PersonSerializer(serializers.ModelSerializer):
    """A person as the minutes name them; never their email or account."""

    name = serializers.CharField(source="display_name", read_only=True)
    other_names = OtherNames()

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "honorific",
            "given_names",
            "family_name",
            "other_names",
            "job_title",
            "organisation",
        ]


class MembershipSerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    person_name = serializers.CharField(source="person.display_name", read_only=True)
    on_behalf_of_name = serializers.CharField(
        source="on_behalf_of.name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Membership
        fields = [
            "id",
            "body",
            "person",
            "person_name",
            "role",
            "on_behalf_of",
            "on_behalf_of_name",
            "voting",
            "start",
            "end",
        ]


class InterestSerializer(serializers.ModelSerializer):
    """An entry in a member's register of interests, as the public register
    shows it. Entries removed from public view under the retention schedule
    reach only officers (and the member), with the day they were removed."""

    person_name = serializers.CharField(source="person.display_name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Interest
        fields = [
            "id",
            "person",
            "person_name",
            "kind",
            "kind_label",
            "organisation",
            "organisation_name",
            "description",
            "start",
            "end",
            "reviewed_on",
            "withdrawn_from_public_on",
        ]


class MeetingSerializer(WebUrlMixin, serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="__str__", read_only=True)
    ocd_url = AbsoluteUrl(lambda meeting: reverse("api:ocd_event", args=[meeting.pk]))

    class Meta:
        model = Meeting
        fields = [
            "id",
            "body",
            "name",
            "start",
            "end",
            "status",
            "previous_start",
            "venue",
            "online_link",
            "agenda_status",
            "agenda_published_at",
            "minutes_status",
            "minutes_published_at",
            "cancellation_reason",
            "web_url",
            "ocd_url",
        ]


class AgendaItemSerializer(ClosedContentMixin, WebUrlMixin, TaggedSerializer):
    # An exempt item's tags are closed content too (AgendaItem.tags_shown).
    CLOSED_BLANK = (
        "presenter",
        "description",
        "urgency_reason",
        "report",
        "primary_pillar",
    )
    CLOSED_NULL = ("report", "primary_pillar")
    CLOSED_EMPTY = ("secondary_pillars", "priorities")

    section = serializers.CharField(source="section.name", default="", read_only=True)
    reference = serializers.CharField(read_only=True)
    order = serializers.CharField(source="dotted_order", read_only=True)
    report = serializers.IntegerField(
        source="readable_report_id",
        read_only=True,
        allow_null=True,
        help_text="The item's report, if the reader may read it.",
    )

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "section",
            "reference",
            "order",
            "title",
            "kind",
            "presenter",
            "description",
            "is_exempt",
            "exempt_paragraph",
            "is_urgent",
            "urgency_reason",
            "page_start",
            "page_end",
            "report",
            *TaggedSerializer.TAG_FIELDS,
            "web_url",
        ]


class DocumentSerializer(serializers.ModelSerializer):
    meeting = serializers.IntegerField(
        source="report.meeting_id", read_only=True, allow_null=True
    )
    is_current = serializers.SerializerMethodField()
    download_url = AbsoluteUrl(
        lambda paper: reverse("meetings:document", args=[paper.pk])
    )

    class Meta:
        model = Document
        fields = [
            "id",
            "report",
            "meeting",
            "title",
            "kind",
            "file_type",
            "size",
            "page_count",
            "version",
            "is_current",
            "is_exempt",
            "uploaded_at",
            "download_url",
        ]

    def get_is_current(self, document) -> bool:
        return not hasattr(document, "replaced_by")


class MinuteSerializer(ClosedContentMixin, WebUrlMixin, serializers.ModelSerializer):
    CLOSED_BLANK = ("narrative",)

    reference = serializers.CharField(read_only=True)

    class Meta:
        model = Minute
        fields = [
            "id",
            "meeting",
            "agenda_item",
            "reference",
            "number",
            "municipal_year",
            "title",
            "narrative",
            "is_exempt",
            "exempt_paragraph",
            "web_url",
        ]


class ClauseSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(
        source="parent.label", default=None, allow_null=True, read_only=True
    )
    recommended_to = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )

    class Meta:
        model = ResolutionClause
        fields = ["id", "label", "parent", "text", "verb", "kind", "recommended_to"]


class ResolutionSerializer(WebUrlMixin, TaggedSerializer):
    meeting = serializers.IntegerField(source="minute.meeting_id", read_only=True)
    minute_reference = serializers.CharField(source="minute.reference", read_only=True)
    minute_title = serializers.CharField(source="minute.title", read_only=True)
    clauses = ClauseSerializer(many=True, read_only=True)

    class Meta:
        model = Resolution
        fields = [
            "id",
            "minute",
            "meeting",
            "minute_reference",
            "minute_title",
            "preamble",
            "clauses",
            *TaggedSerializer.TAG_FIELDS,
            "web_url",
        ]


class UrgentDecisionSerializer(ClosedContentMixin, WebUrlMixin, TaggedSerializer):
    """A decision taken between meetings; an exempt one the reader may not
    read gives its open title, kind, dates and status only."""

    CLOSED_BLANK = (
        "decision",
        "reasons",
        "options_considered",
        "conflicts",
        "deadline_source",
        "consultation",
        "ratification_note",
        "primary_pillar",
    )
    CLOSED_NULL = ("primary_pillar",)
    CLOSED_EMPTY = ("secondary_pillars", "priorities")

    body = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    taken_by = serializers.CharField(
        source="taken_by.display_name", default=None, allow_null=True, read_only=True
    )
    ratification_meeting = serializers.IntegerField(
        source="ratification_item.meeting_id",
        default=None,
        allow_null=True,
        read_only=True,
    )

    class Meta:
        model = UrgentDecision
        fields = [
            "id",
            "body",
            "kind",
            "status",
            "title",
            "is_exempt",
            "exempt_paragraph",
            "decision",
            "reasons",
            "options_considered",
            "conflicts",
            "deadline",
            "deadline_source",
            "consultation",
            "taken_on",
            "taken_by",
            "ratification_item",
            "ratification_meeting",
            "ratified_on",
            "ratification_note",
            *TaggedSerializer.TAG_FIELDS,
            "web_url",
        ]


class ActionUpdateSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author_label", read_only=True)

    class Meta:
        model = ActionUpdate
        fields = ["date", "author", "status", "percent_complete", "narrative"]


# What `Action.rag` gives: an officer's or the worked-out colour, "complete"
# for a done action and "" for a dropped one (not rated).
RAG_CHOICES = [*Action.Rag.choices, (Action.COMPLETE, "Complete"), ("", "Not rated")]


class ActionSerializer(WebUrlMixin, TaggedSerializer):
    body = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    minute_reference = serializers.CharField(
        source="minute.reference", default=None, allow_null=True, read_only=True
    )
    owner_person_name = serializers.CharField(
        source="owner_person.display_name",
        default=None,
        allow_null=True,
        read_only=True,
    )
    owner_organisation_name = serializers.CharField(
        source="owner_organisation.name", default=None, allow_null=True, read_only=True
    )
    rag = serializers.ChoiceField(
        choices=RAG_CHOICES,
        allow_blank=True,
        read_only=True,
        help_text="red, amber, green, complete (done), or empty (dropped): worked "
        "out from the due date and progress unless an officer set it.",
    )
    rag_label = serializers.CharField(read_only=True, help_text="The RAG in words.")
    rag_set_by_officer = serializers.BooleanField(
        source="rag_is_set_by_officer", read_only=True
    )
    is_overdue = serializers.BooleanField(read_only=True)
    updates = ActionUpdateSerializer(many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "title",
            "description",
            "body",
            "minute",
            "minute_reference",
            "resolution_clause",
            "owner_person",
            "owner_person_name",
            "owner_organisation",
            "owner_organisation_name",
            "due_date",
            "due_text",
            "status",
            "percent_complete",
            "rag",
            "rag_label",
            "rag_set_by_officer",
            "is_overdue",
            "closing_note",
            *TaggedSerializer.TAG_FIELDS,
            "updates",
            "web_url",
        ]

    def to_representation(self, action):
        return super().to_representation(action)


# A service's errors of the whole update, under REST framework's name for them.
NON_FIELD = {NON_FIELD_ERRORS: api_settings.NON_FIELD_ERRORS_KEY}


class ActionProgressSerializer(serializers.Serializer):
    """An owner's update through the API: the JSON read into the fields the
    action page's form takes, and recorded by the same service, whose rules
    refuse it with the same messages."""

    date = serializers.DateField(
        required=False, help_text="The date of the update; today if left out."
    )
    status = serializers.ChoiceField(choices=Action.Status.choices)
    percent_complete = serializers.IntegerField(min_value=0, max_value=100)
    narrative = serializers.CharField(max_length=5000)
    closing_note = serializers.CharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        help_text="Needed when the action is done or dropped.",
    )

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action

    def to_internal_value(self, data):
        """A field this does not take is an error: {"title": ...} would
        otherwise answer 200 and change nothing."""
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                takes = ", ".join(self.fields)
                raise serializers.ValidationError(
                    {
                        name: [f"An update cannot change {name!r}; it takes {takes}."]
                        for name in unknown
                    }
                )
        return super().to_internal_value(data)

    def validate(self, data):
        return {"date": timezone.localdate(), **data}

    def create(self, validated_data):
        """Record the update (`services.action_add_update`); its refusal is
        this request's 400, each field's messages in words."""
        try:
            update, _created = services.action_add_update(
                action=self.action, **validated_data
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(_by_field(error)) from error
        return update


def _by_field(error):
    """A service's ValidationError as REST framework says one: each field's
    messages, and those of the whole update under its non-field key."""
    if not hasattr(error, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return {
        NON_FIELD.get(field, field): messages
        for field, messages in error.message_dict.items()
    }


class SearchQuerySerializer(serializers.Serializer):
    """What /api/search/ is asked: the search page's filters, with a priority
    by its slug as elsewhere in the API."""

    q = serializers.CharField(max_length=search.MAX_QUERY_LENGTH)
    body = serializers.SlugRelatedField(
        slug_field="slug", queryset=Body.objects.all(), required=False
    )
    since = serializers.DateField(required=False)
    until = serializers.DateField(required=False)
    pillar = serializers.PrimaryKeyRelatedField(
        queryset=Pillar.objects.all(), required=False
    )
    priority = serializers.SlugRelatedField(
        slug_field="slug", queryset=Priority.objects.all(), required=False
    )
    type = serializers.ChoiceField(choices=search.KIND_CHOICES, required=False)
    page = serializers.IntegerField(min_value=1, required=False, default=1)

    def validate(self, data):
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            raise serializers.ValidationError({"until": [END_BEFORE_START]})
        return data

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.visible_to(user)


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    web_url = AbsoluteUrl(lambda hit: hit.url)
    date = serializers.DateField(allow_null=True)
    body = serializers.CharField(source="body_name")
    headline = serializers.CharField(help_text="HTML: the match in <mark>.")
    rank = serializers.FloatField()


class SearchResultSerializer(serializers.Serializer):
    count = serializers.IntegerField(source="total")
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    results = SearchHitSerializer(source="hits", many=True)
