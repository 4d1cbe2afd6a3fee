"""Governance objects through the API: read-only for the public, every list
and detail through the model's `visible_to(user)`; an action's owner (or a
lead of the organisation owning it, an officer or the chair) records progress
on it."""

import io

import django_filters
from django.contrib.auth.models import AnonymousUser
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import generics, serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from hwbb import pagecache
from hwbb.api import CachedReads, DateRangeFilterSet, VisibleViewSet
from hwbb.api_filters import FilterSet, StrictBooleanFilter, refuse_unknown_filters
from hwbb.api_pagination import OcdPagination
from hwbb.spreadsheets import write_rows
from meetings import search
from meetings.api import exports, opendata
from meetings.api.serializers import (
    ActionProgressSerializer,
    ActionSerializer,
    AgendaItemSerializer,
    BodySerializer,
    DocumentSerializer,
    InterestSerializer,
    MeetingSerializer,
    MembershipSerializer,
    MinuteSerializer,
    OrganisationSerializer,
    PersonSerializer,
    ResolutionSerializer,
    SearchQuerySerializer,
    SearchResultSerializer,
    UrgentDecisionSerializer,
)
from meetings.models import (
    Action,
    AgendaItem,
    Body,
    Document,
    Interest,
    Meeting,
    Membership,
    Minute,
    Organisation,
    Person,
    Report,
    Resolution,
    ResolutionClause,
    TaggedBusiness,
    UrgentDecision,
)
from strategy.api import TagFilterSet
from strategy.models import TAG_PREFETCH


@extend_schema_field(OpenApiTypes.STR)
class BodyChoiceFilter(django_filters.ModelChoiceFilter):
    """A board or committee by its slug, among those the reader may see."""

    def __init__(self, field_name="body", **kwargs):
        super().__init__(
            field_name=field_name,
            to_field_name="slug",
            queryset=Body.objects.all(),
            label="Board or committee (slug)",
            **kwargs,
        )


class BodyFilter(FilterSet):
    class Meta:
        model = Body
        fields = ["kind", "parent"]


class BodyViewSet(VisibleViewSet):
    model = Body
    serializer_class = BodySerializer
    filterset_class = BodyFilter
    lookup_field = "slug"

    def list_queryset(self, queryset):
        return queryset.select_related("parent")


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Partner organisations: who members represent and who owns actions."""

    queryset = Organisation.objects.all()
    serializer_class = OrganisationSerializer
    filterset_fields = ["kind"]


class PersonFilter(FilterSet):
    body = BodyChoiceFilter("memberships__body", distinct=True)

    class Meta:
        model = Person
        fields = ["body", "organisation"]


class PersonViewSet(VisibleViewSet):
    """People who sit on the boards: no email addresses or accounts."""

    model = Person
    serializer_class = PersonSerializer
    filterset_class = PersonFilter


class MembershipFilter(FilterSet):
    body = BodyChoiceFilter()
    current_on = django_filters.DateFilter(
        method="filter_current_on", label="Current on (YYYY-MM-DD)"
    )

    class Meta:
        model = Membership
        fields = ["body", "person", "on_behalf_of", "role", "current_on"]

    def filter_current_on(self, queryset, name, value):
        return queryset.current_on(value)


class MembershipViewSet(VisibleViewSet):
    """Who sits on which body, in what role, and on behalf of which
    organisation."""

    model = Membership
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter

    def list_queryset(self, queryset):
        return queryset.select_related("body", "person", "on_behalf_of")


class InterestFilter(FilterSet):
    body = BodyChoiceFilter("person__memberships__body", distinct=True)

    class Meta:
        model = Interest
        fields = ["person", "body", "kind"]


class InterestViewSet(VisibleViewSet):
    """The register of members' interests (Localism Act 2011, s29): the
    current entries of the people on the boards the reader may see. An entry
    is removed from public view when the member leaves (the retention
    schedule, /retention/)."""

    model = Interest
    serializer_class = InterestSerializer
    filterset_class = InterestFilter

    def get_queryset(self):
        return super().get_queryset().current()

    def list_queryset(self, queryset):
        return queryset.select_related("person", "organisation")


class MeetingFilter(DateRangeFilterSet, TagFilterSet):
    date_field = "start__date"
    body = BodyChoiceFilter()

    class Meta:
        model = Meeting
        fields = [
            "body",
            "since",
            "until",
            "status",
            "agenda_status",
            "minutes_status",
            "pillar",
            "priority",
        ]

    def filter_tag(self, queryset, name, value):
        """Meetings with an item or a decision tagged so, as the golden thread
        finds them."""
        business = TaggedBusiness(self.request.user, **{name: value})
        return queryset.filter(business.meetings())


class MeetingViewSet(CachedReads, VisibleViewSet):
    """Meetings: a meeting's row holds no exempt business, so every
    reader's answer is kept (per reader: private bodies' meetings)."""

    model = Meeting
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def list_queryset(self, queryset):
        return queryset.select_related("body").order_by("-start", "pk")


class AgendaItemFilter(DateRangeFilterSet, TagFilterSet):
    body = BodyChoiceFilter("meeting__body")

    class Meta:
        model = AgendaItem
        fields = ["meeting", "body", "since", "until", "pillar", "priority", "kind"]


class AgendaItemViewSet(VisibleViewSet):
    """Items of published agendas. An exempt item shows only its open title
    and paragraph to those who may not see it."""

    model = AgendaItem
    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilter

    def list_queryset(self, queryset):
        return (
            queryset.with_readable_report(self.request.user)
            .select_related("section", "primary_pillar__framework")
            .prefetch_related(*TAG_PREFETCH)
            .in_agenda_order("-meeting__start", "meeting_id")
        )


class DocumentFilter(DateRangeFilterSet, TagFilterSet):
    date_field = "report__meeting__start__date"
    meeting = django_filters.ModelChoiceFilter(
        field_name="report__meeting", queryset=Meeting.objects.all()
    )
    body = BodyChoiceFilter("report__body")
    current = StrictBooleanFilter(
        field_name="replaced_by", lookup_expr="isnull", label="Current versions only"
    )

    class Meta:
        model = Document
        fields = [
            "report",
            "meeting",
            "body",
            "since",
            "until",
            "kind",
            "current",
            "pillar",
            "priority",
        ]

    def filter_tag(self, queryset, name, value):
        """Papers of the reports tagged so."""
        reports = Report.objects.visible_to(self.request.user)
        return queryset.filter(report__in=reports.tagged(**{name: value}))


class DocumentViewSet(VisibleViewSet):
    """Papers and appendices; exempt ones only for those who may read them."""

    model = Document
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter

    def list_queryset(self, queryset):
        return queryset.select_related("report", "replaced_by").order_by(
            "-uploaded_at", "pk"
        )


class MinuteFilter(DateRangeFilterSet, TagFilterSet):
    body = BodyChoiceFilter("meeting__body")
    status = django_filters.ChoiceFilter(
        field_name="meeting__minutes_status",
        choices=Meeting.MinutesStatus.choices,
        label="Minutes status",
    )

    class Meta:
        model = Minute
        fields = [
            "meeting",
            "body",
            "since",
            "until",
            "municipal_year",
            "status",
            "pillar",
            "priority",
        ]

    def filter_tag(self, queryset, name, value):
        """Minutes of an item, or with a resolution, tagged so."""
        business = TaggedBusiness(self.request.user, **{name: value})
        return queryset.filter(business.minutes())


class MinuteViewSet(VisibleViewSet):
    """Published minutes; an exempt minute is "Exempt item" to those who may
    not read it."""

    model = Minute
    serializer_class = MinuteSerializer
    filterset_class = MinuteFilter

    def list_queryset(self, queryset):
        return queryset.order_by("-meeting__start", "number", "pk")


class ResolutionFilter(DateRangeFilterSet, TagFilterSet):
    date_field = "minute__meeting__start__date"
    meeting = django_filters.ModelChoiceFilter(
        field_name="minute__meeting", queryset=Meeting.objects.all()
    )
    body = BodyChoiceFilter("minute__meeting__body")
    verb = django_filters.ChoiceFilter(
        field_name="clauses__verb",
        choices=ResolutionClause.Verb.choices,
        distinct=True,
    )

    class Meta:
        model = Resolution
        fields = ["meeting", "body", "since", "until", "pillar", "priority", "verb"]


class ResolutionViewSet(VisibleViewSet):
    """Decisions: each resolution with its numbered clauses and their verbs."""

    model = Resolution
    serializer_class = ResolutionSerializer
    filterset_class = ResolutionFilter

    def list_queryset(self, queryset):
        return (
            queryset.select_related("minute", "primary_pillar__framework")
            .prefetch_related(
                *TAG_PREFETCH, "clauses__parent", "clauses__recommended_to"
            )
            .order_by("-minute__meeting__start", "-minute__number", "pk")
        )


class UrgentDecisionFilter(DateRangeFilterSet, TagFilterSet):
    date_field = "deadline"
    body = BodyChoiceFilter("body")
    status = django_filters.ChoiceFilter(choices=UrgentDecision.Status.choices)

    class Meta:
        model = UrgentDecision
        fields = ["body", "status", "since", "until", "pillar", "priority"]


class UrgentDecisionViewSet(VisibleViewSet):
    """Decisions taken between meetings (chair's action, written resolutions),
    with their deadline and ratification; `since`/`until` are on the deadline."""

    model = UrgentDecision
    serializer_class = UrgentDecisionSerializer
    filterset_class = UrgentDecisionFilter

    def list_queryset(self, queryset):
        return (
            queryset.select_related(
                "body", "taken_by", "ratification_item", "primary_pillar__framework"
            )
            .prefetch_related(*TAG_PREFETCH)
            .order_by("-deadline", "-pk")
        )


def _action_owners(request):
    """The people who own actions the reader may see: an owner's name is on
    the action, so choosing by it reveals nothing more."""
    actions = Action.objects.visible_to(getattr(request, "user", AnonymousUser()))
    return Person.objects.filter(pk__in=actions.values("owner_person"))


@extend_schema_field(OpenApiTypes.INT)
class OwnerChoiceFilter(django_filters.ModelChoiceFilter):
    pass


class ActionFilter(DateRangeFilterSet, TagFilterSet):
    owner_person = OwnerChoiceFilter(queryset=_action_owners, label="Owner (person id)")
    date_field = "due_date"
    since = django_filters.DateFilter(
        method="filter_since", label="Due on or after (YYYY-MM-DD)"
    )
    until = django_filters.DateFilter(
        method="filter_until", label="Due on or before (YYYY-MM-DD)"
    )
    body = BodyChoiceFilter()
    overdue = StrictBooleanFilter(method="filter_overdue", label="Overdue")

    class Meta:
        model = Action
        fields = [
            "body",
            "status",
            "owner_person",
            "owner_organisation",
            "since",
            "until",
            "overdue",
            "pillar",
            "priority",
        ]

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class ActionViewSet(CachedReads, VisibleViewSet):
    """Actions with their owners, due dates, status and progress updates.

    PATCH records a progress update: only the action's owner, a nominated
    lead of the organisation that owns it, a governance officer or the chair
    may, signed in or with a token. `rag` is worked out from the due date and
    progress unless an officer set it (`rag_set_by_officer`, with the reason
    in `rag_label`)."""

    model = Action
    serializer_class = ActionSerializer
    filterset_class = ActionFilter
    http_method_names = ["get", "patch", "head", "options"]

    def list_queryset(self, queryset):
        return (
            queryset.for_list()
            .select_related(
                "primary_pillar__framework", "resolution_clause__resolution__minute"
            )
            .prefetch_related(
                *TAG_PREFETCH, "updates__author", "updates__author_person"
            )
            .order_by("due_date", "pk")
        )

    @extend_schema(request=ActionProgressSerializer, responses=ActionSerializer)
    def partial_update(self, request, *args, **kwargs):
        action = self.get_object()
        if not action.may_update(request.user):
            raise PermissionDenied(
                "Only the action's owner, a nominated lead of the organisation "
                "that owns it, an officer or the chair may update it."
            )
        progress = ActionProgressSerializer(data=request.data, action=action)
        progress.is_valid(raise_exception=True)
        progress.save(user=request.user)
        action = self.get_queryset().get(pk=action.pk)
        return Response(self.get_serializer(action).data)


# -- Open Civic Data, Popolo and CSV --------------------------------------------------


OCD_EVENT = inline_serializer(
    "OcdEvent",
    fields={
        "_type": serializers.CharField(),
        "id": serializers.CharField(help_text="ocd-event/<uuid>, stable"),
        "name": serializers.CharField(),
        "description": serializers.CharField(),
        "classification": serializers.CharField(),
        "start_date": serializers.DateTimeField(),
        "end_date": serializers.CharField(help_text="With offset; blank if unknown"),
        "timezone": serializers.CharField(),
        "all_day": serializers.BooleanField(),
        "status": serializers.ChoiceField(
            choices=["cancelled", "tentative", "confirmed", "passed"]
        ),
        "location": serializers.DictField(),
        "participants": serializers.ListField(child=serializers.DictField()),
        "agenda": serializers.ListField(child=serializers.DictField()),
        "documents": serializers.ListField(child=serializers.DictField()),
        "links": serializers.ListField(child=serializers.DictField()),
        "media": serializers.ListField(child=serializers.DictField()),
        "sources": serializers.ListField(child=serializers.DictField()),
        "updated_at": serializers.DateTimeField(),
        "extras": serializers.DictField(),
    },
)


class OcdEventViewSet(VisibleViewSet):
    """Meetings as Open Civic Data events: agenda in dotted order, subjects
    carrying pillar and priority names, documents classed agenda or minutes,
    the minutes' status in extras."""

    model = Meeting
    filterset_class = MeetingFilter
    serializer_class = None
    pagination_class = OcdPagination

    def list_queryset(self, queryset):
        return queryset.select_related("body").order_by("-start", "pk")

    @extend_schema(responses=OCD_EVENT)
    @pagecache.api_answer
    def list(self, request, *args, **kwargs):
        meetings = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        events = opendata.ocd_events(meetings, user=request.user, request=request)
        return self.get_paginated_response(events)

    @extend_schema(responses=OCD_EVENT)
    @pagecache.api_answer
    def retrieve(self, request, *args, **kwargs):
        meeting = self.get_object()
        [event] = opendata.ocd_events([meeting], user=request.user, request=request)
        return Response(event)


@extend_schema(responses=OpenApiTypes.OBJECT)
@api_view(["GET"])
def popolo(request):
    """People, organisations (the partners and the boards) and memberships,
    with `on_behalf_of_id`, in Popolo's shape."""
    return Response(opendata.popolo(user=request.user))


EXPORT_SCHEMA = extend_schema(
    responses={(200, "text/csv"): OpenApiTypes.STR},
    description="CSV, one row each; the columns are listed in the README.",
    filters=True,
)


class CsvRenderer(BaseRenderer):
    """Only errors reach a renderer (the exports answer with their own CSV):
    as rows of field and message."""

    media_type = "text/csv"
    format = "csv"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = [["field", "error"]]
        for field, messages in (data or {}).items():
            for message in messages if isinstance(messages, list) else [messages]:
                rows.append([field, str(message)])
        stream = io.StringIO()
        write_rows(stream, rows)
        return stream.getvalue().encode()


class CsvExport(generics.GenericAPIView):
    """A list's rows as CSV, through the list's own visibility rule and
    filters (so the schema documents them, and schemathesis tries them)."""

    renderer_classes = [CsvRenderer, JSONRenderer]
    pagination_class = None
    list_view = None  # the API list whose rows and filters these are
    filename = columns = None

    def get_queryset(self):
        return self.list_view(request=self.request).get_queryset()

    def rows(self, queryset):
        raise NotImplementedError

    @EXPORT_SCHEMA
    def get(self, request):
        rows = self.rows(self.filter_queryset(self.get_queryset()))
        return exports.csv_response(self.filename, self.columns, rows, request=request)


class MeetingsCsv(CsvExport):
    list_view = MeetingViewSet
    filterset_class = MeetingFilter
    filename, columns = "meetings.csv", exports.MEETING_COLUMNS

    def rows(self, queryset):
        return exports.meeting_rows(self.request, queryset)


class DecisionsCsv(CsvExport):
    list_view = ResolutionViewSet
    filterset_class = ResolutionFilter
    filename, columns = "decisions.csv", exports.DECISION_COLUMNS

    def rows(self, queryset):
        return exports.decision_rows(
            self.request,
            queryset.select_related("minute__meeting__body"),
            verb=self.request.query_params.get("verb", ""),
        )


class ActionsCsv(CsvExport):
    list_view = ActionViewSet
    filterset_class = ActionFilter
    filename, columns = "actions.csv", exports.ACTION_COLUMNS

    def rows(self, queryset):
        return exports.action_rows(self.request, queryset)


class InterestsCsv(CsvExport):
    list_view = InterestViewSet
    filterset_class = InterestFilter
    filename, columns = "interests.csv", exports.INTEREST_COLUMNS

    def rows(self, queryset):
        return exports.interest_rows(self.request, queryset)


@extend_schema(
    parameters=[SearchQuerySerializer(user=AnonymousUser())],
    responses=SearchResultSerializer,
)
@api_view(["GET"])
def search_view(request):
    """Full-text search of agenda items, reports, minutes, decisions, actions
    and papers: what the search page finds for the same person, ranked, with
    the match highlighted."""
    asked = SearchQuerySerializer(data=request.query_params, user=request.user)
    refuse_unknown_filters(asked.fields, request.query_params)
    asked.is_valid(raise_exception=True)
    data = asked.validated_data
    result = search.search(
        request.user,
        data["q"],
        body=data.get("body"),
        since=data.get("since"),
        until=data.get("until"),
        pillar=data.get("pillar"),
        priority=data.get("priority"),
        kinds=[data["type"]] if data.get("type") else None,
        page=data["page"],
    )
    if not result.searchable:
        raise ValidationError({"q": [search.NOTHING_TO_SEARCH]})
    context = {"request": request}
    return Response(SearchResultSerializer(result, context=context).data)
