"""The strategy's priorities and the frameworks' pillars, read-only and public."""

import django_filters
from rest_framework import viewsets

from hwbb.api_filters import (
    FilterSet,
    IdChoiceFilter,
    SlugChoiceFilter,
    StrictBooleanFilter,
)
from strategy.models import Pillar, Priority
from strategy.serializers import PillarSerializer, PrioritySerializer


class PillarFilter(FilterSet):
    framework = django_filters.CharFilter(
        field_name="framework__slug", label="Framework (slug, e.g. kings-fund)"
    )

    class Meta:
        model = Pillar
        fields = ["framework"]


class PillarViewSet(viewsets.ReadOnlyModelViewSet):
    """The pillars (or objectives) of every framework: the King's Fund's four
    first."""

    queryset = Pillar.objects.in_choice_order()
    serializer_class = PillarSerializer
    filterset_class = PillarFilter


class PriorityFilter(FilterSet):
    version = django_filters.CharFilter(
        field_name="version__key", label="Strategy version (e.g. 2019, 2023)"
    )
    current = StrictBooleanFilter(
        method="filter_current", label="In a strategy version current today"
    )
    pillar = django_filters.ModelChoiceFilter(
        field_name="pillars", queryset=Pillar.objects.all(), label="Pillar (id)"
    )

    class Meta:
        model = Priority
        fields = ["version", "current", "pillar", "kind"]

    def filter_current(self, queryset, name, value):
        in_force = queryset.in_force()
        return in_force if value else queryset.exclude(pk__in=in_force.values("pk"))


class PriorityViewSet(viewsets.ReadOnlyModelViewSet):
    """Every version's priorities, with their pillars, indicators and leads;
    review dates only for officers and each priority's leads."""

    queryset = (
        Priority.objects.select_related("version__successor", "predecessor")
        .prefetch_related("pillars__framework", "indicators", "leads")
        .order_by("version__period_start", "version__published", "number")
    )
    serializer_class = PrioritySerializer
    filterset_class = PriorityFilter
    lookup_field = "slug"

    def get_queryset(self):
        return super().get_queryset().for_reader(self.request.user)


class TagFilterSet(FilterSet):
    """`pillar` (primary or secondary, by id) and `priority` (by slug) for any
    tagged model."""

    pillar = IdChoiceFilter(
        queryset=Pillar.objects.all(), method="filter_tag", label="Pillar (id)"
    )
    priority = SlugChoiceFilter(
        queryset=Priority.objects.all(),
        to_field_name="slug",
        method="filter_tag",
        label="Priority (slug)",
    )

    def filter_tag(self, queryset, name, value):
        return queryset.tagged(**{name: value})
